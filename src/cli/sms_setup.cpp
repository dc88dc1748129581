#include "cli/sms_setup.hpp"

#include <cstdlib>

#include "messaging/sms_gateways.hpp"
#include "messaging/webhook_sms.hpp"

namespace minqing::cli {

std::string SmsConfigPath(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("MINQING_SMS_CONFIG")) return env;
  return "";
}

messaging::SmsGatewayConfig LoadSmsConfig(const std::string& path, bool dev_sms) {
  messaging::SmsGatewayConfig config =
      messaging::LoadSmsGatewayConfig(path, [](const char* name) { return std::getenv(name); });
  if (config.provider.empty() && dev_sms) config.provider = "dev";
  return config;
}

std::shared_ptr<app::SmsGateway> InstallSmsGateway(app::Services& services,
                                                   const messaging::SmsGatewayConfig& config) {
  std::shared_ptr<app::SmsGateway> gateway = messaging::MakeSmsGateway(config);
  services.sms_dispatcher.SetGateway(gateway);
  services.sms_quiet_hours->Set(config.quiet_hours);
  if (config.provider == "webhook") {
    services.sms_dispatcher.SetReceiptCheck(messaging::MakeWebhookReceiptCheck(config.secret_key));
  }
  return gateway;
}

}  // namespace minqing::cli
