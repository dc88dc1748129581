#include "domain/authz.hpp"

namespace minqing::domain {

bool RoleHas(Role role, Permission p) {
  using P = Permission;
  switch (role) {
    case Role::kAdmin:
      return true;
    case Role::kLeader:
      return p == P::kReadRegistry || p == P::kReadParty || p == P::kReadUnits ||
             p == P::kReadAudit || p == P::kRevealPersonal;
    case Role::kCentreStaff:
      return p == P::kReadRegistry || p == P::kWriteRegistry || p == P::kRevealPersonal ||
             p == P::kReadParty || p == P::kReadUnits;
    case Role::kUnitHandler:
      return p == P::kReadUnits;
    case Role::kVillageAssistant:
      return p == P::kReadRegistry || p == P::kWriteRegistry || p == P::kRevealPersonal ||
             p == P::kReadParty;
    case Role::kPartyMember:
      return p == P::kReadRegistry || p == P::kReadParty;
    case Role::kResident:
      return p == P::kReadRegistry;
  }
  return false;
}

bool RegionInScope(const User& user, std::string_view region_path) {
  if (user.role == Role::kAdmin && user.scope_region_path.empty()) return true;
  if (user.scope_region_path.empty()) return user.role != Role::kResident;
  return region_path.substr(0, user.scope_region_path.size()) == user.scope_region_path;
}

bool MayAccessHousehold(const User& user, Permission permission, std::string_view region_path,
                        std::optional<Id> own_household_id, Id household_id) {
  if (!RoleHas(user.role, permission)) return false;
  if (user.role == Role::kResident) {
    return permission == Permission::kReadRegistry && own_household_id == household_id;
  }
  return RegionInScope(user, region_path);
}

}  // namespace minqing::domain
