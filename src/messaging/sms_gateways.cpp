#include "messaging/sms_gateways.hpp"

#include "messaging/alibaba_sms.hpp"
#include "messaging/tencent_sms.hpp"
#include "messaging/webhook_sms.hpp"

namespace minqing::messaging {

std::unique_ptr<app::SmsGateway> MakeSmsGateway(const SmsGatewayConfig& config) {
  ValidateSmsGatewayConfig(config);
  if (config.provider == "tencent") return std::make_unique<TencentSmsGateway>(config);
  if (config.provider == "alibaba") return std::make_unique<AlibabaSmsGateway>(config);
  if (config.provider == "webhook") return std::make_unique<WebhookSmsGateway>(config);
  if (config.provider == "dev") return std::make_unique<app::DevSmsGateway>();
  return nullptr;
}

}  // namespace minqing::messaging
