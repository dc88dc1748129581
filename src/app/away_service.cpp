#include "app/away_service.hpp"

#include <utility>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/registry_internal.hpp"
#include "domain/ids.hpp"
#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {

using domain::Id;
using domain::Permission;
using domain::Role;
using domain::Trim;
using registry_internal::ThrowIfProblems;

namespace {

std::string Today(const Actor& actor) { return domain::FormatDate(domain::ChinaDay(actor.now)); }

domain::PartyMember LoadMember(StoreTx& tx, Id member_id) {
  auto member = tx.Registry().FindPartyMember(member_id);
  if (!member) throw domain::NotFound("party_member.not_found", "党员不存在");
  return *member;
}

domain::StudyActivity LoadActivity(StoreTx& tx, Id id) {
  auto activity = tx.Away().FindActivity(id);
  if (!activity) throw domain::NotFound("study.not_found", "学习活动不存在");
  return *activity;
}

// A member is in an activity's audience when their region lies under the organisation's region.
bool InAudience(const domain::StudyActivity& activity, const domain::PartyMember& member) {
  return member.region_path.compare(0, activity.region_path.size(), activity.region_path) == 0;
}

// The acting party member's own record; only a member's own account may study as that member.
domain::PartyMember ActingMember(StoreTx& tx, const Actor& actor) {
  Require(actor, Permission::kStudyAttend,
          Refusal{"auth.forbidden", "只能由党员本人登录后参加学习"});
  std::optional<domain::PartyMember> member;
  if (actor.user.role == Role::kPartyMember && actor.user.resident_id) {
    member = tx.Registry().FindPartyMemberByResident(*actor.user.resident_id);
  }
  if (!member) throw domain::Forbidden("study.own_only", "只能由党员本人登录后参加学习");
  return *member;
}

std::string Snapshot(const domain::StudyAttendance& a) {
  return JsonObjectWriter()
      .Add("activity_id", static_cast<std::int64_t>(a.activity_id))
      .Add("member_id", static_cast<std::int64_t>(a.member_id))
      .Add("made_up", a.made_up)
      .Add("note", a.note)
      .Finish();
}

}  // namespace

std::vector<domain::AwayMemberRow> AwayService::ListMembers(const Actor& actor,
                                                            std::optional<Id> region_id) {
  auto tx = store_.BeginRead();
  std::string prefix = registry_internal::ListPrefix(*tx, actor, Permission::kReadAway, region_id);
  const std::string today = Today(actor);
  auto rows = tx->Away().ListAwayMembers(prefix, today);
  for (auto& row : rows) row.overdue = domain::AwayContactOverdue(row.last_contact, today);
  return rows;
}

std::vector<domain::AwayContact> AwayService::Contacts(const Actor& actor, Id member_id) {
  Require(actor, Permission::kReadAway);
  auto tx = store_.BeginRead();
  domain::PartyMember member = LoadMember(*tx, member_id);
  Require(actor, Permission::kReadAway, member.region_path);
  return tx->Away().ContactsOf(member.id);
}

domain::AwayContact AwayService::LogContact(const Actor& actor, Id member_id,
                                            const AwayContactInput& input) {
  Require(actor, Permission::kManageAway);
  auto tx = store_.Begin();
  domain::PartyMember member = LoadMember(*tx, member_id);
  Require(actor, Permission::kManageAway, member.region_path,
          {"auth.forbidden", "无权为该党员登记联系"});
  if (!member.away) throw domain::Conflict("away.not_away", "该党员未登记为外出（流动）党员");
  domain::AwayContact c;
  c.id = domain::NewId();
  c.member_id = member.id;
  c.region_path = member.region_path;
  c.date = Trim(input.date).empty() ? Today(actor) : Trim(input.date);
  c.way = Trim(input.way);
  c.contact_by = Trim(input.contact_by);
  c.note = Trim(input.note);
  c.recorded_by = actor.user.id;
  c.recorded_at = actor.now;
  ThrowIfProblems(domain::CheckAwayContact(c, Today(actor)));
  tx->Away().InsertContact(c);
  RecordAudit(*tx, actor, "away.contact", "party_member", member.id, "",
              JsonObjectWriter()
                  .Add("date", c.date)
                  .Add("way", c.way)
                  .Add("contact_by", c.contact_by)
                  .Add("note", c.note)
                  .Finish());
  tx->Commit();
  return c;
}

domain::StudyActivity AwayService::CreateActivity(const Actor& actor,
                                                  const StudyActivityInput& input) {
  Require(actor, Permission::kManageAway);
  auto tx = store_.Begin();
  auto org = tx->Registry().FindPartyOrg(input.org_id);
  if (!org) {
    throw domain::InvalidInput("validation.failed", "输入有误",
                               {{"org_id", "party_org.not_found", "请选择党组织"}});
  }
  Require(actor, Permission::kManageAway, org->region_path,
          {"auth.forbidden", "无权为该党组织安排学习"});
  domain::StudyActivity a;
  a.id = domain::NewId();
  a.org_id = org->id;
  a.region_path = org->region_path;
  a.title = Trim(input.title);
  a.material = Trim(input.material);
  a.link = Trim(input.link);
  a.opens_on = Trim(input.opens_on).empty() ? Today(actor) : Trim(input.opens_on);
  a.closes_on = Trim(input.closes_on);
  a.created_by = actor.user.id;
  a.created_at = actor.now;
  ThrowIfProblems(domain::CheckStudyActivity(a));
  tx->Away().InsertActivity(a);
  RecordAudit(*tx, actor, "study.create", "study_activity", a.id, "",
              JsonObjectWriter()
                  .Add("org_id", static_cast<std::int64_t>(a.org_id))
                  .Add("title", a.title)
                  .Add("link", a.link)
                  .Add("opens_on", a.opens_on)
                  .Add("closes_on", a.closes_on)
                  .Finish());
  tx->Commit();
  a.org_name = org->name;
  return a;
}

std::vector<domain::StudyActivity> AwayService::ListActivities(const Actor& actor,
                                                               std::optional<Id> region_id) {
  auto tx = store_.BeginRead();
  std::string prefix = registry_internal::ListPrefix(*tx, actor, Permission::kReadAway, region_id);
  return tx->Away().ListActivities(prefix);
}

StudyActivityView AwayService::GetActivity(const Actor& actor, Id activity_id) {
  Require(actor, Permission::kReadAway);
  auto tx = store_.BeginRead();
  StudyActivityView view;
  view.activity = LoadActivity(*tx, activity_id);
  Require(actor, Permission::kReadAway, view.activity.region_path,
          {"auth.forbidden", "无权查看该学习活动"});
  view.open = domain::StudyOpen(view.activity, Today(actor));
  view.roster = tx->Away().Roster(view.activity);
  return view;
}

domain::StudyAttendance AwayService::RecordMakeUp(const Actor& actor, Id activity_id, Id member_id,
                                                  const std::string& note) {
  Require(actor, Permission::kManageAway);
  auto tx = store_.Begin();
  domain::StudyActivity activity = LoadActivity(*tx, activity_id);
  Require(actor, Permission::kManageAway, activity.region_path,
          {"auth.forbidden", "无权管理该学习活动"});
  domain::PartyMember member = LoadMember(*tx, member_id);
  if (!InAudience(activity, member)) {
    throw domain::InvalidInput("validation.failed", "输入有误",
                               {{"member_id", "study.not_audience", "该党员不在本次学习范围内"}});
  }
  if (auto opens = domain::ParseDate(activity.opens_on);
      opens && *opens > domain::ChinaDay(actor.now)) {
    throw domain::Conflict("study.not_open", "学习活动尚未开始");
  }
  if (auto problem = domain::CheckStudyNote(note)) {
    throw domain::InvalidInput("validation.failed", "输入有误", {*problem});
  }
  domain::StudyAttendance a;
  a.activity_id = activity.id;
  a.member_id = member.id;
  a.note = Trim(note);
  a.made_up = true;
  a.recorded_by = actor.user.id;
  a.recorded_at = actor.now;
  tx->Away().InsertAttendance(a);
  RecordAudit(*tx, actor, "study.make_up", "study_activity", activity.id, "", Snapshot(a));
  tx->Commit();
  a.member_name = member.name;
  a.member_away = member.away;
  return a;
}

std::vector<MyStudy> AwayService::MyActivities(const Actor& actor) {
  auto tx = store_.BeginRead();
  domain::PartyMember member = ActingMember(*tx, actor);
  const std::string today = Today(actor);
  std::vector<MyStudy> out;
  for (auto& activity : tx->Away().ActivitiesCovering(member.region_path)) {
    if (auto opens = domain::ParseDate(activity.opens_on);
        !opens || *opens > domain::ChinaDay(actor.now)) {
      continue;
    }
    MyStudy item;
    item.open = domain::StudyOpen(activity, today);
    item.attendance = tx->Away().FindAttendance(activity.id, member.id);
    item.activity = std::move(activity);
    out.push_back(std::move(item));
  }
  return out;
}

domain::StudyAttendance AwayService::Attend(const Actor& actor, Id activity_id,
                                            const std::string& note) {
  auto tx = store_.Begin();
  domain::PartyMember member = ActingMember(*tx, actor);
  domain::StudyActivity activity = LoadActivity(*tx, activity_id);
  if (!InAudience(activity, member)) {
    throw domain::Forbidden("study.not_audience", "您不在本次学习活动的范围内");
  }
  if (!domain::StudyOpen(activity, Today(actor))) {
    throw domain::Conflict("study.not_open", "学习活动不在开放时间内");
  }
  if (auto problem = domain::CheckStudyNote(note)) {
    throw domain::InvalidInput("validation.failed", "输入有误", {*problem});
  }
  domain::StudyAttendance a;
  a.activity_id = activity.id;
  a.member_id = member.id;
  a.note = Trim(note);
  a.made_up = false;
  a.recorded_by = actor.user.id;
  a.recorded_at = actor.now;
  tx->Away().InsertAttendance(a);
  RecordAudit(*tx, actor, "study.attend", "study_activity", activity.id, "", Snapshot(a));
  tx->Commit();
  a.member_name = member.name;
  a.member_away = member.away;
  return a;
}

}  // namespace minqing::app
