// Joint handling (主办/协办) and first-receiver disputes over a real server on port 0: dispatch
// with an assisting unit, its report before the lead's reply, the reasons list and the cap on
// returns, a dispute arbitrated by a dispatcher, and every refusal with its stable code.
#include <gtest/gtest.h>

#include "app/services.hpp"
#include "http/api.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;

class MattersJointIntegrationTest : public testing::ServerTest {
 protected:
  MattersJointIntegrationTest() : ServerTest("minqing_matters_joint_test_") {}

  void SetUp() override {
    ServerTest::SetUp();
    app::Actor system = app::SystemActor(NowEpoch());
    auto& registry = services_->registry;
    app::RegionInput county{std::nullopt, "county", "330102000000", "示范县", {}, {}};
    auto c = registry.CreateRegion(system, county);
    app::RegionInput town{c.id, "township", "330102001000", "城关镇", {}, {}};
    auto t = registry.CreateRegion(system, town);
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
    for (auto [name, id] : {std::pair<const char*, domain::Id*>{"社会事务服务中心", &lead_},
                            std::pair<const char*, domain::Id*>{"城管执法中队", &helper_},
                            std::pair<const char*, domain::Id*>{"综治信访服务中心", &other_}}) {
      app::UnitInput unit{name, "service_centre", t.id, ""};
      *id = registry.CreateUnit(system, unit).id;
    }
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
    user("lead", "unit_handler", std::nullopt, lead_);
    user("helper", "unit_handler", std::nullopt, helper_);
    user("other", "unit_handler", std::nullopt, other_);
    user("leader", "leader", c.id, std::nullopt);
    StartServer(testing::TestServerOptions());
  }

  std::string Login(const std::string& username) { return LoginAs(username, "password-1"); }
  HttpResult Get(const std::string& target, const std::string& token) {
    return SendAs("GET", target, token);
  }
  HttpResult Post(const std::string& target, const Json& body, const std::string& token) {
    return SendAs("POST", target, token, body.dump());
  }
  // The field problem's code of a validation failure.
  static std::string FieldCode(const HttpResult& r) {
    const Json body = r.Json();
    const auto& details = body["error"]["details"];
    return details.is_array() && !details.empty() ? details[0]["code"].get<std::string>() : "";
  }

  // A new matter accepted by the clerk; its path.
  std::string NewMatter(const std::string& clerk) {
    auto created = Post("/api/v1/matters",
                        {{"type", "complaint"},
                         {"household_id", household_},
                         {"content", "小区门口长期占道停车，车位不够"}},
                        clerk);
    EXPECT_EQ(created.status, 201) << created.body;
    return "/api/v1/matters/" + std::to_string(created.Json()["matter"]["id"].get<domain::Id>());
  }

  domain::Id household_ = 0, lead_ = 0, helper_ = 0, other_ = 0;
};

TEST_F(MattersJointIntegrationTest, DispatchWithAnAssistingUnitReportThenReply) {
  const std::string clerk = Login("clerk"), lead = Login("lead"), helper = Login("helper"),
                    other = Login("other");
  const std::string path = NewMatter(clerk);
  ExpectProblem(Post(path + "/dispatch", {{"unit_id", lead_}, {"assist_unit_ids", "x"}}, clerk),
                400, "validation.failed");
  ExpectProblem(Post(path + "/dispatch", {{"unit_id", lead_}, {"assist_unit_ids", {lead_}}}, clerk),
                400, "validation.failed");
  // Nothing half written: the refused dispatch left the matter accepted.
  EXPECT_EQ(Get(path, clerk).Json()["matter"]["status"], "accepted");
  auto dispatched =
      Post(path + "/dispatch", {{"unit_id", lead_}, {"assist_unit_ids", {helper_}}}, clerk);
  ASSERT_EQ(dispatched.status, 200) << dispatched.body;
  ASSERT_EQ(Post(path + "/accept", Json::object(), lead).status, 200);

  auto list = Get("/api/v1/matters?assisting=true", helper);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.Json()["total"], 1);
  EXPECT_EQ(Get("/api/v1/matters/workload", helper).Json()["assisting"], 1);
  auto detail = Get(path, helper);
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(detail.Json()["assists"][0]["unit_id"], helper_);
  EXPECT_EQ(detail.Json()["assists"][0]["status"], "assigned");
  // Scope: the unit that neither leads nor assists sees and does nothing.
  ExpectProblem(Get(path, other), 403, "matter.forbidden_unit");
  ExpectProblem(Post(path + "/assist-accept", Json::object(), other), 403, "matter.not_assisting");
  EXPECT_EQ(Get("/api/v1/matters?assisting=true", other).Json()["total"], 0);

  ExpectProblem(Post(path + "/reply", {{"text", "已处理"}}, lead), 409,
                "matter.assist_reports_missing");
  ExpectProblem(Post(path + "/assist-report", {{"text", "x"}}, helper), 409,
                "matter.assist_bad_state");
  ASSERT_EQ(Post(path + "/assist-accept", Json::object(), helper).status, 200);
  ASSERT_EQ(Post(path + "/assist-steps", {{"text", "已到现场查看"}}, helper).status, 200);
  auto blank = Post(path + "/assist-report", {{"text", " "}}, helper);
  ExpectProblem(blank, 400, "validation.failed");
  EXPECT_EQ(FieldCode(blank), "matter.text_required");
  ExpectProblem(Post(path + "/assist-report", {{"text", 5}}, helper), 400, "validation.failed");
  // The assisting unit cannot reply, transfer, return, dispute or sign off.
  ExpectProblem(Post(path + "/reply", {{"text", "我来答复"}}, helper), 403,
                "matter.forbidden_unit");
  ExpectProblem(
      Post(path + "/transfer",
           {{"unit_id", other_}, {"reason", "转"}, {"reason_code", "需要其他单位主办"}}, helper),
      403, "matter.forbidden_unit");
  ExpectProblem(
      Post(path + "/return", {{"reason", "退"}, {"reason_code", "不属于本单位职责"}}, helper), 403,
      "matter.forbidden_unit");
  ExpectProblem(Post(path + "/close-on-spot", {{"reply", "x"}}, helper), 403, "auth.forbidden");
  ASSERT_EQ(Post(path + "/assist-report", {{"text", "已配合清理占道车辆"}}, helper).status, 200);
  auto replied = Post(path + "/reply", {{"text", "已协调增划车位"}}, lead);
  ASSERT_EQ(replied.status, 200) << replied.body;
  ExpectProblem(Post(path + "/sign-off-code", Json::object(), helper), 403, "auth.forbidden");
  ExpectProblem(
      Post(path + "/confirm-code", {{"code", "123456"}, {"solved", true}, {"rating", 5}}, helper),
      403, "auth.forbidden");

  detail = Get(path, clerk);
  EXPECT_EQ(detail.Json()["assists"][0]["status"], "reported");
  EXPECT_EQ(detail.Json()["assists"][0]["report"], "已配合清理占道车辆");
  bool reported_event = false;
  const Json events = detail.Json()["events"];
  for (const auto& e : events) {
    reported_event |= e["kind"] == "assist_reported" && e["from_unit_id"] == helper_;
  }
  EXPECT_TRUE(reported_event);
  // The assisting unit's own three-rate cells.
  auto rates = Get("/api/v1/rates?dimension=assist_unit", Login("leader"));
  ASSERT_EQ(rates.status, 200) << rates.body;
}

TEST_F(MattersJointIntegrationTest, AddAndRemoveAssistsAreForDispatchersWithCheckedInput) {
  const std::string clerk = Login("clerk"), lead = Login("lead"), helper = Login("helper");
  const std::string path = NewMatter(clerk);
  ExpectProblem(Post(path + "/assists", {{"unit_id", helper_}}, clerk), 409, "matter.bad_state");
  ASSERT_EQ(Post(path + "/dispatch", {{"unit_id", lead_}}, clerk).status, 200);
  ExpectProblem(Post(path + "/assists", {{"unit_id", helper_}}, lead), 403, "auth.forbidden");
  ExpectProblem(Post(path + "/assists", Json::object(), clerk), 400, "validation.failed");
  ExpectProblem(Post(path + "/assists", {{"unit_id", "a"}}, clerk), 400, "validation.failed");
  ExpectProblem(Post(path + "/assists", {{"unit_id", 999}}, clerk), 404, "unit.not_found");
  auto is_lead = Post(path + "/assists", {{"unit_id", lead_}}, clerk);
  ExpectProblem(is_lead, 400, "validation.failed");
  EXPECT_EQ(FieldCode(is_lead), "matter.assist_is_lead");
  ASSERT_EQ(Post(path + "/assists", {{"unit_id", helper_}}, clerk).status, 200);
  EXPECT_EQ(FieldCode(Post(path + "/assists", {{"unit_id", helper_}}, clerk)),
            "matter.assist_exists");
  ExpectProblem(Post(path + "/assist-remove", {{"unit_id", helper_}}, helper), 403,
                "auth.forbidden");
  ASSERT_EQ(Post(path + "/assist-remove", {{"unit_id", helper_}}, clerk).status, 200);
  EXPECT_EQ(FieldCode(Post(path + "/assist-remove", {{"unit_id", helper_}}, clerk)),
            "matter.assist_not_found");
  ExpectProblem(Get(path, helper), 403, "matter.forbidden_unit");
}

TEST_F(MattersJointIntegrationTest, ReturnsWithListedReasonsCapAndArbitratedDispute) {
  const std::string clerk = Login("clerk"), lead = Login("lead"), helper = Login("helper"),
                    other = Login("other"), leader = Login("leader"), admin = Login("admin");
  auto settings = Get("/api/v1/matters/route-settings", lead);
  ASSERT_EQ(settings.status, 200);
  EXPECT_EQ(settings.Json()["cap"], 2);
  EXPECT_EQ(settings.Json()["reasons"][0], "不属于本单位职责");
  ExpectProblem(SendAs("PUT", "/api/v1/matters/route-settings", clerk,
                       Json{{"reasons", {"甲"}}, {"cap", 2}}.dump()),
                403, "auth.forbidden");
  auto bad = SendAs("PUT", "/api/v1/matters/route-settings", admin,
                    Json{{"reasons", Json::array()}, {"cap", 0}}.dump());
  ExpectProblem(bad, 400, "validation.failed");
  EXPECT_EQ(bad.Json()["error"]["details"].size(), 2u);

  const std::string path = NewMatter(clerk);
  ASSERT_EQ(Post(path + "/dispatch", {{"unit_id", lead_}}, clerk).status, 200);
  auto no_code = Post(path + "/return", {{"reason", "不归我们"}}, lead);
  ExpectProblem(no_code, 400, "validation.failed");
  EXPECT_EQ(FieldCode(no_code), "matter.return_reason_required");
  EXPECT_EQ(
      FieldCode(Post(path + "/return", {{"reason", "不归我们"}, {"reason_code", "乱写"}}, lead)),
      "matter.return_reason_required");
  EXPECT_EQ(FieldCode(Post(path + "/return", {{"reason", " "}, {"reason_code", "重复诉求"}}, lead)),
            "matter.reason_required");
  ASSERT_EQ(
      Post(path + "/return", {{"reason", "不归我们"}, {"reason_code", "不属于本单位职责"}}, lead)
          .status,
      200);
  ASSERT_EQ(Post(path + "/dispatch", {{"unit_id", lead_}}, clerk).status, 200);
  ExpectProblem(
      Post(path + "/return", {{"reason", "还是不归"}, {"reason_code", "其他（须说明）"}}, lead),
      409, "matter.return_once");
  ExpectProblem(Post(path + "/dispute", {{"reason", "x"}, {"reason_code", "重复诉求"}}, helper),
                403, "matter.forbidden_unit");
  ASSERT_EQ(
      Post(path + "/transfer",
           {{"unit_id", helper_}, {"reason", "占道属城管"}, {"reason_code", "需要其他单位主办"}},
           lead)
          .status,
      200);
  ExpectProblem(
      Post(path + "/return", {{"reason", "不归"}, {"reason_code", "不属于本单位职责"}}, helper),
      409, "matter.transfer_cap");
  ExpectProblem(Post(path + "/arbitrate", {{"unit_id", other_}, {"decision", "x"}}, clerk), 409,
                "matter.dispute_not_pending");
  auto raised =
      Post(path + "/dispute",
           {{"reason", "占道停车属综治网格"}, {"reason_code", "不属于本单位职责"}}, helper);
  ASSERT_EQ(raised.status, 200) << raised.body;
  ExpectProblem(Post(path + "/dispute", {{"reason", "再提"}, {"reason_code", "重复诉求"}}, helper),
                409, "matter.dispute_pending");
  auto pending = Get("/api/v1/matters/disputes", clerk);
  ASSERT_EQ(pending.status, 200);
  ASSERT_EQ(pending.Json()["total"], 1);
  EXPECT_EQ(pending.Json()["items"][0]["unit_id"], helper_);
  EXPECT_EQ(Get("/api/v1/matters/workload", clerk).Json()["disputes_pending"], 1);
  ExpectProblem(Get("/api/v1/matters/disputes", helper), 403, "auth.forbidden");

  // Who must not arbitrate: the unit that raised it, the other units, a leader.
  for (const auto* who : {&helper, &lead, &other, &leader}) {
    ExpectProblem(Post(path + "/arbitrate", {{"unit_id", other_}, {"decision", "我定"}}, *who), 403,
                  "auth.forbidden");
  }
  EXPECT_EQ(FieldCode(Post(path + "/arbitrate", {{"unit_id", other_}, {"decision", " "}}, clerk)),
            "matter.reason_required");
  ExpectProblem(Post(path + "/arbitrate", {{"decision", "x"}}, clerk), 400, "validation.failed");
  auto decided =
      Post(path + "/arbitrate", {{"unit_id", other_}, {"decision", "占道停车属综治网格"}}, clerk);
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.Json()["unit_id"], other_);
  EXPECT_EQ(decided.Json()["status"], "dispatched");
  ASSERT_EQ(Post(path + "/accept", Json::object(), other).status, 200);
  ExpectProblem(
      Post(path + "/return", {{"reason", "不归"}, {"reason_code", "不属于本单位职责"}}, other), 409,
      "matter.dispute_decided");
  auto detail = Get(path, clerk).Json();
  ASSERT_EQ(detail["disputes"].size(), 1u);
  EXPECT_FALSE(detail["disputes"][0]["pending"].get<bool>());
  EXPECT_EQ(detail["disputes"][0]["decided_unit_id"], other_);
  bool decided_event = false;
  for (const auto& e : detail["events"]) decided_event |= e["kind"] == "dispute_decided";
  EXPECT_TRUE(decided_event);
  // The arbitration is audited.
  auto audit = Get("/api/v1/audit?entity=matter", admin);
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_NE(audit.body.find("matter.dispute_decide"), std::string::npos);
}

}  // namespace
}  // namespace minqing::http
