// A kSoleWrite transaction on SQLite (connection.hpp): alone with the file it writes through a
// rollback journal and leaves the file in WAL mode when it ends, committed or rolled back; with
// another connection open it stays in WAL mode without waiting for that connection, and the
// other connection keeps reading.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "storage/sqlite/sqlite_connection.hpp"

namespace minqing::storage {
namespace {

class SqliteSoleWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("minqing-sole-write-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "sole.db").string();
    SqliteConnection setup(path_);
    setup.ExecuteScript("CREATE TABLE t (x INTEGER)");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::string JournalMode(SqliteConnection& conn) {
    return conn.Query("PRAGMA journal_mode", {}).at(0).GetText(0);
  }
  static std::int64_t Count(SqliteConnection& conn) {
    return conn.Query("SELECT COUNT(*) FROM t", {}).at(0).GetInt64(0);
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(SqliteSoleWriteTest, AloneItWritesThroughARollbackJournalAndReturnsToWal) {
  SqliteConnection conn(path_);
  conn.Begin(TxMode::kSoleWrite);
  EXPECT_EQ(JournalMode(conn), "delete");
  conn.Execute("INSERT INTO t VALUES (1)", {});
  conn.Commit();
  EXPECT_EQ(JournalMode(conn), "wal");
  EXPECT_EQ(Count(conn), 1);

  conn.Begin(TxMode::kSoleWrite);
  conn.Execute("INSERT INTO t VALUES (2)", {});
  conn.Rollback();
  EXPECT_EQ(JournalMode(conn), "wal");
  EXPECT_EQ(Count(conn), 1);

  // A plain write transaction never leaves WAL.
  conn.Begin(TxMode::kWrite);
  EXPECT_EQ(JournalMode(conn), "wal");
  conn.Rollback();
}

TEST_F(SqliteSoleWriteTest, WithAnotherConnectionOpenItStaysInWal) {
  SqliteConnection writer(path_);
  SqliteConnection reader(path_);
  EXPECT_EQ(Count(reader), 0);
  writer.Begin(TxMode::kSoleWrite);
  EXPECT_EQ(JournalMode(writer), "wal");
  writer.Execute("INSERT INTO t VALUES (1)", {});
  // WAL lets the other connection read its snapshot while the write is open.
  EXPECT_EQ(Count(reader), 0);
  writer.Commit();
  EXPECT_EQ(Count(reader), 1);
  EXPECT_EQ(JournalMode(writer), "wal");
}

}  // namespace
}  // namespace minqing::storage
