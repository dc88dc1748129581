// Which SMS provider minqing sends through, with its credentials and one template per message
// kind (app::SmsKinds()). Read at start-up from an optional JSON file, then from environment
// variables, which win. Secrets live only there and in memory: never in the database, never in
// a log line (Describe() masks them), never in a delivery error.
//
// The JSON file (every key optional; unknown keys are refused so that a typo is not ignored):
//   {"provider": "tencent", "endpoint": "https://sms.tencentcloudapi.com",
//    "secret_id": "...", "secret_key": "...", "sign_name": "饶阳县民情", "app_id": "1400000000",
//    "region": "ap-guangzhou", "timeout_ms": 5000, "quiet_hours": "22:00-08:00",
//    "templates": {"signoff_code": "1234567", "visit_code": "1234568"}}
// Environment (a variable that is set and not empty overrides the file):
//   MINQING_SMS_PROVIDER, MINQING_SMS_ENDPOINT, MINQING_SMS_SECRET_ID, MINQING_SMS_SECRET_KEY,
//   MINQING_SMS_SIGN_NAME, MINQING_SMS_APP_ID, MINQING_SMS_REGION, MINQING_SMS_TIMEOUT_MS,
//   MINQING_SMS_QUIET_HOURS ("22:00-08:00" or "off"),
//   MINQING_SMS_TEMPLATE_<KIND> (e.g. MINQING_SMS_TEMPLATE_SIGNOFF_CODE).
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "app/sms_sender.hpp"

namespace minqing::messaging {

struct SmsGatewayConfig {
  // "tencent", "alibaba", "webhook", "dev", or "" when no provider is configured.
  std::string provider;
  // The provider's URL; empty means the provider's default (Tencent and Alibaba); the webhook
  // has none and needs one.
  std::string endpoint;
  std::string secret_id;   // Tencent SecretId, Alibaba AccessKey ID; unused by the webhook.
  std::string secret_key;  // Tencent SecretKey, Alibaba AccessKey secret, the webhook's HMAC key.
  std::string sign_name;   // The approved signature (签名) shown in 【】 before each message.
  std::string app_id;      // Tencent SmsSdkAppId.
  std::string region = "ap-guangzhou";  // Tencent X-TC-Region.
  int timeout_ms = 5000;
  // No message but a code is sent in these hours (China time); "off" sends at any hour.
  app::SmsQuietHours quiet_hours;
  // SmsKindInfo code -> the provider's template id (Tencent TemplateId, Alibaba TemplateCode, or
  // an optional template name passed on by the webhook).
  std::map<std::string, std::string> templates;

  // The endpoint, or the provider's default when none is set.
  std::string EffectiveEndpoint() const;
  // A readable summary for start-up logs and `minqing doctor`: secrets are masked.
  std::string Describe() const;
};

inline constexpr char kDefaultTencentEndpoint[] = "https://sms.tencentcloudapi.com";
inline constexpr char kDefaultAlibabaEndpoint[] = "https://dysmsapi.aliyuncs.com";

// Reads `file_path` (skipped when empty), then applies the environment through `getenv` (pass
// std::getenv, or a fake in tests), then checks the result. Throws std::runtime_error (Chinese /
// English message, naming the file or variable) for an unreadable file, bad JSON, a value of the
// wrong type, an unknown provider, a template for an unknown kind, a bad timeout, or a provider
// without the credentials it needs.
SmsGatewayConfig LoadSmsGatewayConfig(const std::string& file_path,
                                      const std::function<const char*(const char*)>& getenv);

// Throws std::runtime_error when `config` cannot make a working gateway (see above).
void ValidateSmsGatewayConfig(const SmsGatewayConfig& config);

// The codes of app::SmsKinds() that have no entry in `templates`, in SmsKinds() order.
std::vector<std::string> KindsWithoutTemplate(const std::map<std::string, std::string>& templates);

}  // namespace minqing::messaging
