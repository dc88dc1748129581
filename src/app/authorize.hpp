// The one authorisation entry point of every use case: Require(actor, permission) checks the role
// half of domain/authz's permission table, Require(actor, permission, scope) also the object's
// scope (a region subtree, a unit, or a household with the resident's own). Refusals throw
// domain::Forbidden with code auth.forbidden unless the use case names another code (a rule of
// its own such as matter.forbidden_unit). Rules that are not a permission and a scope (who handled
// a matter, a party member's linked households) stay with their use cases.
// Pure functions over the actor and the values given; thread-safe.
#pragma once

#include <initializer_list>
#include <optional>
#include <string_view>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "domain/authz.hpp"

namespace minqing::app {

// The code and message of a refusal.
struct Refusal {
  std::string_view code = "auth.forbidden";
  std::string_view message = "无权执行此操作";
};

// An object of a unit: unit handlers act only on their own unit's; the unit scope does not limit
// the other roles that hold the permission (their region scope is checked where it applies).
struct UnitScope {
  std::optional<Id> unit_id;
};

// A household: staff by its region path, residents only their own household.
struct HouseholdScope {
  Id household_id = 0;
  std::string_view region_path;
  std::optional<Id> own_household_id;  // The acting resident's household (HouseholdScopeOf).
};

// The role holds `permission`; else Forbidden auth.forbidden with `refusal`'s message.
void Require(const Actor& actor, domain::Permission permission, const Refusal& refusal = {});
// The role holds one of `any_of` (a route that names several permissions).
void Require(const Actor& actor, std::initializer_list<domain::Permission> any_of,
             const Refusal& refusal = {});
// The role holds `permission` (else the default refusal) and `region_path` lies in the actor's
// region scope (else `refusal`).
void Require(const Actor& actor, domain::Permission permission, std::string_view region_path,
             const Refusal& refusal = {"auth.forbidden", "无权访问该区域的数据"});
// The role holds `permission` (else the default refusal) and the unit is the handler's own.
void Require(const Actor& actor, domain::Permission permission, const UnitScope& unit,
             const Refusal& refusal = {"auth.forbidden", "无权访问该单位的数据"});
// domain::MayAccessHousehold: role and region for staff, the own household for residents.
void Require(const Actor& actor, domain::Permission permission, const HouseholdScope& household,
             const Refusal& refusal = {"auth.forbidden", "无权访问该户"});

// The same checks as predicates, for rules that combine them.
bool InScope(const Actor& actor, const UnitScope& unit);

// The household of the acting resident's own resident record; nullopt for staff or a resident
// without one.
std::optional<Id> OwnHouseholdOf(StoreTx& tx, const Actor& actor);
// The scope of `household` for `actor` (reads the resident's own household; staff need none).
HouseholdScope HouseholdScopeOf(StoreTx& tx, const Actor& actor,
                                const domain::Household& household);

}  // namespace minqing::app
