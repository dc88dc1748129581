// What a Connection promises on both engines about failed statements and writes sent later
// (ExecuteLater), including PostgreSQL's pipelined round trips: order kept, a failure never
// half-stored, a rolled-back transaction's waiting writes discarded, the connection usable after.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "domain/errors.hpp"
#include "storage/connection.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using testing::BackendTest;

class ConnectionContractTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto conn = store_->database().Acquire();
    conn->ExecuteScript("CREATE TABLE probe (id BIGINT PRIMARY KEY, v BIGINT NOT NULL)");
  }

  std::int64_t Count(Connection& conn) {
    return conn.Query("SELECT COUNT(*) FROM probe", {}).at(0).GetInt64(0);
  }
  std::int64_t Count() {
    auto conn = store_->database().Acquire();
    return Count(*conn);
  }
};

TEST_P(ConnectionContractTest, AFailedExecuteIsUndoneAloneAndTheTransactionGoesOn) {
  auto conn = store_->database().Acquire();
  conn->Begin(TxMode::kWrite);
  conn->Execute("INSERT INTO probe (id, v) VALUES ($1, $2)", {std::int64_t{1}, std::int64_t{10}});
  EXPECT_THROW(conn->Execute("INSERT INTO probe (id, v) VALUES ($1, $2)",
                             {std::int64_t{1}, std::int64_t{11}}),
               domain::Conflict);
  EXPECT_EQ(conn->Execute("UPDATE probe SET v = v + 1 WHERE id = $1", {std::int64_t{1}}), 1);
  conn->Commit();
  EXPECT_EQ(conn->Query("SELECT v FROM probe WHERE id = 1", {}).at(0).GetInt64(0), 11);
}

TEST_P(ConnectionContractTest, LaterWritesRunInOrderBeforeTheNextRead) {
  auto conn = store_->database().Acquire();
  conn->Begin(TxMode::kWrite);
  conn->ExecuteLater("INSERT INTO probe (id, v) VALUES ($1, $2)",
                     {std::int64_t{1}, std::int64_t{1}});
  conn->ExecuteLater("UPDATE probe SET v = $2 WHERE id = $1", {std::int64_t{1}, std::int64_t{2}});
  EXPECT_EQ(conn->Query("SELECT v FROM probe WHERE id = 1", {}).at(0).GetInt64(0), 2);
  conn->ExecuteLater("UPDATE probe SET v = v * 10 WHERE id = $1", {std::int64_t{1}});
  EXPECT_EQ(conn->Execute("UPDATE probe SET v = v + 1 WHERE id = $1", {std::int64_t{1}}), 1);
  conn->Commit();
  EXPECT_EQ(Count(*conn), 1);
  EXPECT_EQ(conn->Query("SELECT v FROM probe WHERE id = 1", {}).at(0).GetInt64(0), 21);
}

TEST_P(ConnectionContractTest, ManyLaterWritesAreAllStored) {
  constexpr std::int64_t kRows = 1000;  // More than PostgreSQL keeps waiting at once.
  auto conn = store_->database().Acquire();
  conn->Begin(TxMode::kWrite);
  for (std::int64_t id = 1; id <= kRows; ++id) {
    conn->ExecuteLater("INSERT INTO probe (id, v) VALUES ($1, $2)", {id, id});
  }
  conn->Commit();
  EXPECT_EQ(Count(*conn), kRows);
  EXPECT_EQ(conn->Query("SELECT SUM(v) FROM probe", {}).at(0).GetInt64(0), kRows * (kRows + 1) / 2);
}

TEST_P(ConnectionContractTest, AFailedLaterWriteFailsTheTransactionAndStoresNothing) {
  auto conn = store_->database().Acquire();
  conn->Begin(TxMode::kWrite);
  bool failed = false;
  try {
    conn->Execute("INSERT INTO probe (id, v) VALUES ($1, $2)", {std::int64_t{1}, std::int64_t{1}});
    conn->ExecuteLater("INSERT INTO probe (id, v) VALUES ($1, $2)",
                       {std::int64_t{2}, std::int64_t{2}});
    conn->ExecuteLater("INSERT INTO probe (id, v) VALUES ($1, $2)",
                       {std::int64_t{2}, std::int64_t{3}});
    conn->ExecuteLater("INSERT INTO probe (id, v) VALUES ($1, $2)",
                       {std::int64_t{3}, std::int64_t{3}});
    conn->Commit();
  } catch (const domain::Conflict&) {
    failed = true;
    conn->Rollback();
  }
  EXPECT_TRUE(failed);
  EXPECT_EQ(Count(*conn), 0);
  // The connection carries on.
  conn->Begin(TxMode::kWrite);
  conn->ExecuteLater("INSERT INTO probe (id, v) VALUES ($1, $2)",
                     {std::int64_t{4}, std::int64_t{4}});
  conn->Commit();
  EXPECT_EQ(Count(*conn), 1);
}

TEST_P(ConnectionContractTest, AFailedLaterWriteIsReportedByTheNextRead) {
  auto conn = store_->database().Acquire();
  conn->Begin(TxMode::kWrite);
  // SQLite reports it at once; PostgreSQL with the read it travels with.
  EXPECT_THROW(
      {
        conn->ExecuteLater("INSERT INTO probe (id, v) VALUES ($1, NULL)", {std::int64_t{1}});
        conn->ExecuteLater("INSERT INTO probe (id, v) VALUES ($1, $2)",
                           {std::int64_t{2}, std::int64_t{2}});
        static_cast<void>(conn->Query("SELECT COUNT(*) FROM probe", {}));
      },
      domain::InvalidInput);
  conn->Rollback();
  EXPECT_EQ(Count(), 0);
}

TEST_P(ConnectionContractTest, RollbackDiscardsWaitingWritesAndTheConnectionGoesOn) {
  auto conn = store_->database().Acquire();
  conn->Begin(TxMode::kWrite);
  conn->ExecuteLater("INSERT INTO probe (id, v) VALUES ($1, $2)",
                     {std::int64_t{1}, std::int64_t{1}});
  conn->Rollback();
  conn->Begin(TxMode::kRead);
  EXPECT_EQ(Count(*conn), 0);
  conn->Rollback();
  // A write transaction right after a read one's rollback, and a statement outside both.
  conn->Begin(TxMode::kWrite);
  conn->Execute("INSERT INTO probe (id, v) VALUES ($1, $2)", {std::int64_t{2}, std::int64_t{2}});
  conn->Rollback();
  conn->Execute("INSERT INTO probe (id, v) VALUES ($1, $2)", {std::int64_t{3}, std::int64_t{3}});
  EXPECT_EQ(Count(*conn), 1);
  conn->Begin(TxMode::kRead);
  conn->Rollback();
  EXPECT_EQ(Count(), 1);
}

TEST_P(ConnectionContractTest, ACommittedWriteIsSeenByAnotherConnectionAtOnce) {
  auto writer = store_->database().Acquire();
  auto reader = store_->database().Acquire();
  writer->Begin(TxMode::kWrite);
  writer->ExecuteLater("INSERT INTO probe (id, v) VALUES ($1, $2)",
                       {std::int64_t{1}, std::int64_t{1}});
  reader->Begin(TxMode::kRead);
  EXPECT_EQ(Count(*reader), 0);
  reader->Rollback();
  writer->Commit();
  reader->Begin(TxMode::kRead);
  EXPECT_EQ(Count(*reader), 1);
  reader->Rollback();
}

// CommitAndRead: the read runs after the commit and its failure is not the commit's; a failed
// write waiting before the commit fails the whole and stores nothing; the connection carries on.
TEST_P(ConnectionContractTest, CommitAndReadReadsAfterTheCommitAndItsFailureIsNotTheCommits) {
  auto conn = store_->database().Acquire();
  auto other = store_->database().Acquire();
  const std::string count = "SELECT CAST(COUNT(*) AS TEXT) FROM probe";
  conn->Begin(TxMode::kWrite);
  conn->ExecuteLater("INSERT INTO probe (id, v) VALUES ($1, $2)",
                     {std::int64_t{1}, std::int64_t{1}});
  EXPECT_EQ(conn->CommitAndRead("minqing_test", "1", count).value_or("none"), "1");
  EXPECT_EQ(Count(*other), 1);

  conn->Begin(TxMode::kWrite);
  conn->ExecuteLater("INSERT INTO probe (id, v) VALUES ($1, $2)",
                     {std::int64_t{2}, std::int64_t{2}});
  EXPECT_EQ(conn->CommitAndRead("minqing_test", "1", "SELECT v FROM no_such_table"), std::nullopt);
  EXPECT_EQ(Count(*other), 2);  // Committed all the same.
  conn->Begin(TxMode::kWrite);
  EXPECT_EQ(conn->CommitAndRead("minqing_test", "1", "SELECT NULL"), std::nullopt);

  conn->Begin(TxMode::kWrite);
  bool failed = false;
  try {
    conn->ExecuteLater("INSERT INTO probe (id, v) VALUES ($1, $2)",
                       {std::int64_t{3}, std::int64_t{3}});
    conn->ExecuteLater("INSERT INTO probe (id, v) VALUES ($1, $2)",
                       {std::int64_t{1}, std::int64_t{3}});
    conn->CommitAndRead("minqing_test", "1", count);
  } catch (const domain::Conflict&) {
    failed = true;
    conn->Rollback();
  }
  EXPECT_TRUE(failed);
  EXPECT_EQ(Count(*other), 2);
  EXPECT_EQ(Count(*conn), 2);
}

// A list's plan at a province's size is costed above jit_above_cost; compiling it cost more than
// running it, so minqing's PostgreSQL sessions run without JIT (SQLite has none).
TEST_P(ConnectionContractTest, PostgresSessionsRunWithoutJit) {
  auto conn = store_->database().Acquire();
  if (conn->dialect() != Dialect::kPostgres) GTEST_SKIP() << "SQLite compiles no plan";
  EXPECT_EQ(conn->Query("SHOW jit", {}).at(0).GetText(0), "off");
  auto second = store_->database().Acquire();
  EXPECT_EQ(second->Query("SHOW jit", {}).at(0).GetText(0), "off");
}

MINQING_INSTANTIATE_BACKENDS(ConnectionContractTest);

}  // namespace
}  // namespace minqing::storage
