// The composition point for SMS delivery: makes the app::SmsGateway a configuration names. The
// CLI loads the configuration (sms_config.hpp), logs config.Describe(), warns about
// MissingTemplates(), and hands the gateway to the outbox's sender.
//
// Thread-safety: MakeSmsGateway is a pure factory; see each gateway for its own guarantees.
#pragma once

#include <memory>

#include "app/sms_gateway.hpp"
#include "messaging/sms_config.hpp"

namespace minqing::messaging {

// The gateway for config.provider: "tencent", "alibaba", "webhook", "dev" (app::DevSmsGateway),
// or nullptr for "" (no provider configured). Throws std::runtime_error for a configuration that
// fails ValidateSmsGatewayConfig.
std::unique_ptr<app::SmsGateway> MakeSmsGateway(const SmsGatewayConfig& config);

}  // namespace minqing::messaging
