// Livelihood projects (民生项目): the pure rules. The kinds, states and classes a project, its
// team, its households' consent, its one-household plans (一户一策), its weekly cadence and its
// issue log use; which consent changes are allowed; when an issue counts as solved (a linked
// matter closed by the resident's sign-off, or a meeting decision); the dashboard's figures.
// No I/O; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "domain/matter.hpp"

namespace minqing::domain {

// Codes are stored as text ("old_compound", ...); the parsers return nullopt for anything else.
inline constexpr std::string_view kProjectKinds[] = {"old_compound", "road", "water", "other"};
inline constexpr std::string_view kProjectStates[] = {"planning", "in_progress", "done"};
// not_visited is where every household starts; a change always names a diary visit.
inline constexpr std::string_view kConsentStates[] = {"not_visited", "undecided", "agreed",
                                                      "refused"};
// A team member is a registry resident, a party member, an account, or an outside person.
inline constexpr std::string_view kTeamMemberKinds[] = {"resident", "party_member", "account",
                                                        "outside"};
inline constexpr std::string_view kCadenceKinds[] = {"progress_review", "onsite_office",
                                                     "safety_inspection"};
inline constexpr std::string_view kPlanStatuses[] = {"open", "done"};
// In the project itself, outside the project (solved on the way), after the project.
inline constexpr std::string_view kIssueClasses[] = {"in_project", "outside_project",
                                                     "after_project"};

bool IsProjectKind(std::string_view code);
bool IsProjectState(std::string_view code);
bool IsConsentState(std::string_view code);
bool IsTeamMemberKind(std::string_view code);
bool IsCadenceKind(std::string_view code);
bool IsPlanStatus(std::string_view code);
bool IsIssueClass(std::string_view code);

inline constexpr std::size_t kProjectNameMaxChars = 100;
inline constexpr std::size_t kProjectTextMaxChars = 2000;

// Problems with a project's name (1..100 characters), kind, state and description.
std::vector<FieldProblem> CheckProject(std::string_view name, std::string_view kind,
                                       std::string_view state, std::string_view description);

// Problems with a team member: the kind is known; "outside" needs a name (and may have an
// organisation and a phone); the other kinds need the id of what they name (`has_ref`).
std::vector<FieldProblem> CheckTeamMember(std::string_view kind, bool has_ref,
                                          std::string_view name, std::string_view phone);

// The visit a consent change names, as the rule sees it.
struct ConsentVisit {
  Id household_id = 0;
  std::optional<Id> project_id;  // The project the visit is linked to already, if any.
};

// Throws when a household of `project_id` may not move from `from` to `to` on `visit`:
// InvalidInput "project.bad_consent" (unknown state, or back to not_visited);
// InvalidInput "project.consent_needs_visit" (no visit, a visit of another household, or one
// linked to another project). Staying in the same state is allowed (a visit that changed nothing).
void CheckConsentChange(Id project_id, Id household_id, std::string_view from, std::string_view to,
                        const std::optional<ConsentVisit>& visit);

// Problems with an issue: a class, a text (1..2000), an owner, a due date.
std::vector<FieldProblem> CheckIssue(std::string_view issue_class, std::string_view text,
                                     std::string_view owner, std::optional<Epoch> due);

// What an issue's resolution looks like to the rule.
struct IssueResolution {
  std::optional<Id> matter_id;
  std::optional<MatterStatus> matter_status;  // The linked matter's state, read (never copied).
  std::optional<bool> matter_solved;          // The resident's answer at sign-off.
  std::string matter_confirmed_via;           // How it was signed off; "" never.
  std::optional<Id> decision_id;              // A meeting decision (议事会议的决定).
  std::string decision_state;                 // open, done or matter; read, never copied.
  // The matter the decision turned into, as it stands (when decision_state is "matter").
  std::optional<MatterStatus> decision_matter_status;
  std::optional<bool> decision_matter_solved;
  std::string decision_matter_confirmed_via;
};

// An issue is solved when its matter is closed by the resident's sign-off (closed, the resident
// said solved, and a sign-off channel is recorded), or when its meeting decision is followed to
// completion: marked done by its owner, or turned into a matter that the resident signed off.
bool IssueSolved(const IssueResolution& r);

// A meeting decision (会议决定) in `state` (open, done, matter) is followed to completion when its
// owner marked it done, or when the matter it became is closed by the resident's sign-off saying
// solved (the matter's status, the resident's answer and the sign-off's proof, "" for none).
bool DecisionCompleted(std::string_view state, std::optional<MatterStatus> matter_status,
                       std::optional<bool> matter_solved, std::string_view matter_confirmed_via);

// The dashboard's figures of one project.
struct ConsentCounts {
  std::int64_t not_visited = 0;
  std::int64_t undecided = 0;
  std::int64_t agreed = 0;
  std::int64_t refused = 0;
  void Add(std::string_view state);
  std::int64_t Total() const { return not_visited + undecided + agreed + refused; }
};

}  // namespace minqing::domain
