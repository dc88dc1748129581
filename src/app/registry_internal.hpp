// Helpers shared by the RegistryService source files (registry_service.cpp, registry_party.cpp,
// registry_units.cpp): input problems, paging, list prefixes and loading objects with the
// actor's permission checked. Not part of the public API. Thread-safety: pure functions over the
// caller's transaction.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "domain/authz.hpp"
#include "domain/errors.hpp"

namespace minqing::app::registry_internal {

// Lookup text longer than this is cut before it reaches a list query.
constexpr std::size_t kMaxLookupBytes = 64;

// Throws validation.failed with `problems` unless there are none.
void ThrowIfProblems(std::vector<domain::FieldProblem> problems,
                     std::string_view message = "输入有误");

// A page request with its limit clamped to 1..200 and a non-negative offset.
domain::PageRequest Clamp(domain::PageRequest page);

// The region prefix a list covers: the requested region (which must be in scope) or the scope.
std::string ListPrefix(StoreTx& tx, const Actor& actor, domain::Permission permission,
                       std::optional<Id> region_id);

// The region, or region.not_found.
domain::Region LoadRegion(StoreTx& tx, Id id);
// The household, which `actor` must hold `permission` on; household.not_found otherwise.
domain::Household LoadHousehold(StoreTx& tx, const Actor& actor, domain::Permission permission,
                                Id id);
// The resident, checked through their household (or their region when they have none, which
// residents may not read); resident.not_found otherwise.
domain::Resident LoadResident(StoreTx& tx, const Actor& actor, domain::Permission permission,
                              Id id);

}  // namespace minqing::app::registry_internal
