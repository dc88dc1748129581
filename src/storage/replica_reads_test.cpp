// Read replicas (SqlStore with a replica URL, ReplicaReads): WAL positions as pg_lsn prints them,
// fences, reads that fall back to the primary when the replica is down, and the fences a store
// keeps after its commits. A real streaming replica (replay paused and resumed, the replica
// stopped) is exercised end to end by scripts/replica_test.sh (ctest cli_replica).
#include "storage/replica_reads.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

TEST(WalPositionTest, ReadsBothHexadecimalHalves) {
  EXPECT_EQ(ParseWalPosition("0/0"), 0U);
  EXPECT_EQ(ParseWalPosition("0/16B3748"), 0x16B3748U);
  EXPECT_EQ(ParseWalPosition("16/B374D848"), (0x16ULL << 32) | 0xB374D848ULL);
  EXPECT_EQ(ParseWalPosition("FFFFFFFF/FFFFFFFF"), ~0ULL);
  // The order of positions is the order of the numbers: the low half never carries over.
  EXPECT_LT(*ParseWalPosition("0/FFFFFFFF"), *ParseWalPosition("1/0"));
}

TEST(WalPositionTest, RefusesWhatIsNoPosition) {
  for (const char* text : {"", "/", "0/", "/0", "16B3748", "0/16B3748 ", "g/0", "0/-1",
                           "100000000/0", "0/100000000", "1//2"}) {
    EXPECT_EQ(ParseWalPosition(text), std::nullopt) << text;
  }
}

TEST(ReadFenceTest, AReplicaPassesAFenceOnceItHasReplayedUpToIt) {
  const app::ReadFence fence{1000};
  EXPECT_FALSE(fence.PassedBy(999));
  EXPECT_TRUE(fence.PassedBy(1000));
  EXPECT_TRUE(fence.PassedBy(1001));
  EXPECT_TRUE(app::ReadFence{}.PassedBy(0));  // No fence: any replica.
  EXPECT_EQ(app::ReadFence::Later({5}, {9}).position, 9U);
  EXPECT_EQ(app::ReadFence::Later({9}, {5}).position, 9U);
}

class ReplicaReadsContractTest : public testing::BackendTest {};

TEST_P(ReplicaReadsContractTest, WithoutAReplicaReplicaReadsAreThePrimarysReads) {
  {
    auto tx = store_->Begin();
    testing::AddRegion(*tx, 21, std::nullopt, domain::RegionLevel::kCounty, "县", "/21/");
    tx->Commit();
  }
  EXPECT_EQ(store_->LatestFence().position, 0U);
  auto read = store_->BeginReplicaRead(app::ReadFence{~0ULL});
  EXPECT_TRUE(read->Registry().FindRegion(21).has_value());
}

TEST_P(ReplicaReadsContractTest, AReplicaNeedsPostgresql) {
  if (IsPostgres()) {
    EXPECT_THROW(app::OpenStore(url_, "replica.db"), domain::InvalidInput);
    return;
  }
  EXPECT_THROW(SqlStore(OpenDatabase(url_), "", "postgresql:///x?host=/nowhere"),
               domain::InvalidInput);
  EXPECT_THROW(app::OpenStore(url_, "postgresql:///x?host=/nowhere"), domain::InvalidInput);
}

TEST_P(ReplicaReadsContractTest, EachCommitMovesTheFenceToThePrimarysPosition) {
  if (!IsPostgres()) GTEST_SKIP() << "replicas are PostgreSQL's";
  // The primary itself as the "replica": a server not in recovery has replayed all it wrote.
  SqlStore store(OpenDatabase(url_), "", url_);
  auto write = [&](domain::Id id) {
    auto tx = store.Begin();
    testing::AddRegion(*tx, id, std::nullopt, domain::RegionLevel::kCounty, "县",
                       "/" + std::to_string(id) + "/");
    tx->Commit();
  };
  write(31);
  const app::ReadFence first = store.LatestFence();
  EXPECT_GT(first.position, 0U);
  write(32);
  const app::ReadFence second = store.LatestFence();
  EXPECT_GT(second.position, first.position);

  auto read = store.BeginReplicaRead(second);
  EXPECT_TRUE(read->Registry().FindRegion(32).has_value());
  EXPECT_EQ(store.replica()->reads(), 1U);
  // A fence beyond anything written: the replica cannot have it, the primary answers.
  auto ahead = store.BeginReplicaRead(app::ReadFence{second.position + (1ULL << 40)});
  EXPECT_TRUE(ahead->Registry().FindRegion(32).has_value());
  EXPECT_EQ(store.replica()->behind(), 1U);
  EXPECT_EQ(store.replica()->reads(), 1U);
}

TEST_P(ReplicaReadsContractTest, AnUnreachableReplicaLeavesReadsToThePrimary) {
  if (!IsPostgres()) GTEST_SKIP() << "replicas are PostgreSQL's";
  // Nothing listens on port 1 of a directory that does not exist.
  SqlStore store(OpenDatabase(url_), "", "postgresql:///none?host=/nonexistent-minqing&port=1");
  {
    auto tx = store.Begin();
    testing::AddRegion(*tx, 41, std::nullopt, domain::RegionLevel::kCounty, "县", "/41/");
    tx->Commit();
  }
  for (int i = 0; i < 3; ++i) {
    auto read = store.BeginReplicaRead({});
    EXPECT_TRUE(read->Registry().FindRegion(41).has_value());
  }
  EXPECT_EQ(store.replica()->reads(), 0U);
  EXPECT_EQ(store.replica()->down(), 3U);
}

MINQING_INSTANTIATE_BACKENDS(ReplicaReadsContractTest);

}  // namespace
}  // namespace minqing::storage
