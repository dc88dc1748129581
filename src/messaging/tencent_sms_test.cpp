#include "messaging/tencent_sms.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "messaging/signing.hpp"
#include "messaging/stub_sms_provider.hpp"

namespace minqing::messaging {
namespace {

using app::DeliveryOutcome;

app::OutgoingSms SignOffMessage(const std::string& key = "42") {
  app::OutgoingSms message;
  message.id = 42;
  message.idempotency_key = key;
  message.phone = "13800000000";
  message.kind = "signoff_code";
  message.params = {
      {"number", "MQ2026000001"}, {"code", "123456"}, {"link", "https://m.example/p/abc"}};
  message.text = "【民情】您的诉求MQ2026000001办结确认码123456";
  return message;
}

SmsGatewayConfig StubConfig(const StubSmsProvider& stub) {
  SmsGatewayConfig config;
  config.provider = "tencent";
  config.endpoint = stub.TencentUrl();
  config.secret_id = "stub-secret-id";
  config.secret_key = "stub-secret-key";
  config.sign_name = "民情";
  config.app_id = "1400000001";
  config.timeout_ms = 3000;
  config.templates = {{"signoff_code", "1234567"}, {"visit_code", "7654321"}};
  return config;
}

TEST(TencentSms, BuildsTheDocumentedRequest) {
  SmsGatewayConfig config;
  config.provider = "tencent";
  config.secret_id = "AKIDEXAMPLE";
  config.secret_key = "tencent-secret";
  config.sign_name = "民情";
  config.app_id = "1400000001";
  config.templates = {{"signoff_code", "1234567"}};
  const TencentSmsGateway gateway(config);
  const auto request = gateway.BuildRequest(SignOffMessage(), 1767225600);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->url, "https://sms.tencentcloudapi.com");
  EXPECT_EQ(request->body,
            R"({"PhoneNumberSet":["+8613800000000"],"SessionContext":"42","SignName":"民情",)"
            R"("SmsSdkAppId":"1400000001","TemplateId":"1234567","TemplateParamSet":)"
            R"(["MQ2026000001","123456","https://m.example/p/abc"]})");
  const HeaderList expected = {
      {"Content-Type", "application/json; charset=utf-8"},
      {"Host", "sms.tencentcloudapi.com"},
      {"X-TC-Action", "SendSms"},
      {"X-TC-Version", "2021-01-11"},
      {"X-TC-Timestamp", "1767225600"},
      {"X-TC-Region", "ap-guangzhou"},
      // Fixed vector, computed outside this code base (Python's hmac and hashlib).
      {"Authorization",
       "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-01-01/sms/tc3_request, "
       "SignedHeaders=content-type;host;x-tc-action, "
       "Signature=13b8f8d7b0b589d4e70c4b65194c0b50884597d02cef94679fc0b86850c80c0c"},
  };
  EXPECT_EQ(request->headers, expected);

  app::OutgoingSms unconfigured = SignOffMessage();
  unconfigured.kind = "visit_code";
  EXPECT_FALSE(gateway.BuildRequest(unconfigured, 1767225600));
}

TEST(TencentSms, SendsThroughAStubThatChecksTheSignature) {
  StubSmsProvider stub;
  TencentSmsGateway gateway(StubConfig(stub));
  const auto result = gateway.Deliver(SignOffMessage("outbox-7"));
  ASSERT_EQ(result.outcome, DeliveryOutcome::kSent) << result.error;
  EXPECT_EQ(result.error, "");
  const auto messages = stub.Messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(result.provider_message_id, messages[0].provider_message_id);
  EXPECT_EQ(messages[0].provider, "tencent");
  EXPECT_EQ(messages[0].phone, "+8613800000000");
  EXPECT_EQ(messages[0].template_id, "1234567");
  EXPECT_EQ(messages[0].sign_name, "民情");
  EXPECT_EQ(messages[0].app_id, "1400000001");
  EXPECT_EQ(messages[0].idempotency_key, "outbox-7");
  const std::vector<std::pair<std::string, std::string>> params = {
      {"", "MQ2026000001"}, {"", "123456"}, {"", "https://m.example/p/abc"}};
  EXPECT_EQ(messages[0].params, params);
  EXPECT_EQ(stub.SignatureFailures(), 0);
}

TEST(TencentSms, AWrongSecretIsRejected) {
  StubSmsProvider stub;
  SmsGatewayConfig config = StubConfig(stub);
  config.secret_key = "not-the-stub-secret";
  TencentSmsGateway gateway(config);
  auto result = gateway.Deliver(SignOffMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);
  EXPECT_NE(result.error.find("AuthFailure.SignatureFailure"), std::string::npos) << result.error;
  EXPECT_EQ(result.error.find("not-the-stub-secret"), std::string::npos);

  config = StubConfig(stub);
  config.secret_id = "AKIDunknown";
  TencentSmsGateway unknown_id(config);
  result = unknown_id.Deliver(SignOffMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);
  EXPECT_NE(result.error.find("AuthFailure.SecretIdNotFound"), std::string::npos) << result.error;
  EXPECT_TRUE(stub.Messages().empty());
  EXPECT_EQ(stub.SignatureFailures(), 2);
}

TEST(TencentSms, AServerErrorIsRetriedAndTheRetrySucceeds) {
  StubSmsProvider stub;
  TencentSmsGateway gateway(StubConfig(stub));
  stub.FailNext(1);
  auto result = gateway.Deliver(SignOffMessage("outbox-9"));
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRetry);
  EXPECT_NE(result.error.find("HTTP 500"), std::string::npos) << result.error;
  result = gateway.Deliver(SignOffMessage("outbox-9"));
  EXPECT_EQ(result.outcome, DeliveryOutcome::kSent) << result.error;
  ASSERT_EQ(stub.Messages().size(), 1u);
  EXPECT_EQ(stub.Messages()[0].idempotency_key, "outbox-9");
}

TEST(TencentSms, ATimeoutIsRetriedQuickly) {
  StubSmsProvider stub;
  SmsGatewayConfig config = StubConfig(stub);
  config.timeout_ms = 300;
  TencentSmsGateway gateway(config);
  stub.HangNext(1);
  const auto start = std::chrono::steady_clock::now();
  const auto result = gateway.Deliver(SignOffMessage());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRetry);
  EXPECT_NE(result.error.find("timed out"), std::string::npos) << result.error;
}

TEST(TencentSms, AnUnapprovedTemplateIsRejected) {
  StubSmsProvider stub;
  stub.RejectTemplate("1234567");
  TencentSmsGateway gateway(StubConfig(stub));
  const auto result = gateway.Deliver(SignOffMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);
  EXPECT_NE(result.error.find("FailedOperation.TemplateIncorrectOrUnapproved"), std::string::npos)
      << result.error;
  EXPECT_TRUE(stub.Messages().empty());
}

TEST(TencentSms, AKindWithoutATemplateIsRejectedWithoutARequest) {
  StubSmsProvider stub;
  TencentSmsGateway gateway(StubConfig(stub));
  app::OutgoingSms message = SignOffMessage();
  message.kind = "matter_overdue";
  message.params = {{"number", "MQ1"}, {"unit", "城关镇"}};
  const auto result = gateway.Deliver(message);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);
  EXPECT_EQ(result.error, "模板未配置 / template not configured: matter_overdue");
  EXPECT_EQ(stub.RequestCount(), 0);
  const auto missing = gateway.MissingTemplates();
  EXPECT_EQ(missing.size(), app::SmsKinds().size() - 2);
  EXPECT_NE(std::find(missing.begin(), missing.end(), "matter_overdue"), missing.end());
}

TEST(TencentSms, PerNumberErrorCodesAreMapped) {
  StubSmsProvider stub;
  TencentSmsGateway gateway(StubConfig(stub));
  stub.AnswerErrorNext(1, "LimitExceeded.PhoneNumberDailyLimit");
  auto result = gateway.Deliver(SignOffMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRetry);
  EXPECT_NE(result.error.find("LimitExceeded.PhoneNumberDailyLimit"), std::string::npos);
  stub.AnswerErrorNext(1, "InvalidParameterValue.IncorrectPhoneNumber");
  result = gateway.Deliver(SignOffMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);
  EXPECT_NE(result.error.find("IncorrectPhoneNumber"), std::string::npos);
  EXPECT_TRUE(stub.Messages().empty());
}

TEST(TencentSms, DeliversFromSeveralThreadsAtOnce) {
  StubSmsProvider stub;
  TencentSmsGateway gateway(StubConfig(stub));
  std::vector<std::thread> threads;
  std::atomic<int> sent{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        const auto result = gateway.Deliver(SignOffMessage(std::to_string(t * 100 + i)));
        if (result.outcome == DeliveryOutcome::kSent) ++sent;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(sent.load(), 20);
  EXPECT_EQ(stub.Messages().size(), 20u);
}

TEST(TencentSms, ClassifiesErrorCodes) {
  for (const char* code :
       {"AuthFailure.SignatureFailure", "AuthFailure.SecretIdNotFound", "InvalidParameter",
        "InvalidParameterValue.IncorrectPhoneNumber", "MissingParameter",
        "FailedOperation.TemplateIncorrectOrUnapproved",
        "FailedOperation.SignatureIncorrectOrUnapproved", "FailedOperation.PhoneNumberInBlacklist",
        "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber",
        "UnauthorizedOperation.SmsSdkAppIdVerifyFail"}) {
    EXPECT_EQ(TencentSmsGateway::ClassifyError(code), DeliveryOutcome::kRejected) << code;
  }
  for (const char* code :
       {"LimitExceeded.PhoneNumberThirtySecondLimit", "RequestLimitExceeded", "InternalError",
        "InternalError.Timeout", "FailedOperation.InsufficientBalanceInSmsPackage",
        "ResourceUnavailable", "SomethingNew"}) {
    EXPECT_EQ(TencentSmsGateway::ClassifyError(code), DeliveryOutcome::kRetry) << code;
  }
}

TEST(TencentSms, InterpretsAnswers) {
  auto interpret = [](int status, const std::string& body) {
    HttpResponse response;
    response.status = status;
    response.body = body;
    return TencentSmsGateway::InterpretAnswer(response);
  };
  auto result = interpret(
      200,
      R"({"Response":{"SendStatusSet":[{"SerialNo":"2433:1","Code":"Ok","Message":"send success"}],"RequestId":"r"}})");
  EXPECT_EQ(result.outcome, DeliveryOutcome::kSent);
  EXPECT_EQ(result.provider_message_id, "2433:1");
  result = interpret(
      200, R"({"Response":{"Error":{"Code":"InternalError","Message":"busy"},"RequestId":"r"}})");
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRetry);
  EXPECT_NE(result.error.find("InternalError: busy"), std::string::npos) << result.error;
  EXPECT_EQ(interpret(502, "<html>bad gateway</html>").outcome, DeliveryOutcome::kRetry);
  EXPECT_EQ(interpret(200, "not json").outcome, DeliveryOutcome::kRetry);
  EXPECT_EQ(interpret(200, R"({"Response":{"RequestId":"r"}})").outcome, DeliveryOutcome::kRetry);
  EXPECT_EQ(interpret(404, "not found").outcome, DeliveryOutcome::kRejected);

  HttpResponse network;
  network.error = "连接失败 / connection failed: refused";
  result = TencentSmsGateway::InterpretAnswer(network);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRetry);
  EXPECT_NE(result.error.find("connection failed"), std::string::npos);
}

}  // namespace
}  // namespace minqing::messaging
