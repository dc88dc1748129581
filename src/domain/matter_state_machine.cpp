#include "domain/matter_state_machine.hpp"

#include <utility>

#include "domain/ids.hpp"

namespace minqing::domain {
namespace {

// Which cells a step counts in. See README "The three rates (三率)".
enum Cells : unsigned {
  kUnitCells = 1,   // unit and person
  kPlaceCells = 2,  // region, category, category_township, category_county
  kAllCells = 3,
};

void Book(Transition& t, const RateCounters& c, unsigned cells, std::optional<Id> person) {
  const Matter& m = t.matter;
  const DayNumber day = ChinaDay(t.at);
  if ((cells & kUnitCells) && m.unit_id) {
    t.counters.push_back({StatsDimension::kUnit, *m.unit_id, 0, "", day, c});
  }
  if ((cells & kUnitCells) && person && *person != 0) {
    t.counters.push_back({StatsDimension::kPerson, *person, 0, "", day, c});
  }
  if (cells & kPlaceCells) {
    t.counters.push_back({StatsDimension::kRegion, m.region_id, 0, m.region_path, day, c});
    const Id category = m.category_id.value_or(0);
    t.counters.push_back({StatsDimension::kCategory, category, 0, "", day, c});
    t.counters.push_back({StatsDimension::kCategoryTownship, category,
                          TownshipId(m.region_path, t.county_index),
                          TownshipPath(m.region_path, t.county_index), day, c});
    t.counters.push_back({StatsDimension::kCategoryCounty, category,
                          CountyId(m.region_path, t.county_index),
                          CountyPath(m.region_path, t.county_index), day, c});
  }
}

Transition BadState() { return RefuseTransition("matter.bad_state", "当前状态不能执行此操作"); }

void MakeHandler(Matter& m, Id actor_id) {
  if (!m.handler_id && actor_id != 0) m.handler_id = actor_id;
}

std::string OnSpotText(const std::string& reply) {
  return reply.empty() ? "当场答复，一次性办结" : reply;
}

void AcceptMatter(Transition& t, const MatterCommand& c) {
  Matter& m = t.matter;
  t.at = m.accepted_at;
  t.audit_action = "matter.accept";
  AddTimelineEvent(t, MatterEventKind::kAccepted,
                   "受理：" + std::string(MatterChannelLabel(m.channel)));
  RateCounters received;
  received.received = 1;
  if (c.answer_on_spot) {
    m.status = MatterStatus::kClosed;
    m.reply = c.text;
    m.replied_at = m.closed_at = m.accepted_at;
    m.confirmed_via = "window";
    AddTimelineEvent(t, MatterEventKind::kClosedOnSpot, OnSpotText(m.reply));
    received.replied = received.replied_on_time = 1;
  } else if (c.target_id) {
    m.status = MatterStatus::kMerged;
    m.merged_into_id = c.target_id;
    AddTimelineEvent(t, MatterEventKind::kMerged, "合并至 " + c.target_number);
    AddTimelineEvent(t, MatterEventKind::kMerged, std::string(kMergedMarker) + m.number, true);
    t.events.back().on_target = true;
  }
  Book(t, received, kPlaceCells, std::nullopt);
}

void SignOff(Transition& t, const MatterCommand& c) {
  Matter& m = t.matter;
  RateCounters counters;
  counters.rated = 1;
  counters.satisfied = c.rating >= 4;
  counters.solved = c.solved;
  m.rating = c.rating;
  m.rating_comment = c.text;
  m.confirmed_via = c.proof;
  m.solved = c.solved;
  const std::string summary = SignOffSummary(c.solved, c.rating, c.text);
  const std::string proof(ProofLabel(c.proof));
  if (c.solved) {
    m.status = MatterStatus::kClosed;
    m.closed_at = t.at;
    AddTimelineEvent(t, MatterEventKind::kConfirmed, "群众确认（" + proof + "）" + summary);
  } else {
    m.status = MatterStatus::kInProgress;
    m.reopen_count += 1;
    counters.reopened = 1;
    AddTimelineEvent(t, MatterEventKind::kReopened,
                     "群众反馈（" + proof + "）" + summary + "，重新办理", false, std::nullopt,
                     m.unit_id);
  }
  Book(t, counters, kAllCells, m.handler_id);
  t.audit_action = c.solved ? "matter.confirm" : "matter.reopen";
}

}  // namespace

MatterCommand AcceptCommand(Id actor_id, bool answer_on_spot, std::string reply,
                            std::optional<Id> target_id, std::string target_number,
                            MatterStatus target_status) {
  MatterCommand c;
  c.action = MatterAction::kAccept;
  c.actor_id = actor_id;
  c.answer_on_spot = answer_on_spot;
  c.text = std::move(reply);
  c.target_id = target_id;
  c.target_number = std::move(target_number);
  c.target_status = target_status;
  return c;
}

MatterCommand DispatchCommand(Id actor_id, Id unit_id, std::string unit_name,
                              std::optional<Id> handler_id, std::string note) {
  MatterCommand c;
  c.action = MatterAction::kDispatch;
  c.actor_id = actor_id;
  c.unit_id = unit_id;
  c.unit_name = std::move(unit_name);
  c.handler_id = handler_id;
  c.text = std::move(note);
  return c;
}

MatterCommand UnitAcceptCommand(Id actor_id) {
  MatterCommand c;
  c.action = MatterAction::kUnitAccept;
  c.actor_id = actor_id;
  return c;
}

MatterCommand TransferCommand(Id actor_id, Id unit_id, std::string unit_name, std::string reason) {
  MatterCommand c;
  c.action = MatterAction::kTransfer;
  c.actor_id = actor_id;
  c.unit_id = unit_id;
  c.unit_name = std::move(unit_name);
  c.text = std::move(reason);
  return c;
}

MatterCommand ReturnCommand(Id actor_id, std::string reason) {
  MatterCommand c;
  c.action = MatterAction::kReturn;
  c.actor_id = actor_id;
  c.text = std::move(reason);
  return c;
}

MatterCommand StepCommand(Id actor_id, std::string text, bool internal,
                          std::vector<Id> attachment_ids) {
  MatterCommand c;
  c.action = MatterAction::kStep;
  c.actor_id = actor_id;
  c.text = std::move(text);
  c.internal = internal;
  c.attachment_ids = std::move(attachment_ids);
  return c;
}

MatterCommand ReplyCommand(Id actor_id, std::string text) {
  MatterCommand c;
  c.action = MatterAction::kReply;
  c.actor_id = actor_id;
  c.text = std::move(text);
  return c;
}

MatterCommand CloseOnSpotCommand(Id actor_id, std::string reply) {
  MatterCommand c;
  c.action = MatterAction::kCloseOnSpot;
  c.actor_id = actor_id;
  c.text = std::move(reply);
  return c;
}

MatterCommand MergeCommand(Id actor_id, Id target_id, std::string target_number,
                           MatterStatus target_status) {
  MatterCommand c;
  c.action = MatterAction::kMerge;
  c.actor_id = actor_id;
  c.target_id = target_id;
  c.target_number = std::move(target_number);
  c.target_status = target_status;
  return c;
}

MatterCommand SuperviseCommand(Id actor_id, std::string note, std::string due_date) {
  MatterCommand c;
  c.action = MatterAction::kSupervise;
  c.actor_id = actor_id;
  c.text = std::move(note);
  c.due_date = std::move(due_date);
  return c;
}

MatterCommand ConfirmCommand(Id actor_id, bool solved, int rating, std::string comment,
                             std::string proof) {
  MatterCommand c;
  c.action = MatterAction::kConfirm;
  c.actor_id = actor_id;
  c.solved = solved;
  c.rating = rating;
  c.text = std::move(comment);
  c.proof = std::move(proof);
  return c;
}

MatterCommand EscalateCommand(EscalationLevel level, std::string level_name) {
  MatterCommand c;
  c.action = MatterAction::kEscalate;
  c.level = level;
  c.text = std::move(level_name);
  return c;
}

Transition RefuseTransition(std::string code, std::string message, std::string field) {
  Transition t;
  t.refusal = Refusal{std::move(code), std::move(message), std::move(field)};
  return t;
}

void AddTimelineEvent(Transition& t, MatterEventKind kind, std::string text, bool internal,
                      std::optional<Id> from_unit, std::optional<Id> to_unit) {
  TimelineEvent e;
  e.kind = kind;
  e.text = std::move(text);
  e.internal = internal;
  e.from_unit_id = from_unit;
  e.to_unit_id = to_unit;
  t.events.push_back(std::move(e));
}

Transition Apply(const Matter& matter, const MatterCommand& c, Epoch now,
                 std::size_t county_index) {
  if (!CanPerform(matter.status, c.action)) return BadState();
  Transition t;
  t.matter = matter;
  t.at = now;
  t.county_index = county_index;
  Matter& m = t.matter;
  switch (c.action) {
    case MatterAction::kAccept:
      if (c.target_id && !IsOpen(c.target_status)) {
        return RefuseTransition("matter.merge_target", "合并目标不存在或已办结", "merge_into_id");
      }
      AcceptMatter(t, c);
      break;
    case MatterAction::kDispatch:
      m.status = MatterStatus::kDispatched;
      m.unit_id = c.unit_id;
      m.handler_id = c.handler_id;
      if (!m.first_unit_id) m.first_unit_id = c.unit_id;
      AddTimelineEvent(t, MatterEventKind::kDispatched,
                       "派单至" + c.unit_name + (c.text.empty() ? "" : "：" + c.text), false,
                       std::nullopt, c.unit_id);
      Book(t, RateCounters{.received = 1}, kUnitCells, c.handler_id);
      t.audit_action = "matter.dispatch";
      break;
    case MatterAction::kUnitAccept:
      m.status = MatterStatus::kInProgress;
      MakeHandler(m, c.actor_id);
      if (!m.responded_at) {
        m.responded_at = now;
        RateCounters responded;
        responded.responded = 1;
        responded.responded_on_time = now <= m.response_due_at;
        Book(t, responded, kAllCells, m.handler_id);
      }
      AddTimelineEvent(t, MatterEventKind::kUnitAccepted, "承办单位已签收", false, std::nullopt,
                       m.unit_id);
      t.audit_action = "matter.unit_accept";
      break;
    case MatterAction::kTransfer: {
      if (m.unit_id == c.unit_id) {
        return RefuseTransition("matter.same_unit", "不能转给当前承办单位", "unit_id");
      }
      const std::optional<Id> from = m.unit_id;
      m.status = MatterStatus::kDispatched;
      m.unit_id = c.unit_id;
      m.handler_id.reset();
      AddTimelineEvent(t, MatterEventKind::kTransferred, "转办至" + c.unit_name + "：" + c.text,
                       false, from, c.unit_id);
      Book(t, RateCounters{.received = 1}, kUnitCells, std::nullopt);
      t.audit_action = "matter.transfer";
      break;
    }
    case MatterAction::kReturn: {
      const std::optional<Id> from = m.unit_id;
      m.status = MatterStatus::kAccepted;
      m.unit_id.reset();
      m.handler_id.reset();
      AddTimelineEvent(t, MatterEventKind::kReturned, "退单：" + c.text, false, from);
      t.audit_action = "matter.return";
      break;
    }
    case MatterAction::kStep:
      AddTimelineEvent(t, c.internal ? MatterEventKind::kNote : MatterEventKind::kStep, c.text,
                       c.internal);
      t.events.back().attachment_ids = c.attachment_ids;
      t.audit_action = "matter.step";
      break;
    case MatterAction::kReply: {
      m.status = MatterStatus::kReplied;
      m.replied_at = now;
      m.reply = c.text;
      MakeHandler(m, c.actor_id);
      AddTimelineEvent(t, MatterEventKind::kReplied, c.text);
      RateCounters replied;
      replied.replied = 1;
      replied.replied_on_time = now <= m.due_at;
      Book(t, replied, kAllCells, m.handler_id);
      t.audit_action = "matter.reply";
      break;
    }
    case MatterAction::kCloseOnSpot:
      if (m.type != MatterType::kConsultation) {
        return RefuseTransition("matter.bad_state", "只有咨询类诉求可以当场办结");
      }
      m.status = MatterStatus::kClosed;
      m.reply = c.text;
      m.replied_at = m.closed_at = now;
      m.confirmed_via = "window";
      AddTimelineEvent(t, MatterEventKind::kClosedOnSpot, OnSpotText(m.reply));
      Book(t, RateCounters{.replied = 1, .replied_on_time = 1}, kPlaceCells, std::nullopt);
      t.audit_action = "matter.close_on_spot";
      break;
    case MatterAction::kMerge:
      if (c.target_id == m.id)
        return RefuseTransition("matter.merge_self", "不能合并到自身", "into_id");
      if (!c.target_id || !IsOpen(c.target_status)) {
        return RefuseTransition("matter.bad_state", "合并目标已办结或已合并");
      }
      m.status = MatterStatus::kMerged;
      m.merged_into_id = c.target_id;
      AddTimelineEvent(t, MatterEventKind::kMerged, "合并至 " + c.target_number);
      AddTimelineEvent(t, MatterEventKind::kMerged, std::string(kMergedMarker) + m.number, true);
      t.events.back().on_target = true;
      t.audit_action = "matter.merge";
      break;
    case MatterAction::kSupervise:
      m.supervised = true;
      AddTimelineEvent(t, MatterEventKind::kSupervised,
                       "督办：" + c.text + "（期限 " + c.due_date + "）", true);
      t.audit_action = "matter.supervise";
      break;
    case MatterAction::kConfirm:
      SignOff(t, c);
      break;
    case MatterAction::kEscalate: {
      if (c.level <= m.escalation_level) {
        return RefuseTransition("matter.escalation_level", "诉求已在该级别或更高级别");
      }
      const bool first = m.escalation_level == 0;
      m.escalation_level = c.level;
      AddTimelineEvent(t, MatterEventKind::kEscalated, "逾期升级至" + c.text, true);
      if (first) Book(t, RateCounters{.overdue = 1}, kAllCells, m.handler_id);
      t.audit_action = "matter.escalate";
      break;
    }
    case MatterAction::kRequestExtension:
    case MatterAction::kProposeOutcome:
      // Requests carry their own record (matter_requests.hpp).
      return RefuseTransition("matter.bad_state", "请使用延期或办结类型申请");
  }
  return t;
}

void BookCounters(Transition& t, const RateCounters& counters, bool unit_cells, bool place_cells,
                  std::optional<Id> person) {
  Book(t, counters, (unit_cells ? kUnitCells : 0U) | (place_cells ? kPlaceCells : 0U), person);
}

Transition ShareOutcome(const Matter& duplicate, const Matter& closed_target, Epoch now) {
  if (duplicate.status != MatterStatus::kMerged) return BadState();
  Transition t;
  t.matter = duplicate;
  t.at = now;
  Matter& m = t.matter;
  m.status = MatterStatus::kClosed;
  m.closed_at = now;
  m.solved = true;
  m.rating = closed_target.rating;
  m.reply = closed_target.reply;
  m.confirmed_via = closed_target.confirmed_via;
  AddTimelineEvent(t, MatterEventKind::kConfirmed, "随合并的诉求" + closed_target.number + "办结");
  t.audit_action = "matter.close_merged";
  return t;
}

std::string SignOffSummary(bool solved, int rating, std::string_view comment) {
  return std::string(solved ? "已解决" : "未解决") + "，评价" + std::to_string(rating) + "星" +
         (comment.empty() ? "" : "：" + std::string(comment));
}

std::string_view ProofLabel(std::string_view proof) {
  if (proof == "sms_code") return "凭短信验证码";
  if (proof == "resident_account") return "凭本户居民账户";
  if (proof == "callback") return "经回访";
  return "";
}

}  // namespace minqing::domain
