// The public chain head on a real server (port 0): no login, the head published for the day is
// the one the chain had then, and a later publication the same day keeps it.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "app/audit.hpp"
#include "app/services.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::Call;
using testing::HttpResult;

class ChainHttpTest : public testing::ServerTest {
 protected:
  ChainHttpTest() : ServerTest("minqing_chain_http_") {}

  void SetUp() override {
    ServerTest::SetUp();
    ServerOptions options = testing::TestServerOptions();
    options.address = "127.0.0.1";
    StartServer(options);
  }

  void Audit(domain::Id id) {
    auto tx = services_->store->Begin();
    domain::AuditEntry e;
    e.id = id;
    e.at = NowEpoch();
    e.action = "household.update";
    tx->AppendAudit(e);
    tx->Commit();
  }
};

TEST_F(ChainHttpTest, TheDaysHeadIsPublicAndKeptOncePublished) {
  Audit(1);
  Audit(2);
  HttpResult before = Call(port_, "GET", "/api/v1/public/chain-head");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_TRUE(before.Json()["started"].get<bool>());
  EXPECT_EQ(before.Json()["current"]["seq"].get<int>(), 2);
  EXPECT_TRUE(before.Json()["published"].empty());

  auto published = app::PublishTodaysChainHead(*services_->store, NowEpoch());
  ASSERT_TRUE(published);
  Audit(3);
  app::PublishTodaysChainHead(*services_->store, NowEpoch());
  HttpResult after = Call(port_, "GET", "/api/v1/public/chain-head");
  ASSERT_EQ(after.status, 200) << after.body;
  auto json = after.Json();
  EXPECT_EQ(json["current"]["seq"].get<int>(), 3);
  ASSERT_EQ(json["published"].size(), 1U);
  EXPECT_EQ(json["published"][0]["seq"].get<int>(), 2);
  EXPECT_EQ(json["published"][0]["hash"].get<std::string>(), published->hash);
  EXPECT_EQ(json["published"][0]["hash"].get<std::string>(),
            before.Json()["current"]["hash"].get<std::string>());
  EXPECT_EQ(json["published"][0]["day"].get<std::string>().size(), 10U);
}

}  // namespace
}  // namespace minqing::http
