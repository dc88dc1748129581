// The matter state machine (诉求状态机) as one pure function: applying a command to a matter at a
// time gives the matter's new state, the timeline events to record and the three-rate counter
// deltas (三率) to book in each dimension cell, or a refusal when the matter's state does not
// allow it. The use cases, the demo generator and the dashboard benchmark all book counters
// through Apply, so there is one source of truth for the three rates. Who may act, and checks
// that need the store (the unit exists, the code is right), stay with the callers. Pure;
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/matter.hpp"
#include "domain/matter_rules.hpp"

namespace minqing::domain {

// What a caller asks of a matter. Build one with the functions below; texts are trimmed by the
// caller.
struct MatterCommand {
  MatterAction action = MatterAction::kStep;
  // The acting user (0 = the system). Accepting or replying makes them the matter's handler when
  // it has none.
  Id actor_id = 0;
  std::optional<Id> unit_id;     // kDispatch, kTransfer: the receiving unit.
  std::string unit_name;         // Its name, for the timeline.
  std::optional<Id> handler_id;  // kDispatch: the person named, if any.
  // The note of a dispatch, the reason of a transfer or return, the step, the reply (also of a
  // close on the spot or an intake answered on the spot), the supervision note, the name of
  // the level a matter is escalated to.
  std::string text;
  bool internal = false;  // kStep: an internal note rather than a handling step.
  std::vector<Id> attachment_ids;
  bool answer_on_spot = false;  // kAccept.
  std::optional<Id> target_id;  // kMerge, kAccept: the matter it duplicates.
  std::string target_number;    // Its receipt number.
  MatterStatus target_status = MatterStatus::kAccepted;
  bool solved = false;  // kConfirm: the resident's sign-off.
  int rating = 0;
  std::string proof;          // "sms_code", "resident_account", "callback"
  std::string due_date;       // kSupervise: YYYY-MM-DD, for the timeline.
  EscalationLevel level = 0;  // kEscalate: the level reached (TargetEscalationLevel).
};

// A new matter (status kAccepted, number given): accepted, optionally answered on the spot (a
// consultation) or merged into an open matter at once. Events and counters are at accepted_at.
MatterCommand AcceptCommand(Id actor_id, bool answer_on_spot, std::string reply,
                            std::optional<Id> target_id = std::nullopt,
                            std::string target_number = "",
                            MatterStatus target_status = MatterStatus::kAccepted);
MatterCommand DispatchCommand(Id actor_id, Id unit_id, std::string unit_name,
                              std::optional<Id> handler_id, std::string note);
MatterCommand UnitAcceptCommand(Id actor_id);
MatterCommand TransferCommand(Id actor_id, Id unit_id, std::string unit_name, std::string reason);
MatterCommand ReturnCommand(Id actor_id, std::string reason);
MatterCommand StepCommand(Id actor_id, std::string text, bool internal,
                          std::vector<Id> attachment_ids);
MatterCommand ReplyCommand(Id actor_id, std::string text);
MatterCommand CloseOnSpotCommand(Id actor_id, std::string reply);
MatterCommand MergeCommand(Id actor_id, Id target_id, std::string target_number,
                           MatterStatus target_status);
MatterCommand SuperviseCommand(Id actor_id, std::string note, std::string due_date);
// The resident's sign-off: solved closes the matter, not solved reopens it (重新办理).
MatterCommand ConfirmCommand(Id actor_id, bool solved, int rating, std::string comment,
                             std::string proof);
// `level_name`: the level's name in this deployment (EscalationLevelLabel), for the timeline.
MatterCommand EscalateCommand(EscalationLevel level, std::string level_name);

// A timeline entry to record at the transition's time, on the matter itself or, when
// `on_target`, on the matter it was merged into.
struct TimelineEvent {
  MatterEventKind kind = MatterEventKind::kNote;
  std::string text;
  bool internal = false;
  std::optional<Id> from_unit_id;
  std::optional<Id> to_unit_id;
  std::vector<Id> attachment_ids;
  bool on_target = false;
};

// Counters to add to one dimension cell on one China civil day.
struct CounterDelta {
  StatsDimension dimension = StatsDimension::kUnit;
  Id key = 0;
  Id key2 = 0;
  std::string path;
  DayNumber day = 0;
  RateCounters counters;
};

struct Refusal {
  std::string code;     // "matter.bad_state", "matter.same_unit", ...
  std::string message;  // Chinese, for people.
  // The form field at fault: then the refusal is an invalid input (validation.failed with this
  // field problem); without one, a conflict with the matter's state.
  std::string field;
};

struct Transition {
  std::optional<Refusal> refusal;  // Set: nothing else is.
  Matter matter;                   // The new state (updated_at is the caller's).
  Epoch at = 0;                    // When the events and counters happen.
  std::size_t county_index = 0;    // As Apply was given: where the township cells are.
  std::vector<TimelineEvent> events;
  std::vector<CounterDelta> counters;
  std::string audit_action;  // "matter.dispatch", ...
};

// A transition that changes nothing: refused with `code`, the Chinese `message` and the field
// it is about ("" for none). For the use cases built on Transition (state machine, requests,
// joint handling).
Transition RefuseTransition(std::string code, std::string message, std::string field = "");

// Appends a timeline event to `t` (at t.at when stored).
void AddTimelineEvent(Transition& t, MatterEventKind kind, std::string text, bool internal = false,
                      std::optional<Id> from_unit = std::nullopt,
                      std::optional<Id> to_unit = std::nullopt);

// Applies `command` to `matter` at `now` (kAccept: at matter.accepted_at).
//
// Counters, one delta per dimension cell (see README "The three rates (三率)"):
// - accept: received in the place cells (region, category, category_township, category_county);
//   answered on the spot also replied and replied on time;
// - dispatch, transfer: received in the unit cells (the receiving unit, and the person named by
//   a dispatch);
// - the unit's first acceptance: responded, and responded on time when by response_due_at, in
//   every cell (unit, person = the handler, place);
// - reply: replied, and on time when by due_at, in every cell; close on the spot: replied and on
//   time in the place cells;
// - sign-off: rated, solved, satisfied (rating 4 or 5) or reopened, in every cell;
// - the first escalation: overdue, in every cell.
// Returns, merges, steps and supervision book nothing.
// `county_index` places the township and the county of the category × township and category ×
// county cells (TownshipPath, CountyPath): 0, or 1 under a city root.
Transition Apply(const Matter& matter, const MatterCommand& command, Epoch now,
                 std::size_t county_index);

// Adds `counters` to the transition's cells at t.at, as Apply books them: the unit cells (the
// matter's unit and `person`) and/or the place cells (region, category, category × township,
// category × county).
void BookCounters(Transition& t, const RateCounters& counters, bool unit_cells, bool place_cells,
                  std::optional<Id> person);

// A merged duplicate that shares the outcome when the matter it was merged into is signed off
// solved: closed with the same rating, reply and proof; no counters.
Transition ShareOutcome(const Matter& duplicate, const Matter& closed_target, Epoch now);

// The text of a sign-off: "已解决，评价5星：谢谢" (also the outcome of its callback tasks).
std::string SignOffSummary(bool solved, int rating, std::string_view comment);
// 凭短信验证码, 凭本户居民账户, 经回访 ("" for an unknown proof).
std::string_view ProofLabel(std::string_view proof);

// The text of the internal event a merge leaves on its target, before the duplicate's number.
inline constexpr std::string_view kMergedMarker = "合并重复诉求 ";

}  // namespace minqing::domain
