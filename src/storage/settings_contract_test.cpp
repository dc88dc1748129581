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

// Two server processes ("a", "b") on one database: one holds the lease at a time; its holder
// renews it; the other takes it over only once it has expired; a rolled-back take leaves nothing.
TEST_P(SettingsContractTest, AJobLeaseHasOneHolderUntilItExpires) {
  auto take = [&](const char* holder, domain::Epoch now, domain::Epoch until) {
    auto tx = store_->Begin();
    const bool held = tx->Settings().TakeJobLease("escalation", holder, now, until);
    tx->Commit();
    return held;
  };
  EXPECT_TRUE(take("a", 1000, 1180));
  EXPECT_FALSE(take("b", 1001, 1181));
  EXPECT_TRUE(take("a", 1060, 1240));   // Renewed by its holder.
  EXPECT_FALSE(take("b", 1239, 1419));  // Not yet expired.
  EXPECT_TRUE(take("b", 1240, 1420));   // Expired: taken over.
  EXPECT_FALSE(take("a", 1300, 1480));
  {
    auto tx = store_->Begin();
    EXPECT_TRUE(tx->Settings().TakeJobLease("reports", "a", 1300, 1480));  // Another job.
  }
  auto tx = store_->Begin();
  EXPECT_TRUE(tx->Settings().TakeJobLease("reports", "b", 1300, 1480));  // The take rolled back.
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
