#include "messaging/sms_config.hpp"

#include <cctype>
#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "app/sms_gateway.hpp"
#include "domain/errors.hpp"
#include "messaging/http_client.hpp"

namespace minqing::messaging {
namespace {

using nlohmann::json;

constexpr int kMaxTimeoutMs = 600000;

[[noreturn]] void Fail(const std::string& message) {
  throw std::runtime_error("短信配置 / SMS configuration: " + message);
}

bool KnownProvider(const std::string& provider) {
  return provider.empty() || provider == "tencent" || provider == "alibaba" ||
         provider == "webhook" || provider == "dev";
}

int ParseTimeout(const std::string& text, const std::string& where) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0 ||
      value > kMaxTimeoutMs) {
    Fail(where + " 应为 1 到 " + std::to_string(kMaxTimeoutMs) + " 之间的毫秒数 / must be 1.." +
         std::to_string(kMaxTimeoutMs) + " milliseconds, got \"" + text + "\"");
  }
  return value;
}

app::SmsQuietHours QuietHours(const std::string& text, const std::string& where) {
  try {
    return app::ParseSmsQuietHours(text);
  } catch (const domain::InvalidInput&) {
    Fail(where +
         " 应为 22:00-08:00 这样的时段或 off / must look like 22:00-08:00 or be off, got \"" +
         text + "\"");
  }
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// A template id may be written as a number in JSON (Tencent's are numeric).
std::string TemplateId(const json& value, const std::string& where) {
  std::string id;
  if (value.is_string()) {
    id = value.get<std::string>();
  } else if (value.is_number_integer()) {
    id = std::to_string(value.get<std::int64_t>());
  } else {
    Fail(where + " 应为字符串 / must be a string");
  }
  if (id.empty()) Fail(where + " 为空 / is empty");
  return id;
}

std::string StringField(const json& value, const std::string& where) {
  if (!value.is_string()) Fail(where + " 应为字符串 / must be a string");
  return value.get<std::string>();
}

void ReadFile(const std::string& path, SmsGatewayConfig& config) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail("无法读取文件 / cannot read file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  json root;
  try {
    root = json::parse(text.str());
  } catch (const json::parse_error& e) {
    // Only the position: the parser's own message quotes the text it read, maybe a secret.
    Fail("文件不是有效的 JSON / file is not valid JSON: " + path + " (byte " +
         std::to_string(e.byte) + ")");
  }
  if (!root.is_object()) Fail("文件应为 JSON 对象 / file must hold a JSON object: " + path);
  const std::string prefix = path + ": ";
  for (const auto& [key, value] : root.items()) {
    std::string where = prefix;
    where.append("\"").append(key).append("\"");
    if (key == "provider") {
      config.provider = StringField(value, where);
    } else if (key == "endpoint") {
      config.endpoint = StringField(value, where);
    } else if (key == "secret_id") {
      config.secret_id = StringField(value, where);
    } else if (key == "secret_key") {
      config.secret_key = StringField(value, where);
    } else if (key == "sign_name") {
      config.sign_name = StringField(value, where);
    } else if (key == "app_id") {
      config.app_id = value.is_number_integer() ? std::to_string(value.get<std::int64_t>())
                                                : StringField(value, where);
    } else if (key == "region") {
      config.region = StringField(value, where);
    } else if (key == "timeout_ms") {
      if (!value.is_number_integer()) Fail(where + " 应为整数 / must be an integer");
      config.timeout_ms = ParseTimeout(std::to_string(value.get<std::int64_t>()), where);
    } else if (key == "quiet_hours") {
      config.quiet_hours = QuietHours(StringField(value, where), where);
    } else if (key == "templates") {
      if (!value.is_object()) Fail(where + " 应为对象 / must be an object");
      for (const auto& [kind, id] : value.items()) {
        std::string template_where = prefix;
        template_where.append("templates.\"").append(kind).append("\"");
        if (app::FindSmsKind(kind) == nullptr) {
          template_where.append(": 未知的短信类型 / unknown message kind \"")
              .append(kind)
              .append("\"");
          Fail(template_where);
        }
        config.templates[kind] = TemplateId(id, template_where);
      }
    } else {
      Fail(where + ": 未知配置项 / unknown setting");
    }
  }
}

void ApplyEnvironment(const std::function<const char*(const char*)>& getenv,
                      SmsGatewayConfig& config) {
  auto read = [&](const std::string& name, std::string& target) {
    const char* value = getenv(name.c_str());
    if (value != nullptr && *value != '\0') target = value;
  };
  read("MINQING_SMS_PROVIDER", config.provider);
  read("MINQING_SMS_ENDPOINT", config.endpoint);
  read("MINQING_SMS_SECRET_ID", config.secret_id);
  read("MINQING_SMS_SECRET_KEY", config.secret_key);
  read("MINQING_SMS_SIGN_NAME", config.sign_name);
  read("MINQING_SMS_APP_ID", config.app_id);
  read("MINQING_SMS_REGION", config.region);
  std::string timeout;
  read("MINQING_SMS_TIMEOUT_MS", timeout);
  if (!timeout.empty()) config.timeout_ms = ParseTimeout(timeout, "MINQING_SMS_TIMEOUT_MS");
  std::string quiet;
  read("MINQING_SMS_QUIET_HOURS", quiet);
  if (!quiet.empty()) config.quiet_hours = QuietHours(quiet, "MINQING_SMS_QUIET_HOURS");
  for (const auto& kind : app::SmsKinds()) {
    std::string id;
    read("MINQING_SMS_TEMPLATE_" + Upper(kind.code), id);
    if (!id.empty()) config.templates[kind.code] = id;
  }
}

// The URL without its query, which may carry a token.
std::string ShownUrl(const std::string& url) {
  const auto parts = SplitUrl(url);
  if (!parts) return "（无效 / invalid）";
  std::string shown = parts->scheme + "://" + parts->authority + parts->path;
  if (!parts->query.empty()) shown += "?…";
  return shown;
}

std::string Masked(const std::string& secret) {
  return secret.empty() ? "（未设置 / not set）" : "******（已设置 / set）";
}

}  // namespace

std::string SmsGatewayConfig::EffectiveEndpoint() const {
  if (!endpoint.empty()) return endpoint;
  if (provider == "tencent") return kDefaultTencentEndpoint;
  if (provider == "alibaba") return kDefaultAlibabaEndpoint;
  return {};
}

void ValidateSmsGatewayConfig(const SmsGatewayConfig& config) {
  if (!KnownProvider(config.provider)) {
    Fail("未知的短信服务商 / unknown provider \"" + config.provider +
         "\" (tencent, alibaba, webhook, dev)");
  }
  for (const auto& [kind, id] : config.templates) {
    if (app::FindSmsKind(kind) == nullptr) {
      Fail("未知的短信类型 / template for an unknown message kind \"" + kind + "\"");
    }
    if (id.empty()) Fail("模板编号为空 / empty template id for \"" + kind + "\"");
  }
  if (config.timeout_ms <= 0 || config.timeout_ms > kMaxTimeoutMs) {
    Fail("timeout_ms 超出范围 / timeout_ms out of range: " + std::to_string(config.timeout_ms));
  }
  if (config.provider.empty() || config.provider == "dev") return;
  auto require = [&](const std::string& value, const char* name, const char* variable) {
    if (value.empty()) {
      Fail(config.provider + " 缺少 " + name + " / " + config.provider + " needs " + name + " (" +
           variable + ")");
    }
  };
  if (config.provider == "webhook") {
    require(config.endpoint, "endpoint", "MINQING_SMS_ENDPOINT");
  } else {
    require(config.secret_id, "secret_id", "MINQING_SMS_SECRET_ID");
    require(config.sign_name, "sign_name", "MINQING_SMS_SIGN_NAME");
  }
  require(config.secret_key, "secret_key", "MINQING_SMS_SECRET_KEY");
  if (config.provider == "tencent") {
    require(config.app_id, "app_id", "MINQING_SMS_APP_ID");
    require(config.region, "region", "MINQING_SMS_REGION");
  }
  const auto url = SplitUrl(config.EffectiveEndpoint());
  if (!url) {
    Fail("endpoint 应为 http(s) 地址 / endpoint must be an http(s) URL without user info: \"" +
         ShownUrl(config.endpoint) + "\"");
  }
  // The cloud signatures cover the query string; theirs carries the parameters alone.
  if (config.provider != "webhook" && !url->query.empty()) {
    Fail("endpoint 不应带查询参数 / the endpoint of " + config.provider +
         " must have no query string");
  }
}

std::vector<std::string> KindsWithoutTemplate(const std::map<std::string, std::string>& templates) {
  std::vector<std::string> missing;
  for (const auto& kind : app::SmsKinds()) {
    if (templates.count(kind.code) == 0) missing.push_back(kind.code);
  }
  return missing;
}

SmsGatewayConfig LoadSmsGatewayConfig(const std::string& file_path,
                                      const std::function<const char*(const char*)>& getenv) {
  SmsGatewayConfig config;
  if (!file_path.empty()) ReadFile(file_path, config);
  ApplyEnvironment(getenv, config);
  ValidateSmsGatewayConfig(config);
  return config;
}

std::string SmsGatewayConfig::Describe() const {
  std::ostringstream out;
  if (provider.empty()) {
    out << "短信通道 / SMS provider: 未配置 / none";
    return out.str();
  }
  out << "短信通道 / SMS provider: " << provider;
  if (provider == "dev") {
    out << "（开发用，不发送 / development, nothing is sent）";
    out << "\n  quiet_hours: " << quiet_hours.ToString();
    return out.str();
  }
  out << "\n  endpoint: " << ShownUrl(EffectiveEndpoint());
  if (provider != "webhook") out << "\n  secret_id: " << Masked(secret_id);
  out << "\n  secret_key: " << Masked(secret_key);
  if (provider != "webhook") out << "\n  sign_name: " << sign_name;
  if (provider == "tencent") out << "\n  app_id: " << app_id << "\n  region: " << region;
  out << "\n  timeout_ms: " << timeout_ms;
  out << "\n  quiet_hours: " << quiet_hours.ToString();
  out << "\n  templates:";
  for (const auto& kind : app::SmsKinds()) {
    const auto found = templates.find(kind.code);
    if (found != templates.end()) {
      out << "\n    " << kind.code << " (" << kind.label << "): " << found->second;
    }
  }
  const std::vector<std::string> missing = KindsWithoutTemplate(templates);
  if (!missing.empty() && provider != "webhook") {
    out << "\n  缺少模板 / missing templates:";
    for (const auto& kind : missing) out << ' ' << kind;
  }
  return out.str();
}

}  // namespace minqing::messaging
