// Tencent Cloud SMS (短信, API 3.0 SendSms, version 2021-01-11) as an app::SmsGateway. A message
// is sent as its kind's approved template (config.templates) filled with the kind's parameters
// in order, to "+86" + phone, under config.sign_name and config.app_id (SmsSdkAppId), signed
// with TC3-HMAC-SHA256. The outbox's idempotency key travels as SessionContext, which Tencent
// echoes in delivery receipts.
//
// Answers: SendStatusSet[0].Code "Ok" is kSent (SerialNo as the provider's id). Authentication,
// parameter, template, signature and number errors are kRejected; throttling, internal errors,
// an empty balance, 5xx, network failures and timeouts are kRetry; a code not recognised is
// kRetry too (the outbox bounds the attempts). A kind without a template is kRejected at once,
// without a request.
//
// Thread-safety: Deliver() may run on several threads at once; the object is immutable after
// construction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/sms_gateway.hpp"
#include "messaging/http_client.hpp"
#include "messaging/sms_config.hpp"

namespace minqing::messaging {

inline constexpr char kTencentSmsVersion[] = "2021-01-11";

class TencentSmsGateway final : public app::SmsGateway {
 public:
  // `config` must have passed ValidateSmsGatewayConfig with provider "tencent".
  explicit TencentSmsGateway(SmsGatewayConfig config);

  std::string Name() const override { return "tencent"; }
  app::DeliveryResult Deliver(const app::OutgoingSms& message) override;
  std::vector<std::string> MissingTemplates() const override;

  // The signed SendSms request for `message` at `now` (epoch seconds), or nullopt when its kind
  // has no template.
  std::optional<HttpRequest> BuildRequest(const app::OutgoingSms& message, std::int64_t now) const;
  // What the provider's answer means.
  static app::DeliveryResult InterpretAnswer(const HttpResponse& response);
  // kRejected or kRetry for an error code ("AuthFailure.SignatureFailure", "LimitExceeded...").
  static app::DeliveryOutcome ClassifyError(std::string_view code);

 private:
  SmsGatewayConfig config_;
  UrlParts url_;
  HttpClient client_;
};

}  // namespace minqing::messaging
