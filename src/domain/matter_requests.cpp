#include "domain/matter_requests.hpp"

#include <utility>

#include "domain/enum_table.hpp"

namespace minqing::domain {
namespace {

constexpr EnumTable<MatterRequestKind, 2> kKinds{{{
    {MatterRequestKind::kExtension, "extension", "延期申请", "Extension"},
    {MatterRequestKind::kOutcome, "outcome", "办结类型申请", "Outcome"},
}}};

constexpr EnumTable<MatterRequestState, 3> kStates{{{
    {MatterRequestState::kPending, "pending", "待审批", "Pending"},
    {MatterRequestState::kApproved, "approved", "已同意", "Approved"},
    {MatterRequestState::kRefused, "refused", "不同意", "Refused"},
}}};

constexpr EnumTable<MatterOutcome, 3> kOutcomes{{{
    {MatterOutcome::kParked, "parked", "疑难/挂账", "Hard case (parked)"},
    {MatterOutcome::kUnfounded, "unfounded", "不属实", "Unfounded"},
    {MatterOutcome::kOutOfScope, "out_of_scope", "不属于受理范围", "Outside the remit"},
}}};

RequestTransition Refused(std::string code, std::string message, std::string field = "") {
  RequestTransition r;
  r.transition.refusal = Refusal{std::move(code), std::move(message), std::move(field)};
  return r;
}

std::string DateOf(Epoch instant) { return FormatDate(ChinaDay(instant)); }

Transition Start(const Matter& matter, Epoch now, std::size_t county_index) {
  Transition t;
  t.matter = matter;
  t.at = now;
  t.county_index = county_index;
  return t;
}

std::string WithNote(const std::string& note) { return note.empty() ? "" : "（" + note + "）"; }

}  // namespace

std::string_view MatterRequestKindCode(MatterRequestKind v) { return kKinds.Code(v); }
std::optional<MatterRequestKind> ParseMatterRequestKind(std::string_view s) {
  return kKinds.Parse(s);
}
std::string_view MatterRequestStateCode(MatterRequestState v) { return kStates.Code(v); }
std::string_view MatterRequestStateLabel(MatterRequestState v) { return kStates.Label(v); }
std::string_view MatterOutcomeCode(MatterOutcome v) { return kOutcomes.Code(v); }
std::optional<MatterOutcome> ParseMatterOutcome(std::string_view s) { return kOutcomes.Parse(s); }
std::string_view MatterOutcomeLabel(MatterOutcome v) { return kOutcomes.Label(v); }

ExtensionDue ExtensionDueAt(const WorkCalendar& calendar, Epoch current_due_at,
                            std::optional<int> working_days, std::optional<DayNumber> date) {
  ExtensionDue out;
  if (working_days.has_value() == date.has_value()) {
    out.refusal =
        Refusal{"matter.extension_date", "请填写延期后的办结日期或延长的工作日数", "due_date"};
    return out;
  }
  if (working_days) {
    if (*working_days < 1 || *working_days > 60) {
      out.refusal = Refusal{"matter.extension_date", "延长的工作日数应为1至60", "working_days"};
      return out;
    }
    out.due_at = calendar.DueAfterWorkingDays(current_due_at, *working_days);
    return out;
  }
  if (!calendar.IsWorkingDay(*date)) {
    out.refusal = Refusal{"matter.extension_date", "所选日期不是工作日", "due_date"};
    return out;
  }
  const Epoch due = ChinaDayEnd(*date);
  if (due <= current_due_at) {
    out.refusal = Refusal{"matter.extension_date", "延期后的日期应晚于当前办理期限", "due_date"};
    return out;
  }
  out.due_at = due;
  return out;
}

RequestTransition RequestExtension(const Matter& matter, const std::vector<MatterRequest>& requests,
                                   const RequestActor& actor, Id request_id,
                                   const std::string& reason, Epoch new_due_at, int max_extensions,
                                   Epoch now) {
  if (!CanPerform(matter.status, MatterAction::kRequestExtension)) {
    return Refused("matter.bad_state", "当前状态不能申请延期");
  }
  if (reason.empty()) return Refused("matter.reason_required", "请填写延期理由", "reason");
  if (PendingRequest(requests, MatterRequestKind::kExtension)) {
    return Refused("matter.extension_pending", "已有延期申请待审批，请等待审批结果");
  }
  if (ApprovedExtensions(requests) >= max_extensions) {
    return Refused("matter.extension_cap",
                   "该诉求已延期" + std::to_string(max_extensions) + "次，不能再申请延期");
  }
  if (new_due_at <= matter.due_at) {
    return Refused("matter.extension_date", "延期后的日期应晚于当前办理期限", "due_date");
  }
  RequestTransition r;
  r.transition = Start(matter, now, 0);
  MatterRequest& q = r.request;
  q.id = request_id;
  q.matter_id = matter.id;
  q.kind = MatterRequestKind::kExtension;
  q.unit_id = matter.unit_id;
  q.requested_by = actor.id;
  q.requested_by_name = actor.name;
  q.requested_at = now;
  q.reason = reason;
  q.old_due_at = matter.due_at;
  q.new_due_at = new_due_at;
  AddTimelineEvent(r.transition, MatterEventKind::kExtensionRequested,
                   "申请延期：办理期限由" + DateOf(matter.due_at) + "延至" + DateOf(new_due_at) +
                       "，理由：" + reason,
                   true);
  r.transition.audit_action = "matter.extension_request";
  return r;
}

RequestTransition DecideExtension(const Matter& matter, const MatterRequest& pending,
                                  const RequestActor& actor, bool approve,
                                  std::optional<Epoch> approved_due_at, const std::string& note,
                                  Epoch now, std::size_t county_index) {
  if (pending.kind != MatterRequestKind::kExtension ||
      pending.state != MatterRequestState::kPending || pending.matter_id != matter.id) {
    return Refused("matter.no_pending_request", "该诉求没有待审批的延期申请");
  }
  if (pending.requested_by == actor.id) {
    return Refused("matter.self_approval", "不能审批本人提出的申请");
  }
  if (!CanPerform(matter.status, MatterAction::kRequestExtension)) {
    return Refused("matter.bad_state", "当前状态不能审批延期");
  }
  if (!approve && note.empty()) {
    return Refused("matter.reason_required", "请填写不同意的理由", "note");
  }
  const Epoch due = approved_due_at.value_or(pending.new_due_at);
  if (approve && due <= matter.due_at) {
    return Refused("matter.extension_date", "延期后的日期应晚于当前办理期限", "due_date");
  }
  RequestTransition r;
  r.transition = Start(matter, now, county_index);
  r.request = pending;
  MatterRequest& q = r.request;
  q.state = approve ? MatterRequestState::kApproved : MatterRequestState::kRefused;
  q.decided_by = actor.id;
  q.decided_by_name = actor.name;
  q.decided_at = now;
  q.decision_note = note;
  q.old_due_at = matter.due_at;
  Transition& t = r.transition;
  if (approve) {
    q.new_due_at = due;
    t.matter.due_at = due;
    AddTimelineEvent(
        t, MatterEventKind::kExtensionApproved,
        "同意延期：办理期限由" + DateOf(matter.due_at) + "延至" + DateOf(due) + WithNote(note),
        true);
    BookCounters(t, RateCounters{.extended = 1}, true, true, matter.handler_id);
    t.audit_action = "matter.extension_approve";
  } else {
    AddTimelineEvent(t, MatterEventKind::kExtensionRefused,
                     "不同意延期，办理期限仍为" + DateOf(matter.due_at) + "，理由：" + note, true);
    t.audit_action = "matter.extension_refuse";
  }
  return r;
}

RequestTransition ProposeOutcome(const Matter& matter, const std::vector<MatterRequest>& requests,
                                 const RequestActor& actor, Id request_id, MatterOutcome outcome,
                                 const std::string& reason, const std::string& plan,
                                 const std::string& planned_date, Epoch now) {
  if (!CanPerform(matter.status, MatterAction::kProposeOutcome)) {
    return Refused("matter.bad_state", "诉求签收后、答复前才能申请办结类型");
  }
  if (reason.empty()) return Refused("matter.reason_required", "请填写理由和核实情况", "reason");
  if (PendingRequest(requests, MatterRequestKind::kOutcome)) {
    return Refused("matter.outcome_pending", "已有办结类型申请待审批，请等待审批结果");
  }
  if (outcome == MatterOutcome::kParked) {
    if (plan.empty()) return Refused("outcome.plan_required", "挂账须填写解决计划", "plan");
    auto day = ParseDate(planned_date);
    if (!day)
      return Refused("outcome.planned_date", "请填写计划解决日期（YYYY-MM-DD）", "planned_date");
    if (*day <= ChinaDay(now)) {
      return Refused("outcome.planned_date", "计划解决日期应晚于今天", "planned_date");
    }
  }
  RequestTransition r;
  r.transition = Start(matter, now, 0);
  MatterRequest& q = r.request;
  q.id = request_id;
  q.matter_id = matter.id;
  q.kind = MatterRequestKind::kOutcome;
  q.unit_id = matter.unit_id;
  q.requested_by = actor.id;
  q.requested_by_name = actor.name;
  q.requested_at = now;
  q.reason = reason;
  q.outcome = outcome;
  q.old_due_at = q.new_due_at = matter.due_at;
  if (outcome == MatterOutcome::kParked) {
    q.plan = plan;
    q.planned_date = planned_date;
  }
  std::string text = "申请按「" + std::string(MatterOutcomeLabel(outcome)) + "」办结：" + reason;
  if (outcome == MatterOutcome::kParked) {
    text += "；解决计划：" + plan + "（计划" + planned_date + "前解决）";
  }
  AddTimelineEvent(r.transition, MatterEventKind::kOutcomeProposed, std::move(text), true);
  r.transition.audit_action = "matter.outcome_propose";
  return r;
}

BookedHere WhereBooked(const Matter& matter, const std::vector<MatterEvent>& timeline) {
  std::optional<std::size_t> first_response, first_escalation, last_move;
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    switch (timeline[i].kind) {
      case MatterEventKind::kUnitAccepted:
        if (!first_response) first_response = i;
        break;
      case MatterEventKind::kEscalated:
        if (!first_escalation) first_escalation = i;
        break;
      case MatterEventKind::kDispatched:
      case MatterEventKind::kTransferred:
      case MatterEventKind::kReturned:
        last_move = i;
        break;
      default:
        break;
    }
  }
  BookedHere here;
  here.responded =
      matter.responded_at && first_response && (!last_move || *last_move < *first_response);
  here.overdue = matter.escalation_level > 0 && first_escalation &&
                 (!last_move || *last_move < *first_escalation);
  return here;
}

RequestTransition DecideOutcome(const Matter& matter, const MatterRequest& pending,
                                const RequestActor& actor, bool approve, const std::string& note,
                                const BookedHere& booked, Epoch now, std::size_t county_index) {
  if (pending.kind != MatterRequestKind::kOutcome ||
      pending.state != MatterRequestState::kPending || pending.matter_id != matter.id ||
      !pending.outcome) {
    return Refused("matter.no_pending_request", "该诉求没有待审批的办结类型申请");
  }
  if (pending.requested_by == actor.id) {
    return Refused("matter.self_approval", "不能审批本人提出的申请");
  }
  if (!CanPerform(matter.status, MatterAction::kProposeOutcome)) {
    return Refused("matter.bad_state", "当前状态不能审批办结类型");
  }
  if (!approve && note.empty()) {
    return Refused("matter.reason_required", "请填写不同意的理由", "note");
  }
  RequestTransition r;
  r.transition = Start(matter, now, county_index);
  r.request = pending;
  MatterRequest& q = r.request;
  q.state = approve ? MatterRequestState::kApproved : MatterRequestState::kRefused;
  q.decided_by = actor.id;
  q.decided_by_name = actor.name;
  q.decided_at = now;
  q.decision_note = note;
  Transition& t = r.transition;
  const MatterOutcome outcome = *pending.outcome;
  const std::string label(MatterOutcomeLabel(outcome));
  if (!approve) {
    AddTimelineEvent(t, MatterEventKind::kOutcomeRefused,
                     "不同意按「" + label + "」办结，继续办理，理由：" + note, true);
    t.audit_action = "matter.outcome_refuse";
    return r;
  }
  Matter& m = t.matter;
  if (outcome == MatterOutcome::kParked) {
    m.status = MatterStatus::kParked;
    AddTimelineEvent(t, MatterEventKind::kOutcomeApproved,
                     "经领导同意，按「疑难/挂账」处理：" + pending.plan + "（计划" +
                         pending.planned_date + "前解决）" + WithNote(note),
                     false);
  } else {
    m.status = MatterStatus::kClosed;
    m.closed_at = now;
    m.reply = "经核实，" + label + "：" + pending.reason;
    AddTimelineEvent(t, MatterEventKind::kOutcomeApproved,
                     "经领导同意，按「" + label + "」办结：" + pending.reason + WithNote(note),
                     false);
  }
  RateCounters unit;
  unit.excluded = 1;
  unit.received = -1;
  if (booked.responded) {
    unit.responded = -1;
    unit.responded_on_time =
        (matter.responded_at && *matter.responded_at <= matter.response_due_at) ? -1 : 0;
  }
  if (booked.overdue) unit.overdue = -1;
  BookCounters(t, unit, true, false, matter.handler_id);
  BookCounters(t, RateCounters{.excluded = 1}, false, true, std::nullopt);
  t.audit_action = "matter.outcome_approve";
  return r;
}

std::optional<MatterOutcome> ApprovedOutcome(const std::vector<MatterRequest>& requests) {
  std::optional<MatterOutcome> out;
  for (const auto& r : requests) {
    if (r.kind == MatterRequestKind::kOutcome && r.state == MatterRequestState::kApproved) {
      out = r.outcome;
    }
  }
  return out;
}

int ApprovedExtensions(const std::vector<MatterRequest>& requests) {
  int n = 0;
  for (const auto& r : requests) {
    n += r.kind == MatterRequestKind::kExtension && r.state == MatterRequestState::kApproved;
  }
  return n;
}

const MatterRequest* PendingRequest(const std::vector<MatterRequest>& requests,
                                    MatterRequestKind kind) {
  for (const auto& r : requests) {
    if (r.kind == kind && r.state == MatterRequestState::kPending) return &r;
  }
  return nullptr;
}

}  // namespace minqing::domain
