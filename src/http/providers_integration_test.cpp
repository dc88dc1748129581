// Service providers (服务商) on a real server (port 0): a leader registers a company as a provider
// (its staff account is a handler of that unit), a matter is dispatched to it, its staff see it in
// their queue, accept and reply, the resident signs off with a rating through the SMS code, and
// the provider's rating shows it. The provider's own staff and an administrator cannot produce
// that rating (no route writes it; the sign-off rules refuse them). The county sets a standard, so
// the provider falls below it (低于标准); it is suspended, a new dispatch or transfer to it is
// refused (provider.suspended), a matter outside its categories or area is refused
// (provider.outside_service), and its staff can neither reinstate it nor change the standard.
#include <gtest/gtest.h>

#include <set>

#include "domain/id_card.hpp"
#include "http/api.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;
using Json = nlohmann::json;

class ProvidersIntegrationTest : public testing::ServerTest {
 protected:
  ProvidersIntegrationTest() : ServerTest("minqing_providers_test_") {}

  void SetUp() override {
    ServerTest::SetUp();
    app::Actor system = app::SystemActor(kNow);
    auto made = AddVillage("东村");
    township_ = made.township.id;
    auto other = AddRegion(made.county.id, "township", "西镇");
    auto other_village = AddRegion(other.id, "village", "西村");
    for (auto [region, i] : {std::pair<domain::Id, int>{made.village.id, 1},
                             std::pair<domain::Id, int>{made.village.id, 2},
                             std::pair<domain::Id, int>{other_village.id, 3}}) {
      app::HouseholdInput household;
      household.region_id = region;
      household.address = "一街" + std::to_string(i) + "号";
      app::ResidentInput head;
      head.name = "居民" + std::to_string(i);
      head.id_card = domain::MakeIdCard("110106", "19600101", 20 + i);
      head.phone = "1381234567" + std::to_string(i);
      head.relation = "户主";
      households_.push_back(services_->registry.CreateHousehold(system, household, {head}).id);
    }
    app::UnitInput unit{"社会事务服务中心", "service_centre", made.township.id, ""};
    centre_ = services_->registry.CreateUnit(system, unit).id;
    app::CategoryInput category;
    category.name = "家电维修";
    category.keywords = "维修";
    category_ = services_->catalogue.CreateCategory(system, category).id;
    category.name = "低保救助";
    category.keywords = "低保";
    other_category_ = services_->catalogue.CreateCategory(system, category).id;
    AddUser("admin", "admin");
    AddUser("leader", "leader");
    AddUser("clerk", "centre_staff", made.county.id);
    app::UserInput handler;
    handler.username = "centre_handler";
    handler.display_name = "centre_handler";
    handler.role = "unit_handler";
    handler.password = PasswordOf("centre_handler");
    handler.scope_unit_id = centre_;
    services_->auth.CreateUser(system, handler);
    ServerOptions options = testing::TestServerOptions();
    options.dev_sms = true;
    StartServer(options);
  }

  HttpResult Send(const std::string& method, const std::string& target, const std::string& token,
                  const Json& body = nullptr) {
    return SendAs(method, target, token, body.is_null() ? "" : body.dump());
  }

  // A provider's staff account: a handler of its unit, as any unit's.
  void AddStaff(const std::string& username, domain::Id unit) {
    app::UserInput staff;
    staff.username = username;
    staff.display_name = "服务商员工";
    staff.role = "unit_handler";
    staff.password = PasswordOf(username);
    staff.scope_unit_id = unit;
    services_->auth.CreateUser(app::SystemActor(kNow), staff);
  }

  struct Made {
    domain::Id id = 0;
    std::string path, number, token;
  };
  Made NewMatter(const std::string& clerk, domain::Id category, domain::Id household) {
    auto r = Send("POST", "/api/v1/matters", clerk,
                  {{"type", "help"},
                   {"category_id", category},
                   {"household_id", household},
                   {"content", "家里的热水器坏了，需要上门维修"}});
    EXPECT_EQ(r.status, 201) << r.body;
    Made m;
    m.id = r.Json()["matter"]["id"];
    m.path = "/api/v1/matters/" + std::to_string(m.id);
    m.number = r.Json()["receipt"]["number"];
    m.token = r.Json()["receipt"]["token"];
    return m;
  }

  // The code of the newest sign-off SMS in the development outbox.
  std::string LatestCode(const std::string& admin) {
    auto sms = Send("GET", "/api/v1/dev/sms", admin);
    EXPECT_EQ(sms.status, 200);
    std::string text;
    std::int64_t newest = 0;
    const Json outbox = sms.Json();
    for (const auto& item : outbox["items"]) {
      const std::string body = item.value("text", "");
      if (body.find("验证码为") != std::string::npos &&
          item.value("id", std::int64_t{0}) >= newest) {
        newest = item.value("id", std::int64_t{0});
        text = body;
      }
    }
    if (text.empty()) return "";
    return text.substr(text.find("验证码为") + std::string("验证码为").size(), 6);
  }

  domain::Id township_ = 0, centre_ = 0, category_ = 0, other_category_ = 0;
  std::vector<domain::Id> households_;
};

TEST_F(ProvidersIntegrationTest, AProviderReceivesADispatchedMatterAndIsRated) {
  const std::string admin = LoginAs("admin"), leader = LoginAs("leader"), clerk = LoginAs("clerk");

  // Join: a new company unit with its profile.
  ExpectProblem(Send("POST", "/api/v1/providers", leader,
                     {{"new_unit", {{"name", "安居家电维修公司"}}}, {"region_ids", {township_}}}),
                400, "validation.failed");
  auto joined = Send("POST", "/api/v1/providers", leader,
                     {{"new_unit", {{"name", "安居家电维修公司"}, {"phone", "0318-1234567"}}},
                      {"category_ids", {category_}},
                      {"region_ids", {township_}},
                      {"commitments", "两小时内响应，上门费全免"},
                      {"joined", "2026-03-01"}});
  ASSERT_EQ(joined.status, 201) << joined.body;
  const domain::Id unit = joined.Json()["unit_id"];
  const std::string base = "/api/v1/providers/" + std::to_string(unit);
  EXPECT_EQ(joined.Json()["state"], "active");
  EXPECT_EQ(joined.Json()["area"][0]["name"], "饶阳镇");
  // The same unit cannot join twice.
  ExpectProblem(
      Send("POST", "/api/v1/providers", leader,
           {{"unit_id", unit}, {"category_ids", {category_}}, {"region_ids", {township_}}}),
      409, "provider.exists");
  // A bureau is not a company.
  ExpectProblem(
      Send("POST", "/api/v1/providers", leader,
           {{"unit_id", centre_}, {"category_ids", {category_}}, {"region_ids", {township_}}}),
      400, "validation.failed");
  AddStaff("anju", unit);
  const std::string staff = LoginAs("anju");

  // Dispatch: as to any unit; its staff handle it in their unit queue.
  Made matter = NewMatter(clerk, category_, households_[0]);
  auto dispatched = Send("POST", matter.path + "/dispatch", clerk, {{"unit_id", unit}});
  ASSERT_EQ(dispatched.status, 200) << dispatched.body;
  EXPECT_EQ(dispatched.Json()["unit_id"], unit);
  auto queue = Send("GET", "/api/v1/matters", staff);
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(queue.Json()["items"].size(), 1u) << queue.body;
  EXPECT_EQ(queue.Json()["items"][0]["id"], matter.id);
  ASSERT_EQ(Send("POST", matter.path + "/accept", staff, Json::object()).status, 200);
  auto replied =
      Send("POST", matter.path + "/reply", staff, {{"text", "已上门更换温控器，可正常使用"}});
  ASSERT_EQ(replied.status, 200) << replied.body;

  // Nobody but the resident produces the rating: the provider's staff and the administrator try.
  ASSERT_EQ(Send("POST", "/api/v1/public/matters/" + matter.number + "/code", "",
                 {{"token", matter.token}})
                .status,
            200);
  const std::string code = LatestCode(admin);
  ASSERT_EQ(code.size(), 6u);
  ExpectProblem(Send("POST", matter.path + "/confirm-code", staff,
                     {{"code", code}, {"solved", true}, {"rating", 5}}),
                403, "sign_off.code_by_handler");
  // Unit handlers make no callbacks (回访), and never on their own unit's matters.
  ExpectProblem(Send("POST", matter.path + "/callback", staff, {{"solved", true}, {"rating", 5}}),
                403, "auth.forbidden");
  ExpectProblem(Send("POST", matter.path + "/confirm", staff, {{"solved", true}, {"rating", 5}}),
                403, "auth.forbidden");
  ExpectProblem(Send("POST", matter.path + "/confirm", admin, {{"solved", true}, {"rating", 5}}),
                403, "auth.forbidden");
  auto guessed =
      Send("POST", matter.path + "/confirm-code", admin,
           {{"code", code == "000000" ? "111111" : "000000"}, {"solved", true}, {"rating", 5}});
  EXPECT_EQ(guessed.status, 400) << guessed.body;
  EXPECT_EQ(guessed.ErrorCode(), "sign_off.bad_code");
  // No API writes a provider's rating.
  EXPECT_EQ(Send("POST", base + "/rating", admin, {{"rating", 5}}).status, 404);
  auto before = Send("GET", base, leader);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.Json()["rating"]["count"], 0);

  // The resident signs off with the code they received: 2 stars.
  auto signed_off =
      Send("POST", "/api/v1/public/matters/" + matter.number + "/confirm", "",
           {{"token", matter.token}, {"code", code}, {"solved", true}, {"rating", 2}});
  ASSERT_EQ(signed_off.status, 200) << signed_off.body;
  auto rated = Send("GET", base, leader);
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(rated.Json()["rating"]["count"], 1);
  EXPECT_DOUBLE_EQ(rated.Json()["rating"]["average"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(rated.Json()["rating"]["satisfied_share"].get<double>(), 0.0);
  EXPECT_FALSE(rated.Json()["below_standard"].get<bool>());  // No standard yet.
  ASSERT_EQ(rated.Json()["rated"].size(), 1u);
  EXPECT_EQ(rated.Json()["rated"][0]["number"], matter.number);
  EXPECT_EQ(rated.Json()["rated"][0]["confirmed_via"], "sms_code");
  // Its staff read their own provider.
  auto own = Send("GET", base, staff);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.Json()["rating"]["count"], 1);

  // The county's standard: at least 80% satisfied once there is 1 rating.
  ExpectProblem(Send("PUT", "/api/v1/providers/standard", staff,
                     {{"min_satisfied_percent", 0}, {"min_ratings", 1}}),
                403, "auth.forbidden");
  ExpectProblem(Send("PUT", "/api/v1/providers/standard", leader,
                     {{"min_satisfied_percent", 120}, {"min_ratings", 1}}),
                400, "validation.failed");
  ASSERT_EQ(Send("PUT", "/api/v1/providers/standard", leader,
                 {{"min_satisfied_percent", 80}, {"min_ratings", 1}})
                .status,
            200);
  auto list = Send("GET", "/api/v1/providers", clerk);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json()["items"].size(), 1u);
  EXPECT_TRUE(list.Json()["items"][0]["below_standard"].get<bool>());
  EXPECT_EQ(list.Json()["standard"]["min_satisfied_percent"], 80);

  // Outside its categories or its area: refused with a Chinese message.
  Made welfare = NewMatter(clerk, other_category_, households_[1]);
  auto outside = Send("POST", welfare.path + "/dispatch", clerk, {{"unit_id", unit}});
  ExpectProblem(outside, 400, "provider.outside_service");
  EXPECT_NE(outside.Json()["error"]["message"].get<std::string>().find("服务类别"),
            std::string::npos);
  Made far = NewMatter(clerk, category_, households_[2]);
  auto far_away = Send("POST", far.path + "/dispatch", clerk, {{"unit_id", unit}});
  ExpectProblem(far_away, 400, "provider.outside_service");
  EXPECT_NE(far_away.Json()["error"]["message"].get<std::string>().find("服务区域"),
            std::string::npos);

  // Suspension by the county; its staff cannot lift it.
  ExpectProblem(Send("POST", base + "/suspend", leader, {{"reason", " "}}), 400,
                "provider.reason_required");
  ExpectProblem(Send("POST", base + "/suspend", staff, {{"reason", "x"}}), 403, "auth.forbidden");
  auto suspended = Send("POST", base + "/suspend", leader, {{"reason", "群众满意率低于标准"}});
  ASSERT_EQ(suspended.status, 200) << suspended.body;
  EXPECT_EQ(suspended.Json()["state"], "suspended");
  EXPECT_EQ(suspended.Json()["state_reason"], "群众满意率低于标准");
  Made next = NewMatter(clerk, category_, households_[1]);
  auto refused = Send("POST", next.path + "/dispatch", clerk, {{"unit_id", unit}});
  ExpectProblem(refused, 409, "provider.suspended");
  EXPECT_NE(refused.Json()["error"]["message"].get<std::string>().find("暂停"), std::string::npos);
  // Nothing was half-written: the matter is still waiting for a unit.
  EXPECT_EQ(Send("GET", next.path, clerk).Json()["matter"]["status"], "accepted");
  // A transfer to it is refused as well.
  ASSERT_EQ(Send("POST", next.path + "/dispatch", clerk, {{"unit_id", centre_}}).status, 200);
  ExpectProblem(
      Send("POST", next.path + "/transfer", clerk,
           {{"unit_id", unit}, {"reason", "转给维修公司"}, {"reason_code", "需要其他单位主办"}}),
      409, "provider.suspended");
  ExpectProblem(Send("POST", base + "/reinstate", staff, {{"reason", "我们已整改"}}), 403,
                "auth.forbidden");
  ExpectProblem(
      Send("PUT", base, staff, {{"category_ids", {category_}}, {"region_ids", {township_}}}), 403,
      "auth.forbidden");
  EXPECT_EQ(Send("GET", base, leader).Json()["state"], "suspended");
  // The public list shows active providers only.
  auto hidden = Send("GET", "/api/v1/public/providers", "");
  ASSERT_EQ(hidden.status, 200);
  EXPECT_TRUE(hidden.Json()["items"].empty());

  // The county reinstates it; dispatch works again.
  auto back = Send("POST", base + "/reinstate", admin, {{"reason", "整改到位"}});
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.Json()["state"], "active");
  ExpectProblem(Send("POST", base + "/reinstate", admin, {{"reason", "再次"}}), 409,
                "provider.not_suspended");
  auto pub = Send("GET", "/api/v1/public/providers", "");
  ASSERT_EQ(pub.status, 200);
  ASSERT_EQ(pub.Json()["items"].size(), 1u);
  EXPECT_EQ(pub.Json()["items"][0]["name"], "安居家电维修公司");
  EXPECT_EQ(pub.Json()["items"][0]["categories"][0], "家电维修");
  EXPECT_EQ(pub.Json()["items"][0]["rating"]["count"], 1);
  EXPECT_EQ(pub.body.find("0318"), std::string::npos);  // No phone on the public list.

  // Every change is in the audit log.
  auto audit =
      Send("GET", "/api/v1/audit?entity=provider&entity_id=" + std::to_string(unit), admin);
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::set<std::string> actions;
  const Json entries = audit.Json();
  for (const auto& e : entries["items"]) actions.insert(e.value("action", ""));
  for (const char* action : {"provider.register", "provider.suspend", "provider.reinstate"}) {
    EXPECT_TRUE(actions.count(action)) << action << " " << audit.body;
  }
}

TEST_F(ProvidersIntegrationTest, AnotherUnitsHandlerSeesNoProvider) {
  const std::string leader = LoginAs("leader"), other = LoginAs("centre_handler");
  auto joined = Send("POST", "/api/v1/providers", leader,
                     {{"new_unit", {{"name", "便民家政"}}},
                      {"category_ids", {category_}},
                      {"region_ids", {township_}}});
  ASSERT_EQ(joined.status, 201) << joined.body;
  const std::string base =
      "/api/v1/providers/" + std::to_string(joined.Json()["unit_id"].get<domain::Id>());
  ExpectProblem(Send("GET", base, other), 403, "auth.forbidden");
  auto list = Send("GET", "/api/v1/providers", other);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(list.Json()["items"].empty());
  ExpectProblem(Send("POST", base + "/suspend", other, {{"reason", "x"}}), 403, "auth.forbidden");
}

}  // namespace
}  // namespace minqing::http
