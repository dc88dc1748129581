// Editing over HTTP as the browser does it: a household's tags, a death recorded, a party group
// renamed with its leader, a member's capacity; each allowed in scope, refused out of scope
// (403, nothing written), refused with a field error on bad input, and listed in /audit with
// before and after.
#include <gtest/gtest.h>

#include "app/services.hpp"
#include "domain/id_card.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;

class EditingHttpTest : public testing::ServerTest {
 protected:
  EditingHttpTest() : ServerTest("minqing-editing-") {}

  void SetUp() override {
    ServerTest::SetUp();
    const auto admin = app::SystemActor(kNow);
    auto& registry = services_->registry;
    const auto [county, township, village] = AddVillage("东街村");
    auto other_village = AddRegion(township.id, "village", "西街村");
    auto household = [&](domain::Id region_id, const char* name, const char* birth, int serial) {
      app::HouseholdInput input;
      input.region_id = region_id;
      input.address = std::string(name) + "家";
      input.tags = {"低保"};
      app::ResidentInput head;
      head.name = name;
      head.id_card = domain::MakeIdCard("131124", birth, serial);
      head.relation = "户主";
      app::ResidentInput spouse;
      spouse.name = std::string(name) + "妻";
      spouse.id_card = domain::MakeIdCard("131124", birth, serial + 1);
      spouse.relation = "配偶";
      return registry.CreateHousehold(admin, input, {head, spouse});
    };
    household_ = household(village.id, "孙立军", "19700707", 70);
    other_household_ = household(other_village.id, "周海", "19710808", 80);
    app::PartyOrgInput branch;
    branch.kind = "branch";
    branch.name = "东街村党支部";
    branch.region_id = village.id;
    branch_id_ = registry.CreatePartyOrg(admin, branch).id;
    branch.kind = "group";
    branch.parent_id = branch_id_;
    branch.name = "第一党小组";
    group_id_ = registry.CreatePartyOrg(admin, branch).id;
    app::PartyMemberInput member;
    member.resident_id = registry.GetHousehold(admin, household_.id).members[0].id;
    member.org_id = group_id_;
    member.status = "正式";
    member_id_ = registry.CreatePartyMember(admin, member).id;
    AddUser("admin1", "admin", county.id);
    AddUser("admin_west", "admin", other_village.id);
    AddUser("assistant_west", "village_assistant", other_village.id);
    StartServer();
    admin_ = LoginAs("admin1");
    admin_west_ = LoginAs("admin_west");
    assistant_west_ = LoginAs("assistant_west");
  }

  // The newest audit entry of an object, as the audit screen reads it.
  nlohmann::json LatestAudit(const char* entity, domain::Id id) {
    HttpResult r = SendAs(
        "GET", "/api/v1/audit?entity=" + std::string(entity) + "&entity_id=" + std::to_string(id),
        admin_);
    EXPECT_EQ(r.status, 200) << r.body;
    nlohmann::json body = r.Json();
    if (!body.contains("items") || body["items"].empty()) return nlohmann::json::object();
    return body["items"][0];
  }

  domain::Household household_, other_household_;
  domain::Id branch_id_ = 0, group_id_ = 0, member_id_ = 0;
  std::string admin_, admin_west_, assistant_west_;
};

TEST_F(EditingHttpTest, HouseholdTagsEditedInScopeAndAuditedWithBeforeAndAfter) {
  const std::string path = "/api/v1/households/" + std::to_string(household_.id);
  nlohmann::json body = {{"region_id", household_.region_id},
                         {"number", household_.number},
                         {"address", "东街村3号"},
                         {"tags", {"低保", "残疾"}},
                         {"lat", 38.23},
                         {"lng", 115.72}};
  ExpectProblem(SendAs("PATCH", path, assistant_west_, body.dump()), 403, "auth.forbidden");
  HttpResult ok = SendAs("PATCH", path, admin_, body.dump());
  ASSERT_EQ(ok.status, 200) << ok.body;
  nlohmann::json entry = LatestAudit("household", household_.id);
  EXPECT_EQ(entry.value("action", ""), "household.update");
  EXPECT_EQ(entry["before"].value("tags", ""), "低保");
  EXPECT_EQ(entry["after"].value("tags", ""), "低保、残疾");
  EXPECT_EQ(entry["after"].value("address", ""), "东街村3号");
  body["tags"] = {"这个标签名字实在是太长了"};
  ExpectProblem(SendAs("PATCH", path, admin_, body.dump()), 400, "validation.failed");
}

TEST_F(EditingHttpTest, DeathIsRecordedOnlyInScopeAndWithAValidDate) {
  auto admin = app::SystemActor(kNow);
  auto spouse = services_->registry.GetHousehold(admin, household_.id).members[1];
  const std::string path = "/api/v1/residents/" + std::to_string(spouse.id) + "/deceased";
  ExpectProblem(SendAs("POST", path, assistant_west_, R"({"died_on":"2026-01-02"})"), 403,
                "auth.forbidden");
  HttpResult bad = SendAs("POST", path, admin_, R"({"died_on":"2026-02-30"})");
  ExpectProblem(bad, 400, "validation.failed");
  EXPECT_NE(bad.body.find("died_on"), std::string::npos);
  EXPECT_EQ(services_->registry.GetHousehold(admin, household_.id).members.size(), 2u);
  HttpResult ok = SendAs("POST", path, admin_, R"({"died_on":"2026-01-02","note":"病故"})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(services_->registry.GetHousehold(admin, household_.id).members.size(), 1u);
  nlohmann::json entry = LatestAudit("resident", spouse.id);
  EXPECT_EQ(entry.value("action", ""), "resident.deceased");
  EXPECT_EQ(entry["after"].value("died_on", ""), "2026-01-02");
  EXPECT_TRUE(entry["after"]["household_id"].is_null());
}

TEST_F(EditingHttpTest, PartyGroupRenamedWithLeaderAndMemberCapacityEdited) {
  const std::string org = "/api/v1/party/orgs/" + std::to_string(group_id_);
  nlohmann::json edit = {{"name", "一组党小组"}, {"leader_member_id", member_id_}};
  ExpectProblem(SendAs("PATCH", org, admin_west_, edit.dump()), 403, "auth.forbidden");
  ExpectProblem(SendAs("PATCH", org, admin_, R"({"name":""})"), 400, "validation.failed");
  HttpResult ok = SendAs("PATCH", org, admin_, edit.dump());
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Json().value("name", ""), "一组党小组");
  nlohmann::json entry = LatestAudit("party_org", group_id_);
  EXPECT_EQ(entry.value("action", ""), "party_org.update");
  EXPECT_EQ(entry["before"].value("name", ""), "第一党小组");
  EXPECT_TRUE(entry["before"]["leader_member_id"].is_null());
  EXPECT_EQ(entry["after"].value("name", ""), "一组党小组");

  const std::string member = "/api/v1/party/members/" + std::to_string(member_id_);
  nlohmann::json capacity = {{"org_id", group_id_},
                             {"status", "full"},
                             {"away", false},
                             {"can_take_households", true},
                             {"capacity", 5}};
  ExpectProblem(SendAs("PATCH", member, admin_west_, capacity.dump()), 403, "auth.forbidden");
  HttpResult saved = SendAs("PATCH", member, admin_, capacity.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  nlohmann::json member_entry = LatestAudit("party_member", member_id_);
  EXPECT_EQ(member_entry["before"].value("capacity", 0), 10);
  EXPECT_EQ(member_entry["after"].value("capacity", 0), 5);
}

}  // namespace
}  // namespace minqing::http
