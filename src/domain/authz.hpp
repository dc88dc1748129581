// Who may do what, and where. A role grants permissions; a scope (a region subtree, a unit, or
// the user's own household) limits where they apply. app/ calls these on every use case.
// Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "domain/model.hpp"

namespace minqing::domain {

enum class Permission {
  kReadRegistry,    // Regions, households, residents in scope.
  kWriteRegistry,   // Create and edit households and residents, move residents.
  kRevealPersonal,  // Show an ID-card number or phone in full (recorded).
  kManageRegions,
  kReadParty,
  kManageParty,
  kReadUnits,
  kManageUnits,
  kManageUsers,
  kReadAudit,
  kImportExport,
};

bool RoleHas(Role role, Permission permission);

// True when `region_path` lies inside the user's region scope (an empty scope is everything).
bool RegionInScope(const User& user, std::string_view region_path);

// Role and scope together. Residents may read only their own household (`household_id`).
bool MayAccessHousehold(const User& user, Permission permission, std::string_view region_path,
                        std::optional<Id> own_household_id, Id household_id);

}  // namespace minqing::domain
