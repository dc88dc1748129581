#include "messaging/sms_config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "app/sms_gateway.hpp"
#include "messaging/sms_gateways.hpp"

namespace minqing::messaging {
namespace {

namespace fs = std::filesystem;

// A stand-in for std::getenv over a map.
class FakeEnvironment {
 public:
  std::map<std::string, std::string> variables;

  std::function<const char*(const char*)> Get() const {
    return [this](const char* name) -> const char* {
      const auto found = variables.find(name);
      return found == variables.end() ? nullptr : found->second.c_str();
    };
  }
};

class SmsConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ =
        fs::temp_directory_path() /
        ("minqing-sms-config-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }

  std::string Write(const std::string& text) {
    const fs::path path = directory_ / "sms.json";
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  // The message of the std::runtime_error that loading throws, or "" when it does not throw.
  std::string LoadError(const std::string& path, const FakeEnvironment& env) {
    try {
      LoadSmsGatewayConfig(path, env.Get());
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "";
  }

  fs::path directory_;
};

constexpr char kTencentFile[] = R"({
  "provider": "tencent",
  "secret_id": "AKIDfile",
  "secret_key": "file-secret-key-123",
  "sign_name": "饶阳县民情",
  "app_id": 1400000001,
  "timeout_ms": 2500,
  "templates": {"signoff_code": 1234567, "visit_code": "7654321"}
})";

TEST_F(SmsConfigTest, ReadsAFileAndAppliesDefaults) {
  FakeEnvironment env;
  const SmsGatewayConfig config = LoadSmsGatewayConfig(Write(kTencentFile), env.Get());
  EXPECT_EQ(config.provider, "tencent");
  EXPECT_EQ(config.endpoint, "");
  EXPECT_EQ(config.EffectiveEndpoint(), "https://sms.tencentcloudapi.com");
  EXPECT_EQ(config.secret_id, "AKIDfile");
  EXPECT_EQ(config.secret_key, "file-secret-key-123");
  EXPECT_EQ(config.sign_name, "饶阳县民情");
  EXPECT_EQ(config.app_id, "1400000001");
  EXPECT_EQ(config.region, "ap-guangzhou");
  EXPECT_EQ(config.timeout_ms, 2500);
  EXPECT_EQ(config.quiet_hours.ToString(), "22:00-08:00");  // The default.
  EXPECT_EQ(config.templates, (std::map<std::string, std::string>{{"signoff_code", "1234567"},
                                                                  {"visit_code", "7654321"}}));
}

TEST_F(SmsConfigTest, EnvironmentOverridesTheFile) {
  FakeEnvironment env;
  env.variables = {
      {"MINQING_SMS_SECRET_KEY", "env-secret-key-456"},
      {"MINQING_SMS_REGION", "ap-beijing"},
      {"MINQING_SMS_TIMEOUT_MS", "800"},
      {"MINQING_SMS_QUIET_HOURS", "off"},
      {"MINQING_SMS_TEMPLATE_SIGNOFF_CODE", "999"},
      {"MINQING_SMS_TEMPLATE_MATTER_OVERDUE", "555"},
      {"MINQING_SMS_SIGN_NAME", ""},  // Set but empty: the file's value stays.
  };
  const SmsGatewayConfig config = LoadSmsGatewayConfig(Write(kTencentFile), env.Get());
  EXPECT_EQ(config.secret_key, "env-secret-key-456");
  EXPECT_EQ(config.secret_id, "AKIDfile");
  EXPECT_EQ(config.region, "ap-beijing");
  EXPECT_EQ(config.timeout_ms, 800);
  EXPECT_TRUE(config.quiet_hours.Off());
  EXPECT_EQ(config.sign_name, "饶阳县民情");
  EXPECT_EQ(config.templates.at("signoff_code"), "999");
  EXPECT_EQ(config.templates.at("visit_code"), "7654321");
  EXPECT_EQ(config.templates.at("matter_overdue"), "555");
}

TEST_F(SmsConfigTest, EnvironmentAloneIsEnough) {
  FakeEnvironment env;
  env.variables = {{"MINQING_SMS_PROVIDER", "alibaba"},
                   {"MINQING_SMS_SECRET_ID", "LTAIenv"},
                   {"MINQING_SMS_SECRET_KEY", "ali-secret"},
                   {"MINQING_SMS_SIGN_NAME", "民情"}};
  const SmsGatewayConfig config = LoadSmsGatewayConfig("", env.Get());
  EXPECT_EQ(config.provider, "alibaba");
  EXPECT_EQ(config.EffectiveEndpoint(), "https://dysmsapi.aliyuncs.com");
  EXPECT_EQ(config.timeout_ms, 5000);
  EXPECT_TRUE(config.templates.empty());
}

TEST_F(SmsConfigTest, NothingConfiguredMeansNoProvider) {
  FakeEnvironment env;
  const SmsGatewayConfig config = LoadSmsGatewayConfig("", env.Get());
  EXPECT_EQ(config.provider, "");
  EXPECT_EQ(MakeSmsGateway(config), nullptr);
  EXPECT_NE(config.Describe().find("none"), std::string::npos);
}

TEST_F(SmsConfigTest, RefusesBadInputWithAClearMessage) {
  FakeEnvironment env;
  std::string error = LoadError(Write("{\"provider\": \"tencent\","), env);
  EXPECT_NE(error.find("JSON"), std::string::npos) << error;
  EXPECT_NE(error.find("sms.json"), std::string::npos) << error;
  // The parser's message would quote the text it read; a malformed secret stays out of it.
  error = LoadError(Write(R"({"provider": "tencent", "secret_key": hunter2-secret})"), env);
  EXPECT_NE(error.find("JSON"), std::string::npos) << error;
  EXPECT_EQ(error.find("hunter2"), std::string::npos) << error;

  error = LoadError(Write(R"({"provider": "carrier-pigeon"})"), env);
  EXPECT_NE(error.find("unknown provider"), std::string::npos) << error;
  EXPECT_NE(error.find("未知"), std::string::npos) << error;

  error = LoadError(Write(R"({"provider": "dev", "templates": {"birthday": "1"}})"), env);
  EXPECT_NE(error.find("unknown message kind \"birthday\""), std::string::npos) << error;

  error = LoadError(Write(R"({"provider": "dev", "secret": "x"})"), env);
  EXPECT_NE(error.find("unknown setting"), std::string::npos) << error;

  error = LoadError(Write(R"({"provider": "dev", "timeout_ms": "fast"})"), env);
  EXPECT_NE(error.find("timeout_ms"), std::string::npos) << error;

  const SmsGatewayConfig night = LoadSmsGatewayConfig(
      Write(R"({"provider": "dev", "quiet_hours": "21:00-07:30"})"), env.Get());
  EXPECT_EQ(night.quiet_hours.ToString(), "21:00-07:30");
  EXPECT_NE(night.Describe().find("21:00-07:30"), std::string::npos) << night.Describe();
  error = LoadError(Write(R"({"provider": "dev", "quiet_hours": "night"})"), env);
  EXPECT_NE(error.find("quiet_hours"), std::string::npos) << error;
  EXPECT_NE(error.find("night"), std::string::npos) << error;

  error = LoadError(Write(R"(["tencent"])"), env);
  EXPECT_NE(error.find("JSON object"), std::string::npos) << error;

  error = LoadError((directory_ / "missing.json").string(), env);
  EXPECT_NE(error.find("cannot read"), std::string::npos) << error;

  env.variables = {{"MINQING_SMS_PROVIDER", "dev"}, {"MINQING_SMS_TIMEOUT_MS", "5s"}};
  error = LoadError("", env);
  EXPECT_NE(error.find("MINQING_SMS_TIMEOUT_MS"), std::string::npos) << error;

  env.variables = {{"MINQING_SMS_PROVIDER", "wechat"}};
  error = LoadError("", env);
  EXPECT_NE(error.find("unknown provider \"wechat\""), std::string::npos) << error;
}

TEST_F(SmsConfigTest, RefusesAProviderWithoutItsCredentials) {
  FakeEnvironment env;
  env.variables = {{"MINQING_SMS_PROVIDER", "tencent"},
                   {"MINQING_SMS_SECRET_ID", "AKID"},
                   {"MINQING_SMS_SIGN_NAME", "民情"},
                   {"MINQING_SMS_APP_ID", "1400"}};
  std::string error = LoadError("", env);
  EXPECT_NE(error.find("MINQING_SMS_SECRET_KEY"), std::string::npos) << error;

  env.variables = {{"MINQING_SMS_PROVIDER", "webhook"}, {"MINQING_SMS_SECRET_KEY", "k"}};
  error = LoadError("", env);
  EXPECT_NE(error.find("MINQING_SMS_ENDPOINT"), std::string::npos) << error;

  env.variables["MINQING_SMS_ENDPOINT"] = "gopher://gateway";
  error = LoadError("", env);
  EXPECT_NE(error.find("http(s) URL"), std::string::npos) << error;

  env.variables = {{"MINQING_SMS_PROVIDER", "alibaba"},
                   {"MINQING_SMS_SECRET_ID", "LTAI"},
                   {"MINQING_SMS_SECRET_KEY", "k"},
                   {"MINQING_SMS_SIGN_NAME", "民情"},
                   {"MINQING_SMS_ENDPOINT", "https://dysmsapi.aliyuncs.com/?Action=x"}};
  error = LoadError("", env);
  EXPECT_NE(error.find("no query string"), std::string::npos) << error;
}

TEST_F(SmsConfigTest, DescribeNeverShowsASecret) {
  FakeEnvironment env;
  env.variables = {{"MINQING_SMS_SECRET_ID", "AKIDsecretidvalue"}};
  const SmsGatewayConfig config = LoadSmsGatewayConfig(Write(kTencentFile), env.Get());
  const std::string text = config.Describe();
  EXPECT_EQ(text.find("file-secret-key-123"), std::string::npos) << text;
  EXPECT_EQ(text.find("AKIDsecretidvalue"), std::string::npos) << text;
  EXPECT_EQ(text.find("AKID"), std::string::npos) << text;
  EXPECT_NE(text.find("tencent"), std::string::npos) << text;
  EXPECT_NE(text.find("https://sms.tencentcloudapi.com"), std::string::npos) << text;
  EXPECT_NE(text.find("signoff_code"), std::string::npos) << text;
  EXPECT_NE(text.find("missing templates"), std::string::npos) << text;
  EXPECT_NE(text.find("matter_overdue"), std::string::npos) << text;

  SmsGatewayConfig webhook;
  webhook.provider = "webhook";
  webhook.endpoint = "https://gw.example.gov.cn/sms?token=tok-in-query";
  webhook.secret_key = "hook-secret";
  const std::string hook_text = webhook.Describe();
  EXPECT_EQ(hook_text.find("tok-in-query"), std::string::npos) << hook_text;
  EXPECT_EQ(hook_text.find("hook-secret"), std::string::npos) << hook_text;
  EXPECT_NE(hook_text.find("https://gw.example.gov.cn/sms?…"), std::string::npos) << hook_text;
}

TEST_F(SmsConfigTest, MakesTheNamedGateway) {
  SmsGatewayConfig config;
  config.provider = "dev";
  auto gateway = MakeSmsGateway(config);
  ASSERT_NE(gateway, nullptr);
  EXPECT_EQ(gateway->Name(), "dev");

  config.provider = "tencent";
  config.secret_id = "AKID";
  config.secret_key = "key";
  config.sign_name = "民情";
  config.app_id = "1400";
  config.templates = {{"signoff_code", "1"}};
  gateway = MakeSmsGateway(config);
  ASSERT_NE(gateway, nullptr);
  EXPECT_EQ(gateway->Name(), "tencent");
  const auto missing = gateway->MissingTemplates();
  EXPECT_EQ(missing.size(), app::SmsKinds().size() - 1);
  EXPECT_EQ(std::count(missing.begin(), missing.end(), "signoff_code"), 0);
  EXPECT_EQ(missing.front(), "visit_code");

  config.provider = "alibaba";
  gateway = MakeSmsGateway(config);
  EXPECT_EQ(gateway->Name(), "alibaba");
  EXPECT_EQ(gateway->MissingTemplates().size(), app::SmsKinds().size() - 1);

  config.provider = "webhook";
  config.endpoint = "http://127.0.0.1:9/sms";
  gateway = MakeSmsGateway(config);
  EXPECT_EQ(gateway->Name(), "webhook");
  EXPECT_TRUE(gateway->MissingTemplates().empty());

  config.provider = "webhook";
  config.endpoint.clear();
  EXPECT_THROW(MakeSmsGateway(config), std::runtime_error);
}

}  // namespace
}  // namespace minqing::messaging
