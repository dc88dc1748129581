// Several server processes on one database (stores opened on the same URL stand for them): on
// PostgreSQL a store hears of another store's commits and advances its generations for the areas
// written, so its caches miss once another process wrote; a rolled-back write announces nothing.
// SQLite deployments run one process, and its stores hear of nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "app/network_store.hpp"
#include "app/registry_store.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

class CrossProcessContractTest : public testing::BackendTest {
 protected:
  // Another process's store on this test's database, listening as `minqing serve` does.
  std::unique_ptr<SqlStore> OtherProcess() {
    auto db = OpenDatabase(url_);
    return std::make_unique<SqlStore>(std::move(db), IsPostgres() ? url_ : std::string());
  }

  // Waits (up to 10 s: a bound for a stuck test, not a speed target) until `done`.
  static bool Eventually(const std::function<bool()>& done) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
      if (std::chrono::steady_clock::now() > until) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
  }

  void WriteRegion(domain::Id id, bool commit) {
    auto tx = store_->Begin();
    testing::AddRegion(*tx, id, std::nullopt, domain::RegionLevel::kCounty,
                       "县" + std::to_string(id), "/" + std::to_string(id) + "/");
    if (commit) tx->Commit();
  }
};

TEST_P(CrossProcessContractTest, AStoreHearsOfTheAreasAnotherStoreWrote) {
  auto other = OtherProcess();
  if (!IsPostgres()) {
    WriteRegion(11, true);
    EXPECT_EQ(other->WriteGeneration(), 0U);
    return;
  }
  // Once listening, the other store counts everything as changed once (what came before the
  // LISTEN was not announced).
  ASSERT_TRUE(Eventually([&] { return other->WriteGeneration() > 0; }));
  const auto registry = other->AreaGeneration(app::DataArea::kRegistry);
  const auto accounts = other->AreaGeneration(app::DataArea::kAccounts);
  const auto all = other->WriteGeneration();

  WriteRegion(12, false);  // Rolled back: announces nothing.
  WriteRegion(13, true);
  ASSERT_TRUE(
      Eventually([&] { return other->AreaGeneration(app::DataArea::kRegistry) > registry; }));
  EXPECT_EQ(other->AreaGeneration(app::DataArea::kRegistry), registry + 1);
  EXPECT_EQ(other->AreaGeneration(app::DataArea::kAccounts), accounts);
  EXPECT_EQ(other->WriteGeneration(), all + 1);

  // A write no cache reads (a network plan) advances only the whole-store generation.
  {
    auto tx = store_->Begin();
    tx->Network().InsertNetworkPlan({"plan-1", 13, "1", "", 1, 2});
    tx->Commit();
  }
  ASSERT_TRUE(Eventually([&] { return other->WriteGeneration() == all + 2; }));
  EXPECT_EQ(other->AreaGeneration(app::DataArea::kRegistry), registry + 1);
  EXPECT_EQ(other->AreaGeneration(app::DataArea::kAccounts), accounts);
}

MINQING_INSTANTIATE_BACKENDS(CrossProcessContractTest);

}  // namespace
}  // namespace minqing::storage
