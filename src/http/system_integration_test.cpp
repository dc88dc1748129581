// The public URL (对外网址) over HTTP on a real server (port 0): only administrators read and set
// it; a bad value is refused with its reason and changes nothing; a change is audited with before
// and after and reaches the health answer and the contact cards' QR links at once; a value pinned
// by `serve --public-url` cannot be changed from the browser.
#include <gtest/gtest.h>

#include "app/audit.hpp"
#include "app/services.hpp"
#include "http/api.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;

constexpr char kPassword[] = "system-test-pw1";

class SystemHttpTest : public testing::ServerTest {
 protected:
  SystemHttpTest() : ServerTest("minqing_system_http_") {}

  void SetUp() override {
    ServerTest::SetUp();
    app::Actor system = app::SystemActor(NowEpoch());
    for (const char* role : {"admin", "leader"}) {
      app::UserInput user;
      user.username = role;
      user.display_name = role;
      user.role = role;
      user.password = kPassword;
      services_->auth.CreateUser(system, user);
    }
    StartServer();
  }

  HttpResult Put(const std::string& token, const std::string& url) {
    return SendAs("PUT", "/api/v1/system/public-url", token,
                  nlohmann::json{{"public_url", url}}.dump());
  }

  // The health answer's public_url; empty while unset (the browser then uses its own address).
  std::string Health() {
    return testing::Call(port_, "GET", "/api/v1/health").Json().value("public_url", "");
  }
};

TEST_F(SystemHttpTest, AnAdministratorSetsItAndEveryLinkFollows) {
  std::string admin = LoginAs("admin", kPassword);
  HttpResult unset = SendAs("GET", "/api/v1/system/public-url", admin);
  ASSERT_EQ(unset.status, 200) << unset.body;
  EXPECT_EQ(unset.Json()["source"], "unset");
  EXPECT_TRUE(unset.Json()["loopback"].get<bool>());
  EXPECT_EQ(unset.Json()["public_url"], std::string(app::PublicLinks::kDefaultBase));

  HttpResult set = Put(admin, " HTTPS://MinQing.Example.gov.cn/ ");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json()["public_url"], "https://minqing.example.gov.cn");
  EXPECT_EQ(set.Json()["source"], "setting");
  EXPECT_FALSE(set.Json()["loopback"].get<bool>());
  EXPECT_EQ(Health(), "https://minqing.example.gov.cn");
  EXPECT_EQ(services_->links.Url("/h/ABCD2345"), "https://minqing.example.gov.cn/h/ABCD2345");

  auto audit = services_->store->BeginRead()->ListAudit({"setting", std::nullopt, std::nullopt},
                                                        {0, 10, ""});
  ASSERT_EQ(audit.items.size(), 1u);
  EXPECT_EQ(audit.items[0].action, "settings.public_url");
  EXPECT_EQ(audit.items[0].before_json, R"({"public_url":""})");
  EXPECT_NE(audit.items[0].after_json.find("https://minqing.example.gov.cn"), std::string::npos);
}

TEST_F(SystemHttpTest, BadValuesAreRefusedWithTheReasonAndChangeNothing) {
  std::string admin = LoginAs("admin", kPassword);
  ASSERT_EQ(Put(admin, "https://minqing.example.gov.cn").status, 200);
  for (const char* bad : {"minqing.example.gov.cn", "https://minqing.example.gov.cn/app",
                          "https://minqing.example.gov.cn?x=1", "ftp://minqing.example.gov.cn",
                          "https://user@minqing.example.gov.cn", ""}) {
    HttpResult refused = Put(admin, bad);
    ExpectProblem(refused, 400, "settings.bad_public_url");
    EXPECT_NE(refused.body.find("对外网址不正确"), std::string::npos) << refused.body;
  }
  EXPECT_EQ(Health(), "https://minqing.example.gov.cn");
}

TEST_F(SystemHttpTest, OnlyAdministratorsReadOrChangeIt) {
  std::string leader = LoginAs("leader", kPassword);
  ExpectProblem(SendAs("GET", "/api/v1/system/public-url", leader), 403, "auth.forbidden");
  ExpectProblem(Put(leader, "https://evil.example.com"), 403, "auth.forbidden");
  ExpectProblem(Put("", "https://evil.example.com"), 401, "auth.required");
  EXPECT_EQ(Health(), "");
  EXPECT_EQ(services_->links.Info().stored, "");
}

TEST_F(SystemHttpTest, OnlyAdministratorsSeeTheMonthPartitions) {
  std::string admin = LoginAs("admin", kPassword);
  HttpResult view = SendAs("GET", "/api/v1/system/partitions", admin);
  ASSERT_EQ(view.status, 200) << view.body;
  EXPECT_EQ(view.Json()["engine"], services_->store->Engine());
  EXPECT_EQ(view.Json()["items"].size(), services_->store->MonthPartitions().size());
  std::string leader = LoginAs("leader", kPassword);
  ExpectProblem(SendAs("GET", "/api/v1/system/partitions", leader), 403, "auth.forbidden");
  ExpectProblem(SendAs("GET", "/api/v1/system/partitions", ""), 401, "auth.required");
}

TEST_F(SystemHttpTest, AFlagPinsItAndStoresIt) {
  services_->links.Pin("https://pinned.example.gov.cn", NowEpoch());
  std::string admin = LoginAs("admin", kPassword);
  HttpResult info = SendAs("GET", "/api/v1/system/public-url", admin);
  EXPECT_EQ(info.Json()["source"], "flag");
  ExpectProblem(Put(admin, "https://other.example.gov.cn"), 409, "settings.public_url_pinned");
  EXPECT_EQ(Health(), "https://pinned.example.gov.cn");
  // Stored: another process (doctor, a CLI command) reads the same base.
  app::PublicLinks other(*services_->store);
  EXPECT_EQ(other.Base(), "https://pinned.example.gov.cn");
  EXPECT_EQ(other.Info().source, app::PublicUrlSource::kSetting);
  EXPECT_THROW(services_->links.Pin("https://bad.example.gov.cn/path", NowEpoch()),
               domain::InvalidInput);
}

}  // namespace
}  // namespace minqing::http
