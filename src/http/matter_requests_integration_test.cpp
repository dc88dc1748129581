// Extension requests (延期申请) and honest outcomes (办结类型) over a real server on port 0: the
// unit asks, a dispatcher or a leader decides, the deadline and the rates move; every bad input
// and everyone who must not decide gets a stable code.
#include <gtest/gtest.h>

#include "app/services.hpp"
#include "domain/ids.hpp"
#include "http/api.hpp"
#include "http/matter_json.hpp"
#include "http/server.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;

// A 400 with a field problem: validation.failed around the precise code.
void ExpectField(const HttpResult& result, const std::string& code) {
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(result.ErrorCode(), "validation.failed") << result.body;
  EXPECT_NE(result.body.find("\"" + code + "\""), std::string::npos) << result.body;
}

class MatterRequestsIntegrationTest : public testing::ServerTest {
 protected:
  MatterRequestsIntegrationTest() : ServerTest("minqing_matter_requests_test_") {}

  void SetUp() override {
    ServerTest::SetUp();
    app::Actor system = app::SystemActor(NowEpoch());
    auto& registry = services_->registry;
    app::RegionInput county{std::nullopt, "county", "330102000000", "示范县", {}, {}};
    auto c = registry.CreateRegion(system, county);
    app::RegionInput town{c.id, "township", "330102001000", "城关镇", {}, {}};
    auto t = registry.CreateRegion(system, town);
    app::RegionInput other{c.id, "township", "330102002000", "西镇", {}, {}};
    auto o = registry.CreateRegion(system, other);
    app::RegionInput village{t.id, "village", "330102001001", "东村", {}, {}};
    auto v = registry.CreateRegion(system, village);
    app::HouseholdInput household;
    household.region_id = v.id;
    household.address = "东村1号";
    app::ResidentInput head;
    head.name = "王景云";
    head.id_card = "11010519491231002X";
    head.phone = "13812345678";
    head.relation = "户主";
    household_ = registry.CreateHousehold(system, household, {head}).id;
    app::UnitInput unit{"社会事务服务中心", "service_centre", t.id, ""};
    unit_ = registry.CreateUnit(system, unit).id;
    app::UnitInput unit2{"经济发展服务中心", "service_centre", t.id, ""};
    auto other_unit = registry.CreateUnit(system, unit2).id;
    app::CategoryInput category;
    category.name = "低保救助";
    category.keywords = "低保 救助";
    category.default_unit_id = unit_;
    category.completion_days = 2;
    category_ = services_->catalogue.CreateCategory(system, category).id;
    auto user = [&](const char* name, const char* role, std::optional<domain::Id> region,
                    std::optional<domain::Id> unit_id) {
      app::UserInput input;
      input.username = name;
      input.display_name = name;
      input.role = role;
      input.password = "password-1";
      input.scope_region_id = region;
      input.scope_unit_id = unit_id;
      services_->auth.CreateUser(system, input);
    };
    user("admin", "admin", std::nullopt, std::nullopt);
    user("clerk", "centre_staff", t.id, std::nullopt);
    user("far_clerk", "centre_staff", o.id, std::nullopt);
    user("handler", "unit_handler", std::nullopt, unit_);
    user("other_handler", "unit_handler", std::nullopt, other_unit);
    user("leader", "leader", c.id, std::nullopt);
    user("far_leader", "leader", o.id, std::nullopt);
    StartServer(testing::TestServerOptions());
  }

  std::string Login(const std::string& username) { return LoginAs(username, "password-1"); }
  HttpResult Get(const std::string& target, const std::string& token) {
    return SendAs("GET", target, token);
  }
  HttpResult Post(const std::string& target, const Json& body, const std::string& token) {
    return SendAs("POST", target, token, body.dump());
  }

  // A matter accepted by the clerk, dispatched to the unit and signed for: its id.
  std::string InProgress(const std::string& clerk, const std::string& handler) {
    auto created = Post("/api/v1/matters",
                        {{"type", "help"},
                         {"category_id", category_},
                         {"household_id", household_},
                         {"content", "家里困难，想申请低保"}},
                        clerk);
    EXPECT_EQ(created.status, 201) << created.body;
    std::string id = std::to_string(created.Json()["matter"]["id"].get<domain::Id>());
    EXPECT_EQ(Post("/api/v1/matters/" + id + "/dispatch", Json::object(), clerk).status, 200);
    EXPECT_EQ(Post("/api/v1/matters/" + id + "/accept", Json::object(), handler).status, 200);
    return id;
  }

  domain::Id household_ = 0, unit_ = 0, category_ = 0;
};

TEST_F(MatterRequestsIntegrationTest, ExtensionAskedApprovedAndListedForTheDispatcher) {
  std::string clerk = Login("clerk"), handler = Login("handler"), leader = Login("leader"),
              other_handler = Login("other_handler"), far_clerk = Login("far_clerk");
  std::string id = InProgress(clerk, handler);
  const std::string base = "/api/v1/matters/" + id;
  const auto old_due = Get(base, clerk).Json()["matter"]["due_at"].get<std::int64_t>();

  // Bad input.
  ExpectField(Post(base + "/extension", {{"reason", "理由"}}, handler), "matter.extension_date");
  ExpectField(Post(base + "/extension", {{"reason", ""}, {"working_days", 3}}, handler),
              "matter.reason_required");
  ExpectProblem(Post(base + "/extension", {{"reason", "理由"}, {"working_days", "three"}}, handler),
                400, "validation.failed");
  ExpectField(Post(base + "/extension", {{"reason", "理由"}, {"due_date", "2020-01-01"}}, handler),
              "matter.extension_date");
  // Not the matter's unit, not a unit.
  ExpectProblem(Post(base + "/extension", {{"reason", "理由"}, {"working_days", 3}}, other_handler),
                403, "matter.forbidden_unit");
  ExpectProblem(Post(base + "/extension", {{"reason", "理由"}, {"working_days", 3}}, clerk), 403,
                "auth.forbidden");

  auto asked =
      Post(base + "/extension", {{"reason", "需要民政局复核材料"}, {"working_days", 5}}, handler);
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_TRUE(asked.Json()["extension_pending"].get<bool>());
  ExpectProblem(Post(base + "/extension", {{"reason", "再延"}, {"working_days", 2}}, handler), 409,
                "matter.extension_pending");

  // The dispatcher's pending list.
  auto pending = Get("/api/v1/matters?pending=extension", clerk);
  ASSERT_EQ(pending.status, 200) << pending.body;
  EXPECT_EQ(pending.Json()["total"], 1);
  EXPECT_EQ(Get("/api/v1/matters?pending=extension", far_clerk).Json()["total"], 0);
  ExpectField(Get("/api/v1/matters?pending=everything", clerk), "request.bad_kind");

  // Who must not decide.
  ExpectProblem(Post(base + "/extension/decide", {{"approve", true}}, handler), 403,
                "auth.forbidden");
  ExpectProblem(Post(base + "/extension/decide", {{"approve", true}}, leader), 403,
                "auth.forbidden");
  ExpectProblem(Post(base + "/extension/decide", {{"approve", true}}, far_clerk), 403,
                "auth.forbidden");
  ExpectProblem(Post(base + "/extension/decide", Json::object(), clerk), 400, "validation.failed");
  ExpectField(Post(base + "/extension/decide", {{"approve", false}}, clerk),
              "matter.reason_required");

  auto approved = Post(base + "/extension/decide", {{"approve", true}, {"note", "同意"}}, clerk);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_GT(approved.Json()["due_at"].get<std::int64_t>(), old_due);
  EXPECT_EQ(approved.Json()["extension_count"], 1);
  ExpectProblem(Post(base + "/extension/decide", {{"approve", true}}, clerk), 409,
                "matter.no_pending_request");
  ExpectProblem(Post(base + "/extension", {{"reason", "再延"}, {"working_days", 2}}, handler), 409,
                "matter.extension_cap");

  auto requests = Get(base + "/requests", clerk);
  ASSERT_EQ(requests.status, 200) << requests.body;
  Json request = requests.Json()["items"][0];
  EXPECT_EQ(request["kind"], "extension");
  EXPECT_EQ(request["state"], "approved");
  EXPECT_EQ(request["old_due_at"], old_due);
  EXPECT_EQ(request["decided_by_name"], "clerk");
  auto detail = Get(base, clerk).Json();
  bool approved_event = false;
  for (const auto& e : detail["events"]) approved_event |= e["kind"] == "extension_approved";
  EXPECT_TRUE(approved_event);

  auto rates = Get("/api/v1/rates?dimension=unit", leader);
  ASSERT_EQ(rates.status, 200) << rates.body;
  EXPECT_EQ(rates.Json()["items"][0]["counters"]["extended"], 1);
}

TEST_F(MatterRequestsIntegrationTest, OutcomeProposedAndApprovedByALeaderOnly) {
  std::string clerk = Login("clerk"), handler = Login("handler"), leader = Login("leader"),
              far_leader = Login("far_leader"), admin = Login("admin");
  std::string id = InProgress(clerk, handler);
  const std::string base = "/api/v1/matters/" + id;

  ExpectField(Post(base + "/outcome", {{"outcome", "closed"}, {"reason", "x"}}, handler),
              "outcome.invalid");
  ExpectField(Post(base + "/outcome", {{"outcome", "parked"}, {"reason", "资金不足"}}, handler),
              "outcome.plan_required");
  ExpectField(Post(base + "/outcome",
                   {{"outcome", "parked"},
                    {"reason", "资金不足"},
                    {"plan", "明年列入预算"},
                    {"planned_date", "2001-01-01"}},
                   handler),
              "outcome.planned_date");
  // The unit cannot close it as unfounded by itself through any route.
  ExpectProblem(Post(base + "/outcome/decide", {{"approve", true}}, handler), 403,
                "auth.forbidden");
  ExpectProblem(Post(base + "/outcome/decide", {{"approve", true}}, leader), 409,
                "matter.no_pending_request");

  auto proposed =
      Post(base + "/outcome",
           {{"outcome", "unfounded"}, {"reason", "经入户核实，家庭收入超过低保标准"}}, handler);
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  EXPECT_TRUE(proposed.Json()["outcome_pending"].get<bool>());
  EXPECT_EQ(proposed.Json()["status"], "in_progress");
  ExpectProblem(Post(base + "/outcome", {{"outcome", "out_of_scope"}, {"reason", "x"}}, handler),
                409, "matter.outcome_pending");
  EXPECT_EQ(Get("/api/v1/matters?pending=outcome", leader).Json()["total"], 1);

  ExpectProblem(Post(base + "/outcome/decide", {{"approve", true}}, clerk), 403, "auth.forbidden");
  ExpectProblem(Post(base + "/outcome/decide", {{"approve", true}}, far_leader), 403,
                "auth.forbidden");
  ExpectField(Post(base + "/outcome/decide", {{"approve", false}}, leader),
              "matter.reason_required");

  auto approved = Post(base + "/outcome/decide", {{"approve", true}, {"note", "同意"}}, leader);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.Json()["status"], "closed");
  EXPECT_EQ(approved.Json()["outcome"], "unfounded");
  EXPECT_EQ(approved.Json()["outcome_label"], "不属实");
  EXPECT_EQ(Get("/api/v1/matters?outcome=unfounded", leader).Json()["total"], 1);
  ExpectField(Get("/api/v1/matters?outcome=nonsense", leader), "outcome.invalid");

  auto rates = Get("/api/v1/rates?dimension=unit", leader);
  ASSERT_EQ(rates.status, 200) << rates.body;
  EXPECT_EQ(rates.Json()["items"][0]["counters"]["received"], 0);
  EXPECT_EQ(rates.Json()["items"][0]["counters"]["excluded"], 1);

  auto audit = Get("/api/v1/audit?entity=matter_request", admin);
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_NE(audit.body.find("matter.outcome_approve"), std::string::npos);

  auto csv = Get("/api/v1/matters/export?format=csv", leader);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("办结类型"), std::string::npos);
  EXPECT_NE(csv.body.find("不属实"), std::string::npos);
}

}  // namespace
}  // namespace minqing::http
