#include "messaging/tencent_sms.hpp"

#include <ctime>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "messaging/provider_answer.hpp"
#include "messaging/signing.hpp"

namespace minqing::messaging {
namespace {

using app::DeliveryOutcome;
using app::DeliveryResult;
using nlohmann::json;

constexpr char kContentType[] = "application/json; charset=utf-8";

DeliveryResult Failure(DeliveryOutcome outcome, const std::string& detail) {
  return {outcome, "", "腾讯云短信 / Tencent SMS: " + ClipText(detail)};
}

}  // namespace

TencentSmsGateway::TencentSmsGateway(SmsGatewayConfig config) : config_(std::move(config)) {
  auto url = SplitUrl(config_.EffectiveEndpoint());
  if (!url) throw std::invalid_argument("TencentSmsGateway: endpoint is not an http(s) URL");
  url_ = std::move(*url);
}

std::vector<std::string> TencentSmsGateway::MissingTemplates() const {
  return KindsWithoutTemplate(config_.templates);
}

std::optional<HttpRequest> TencentSmsGateway::BuildRequest(const app::OutgoingSms& message,
                                                           std::int64_t now) const {
  const auto template_id = config_.templates.find(message.kind);
  if (template_id == config_.templates.end()) return std::nullopt;
  json params = json::array();
  for (const auto& [name, value] : message.params) params.push_back(value);
  const std::string phone = !message.phone.empty() && message.phone.front() == '+'
                                ? message.phone
                                : "+86" + message.phone;
  const json body = {
      {"PhoneNumberSet", json::array({phone})},
      {"SmsSdkAppId", config_.app_id},
      {"SignName", config_.sign_name},
      {"TemplateId", template_id->second},
      {"TemplateParamSet", params},
      {"SessionContext", message.idempotency_key},
  };
  HttpRequest request;
  request.url = config_.EffectiveEndpoint();
  // Invalid UTF-8 in a parameter becomes U+FFFD rather than an exception.
  request.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  Tc3Input input;
  input.canonical_uri = url_.path;
  input.headers = {
      {"Content-Type", kContentType}, {"Host", url_.authority}, {"X-TC-Action", "SendSms"}};
  input.payload = request.body;
  input.timestamp = now;
  input.service = "sms";
  const Tc3Signature signature = SignTc3(input, config_.secret_key);
  request.headers = input.headers;
  request.headers.emplace_back("X-TC-Version", kTencentSmsVersion);
  request.headers.emplace_back("X-TC-Timestamp", std::to_string(now));
  request.headers.emplace_back("X-TC-Region", config_.region);
  request.headers.emplace_back("Authorization", Tc3Authorization(config_.secret_id, signature));
  return request;
}

DeliveryResult TencentSmsGateway::Deliver(const app::OutgoingSms& message) {
  const auto request = BuildRequest(message, static_cast<std::int64_t>(std::time(nullptr)));
  if (!request) {
    return {DeliveryOutcome::kRejected, "",
            "模板未配置 / template not configured: " + message.kind};
  }
  return InterpretAnswer(client_.Post(*request, config_.timeout_ms));
}

DeliveryOutcome TencentSmsGateway::ClassifyError(std::string_view code) {
  // Checked first: these sit under prefixes that are otherwise permanent.
  static constexpr std::string_view kRetry[] = {
      "LimitExceeded",
      "RequestLimitExceeded",
      "InternalError",
      "ResourceUnavailable",
      "ResourceInsufficient",
      "FailedOperation.InsufficientBalanceInSmsPackage",
      "FailedOperation.MarketingSendTimeConstraint",
  };
  static constexpr std::string_view kRejected[] = {
      "AuthFailure",          "InvalidParameter",      "MissingParameter", "UnknownParameter",
      "UnsupportedOperation", "UnauthorizedOperation", "InvalidAction",    "InvalidRequest",
      "OperationDenied",      "ResourceNotFound",      "FailedOperation",
  };
  for (std::string_view prefix : kRetry) {
    if (std::string_view(code).starts_with(prefix)) return DeliveryOutcome::kRetry;
  }
  for (std::string_view prefix : kRejected) {
    if (std::string_view(code).starts_with(prefix)) return DeliveryOutcome::kRejected;
  }
  return DeliveryOutcome::kRetry;
}

DeliveryResult TencentSmsGateway::InterpretAnswer(const HttpResponse& response) {
  if (response.status == 0) return Failure(DeliveryOutcome::kRetry, response.error);
  const std::string status = "HTTP " + std::to_string(response.status);
  if (response.status >= 500) {
    return Failure(DeliveryOutcome::kRetry, status + " " + response.body);
  }
  json answer = json::parse(response.body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object() || !answer.contains("Response") ||
      !answer["Response"].is_object()) {
    const auto outcome = response.status >= 400 && response.status < 500
                             ? DeliveryOutcome::kRejected
                             : DeliveryOutcome::kRetry;
    return Failure(outcome, status + " 应答无法识别 / unexpected answer: " + response.body);
  }
  const json& body = answer["Response"];
  if (const auto error = body.find("Error"); error != body.end() && error->is_object()) {
    const std::string code = AnswerField(*error, "Code");
    return Failure(ClassifyError(code), code + ": " + AnswerField(*error, "Message"));
  }
  const auto set = body.find("SendStatusSet");
  if (set == body.end() || !set->is_array() || set->empty() || !(*set)[0].is_object()) {
    return Failure(DeliveryOutcome::kRetry,
                   status + " 应答缺少 SendStatusSet / answer without SendStatusSet");
  }
  const json& first = (*set)[0];
  const std::string code = AnswerField(first, "Code");
  if (code == "Ok") return {DeliveryOutcome::kSent, AnswerField(first, "SerialNo"), ""};
  return Failure(ClassifyError(code), code + ": " + AnswerField(first, "Message"));
}

}  // namespace minqing::messaging
