// A county's own SMS gateway reached by a signed webhook, as an app::SmsGateway.
//
// Each message is one POST of JSON to config.endpoint:
//   {"id": "<idempotency key>", "phone": "13800000000", "kind": "signoff_code",
//    "template": "<config.templates[kind] or \"\">", "params": {"code": "123456", ...},
//    "text": "<the whole message>"}
// with the headers
//   X-Minqing-Timestamp: <unix seconds>
//   Idempotency-Key: <idempotency key>
//   X-Minqing-Signature: sha256=<hex HMAC-SHA256(secret_key, timestamp + "." + body)>
// The receiver should check the signature and the timestamp's age, and treat a repeated id as
// the same message. Answers: 2xx is kSent (the answer's JSON "message_id", if any, is the
// provider's id); 408 and 429 are kRetry; any other 4xx is kRejected with the answer's "error";
// 5xx, network failures and timeouts are kRetry. The webhook takes the text, so it needs no
// templates.
//
// Delivery receipts come back the same way: a POST to minqing of {"id": "<idempotency key>",
// "status": "delivered" | "failed", "error": "..."} signed with the same key and scheme;
// VerifyWebhookReceipt() checks one.
//
// Thread-safety: Deliver() may run on several threads at once; the object is immutable after
// construction. The free functions are pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/sms_gateway.hpp"
#include "app/sms_outbox.hpp"
#include "messaging/http_client.hpp"
#include "messaging/sms_config.hpp"

namespace minqing::messaging {

inline constexpr char kWebhookTimestampHeader[] = "X-Minqing-Timestamp";
inline constexpr char kWebhookSignatureHeader[] = "X-Minqing-Signature";
inline constexpr char kWebhookIdempotencyHeader[] = "Idempotency-Key";

// "sha256=" + hex HMAC-SHA256(secret_key, timestamp + "." + body).
std::string WebhookSignature(std::string_view secret_key, std::string_view timestamp,
                             std::string_view body);

class WebhookSmsGateway final : public app::SmsGateway {
 public:
  // `config` must have passed ValidateSmsGatewayConfig with provider "webhook".
  explicit WebhookSmsGateway(SmsGatewayConfig config);

  std::string Name() const override { return "webhook"; }
  app::DeliveryResult Deliver(const app::OutgoingSms& message) override;
  std::vector<std::string> MissingTemplates() const override { return {}; }

  // The signed request for `message` at `now` (epoch seconds).
  HttpRequest BuildRequest(const app::OutgoingSms& message, std::int64_t now) const;
  static app::DeliveryResult InterpretAnswer(const HttpResponse& response);

 private:
  SmsGatewayConfig config_;
  HttpClient client_;
};

// A delivery receipt from the county's gateway.
struct WebhookReceipt {
  std::string message_key;  // The idempotency key of the message it is about.
  bool delivered = false;
  std::string error;  // Why not delivered, as the gateway said; may be empty.
};

// The receipt in `body` when the headers' signature is right for `secret_key` and the timestamp
// is within `max_skew_seconds` of `now` (either way); nullopt for a bad or missing signature, a
// stale or malformed timestamp, or a body that is not a receipt.
std::optional<WebhookReceipt> VerifyWebhookReceipt(std::string_view secret_key,
                                                   std::string_view timestamp_header,
                                                   std::string_view signature_header,
                                                   std::string_view body, std::int64_t now,
                                                   std::int64_t max_skew_seconds = 300);

// The dispatcher's receipt check (app::SmsDispatcher::SetReceiptCheck) for a webhook gateway
// signing with `secret_key`: VerifyWebhookReceipt at the receipt's arrival, and a message key that
// is an outbox id.
app::SmsReceiptCheck MakeWebhookReceiptCheck(std::string secret_key);

}  // namespace minqing::messaging
