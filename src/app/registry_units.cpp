// RegistryService's units (单位) with their staff, and the audit log's reading.
#include <algorithm>
#include <vector>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/registry_internal.hpp"
#include "app/registry_service.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/office_hours.hpp"
#include "domain/privacy.hpp"
#include "domain/text.hpp"

namespace minqing::app {

using namespace registry_internal;  // NOLINT(google-build-using-namespace): this area's helpers.

namespace {

using domain::FieldProblem;
using domain::Permission;
using domain::Trim;

// The region an audited object lies in, for the kinds that have one (nullopt: unknown kind or
// no such object).
std::optional<std::string> AuditedRegion(StoreTx& tx, const std::string& entity, Id id) {
  if (entity == "household") {
    if (auto h = tx.Registry().FindHousehold(id)) return h->region_path;
  } else if (entity == "resident") {
    if (auto r = tx.Registry().FindResident(id)) return r->region_path;
  } else if (entity == "region") {
    if (auto r = tx.Registry().FindRegion(id)) return r->path;
  } else if (entity == "matter") {
    if (auto m = tx.Matters().FindMatter(id)) return m->region_path;
  } else if (entity == "party_member") {
    if (auto m = tx.Registry().FindPartyMember(id)) return m->region_path;
  } else if (entity == "user") {
    if (auto u = tx.Accounts().FindUser(id); u && !u->scope_region_path.empty())
      return u->scope_region_path;
  }
  return std::nullopt;
}

// The audit log is read within the reader's region scope. Entries carry no region, so a reader
// whose scope is not the whole county names what they read: an object (entity + id) in scope,
// or a user whose scope lies in theirs.
void RequireAuditScope(StoreTx& tx, const Actor& actor, const AuditFilter& filter) {
  const std::string& scope = actor.user.scope_region_path;
  if (scope.empty() || std::count(scope.begin(), scope.end(), '/') == 2) {
    if (scope.empty() || tx.Registry().ListRegionChildren(std::nullopt).size() == 1) return;
  }
  std::optional<std::string> path;
  if (!filter.entity.empty() && filter.entity_id) {
    path = AuditedRegion(tx, filter.entity, *filter.entity_id);
  } else if (filter.user_id) {
    path = AuditedRegion(tx, "user", *filter.user_id);
  }
  if (!path || !domain::RegionInScope(actor.user, *path)) {
    throw domain::Forbidden("audit.out_of_scope", "只能查看本辖区对象或人员的操作日志");
  }
}

}  // namespace

std::vector<domain::Unit> RegistryService::ListUnits(const Actor& actor) {
  Require(actor, Permission::kReadUnits);
  auto tx = store_.BeginRead();
  auto units = tx->Registry().ListUnits();
  if (actor.user.role == domain::Role::kUnitHandler) {
    std::erase_if(units, [&](const auto& u) { return u.id != actor.user.scope_unit_id; });
  }
  return units;
}

UnitDetail RegistryService::GetUnit(const Actor& actor, Id unit_id) {
  Require(actor, Permission::kReadUnits);
  if (actor.user.role == domain::Role::kUnitHandler && actor.user.scope_unit_id != unit_id) {
    throw domain::Forbidden("auth.forbidden", "无权查看其他单位");
  }
  auto tx = store_.BeginRead();
  auto unit = tx->Registry().FindUnit(unit_id);
  if (!unit) throw domain::NotFound("unit.not_found", "单位不存在");
  UnitDetail detail{*unit, tx->Registry().ListStaff(unit_id)};
  for (auto& s : detail.staff) s.phone = domain::MaskPhone(s.phone);
  return detail;
}

domain::Unit RegistryService::CreateUnit(const Actor& actor, const UnitInput& input) {
  Require(actor, Permission::kManageUnits);
  std::vector<FieldProblem> problems;
  auto kind = domain::ParseUnitKind(input.kind);
  if (!kind) problems.push_back({"kind", "unit.kind_invalid", "单位类型无效"});
  std::string name = Trim(input.name);
  if (name.empty()) problems.push_back({"name", "unit.name_required", "请填写单位名称"});
  if (!input.phone.empty() && !domain::IsPlausiblePhone(input.phone)) {
    problems.push_back({"phone", "phone.invalid", "电话号码格式不正确"});
  }
  ThrowIfProblems(std::move(problems), "单位信息有误");
  auto tx = store_.Begin();
  if (input.region_id) LoadRegion(*tx, *input.region_id);
  domain::Unit unit;
  unit.id = domain::NewId();
  unit.name = name;
  unit.kind = *kind;
  unit.region_id = input.region_id;
  unit.phone = input.phone;
  tx->Registry().InsertUnit(unit);
  RecordAudit(*tx, actor, "unit.create", "unit", unit.id, "", Snapshot(unit));
  tx->Commit();
  return unit;
}

domain::Unit RegistryService::SetUnitOfficeHours(const Actor& actor, Id unit_id,
                                                 const std::string& text) {
  Require(actor, Permission::kManageUnits);
  std::vector<std::string> parse_problems;
  const auto hours = domain::ParseOfficeHours(Trim(text), parse_problems);
  if (!parse_problems.empty()) {
    std::vector<FieldProblem> problems;
    for (auto& p : parse_problems) {
      problems.push_back({"office_hours", "unit.office_hours_invalid", std::move(p)});
    }
    ThrowIfProblems(std::move(problems), "办公时间格式不正确");
  }
  auto tx = store_.Begin();
  auto unit = tx->Registry().FindUnit(unit_id);
  if (!unit) throw domain::NotFound("unit.not_found", "单位不存在");
  const std::string before = Snapshot(*unit);
  unit->office_hours = domain::FormatOfficeHours(hours);
  tx->Registry().UpdateUnit(*unit);
  RecordAudit(*tx, actor, "unit.office_hours", "unit", unit->id, before, Snapshot(*unit));
  tx->Commit();
  return *unit;
}

domain::Staff RegistryService::AddStaff(const Actor& actor, Id unit_id, const StaffInput& input) {
  Require(actor, Permission::kManageUnits);
  std::vector<FieldProblem> problems;
  std::string name = Trim(input.name);
  if (name.empty()) problems.push_back({"name", "staff.name_required", "请填写姓名"});
  if (!input.phone.empty() && !domain::IsPlausiblePhone(input.phone)) {
    problems.push_back({"phone", "phone.invalid", "电话号码格式不正确"});
  }
  ThrowIfProblems(std::move(problems), "人员信息有误");
  auto tx = store_.Begin();
  if (!tx->Registry().FindUnit(unit_id)) throw domain::NotFound("unit.not_found", "单位不存在");
  if (input.user_id && !tx->Accounts().FindUser(*input.user_id)) {
    throw domain::InvalidInput("validation.failed", "关联用户不存在",
                               {{"user_id", "user.not_found", "关联用户不存在"}});
  }
  domain::Staff staff;
  staff.id = domain::NewId();
  staff.unit_id = unit_id;
  staff.name = name;
  staff.title = Trim(input.title);
  staff.phone = input.phone;
  staff.user_id = input.user_id;
  tx->Registry().InsertStaff(staff);
  RecordAudit(*tx, actor, "staff.create", "staff", staff.id, "", Snapshot(staff));
  tx->Commit();
  staff.phone = domain::MaskPhone(staff.phone);
  return staff;
}

domain::Page<domain::AuditEntry> RegistryService::ListAudit(const Actor& actor,
                                                            const AuditFilter& filter,
                                                            const domain::PageRequest& page) {
  Require(actor, Permission::kReadAudit);
  auto tx = store_.BeginRead();
  RequireAuditScope(*tx, actor, filter);
  return tx->ListAudit(filter, Clamp(page));
}

}  // namespace minqing::app
