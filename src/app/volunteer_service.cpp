#include "app/volunteer_service.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/authorize.hpp"
#include "app/registry_internal.hpp"
#include "app/volunteer_certificate_pdf.hpp"
#include "app/volunteer_store.hpp"
#include "domain/authz.hpp"
#include "domain/ids.hpp"
#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {

using domain::Permission;
using domain::Trim;
using registry_internal::ThrowIfProblems;

namespace {

constexpr int kMaxAdjustTenths = 2400;
constexpr std::size_t kMaxReasonChars = 200;

std::string Snapshot(const domain::VolunteerTeam& t) {
  return JsonObjectWriter()
      .Add("name", t.name)
      .Add("region_id", static_cast<std::int64_t>(t.region_id))
      .Add("leader_user_id", t.leader_user_id)
      .Add("unit_id", t.unit_id)
      .Add("note", t.note)
      .Finish();
}

std::string Snapshot(const domain::Volunteer& v) {
  return JsonObjectWriter()
      .Add("team_id", static_cast<std::int64_t>(v.team_id))
      .Add("resident_id", v.resident_id)
      .Add("name", v.name)
      .Add("phone", v.phone)
      .Add("joined", v.joined)
      .Add("active", v.active)
      .Finish();
}

std::string Snapshot(const domain::VolunteerActivity& a) {
  return JsonObjectWriter()
      .Add("team_id", static_cast<std::int64_t>(a.team_id))
      .Add("title", a.title)
      .Add("date", a.date)
      .Add("time", a.time)
      .Add("place", a.place)
      .Add("capacity", static_cast<std::int64_t>(a.capacity))
      .Add("hours", domain::FormatTenths(a.hours_tenths))
      .Add("state", domain::ActivityStateCode(a.state))
      .Finish();
}

std::string Snapshot(const domain::VolunteerHours& h) {
  return JsonObjectWriter()
      .Add("volunteer_id", static_cast<std::int64_t>(h.volunteer_id))
      .Add("activity_id", h.activity_id)
      .Add("hours", domain::FormatTenths(h.tenths))
      .Add("reason", h.reason)
      .Finish();
}

std::string Today(domain::Epoch now) { return domain::FormatDate(domain::ChinaDay(now)); }

std::string ChineseDate(domain::Epoch at) {
  int year = 0;
  int month = 0;
  int day = 0;
  domain::CivilFromDay(domain::ChinaDay(at), year, month, day);
  return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

// A manager of the team's region (volunteers.manage in scope).
bool IsManager(const Actor& actor, const domain::VolunteerTeam& team) {
  return domain::RoleHas(actor.user.role, Permission::kManageVolunteers) &&
         domain::RegionInScope(actor.user, team.region_path);
}

// The team's leader account (holding volunteers.read).
bool IsLeader(const Actor& actor, const domain::VolunteerTeam& team) {
  return actor.user.id != 0 && team.leader_user_id && *team.leader_user_id == actor.user.id &&
         domain::RoleHas(actor.user.role, Permission::kReadVolunteers);
}

bool MayRun(const Actor& actor, const domain::VolunteerTeam& team) {
  return IsManager(actor, team) || IsLeader(actor, team);
}

bool MayRead(const Actor& actor, const domain::VolunteerTeam& team) {
  return MayRun(actor, team) || (domain::RoleHas(actor.user.role, Permission::kReadVolunteers) &&
                                 domain::RegionInScope(actor.user, team.region_path));
}

// A volunteers.join account whose resident is this volunteer.
bool IsOwn(const Actor& actor, const domain::Volunteer& volunteer) {
  return domain::RoleHas(actor.user.role, Permission::kJoinVolunteers) && actor.user.resident_id &&
         volunteer.resident_id && *actor.user.resident_id == *volunteer.resident_id;
}

void RequireRun(const Actor& actor, const domain::VolunteerTeam& team) {
  if (!MayRun(actor, team)) throw domain::Forbidden("auth.forbidden", "无权管理该志愿服务队");
}

void RequireRead(const Actor& actor, const domain::VolunteerTeam& team) {
  if (!MayRead(actor, team)) throw domain::Forbidden("auth.forbidden", "无权查看该志愿服务队");
}

domain::VolunteerTeam LoadTeam(StoreTx& tx, Id id) {
  auto team = tx.Volunteers().FindTeam(id);
  if (!team) throw domain::NotFound("volunteer.team_not_found", "志愿服务队不存在");
  return *team;
}

domain::Volunteer LoadVolunteer(StoreTx& tx, Id id) {
  auto volunteer = tx.Volunteers().FindVolunteer(id);
  if (!volunteer) throw domain::NotFound("volunteer.not_found", "志愿者不存在");
  return *volunteer;
}

domain::VolunteerActivity LoadActivity(StoreTx& tx, Id id) {
  auto activity = tx.Volunteers().FindActivity(id);
  if (!activity) throw domain::NotFound("volunteer.activity_not_found", "活动不存在");
  return *activity;
}

std::string NewCertificateCode() {
  std::string code = RandomHex(6);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return code;
}

}  // namespace

std::vector<domain::VolunteerTeam> VolunteerService::ListTeams(const Actor& actor,
                                                               std::optional<Id> region_id) {
  Require(actor, {Permission::kReadVolunteers, Permission::kManageVolunteers});
  auto tx = store_.BeginRead();
  VolunteerTeamFilter filter;
  filter.region_path = actor.user.scope_region_path;
  if (actor.user.id != 0) filter.leader_id = actor.user.id;
  if (region_id) {
    auto region = tx->Registry().FindRegion(*region_id);
    if (!region) throw domain::NotFound("region.not_found", "区域不存在");
    Require(actor, Permission::kReadVolunteers, region->path);
    filter.region_path = region->path;
    filter.leader_id.reset();
  }
  return tx->Volunteers().ListTeams(filter);
}

domain::VolunteerTeam VolunteerService::CreateTeam(const Actor& actor,
                                                   const VolunteerTeamInput& input) {
  Require(actor, Permission::kManageVolunteers);
  auto tx = store_.Begin();
  auto region = input.region_id != 0 ? tx->Registry().FindRegion(input.region_id) : std::nullopt;
  if (input.region_id != 0 && !region) throw domain::NotFound("region.not_found", "区域不存在");
  if (region) {
    Require(actor, Permission::kManageVolunteers, region->path,
            {"auth.forbidden", "无权在该区域建立志愿服务队"});
  }
  domain::VolunteerTeam t;
  t.id = domain::NewId();
  t.name = Trim(input.name);
  t.region_id = input.region_id;
  t.note = Trim(input.note);
  auto problems = domain::ValidateTeam(t);
  const std::string leader_username = Trim(input.leader_username);
  if (input.leader_user_id || !leader_username.empty()) {
    auto leader = input.leader_user_id ? tx->Accounts().FindUser(*input.leader_user_id)
                                       : tx->Accounts().FindUserByUsername(leader_username);
    if (!leader || !leader->active || !domain::RoleHas(leader->role, Permission::kReadVolunteers)) {
      problems.push_back({"leader_user_id", "volunteer.bad_leader", "队长账号不存在或无查看权限"});
    } else {
      t.leader_user_id = leader->id;
      t.leader_name = leader->display_name.empty() ? leader->username : leader->display_name;
    }
  }
  if (input.unit_id) {
    auto unit = tx->Registry().FindUnit(*input.unit_id);
    if (!unit || unit->kind != domain::UnitKind::kVolunteerTeam) {
      problems.push_back({"unit_id", "volunteer.bad_unit", "单位不存在或不是志愿服务队"});
    } else {
      t.unit_id = unit->id;
      t.unit_name = unit->name;
    }
  }
  ThrowIfProblems(std::move(problems));
  t.region_path = region->path;
  t.region_name = region->name;
  t.created_at = actor.now;
  tx->Volunteers().InsertTeam(t);
  RecordAudit(*tx, actor, "volunteer.team_create", "volunteer_team", t.id, "", Snapshot(t));
  tx->Commit();
  return t;
}

VolunteerTeamDetail VolunteerService::GetTeam(const Actor& actor, Id team_id) {
  Require(actor, {Permission::kReadVolunteers, Permission::kManageVolunteers});
  auto tx = store_.BeginRead();
  VolunteerTeamDetail out;
  out.team = LoadTeam(*tx, team_id);
  RequireRead(actor, out.team);
  out.volunteers = tx->Volunteers().VolunteersOf(team_id);
  out.activities = tx->Volunteers().ActivitiesOf(team_id);
  out.can_manage = MayRun(actor, out.team);
  return out;
}

domain::Volunteer VolunteerService::AddVolunteer(const Actor& actor, Id team_id,
                                                 const VolunteerInput& input) {
  Require(actor, {Permission::kReadVolunteers, Permission::kManageVolunteers});
  auto tx = store_.Begin();
  const domain::VolunteerTeam team = LoadTeam(*tx, team_id);
  RequireRun(actor, team);
  domain::Volunteer v;
  v.id = domain::NewId();
  v.team_id = team_id;
  v.resident_id = input.resident_id;
  v.name = Trim(input.name);
  v.phone = Trim(input.phone);
  v.joined = Trim(input.joined).empty() ? Today(actor.now) : Trim(input.joined);
  auto problems = domain::ValidateVolunteer(v);
  if (input.resident_id) {
    // Only residents of the team's region: a leader cannot look up names elsewhere by id.
    auto resident = tx->Registry().FindResident(*input.resident_id);
    if (!resident || resident->region_path.rfind(team.region_path, 0) != 0) {
      problems.push_back({"resident_id", "volunteer.bad_resident", "本区域内没有该居民"});
    } else {
      v.name = resident->name;
      v.phone.clear();
    }
  }
  ThrowIfProblems(std::move(problems));
  v.created_at = actor.now;
  tx->Volunteers().InsertVolunteer(v);
  RecordAudit(*tx, actor, "volunteer.add", "volunteer", v.id, "", Snapshot(v));
  tx->Commit();
  return v;
}

domain::Volunteer VolunteerService::SetVolunteerActive(const Actor& actor, Id volunteer_id,
                                                       bool active) {
  Require(actor, {Permission::kReadVolunteers, Permission::kManageVolunteers});
  auto tx = store_.Begin();
  domain::Volunteer v = LoadVolunteer(*tx, volunteer_id);
  RequireRun(actor, LoadTeam(*tx, v.team_id));
  const std::string before = Snapshot(v);
  v.active = active;
  tx->Volunteers().SetVolunteerActive(volunteer_id, active);
  RecordAudit(*tx, actor, "volunteer.active", "volunteer", v.id, before, Snapshot(v));
  tx->Commit();
  return v;
}

domain::VolunteerActivity VolunteerService::AddActivity(const Actor& actor, Id team_id,
                                                        const ActivityInput& input) {
  Require(actor, {Permission::kReadVolunteers, Permission::kManageVolunteers});
  auto tx = store_.Begin();
  const domain::VolunteerTeam team = LoadTeam(*tx, team_id);
  RequireRun(actor, team);
  domain::VolunteerActivity a;
  a.id = domain::NewId();
  a.team_id = team_id;
  a.title = Trim(input.title);
  a.date = Trim(input.date);
  a.time = Trim(input.time);
  a.place = Trim(input.place);
  a.capacity = input.capacity;
  a.hours_tenths = domain::ParseTenths(input.hours).value_or(0);
  ThrowIfProblems(domain::ValidateActivity(a));
  a.state = domain::ActivityState::kOpen;
  a.created_at = actor.now;
  tx->Volunteers().InsertActivity(a);
  RecordAudit(*tx, actor, "volunteer.activity_add", "volunteer_activity", a.id, "", Snapshot(a));
  tx->Commit();
  a.team_name = team.name;
  a.region_path = team.region_path;
  return a;
}

ActivityDetail VolunteerService::GetActivity(const Actor& actor, Id activity_id) {
  Require(actor, {Permission::kReadVolunteers, Permission::kManageVolunteers});
  auto tx = store_.BeginRead();
  ActivityDetail out;
  out.activity = LoadActivity(*tx, activity_id);
  const domain::VolunteerTeam team = LoadTeam(*tx, out.activity.team_id);
  RequireRead(actor, team);
  out.signups = tx->Volunteers().SignUpsOf(activity_id);
  out.can_manage = MayRun(actor, team);
  return out;
}

domain::VolunteerActivity VolunteerService::SetActivityState(const Actor& actor, Id activity_id,
                                                             const std::string& state) {
  Require(actor, {Permission::kReadVolunteers, Permission::kManageVolunteers});
  auto tx = store_.Begin();
  domain::VolunteerActivity a = LoadActivity(*tx, activity_id);
  RequireRun(actor, LoadTeam(*tx, a.team_id));
  auto parsed = domain::ParseActivityState(Trim(state));
  if (!parsed) ThrowIfProblems({{"state", "volunteer.bad_state", "活动状态无效"}});
  tx->Volunteers().LockActivity(activity_id);
  const std::string before = Snapshot(a);
  a.state = *parsed;
  tx->Volunteers().SetActivityState(activity_id, a.state);
  RecordAudit(*tx, actor, "volunteer.activity_state", "volunteer_activity", a.id, before,
              Snapshot(a));
  tx->Commit();
  return a;
}

domain::VolunteerSignUp VolunteerService::SignUp(const Actor& actor, Id activity_id,
                                                 Id volunteer_id) {
  Require(actor, {Permission::kReadVolunteers, Permission::kManageVolunteers,
                  Permission::kJoinVolunteers});
  auto tx = store_.Begin();
  const domain::VolunteerActivity found = LoadActivity(*tx, activity_id);
  const domain::VolunteerTeam team = LoadTeam(*tx, found.team_id);
  auto volunteer = volunteer_id != 0 ? tx->Volunteers().FindVolunteer(volunteer_id) : std::nullopt;
  if (!MayRun(actor, team) && !(volunteer && IsOwn(actor, *volunteer))) {
    throw domain::Forbidden("auth.forbidden", "只能为本人或本队志愿者报名");
  }
  if (!volunteer || volunteer->team_id != team.id) {
    throw domain::NotFound("volunteer.not_found", "本队没有该志愿者");
  }
  if (!volunteer->active) throw domain::Conflict("volunteer.inactive", "该志愿者已退出服务队");
  // One sign-up writer per activity at a time: the capacity check below sees every earlier one.
  tx->Volunteers().LockActivity(activity_id);
  const domain::VolunteerActivity activity = LoadActivity(*tx, activity_id);
  domain::CheckOpen(activity);
  domain::CheckSignUp(activity, tx->Volunteers().SignUpsOf(activity_id), volunteer_id);
  domain::VolunteerSignUp s;
  s.activity_id = activity_id;
  s.volunteer_id = volunteer_id;
  s.created_at = actor.now;
  if (actor.user.id != 0) s.created_by = actor.user.id;
  s.volunteer_name = volunteer->name;
  tx->Volunteers().InsertSignUp(s);
  RecordAudit(*tx, actor, "volunteer.sign_up", "volunteer_activity", activity_id, "",
              JsonObjectWriter()
                  .Add("volunteer_id", static_cast<std::int64_t>(volunteer_id))
                  .Add("name", volunteer->name)
                  .Finish());
  tx->Commit();
  return s;
}

ActivityDetail VolunteerService::MarkAttendance(const Actor& actor, Id activity_id,
                                                const std::vector<Id>& volunteer_ids) {
  Require(actor, {Permission::kReadVolunteers, Permission::kManageVolunteers});
  auto tx = store_.Begin();
  const domain::VolunteerTeam team = LoadTeam(*tx, LoadActivity(*tx, activity_id).team_id);
  RequireRun(actor, team);
  tx->Volunteers().LockActivity(activity_id);
  ActivityDetail out;
  out.activity = LoadActivity(*tx, activity_id);
  out.can_manage = true;
  if (out.activity.state == domain::ActivityState::kCancelled) {
    throw domain::Conflict("volunteer.not_open", "活动已取消");
  }
  if (out.activity.date > Today(actor.now)) {
    throw domain::Conflict("volunteer.not_yet", "活动尚未举行，不能签到");
  }
  if (volunteer_ids.empty()) {
    ThrowIfProblems({{"volunteer_ids", "field.required", "请选择参加活动的志愿者"}});
  }
  const auto signups = tx->Volunteers().SignUpsOf(activity_id);
  std::vector<Id> to_credit;
  for (Id id : volunteer_ids) {
    auto it = std::find_if(signups.begin(), signups.end(),
                           [id](const domain::VolunteerSignUp& s) { return s.volunteer_id == id; });
    if (it == signups.end()) {
      ThrowIfProblems({{"volunteer_ids", "volunteer.not_signed_up", "有志愿者未报名此活动"}});
    }
    domain::CheckNotSelf(LoadVolunteer(*tx, id), actor.user.resident_id);
    if (!it->attended && std::find(to_credit.begin(), to_credit.end(), id) == to_credit.end()) {
      to_credit.push_back(id);
    }
  }
  for (Id id : to_credit) {
    tx->Volunteers().SetAttended(activity_id, id);
    domain::VolunteerHours h;
    h.id = domain::NewId();
    h.volunteer_id = id;
    h.activity_id = activity_id;
    h.tenths = out.activity.hours_tenths;
    h.created_at = actor.now;
    if (actor.user.id != 0) h.created_by = actor.user.id;
    tx->Volunteers().InsertHours(h);
    RecordAudit(*tx, actor, "volunteer.attended", "volunteer_hours", h.id, "", Snapshot(h));
  }
  if (out.activity.state != domain::ActivityState::kDone) {
    const std::string before = Snapshot(out.activity);
    out.activity.state = domain::ActivityState::kDone;
    tx->Volunteers().SetActivityState(activity_id, out.activity.state);
    RecordAudit(*tx, actor, "volunteer.activity_state", "volunteer_activity", activity_id, before,
                Snapshot(out.activity));
  }
  out.signups = tx->Volunteers().SignUpsOf(activity_id);
  tx->Commit();
  return out;
}

domain::VolunteerHours VolunteerService::AdjustHours(const Actor& actor, Id volunteer_id,
                                                     const std::string& hours,
                                                     const std::string& reason) {
  Require(actor, Permission::kManageVolunteers);
  auto tx = store_.Begin();
  const domain::Volunteer v = LoadVolunteer(*tx, volunteer_id);
  const domain::VolunteerTeam team = LoadTeam(*tx, v.team_id);
  Require(actor, Permission::kManageVolunteers, team.region_path,
          {"auth.forbidden", "无权调整该志愿者的时长"});
  domain::CheckNotSelf(v, actor.user.resident_id);
  domain::VolunteerHours h;
  h.id = domain::NewId();
  h.volunteer_id = volunteer_id;
  h.reason = Trim(reason);
  std::vector<domain::FieldProblem> problems;
  auto tenths = domain::ParseTenths(hours);
  if (!tenths || *tenths == 0 || *tenths > kMaxAdjustTenths || *tenths < -kMaxAdjustTenths) {
    problems.push_back({"hours", "volunteer.bad_hours", "调整时长应为非零数，最多一位小数"});
  } else {
    h.tenths = *tenths;
  }
  if (h.reason.empty()) {
    problems.push_back({"reason", "field.required", "请填写调整原因"});
  } else if (domain::Utf8Length(h.reason) > kMaxReasonChars) {
    problems.push_back({"reason", "field.too_long", "原因不能超过 200 个字"});
  }
  ThrowIfProblems(std::move(problems));
  h.created_at = actor.now;
  if (actor.user.id != 0) h.created_by = actor.user.id;
  tx->Volunteers().InsertHours(h);
  RecordAudit(*tx, actor, "volunteer.hours_adjust", "volunteer_hours", h.id, "", Snapshot(h));
  tx->Commit();
  return h;
}

VolunteerHoursDetail VolunteerService::Hours(const Actor& actor, Id volunteer_id) {
  Require(actor, {Permission::kReadVolunteers, Permission::kManageVolunteers,
                  Permission::kJoinVolunteers});
  auto tx = store_.BeginRead();
  VolunteerHoursDetail out;
  out.volunteer = LoadVolunteer(*tx, volunteer_id);
  const domain::VolunteerTeam team = LoadTeam(*tx, out.volunteer.team_id);
  if (!MayRead(actor, team) && !IsOwn(actor, out.volunteer)) {
    throw domain::Forbidden("auth.forbidden", "无权查看该志愿者的时长");
  }
  out.team_name = team.name;
  out.rows = tx->Volunteers().HoursOf(volunteer_id);
  for (const auto& h : out.rows) out.total_tenths += h.tenths;
  return out;
}

MyVolunteering VolunteerService::Mine(const Actor& actor) {
  Require(actor, Permission::kJoinVolunteers);
  MyVolunteering out;
  if (!actor.user.resident_id) return out;
  auto tx = store_.BeginRead();
  const std::string today = Today(actor.now);
  for (auto& v : tx->Volunteers().VolunteersOfResident(*actor.user.resident_id)) {
    MyVolunteering::Entry entry;
    entry.team_name = LoadTeam(*tx, v.team_id).name;
    for (auto& a : tx->Volunteers().ActivitiesOf(v.team_id)) {
      bool signed_up = false;
      for (const auto& s : tx->Volunteers().SignUpsOf(a.id)) {
        if (s.volunteer_id == v.id) signed_up = true;
      }
      const bool upcoming = a.state == domain::ActivityState::kOpen && a.date >= today;
      if (!upcoming && !signed_up) continue;
      entry.activities.push_back(std::move(a));
      entry.signed_up.push_back(signed_up);
    }
    entry.volunteer = std::move(v);
    out.entries.push_back(std::move(entry));
  }
  return out;
}

domain::VolunteerCertificate VolunteerService::IssueCertificate(const Actor& actor,
                                                                Id volunteer_id) {
  Require(actor, {Permission::kReadVolunteers, Permission::kManageVolunteers,
                  Permission::kJoinVolunteers});
  auto tx = store_.Begin();
  const domain::Volunteer v = LoadVolunteer(*tx, volunteer_id);
  const domain::VolunteerTeam team = LoadTeam(*tx, v.team_id);
  if (!MayRun(actor, team) && !IsOwn(actor, v)) {
    throw domain::Forbidden("auth.forbidden", "无权为该志愿者出具证明");
  }
  domain::VolunteerCertificate c;
  c.code = NewCertificateCode();
  c.volunteer_id = volunteer_id;
  c.volunteer_name = v.name;
  c.team_name = team.name;
  c.hours_tenths = v.hours_tenths;
  c.issued_at = actor.now;
  if (actor.user.id != 0) c.issued_by = actor.user.id;
  tx->Volunteers().InsertCertificate(c);
  RecordAudit(*tx, actor, "volunteer.certificate", "volunteer", volunteer_id, "",
              JsonObjectWriter()
                  .Add("code", c.code)
                  .Add("hours", domain::FormatTenths(c.hours_tenths))
                  .Finish());
  tx->Commit();
  return c;
}

std::string VolunteerService::CertificatePdf(const Actor& actor, const std::string& code) {
  Require(actor, {Permission::kReadVolunteers, Permission::kManageVolunteers,
                  Permission::kJoinVolunteers});
  auto tx = store_.BeginRead();
  auto c = tx->Volunteers().FindCertificate(Trim(code));
  if (!c) throw domain::NotFound("volunteer.certificate_not_found", "证明不存在");
  const domain::Volunteer v = LoadVolunteer(*tx, c->volunteer_id);
  const domain::VolunteerTeam team = LoadTeam(*tx, v.team_id);
  if (!MayRead(actor, team) && !IsOwn(actor, v)) {
    throw domain::Forbidden("auth.forbidden", "无权查看该证明");
  }
  VolunteerCertificatePage page;
  page.name = c->volunteer_name;
  page.team_name = c->team_name;
  page.region_name = team.region_name;
  page.total_hours = domain::FormatTenths(c->hours_tenths);
  for (const auto& h : tx->Volunteers().HoursOf(v.id)) {
    if (h.created_at > c->issued_at) continue;
    page.lines.push_back({h.activity_id ? h.activity_date : Today(h.created_at),
                          h.activity_id ? h.activity_title : "时长调整：" + h.reason,
                          domain::FormatTenths(h.tenths)});
  }
  page.issued_text = ChineseDate(c->issued_at);
  page.code = c->code;
  page.verify_url = VerifyUrl(c->code);
  return RenderVolunteerCertificatePdf(page);
}

domain::VolunteerCertificate VolunteerService::VerifyCertificate(const std::string& code) {
  auto tx = store_.BeginRead();
  auto c = tx->Volunteers().FindCertificate(Trim(code));
  if (!c) throw domain::NotFound("volunteer.certificate_not_found", "证明不存在或验证码有误");
  c->volunteer_name = domain::MaskPersonName(c->volunteer_name);
  c->issued_by.reset();
  return *c;
}

std::vector<PublicActivity> VolunteerService::PublicActivities(Id region_id, domain::Epoch now) {
  auto tx = store_.BeginRead();
  auto region = tx->Registry().FindRegion(region_id);
  if (!region) throw domain::NotFound("region.not_found", "区域不存在");
  std::vector<PublicActivity> out;
  for (auto& a : tx->Volunteers().OpenActivities(region->path, Today(now))) {
    const int free_places = std::max(0, a.capacity - a.signed_up);
    out.push_back({std::move(a), free_places});
  }
  return out;
}

std::string VolunteerService::VerifyUrl(const std::string& code) const {
  return links_.Url("/vc/" + code);
}

}  // namespace minqing::app
