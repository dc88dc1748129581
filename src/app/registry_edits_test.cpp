// Edits made from the browser: each is allowed in scope, refused out of scope with nothing
// written, and audited with the before and after values of the fields it changed.
#include <gtest/gtest.h>

#include "app/registry_service.hpp"
#include "app/test_fixture.hpp"
#include "domain/errors.hpp"

namespace minqing::app {
namespace {

using testing::RegistryFixture;

domain::AuditEntry LatestAudit(RegistryService& registry, const Actor& admin, const char* entity,
                               Id id) {
  AuditFilter filter;
  filter.entity = entity;
  filter.entity_id = id;
  auto log = registry.ListAudit(admin, filter, {});
  EXPECT_GE(log.total, 1);
  return log.items.empty() ? domain::AuditEntry{} : log.items[0];
}

HouseholdInput EditOf(const domain::Household& h) {
  HouseholdInput input;
  input.region_id = h.region_id;
  input.number = h.number;
  input.address = h.address;
  input.tags = h.tags;
  input.lat = h.lat;
  input.lng = h.lng;
  return input;
}

TEST_F(RegistryFixture, HouseholdTagsEditIsAuditedWithBeforeAndAfter) {
  auto input = EditOf(household_a_);
  input.tags = {"低保", "残疾"};
  input.address = "东关村1号院";
  auto updated = services_->registry.UpdateHousehold(assistant_, household_a_.id, input);
  EXPECT_EQ(updated.tags, (std::vector<std::string>{"低保", "残疾"}));
  auto entry = LatestAudit(services_->registry, admin_, "household", household_a_.id);
  EXPECT_EQ(entry.action, "household.update");
  EXPECT_EQ(entry.username, "assistant_a");
  EXPECT_NE(entry.before_json.find("\"tags\":\"低保\""), std::string::npos) << entry.before_json;
  EXPECT_NE(entry.after_json.find("\"tags\":\"低保、残疾\""), std::string::npos);
  EXPECT_NE(entry.before_json.find("东关村1号\""), std::string::npos);
  EXPECT_NE(entry.after_json.find("东关村1号院"), std::string::npos);

  // Village A's assistant may not edit village B's household: refused, nothing written.
  auto other = EditOf(household_b_);
  other.tags = {"残疾"};
  EXPECT_THROW(services_->registry.UpdateHousehold(assistant_, household_b_.id, other),
               domain::Forbidden);
  EXPECT_EQ(services_->registry.GetHousehold(admin_, household_b_.id).household.tags,
            (std::vector<std::string>{"低保"}));
}

TEST_F(RegistryFixture, ResidentEditIsAuditedAndOutOfScopeRefused) {
  auto member = services_->registry.GetHousehold(admin_, household_a_.id).members[0];
  ResidentInput input;
  input.name = "王景运";
  input.relation = "户主";
  services_->registry.UpdateResident(assistant_, member.id, input);
  auto entry = LatestAudit(services_->registry, admin_, "resident", member.id);
  EXPECT_EQ(entry.action, "resident.update");
  EXPECT_NE(entry.before_json.find("王景云"), std::string::npos);
  EXPECT_NE(entry.after_json.find("王景运"), std::string::npos);
  auto b_member = services_->registry.GetHousehold(admin_, household_b_.id).members[0];
  input.name = "李秀";
  EXPECT_THROW(services_->registry.UpdateResident(assistant_, b_member.id, input),
               domain::Forbidden);
  EXPECT_EQ(services_->registry.GetResident(admin_, b_member.id).name, "李秀英");
}

TEST_F(RegistryFixture, DeceasedLeavesTheHouseholdWithDateInTheAudit) {
  auto member = services_->registry.GetHousehold(admin_, household_a_.id).members[0];
  auto b_member = services_->registry.GetHousehold(admin_, household_b_.id).members[0];
  EXPECT_THROW(services_->registry.MarkResidentDeceased(assistant_, b_member.id, "2026-01-02", ""),
               domain::Forbidden);
  EXPECT_EQ(services_->registry.GetHousehold(admin_, household_b_.id).members.size(), 1u);
  // A bad date and a date after today are refused with the field named; nothing changes.
  for (const char* bad : {"2026-13-01", "2099-01-01", ""}) {
    try {
      services_->registry.MarkResidentDeceased(assistant_, member.id, bad, "");
      FAIL() << "expected InvalidInput for " << bad;
    } catch (const domain::InvalidInput& e) {
      ASSERT_FALSE(e.problems().empty());
      EXPECT_EQ(e.problems()[0].field, "died_on");
    }
  }
  EXPECT_EQ(services_->registry.GetHousehold(admin_, household_a_.id).members.size(), 1u);

  auto dead = services_->registry.MarkResidentDeceased(assistant_, member.id, "2026-01-02", "病故");
  EXPECT_FALSE(dead.household_id.has_value());
  auto detail = services_->registry.GetHousehold(admin_, household_a_.id);
  EXPECT_TRUE(detail.members.empty());
  ASSERT_EQ(detail.moves.size(), 1u);
  EXPECT_EQ(detail.moves[0].reason, "死亡（2026-01-02） 病故");
  auto entry = LatestAudit(services_->registry, admin_, "resident", member.id);
  EXPECT_EQ(entry.action, "resident.deceased");
  EXPECT_NE(entry.before_json.find("\"household_id\":" + std::to_string(household_a_.id)),
            std::string::npos);
  EXPECT_NE(entry.after_json.find("\"household_id\":null"), std::string::npos);
  EXPECT_NE(entry.after_json.find("\"died_on\":\"2026-01-02\""), std::string::npos);
  // Twice is refused: the resident is no longer in a household.
  EXPECT_THROW(services_->registry.MarkResidentDeceased(admin_, member.id, "2026-01-02", ""),
               domain::InvalidInput);
}

TEST_F(RegistryFixture, PartyOrgRenameLeaderAndMemberCapacityAreAudited) {
  auto org = PartyOrgInA("branch", "东关村党支部");
  auto group_org = PartyOrgInA("group", "第一党小组", org.id);
  PartyMemberInput input = HeadOfAAsMember(group_org.id, "预备");
  auto member = services_->registry.CreatePartyMember(admin_, input);

  // An admin of village B manages party work there only.
  auto admin_b = UserActor("admin_b", "admin", village_b_.id);
  EXPECT_THROW(services_->registry.UpdatePartyOrg(admin_b, group_org.id, {"改名", std::nullopt}),
               domain::Forbidden);
  EXPECT_THROW(services_->registry.UpdatePartyOrg(assistant_, group_org.id, {"改名", std::nullopt}),
               domain::Forbidden);
  // A leader from outside the organisation is refused.
  EXPECT_THROW(services_->registry.UpdatePartyOrg(admin_, group_org.id, {"一组", 12345}),
               domain::InvalidInput);
  EXPECT_THROW(services_->registry.UpdatePartyOrg(admin_, group_org.id, {"  ", std::nullopt}),
               domain::InvalidInput);
  EXPECT_EQ(services_->registry.GetPartyOrg(admin_, group_org.id).org.name, "第一党小组");

  auto renamed =
      services_->registry.UpdatePartyOrg(admin_, group_org.id, {"一组党小组", member.id});
  EXPECT_EQ(renamed.name, "一组党小组");
  EXPECT_EQ(renamed.leader_member_id, member.id);
  auto entry = LatestAudit(services_->registry, admin_, "party_org", group_org.id);
  EXPECT_EQ(entry.action, "party_org.update");
  EXPECT_NE(entry.before_json.find("第一党小组"), std::string::npos);
  EXPECT_NE(entry.before_json.find("\"leader_member_id\":null"), std::string::npos);
  EXPECT_NE(entry.after_json.find("\"leader_member_id\":" + std::to_string(member.id)),
            std::string::npos);
  // A branch's secretary may come from one of its groups.
  EXPECT_NO_THROW(services_->registry.UpdatePartyOrg(admin_, org.id, {"东关村党支部", member.id}));

  input.status = "正式";
  input.capacity = 6;
  input.away = true;
  EXPECT_THROW(services_->registry.UpdatePartyMember(admin_b, member.id, input), domain::Forbidden);
  services_->registry.UpdatePartyMember(admin_, member.id, input);
  auto member_entry = LatestAudit(services_->registry, admin_, "party_member", member.id);
  EXPECT_EQ(member_entry.action, "party_member.update");
  EXPECT_NE(member_entry.before_json.find("\"capacity\":10"), std::string::npos);
  EXPECT_NE(member_entry.after_json.find("\"capacity\":6"), std::string::npos);
  EXPECT_NE(member_entry.before_json.find("\"away\":false"), std::string::npos);
  EXPECT_NE(member_entry.after_json.find("\"away\":true"), std::string::npos);
}

}  // namespace
}  // namespace minqing::app
