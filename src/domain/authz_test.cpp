#include "domain/authz.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "domain/codes.hpp"

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

namespace minqing::domain {
namespace {

TEST(AuthzMatrixTest, TableFollowsTheEnumAndNamesAreUnique) {
  const auto& table = Permissions();
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(table[i].permission), i) << table[i].name;
    EXPECT_TRUE(names.insert(table[i].name).second) << table[i].name;
    EXPECT_EQ(ParsePermission(table[i].name), table[i].permission);
  }
  EXPECT_EQ(table.back().permission, Permission::kManageOpen311Keys);
}

TEST(AuthzMatrixTest, LeadersReadSuperviseAndExportButDoNotHandle) {
  for (auto p : {Permission::kReadRegistry, Permission::kMatterRead, Permission::kMatterSupervise,
                 Permission::kRevealPersonal, Permission::kReadAudit, Permission::kMatterExport,
                 Permission::kReadVisits}) {
    EXPECT_TRUE(RoleHas(Role::kLeader, p)) << InfoOf(p).name;
  }
  for (auto p : {Permission::kMatterDispatch, Permission::kMatterHandle, Permission::kLogVisits,
                 Permission::kWriteRegistry, Permission::kMatterIntake}) {
    EXPECT_FALSE(RoleHas(Role::kLeader, p)) << InfoOf(p).name;
  }
}

// The README's table "Who may do what" is this matrix, row for row.
TEST(AuthzMatrixTest, ReadmeTableIsTheMatrix) {
  std::ostringstream expected;
  expected << "| permission | 说明 |";
  for (Role role : AllRoles()) expected << " `" << RoleCode(role) << "` |";
  expected << "\n|---|---|";
  for (std::size_t i = 0; i < AllRoles().size(); ++i) expected << ":-:|";
  expected << "\n";
  for (const auto& info : Permissions()) {
    expected << "| `" << info.name << "` | " << info.label << " |";
    for (Role role : AllRoles()) expected << (RoleHas(role, info.permission) ? " ✓ |" : " |");
    expected << "\n";
  }
  std::ifstream in(std::string(MINQING_SOURCE_DIR) + "/README.md");
  std::stringstream readme;
  readme << in.rdbuf();
  EXPECT_NE(readme.str().find(expected.str()), std::string::npos)
      << "README.md's permission matrix differs from domain/authz.cpp; it should read:\n"
      << expected.str();
}

}  // namespace
}  // namespace minqing::domain
