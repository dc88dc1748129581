// ServiceInfoService: the duty rosters (值班表) of service centres and their badges.
#include <algorithm>
#include <map>
#include <set>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/service_info/service_info.hpp"
#include "app/service_info/service_info_pdf.hpp"
#include "domain/codes.hpp"
#include "domain/errors.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {
namespace {

using domain::FieldProblem;
using domain::Permission;

struct Centre {
  domain::Unit unit;
  std::string region_path;  // "" when the unit has no region (county-wide).
  std::string region_name;
};

Centre LoadCentre(StoreTx& tx, Id unit_id) {
  auto unit = tx.Registry().FindUnit(unit_id);
  if (!unit) throw domain::NotFound("unit.not_found", "单位不存在");
  Centre centre{*unit, "", ""};
  if (unit->region_id) {
    if (auto region = tx.Registry().FindRegion(*unit->region_id)) {
      centre.region_path = region->path;
      centre.region_name = region->name;
    }
  }
  return centre;
}

// The centre, after checking duty.manage in its township (before anything else about it).
Centre LoadCentreInScope(StoreTx& tx, const Actor& actor, Id unit_id) {
  Centre centre = LoadCentre(tx, unit_id);
  Require(actor, Permission::kManageDuty, centre.region_path,
          {"auth.forbidden", "无权安排其他乡镇服务中心的值班"});
  if (centre.unit.kind != domain::UnitKind::kServiceCentre) {
    throw domain::InvalidInput("duty.not_centre", "只有服务中心有值班表",
                               {{"unit_id", "duty.not_centre", "只有服务中心有值班表"}});
  }
  return centre;
}

domain::DayNumber Monday(domain::DayNumber day) { return day - (domain::Weekday(day) - 1); }

DutyRoster ReadRoster(StoreTx& tx, const Centre& centre, domain::DayNumber first, int days,
                      domain::Epoch now, const PublicLinks& links) {
  DutyRoster roster;
  roster.unit = centre.unit;
  roster.region_name = centre.region_name;
  roster.from = domain::FormatDate(first);
  roster.today = domain::FormatDate(domain::ChinaDay(now));
  roster.public_url = links.Url("/duty/" + std::to_string(centre.unit.id));
  const std::string last = domain::FormatDate(first + days - 1);
  std::map<std::string, domain::DutyDay> stored;
  for (auto& day : tx.ServiceInfo().ListDutyDays(centre.unit.id, roster.from, last)) {
    stored[day.date] = std::move(day);
  }
  for (int i = 0; i < days; ++i) {
    std::string date = domain::FormatDate(first + i);
    auto it = stored.find(date);
    if (it != stored.end()) {
      roster.days.push_back(std::move(it->second));
    } else {
      domain::DutyDay empty;
      empty.unit_id = centre.unit.id;
      empty.date = std::move(date);
      roster.days.push_back(std::move(empty));
    }
  }
  return roster;
}

std::vector<DutyCandidate> Candidates(StoreTx& tx, const Centre& centre) {
  std::map<Id, DutyCandidate> found;
  auto add = [&](const std::vector<domain::User>& users) {
    for (const auto& u : users) {
      if (u.role == domain::Role::kResident || u.role == domain::Role::kPartyMember) continue;
      found[u.id] = {u.id, u.display_name.empty() ? u.username : u.display_name,
                     std::string(domain::RoleCode(u.role))};
    }
  };
  if (centre.unit.region_id) {
    UserQuery by_region;
    by_region.scope_region_ids = {*centre.unit.region_id};
    add(tx.Accounts().FindUsers(by_region));
  }
  UserQuery by_unit;
  by_unit.unit_id = centre.unit.id;
  add(tx.Accounts().FindUsers(by_unit));
  std::vector<DutyCandidate> out;
  for (auto& [id, c] : found) out.push_back(std::move(c));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.name != b.name ? a.name < b.name : a.user_id < b.user_id;
  });
  return out;
}

std::string DatesOf(const std::vector<domain::DutyDay>& days) {
  std::string out;
  for (const auto& d : days) out += (out.empty() ? "" : ",") + d.date;
  return out;
}

}  // namespace

DutyRoster ServiceInfoService::Duty(const Actor& actor, Id unit_id, const std::string& from,
                                    int days) {
  Require(actor, Permission::kManageDuty);
  auto tx = store_.BeginRead();
  Centre centre = LoadCentreInScope(*tx, actor, unit_id);
  std::optional<domain::DayNumber> first =
      from.empty() ? std::optional(Monday(domain::ChinaDay(actor.now))) : domain::ParseDate(from);
  std::vector<FieldProblem> problems;
  if (!first) problems.push_back({"from", "duty.bad_date", "日期格式应为 YYYY-MM-DD"});
  if (days < 1 || days > kMaxDutyRosterDays) {
    problems.push_back({"days", "duty.bad_days", "一次最多查看31天"});
  }
  if (!problems.empty()) throw domain::InvalidInput("validation.failed", "输入有误", problems);
  return ReadRoster(*tx, centre, *first, days, actor.now, links_);
}

std::vector<DutyCandidate> ServiceInfoService::DutyCandidates(const Actor& actor, Id unit_id) {
  Require(actor, Permission::kManageDuty);
  auto tx = store_.BeginRead();
  Centre centre = LoadCentreInScope(*tx, actor, unit_id);
  return Candidates(*tx, centre);
}

DutyRoster ServiceInfoService::SaveDuty(const Actor& actor, Id unit_id,
                                        std::vector<domain::DutyDay> days) {
  Require(actor, Permission::kManageDuty);
  auto tx = store_.Begin();
  Centre centre = LoadCentreInScope(*tx, actor, unit_id);
  std::vector<FieldProblem> problems;
  if (days.empty()) problems.push_back({"days", "duty.days_required", "请至少填写一天的值班"});
  if (days.size() > static_cast<std::size_t>(kMaxDutyRosterDays)) {
    problems.push_back({"days", "duty.bad_days", "一次最多保存31天"});
  }
  std::set<Id> candidates;
  for (const auto& c : Candidates(*tx, centre)) candidates.insert(c.user_id);
  std::set<std::string> dates;
  for (std::size_t i = 0; i < days.size(); ++i) {
    domain::DutyDay& day = days[i];
    day.unit_id = centre.unit.id;
    const std::string prefix = "days[" + std::to_string(i) + "].";
    for (auto& p : domain::CheckDutyDay(day, prefix)) problems.push_back(std::move(p));
    if (!dates.insert(day.date).second) {
      problems.push_back({prefix + "date", "duty.date_twice", "同一天只能填写一次：" + day.date});
    }
    if (day.leader_user_id && *day.leader_user_id > 0 && !candidates.count(*day.leader_user_id)) {
      problems.push_back({prefix + "leader_user_id", "duty.not_candidate",
                          "带班领导须是本中心或本乡镇的工作人员账号"});
    }
    for (std::size_t j = 0; j < day.staff.size(); ++j) {
      const Id who = day.staff[j].user_id;
      if (who > 0 && !candidates.count(who)) {
        problems.push_back({prefix + "staff[" + std::to_string(j) + "].user_id",
                            "duty.not_candidate", "窗口人员须是本中心或本乡镇的工作人员账号"});
      }
    }
  }
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "值班安排有误，未保存", problems);
  }
  std::sort(days.begin(), days.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  for (const auto& day : days) tx->ServiceInfo().PutDutyDay(day, actor.now, actor.user.id);
  RecordAudit(*tx, actor, "duty.save", "unit", centre.unit.id, "",
              JsonObjectWriter().Add("dates", DatesOf(days)).Finish());
  const auto first = *domain::ParseDate(days.front().date);
  const auto last = *domain::ParseDate(days.back().date);
  DutyRoster roster =
      ReadRoster(*tx, centre, first, static_cast<int>(last - first + 1), actor.now, links_);
  tx->Commit();
  return roster;
}

DutyRoster ServiceInfoService::CopyDutyWeek(const Actor& actor, Id unit_id,
                                            const std::string& from_monday,
                                            const std::string& to_monday) {
  Require(actor, Permission::kManageDuty);
  auto tx = store_.Begin();
  Centre centre = LoadCentreInScope(*tx, actor, unit_id);
  auto from = domain::ParseDate(from_monday);
  auto to = domain::ParseDate(to_monday);
  std::vector<FieldProblem> problems;
  if (!from || domain::Weekday(*from) != 1) {
    problems.push_back({"from_week", "duty.not_monday", "请填写源周的星期一日期"});
  }
  if (!to || domain::Weekday(*to) != 1) {
    problems.push_back({"to_week", "duty.not_monday", "请填写目标周的星期一日期"});
  } else if (from && *from == *to) {
    problems.push_back({"to_week", "duty.same_week", "源周和目标周相同"});
  }
  if (!problems.empty()) throw domain::InvalidInput("validation.failed", "输入有误", problems);
  DutyRoster source = ReadRoster(*tx, centre, *from, 7, actor.now, links_);
  std::vector<domain::DutyDay> copied;
  for (int i = 0; i < 7; ++i) {
    domain::DutyDay day = source.days[static_cast<std::size_t>(i)];
    day.date = domain::FormatDate(*to + i);
    tx->ServiceInfo().PutDutyDay(day, actor.now, actor.user.id);
    copied.push_back(std::move(day));
  }
  RecordAudit(*tx, actor, "duty.copy_week", "unit", centre.unit.id, "",
              JsonObjectWriter().Add("from", from_monday).Add("to", to_monday).Finish());
  DutyRoster roster = ReadRoster(*tx, centre, *to, 7, actor.now, links_);
  tx->Commit();
  return roster;
}

std::string ServiceInfoService::BadgesPdf(const Actor& actor, Id unit_id, const std::string& date,
                                          const std::vector<Id>& user_ids) {
  Require(actor, Permission::kManageDuty);
  auto tx = store_.BeginRead();
  Centre centre = LoadCentreInScope(*tx, actor, unit_id);
  auto day_number =
      date.empty() ? std::optional(domain::ChinaDay(actor.now)) : domain::ParseDate(date);
  if (!day_number) {
    throw domain::InvalidInput("validation.failed", "输入有误",
                               {{"date", "duty.bad_date", "日期格式应为 YYYY-MM-DD"}});
  }
  DutyRoster roster = ReadRoster(*tx, centre, *day_number, 1, actor.now, links_);
  tx.reset();
  const domain::DutyDay& day = roster.days.front();
  const std::set<Id> chosen(user_ids.begin(), user_ids.end());
  auto wanted = [&](Id id) { return chosen.empty() || chosen.count(id) > 0; };
  std::vector<BadgeData> badges;
  if (day.leader_user_id && wanted(*day.leader_user_id)) {
    badges.push_back({day.leader_name, "带班领导", centre.unit.name,
                      domain::FormatBadgeNumber(day.leader_badge_number), true, day.date,
                      roster.public_url});
  }
  for (const auto& post : day.staff) {
    if (!wanted(post.user_id)) continue;
    badges.push_back({post.name, post.post, centre.unit.name,
                      domain::FormatBadgeNumber(post.badge_number), false, day.date,
                      roster.public_url});
  }
  if (badges.empty()) {
    throw domain::InvalidInput("duty.no_one", "该日没有要打印工作牌的值班人员",
                               {{"date", "duty.no_one", "该日没有要打印工作牌的值班人员"}});
  }
  return RenderBadgesPdf(badges);
}

DutyRoster ServiceInfoService::PublicDuty(Id unit_id, domain::Epoch now) {
  auto tx = store_.BeginRead();
  auto unit = tx->Registry().FindUnit(unit_id);
  if (!unit || unit->kind != domain::UnitKind::kServiceCentre) {
    throw domain::NotFound("duty.not_found", "服务中心不存在");
  }
  Centre centre = LoadCentre(*tx, unit_id);
  return ReadRoster(*tx, centre, Monday(domain::ChinaDay(now)), 7, now, links_);
}

}  // namespace minqing::app
