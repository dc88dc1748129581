// Alibaba Cloud SMS (Dysmsapi SendSms, version 2017-05-25) as an app::SmsGateway, signed with
// the OpenAPI V3 signature ACS3-HMAC-SHA256. The parameters travel in the query string of an
// empty-bodied POST: PhoneNumbers, SignName, TemplateCode (config.templates by the message's
// kind), TemplateParam (a JSON object of the kind's parameters by name) and OutId (the outbox's
// idempotency key, echoed in delivery receipts).
//
// Answers: Code "OK" is kSent (BizId as the provider's id). Template, signature, number and
// credential errors (isv.*, SignatureDoesNotMatch, InvalidAccessKeyId...) are kRejected;
// throttling (isv.BUSINESS_LIMIT_CONTROL, Throttling*), an account out of service or credit,
// system errors, 5xx, network failures and timeouts are kRetry. A kind without a template is
// kRejected at once, without a request.
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

inline constexpr char kAlibabaSmsVersion[] = "2017-05-25";

class AlibabaSmsGateway final : public app::SmsGateway {
 public:
  // `config` must have passed ValidateSmsGatewayConfig with provider "alibaba".
  explicit AlibabaSmsGateway(SmsGatewayConfig config);

  std::string Name() const override { return "alibaba"; }
  app::DeliveryResult Deliver(const app::OutgoingSms& message) override;
  std::vector<std::string> MissingTemplates() const override;

  // The signed SendSms request for `message` at `now` (epoch seconds) with `nonce`
  // (x-acs-signature-nonce), or nullopt when its kind has no template.
  std::optional<HttpRequest> BuildRequest(const app::OutgoingSms& message, std::int64_t now,
                                          const std::string& nonce) const;
  static app::DeliveryResult InterpretAnswer(const HttpResponse& response);
  // kRejected or kRetry for an error code ("isv.SMS_TEMPLATE_ILLEGAL", "Throttling.User", ...),
  // given the HTTP status it came with (an unknown code is kRejected on a 4xx).
  static app::DeliveryOutcome ClassifyError(std::string_view code, int status);

 private:
  SmsGatewayConfig config_;
  UrlParts url_;
  HttpClient client_;
};

}  // namespace minqing::messaging
