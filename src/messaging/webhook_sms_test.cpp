#include "messaging/webhook_sms.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "messaging/signing.hpp"
#include "messaging/stub_sms_provider.hpp"

namespace minqing::messaging {
namespace {

using app::DeliveryOutcome;

app::OutgoingSms CodeMessage(const std::string& key = "42") {
  app::OutgoingSms message;
  message.id = 42;
  message.idempotency_key = key;
  message.phone = "13800000000";
  message.kind = "login_code";
  message.params = {{"code", "123456"}};
  message.text = "验证码123456";
  return message;
}

SmsGatewayConfig StubConfig(const StubSmsProvider& stub) {
  SmsGatewayConfig config;
  config.provider = "webhook";
  config.endpoint = stub.WebhookUrl();
  config.secret_key = "stub-secret-key";
  config.timeout_ms = 3000;
  return config;
}

std::int64_t Now() { return static_cast<std::int64_t>(std::time(nullptr)); }

TEST(WebhookSms, SignsTheBodyWithTheTimestamp) {
  // Fixed vector, computed outside this code base (Python's hmac and hashlib).
  const std::string body =
      R"({"id":"42","kind":"signoff_code","params":{"code":"123456"},"phone":"13800000000",)"
      R"("template":"","text":"验证码123456"})";
  EXPECT_EQ(WebhookSignature("hook-secret", "1767225600", body),
            "sha256=371ff854bb9b2495e26b344ee357ddba98d136a1f861eebab038208c885c0fe1");

  SmsGatewayConfig config;
  config.provider = "webhook";
  config.endpoint = "https://gw.example.gov.cn/sms";
  config.secret_key = "hook-secret";
  app::OutgoingSms message = CodeMessage();
  message.kind = "signoff_code";
  const WebhookSmsGateway gateway(config);
  const HttpRequest request = gateway.BuildRequest(message, 1767225600);
  EXPECT_EQ(request.url, "https://gw.example.gov.cn/sms");
  EXPECT_EQ(request.body, body);
  const HeaderList expected = {
      {"Content-Type", "application/json; charset=utf-8"},
      {"X-Minqing-Timestamp", "1767225600"},
      {"Idempotency-Key", "42"},
      {"X-Minqing-Signature",
       "sha256=371ff854bb9b2495e26b344ee357ddba98d136a1f861eebab038208c885c0fe1"},
  };
  EXPECT_EQ(request.headers, expected);
}

TEST(WebhookSms, SendsThroughAStubThatChecksTheSignature) {
  StubSmsProvider stub;
  SmsGatewayConfig config = StubConfig(stub);
  config.templates = {{"signoff_code", "county-signoff"}};
  WebhookSmsGateway gateway(config);
  EXPECT_TRUE(gateway.MissingTemplates().empty());
  auto result = gateway.Deliver(CodeMessage("outbox-1"));
  ASSERT_EQ(result.outcome, DeliveryOutcome::kSent) << result.error;
  EXPECT_EQ(result.provider_message_id, "stub-webhook-1");

  app::OutgoingSms signoff = CodeMessage("outbox-2");
  signoff.kind = "signoff_code";
  signoff.params = {{"number", "MQ1"}, {"code", "654321"}, {"link", "https://m/p/x"}};
  result = gateway.Deliver(signoff);
  ASSERT_EQ(result.outcome, DeliveryOutcome::kSent) << result.error;
  // The same message handed over twice keeps its key, so the receiver can tell.
  result = gateway.Deliver(signoff);
  ASSERT_EQ(result.outcome, DeliveryOutcome::kSent) << result.error;

  const auto messages = stub.Messages();
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0].provider, "webhook");
  EXPECT_EQ(messages[0].idempotency_key, "outbox-1");
  EXPECT_EQ(messages[0].phone, "13800000000");
  EXPECT_EQ(messages[0].kind, "login_code");
  EXPECT_EQ(messages[0].template_id, "");
  EXPECT_EQ(messages[0].text, "验证码123456");
  EXPECT_EQ(messages[0].params,
            (std::vector<std::pair<std::string, std::string>>{{"code", "123456"}}));
  EXPECT_EQ(messages[1].template_id, "county-signoff");
  EXPECT_EQ(messages[1].idempotency_key, "outbox-2");
  EXPECT_EQ(messages[2].idempotency_key, "outbox-2");
  EXPECT_EQ(stub.SignatureFailures(), 0);
}

TEST(WebhookSms, AWrongSecretIsRejected) {
  StubSmsProvider stub;
  SmsGatewayConfig config = StubConfig(stub);
  config.secret_key = "not-the-stub-secret";
  WebhookSmsGateway gateway(config);
  const auto result = gateway.Deliver(CodeMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);
  EXPECT_NE(result.error.find("HTTP 401"), std::string::npos) << result.error;
  EXPECT_EQ(result.error.find("not-the-stub-secret"), std::string::npos);
  EXPECT_EQ(stub.SignatureFailures(), 1);
  EXPECT_TRUE(stub.Messages().empty());
}

TEST(WebhookSms, ServerErrorsAndTimeoutsAreRetried) {
  StubSmsProvider stub;
  SmsGatewayConfig config = StubConfig(stub);
  config.timeout_ms = 300;
  WebhookSmsGateway gateway(config);
  stub.FailNext(1);
  auto result = gateway.Deliver(CodeMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRetry);
  EXPECT_NE(result.error.find("HTTP 500"), std::string::npos) << result.error;

  stub.HangNext(1);
  const auto start = std::chrono::steady_clock::now();
  result = gateway.Deliver(CodeMessage());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRetry);
  EXPECT_NE(result.error.find("timed out"), std::string::npos) << result.error;
}

TEST(WebhookSms, ARefusalIsRejectedWithTheGatewaysReason) {
  StubSmsProvider stub;
  SmsGatewayConfig config = StubConfig(stub);
  config.templates = {{"login_code", "county-login"}};
  WebhookSmsGateway gateway(config);
  stub.AnswerErrorNext(1, "号码已停机");
  auto result = gateway.Deliver(CodeMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);
  EXPECT_NE(result.error.find("号码已停机"), std::string::npos) << result.error;

  stub.RejectTemplate("county-login");
  result = gateway.Deliver(CodeMessage());
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);
  EXPECT_NE(result.error.find("template rejected: county-login"), std::string::npos)
      << result.error;
  EXPECT_TRUE(stub.Messages().empty());
}

TEST(WebhookSms, InterpretsAnswers) {
  auto interpret = [](int status, const std::string& body) {
    HttpResponse response;
    response.status = status;
    response.body = body;
    return WebhookSmsGateway::InterpretAnswer(response);
  };
  auto result = interpret(202, R"({"message_id": 77})");
  EXPECT_EQ(result.outcome, DeliveryOutcome::kSent);
  EXPECT_EQ(result.provider_message_id, "77");
  result = interpret(200, "");
  EXPECT_EQ(result.outcome, DeliveryOutcome::kSent);
  EXPECT_EQ(result.provider_message_id, "");
  result = interpret(422, R"({"error": {"message": "号码格式错误"}})");
  EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);
  EXPECT_NE(result.error.find("号码格式错误"), std::string::npos) << result.error;
  EXPECT_EQ(interpret(429, R"({"error": "slow down"})").outcome, DeliveryOutcome::kRetry);
  EXPECT_EQ(interpret(408, "").outcome, DeliveryOutcome::kRetry);
  EXPECT_EQ(interpret(503, "").outcome, DeliveryOutcome::kRetry);
  EXPECT_EQ(interpret(302, "").outcome, DeliveryOutcome::kRetry);
}

TEST(WebhookReceipt, AcceptsAGoodReceipt) {
  const std::int64_t now = Now();
  const std::string timestamp = std::to_string(now - 10);
  std::string body = R"({"id":"outbox-7","status":"delivered"})";
  auto receipt = VerifyWebhookReceipt("hook-secret", timestamp,
                                      WebhookSignature("hook-secret", timestamp, body), body, now);
  ASSERT_TRUE(receipt);
  EXPECT_EQ(receipt->message_key, "outbox-7");
  EXPECT_TRUE(receipt->delivered);
  EXPECT_EQ(receipt->error, "");

  body = R"({"id":"outbox-8","status":"failed","error":"空号"})";
  std::string signature = WebhookSignature("hook-secret", timestamp, body);
  // Hex in upper case is the same signature.
  for (std::size_t i = 7; i < signature.size(); ++i) {
    signature[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(signature[i])));
  }
  receipt = VerifyWebhookReceipt("hook-secret", timestamp, signature, body, now);
  ASSERT_TRUE(receipt);
  EXPECT_EQ(receipt->message_key, "outbox-8");
  EXPECT_FALSE(receipt->delivered);
  EXPECT_EQ(receipt->error, "空号");
}

TEST(WebhookReceipt, RefusesATamperedOrStaleReceipt) {
  const std::int64_t now = Now();
  const std::string timestamp = std::to_string(now);
  const std::string body = R"({"id":"outbox-7","status":"delivered"})";
  const std::string signature = WebhookSignature("hook-secret", timestamp, body);
  ASSERT_TRUE(VerifyWebhookReceipt("hook-secret", timestamp, signature, body, now));

  EXPECT_FALSE(VerifyWebhookReceipt("hook-secret", timestamp, signature,
                                    R"({"id":"outbox-9","status":"delivered"})", now));
  EXPECT_FALSE(VerifyWebhookReceipt("other-secret", timestamp, signature, body, now));
  EXPECT_FALSE(VerifyWebhookReceipt("hook-secret", timestamp, "", body, now));
  EXPECT_FALSE(VerifyWebhookReceipt("hook-secret", timestamp, signature.substr(7), body, now));
  // The timestamp is signed: another one breaks the signature.
  EXPECT_FALSE(VerifyWebhookReceipt("hook-secret", std::to_string(now - 1), signature, body, now));
  // A correctly signed receipt that is too old or too far ahead.
  for (const std::int64_t when : {now - 301, now + 301}) {
    const std::string stale = std::to_string(when);
    EXPECT_FALSE(VerifyWebhookReceipt("hook-secret", stale,
                                      WebhookSignature("hook-secret", stale, body), body, now));
  }
  const std::string old = std::to_string(now - 3600);
  EXPECT_TRUE(VerifyWebhookReceipt("hook-secret", old, WebhookSignature("hook-secret", old, body),
                                   body, now, 7200));
  // Malformed timestamps and bodies that are not receipts.
  for (const char* bad : {"", "12x", "-5", " 1"}) {
    EXPECT_FALSE(VerifyWebhookReceipt("hook-secret", bad,
                                      WebhookSignature("hook-secret", bad, body), body, now));
  }
  for (const std::string& bad :
       {std::string(R"({"id":"x","status":"maybe"})"), std::string(R"({"status":"delivered"})"),
        std::string("[]"), std::string("not json")}) {
    EXPECT_FALSE(VerifyWebhookReceipt("hook-secret", timestamp,
                                      WebhookSignature("hook-secret", timestamp, bad), bad, now))
        << bad;
  }
}

// scripts/sms_stub.mjs, the Node twin of the stub for shell and browser tests, run as a child.
class NodeSmsStub {
 public:
  NodeSmsStub(const std::filesystem::path& directory, const std::string& secret)
      : port_file_(directory / "port"), log_(directory / "log.jsonl") {
    const std::string script = std::string(MINQING_SOURCE_DIR) + "/scripts/sms_stub.mjs";
    std::vector<std::string> args = {"node",     script, "--port-file", port_file_.string(),
                                     "--secret", secret, "--log",       log_.string()};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "node", nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
  }
  ~NodeSmsStub() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  NodeSmsStub(const NodeSmsStub&) = delete;
  NodeSmsStub& operator=(const NodeSmsStub&) = delete;

  // The port once the stub listens, or 0 after 10 s.
  int WaitForPort() const {
    for (int i = 0; i < 200 && pid_ > 0; ++i) {
      std::ifstream in(port_file_);
      int port = 0;
      if (in >> port && port > 0) return port;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return 0;
  }
  std::vector<nlohmann::json> Logged() const {
    std::vector<nlohmann::json> lines;
    std::ifstream in(log_);
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
  }

 private:
  std::filesystem::path port_file_;
  std::filesystem::path log_;
  pid_t pid_ = -1;
};

TEST(WebhookSms, TheNodeStubAcceptsWhatTheGatewaySigns) {
  if (std::system("command -v node >/dev/null 2>&1") != 0) GTEST_SKIP() << "node not installed";
  const auto directory =
      std::filesystem::temp_directory_path() /
      ("minqing-node-sms-stub-" + std::to_string(Now()) + "-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  {
    NodeSmsStub stub(directory, "node-secret");
    const int port = stub.WaitForPort();
    ASSERT_GT(port, 0);
    SmsGatewayConfig config;
    config.provider = "webhook";
    config.endpoint = "http://127.0.0.1:" + std::to_string(port) + "/sms";
    config.secret_key = "node-secret";
    WebhookSmsGateway gateway(config);
    for (const char* key : {"outbox-1", "outbox-2", "outbox-2"}) {
      const auto result = gateway.Deliver(CodeMessage(key));
      EXPECT_EQ(result.outcome, DeliveryOutcome::kSent) << result.error;
    }
    EXPECT_EQ(gateway.Deliver(CodeMessage("outbox-3")).provider_message_id, "stub-4");

    config.secret_key = "wrong-secret";
    WebhookSmsGateway wrong(config);
    const auto result = wrong.Deliver(CodeMessage("outbox-5"));
    EXPECT_EQ(result.outcome, DeliveryOutcome::kRejected);
    EXPECT_NE(result.error.find("HTTP 401"), std::string::npos) << result.error;

    const auto logged = stub.Logged();
    ASSERT_EQ(logged.size(), 4u);
    EXPECT_EQ(logged[1]["id"], "outbox-2");
    EXPECT_EQ(logged[2]["id"], "outbox-2");
    EXPECT_EQ(logged[2]["idempotency_key"], "outbox-2");
    EXPECT_EQ(logged[0]["text"], "验证码123456");
    EXPECT_EQ(logged[0]["params"]["code"], "123456");
  }
  std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace minqing::messaging
