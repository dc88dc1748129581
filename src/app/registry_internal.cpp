// The definitions of the helpers registry_internal.hpp declares.
#include "app/registry_internal.hpp"

#include <algorithm>

#include "app/authorize.hpp"
#include "domain/errors.hpp"

namespace minqing::app::registry_internal {

using domain::FieldProblem;
using domain::Permission;

void ThrowIfProblems(std::vector<FieldProblem> problems, std::string_view message) {
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", std::string(message), std::move(problems));
  }
}

domain::PageRequest Clamp(domain::PageRequest page) {
  page.limit = std::clamp<std::int64_t>(page.limit, 1, 200);
  page.offset = std::max<std::int64_t>(page.offset, 0);
  return page;
}

// The region prefix a list covers: the requested region (which must be in scope) or the scope.
std::string ListPrefix(StoreTx& tx, const Actor& actor, Permission permission,
                       std::optional<Id> region_id) {
  Require(actor, permission);
  if (!region_id) return actor.user.scope_region_path;
  auto region = tx.Registry().FindRegion(*region_id);
  if (!region) throw domain::NotFound("region.not_found", "区域不存在");
  Require(actor, permission, region->path);
  return region->path;
}

domain::Household LoadHousehold(StoreTx& tx, const Actor& actor, Permission permission, Id id) {
  auto household = tx.Registry().FindHousehold(id);
  if (!household) throw domain::NotFound("household.not_found", "该户不存在");
  Require(actor, permission, HouseholdScopeOf(tx, actor, *household));
  return *household;
}

domain::Resident LoadResident(StoreTx& tx, const Actor& actor, Permission permission, Id id) {
  auto resident = tx.Registry().FindResident(id);
  if (!resident) throw domain::NotFound("resident.not_found", "居民不存在");
  if (resident->household_id) {
    LoadHousehold(tx, actor, permission, *resident->household_id);
  } else {
    Require(actor, permission, resident->region_path);
    if (actor.user.role == domain::Role::kResident) {
      throw domain::Forbidden("auth.forbidden", "无权访问该居民");
    }
  }
  return *resident;
}

domain::Region LoadRegion(StoreTx& tx, Id id) {
  auto region = tx.Registry().FindRegion(id);
  if (!region) throw domain::NotFound("region.not_found", "区域不存在");
  return *region;
}

}  // namespace minqing::app::registry_internal
