// Year-end report and vote (述职评议): the rules of a vote session without I/O. A session is
// about one assessed person in one village; it goes draft → open → closed → published. Voters
// get one-time codes (printed slips or SMS) and choose 满意 / 基本满意 / 不满意; a code votes
// once. The tally is published after the close; 满意率 is (满意 + 基本满意) / votes cast.
// Pure functions and constant tables; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/code_tables.hpp"
#include "domain/errors.hpp"
#include "domain/model.hpp"

namespace minqing::domain {

enum class VoteState { kDraft = 1, kOpen = 2, kClosed = 3, kPublished = 4 };
enum class VoteChoice { kSatisfied = 1, kBasic = 2, kUnsatisfied = 3 };

// Why a ballot was refused; each is counted per session for the organiser.
enum class BallotRefusal {
  kCodeUsed = 1,     // The code has voted already.
  kCodeForeign = 2,  // The code belongs to another session.
  kCodeUnknown = 3,  // No such code.
  kNotOpen = 4,      // Before the vote opens (or a session not yet opened).
  kClosed = 5,       // After the vote closed.
};

std::string_view VoteStateCode(VoteState state);
std::string_view VoteStateLabel(VoteState state);
std::optional<VoteState> ParseVoteState(std::string_view text);
std::string_view VoteChoiceCode(VoteChoice choice);
std::string_view VoteChoiceLabel(VoteChoice choice);
// Accepts the code ("satisfied") or the Chinese label ("满意").
std::optional<VoteChoice> ParseVoteChoice(std::string_view text);
inline constexpr std::array<VoteChoice, 3> kVoteChoices = {
    VoteChoice::kSatisfied, VoteChoice::kBasic, VoteChoice::kUnsatisfied};

// The stable error code ("vote.code_used") and the Chinese message of a refusal.
std::string_view BallotRefusalCode(BallotRefusal refusal);
std::string_view BallotRefusalMessage(BallotRefusal refusal);
std::optional<BallotRefusal> ParseBallotRefusal(std::string_view code);
inline constexpr std::array<BallotRefusal, 5> kBallotRefusals = {
    BallotRefusal::kCodeUsed, BallotRefusal::kCodeForeign, BallotRefusal::kCodeUnknown,
    BallotRefusal::kNotOpen, BallotRefusal::kClosed};

struct VoteSession {
  Id id = 0;
  Id region_id = 0;
  std::string region_path;
  Id assessed_user_id = 0;
  std::optional<Id> posting_id;  // The posting (驻村) it is about; linked once postings exist.
  std::string title;
  int year = 0;
  std::string report;     // 述职报告.
  std::string scorecard;  // The scorecard frozen at creation, JSON text ("{}" when none).
  Epoch opens_at = 0;
  Epoch closes_at = 0;
  VoteState state = VoteState::kDraft;
  std::optional<Epoch> issued_at;  // When the codes were issued (once per session).
  std::int64_t printed = 0;        // Codes printed on slips.
  std::int64_t texted = 0;         // Codes sent by SMS.
  std::optional<Id> created_by;
  Epoch created_at = 0;
  Epoch updated_at = 0;
  std::optional<Epoch> published_at;
  // Filled by queries.
  std::string region_name;
  std::string assessed_name;
};

struct VoteTally {
  std::int64_t satisfied = 0;
  std::int64_t basic = 0;
  std::int64_t unsatisfied = 0;
  std::int64_t Total() const { return satisfied + basic + unsatisfied; }
  // (满意 + 基本满意) / votes, in [0, 1]; 0 without votes.
  double SatisfactionRate() const;
  std::int64_t& operator[](VoteChoice choice);
  std::int64_t Of(VoteChoice choice) const;
};

// The limits on a session's texts and times.
inline constexpr std::size_t kVoteTitleMaxChars = 100;
inline constexpr std::size_t kVoteReportMaxChars = 20000;
inline constexpr std::size_t kVoteScorecardMaxBytes = 100000;

// The problems of a session's editable fields (title, year, report, period).
std::vector<FieldProblem> ValidateVoteSession(const VoteSession& session);

// Whether a ballot may be cast at `now`: nullopt when the session is open and `now` lies in
// [opens_at, closes_at); else kNotOpen or kClosed.
std::optional<BallotRefusal> BallotWindowRefusal(const VoteSession& session, Epoch now);

// One-time codes: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L).
inline constexpr std::string_view kVoteCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr std::size_t kVoteCodeLength = 10;
// Upper case, spaces and dashes removed, so "abcde-fghjk" reads as printed ("ABCDEFGHJK").
std::string NormalizeVoteCode(std::string_view text);
// "ABCDE-FGHJK", as printed on a slip.
std::string FormatVoteCode(std::string_view code);

}  // namespace minqing::domain
