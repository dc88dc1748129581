// The request limits every server process shares (SharedRequestLimits over request_windows), on
// every backend (SQLite, and PostgreSQL when MINQING_TEST_PG_URL names a server).
#include <gtest/gtest.h>

#include "app/request_limits.hpp"
#include "storage/test_backends.hpp"

namespace minqing::app {
namespace {

class RequestLimitsContractTest : public storage::testing::BackendTest {};

// Two server processes on one database count one suggestion box: 5 requests in a 150 s window
// from one address, however they are spread over the two; another address and the next window
// count afresh; a rolled-back count counts nothing; the windows that are over are pruned.
TEST_P(RequestLimitsContractTest, AreSharedByEveryProcess) {
  storage::SqlStore other(storage::OpenDatabase(url_));
  SharedRequestLimits a(*store_);
  SharedRequestLimits b(other);
  const SharedLimit limit = SharedLimitOf(2, 5);
  ASSERT_EQ(limit.limit, 5);
  ASSERT_EQ(limit.window_seconds, 150);
  const domain::Epoch start = 1700000100;  // A window's start: 1700000100 % 150 == 0.
  ASSERT_EQ(start % 150, 0);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ((i % 2 == 0 ? a : b).Admit("suggestion", "10.0.0.1", limit, start + i), 0) << i;
  }
  EXPECT_EQ(b.Admit("suggestion", "10.0.0.1", limit, start + 10), 140);
  EXPECT_EQ(a.Admit("suggestion", "10.0.0.1", limit, start + 149), 1);
  EXPECT_EQ(a.Admit("suggestion", "10.0.0.2", limit, start + 10), 0);
  EXPECT_EQ(a.Admit("open311-key", "10.0.0.1", limit, start + 10), 0);
  EXPECT_EQ(b.Admit("suggestion", "10.0.0.1", limit, start + 150), 0);  // The next window.
  EXPECT_EQ(a.Admit("suggestion", "10.0.0.1", {}, start + 11), 0);      // A limit turned off.
  {
    auto tx = store_->Begin();
    EXPECT_EQ(tx->Settings().CountRequest("k", start), 1);
    EXPECT_EQ(tx->Settings().CountRequest("k", start), 2);
  }
  {
    auto tx = store_->Begin();
    EXPECT_EQ(tx->Settings().CountRequest("k", start), 1);  // The counts above rolled back.
    tx->Commit();
  }
  EXPECT_EQ(a.Prune(start + 150 + 24 * 3600), 4);  // The first window: three limits and "k".
  EXPECT_EQ(b.Admit("suggestion", "10.0.0.1", limit, start + 151), 0);
  auto tx = store_->Begin();
  EXPECT_EQ(tx->Settings().PruneRequestWindows(start + 151), 1);
}

MINQING_INSTANTIATE_BACKENDS(RequestLimitsContractTest);

}  // namespace
}  // namespace minqing::app
