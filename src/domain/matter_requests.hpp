// What a handling unit asks of those above it on a matter (诉求), each decided by someone else:
// more time (延期申请), decided by a dispatcher; and an honest outcome (办结类型: 疑难/挂账,
// 不属实, 不属于受理范围), decided by a leader. The functions here are the rules of those requests
// as transitions of the matter state machine (matter_state_machine.hpp): the new matter, the
// request as written, its timeline events and the three-rate counters to book, or a refusal. Who
// may ask and decide is checked by the callers (app/matters/requests.hpp). Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/matter.hpp"
#include "domain/matter_state_machine.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::domain {

enum class MatterRequestKind { kExtension = 1, kOutcome = 2 };
enum class MatterRequestState { kPending = 1, kApproved = 2, kRefused = 3 };
// 办结类型 that take a matter out of the unit's assessment once a leader approves.
enum class MatterOutcome {
  kParked = 1,      // 疑难/挂账: cannot be solved now; a plan and a planned date.
  kUnfounded = 2,   // 不属实: what the resident reported is not so.
  kOutOfScope = 3,  // 不属于受理范围: not something the government handles.
};

struct MatterRequest {
  Id id = 0;
  Id matter_id = 0;
  MatterRequestKind kind = MatterRequestKind::kExtension;
  MatterRequestState state = MatterRequestState::kPending;
  std::optional<Id> unit_id;  // The unit that asked.
  Id requested_by = 0;
  std::string requested_by_name;  // Copied at write time.
  Epoch requested_at = 0;
  std::string reason;
  Epoch old_due_at = 0;  // Extension: the deadline when asked, and the one asked for (then the
  Epoch new_due_at = 0;  // one approved).
  std::optional<MatterOutcome> outcome;
  std::string plan;          // 挂账: what will be done.
  std::string planned_date;  // 挂账: by when (YYYY-MM-DD).
  std::optional<Id> decided_by;
  std::string decided_by_name;
  std::optional<Epoch> decided_at;
  std::string decision_note;  // The refusal's reason, or a note with the approval.
};

std::string_view MatterRequestKindCode(MatterRequestKind kind);  // "extension", "outcome"
std::optional<MatterRequestKind> ParseMatterRequestKind(std::string_view code);
std::string_view MatterRequestStateCode(MatterRequestState state);  // "pending", ...
std::string_view MatterRequestStateLabel(MatterRequestState state);
std::string_view MatterOutcomeCode(MatterOutcome outcome);  // "parked", "unfounded", ...
std::optional<MatterOutcome> ParseMatterOutcome(std::string_view code_or_label);
std::string_view MatterOutcomeLabel(MatterOutcome outcome);  // 疑难/挂账, 不属实, 不属于受理范围

// The deadline an extension asks for: `working_days` more working days after the current
// deadline, or the end of `date` (a working day after the current deadline). Exactly one is
// given; refused (matter.extension_date on "due_date" or "working_days") otherwise.
struct ExtensionDue {
  std::optional<Epoch> due_at;
  std::optional<Refusal> refusal;
};
ExtensionDue ExtensionDueAt(const WorkCalendar& calendar, Epoch current_due_at,
                            std::optional<int> working_days, std::optional<DayNumber> date);

struct RequestTransition {
  Transition transition;  // refusal, new matter, events, counters, audit action.
  MatterRequest request;  // As it is to be written (new, or decided).
};

// Who acts: the user and their name (for the request row and the timeline).
struct RequestActor {
  Id id = 0;
  std::string name;
};

// The unit asks for more time. `requests`: the matter's requests so far. Refusals:
// matter.bad_state, matter.reason_required (reason), matter.extension_pending (one is waiting),
// matter.extension_cap (max_extensions approved already), matter.extension_date (not after the
// current deadline). `request_id` names the new request. Books nothing.
RequestTransition RequestExtension(const Matter& matter, const std::vector<MatterRequest>& requests,
                                   const RequestActor& actor, Id request_id,
                                   const std::string& reason, Epoch new_due_at, int max_extensions,
                                   Epoch now);

// A dispatcher decides a pending extension. Approval moves due_at to `approved_due_at` (the date
// asked for unless the dispatcher set another, which must still be after the old deadline) and
// books `extended` in every cell; a refusal needs a reason (matter.reason_required on "note").
// Refusals: matter.no_pending_request, matter.self_approval (the one who asked may not decide),
// matter.extension_date, matter.bad_state.
RequestTransition DecideExtension(const Matter& matter, const MatterRequest& pending,
                                  const RequestActor& actor, bool approve,
                                  std::optional<Epoch> approved_due_at, const std::string& note,
                                  Epoch now, std::size_t county_index);

// The unit proposes an outcome. 挂账 needs a plan (outcome.plan_required) and a planned date after
// today (outcome.planned_date). Refusals: matter.bad_state, matter.reason_required,
// matter.outcome_pending. Books nothing; the matter stays as it is until a leader decides.
RequestTransition ProposeOutcome(const Matter& matter, const std::vector<MatterRequest>& requests,
                                 const RequestActor& actor, Id request_id, MatterOutcome outcome,
                                 const std::string& reason, const std::string& plan,
                                 const std::string& planned_date, Epoch now);

// Where the matter's earlier counters were booked, read from its timeline by the caller: whether
// its unit and person cells now are the ones its first response and its first escalation went to
// (no dispatch, transfer or return since).
struct BookedHere {
  bool responded = false;
  bool overdue = false;
};
BookedHere WhereBooked(const Matter& matter, const std::vector<MatterEvent>& timeline);

// A leader decides a pending outcome. Approval: 挂账 parks the matter (kParked: no more
// escalation), 不属实 and 不属于受理范围 close it (kClosed, with the outcome as the answer to the
// resident). The counters of an approval (README "The three rates (三率)"): `excluded` +1 in
// every cell; in the unit and person cells also received −1, responded −1 and responded_on_time −1
// when the first response was booked there and on time, overdue −1 when its escalation was
// booked there. A refusal (reason required) leaves the matter as it was and counted as any other.
// Refusals: matter.no_pending_request, matter.self_approval, matter.bad_state.
RequestTransition DecideOutcome(const Matter& matter, const MatterRequest& pending,
                                const RequestActor& actor, bool approve, const std::string& note,
                                const BookedHere& booked, Epoch now, std::size_t county_index);

// The approved outcome of a matter, if any (the latest approved outcome request).
std::optional<MatterOutcome> ApprovedOutcome(const std::vector<MatterRequest>& requests);
// Approved extensions.
int ApprovedExtensions(const std::vector<MatterRequest>& requests);
// The pending request of `kind`, if any.
const MatterRequest* PendingRequest(const std::vector<MatterRequest>& requests,
                                    MatterRequestKind kind);

// The default number of approved extensions a matter may have (setting
// matters.max_extensions).
inline constexpr int kDefaultMaxExtensions = 1;

}  // namespace minqing::domain
