#include "app/registry_service.hpp"

#include <gtest/gtest.h>

#include "app/test_fixture.hpp"
#include "domain/errors.hpp"

namespace minqing::app {
namespace {

using testing::RegistryFixture;

TEST_F(RegistryFixture, AssistantReadsOwnVillageOnly) {
  auto detail = services_->registry.GetHousehold(assistant_, household_a_.id);
  EXPECT_EQ(detail.household.address, "东关村1号");
  EXPECT_EQ(detail.region_full_name, "饶阳县 / 饶阳镇 / 东关村");
  ASSERT_EQ(detail.members.size(), 1u);
  EXPECT_EQ(detail.members[0].name, "王景云");
  EXPECT_THROW(services_->registry.GetHousehold(assistant_, household_b_.id), domain::Forbidden);
  auto b_member = services_->registry.GetHousehold(admin_, household_b_.id).members[0];
  EXPECT_THROW(services_->registry.GetResident(assistant_, b_member.id), domain::Forbidden);
  EXPECT_THROW(services_->registry.RevealResident(assistant_, b_member.id), domain::Forbidden);
  EXPECT_THROW(services_->registry.ListHouseholds(assistant_, {village_b_.id, {}, ""}, {}),
               domain::Forbidden);
}

TEST_F(RegistryFixture, ListsAreScopedAndLookupFindsPinyinInitials) {
  auto all = services_->registry.ListHouseholds(assistant_, {}, {});
  ASSERT_EQ(all.total, 1);
  EXPECT_EQ(all.items[0].id, household_a_.id);
  auto by_initials = services_->registry.ListHouseholds(admin_, {std::nullopt, {}, "wjy"}, {});
  ASSERT_EQ(by_initials.total, 1);
  EXPECT_EQ(by_initials.items[0].id, household_a_.id);
  auto by_tag = services_->registry.ListHouseholds(admin_, {std::nullopt, {"低保"}, ""}, {});
  EXPECT_EQ(by_tag.total, 2);
}

TEST_F(RegistryFixture, NumbersAreMaskedAndRevealIsAudited) {
  auto detail = services_->registry.GetHousehold(assistant_, household_a_.id);
  const auto& member = detail.members[0];
  EXPECT_EQ(member.id_card.substr(0, 3) + member.id_card.substr(3, 11), "131***********");
  EXPECT_EQ(member.phone, "138****5678");
  auto revealed = services_->registry.RevealResident(assistant_, member.id);
  EXPECT_EQ(revealed.id_card, domain::MakeIdCard("131124", "19700101", 11));
  EXPECT_EQ(revealed.phone, "13812345678");
  AuditFilter filter;
  filter.entity = "resident";
  filter.entity_id = member.id;
  auto log = services_->registry.ListAudit(admin_, filter, {});
  ASSERT_GE(log.total, 2);
  EXPECT_EQ(log.items[0].action, "resident.reveal");
  EXPECT_EQ(log.items[0].username, "assistant_a");
}

TEST_F(RegistryFixture, InvalidIdCardIsReportedPerFieldAndNothingIsStored) {
  HouseholdInput input;
  input.region_id = village_a_.id;
  input.address = "东关村3号";
  ResidentInput good;
  good.name = "张伟";
  good.id_card = domain::MakeIdCard("131124", "19900303", 33);
  ResidentInput bad;
  bad.name = "赵敏";
  bad.id_card = "110105194912310021";
  try {
    services_->registry.CreateHousehold(assistant_, input, {good, bad});
    FAIL() << "expected InvalidInput";
  } catch (const domain::InvalidInput& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].field, "members[1].id_card");
    EXPECT_EQ(e.problems()[0].message, "身份证号校验位错误");
  }
  EXPECT_EQ(services_->registry.ListHouseholds(admin_, {}, {}).total, 2);
}

TEST_F(RegistryFixture, DuplicateIdCardIsRefused) {
  ResidentInput again;
  again.name = "王景云";
  again.id_card = domain::MakeIdCard("131124", "19700101", 11);
  EXPECT_THROW(services_->registry.AddResident(admin_, household_b_.id, again),
               domain::InvalidInput);
}

TEST_F(RegistryFixture, MoveKeepsHistoryAndFollowsTheNewRegion) {
  auto member = services_->registry.GetHousehold(admin_, household_a_.id).members[0];
  auto moved = services_->registry.MoveResident(admin_, member.id, household_b_.id, "婚嫁");
  EXPECT_EQ(moved.household_id, household_b_.id);
  EXPECT_EQ(services_->registry.GetHousehold(admin_, household_a_.id).members.size(), 0u);
  auto target = services_->registry.GetHousehold(admin_, household_b_.id);
  EXPECT_EQ(target.members.size(), 2u);
  ASSERT_EQ(target.moves.size(), 1u);
  EXPECT_EQ(target.moves[0].reason, "婚嫁");
  // The assistant of village A no longer sees the moved resident.
  EXPECT_THROW(services_->registry.GetResident(assistant_, member.id), domain::Forbidden);
}

TEST_F(RegistryFixture, ResidentSeesOnlyOwnHousehold) {
  auto member = services_->registry.GetHousehold(admin_, household_a_.id).members[0];
  auto resident = UserActor("resident_a", "resident", std::nullopt, member.id);
  auto list = services_->registry.ListHouseholds(resident, {}, {});
  ASSERT_EQ(list.total, 1);
  EXPECT_EQ(list.items[0].id, household_a_.id);
  EXPECT_NO_THROW(services_->registry.GetHousehold(resident, household_a_.id));
  EXPECT_THROW(services_->registry.GetHousehold(resident, household_b_.id), domain::Forbidden);
  EXPECT_THROW(services_->registry.RevealResident(resident, member.id), domain::Forbidden);
}

TEST_F(RegistryFixture, HouseholdsOnlyInVillagesOrGroups) {
  HouseholdInput input;
  input.region_id = township_.id;
  input.address = "镇上";
  EXPECT_THROW(services_->registry.CreateHousehold(admin_, input, {}), domain::InvalidInput);
}

TEST_F(RegistryFixture, PartyMembersAndScopes) {
  auto org = PartyOrgInA("branch", "东关村党支部");
  auto group_org = PartyOrgInA("group", "第一党小组", org.id);
  PartyMemberInput input = HeadOfAAsMember(group_org.id, "正式");
  auto member = services_->registry.CreatePartyMember(admin_, input);
  EXPECT_EQ(member.name, "王景云");
  EXPECT_THROW(services_->registry.CreatePartyMember(admin_, input), domain::Conflict);
  // The branch lists the members of its groups.
  auto detail = services_->registry.GetPartyOrg(assistant_, org.id);
  EXPECT_EQ(detail.members.total, 1);
  EXPECT_EQ(detail.groups.size(), 1u);
  auto other = UserActor("assistant_b", "village_assistant", village_b_.id);
  EXPECT_THROW(services_->registry.GetPartyOrg(other, org.id), domain::Forbidden);
  EXPECT_EQ(services_->registry.ListPartyMembers(other, {}, {}).total, 0);
}

TEST_F(RegistryFixture, UnitHandlerSeesOwnUnitOnly) {
  UnitInput a;
  a.name = "县民政局";
  a.kind = "bureau";
  auto unit_a = services_->registry.CreateUnit(admin_, a);
  UnitInput b;
  b.name = "县人社局";
  b.kind = "bureau";
  auto unit_b = services_->registry.CreateUnit(admin_, b);
  auto handler = UserActor("handler", "unit_handler", std::nullopt, std::nullopt, unit_a.id);
  auto units = services_->registry.ListUnits(handler);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].id, unit_a.id);
  EXPECT_THROW(services_->registry.GetUnit(handler, unit_b.id), domain::Forbidden);
  EXPECT_THROW(services_->registry.ListHouseholds(handler, {}, {}), domain::Forbidden);
}

}  // namespace
}  // namespace minqing::app
