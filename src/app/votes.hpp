// Year-end report and vote (述职评议) use cases. An organiser (votes.manage, in the village's
// scope, and never the assessed person) creates a session for a village and the person who
// reports, writes the report, opens the vote, issues the one-time codes once (printed slips, or
// SMS with slips for those who cannot get one), closes and publishes. Voters are the residents of
// the village on the village committees (村两委), the party members and the villager
// representatives (村民代表). Anyone with a code votes on the public page, once.
//
// Anonymity: a ballot marks its code's hash used and adds one to a per-choice counter in one
// transaction; no row records a time, an order or a voter, and ballots are not audited. Printed
// slips carry no name; for SMS, the outbox rows that carried codes are blanked at the close.
// Nobody (administrators and the assessed person included) reads the counters before the session
// is published; organisers see the turnout (codes used of codes issued) and the refused ballots.
//
// A session starts from a posting (驻村派驻): the assessed person is the posting's account and the
// village the posting's village. The scorecard is computed on the server at creation from the
// posting's scorecard for the year (app/scorecards) and frozen as JSON text; the request carries
// none.
// Thread-safety: safe to share between threads (state lives in the store).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/public_links.hpp"
#include "app/sms_sender.hpp"
#include "app/store.hpp"
#include "domain/votes.hpp"

namespace minqing::app {

struct VoteSessionInput {
  Id posting_id = 0;  // Required: the posting whose holder reports.
  std::string title;
  int year = 0;
  std::string report;
  domain::Epoch opens_at = 0;
  domain::Epoch closes_at = 0;
};

// A draft's editable fields; unset fields are kept.
struct VoteSessionPatch {
  std::optional<std::string> title;
  std::optional<std::string> report;
  std::optional<domain::Epoch> opens_at;
  std::optional<domain::Epoch> closes_at;
};

// What the staff page shows of a session.
struct VoteSessionView {
  domain::VoteSession session;
  std::int64_t eligible = 0;  // Voters of the village now.
  bool may_manage = false;    // The reader may act on it (votes.manage, not the assessed).
  // Organisers only: codes issued and used, refused ballots by reason.
  std::optional<std::int64_t> codes_issued;
  std::optional<std::int64_t> codes_used;
  std::optional<std::map<std::string, std::int64_t>> refusals;
  std::optional<domain::VoteTally> tally;  // Published sessions only.
};

enum class IssueChannel { kPrint, kSms };

struct IssuedSlip {
  std::string code;  // As printed: "ABCDE-FGHJK".
  std::string url;   // The ballot page with the code: <base>/v/<session>?c=<code>.
};

// The answer to issuing, given once: the slips' codes are never stored and cannot be shown again.
struct IssueResult {
  std::int64_t eligible = 0;
  std::int64_t texted = 0;
  std::vector<IssuedSlip> slips;  // One per voter not reached by SMS; empty with all texted.
  std::string slips_pdf;          // The slips as a PDF; empty without slips.
};

// The public ballot page and the board: no personal data beyond the assessed person's name.
struct PublicVote {
  domain::VoteSession session;             // report and scorecard included.
  std::optional<domain::VoteTally> tally;  // Published only.
};

class VoteService {
 public:
  explicit VoteService(Store& store);

  void SetSmsSender(std::unique_ptr<SmsSender> sender) { sms_ = std::move(sender); }
  void SetPublicLinks(const PublicLinks& links) { links_ = &links; }

  // Sessions of villages under `region_id` (default: the reader's scope), of `year` if given.
  std::vector<VoteSessionView> List(const Actor& actor, std::optional<Id> region_id,
                                    std::optional<int> year);
  VoteSessionView Get(const Actor& actor, Id id);
  // The village's voters (names and roles; phones masked), for the organiser.
  std::vector<EligibleVoter> Voters(const Actor& actor, Id id);

  VoteSessionView Create(const Actor& actor, const VoteSessionInput& input);
  VoteSessionView Update(const Actor& actor, Id id, const VoteSessionPatch& patch);
  VoteSessionView Open(const Actor& actor, Id id);
  // Issues one code per eligible voter, once per session (Conflict "vote.already_issued" after).
  // No channel (an unknown one) is InvalidInput, checked after the caller's scope.
  IssueResult Issue(const Actor& actor, Id id, std::optional<IssueChannel> channel);
  VoteSessionView Close(const Actor& actor, Id id);
  VoteSessionView Publish(const Actor& actor, Id id);

  // No login. A session that is not open yet reads as not found.
  PublicVote PublicPage(Id id);
  // Casts one ballot with `code` for `choice` at `now`. A refused code is counted by reason and
  // then thrown as Conflict with the reason's code (domain::BallotRefusalCode).
  void CastBallot(Id id, const std::string& code, const std::string& choice, domain::Epoch now);
  // The village's published results, newest first (the board).
  std::vector<PublicVote> PublishedResults(Id village_id, int limit);

 private:
  VoteSessionView View(StoreTx& tx, const Actor& actor, domain::VoteSession session);
  domain::VoteSession LoadForManage(StoreTx& tx, const Actor& actor, Id id);
  VoteSessionView Transition(const Actor& actor, Id id, domain::VoteState from,
                             domain::VoteState to, const char* action);

  Store& store_;
  const PublicLinks* links_ = nullptr;
  std::unique_ptr<SmsSender> sms_ = std::make_unique<OutboxSmsSender>();
};

// The hash under which a code is stored (SHA-256 of the normalised code).
std::string VoteCodeHash(const std::string& code);

}  // namespace minqing::app
