// The boundary between minqing's SMS outbox and a provider that delivers messages to phones.
// The outbox (sms_outbox.hpp) hands each queued message to one SmsGateway; implementations that
// speak real provider APIs (Tencent Cloud, Alibaba Cloud, a county's own signed webhook) live in
// messaging/, wired by cli/. A gateway never sees the database.
//
// Every message has a kind: the provider sends a pre-approved template per kind, filled with the
// kind's parameters in order. The text is the same message rendered in full, for providers that
// take free text (the webhook) and for the development outbox.
//
// Thread-safety: Deliver() is called by one sender thread at a time, but implementations must be
// safe to share between threads (MissingTemplates() and Name() may be called from any thread).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/model.hpp"

namespace minqing::app {

// One kind of message and its template's parameters, in the order the template uses them.
struct SmsKindInfo {
  std::string code;   // "signoff_code"
  std::string label;  // Chinese: "诉求签收验证码"
  std::string label_en;
  std::vector<std::string> params;  // {"code", "number"}
  bool is_code = false;  // A verification code: sent at any hour, limited to one a minute.
};

// Every kind minqing sends. The codes are stable (they name templates in configuration).
const std::vector<SmsKindInfo>& SmsKinds();
// The kind named `code`, or nullptr.
const SmsKindInfo* FindSmsKind(const std::string& code);

struct OutgoingSms {
  domain::Id id = 0;
  // Sent to the provider so that a message handed over twice (a crash between sending and
  // recording it) can be recognised as one; the outbox row's id as text.
  std::string idempotency_key;
  std::string phone;  // Mainland mobile number, 11 digits, no prefix.
  std::string kind;   // An SmsKindInfo code.
  // The kind's parameters by name, in the kind's order.
  std::vector<std::pair<std::string, std::string>> params;
  std::string text;  // The whole message in Chinese.
};

enum class DeliveryOutcome {
  kSent,      // The provider accepted it.
  kRetry,     // Not accepted now (network, timeout, 5xx, throttled): try again later.
  kRejected,  // Refused for good (bad template, bad number, signature refused): do not retry.
};

struct DeliveryResult {
  DeliveryOutcome outcome = DeliveryOutcome::kRetry;
  std::string provider_message_id;  // When sent and the provider gives one.
  std::string error;                // Why not sent; never contains a secret.
};

class SmsGateway {
 public:
  virtual ~SmsGateway() = default;
  // "tencent", "alibaba", "webhook", "dev".
  virtual std::string Name() const = 0;
  // Hands one message to the provider and reports what it answered. Never throws for a provider
  // or network failure (those are results); a timeout is kRetry.
  virtual DeliveryResult Deliver(const OutgoingSms& message) = 0;
  // The kinds (SmsKindInfo codes) this gateway has no template for; empty when all are set.
  virtual std::vector<std::string> MissingTemplates() const = 0;
};

// Development gateway: accepts every message without sending it anywhere (the text stays readable
// in the development outbox, GET /api/v1/dev/sms).
class DevSmsGateway final : public SmsGateway {
 public:
  std::string Name() const override { return "dev"; }
  DeliveryResult Deliver(const OutgoingSms& message) override;
  std::vector<std::string> MissingTemplates() const override { return {}; }
};

}  // namespace minqing::app
