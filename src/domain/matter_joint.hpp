// Joint handling (主办/协办) and the first-receiver rules for transfers and returns (首接负责,
// 退单), as pure functions beside the matter state machine (matter_state_machine.hpp).
//
// Joint handling: the matter's current unit leads (主办); a dispatcher names assisting units
// (协办单位). Each assisting unit signs for the matter, records its own steps and submits one
// assisting report (协办意见). The lead unit replies to the resident only when every assisting
// unit has reported (matter.assist_reports_missing names the others); a dispatcher may take an
// assisting unit off while the matter is open. Assisting units never reply, close, transfer,
// return or sign off: those stay with the lead unit and the callers' authorisation.
//
// Three rates: an assisting unit's work is booked in its own dimension (kAssistUnit): received
// when it is named, responded (on time by the matter's response deadline) when it signs, replied
// (on time by the matter's deadline) when it reports. The lead unit's cells are untouched.
//
// First-receiver rules: a transfer or return by the unit gives a reason from the configured list
// (RouteReasons) and a text; the matter may be transferred or returned by units at most `cap`
// times in total, and each unit may return it once. A unit that may no longer send it on raises a
// dispute (争议); a dispatcher decides which unit handles it, and that unit may no longer return
// or transfer it.
//
// Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "domain/matter.hpp"
#include "domain/matter_state_machine.hpp"
#include "domain/model.hpp"

namespace minqing::domain {

// An assisting unit's progress on one matter. The codes are stored: never renumber.
enum class AssistStatus {
  kAssigned = 1,  // 待签收: named, not yet signed for.
  kAccepted = 2,  // 协办中: signed for.
  kReported = 3,  // 已反馈: its assisting report is in.
};

struct MatterAssist {
  Id matter_id = 0;
  Id unit_id = 0;
  std::string unit_name;  // Filled by reads.
  AssistStatus status = AssistStatus::kAssigned;
  std::optional<Id> added_by;
  Epoch added_at = 0;
  std::optional<Epoch> accepted_at;
  std::optional<Id> accepted_by;
  std::optional<Epoch> reported_at;
  std::optional<Id> reported_by;
  std::string report;  // 协办意见.
};

// A dispute (争议) about which unit handles a matter, raised by its unit and decided by a
// dispatcher.
struct MatterDispute {
  Id id = 0;
  Id matter_id = 0;
  Id unit_id = 0;         // The unit that raised it (the matter's unit then).
  std::string unit_name;  // Filled by reads.
  Id raised_by = 0;
  Epoch raised_at = 0;
  std::string reason_code;  // From the route reasons.
  std::string reason;
  std::optional<Id> decided_by;
  std::optional<Epoch> decided_at;
  std::optional<Id> decided_unit_id;  // The unit that handles it from then on.
  std::string decided_unit_name;      // Filled by reads.
  std::string decision;               // The arbitration's reason.
  // Of the matter, filled by the pending list.
  std::string matter_number;
  std::string matter_title;
  bool Pending() const { return !decided_at.has_value(); }
};

std::string_view AssistStatusCode(AssistStatus status);  // "assigned", "accepted", "reported"
std::optional<AssistStatus> ParseAssistStatus(std::string_view code);
std::string_view AssistStatusLabel(AssistStatus status);  // 待签收, 协办中, 已反馈

// The reasons a unit may give for a transfer or a return (first-receiver rules); an
// administrator edits the list (settings). A reason is a short text; the one marked "须说明"
// (or any) needs the free text, which is always required.
inline constexpr std::string_view kRouteReasonsSetting = "matters.route_reasons";
inline constexpr std::string_view kRouteCapSetting = "matters.route_cap";
inline constexpr int kDefaultRouteCap = 2;
inline constexpr int kMaxRouteCap = 20;
inline constexpr std::size_t kMaxRouteReasons = 30;
inline constexpr std::size_t kMaxRouteReasonChars = 40;
std::vector<std::string> DefaultRouteReasons();
// The stored list (one reason a line) as reasons; the defaults when empty.
std::vector<std::string> ParseRouteReasons(std::string_view stored);
std::string FormatRouteReasons(const std::vector<std::string>& reasons);
// Problems of an edited list and cap: field "reasons" (none, too many, empty, too long,
// duplicates) and "cap" (1..kMaxRouteCap).
std::vector<FieldProblem> ValidateRouteSettings(const std::vector<std::string>& reasons, int cap);

// The transfers and returns made so far, from the matter's timeline: every transfer (by a unit
// or a dispatcher) and every return counts towards the cap.
struct RouteHistory {
  int routed = 0;               // Transfers and returns.
  std::vector<Id> returned_by;  // Units that returned it (from_unit_id of each return).
};
RouteHistory RouteHistoryOf(const std::vector<MatterEvent>& events);

// Why `unit_id` may not return (`is_return`) or transfer the matter now: a pending dispute
// (matter.dispute_pending), an arbitration that gave it to this unit (matter.dispute_decided),
// the unit's one return used (matter.return_once) or the cap reached (matter.transfer_cap).
std::optional<Refusal> CheckUnitRoute(const RouteHistory& history, int cap, Id unit_id,
                                      bool is_return, const std::vector<MatterDispute>& disputes);
// Checks a reason against the list: matter.return_reason_required on field reason_code when it
// is empty or not listed, matter.reason_required on field reason when the text is empty.
std::optional<Refusal> CheckRouteReason(const std::vector<std::string>& reasons,
                                        std::string_view reason_code, std::string_view reason);

// The transitions of joint handling. Each returns the matter unchanged (except an arbitration,
// which may move it), its timeline events, the counters of the assisting unit and the audit
// action; or a refusal.
//
// Adding: the matter open and with a lead unit (matter.bad_state), the unit not the lead
// (matter.assist_is_lead) and not already assisting (matter.assist_exists).
Transition AddAssist(const Matter& m, const std::vector<MatterAssist>& assists, Id unit_id,
                     const std::string& unit_name, Epoch now);
// matter.assist_not_found when the unit is not assisting.
Transition RemoveAssist(const Matter& m, const std::vector<MatterAssist>& assists, Id unit_id,
                        const std::string& unit_name, Epoch now);
// The assisting unit signs for it: open, assigned (matter.assist_bad_state otherwise).
Transition AcceptAssist(const Matter& m, const MatterAssist& assist, const std::string& unit_name,
                        Epoch now);
// An assisting unit's step (its own report on the way), marked with its unit.
Transition AssistStep(const Matter& m, const MatterAssist& assist, const std::string& unit_name,
                      const std::string& text, Epoch now);
// The assisting report: open, signed for and not yet reported (matter.assist_bad_state).
Transition ReportAssist(const Matter& m, const MatterAssist& assist, const std::string& unit_name,
                        const std::string& text, Epoch now);
// Whether the lead unit may reply: every assisting unit has reported, else
// matter.assist_reports_missing naming those that have not.
std::optional<Refusal> CheckAssistsReported(const std::vector<MatterAssist>& assists);

// The unit raises a dispute: the matter open with this unit leading, no dispute pending
// (matter.dispute_pending), and the unit no longer allowed to return it (CheckUnitRoute gives
// matter.return_once or matter.transfer_cap; otherwise matter.dispute_not_needed: return it).
Transition RaiseDispute(const Matter& m, const RouteHistory& history, int cap,
                        const std::vector<MatterDispute>& disputes, const std::string& reason_code,
                        const std::string& reason, Epoch now);
// The dispatcher's decision: the dispute pending (matter.dispute_not_pending), a reason. When
// the decided unit is not the current one the matter moves to it as a transfer does (dispatched,
// handler cleared, received in its unit cells); the caller sets its response deadline.
Transition DecideDispute(const Matter& m, const MatterDispute& dispute, Id unit_id,
                         const std::string& unit_name, const std::string& decision, Epoch now);

}  // namespace minqing::domain
