#include "domain/authz.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

User MakeUser(Role role, std::string scope) {
  User u;
  u.role = role;
  u.scope_region_path = std::move(scope);
  return u;
}

TEST(AuthzTest, VillageAssistantSeesOnlyTheirVillage) {
  User assistant = MakeUser(Role::kVillageAssistant, "/1/2/3/");
  EXPECT_TRUE(MayAccessHousehold(assistant, Permission::kReadRegistry, "/1/2/3/", {}, 9));
  EXPECT_TRUE(MayAccessHousehold(assistant, Permission::kWriteRegistry, "/1/2/3/7/", {}, 9));
  EXPECT_FALSE(MayAccessHousehold(assistant, Permission::kReadRegistry, "/1/2/4/", {}, 9));
  // A sibling whose id starts with the same digits is outside too.
  EXPECT_FALSE(MayAccessHousehold(assistant, Permission::kReadRegistry, "/1/2/33/", {}, 9));
}

TEST(AuthzTest, ResidentSeesOnlyOwnHousehold) {
  User resident = MakeUser(Role::kResident, "");
  EXPECT_TRUE(MayAccessHousehold(resident, Permission::kReadRegistry, "/1/", Id{5}, 5));
  EXPECT_FALSE(MayAccessHousehold(resident, Permission::kReadRegistry, "/1/", Id{5}, 6));
  EXPECT_FALSE(MayAccessHousehold(resident, Permission::kWriteRegistry, "/1/", Id{5}, 5));
}

TEST(AuthzTest, RolesGrantTheirPermissions) {
  EXPECT_TRUE(RoleHas(Role::kAdmin, Permission::kManageUsers));
  EXPECT_FALSE(RoleHas(Role::kLeader, Permission::kWriteRegistry));
  EXPECT_FALSE(RoleHas(Role::kPartyMember, Permission::kRevealPersonal));
  EXPECT_FALSE(RoleHas(Role::kUnitHandler, Permission::kReadRegistry));
  EXPECT_FALSE(RoleHas(Role::kVillageAssistant, Permission::kManageUsers));
}

TEST(AuthzTest, UnscopedLeaderSeesEverything) {
  EXPECT_TRUE(RegionInScope(MakeUser(Role::kLeader, ""), "/1/2/"));
  EXPECT_FALSE(RegionInScope(MakeUser(Role::kResident, ""), "/1/2/"));
}

}  // namespace
}  // namespace minqing::domain
