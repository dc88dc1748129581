// Residents help themselves over a real server on port 0: a sign-up with a phone code that leaves
// the browser logged in, a log-in by code, a report from a contact card answered with its receipt
// number, and the refusals (an invalid phone, a staff account, too many codes from one address).
// The codes are read from the SMS outbox in the store, as the provider would receive them.
#include <gtest/gtest.h>

#include <string>

#include "app/services.hpp"
#include "app/sms_outbox.hpp"
#include "domain/id_card.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::Call;
using testing::ExpectProblem;
using testing::HttpResult;
using Json = nlohmann::json;

constexpr const char* kCard = "CARD2345";

class SelfServiceIntegrationTest : public testing::ServerTest {
 protected:
  SelfServiceIntegrationTest() : ServerTest("minqing_self_service_test_") {}

  void SetUp() override {
    ServerTest::SetUp();
    const app::Actor system = app::SystemActor(kNow);
    Village made = AddVillage("东关村");
    app::HouseholdInput household;
    household.region_id = made.village.id;
    household.address = "东关村3号";
    auto member = [](const char* name, const char* id_card, const char* phone,
                     const char* relation) {
      app::ResidentInput r;
      r.name = name;
      r.id_card = id_card;
      r.phone = phone;
      r.relation = relation;
      return r;
    };
    household_ =
        services_->registry
            .CreateHousehold(system, household,
                             {member("赵大海", "11010519491231002X", "13900000011", "户主"),
                              member("赵小川", domain::MakeIdCard("131124", "19990909", 55).c_str(),
                                     "13900000012", "子"),
                              member("赵小燕", domain::MakeIdCard("131124", "20010101", 66).c_str(),
                                     "13900000013", "女")})
            .id;
    for (const auto& m : services_->registry.GetHousehold(system, household_).members) {
      residents_[m.name] = m.id;
    }
    // 赵小川 has a resident account already; 赵小燕 is the village's assistant.
    app::UserInput resident;
    resident.username = "zhaoxiaochuan";
    resident.role = "resident";
    resident.password = "password-zhaoxiaochuan";
    resident.resident_id = residents_["赵小川"];
    services_->auth.CreateUser(system, resident);
    app::UserInput staff;
    staff.username = "zhaoxiaoyan";
    staff.role = "village_assistant";
    staff.password = "password-zhaoxiaoyan";
    staff.scope_region_id = made.village.id;
    staff.resident_id = residents_["赵小燕"];
    staff.phone = "13900000013";
    services_->auth.CreateUser(system, staff);
    app::CategoryInput category;
    category.name = "道路照明";
    category_ = services_->catalogue.CreateCategory(system, category).id;
    auto tx = services_->store->Begin();
    tx->Network().UpsertCardCode(household_, kCard);
    tx->Commit();
    StartServer();
  }

  HttpResult Post(const std::string& target, const Json& body,
                  const std::vector<std::pair<std::string, std::string>>& headers = {}) const {
    return Call(port_, "POST", target, body.dump(), headers);
  }

  // The code of the newest `kind` message to `phone` in the outbox (empty when none).
  std::string CodeSentTo(const std::string& phone, const std::string& kind) {
    auto tx = services_->store->BeginRead();
    app::OutboxFilter filter;
    filter.phone = phone;
    filter.kind = kind;
    auto messages = tx->Messaging().ListOutbox(filter, {0, 1, ""}).items;
    if (messages.empty()) return {};
    for (const auto& [name, value] : app::ParseSmsParams(messages.front().params)) {
      if (name == "code") return value;
    }
    return {};
  }

  domain::Id household_ = 0;
  domain::Id category_ = 0;
  std::map<std::string, domain::Id> residents_;  // By name.
};

TEST_F(SelfServiceIntegrationTest, SignUpByPhoneCodeLogsInAndAReportFromACardGetsANumber) {
  HttpResult sent =
      Post("/api/v1/public/phone-codes", {{"phone", "13900000011"}, {"purpose", "signup"}});
  ASSERT_EQ(sent.status, 202) << sent.body;
  EXPECT_EQ(sent.Json()["masked_phone"], "139****0011");
  EXPECT_EQ(sent.Json()["expires_in"], 600);
  const std::string code = CodeSentTo("13900000011", "signup_code");
  ASSERT_EQ(code.size(), 6U);

  HttpResult signed_up = Post(
      "/api/v1/public/signup",
      {{"phone", "13900000011"}, {"code", code}, {"display_name", "赵大海"}, {"client", "web"}});
  ASSERT_EQ(signed_up.status, 201) << signed_up.body;
  Json answer = signed_up.Json();
  EXPECT_EQ(answer["user"]["role"], "resident");
  EXPECT_EQ(answer["user"]["username"], "13900000011");
  EXPECT_EQ(answer["user"]["resident_id"], residents_["赵大海"]);
  EXPECT_FALSE(answer.value("csrf_token", "").empty());
  const std::string cookie = signed_up.Header("set-cookie");
  ASSERT_EQ(cookie.rfind("mq_session=", 0), 0U) << cookie;
  const std::string session = cookie.substr(0, cookie.find(';'));

  // The browser is logged in with the cookie.
  HttpResult me = Call(port_, "GET", "/api/v1/auth/me", "", {{"Cookie", session}});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["user"]["display_name"], "赵大海");
  // The same code does not sign up twice.
  ExpectProblem(Post("/api/v1/public/signup", {{"phone", "13900000011"}, {"code", code}}), 400,
                "code.bad");

  // The contact card's form, then a report with a code sent to any phone.
  HttpResult form =
      Call(port_, "GET", std::string("/api/v1/public/cards/") + kCard + "/report-form");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_EQ(form.Json()["household_label"], "赵**户");
  EXPECT_EQ(form.Json()["region_name"], "东关村");
  bool listed = false;
  const Json form_body = form.Json();
  for (const auto& c : form_body["categories"]) listed = listed || c["id"] == category_;
  EXPECT_TRUE(listed) << form.body;

  ASSERT_EQ(Post("/api/v1/public/phone-codes",
                 {{"phone", "13700000077"}, {"purpose", "report"}, {"card_code", kCard}})
                .status,
            202);
  const std::string report_code = CodeSentTo("13700000077", "report_code");
  ASSERT_EQ(report_code.size(), 6U);
  const std::string report = std::string("/api/v1/public/cards/") + kCard + "/report";
  ExpectProblem(Post("/api/v1/public/cards/NOPE2345/report",
                     {{"phone", "13700000077"}, {"code", report_code}, {"content", "路灯坏了"}}),
                404, "card.not_found");
  HttpResult reported = Post(report, {{"phone", "13700000077"},
                                      {"code", report_code},
                                      {"content", "村口路灯坏了一个月了"},
                                      {"category_id", category_}});
  ASSERT_EQ(reported.status, 201) << reported.body;
  const std::string number = reported.Json().value("number", "");
  const std::string link = reported.Json().value("link", "");
  EXPECT_FALSE(number.empty());
  ASSERT_EQ(link.rfind("/p/" + number + "?t=", 0), 0U) << link;
  // The receipt's public page shows it.
  HttpResult page =
      Call(port_, "GET",
           "/api/v1/public/matters/" + number + "?token=" + link.substr(link.find("?t=") + 3));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("村口路灯坏了一个月了"), std::string::npos);
}

TEST_F(SelfServiceIntegrationTest, AResidentLogsInByCodeAndAStaffAccountCannot) {
  ASSERT_EQ(
      Post("/api/v1/public/phone-codes", {{"phone", "13900000012"}, {"purpose", "login"}}).status,
      202);
  const std::string code = CodeSentTo("13900000012", "login_code");
  HttpResult login = Post("/api/v1/auth/phone-login", {{"phone", "13900000012"}, {"code", code}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.Json()["user"]["username"], "zhaoxiaochuan");
  const std::string token = login.Json().value("token", "");
  EXPECT_EQ(SendAs("GET", "/api/v1/auth/me", token).status, 200);

  // The assistant's phone: no code is sent, and no code logs the staff account in.
  ExpectProblem(
      Post("/api/v1/public/phone-codes", {{"phone", "13900000013"}, {"purpose", "login"}}), 404,
      "account.not_found");
  EXPECT_TRUE(CodeSentTo("13900000013", "login_code").empty());
  ExpectProblem(Post("/api/v1/auth/phone-login", {{"phone", "13900000013"}, {"code", "123456"}}),
                400, "code.bad");
}

TEST_F(SelfServiceIntegrationTest, InvalidPhonesAndStrangersAreRefused) {
  HttpResult bad =
      Post("/api/v1/public/phone-codes", {{"phone", "1390000001"}, {"purpose", "signup"}});
  ExpectProblem(bad, 400, "phone.invalid");
  EXPECT_EQ(bad.Json()["error"]["message"], "请输入正确的11位手机号码");
  ExpectProblem(
      Post("/api/v1/public/phone-codes", {{"phone", "13700000000"}, {"purpose", "signup"}}), 403,
      "phone.not_resident");
  ExpectProblem(Post("/api/v1/public/signup", {{"phone", "13900000011"}, {"code", "000000"}}), 400,
                "code.bad");
}

TEST_F(SelfServiceIntegrationTest, CodeRequestsFromOneAddressAreLimited) {
  for (int i = 0; i < 10; ++i) {
    HttpResult r = Post(
        "/api/v1/public/phone-codes",
        {{"phone", "1370000010" + std::to_string(i)}, {"purpose", "report"}, {"card_code", kCard}});
    ASSERT_EQ(r.status, 202) << i << ": " << r.body;
  }
  HttpResult refused =
      Post("/api/v1/public/phone-codes",
           {{"phone", "13700000200"}, {"purpose", "report"}, {"card_code", kCard}});
  ExpectProblem(refused, 429, "sms.rate_limited");
  EXPECT_FALSE(refused.Header("retry-after").empty());
  bool detail = false;
  const Json error = refused.Json()["error"];
  for (const auto& d : error["details"]) {
    detail = detail || d.value("field", "") == "retry_after_seconds";
  }
  EXPECT_TRUE(detail) << refused.body;
  EXPECT_TRUE(CodeSentTo("13700000200", "report_code").empty());
}

}  // namespace
}  // namespace minqing::http
