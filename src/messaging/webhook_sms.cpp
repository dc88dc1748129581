#include "messaging/webhook_sms.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>
#include <nlohmann/json.hpp>
#include <utility>

#include "messaging/signing.hpp"

namespace minqing::messaging {
namespace {

using app::DeliveryOutcome;
using app::DeliveryResult;
using nlohmann::json;

constexpr std::string_view kSignaturePrefix = "sha256=";

// A JSON string or integer as text; anything else is empty.
std::string Text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  return {};
}

DeliveryResult Failure(DeliveryOutcome outcome, const std::string& detail) {
  return {outcome, "", "短信网关 / SMS webhook: " + ClipText(detail)};
}

// The "error" of a refusal: a string, or an object's "message", or the body itself.
std::string RefusalText(const std::string& body) {
  const json answer = json::parse(body, nullptr, false);
  if (!answer.is_discarded() && answer.is_object()) {
    if (const auto error = answer.find("error"); error != answer.end()) {
      if (error->is_string()) return error->get<std::string>();
      if (error->is_object()) {
        if (const auto text = error->find("message"); text != error->end()) return Text(*text);
      }
    }
  }
  return body;
}

}  // namespace

std::string WebhookSignature(std::string_view secret_key, std::string_view timestamp,
                             std::string_view body) {
  std::string signed_text;
  signed_text.reserve(timestamp.size() + 1 + body.size());
  signed_text.append(timestamp).append(".").append(body);
  return std::string(kSignaturePrefix) + HexEncode(HmacSha256(secret_key, signed_text));
}

WebhookSmsGateway::WebhookSmsGateway(SmsGatewayConfig config) : config_(std::move(config)) {}

HttpRequest WebhookSmsGateway::BuildRequest(const app::OutgoingSms& message,
                                            std::int64_t now) const {
  json params = json::object();
  for (const auto& [name, value] : message.params) params[name] = value;
  const auto template_id = config_.templates.find(message.kind);
  const json body = {
      {"id", message.idempotency_key},
      {"phone", message.phone},
      {"kind", message.kind},
      {"template", template_id == config_.templates.end() ? "" : template_id->second},
      {"params", params},
      {"text", message.text},
  };
  HttpRequest request;
  request.url = config_.endpoint;
  request.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  const std::string timestamp = std::to_string(now);
  request.headers = {
      {"Content-Type", "application/json; charset=utf-8"},
      {kWebhookTimestampHeader, timestamp},
      {kWebhookIdempotencyHeader, message.idempotency_key},
      {kWebhookSignatureHeader, WebhookSignature(config_.secret_key, timestamp, request.body)},
  };
  return request;
}

DeliveryResult WebhookSmsGateway::Deliver(const app::OutgoingSms& message) {
  return InterpretAnswer(client_.Post(
      BuildRequest(message, static_cast<std::int64_t>(std::time(nullptr))), config_.timeout_ms));
}

DeliveryResult WebhookSmsGateway::InterpretAnswer(const HttpResponse& response) {
  const int status = response.status;
  if (status == 0) return Failure(DeliveryOutcome::kRetry, response.error);
  if (status >= 200 && status < 300) {
    std::string id;
    const json answer = json::parse(response.body, nullptr, false);
    if (!answer.is_discarded() && answer.is_object()) {
      if (const auto found = answer.find("message_id"); found != answer.end()) id = Text(*found);
    }
    return {DeliveryOutcome::kSent, ClipText(id, 200), ""};
  }
  const std::string prefix = "HTTP " + std::to_string(status) + ": ";
  if (status >= 400 && status < 500 && status != 408 && status != 429) {
    return Failure(DeliveryOutcome::kRejected, prefix + RefusalText(response.body));
  }
  return Failure(DeliveryOutcome::kRetry, prefix + RefusalText(response.body));
}

std::optional<WebhookReceipt> VerifyWebhookReceipt(std::string_view secret_key,
                                                   std::string_view timestamp_header,
                                                   std::string_view signature_header,
                                                   std::string_view body, std::int64_t now,
                                                   std::int64_t max_skew_seconds) {
  if (secret_key.empty() || timestamp_header.empty() || timestamp_header.size() > 18) {
    return std::nullopt;
  }
  std::int64_t timestamp = 0;
  const char* end = timestamp_header.data() + timestamp_header.size();
  const auto parsed = std::from_chars(timestamp_header.data(), end, timestamp);
  if (parsed.ec != std::errc() || parsed.ptr != end || timestamp < 0) return std::nullopt;
  if (timestamp > now + max_skew_seconds || timestamp < now - max_skew_seconds) {
    return std::nullopt;
  }
  std::string presented(signature_header);
  std::transform(presented.begin(), presented.end(), presented.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!ConstantTimeEquals(presented, WebhookSignature(secret_key, timestamp_header, body))) {
    return std::nullopt;
  }
  const json receipt = json::parse(body, nullptr, false);
  if (receipt.is_discarded() || !receipt.is_object()) return std::nullopt;
  WebhookReceipt out;
  if (const auto id = receipt.find("id"); id != receipt.end()) out.message_key = Text(*id);
  if (out.message_key.empty()) return std::nullopt;
  const auto status = receipt.find("status");
  if (status == receipt.end() || !status->is_string()) return std::nullopt;
  if (*status == "delivered") {
    out.delivered = true;
  } else if (*status != "failed") {
    return std::nullopt;
  }
  if (const auto error = receipt.find("error"); error != receipt.end() && error->is_string()) {
    out.error = ClipText(error->get<std::string>());
  }
  return out;
}

app::SmsReceiptCheck MakeWebhookReceiptCheck(std::string secret_key) {
  return [secret = std::move(secret_key)](const std::string& timestamp,
                                          const std::string& signature, const std::string& body,
                                          domain::Epoch now) -> std::optional<app::SmsReceipt> {
    auto receipt = VerifyWebhookReceipt(secret, timestamp, signature, body, now);
    if (!receipt) return std::nullopt;
    domain::Id id = 0;
    const std::string& key = receipt->message_key;
    if (std::from_chars(key.data(), key.data() + key.size(), id).ec != std::errc() || id <= 0) {
      return std::nullopt;
    }
    return app::SmsReceipt{id, receipt->delivered, receipt->error};
  };
}

}  // namespace minqing::messaging
