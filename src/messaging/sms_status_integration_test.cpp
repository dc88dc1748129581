// The SMS administration routes over real HTTP: GET /api/v1/sms/status tells an administrator
// which templates are missing and raises the alert once sending keeps failing, and refuses anyone
// else; POST /api/v1/public/sms/receipts marks a message delivered only when the receipt is
// signed with the webhook gateway's key.
#include <string>

#include "app/sms_outbox.hpp"
#include "http/api.hpp"
#include "http/test_server.hpp"
#include "messaging/sms_gateways.hpp"
#include "messaging/stub_sms_provider.hpp"
#include "messaging/webhook_sms.hpp"

namespace minqing::messaging {
namespace {

using http::testing::ExpectProblem;
using http::testing::HttpResult;
using Json = nlohmann::json;

// The key the stub provider checks the webhook with (stub_sms_provider.hpp).
constexpr const char* kSecret = "stub-secret-key";

class SmsStatusTest : public http::testing::ServerTest {
 protected:
  SmsStatusTest() : ServerTest("minqing_sms_status_") {}

  void SetUp() override {
    ServerTest::SetUp();
    auto place = AddVillage("东关村");
    AddUser("admin", "admin");
    AddUser("clerk", "centre_staff", place.township.id);
    services_->sms_quiet_hours->Set(app::SmsQuietHours{0, 0});
  }

  // A queued code written straight into the outbox; its id.
  domain::Id Queue(const std::string& phone) {
    auto tx = services_->store->Begin();
    app::OutboxSmsSender().Send(
        *tx, {phone, "login_code", {{"code", "123456"}}, "您的验证码为123456", std::nullopt},
        http::NowEpoch());
    tx->Commit();
    app::OutboxFilter filter;
    filter.phone = phone;
    return services_->store->BeginRead()->Messaging().ListOutbox(filter, {}).items.at(0).id;
  }

  app::OutboxMessage Message(domain::Id id) {
    return *services_->store->BeginRead()->Messaging().FindOutbox(id);
  }

  HttpResult PostReceipt(const std::string& body,
                         const std::vector<std::pair<std::string, std::string>>& headers) {
    return http::testing::Call(port_, "POST", "/api/v1/public/sms/receipts", body, headers);
  }

  StubSmsProvider stub_;
};

TEST_F(SmsStatusTest, AnAdministratorSeesMissingTemplatesAndTheFailingProviderAlert) {
  SmsGatewayConfig config;
  config.provider = "tencent";
  config.endpoint = stub_.TencentUrl();
  config.secret_id = "stub-secret-id";
  config.secret_key = "stub-secret-key";
  config.sign_name = "饶阳民情";
  config.app_id = "1400000001";
  config.timeout_ms = 2000;
  // Every template but the year-end vote's.
  for (const auto& kind : app::SmsKinds()) {
    if (kind.code != "vote_code") config.templates[kind.code] = "T-" + kind.code;
  }
  services_->sms_dispatcher.SetGateway(MakeSmsGateway(config));
  app::SmsDispatchOptions options = services_->sms_dispatcher.options();
  options.alert_after_failures = 2;
  services_->sms_dispatcher.SetOptions(options);
  StartServer();
  const std::string admin = LoginAs("admin"), clerk = LoginAs("clerk");

  HttpResult calm = SendAs("GET", "/api/v1/sms/status", admin);
  ASSERT_EQ(calm.status, 200) << calm.body;
  EXPECT_EQ(calm.Json()["provider"], "tencent");
  EXPECT_EQ(calm.Json()["configured"], true);
  ASSERT_EQ(calm.Json()["missing_templates"].size(), 1u) << calm.body;
  EXPECT_EQ(calm.Json()["missing_templates"][0]["kind"], "vote_code");
  EXPECT_EQ(calm.Json()["missing_templates"][0]["label"], "述职评议投票码");
  EXPECT_TRUE(calm.Json()["alert"].is_null()) << calm.body;

  // The provider answers 500 twice: the alert is up, in Chinese, with the provider's error.
  const domain::Id id = Queue("13800000011");
  stub_.FailNext(2);
  const domain::Epoch now = http::NowEpoch();
  EXPECT_EQ(services_->sms_dispatcher.RunOnce(now), 1);
  EXPECT_EQ(services_->sms_dispatcher.RunOnce(now + 3600), 1);
  EXPECT_EQ(Message(id).state, "queued");
  HttpResult failing = SendAs("GET", "/api/v1/sms/status", admin);
  ASSERT_EQ(failing.status, 200) << failing.body;
  const Json alert = failing.Json()["alert"];
  ASSERT_TRUE(alert.is_object()) << failing.body;
  EXPECT_EQ(alert["failures"], 2);
  EXPECT_NE(alert["message"].get<std::string>().find("短信通道连续发送失败2次"), std::string::npos)
      << failing.body;
  EXPECT_FALSE(alert["last_error"].get<std::string>().empty());
  EXPECT_EQ(failing.Json()["counts"]["queued"], 1);

  // A clerk may not read the channel's state; nor may anyone without a session.
  ExpectProblem(SendAs("GET", "/api/v1/sms/status", clerk), 403, "auth.forbidden");
  EXPECT_EQ(SendAs("GET", "/api/v1/sms/status", "").status, 401);

  // Once the provider recovers, the alert is gone.
  EXPECT_EQ(services_->sms_dispatcher.RunOnce(now + 3 * 3600), 1);
  EXPECT_EQ(Message(id).state, "sent");
  EXPECT_TRUE(SendAs("GET", "/api/v1/sms/status", admin).Json()["alert"].is_null());
}

TEST_F(SmsStatusTest, OnlyAReceiptSignedWithTheGatewaysKeyMarksAMessageDelivered) {
  SmsGatewayConfig config;
  config.provider = "webhook";
  config.endpoint = stub_.WebhookUrl();
  config.secret_key = kSecret;
  config.timeout_ms = 2000;
  services_->sms_dispatcher.SetGateway(MakeSmsGateway(config));
  services_->sms_dispatcher.SetReceiptCheck(MakeWebhookReceiptCheck(kSecret));
  StartServer();
  const domain::Id good = Queue("13800000021"), forged = Queue("13800000022");
  ASSERT_EQ(services_->sms_dispatcher.RunOnce(http::NowEpoch()), 2);
  ASSERT_EQ(Message(good).state, "sent");
  ASSERT_EQ(Message(forged).state, "sent");

  const std::string timestamp = std::to_string(http::NowEpoch());
  const std::string forged_body =
      Json{{"id", std::to_string(forged)}, {"status", "delivered"}}.dump();
  // Signed with another key, signed over another body, or not signed: refused, nothing changes.
  ExpectProblem(
      PostReceipt(forged_body, {{kWebhookTimestampHeader, timestamp},
                                {kWebhookSignatureHeader,
                                 WebhookSignature("another-secret", timestamp, forged_body)}}),
      401, "sms.bad_signature");
  const std::string other_body = Json{{"id", std::to_string(good)}, {"status", "failed"}}.dump();
  ExpectProblem(PostReceipt(forged_body, {{kWebhookTimestampHeader, timestamp},
                                          {kWebhookSignatureHeader,
                                           WebhookSignature(kSecret, timestamp, other_body)}}),
                401, "sms.bad_signature");
  ExpectProblem(PostReceipt(forged_body, {}), 401, "sms.bad_signature");
  EXPECT_EQ(Message(forged).state, "sent");
  EXPECT_FALSE(Message(forged).delivered_at);
  EXPECT_EQ(Message(good).state, "sent");

  // The gateway's own receipt: delivered.
  const std::string body = Json{{"id", std::to_string(good)}, {"status", "delivered"}}.dump();
  HttpResult accepted =
      PostReceipt(body, {{kWebhookTimestampHeader, timestamp},
                         {kWebhookSignatureHeader, WebhookSignature(kSecret, timestamp, body)}});
  EXPECT_EQ(accepted.status, 204) << accepted.body;
  EXPECT_EQ(Message(good).state, "delivered");
  EXPECT_TRUE(Message(good).delivered_at);
  EXPECT_EQ(Message(forged).state, "sent");
  std::vector<std::string> outcomes;
  for (const auto& e : services_->store->BeginRead()->Messaging().OutboxHistory(good)) {
    outcomes.push_back(e.outcome);
  }
  EXPECT_EQ(outcomes, (std::vector<std::string>{"queued", "sent", "delivered"}));
}

}  // namespace
}  // namespace minqing::messaging
