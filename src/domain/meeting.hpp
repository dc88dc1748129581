// Meetings that decide (议事会议): joint meetings (联席会), on-site meetings (现场会),
// heart-to-heart meetings (交心会), courtyard meetings (院坝会), leaders' reception days
// (四下基层接待日) and party representatives' reception (党代表工作室接待). A meeting's decisions
// (决定) each have an owner (an account or a unit) and a China-date deadline, and are followed to
// completion: marked done by the owner with a result note, or turned into a matter (诉求) that is
// then followed by its own state until the resident signs it off. Pure rules: codes, validation and
// the overdue test. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "domain/model.hpp"

namespace minqing::domain {

// Stable codes of the meeting kinds, in display order.
inline constexpr std::string_view kMeetingKinds[] = {
    "joint", "on_site", "heart_to_heart", "courtyard", "reception_day", "party_rep_reception"};
bool IsMeetingKind(std::string_view kind);
// The Chinese label of a kind ("联席会"), or the code itself when unknown.
std::string_view MeetingKindLabel(std::string_view kind);
// Reception days are public and bookable (a time slot at the host unit).
bool IsReceptionKind(std::string_view kind);

// Meeting states: planned, held, cancelled.
bool IsMeetingState(std::string_view state);

// Decision states: open (a tracked task), done (with a result note), matter (turned into a matter,
// followed by the matter's state).
inline constexpr std::string_view kDecisionOpen = "open";
inline constexpr std::string_view kDecisionDone = "done";
inline constexpr std::string_view kDecisionMatter = "matter";

inline constexpr std::size_t kMeetingTitleMaxChars = 100;
inline constexpr std::size_t kMeetingPlaceMaxChars = 100;
inline constexpr std::size_t kMeetingMinutesMaxChars = 20000;
inline constexpr std::size_t kDecisionTextMaxChars = 1000;
inline constexpr std::size_t kDecisionNoteMaxChars = 1000;

struct MeetingFields {
  std::string kind;
  std::string title;
  std::string date;   // YYYY-MM-DD (China)
  std::string start;  // HH:MM
  std::string end;    // HH:MM
  std::string place;
};

// Every problem of a meeting's fields (empty when fine).
std::vector<FieldProblem> CheckMeetingFields(const MeetingFields& fields);

// Whether "HH:MM" is a clock time.
bool IsClockTime(std::string_view text);

// A decision's text, owner and deadline. A decision without an owner is refused with the code
// "meeting.decision_needs_owner" (as its own InvalidInput, before any other problem), so that the
// caller can say exactly what is missing.
void CheckDecision(const std::string& text, bool has_owner_user, bool has_owner_unit,
                   const std::string& deadline);

// A decision is overdue when it is still open and its deadline (a China date) is before `today`
// (a China date, "YYYY-MM-DD").
bool DecisionOverdue(std::string_view state, std::string_view deadline, std::string_view today);

}  // namespace minqing::domain
