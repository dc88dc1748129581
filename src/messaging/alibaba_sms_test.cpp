#include "messaging/alibaba_sms.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

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
  config.provider = "alibaba";
  config.endpoint = stub.AlibabaUrl();
  config.secret_id = "stub-secret-id";
  config.secret_key = "stub-secret-key";
  config.sign_name = "民情";
  config.timeout_ms = 3000;
  config.templates = {{"signoff_code", "SMS_123456789"}};
  return config;
}

TEST(AlibabaSms, BuildsTheDocumentedRequest) {
  SmsGatewayConfig config;
  config.provider = "alibaba";
  config.secret_id = "LTAIEXAMPLE";
  config.secret_key = "alibaba-secret";
  config.sign_name = "民情";
  config.templates = {{"signoff_code", "SMS_123456789"}};
  const AlibabaSmsGateway gateway(config);
  const auto request =
      gateway.BuildRequest(SignOffMessage(), 1767225600, "0123456789abcdef0123456789abcdef");
  ASSERT_TRUE(request);
  EXPECT_EQ(request->url,
            "https://dysmsapi.aliyuncs.com/?OutId=42&PhoneNumbers=13800000000&"
            "SignName=%E6%B0%91%E6%83%85&TemplateCode=SMS_123456789&TemplateParam="
            "%7B%22code%22%3A%22123456%22%2C%22link%22%3A%22https%3A%2F%2Fm.example%2Fp%2Fabc%22"
            "%2C%22number%22%3A%22MQ2026000001%22%7D");
  EXPECT_EQ(request->body, "");
  const HeaderList expected = {
      {"host", "dysmsapi.aliyuncs.com"},
      {"x-acs-action", "SendSms"},
      {"x-acs-version", "2017-05-25"},
      {"x-acs-date", "2026-01-01T00:00:00Z"},
      {"x-acs-signature-nonce", "0123456789abcdef0123456789abcdef"},
      {"x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      // Fixed vector, computed outside this code base (Python's hmac, hashlib, urllib).
      {"Authorization",
       "ACS3-HMAC-SHA256 Credential=LTAIEXAMPLE,SignedHeaders=host;x-acs-action;"
       "x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
       "Signature=d515069758968b06e95cb749cfb8e71d20797b5db7dd308d8620be266d2bb07c"},
  };
  EXPECT_EQ(request->headers, expected);
}

TEST(AlibabaSms, SendsThroughAStubThatChecksTheSignature) {
  StubSmsProvider stub;
  AlibabaSmsGateway gateway(StubConfig(stub));
  auto result = gateway.Deliver(SignOffMessage("outbox-7"));
  ASSERT_EQ(result.outcome, DeliveryOutcome::kSent) << result.error;
  // A second message gets a fresh nonce (the stub refuses a nonce used twice).
  result = gateway.Deliver(SignOffMessage("outbox-8"));
  ASSERT_EQ(result.outcome, DeliveryOutcome::kSent) << result.error;
  const auto messages = stub.Messages();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(result.provider_message_id, messages[1].provider_message_id);
  EXPECT_EQ(messages[0].provider, "alibaba");
  EXPECT_EQ(messages[0].phone, "13800000000");
  EXPECT_EQ(messages[0].template_id, "SMS_123456789");
  EXPECT_EQ(messages[0].sign_name, "民情");
  EXPECT_EQ(messages[0].idempotency_key, "outbox-7");
  EXPECT_EQ(messages[1].idempotency_key, "outbox-8");
  const std::vector<std::pair<std::string, std::string>> params = {
      {"code", "123456"}, {"link", "https://m.example/p/abc"}, {"number", "MQ2026000001"}};
  EXPECT_EQ(messages[0].params, params);
  EXPECT_EQ(stub.SignatureFailures(), 0);
}

TEST(AlibabaSms, AWrongSecretIsRejected) {
  StubSmsProvider stub;
  SmsGatewayConfig config = StubConfig(stub);
  config.secret_key = "not-the-stub-secret";
  AlibabaSmsGateway gateway(config);
  auto result = gateway.Deliver(SignOffMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);
  EXPECT_NE(result.error.find("SignatureDoesNotMatch"), std::string::npos) << result.error;
  EXPECT_EQ(result.error.find("not-the-stub-secret"), std::string::npos);

  config = StubConfig(stub);
  config.secret_id = "LTAIunknown";
  AlibabaSmsGateway unknown_id(config);
  result = unknown_id.Deliver(SignOffMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);
  EXPECT_NE(result.error.find("InvalidAccessKeyId.NotFound"), std::string::npos) << result.error;
  EXPECT_TRUE(stub.Messages().empty());
  EXPECT_EQ(stub.SignatureFailures(), 2);
}

TEST(AlibabaSms, ServerErrorsAndTimeoutsAreRetried) {
  StubSmsProvider stub;
  SmsGatewayConfig config = StubConfig(stub);
  config.timeout_ms = 300;
  AlibabaSmsGateway gateway(config);
  stub.FailNext(1);
  auto result = gateway.Deliver(SignOffMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRetry);
  EXPECT_NE(result.error.find("HTTP 500"), std::string::npos) << result.error;

  stub.HangNext(1);
  const auto start = std::chrono::steady_clock::now();
  result = gateway.Deliver(SignOffMessage());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRetry);
  EXPECT_TRUE(result.error.find("timed out") != std::string::npos) << result.error;

  result = gateway.Deliver(SignOffMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kSent) << result.error;
}

TEST(AlibabaSms, TemplateAndThrottlingAnswersAreMapped) {
  StubSmsProvider stub;
  AlibabaSmsGateway gateway(StubConfig(stub));
  stub.AnswerErrorNext(1, "isv.BUSINESS_LIMIT_CONTROL");
  auto result = gateway.Deliver(SignOffMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRetry);
  EXPECT_NE(result.error.find("isv.BUSINESS_LIMIT_CONTROL"), std::string::npos);

  stub.AnswerErrorNext(1, "isv.MOBILE_NUMBER_ILLEGAL");
  result = gateway.Deliver(SignOffMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);

  stub.RejectTemplate("SMS_123456789");
  result = gateway.Deliver(SignOffMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);
  EXPECT_NE(result.error.find("isv.SMS_TEMPLATE_ILLEGAL"), std::string::npos) << result.error;
  EXPECT_TRUE(stub.Messages().empty());

  app::OutgoingSms message = SignOffMessage();
  message.kind = "visit_code";
  const int before = stub.RequestCount();
  result = gateway.Deliver(message);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);
  EXPECT_EQ(result.error, "模板未配置 / template not configured: visit_code");
  EXPECT_EQ(stub.RequestCount(), before);
}

TEST(AlibabaSms, ClassifiesErrorCodes) {
  for (const char* code :
       {"isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_SIGNATURE_ILLEGAL", "isv.MOBILE_NUMBER_ILLEGAL",
        "isv.TEMPLATE_MISSING_PARAMETERS", "SignatureDoesNotMatch", "InvalidAccessKeyId.NotFound",
        "isp.RAM_PERMISSION_DENY", "Forbidden.RAM"}) {
    EXPECT_EQ(AlibabaSmsGateway::ClassifyError(code, 200), DeliveryOutcome::kRejected) << code;
  }
  for (const char* code :
       {"isv.BUSINESS_LIMIT_CONTROL", "isv.OUT_OF_SERVICE", "isv.AMOUNT_NOT_ENOUGH",
        "isp.SYSTEM_ERROR", "Throttling.User", "ServiceUnavailable", "InternalError"}) {
    EXPECT_EQ(AlibabaSmsGateway::ClassifyError(code, 200), DeliveryOutcome::kRetry) << code;
  }
  EXPECT_EQ(AlibabaSmsGateway::ClassifyError("Unheard.Of", 400), DeliveryOutcome::kRejected);
  EXPECT_EQ(AlibabaSmsGateway::ClassifyError("Unheard.Of", 200), DeliveryOutcome::kRetry);
}

TEST(AlibabaSms, InterpretsAnswers) {
  auto interpret = [](int status, const std::string& body) {
    HttpResponse response;
    response.status = status;
    response.body = body;
    return AlibabaSmsGateway::InterpretAnswer(response);
  };
  auto result = interpret(200, R"({"Code":"OK","Message":"OK","BizId":"9006^1","RequestId":"r"})");
  EXPECT_EQ(result.outcome, DeliveryOutcome::kSent);
  EXPECT_EQ(result.provider_message_id, "9006^1");
  result = interpret(503, R"({"Code":"ServiceUnavailable","Message":"busy"})");
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRetry);
  EXPECT_NE(result.error.find("ServiceUnavailable: busy"), std::string::npos) << result.error;
  EXPECT_EQ(interpret(500, R"({"Code":"isv.SMS_TEMPLATE_ILLEGAL"})").outcome,
            DeliveryOutcome::kRetry);
  EXPECT_EQ(interpret(502, "<html>").outcome, DeliveryOutcome::kRetry);
  EXPECT_EQ(interpret(200, "garbage").outcome, DeliveryOutcome::kRetry);
  EXPECT_EQ(interpret(403, "garbage").outcome, DeliveryOutcome::kRejected);
  HttpResponse timeout;
  timeout.timed_out = true;
  timeout.error = "请求超时 / request timed out after 300 ms";
  EXPECT_EQ(AlibabaSmsGateway::InterpretAnswer(timeout).outcome, DeliveryOutcome::kRetry);
}

}  // namespace
}  // namespace minqing::messaging
