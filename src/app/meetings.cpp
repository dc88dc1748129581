#include "app/meetings.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/meeting.hpp"
#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {
namespace {

using domain::Permission;

constexpr int kDecisionListLimit = 500;
constexpr std::size_t kMaxAttendees = 200;

domain::PageRequest Clamp(domain::PageRequest page) {
  page.offset = std::max<std::int64_t>(page.offset, 0);
  page.limit = std::clamp<std::int64_t>(page.limit, 1, 200);
  return page;
}

std::string Today(domain::Epoch now) { return domain::FormatDate(domain::ChinaDay(now)); }

std::string RegionPathOf(StoreTx& tx, std::optional<Id> region_id) {
  if (!region_id) return "";
  auto region = tx.Registry().FindRegion(*region_id);
  return region ? region->path : "";
}

// The accounts told of a decision: its owner account, or the accounts of its owner unit.
std::vector<domain::User> OwnersOf(StoreTx& tx, const MeetingDecision& d) {
  if (d.owner_user_id) {
    auto user = tx.Accounts().FindUser(*d.owner_user_id);
    return user ? std::vector<domain::User>{*user} : std::vector<domain::User>{};
  }
  UserQuery query;
  query.unit_id = d.owner_unit_id;
  return tx.Accounts().FindUsers(query);
}

bool IsOwner(const Actor& actor, const MeetingDecision& d) {
  if (d.owner_user_id) return *d.owner_user_id == actor.user.id;
  return d.owner_unit_id && actor.user.scope_unit_id == d.owner_unit_id;
}

std::string DecisionAudit(const MeetingDecision& d) {
  return JsonObjectWriter()
      .Add("state", d.state)
      .Add("deadline", d.deadline)
      .Add("owner_user_id", d.owner_user_id)
      .Add("owner_unit_id", d.owner_unit_id)
      .Add("matter_id", d.matter_id)
      .Add("result_note", d.result_note)
      .Finish();
}

}  // namespace

DecisionView MeetingService::ViewOf(const MeetingDecision& d, domain::Epoch now) const {
  return {d, domain::DecisionOverdue(d.state, d.deadline, Today(now))};
}

domain::Page<Meeting> MeetingService::List(const Actor& actor, MeetingFilter filter,
                                           const domain::PageRequest& page) {
  Require(actor, Permission::kReadMeetings);
  if (!filter.kind.empty() && !domain::IsMeetingKind(filter.kind)) {
    throw domain::InvalidInput("meeting.bad_kind", "会议类型有误",
                               {{"kind", "meeting.bad_kind", "会议类型有误"}});
  }
  filter.region_path = actor.user.scope_region_path;
  auto tx = store_.BeginRead();
  return tx->Meetings().ListMeetings(filter, Clamp(page));
}

MeetingView MeetingService::Get(const Actor& actor, Id meeting_id) {
  Require(actor, Permission::kReadMeetings);
  auto tx = store_.BeginRead();
  auto m = tx->Meetings().FindMeeting(meeting_id);
  if (!m) throw domain::NotFound("meeting.not_found", "会议不存在");
  Require(actor, Permission::kReadMeetings, m->region_path);
  MeetingView view{*m, {}};
  for (const auto& d : tx->Meetings().ListDecisionsOfMeeting(meeting_id)) {
    view.decisions.push_back(ViewOf(d, actor.now));
  }
  return view;
}

Meeting MeetingService::Build(StoreTx& tx, const Actor& actor, const MeetingInput& input,
                              Meeting m) {
  auto problems = domain::CheckMeetingFields(
      {input.kind, input.title, input.date, input.start, input.end, input.place});
  if (!domain::IsMeetingState(input.state)) {
    problems.push_back({"state", "meeting.bad_state", "状态应为 planned、held 或 cancelled"});
  }
  if (domain::Utf8Length(input.minutes) > domain::kMeetingMinutesMaxChars) {
    problems.push_back({"minutes", "meeting.minutes_too_long", "纪要不能超过20000字"});
  }
  if (input.attendees.size() > kMaxAttendees) {
    problems.push_back({"attendees", "meeting.too_many_attendees", "参会人员不能超过200人"});
  }
  if (input.capacity < 0 || input.capacity > 500) {
    problems.push_back({"capacity", "slot.capacity_range", "名额应为0–500"});
  }
  // The host account and unit.
  Id host_id = input.host_user_id.value_or(actor.user.id);
  auto host = tx.Accounts().FindUser(host_id);
  if (!host || !host->active) {
    problems.push_back({"host_user_id", "meeting.bad_host", "主持人账号不存在"});
  }
  if (input.host_unit_id) {
    auto unit = tx.Registry().FindUnit(*input.host_unit_id);
    if (!unit) {
      problems.push_back({"host_unit_id", "unit.not_found", "单位不存在"});
    } else if (!domain::RegionInScope(actor.user, RegionPathOf(tx, unit->region_id))) {
      throw domain::Forbidden("auth.forbidden", "只能为本辖区的单位安排接待日");
    }
  }
  if (domain::IsReceptionKind(input.kind) && input.capacity > 0 && !input.host_unit_id) {
    problems.push_back(
        {"host_unit_id", "meeting.reception_needs_unit", "接待日预约需指定接待单位"});
  }
  // Attendees: the record's name for units and residents; free text for outside people.
  std::vector<MeetingAttendee> attendees;
  for (std::size_t i = 0; i < input.attendees.size(); ++i) {
    const auto& a = input.attendees[i];
    std::string field = "attendees[" + std::to_string(i) + "]";
    MeetingAttendee out;
    out.id = domain::NewId();
    out.kind = a.kind;
    out.organisation = domain::TrimWide(a.organisation);
    if (a.kind == "unit") {
      auto unit = a.unit_id ? tx.Registry().FindUnit(*a.unit_id) : std::nullopt;
      if (!unit) {
        problems.push_back({field, "unit.not_found", "参会单位不存在"});
        continue;
      }
      out.unit_id = unit->id;
      out.name = unit->name;
    } else if (a.kind == "member" || a.kind == "resident") {
      auto resident = a.resident_id ? tx.Registry().FindResident(*a.resident_id) : std::nullopt;
      if (!resident) {
        problems.push_back({field, "resident.not_found", "参会人员不存在"});
        continue;
      }
      out.resident_id = resident->id;
      out.name = resident->name;
    } else if (a.kind == "outside") {
      out.name = domain::TrimWide(a.name);
      if (out.name.empty() || domain::Utf8Length(out.name) > 50 ||
          domain::Utf8Length(out.organisation) > 100) {
        problems.push_back({field, "meeting.bad_attendee", "请填写参会人姓名（50字内）和单位"});
        continue;
      }
    } else {
      problems.push_back({field, "meeting.bad_attendee_kind", "参会人员类别有误"});
      continue;
    }
    attendees.push_back(std::move(out));
  }
  if (input.project_id && !tx.Projects().FindProject(*input.project_id)) {
    problems.push_back({"project_id", "meeting.project_not_found", "民生项目不存在"});
  }
  if (!problems.empty()) {
    throw domain::InvalidInput("meeting.invalid", "会议内容有误", std::move(problems));
  }
  m.kind = input.kind;
  m.title = domain::TrimWide(input.title);
  m.date = domain::FormatDate(*domain::ParseDate(input.date));
  m.start = input.start;
  m.end = input.end;
  m.place = domain::TrimWide(input.place);
  m.host_user_id = host_id;
  m.host_unit_id = input.host_unit_id;
  m.project_id = input.project_id;
  m.minutes = input.minutes;
  m.state = input.state;
  m.attendees = std::move(attendees);
  m.updated_at = actor.now;
  return m;
}

MeetingView MeetingService::Create(const Actor& actor, const MeetingInput& input) {
  Require(actor, Permission::kManageMeetings);
  auto tx = store_.Begin();
  std::optional<Id> region_id = input.region_id ? input.region_id : actor.user.scope_region_id;
  if (!region_id) {
    throw domain::InvalidInput("meeting.invalid", "会议内容有误",
                               {{"region_id", "meeting.region_required", "请选择会议所属区域"}});
  }
  auto region = tx->Registry().FindRegion(*region_id);
  if (!region) throw domain::NotFound("region.not_found", "区域不存在");
  Require(actor, Permission::kManageMeetings, region->path);
  Meeting m;
  m.id = domain::NewId();
  m.region_id = region->id;
  m.region_path = region->path;
  m.created_by = actor.user.id;
  m.created_at = actor.now;
  m = Build(*tx, actor, input, std::move(m));
  if (domain::IsReceptionKind(m.kind) && input.capacity > 0) {
    // Residents book the reception day through the existing slots and appointments.
    domain::TimeSlot slot;
    slot.id = domain::NewId();
    slot.unit_id = *m.host_unit_id;
    slot.date = m.date;
    slot.start = m.start;
    slot.end = m.end;
    slot.capacity = input.capacity;
    slot.staff_user_id = m.host_user_id;
    tx->Matters().InsertTimeSlot(slot);
    m.slot_id = slot.id;
    RecordAudit(*tx, actor, "slot.create", "slot", slot.id, "",
                JsonObjectWriter().Add("date", slot.date).Add("start", slot.start).Finish());
  }
  tx->Meetings().InsertMeeting(m);
  RecordAudit(*tx, actor, "meeting.create", "meeting", m.id, "",
              JsonObjectWriter()
                  .Add("kind", m.kind)
                  .Add("title", m.title)
                  .Add("date", m.date)
                  .Add("place", m.place)
                  .Add("attendees", static_cast<std::int64_t>(m.attendees.size()))
                  .Finish());
  tx->Commit();
  return Get(actor, m.id);
}

MeetingView MeetingService::Update(const Actor& actor, Id meeting_id, const MeetingInput& input) {
  Require(actor, Permission::kManageMeetings);
  auto tx = store_.Begin();
  auto stored = tx->Meetings().FindMeeting(meeting_id);
  if (!stored) throw domain::NotFound("meeting.not_found", "会议不存在");
  Require(actor, Permission::kManageMeetings, stored->region_path);
  std::string before =
      JsonObjectWriter()
          .Add("state", stored->state)
          .Add("date", stored->date)
          .Add("minutes_chars", static_cast<std::int64_t>(domain::Utf8Length(stored->minutes)))
          .Finish();
  Meeting m = Build(*tx, actor, input, *stored);
  tx->Meetings().UpdateMeeting(m);
  RecordAudit(*tx, actor, "meeting.update", "meeting", m.id, before,
              JsonObjectWriter()
                  .Add("state", m.state)
                  .Add("date", m.date)
                  .Add("minutes_chars", static_cast<std::int64_t>(domain::Utf8Length(m.minutes)))
                  .Add("attendees", static_cast<std::int64_t>(m.attendees.size()))
                  .Finish());
  tx->Commit();
  return Get(actor, m.id);
}

DecisionView MeetingService::AddDecision(const Actor& actor, Id meeting_id,
                                         const DecisionInput& input) {
  Require(actor, Permission::kManageMeetings);
  std::string username = domain::TrimWide(input.owner_username);
  domain::CheckDecision(input.text, input.owner_user_id.has_value() || !username.empty(),
                        input.owner_unit_id.has_value(), input.deadline);
  auto tx = store_.Begin();
  auto m = tx->Meetings().FindMeeting(meeting_id);
  if (!m) throw domain::NotFound("meeting.not_found", "会议不存在");
  Require(actor, Permission::kManageMeetings, m->region_path);
  if (m->state == "cancelled") {
    throw domain::Conflict("meeting.cancelled", "会议已取消，不能记录决定");
  }
  MeetingDecision d;
  d.id = domain::NewId();
  d.meeting_id = m->id;
  d.text = domain::TrimWide(input.text);
  d.owner_user_id = input.owner_user_id;
  d.owner_unit_id = input.owner_unit_id;
  if (d.owner_user_id || !username.empty()) {
    auto owner = d.owner_user_id ? tx->Accounts().FindUser(*d.owner_user_id)
                                 : tx->Accounts().FindUserByUsername(username);
    if (owner) d.owner_user_id = owner->id;
    if (!owner || !owner->active) {
      throw domain::InvalidInput("meeting.bad_decision", "决定内容有误",
                                 {{"owner_user_id", "meeting.bad_owner", "责任人账号不存在"}});
    }
  } else if (!tx->Registry().FindUnit(*d.owner_unit_id)) {
    throw domain::InvalidInput("meeting.bad_decision", "决定内容有误",
                               {{"owner_unit_id", "meeting.bad_owner", "责任单位不存在"}});
  }
  d.deadline = domain::FormatDate(*domain::ParseDate(input.deadline));
  d.state = std::string(domain::kDecisionOpen);
  d.region_path = m->region_path;
  d.created_at = actor.now;
  tx->Meetings().InsertDecision(d);
  RecordAudit(*tx, actor, "meeting_decision.create", "meeting_decision", d.id, "",
              DecisionAudit(d));
  if (notifier_ != nullptr) {
    NotificationDraft draft;
    draft.title = "会议决定交您落实：" + m->title;
    draft.body = domain::Utf8Prefix(d.text, 60) + "（期限 " + d.deadline + "）";
    draft.object_type = "meeting_decision";
    draft.object_id = d.id;
    draft.link = "/decisions";
    notifier_->Notify(*tx, "meeting_decision_assigned", OwnersOf(*tx, d), draft, actor.now, false);
  }
  tx->Commit();
  auto stored = store_.BeginRead()->Meetings().FindDecision(d.id);
  return ViewOf(stored.value_or(d), actor.now);
}

DecisionView MeetingService::CompleteDecision(const Actor& actor, Id decision_id,
                                              const std::string& note) {
  Require(actor, Permission::kCompleteDecisions);
  auto tx = store_.Begin();
  auto d = tx->Meetings().FindDecision(decision_id);
  if (!d) throw domain::NotFound("meeting.decision_not_found", "决定不存在");
  if (!IsOwner(actor, *d)) {
    throw domain::Forbidden("meeting.not_decision_owner", "只有决定的责任人可以标记完成");
  }
  if (d->state != domain::kDecisionOpen) {
    throw domain::Conflict("meeting.decision_not_open", "该决定已完成或已转为诉求");
  }
  std::string trimmed = domain::TrimWide(note);
  if (trimmed.empty() || domain::Utf8Length(trimmed) > domain::kDecisionNoteMaxChars) {
    throw domain::InvalidInput("meeting.bad_result", "落实情况有误",
                               {{"note", "meeting.result_required", "请填写落实情况（1000字内）"}});
  }
  std::string before = DecisionAudit(*d);
  d->state = std::string(domain::kDecisionDone);
  d->completed = true;
  d->result_note = trimmed;
  d->done_by = actor.user.id;
  d->done_at = actor.now;
  if (!tx->Meetings().UpdateDecisionState(*d, std::string(domain::kDecisionOpen))) {
    throw domain::Conflict("meeting.decision_not_open", "该决定已完成或已转为诉求");
  }
  RecordAudit(*tx, actor, "meeting_decision.done", "meeting_decision", d->id, before,
              DecisionAudit(*d));
  tx->Commit();
  return ViewOf(*d, actor.now);
}

DecisionView MeetingService::DecisionToMatter(const Actor& actor, Id decision_id,
                                              MatterInput matter) {
  Require(actor, Permission::kManageMeetings);
  MeetingDecision d;
  {
    auto tx = store_.BeginRead();
    auto found = tx->Meetings().FindDecision(decision_id);
    if (!found) throw domain::NotFound("meeting.decision_not_found", "决定不存在");
    Require(actor, Permission::kManageMeetings, found->region_path);
    d = *found;
  }
  // Only those who take matters turn a decision into one (a leader records, the window accepts).
  Require(actor, Permission::kMatterIntake,
          Refusal{"auth.forbidden", "转为诉求需要受理诉求的权限"});
  if (d.state != domain::kDecisionOpen) {
    throw domain::Conflict("meeting.decision_not_open", "该决定已完成或已转为诉求");
  }
  if (matter.channel.empty()) matter.channel = "meeting";
  if (matter.type.empty()) matter.type = "help";
  if (domain::TrimWide(matter.title).empty()) {
    matter.title = domain::Utf8Prefix(d.meeting_title + "：" + d.text, 50);
  }
  if (domain::TrimWide(matter.content).empty()) {
    matter.content = "会议决定：" + d.text + "（期限 " + d.deadline + "）";
  }
  // The decision must still be open when the matter is written: the check runs in the commit
  // that writes the matter, so a decision finished meanwhile leaves no matter behind.
  auto result = intake_.Accept(actor, matter, [decision_id](StoreTx& tx) {
    auto now = tx.Meetings().FindDecision(decision_id);
    if (!now || now->state != domain::kDecisionOpen) {
      throw domain::Conflict("meeting.decision_not_open", "该决定已完成或已转为诉求");
    }
  });
  auto tx = store_.Begin();
  std::string before = DecisionAudit(d);
  d.state = std::string(domain::kDecisionMatter);
  d.matter_id = result.matter.id;
  if (!tx->Meetings().UpdateDecisionState(d, std::string(domain::kDecisionOpen))) {
    throw domain::Conflict("meeting.decision_not_open", "该决定已完成或已转为诉求");
  }
  RecordAudit(*tx, actor, "meeting_decision.to_matter", "meeting_decision", d.id, before,
              DecisionAudit(d));
  tx->Commit();
  auto stored = store_.BeginRead()->Meetings().FindDecision(d.id);
  return ViewOf(stored.value_or(d), actor.now);
}

std::vector<DecisionView> MeetingService::Mine(const Actor& actor) {
  Require(actor, Permission::kCompleteDecisions);
  DecisionFilter filter;
  filter.owner_user_id = actor.user.id;
  filter.owner_unit_id = actor.user.scope_unit_id;
  auto tx = store_.BeginRead();
  std::vector<DecisionView> out;
  for (const auto& d : tx->Meetings().ListDecisions(filter, kDecisionListLimit)) {
    out.push_back(ViewOf(d, actor.now));
  }
  std::stable_partition(out.begin(), out.end(), [](const DecisionView& v) {
    return v.decision.state == domain::kDecisionOpen;
  });
  return out;
}

std::vector<DecisionView> MeetingService::Overdue(const Actor& actor) {
  Require(actor, Permission::kReadMeetings);
  DecisionFilter filter;
  filter.region_path = actor.user.scope_region_path;
  filter.state = std::string(domain::kDecisionOpen);
  filter.deadline_before = Today(actor.now);
  auto tx = store_.BeginRead();
  std::vector<DecisionView> out;
  for (const auto& d : tx->Meetings().ListDecisions(filter, kDecisionListLimit)) {
    out.push_back(ViewOf(d, actor.now));
  }
  return out;
}

std::vector<ReceptionDay> MeetingService::ReceptionDays(domain::Epoch now) {
  auto tx = store_.BeginRead();
  std::vector<ReceptionDay> out;
  for (std::string kind : {"reception_day", "party_rep_reception"}) {
    MeetingFilter filter;
    filter.kind = kind;
    filter.state = "planned";
    filter.from_date = Today(now);
    auto page = tx->Meetings().ListMeetings(filter, {0, 100, ""});
    for (auto& m : page.items) {
      ReceptionDay day;
      if (m.slot_id) {
        if (auto slot = tx->Matters().FindTimeSlot(*m.slot_id)) {
          day.capacity = slot->capacity;
          day.booked = slot->booked;
        }
      }
      day.meeting = std::move(m);
      out.push_back(std::move(day));
    }
  }
  std::sort(out.begin(), out.end(), [](const ReceptionDay& a, const ReceptionDay& b) {
    return std::tie(a.meeting.date, a.meeting.start) < std::tie(b.meeting.date, b.meeting.start);
  });
  return out;
}

}  // namespace minqing::app
