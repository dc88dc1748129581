// GET /api/v1/codes on a real server (port 0): no login, every domain table with Chinese and
// English labels in the domain's order, and an ETag that a repeat request turns into a 304.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "app/services.hpp"
#include "domain/code_tables.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "http/test_client.hpp"

namespace minqing::http {
namespace {

using testing::Call;
using testing::HttpResult;

class CodesHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = std::filesystem::temp_directory_path() /
           ("minqing_codes_http_" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(dir_);
    services_ = std::make_unique<app::Services>(app::OpenStore((dir_ / "db.sqlite").string()));
    ServerOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.io_threads = 1;
    options.worker_threads = 2;
    server_ = std::make_unique<Server>(*services_, options);
    port_ = server_->Start();
  }
  void TearDown() override {
    server_.reset();
    services_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<app::Services> services_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
};

TEST_F(CodesHttpTest, TablesArePublicWithBothLanguages) {
  HttpResult result = Call(port_, "GET", "/api/v1/codes");
  ASSERT_EQ(result.status, 200) << result.body;
  auto json = result.Json();
  ASSERT_TRUE(json["kinds"].is_object()) << result.body;

  auto statuses = json["kinds"]["matter_status"];
  ASSERT_EQ(statuses.size(), 7U);
  EXPECT_EQ(statuses[6]["code"], "parked");
  EXPECT_EQ(statuses[6]["label"], "已挂账");
  EXPECT_EQ(statuses[0]["code"], "accepted");
  EXPECT_EQ(statuses[0]["label"], "已受理");
  EXPECT_EQ(statuses[0]["label_en"], "Accepted");
  auto roles = json["kinds"]["role"];
  ASSERT_FALSE(roles.empty());
  EXPECT_EQ(roles[0]["code"], "admin");
  EXPECT_EQ(roles[0]["label"], "系统管理员");
  EXPECT_EQ(roles[0]["label_en"], "Administrator");

  // Every kind of the domain, row for row.
  EXPECT_EQ(json["kinds"].size(), domain::CodeTables().size());
  for (const auto& kind : domain::CodeTables()) {
    auto rows = json["kinds"][std::string(kind.kind)];
    ASSERT_EQ(rows.size(), kind.rows.size()) << kind.kind;
    for (std::size_t i = 0; i < kind.rows.size(); ++i) {
      EXPECT_EQ(rows[i]["code"], std::string(kind.rows[i].code));
      EXPECT_EQ(rows[i]["label"], std::string(kind.rows[i].label_zh));
      EXPECT_EQ(rows[i]["label_en"], std::string(kind.rows[i].label_en));
    }
  }
}

TEST_F(CodesHttpTest, TheETagSavesTheBodyOnARepeat) {
  HttpResult first = Call(port_, "GET", "/api/v1/codes");
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.Header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(first.Header("cache-control"), "no-cache");
  EXPECT_EQ(first.headers.count("cache-control"), 1U);

  HttpResult again = Call(port_, "GET", "/api/v1/codes", "", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.Header("etag"), etag);

  HttpResult other = Call(port_, "GET", "/api/v1/codes", "", {{"If-None-Match", "\"stale\""}});
  EXPECT_EQ(other.status, 200);
  EXPECT_EQ(other.body, first.body);
}

TEST_F(CodesHttpTest, OtherAnswersStayUncached) {
  HttpResult health = Call(port_, "GET", "/api/v1/health");
  ASSERT_EQ(health.status, 200);
  EXPECT_EQ(health.Header("cache-control"), "no-store");
}

}  // namespace
}  // namespace minqing::http
