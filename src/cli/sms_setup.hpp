// Reading the SMS gateway's configuration (messaging/sms_config.hpp: a JSON file named by
// --sms-config or MINQING_SMS_CONFIG, then MINQING_SMS_* variables) and handing the gateway to the
// outbox's sender; shared by `serve` and `doctor`. Thread-safety: call from the main thread before
// the server starts.
#pragma once

#include <memory>
#include <string>

#include "app/services.hpp"
#include "messaging/sms_config.hpp"

namespace minqing::cli {

// --sms-config when given, else MINQING_SMS_CONFIG, else "".
std::string SmsConfigPath(const std::string& option);

// Loads the configuration (throws std::runtime_error with a Chinese/English message when it is
// broken). With no provider configured and `dev_sms`, the development gateway (messages stay in
// the outbox, marked sent).
messaging::SmsGatewayConfig LoadSmsConfig(const std::string& path, bool dev_sms);

// Makes the gateway of `config` (null when none is configured) and sets it, with the webhook's
// receipt check, on `services.sms_dispatcher`; sets the configured quiet hours. Returns the
// gateway.
std::shared_ptr<app::SmsGateway> InstallSmsGateway(app::Services& services,
                                                   const messaging::SmsGatewayConfig& config);

}  // namespace minqing::cli
