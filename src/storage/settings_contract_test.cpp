// The deployment settings (site_settings) and InspectStore on every backend: a setting is absent
// until put, replaced by the next put, kept only when the transaction commits; InspectStore sees a
// migrated database with its stored public URL, and never creates a missing SQLite file.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/store_status.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

class SettingsContractTest : public testing::BackendTest {};

TEST_P(SettingsContractTest, PutReplacesAndOnlyCommittedValuesStay) {
  {
    auto tx = store_->BeginRead();
    EXPECT_FALSE(tx->Settings().FindSetting("public_url"));
  }
  {
    auto tx = store_->Begin();
    tx->Settings().PutSetting("public_url", "https://a.example.gov.cn", 1700000000, std::nullopt);
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    tx->Settings().PutSetting("public_url", "https://b.example.gov.cn", 1700000001, 42);
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    tx->Settings().PutSetting("public_url", "https://rolled-back.example.gov.cn", 1700000002, 42);
  }
  auto tx = store_->BeginRead();
  EXPECT_EQ(tx->Settings().FindSetting("public_url").value_or(""), "https://b.example.gov.cn");
  EXPECT_FALSE(tx->Settings().FindSetting("other"));
}

TEST_P(SettingsContractTest, InspectStoreReadsWithoutChanging) {
  {
    auto tx = store_->Begin();
    tx->Settings().PutSetting("public_url", "https://minqing.example.gov.cn", 1700000000, 1);
    tx->Commit();
  }
  app::StoreStatus status = app::InspectStore(url_);
  ASSERT_TRUE(status.reachable) << status.error;
  EXPECT_EQ(status.engine, IsPostgres() ? "postgresql" : "sqlite");
  EXPECT_TRUE(status.pending.empty());
  EXPECT_EQ(status.newest_applied, status.newest_known);
  EXPECT_GE(status.newest_known, 32);
  EXPECT_EQ(status.public_url, "https://minqing.example.gov.cn");
  if (!IsPostgres()) {
    std::string missing = (dir_ / "missing.db").string();
    app::StoreStatus none = app::InspectStore(missing);
    EXPECT_FALSE(none.reachable);
    EXPECT_NE(none.error.find("数据库文件不存在"), std::string::npos) << none.error;
    EXPECT_FALSE(std::filesystem::exists(missing));
  }
}

MINQING_INSTANTIATE_BACKENDS(SettingsContractTest);

}  // namespace
}  // namespace minqing::storage
