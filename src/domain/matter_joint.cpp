#include "domain/matter_joint.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "domain/enum_table.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/text.hpp"

namespace minqing::domain {
namespace {

constexpr EnumTable<AssistStatus, 3> kAssistStatuses{{{
    {AssistStatus::kAssigned, "assigned", "待签收", "To sign for"},
    {AssistStatus::kAccepted, "accepted", "协办中", "Assisting"},
    {AssistStatus::kReported, "reported", "已反馈", "Reported"},
}}};

Transition Start(const Matter& m, Epoch now, std::string audit_action) {
  Transition t;
  t.matter = m;
  t.at = now;
  t.audit_action = std::move(audit_action);
  return t;
}

void BookAssist(Transition& t, Id unit_id, const RateCounters& counters) {
  t.counters.push_back({StatsDimension::kAssistUnit, unit_id, 0, "", ChinaDay(t.at), counters});
}

// Open and with a lead unit: the statuses in which units work on a matter.
bool Handling(const Matter& m) {
  return m.unit_id &&
         (m.status == MatterStatus::kDispatched || m.status == MatterStatus::kInProgress);
}

const MatterAssist* FindAssist(const std::vector<MatterAssist>& assists, Id unit_id) {
  for (const auto& a : assists) {
    if (a.unit_id == unit_id) return &a;
  }
  return nullptr;
}

const MatterDispute* PendingDispute(const std::vector<MatterDispute>& disputes) {
  for (const auto& d : disputes) {
    if (d.Pending()) return &d;
  }
  return nullptr;
}

}  // namespace

std::string_view AssistStatusCode(AssistStatus status) { return kAssistStatuses.Code(status); }
std::optional<AssistStatus> ParseAssistStatus(std::string_view code) {
  return kAssistStatuses.Parse(code);
}
std::string_view AssistStatusLabel(AssistStatus status) { return kAssistStatuses.Label(status); }

std::vector<std::string> DefaultRouteReasons() {
  return {"不属于本单位职责", "地址/区域错误", "需要其他单位主办", "重复诉求", "其他（须说明）"};
}

std::vector<std::string> ParseRouteReasons(std::string_view stored) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= stored.size()) {
    std::size_t end = stored.find('\n', start);
    if (end == std::string_view::npos) end = stored.size();
    std::string line = Trim(stored.substr(start, end - start));
    if (!line.empty()) out.push_back(std::move(line));
    start = end + 1;
  }
  return out.empty() ? DefaultRouteReasons() : out;
}

std::string FormatRouteReasons(const std::vector<std::string>& reasons) {
  std::string out;
  for (const auto& r : reasons) out += (out.empty() ? "" : "\n") + r;
  return out;
}

std::vector<FieldProblem> ValidateRouteSettings(const std::vector<std::string>& reasons, int cap) {
  std::vector<FieldProblem> problems;
  std::set<std::string> seen;
  if (reasons.empty()) {
    problems.push_back({"reasons", "matter.route_reasons_empty", "请至少填写一条理由"});
  } else if (reasons.size() > kMaxRouteReasons) {
    problems.push_back({"reasons", "matter.route_reasons_too_many", "理由不能超过30条"});
  }
  for (const auto& r : reasons) {
    const std::string text = Trim(r);
    if (text.empty() || text.find('\n') != std::string::npos) {
      problems.push_back({"reasons", "matter.route_reason_empty", "理由不能为空或换行"});
      break;
    }
    if (Utf8Length(text) > kMaxRouteReasonChars) {
      problems.push_back({"reasons", "matter.route_reason_too_long", "每条理由不超过40个字"});
      break;
    }
    if (!seen.insert(text).second) {
      problems.push_back({"reasons", "matter.route_reason_duplicate", "理由重复：" + text});
      break;
    }
  }
  if (cap < 1 || cap > kMaxRouteCap) {
    problems.push_back({"cap", "matter.route_cap_range", "次数上限应为1到20"});
  }
  return problems;
}

RouteHistory RouteHistoryOf(const std::vector<MatterEvent>& events) {
  RouteHistory h;
  for (const auto& e : events) {
    if (e.kind == MatterEventKind::kTransferred) {
      ++h.routed;
    } else if (e.kind == MatterEventKind::kReturned) {
      ++h.routed;
      if (e.from_unit_id) h.returned_by.push_back(*e.from_unit_id);
    }
  }
  return h;
}

std::optional<Refusal> CheckUnitRoute(const RouteHistory& history, int cap, Id unit_id,
                                      bool is_return, const std::vector<MatterDispute>& disputes) {
  if (PendingDispute(disputes)) {
    return Refusal{"matter.dispute_pending", "该诉求有待裁定的争议，裁定前不能转办或退单", ""};
  }
  for (const auto& d : disputes) {
    if (d.decided_unit_id == unit_id) {
      return Refusal{"matter.dispute_decided", "已裁定由本单位办理，不能再转办或退单", ""};
    }
  }
  if (is_return && std::count(history.returned_by.begin(), history.returned_by.end(), unit_id)) {
    return Refusal{"matter.return_once", "本单位已退过一次该诉求，不能再次退单，可提出争议", ""};
  }
  if (history.routed >= cap) {
    return Refusal{"matter.transfer_cap",
                   "该诉求已转办或退单" + std::to_string(history.routed) +
                       "次，达到上限，不能再转办或退单，可提出争议",
                   ""};
  }
  return std::nullopt;
}

std::optional<Refusal> CheckRouteReason(const std::vector<std::string>& reasons,
                                        std::string_view reason_code, std::string_view reason) {
  if (reason_code.empty() ||
      std::find(reasons.begin(), reasons.end(), std::string(reason_code)) == reasons.end()) {
    return Refusal{"matter.return_reason_required", "请从列表中选择理由", "reason_code"};
  }
  if (Trim(reason).empty()) {
    return Refusal{"matter.reason_required", "请填写具体说明", "reason"};
  }
  return std::nullopt;
}

Transition AddAssist(const Matter& m, const std::vector<MatterAssist>& assists, Id unit_id,
                     const std::string& unit_name, Epoch now) {
  if (!Handling(m))
    return RefuseTransition("matter.bad_state", "只有已派单、办理中的诉求可以增加协办单位");
  if (m.unit_id == unit_id) {
    return RefuseTransition("matter.assist_is_lead", "主办单位不能同时作为协办单位", "unit_id");
  }
  if (FindAssist(assists, unit_id)) {
    return RefuseTransition("matter.assist_exists", "该单位已是协办单位", "unit_id");
  }
  Transition t = Start(m, now, "matter.assist_add");
  AddTimelineEvent(t, MatterEventKind::kAssistAdded, "增加协办单位：" + unit_name, false,
                   std::nullopt, unit_id);
  BookAssist(t, unit_id, RateCounters{.received = 1});
  return t;
}

Transition RemoveAssist(const Matter& m, const std::vector<MatterAssist>& assists, Id unit_id,
                        const std::string& unit_name, Epoch now) {
  if (!IsOpen(m.status) || m.status == MatterStatus::kReplied) {
    return RefuseTransition("matter.bad_state", "当前状态不能撤销协办单位");
  }
  if (!FindAssist(assists, unit_id)) {
    return RefuseTransition("matter.assist_not_found", "该单位不是协办单位", "unit_id");
  }
  Transition t = Start(m, now, "matter.assist_remove");
  AddTimelineEvent(t, MatterEventKind::kAssistRemoved, "撤销协办单位：" + unit_name, true, unit_id);
  return t;
}

Transition AcceptAssist(const Matter& m, const MatterAssist& assist, const std::string& unit_name,
                        Epoch now) {
  if (!Handling(m)) return RefuseTransition("matter.bad_state", "当前状态不能执行此操作");
  if (assist.status != AssistStatus::kAssigned) {
    return RefuseTransition("matter.assist_bad_state", "本单位已签收该协办诉求");
  }
  Transition t = Start(m, now, "matter.assist_accept");
  AddTimelineEvent(t, MatterEventKind::kAssistAccepted, "协办单位" + unit_name + "已签收", false,
                   assist.unit_id);
  BookAssist(t, assist.unit_id,
             RateCounters{.responded = 1, .responded_on_time = now <= m.response_due_at});
  return t;
}

Transition AssistStep(const Matter& m, const MatterAssist& assist, const std::string& unit_name,
                      const std::string& text, Epoch now) {
  if (!Handling(m)) return RefuseTransition("matter.bad_state", "当前状态不能执行此操作");
  if (assist.status == AssistStatus::kAssigned) {
    return RefuseTransition("matter.assist_bad_state", "请先签收该协办诉求");
  }
  Transition t = Start(m, now, "matter.assist_step");
  AddTimelineEvent(t, MatterEventKind::kStep, "【协办·" + unit_name + "】" + text, false,
                   assist.unit_id);
  return t;
}

Transition ReportAssist(const Matter& m, const MatterAssist& assist, const std::string& unit_name,
                        const std::string& text, Epoch now) {
  if (!Handling(m)) return RefuseTransition("matter.bad_state", "当前状态不能执行此操作");
  if (assist.status == AssistStatus::kAssigned) {
    return RefuseTransition("matter.assist_bad_state", "请先签收该协办诉求");
  }
  if (assist.status == AssistStatus::kReported) {
    return RefuseTransition("matter.assist_bad_state", "本单位已提交协办意见");
  }
  if (Trim(text).empty()) return RefuseTransition("matter.text_required", "请填写协办意见", "text");
  Transition t = Start(m, now, "matter.assist_report");
  AddTimelineEvent(t, MatterEventKind::kAssistReported, "协办意见（" + unit_name + "）：" + text,
                   true, assist.unit_id);
  BookAssist(t, assist.unit_id, RateCounters{.replied = 1, .replied_on_time = now <= m.due_at});
  return t;
}

std::optional<Refusal> CheckAssistsReported(const std::vector<MatterAssist>& assists) {
  std::string missing;
  for (const auto& a : assists) {
    if (a.status != AssistStatus::kReported) {
      missing += (missing.empty() ? "" : "、") + a.unit_name;
    }
  }
  if (missing.empty()) return std::nullopt;
  return Refusal{"matter.assist_reports_missing",
                 "协办单位尚未提交协办意见：" + missing + "，请待其反馈或由派单人员撤销协办", ""};
}

Transition RaiseDispute(const Matter& m, const RouteHistory& history, int cap,
                        const std::vector<MatterDispute>& disputes, const std::string& reason_code,
                        const std::string& reason, Epoch now) {
  if (!Handling(m)) return RefuseTransition("matter.bad_state", "当前状态不能提出争议");
  auto blocked = CheckUnitRoute(history, cap, *m.unit_id, true, disputes);
  if (!blocked) {
    return RefuseTransition("matter.dispute_not_needed", "本单位仍可退单，无需提出争议");
  }
  if (blocked->code != "matter.return_once" && blocked->code != "matter.transfer_cap") {
    return RefuseTransition(blocked->code, blocked->message);
  }
  Transition t = Start(m, now, "matter.dispute_raise");
  AddTimelineEvent(t, MatterEventKind::kDisputeRaised, "提出争议（" + reason_code + "）：" + reason,
                   true, m.unit_id);
  return t;
}

Transition DecideDispute(const Matter& m, const MatterDispute& dispute, Id unit_id,
                         const std::string& unit_name, const std::string& decision, Epoch now) {
  if (!dispute.Pending()) return RefuseTransition("matter.dispute_not_pending", "该争议已裁定");
  if (!Handling(m)) return RefuseTransition("matter.bad_state", "当前状态不能裁定争议");
  if (Trim(decision).empty())
    return RefuseTransition("matter.reason_required", "请填写裁定理由", "decision");
  Transition t = Start(m, now, "matter.dispute_decide");
  Matter& after = t.matter;
  const std::optional<Id> from = after.unit_id;
  if (after.unit_id != unit_id) {
    after.status = MatterStatus::kDispatched;
    after.unit_id = unit_id;
    after.handler_id.reset();
    t.counters.push_back(
        {StatsDimension::kUnit, unit_id, 0, "", ChinaDay(now), RateCounters{.received = 1}});
  }
  AddTimelineEvent(t, MatterEventKind::kDisputeDecided,
                   "争议裁定由" + unit_name + "办理：" + decision, true, from, unit_id);
  return t;
}

}  // namespace minqing::domain
