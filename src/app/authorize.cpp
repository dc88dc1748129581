#include "app/authorize.hpp"

#include <string>

#include "domain/errors.hpp"

namespace minqing::app {
namespace {

[[noreturn]] void Refuse(const Refusal& refusal) {
  throw domain::Forbidden(std::string(refusal.code), std::string(refusal.message));
}

}  // namespace

void Require(const Actor& actor, domain::Permission permission, const Refusal& refusal) {
  if (!domain::RoleHas(actor.user.role, permission)) Refuse(refusal);
}

void Require(const Actor& actor, std::initializer_list<domain::Permission> any_of,
             const Refusal& refusal) {
  for (domain::Permission permission : any_of) {
    if (domain::RoleHas(actor.user.role, permission)) return;
  }
  Refuse(refusal);
}

void Require(const Actor& actor, domain::Permission permission, std::string_view region_path,
             const Refusal& refusal) {
  Require(actor, permission);
  if (!domain::RegionInScope(actor.user, region_path)) Refuse(refusal);
}

bool InScope(const Actor& actor, const UnitScope& unit) {
  if (actor.user.role != domain::Role::kUnitHandler) return true;
  return unit.unit_id && actor.user.scope_unit_id == unit.unit_id;
}

void Require(const Actor& actor, domain::Permission permission, const UnitScope& unit,
             const Refusal& refusal) {
  Require(actor, permission);
  if (!InScope(actor, unit)) Refuse(refusal);
}

void Require(const Actor& actor, domain::Permission permission, const HouseholdScope& household,
             const Refusal& refusal) {
  if (!domain::MayAccessHousehold(actor.user, permission, household.region_path,
                                  household.own_household_id, household.household_id)) {
    Refuse(refusal);
  }
}

std::optional<Id> OwnHouseholdOf(StoreTx& tx, const Actor& actor) {
  if (!actor.user.resident_id) return std::nullopt;
  auto resident = tx.Registry().FindResident(*actor.user.resident_id);
  return resident ? resident->household_id : std::nullopt;
}

HouseholdScope HouseholdScopeOf(StoreTx& tx, const Actor& actor,
                                const domain::Household& household) {
  std::optional<Id> own =
      actor.user.role == domain::Role::kResident ? OwnHouseholdOf(tx, actor) : std::nullopt;
  return {household.id, household.region_path, own};
}

}  // namespace minqing::app
