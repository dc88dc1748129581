#include "messaging/alibaba_sms.hpp"

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

DeliveryResult Failure(DeliveryOutcome outcome, const std::string& detail) {
  return {outcome, "", "阿里云短信 / Alibaba SMS: " + ClipText(detail)};
}

}  // namespace

AlibabaSmsGateway::AlibabaSmsGateway(SmsGatewayConfig config) : config_(std::move(config)) {
  auto url = SplitUrl(config_.EffectiveEndpoint());
  if (!url) throw std::invalid_argument("AlibabaSmsGateway: endpoint is not an http(s) URL");
  url_ = std::move(*url);
}

std::vector<std::string> AlibabaSmsGateway::MissingTemplates() const {
  return KindsWithoutTemplate(config_.templates);
}

std::optional<HttpRequest> AlibabaSmsGateway::BuildRequest(const app::OutgoingSms& message,
                                                           std::int64_t now,
                                                           const std::string& nonce) const {
  const auto template_code = config_.templates.find(message.kind);
  if (template_code == config_.templates.end()) return std::nullopt;
  json params = json::object();
  for (const auto& [name, value] : message.params) params[name] = value;
  Acs3Input input;
  input.canonical_uri = url_.path;
  input.query = {
      {"PhoneNumbers", message.phone},
      {"SignName", config_.sign_name},
      {"TemplateCode", template_code->second},
      {"TemplateParam", params.dump(-1, ' ', false, json::error_handler_t::replace)},
      {"OutId", message.idempotency_key},
  };
  input.hashed_payload = Sha256Hex("");
  input.headers = {
      {"host", url_.authority},
      {"x-acs-action", "SendSms"},
      {"x-acs-version", kAlibabaSmsVersion},
      {"x-acs-date", UtcIsoTime(now)},
      {"x-acs-signature-nonce", nonce},
      {"x-acs-content-sha256", input.hashed_payload},
  };
  const Acs3Signature signature = SignAcs3(input, config_.secret_key);
  HttpRequest request;
  request.url =
      url_.scheme + "://" + url_.authority + url_.path + "?" + Acs3CanonicalQuery(input.query);
  request.headers = input.headers;
  request.headers.emplace_back("Authorization", Acs3Authorization(config_.secret_id, signature));
  return request;
}

app::DeliveryResult AlibabaSmsGateway::Deliver(const app::OutgoingSms& message) {
  const auto request =
      BuildRequest(message, static_cast<std::int64_t>(std::time(nullptr)), RandomHex(16));
  if (!request) {
    return {DeliveryOutcome::kRejected, "",
            "模板未配置 / template not configured: " + message.kind};
  }
  return InterpretAnswer(client_.Post(*request, config_.timeout_ms));
}

DeliveryOutcome AlibabaSmsGateway::ClassifyError(std::string_view code, int status) {
  // Checked first: some sit under the isv. prefix, which is otherwise permanent.
  static constexpr std::string_view kRetry[] = {
      "isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL", "isv.OUT_OF_SERVICE",
      "isv.AMOUNT_NOT_ENOUGH",      "isp.SYSTEM_ERROR",      "Throttling",
      "ServiceUnavailable",         "InternalError",         "SignatureNonceUsed",
  };
  static constexpr std::string_view kRejected[] = {
      "isv.",
      "isp.RAM_PERMISSION_DENY",
      "SignatureDoesNotMatch",
      "IncompleteSignature",
      "InvalidAccessKeyId",
      "InvalidAccessKeySecret",
      "InvalidSecurityToken",
      "Forbidden",
      "MissingParameter",
      "InvalidParameter",
      "InvalidAction",
      "InvalidApi",
      "InvalidVersion",
      "InvalidTimeStamp",
      "UnsupportedHTTPMethod",
  };
  for (std::string_view prefix : kRetry) {
    if (std::string_view(code).starts_with(prefix)) return DeliveryOutcome::kRetry;
  }
  for (std::string_view prefix : kRejected) {
    if (std::string_view(code).starts_with(prefix)) return DeliveryOutcome::kRejected;
  }
  return status >= 400 && status < 500 ? DeliveryOutcome::kRejected : DeliveryOutcome::kRetry;
}

app::DeliveryResult AlibabaSmsGateway::InterpretAnswer(const HttpResponse& response) {
  if (response.status == 0) return Failure(DeliveryOutcome::kRetry, response.error);
  const std::string status = "HTTP " + std::to_string(response.status);
  const json answer = json::parse(response.body, nullptr, false);
  const bool has_code =
      !answer.is_discarded() && answer.is_object() && !AnswerField(answer, "Code").empty();
  if (response.status >= 500) {
    // Appended piece by piece: g++ 12 warns (-Wrestrict) on " " + std::string here.
    std::string detail = status;
    detail += ' ';
    detail += has_code ? AnswerField(answer, "Code") + ": " + AnswerField(answer, "Message")
                       : response.body;
    return Failure(DeliveryOutcome::kRetry, detail);
  }
  if (!has_code) {
    const auto outcome = response.status >= 400 && response.status < 500
                             ? DeliveryOutcome::kRejected
                             : DeliveryOutcome::kRetry;
    return Failure(outcome, status + " 应答无法识别 / unexpected answer: " + response.body);
  }
  const std::string code = AnswerField(answer, "Code");
  if (code == "OK" && response.status >= 200 && response.status < 300) {
    return {DeliveryOutcome::kSent, AnswerField(answer, "BizId"), ""};
  }
  return Failure(ClassifyError(code, response.status),
                 code + ": " + AnswerField(answer, "Message"));
}

}  // namespace minqing::messaging
