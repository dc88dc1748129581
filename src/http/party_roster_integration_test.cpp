// The party roster (党员花名册) over HTTP: a non-administrator is refused before the upload is
// parsed, an administrator checks a file (dry run), imports it and exports the same columns.
#include <gtest/gtest.h>

#include "app/services.hpp"
#include "domain/id_card.hpp"
#include "http/matter_json.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;

class PartyRosterHttpTest : public testing::ServerTest {
 protected:
  PartyRosterHttpTest() : ServerTest("minqing-party-roster-") {}

  void SetUp() override {
    ServerTest::SetUp();
    const auto admin = app::SystemActor(kNow);
    auto& registry = services_->registry;
    const auto [county, township, village] = AddVillage("小石楼村");
    app::HouseholdInput household;
    household.region_id = village.id;
    household.address = "小石楼村3号";
    app::ResidentInput head;
    head.name = "孙立军";
    head.id_card = kIdCard;
    head.relation = "户主";
    registry.CreateHousehold(admin, household, {head});
    AddUser("admin1", "admin", county.id);
    AddUser("assistant1", "village_assistant", village.id);
    AddUser("leader1", "leader", county.id);
    StartServer();
    admin_ = LoginAs("admin1");
    assistant_ = LoginAs("assistant1");
    leader_ = LoginAs("leader1");
  }

  HttpResult Upload(const std::string& token, const std::string& csv, const std::string& mode) {
    return SendAs(
        "POST", "/api/v1/party/roster/import", token,
        nlohmann::json{
            {"file_name", "党员花名册.csv"}, {"data_base64", EncodeBase64(csv)}, {"mode", mode}}
            .dump());
  }

  const std::string kIdCard = domain::MakeIdCard("131124", "19700707", 77);
  std::string admin_, assistant_, leader_;
};

TEST_F(PartyRosterHttpTest, OthersAreRefusedBeforeTheUploadIsRead) {
  // A body that is not even JSON: the refusal comes first, not a parse error.
  for (const std::string* token : {&assistant_, &leader_}) {
    ExpectProblem(SendAs("POST", "/api/v1/party/roster/import", *token, "{not json"), 403,
                  "auth.forbidden");
    ExpectProblem(SendAs("GET", "/api/v1/party/roster/export", *token), 403, "auth.forbidden");
  }
  EXPECT_EQ(SendAs("POST", "/api/v1/party/roster/import", admin_, "{not json").status, 400);
  EXPECT_EQ(SendAs("POST", "/api/v1/party/roster/import", "", "{}").status, 401);
}

TEST_F(PartyRosterHttpTest, AdministratorChecksImportsAndExports) {
  const std::string header =
      "党组织路径,姓名,身份证号,入党日期,党员状态,是否流动,流动去向,是否可联系农户,联系户数上限,"
      "联系电话,是否党小组长\r\n";
  const std::string bad = header + "饶阳镇党委/小石楼村党支部/一组党小组,孙立君," + kIdCard +
                          ",2001-07-01,正式,否,,是,8,,是\r\n";
  HttpResult dry = Upload(admin_, bad, "dry_run");
  ASSERT_EQ(dry.status, 200) << dry.body;
  const nlohmann::json report = dry.Json();
  EXPECT_EQ(report["invalid_rows"], 1);
  ASSERT_EQ(report["problems"].size(), 1u);
  EXPECT_EQ(report["problems"][0]["row"], 2);
  EXPECT_EQ(report["problems"][0]["column"], "姓名");
  EXPECT_EQ(Upload(admin_, bad, "all_or_nothing").Json()["written"], false);
  ExpectProblem(Upload(admin_, bad, "now"), 400, "request.bad_param");

  const std::string good = header + "饶阳镇党委/小石楼村党支部/一组党小组,孙立军," + kIdCard +
                           ",2001-07-01,正式,否,,是,8,,是\r\n";
  HttpResult imported = Upload(admin_, good, "all_or_nothing");
  ASSERT_EQ(imported.status, 200) << imported.body;
  const nlohmann::json done = imported.Json();
  EXPECT_EQ(done["written"], true);
  EXPECT_EQ(done["orgs_created"], 3);
  EXPECT_EQ(done["members_created"], 1);
  EXPECT_EQ(done["leaders_set"], 1);

  HttpResult exported = SendAs("GET", "/api/v1/party/roster/export?format=csv", admin_);
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_NE(exported.Header("content-disposition").find("party-roster-"), std::string::npos);
  EXPECT_NE(exported.body.find("饶阳镇党委/小石楼村党支部/一组党小组,孙立军," + kIdCard),
            std::string::npos)
      << exported.body;
}

}  // namespace
}  // namespace minqing::http
