// Test support (library minqing_sms_stub, built only with MINQING_BUILD_TESTS): a real HTTP
// server on 127.0.0.1 (port 0) that plays the three SMS providers minqing speaks, one per path:
//   /tencent  Tencent Cloud SendSms 2021-01-11: checks the TC3-HMAC-SHA256 signature, answers in
//             Tencent's shape (a bad signature is Response.Error "AuthFailure.SignatureFailure").
//   /alibaba  Alibaba Cloud Dysmsapi SendSms 2017-05-25: checks the ACS3-HMAC-SHA256 signature,
//             x-acs-content-sha256 and nonce reuse (a bad signature is 400
//             "SignatureDoesNotMatch").
//   /webhook  minqing's webhook: checks X-Minqing-Signature and the timestamp (401 when wrong).
// Every signature is checked with the secret the stub was made with. Each accepted message is
// recorded for the test to read; the test can make the next requests fail with 500, hang without
// an answer, or answer an error code, and can name template ids to refuse.
//
// Thread-safety: every member function may be called from any thread while requests are served
// (one I/O thread; a mutex guards the recorded state). The destructor stops the server, dropping
// hung requests.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace minqing::messaging {

struct StubSmsProviderOptions {
  std::string secret_id = "stub-secret-id";
  std::string secret_key = "stub-secret-key";
  // How long a hung request is held before its connection is closed without an answer.
  std::chrono::milliseconds hang_for{30000};
};

struct StubSmsMessage {
  std::string provider;  // "tencent", "alibaba", "webhook"
  std::string phone;     // As received: "+8613800000000" from Tencent's PhoneNumberSet.
  std::string kind;      // The webhook's "kind"; empty for the clouds.
  std::string template_id;
  // In the order received; Tencent's TemplateParamSet is positional, so its names are empty.
  std::vector<std::pair<std::string, std::string>> params;
  std::string idempotency_key;      // SessionContext, OutId, or the webhook's "id".
  std::string text;                 // The webhook's "text".
  std::string sign_name;            // The clouds' SignName.
  std::string app_id;               // Tencent's SmsSdkAppId.
  std::string provider_message_id;  // What the stub answered with.
};

class StubSmsProvider {
 public:
  explicit StubSmsProvider(StubSmsProviderOptions options = {});
  ~StubSmsProvider();
  StubSmsProvider(const StubSmsProvider&) = delete;
  StubSmsProvider& operator=(const StubSmsProvider&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:<port>/tencent" and so on.
  std::string TencentUrl() const;
  std::string AlibabaUrl() const;
  std::string WebhookUrl() const;

  // The next `count` requests (any path) are answered 500 without being checked.
  void FailNext(int count);
  // The next `count` requests get no answer for options.hang_for.
  void HangNext(int count);
  // Messages naming `template_id` are refused as the provider refuses an unapproved template.
  void RejectTemplate(const std::string& template_id);
  // The next `count` correctly signed messages are answered with the provider's error `code`
  // (Tencent: SendStatusSet[0].Code; Alibaba: Code; webhook: 400 {"error": code}).
  void AnswerErrorNext(int count, const std::string& code);

  // The accepted messages, oldest first.
  std::vector<StubSmsMessage> Messages() const;
  int RequestCount() const;       // Every request that arrived.
  int SignatureFailures() const;  // Requests refused for their signature or credentials.

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace minqing::messaging
