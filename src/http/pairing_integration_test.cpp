// Pairing (结对共建) on a real server (port 0): a township leader pairs a unit with a village, an
// overlapping pair of the same unit and village is refused naming the other, the village's need
// is matched to the unit's resource (need matched, resource committed), the match is marked done
// (need met, resource used), the yearly report counts it and downloads as xlsx, and the public
// needs page lists the need without signing in. Scope: the leader of another township neither
// sees nor changes the pair; a unit handler reads only their own unit's pairs; a village
// assistant, who may read, cannot match.
#include <gtest/gtest.h>

#include "domain/work_calendar.hpp"
#include "http/api.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;
using Json = nlohmann::json;

class PairingHttpTest : public testing::ServerTest {
 protected:
  PairingHttpTest() : ServerTest("minqing_pairing_http_") {}

  void SetUp() override {
    ServerTest::SetUp();
    auto county = AddRegion(std::nullopt, "county", "示范县");
    auto east = AddRegion(county.id, "township", "东镇");
    auto west = AddRegion(county.id, "township", "西镇");
    village_ = AddRegion(east.id, "village", "东村").id;
    west_village_ = AddRegion(west.id, "village", "西村").id;
    app::UnitInput unit;
    unit.name = "县农业农村局";
    unit.kind = "bureau";
    unit_ = services_->registry.CreateUnit(app::SystemActor(kNow), unit).id;
    unit.name = "县供电公司";
    other_unit_ = services_->registry.CreateUnit(app::SystemActor(kNow), unit).id;
    AddUser("leader_east", "leader", east.id);
    AddUser("leader_west", "leader", west.id);
    AddUser("zhang", "village_assistant", village_);
    app::UserInput handler;
    handler.username = "power";
    handler.display_name = "power";
    handler.role = "unit_handler";
    handler.scope_unit_id = other_unit_;
    handler.password = PasswordOf("power");
    services_->auth.CreateUser(app::SystemActor(kNow), handler);
    StartServer();
    leader_ = LoginAs("leader_east");
    west_leader_ = LoginAs("leader_west");
    zhang_ = LoginAs("zhang");
    power_ = LoginAs("power");
    year_ = domain::FormatDate(domain::ChinaDay(NowEpoch())).substr(0, 4);
  }

  Json PairBody(domain::Id unit, domain::Id village, const std::string& from) {
    return {{"unit_id", unit}, {"region_id", village}, {"from", from}, {"note", "三联五帮"}};
  }

  static std::string Id(const HttpResult& r) {
    return std::to_string(r.Json()["id"].get<domain::Id>());
  }

  domain::Id village_ = 0, west_village_ = 0, unit_ = 0, other_unit_ = 0;
  std::string leader_, west_leader_, zhang_, power_, year_;
};

TEST_F(PairingHttpTest, OverlappingPairIsRefusedNamingTheOther) {
  HttpResult created = SendAs("POST", "/api/v1/pairing/pairs", leader_,
                              PairBody(unit_, village_, "2020-01-01").dump());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json()["unit_name"], "县农业农村局");
  EXPECT_EQ(created.Json()["region_name"], "东村");

  HttpResult overlap = SendAs("POST", "/api/v1/pairing/pairs", leader_,
                              PairBody(unit_, village_, "2024-06-01").dump());
  ExpectProblem(overlap, 409, "pairing.overlap");
  const std::string message = overlap.Json()["error"]["message"];
  EXPECT_NE(message.find(Id(created)), std::string::npos) << message;
  // Another unit with the same village is fine.
  EXPECT_EQ(SendAs("POST", "/api/v1/pairing/pairs", leader_,
                   PairBody(other_unit_, village_, "2024-06-01").dump())
                .status,
            201);
  // A village outside the leader's township is refused before its input is looked at.
  ExpectProblem(SendAs("POST", "/api/v1/pairing/pairs", leader_,
                       PairBody(other_unit_, west_village_, "2024-13-01").dump()),
                403, "auth.forbidden");
  // Bad input: a date that is no date; nothing is stored.
  ExpectProblem(
      SendAs("POST", "/api/v1/pairing/pairs", leader_, PairBody(unit_, village_, "20x").dump()),
      400, "validation.failed");
  // The leader of the other township cannot pair a village here, nor see the pair.
  ExpectProblem(SendAs("POST", "/api/v1/pairing/pairs", west_leader_,
                       PairBody(other_unit_, village_, "2030-01-01").dump()),
                403, "auth.forbidden");
  ExpectProblem(SendAs("GET", "/api/v1/pairing/pairs/" + Id(created), west_leader_), 403,
                "auth.forbidden");
  EXPECT_EQ(SendAs("GET", "/api/v1/pairing/pairs", west_leader_).Json()["items"].size(), 0u);
  EXPECT_EQ(SendAs("GET", "/api/v1/pairing/pairs", leader_).Json()["items"].size(), 2u);
  // The power company's handler sees only the power company's pair.
  HttpResult mine = SendAs("GET", "/api/v1/pairing/pairs", power_);
  ASSERT_EQ(mine.Json()["items"].size(), 1u) << mine.body;
  EXPECT_EQ(mine.Json()["items"][0]["unit_name"], "县供电公司");
  ExpectProblem(SendAs("GET", "/api/v1/pairing/pairs/" + Id(created), power_), 403,
                "auth.forbidden");
}

TEST_F(PairingHttpTest, VillageNeedMatchedToUnitResourceAndReported) {
  HttpResult pair = SendAs("POST", "/api/v1/pairing/pairs", leader_,
                           PairBody(unit_, village_, "2020-01-01").dump());
  ASSERT_EQ(pair.status, 201) << pair.body;
  const std::string base = "/api/v1/pairing/pairs/" + Id(pair);
  HttpResult need =
      SendAs("POST", base + "/needs", leader_,
             Json{{"title", "修通组道"}, {"kind", "funds"}, {"detail", "两公里"}}.dump());
  ASSERT_EQ(need.status, 201) << need.body;
  EXPECT_EQ(need.Json()["state"], "open");
  ExpectProblem(
      SendAs("POST", base + "/needs", leader_, Json{{"title", "x"}, {"kind", "gold"}}.dump()), 400,
      "validation.failed");
  HttpResult resource = SendAs("POST", base + "/resources", leader_,
                               Json{{"kind", "funds"}, {"description", "帮扶资金五万元"}}.dump());
  ASSERT_EQ(resource.status, 201) << resource.body;
  EXPECT_EQ(resource.Json()["state"], "available");

  // The public page lists the need, with no sign-in.
  HttpResult pub =
      SendAs("GET", "/api/v1/public/pairing/" + std::to_string(village_) + "/needs", "");
  ASSERT_EQ(pub.status, 200) << pub.body;
  ASSERT_EQ(pub.Json()["items"].size(), 1u);
  EXPECT_EQ(pub.Json()["items"][0]["title"], "修通组道");
  EXPECT_EQ(pub.Json()["items"][0]["unit_name"], "县农业农村局");

  const Json match_body = {
      {"need_id", need.Json()["id"]}, {"resource_id", resource.Json()["id"]}, {"note", "月底到位"}};
  // The village assistant reads the pair but may not match.
  EXPECT_EQ(SendAs("GET", base, zhang_).status, 200);
  ExpectProblem(SendAs("POST", base + "/matches", zhang_, match_body.dump()), 403,
                "auth.forbidden");
  ExpectProblem(SendAs("POST", base + "/matches", west_leader_, match_body.dump()), 403,
                "auth.forbidden");
  HttpResult match = SendAs("POST", base + "/matches", leader_, match_body.dump());
  ASSERT_EQ(match.status, 201) << match.body;
  EXPECT_EQ(match.Json()["created_by_name"], "leader_east");
  ExpectProblem(SendAs("POST", base + "/matches", leader_, match_body.dump()), 409,
                "pairing.need_taken");
  Json detail = SendAs("GET", base, leader_).Json();
  EXPECT_EQ(detail["needs"][0]["state"], "matched");
  EXPECT_EQ(detail["resources"][0]["state"], "committed");
  ASSERT_EQ(detail["matches"].size(), 1u);

  HttpResult done = SendAs("POST", "/api/v1/pairing/matches/" + Id(match) + "/done", leader_, "{}");
  ASSERT_EQ(done.status, 200) << done.body;
  ExpectProblem(SendAs("POST", "/api/v1/pairing/matches/" + Id(match) + "/done", leader_, "{}"),
                409, "pairing.match_done");
  detail = SendAs("GET", base, leader_).Json();
  EXPECT_EQ(detail["needs"][0]["state"], "met");
  EXPECT_EQ(detail["resources"][0]["state"], "used");

  // A joint project, carried to done.
  HttpResult project =
      SendAs("POST", base + "/projects", leader_,
             Json{{"title", "共建村文化广场"}, {"description", "单位出资"}}.dump());
  ASSERT_EQ(project.status, 201) << project.body;
  EXPECT_EQ(project.Json()["state"], "planned");
  EXPECT_TRUE(project.Json()["project_id"].is_null());
  const std::string state_path = "/api/v1/pairing/joint-projects/" + Id(project) + "/state";
  ExpectProblem(SendAs("POST", state_path, leader_, Json{{"state", "lost"}}.dump()), 400,
                "validation.failed");
  ExpectProblem(SendAs("POST", state_path, west_leader_, Json{{"state", "done"}}.dump()), 403,
                "auth.forbidden");
  EXPECT_EQ(SendAs("POST", state_path, leader_, Json{{"state", "done"}}.dump()).status, 200);
  EXPECT_EQ(SendAs("GET", base, leader_).Json()["projects"][0]["state"], "done");

  Json report = SendAs("GET", base + "/report?year=" + year_, leader_).Json();
  EXPECT_EQ(report["projects_done_in_year"], 1);
  EXPECT_EQ(report["needs_met_in_year"], 1);
  EXPECT_EQ(report["resources_used_in_year"], 1);
  EXPECT_EQ(report["needs_open"], 0);
  ASSERT_EQ(report["met_needs"].size(), 1u);
  Json last_year =
      SendAs("GET", base + "/report?year=" + std::to_string(std::stoi(year_) - 1), leader_).Json();
  EXPECT_EQ(last_year["needs_met_in_year"], 0);
  HttpResult xlsx = SendAs("GET", base + "/report?format=xlsx&year=" + year_, leader_);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");

  // Every change is in the audit log: the match and its completion.
  auto tx = services_->store->BeginRead();
  app::AuditFilter filter;
  filter.entity = "pairing_match";
  auto audit = tx->ListAudit(filter, {0, 10, ""});
  ASSERT_EQ(audit.items.size(), 2u);
  EXPECT_EQ(audit.items[0].action, "pairing.match_done");
}

}  // namespace
}  // namespace minqing::http
