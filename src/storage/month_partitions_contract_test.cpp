// PostgreSQL's month partitions of matters, matter_events and audit_log (V062): the months the
// migration made, more made on demand and never twice, a row of a month without a partition
// refused whole, foreign keys and the audit log's append-only rule kept on every partition.
// SQLite partitions nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <string>

#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "storage/connection.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using testing::BackendTest;

domain::Epoch WallClock() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class MonthPartitionsContractTest : public BackendTest {
 protected:
  std::map<std::string, std::set<std::string>> MonthsByTable() {
    std::map<std::string, std::set<std::string>> out;
    for (const auto& p : store_->MonthPartitions()) out[p.table].insert(p.month);
    return out;
  }
  std::int64_t Count(const std::string& sql) {
    auto conn = store_->database().Acquire();
    return conn->Query(sql, {}).at(0).GetInt64(0);
  }
  // "YYYY-MM" of the first monthly partition the migration made (the current month).
  std::string FirstMonth(const std::string& table) {
    for (const auto& p : store_->MonthPartitions()) {
      if (p.table == table && !p.month.empty()) return p.month;
    }
    return "";
  }
  void InsertMatterRow(Connection& conn, domain::Id id, const std::string& number) {
    conn.Execute(
        "INSERT INTO regions (id, parent_id, level, name, code, path) "
        "SELECT 1, NULL, 1, '青县', '130922000000', '/1/' "
        "WHERE NOT EXISTS (SELECT 1 FROM regions WHERE id = 1)",
        {});
    conn.Execute(
        "INSERT INTO matters (id, number, type, channel, urgency, status, region_id, "
        "region_path, accepted_by, accepted_at, response_due_at, due_at, updated_at) "
        "VALUES ($1, $2, 2, 1, 1, 1, 1, '/1/', 7, 1780000000, 1780003600, 1780086400, "
        "1780000000)",
        {id, number});
  }
};

TEST_P(MonthPartitionsContractTest, TheMigrationMakesTheEarlyPartThisMonthAndThreeAhead) {
  if (!IsPostgres()) {
    EXPECT_TRUE(store_->MonthPartitions().empty());
    EXPECT_EQ(store_->EnsureMonthPartitions(WallClock(), 6), 0);
    return;
  }
  auto months = MonthsByTable();
  ASSERT_EQ(months.size(), 3U);
  for (const char* table : {"matters", "matter_events", "audit_log"}) {
    // The early partition ("") and four months: this one and three ahead.
    EXPECT_EQ(months[table].size(), 5U) << table;
    EXPECT_EQ(months[table].count(""), 1U) << table;
  }
  // Two more months ahead: two partitions a table, made once.
  EXPECT_EQ(store_->EnsureMonthPartitions(WallClock(), 5), 6);
  EXPECT_EQ(store_->EnsureMonthPartitions(WallClock(), 5), 0);
  EXPECT_EQ(MonthsByTable()["matters"].size(), 7U);
  // Every month of matters, those the migrations made and those made since, keeps its table's
  // statistics target for the region path (V068: PostgreSQL's default, -1; V066's 1,000 made
  // planning a list over every month cost more than running it).
  EXPECT_EQ(Count("SELECT COUNT(*) FROM pg_inherits i JOIN pg_attribute a ON a.attrelid = "
                  "i.inhrelid AND a.attname = 'region_path' WHERE i.inhparent = "
                  "'matters'::regclass AND a.attstattarget = -1"),
            7);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM pg_attribute WHERE attrelid = 'matters'::regclass AND "
                  "attname = 'region_path' AND attstattarget = -1"),
            1);
}

TEST_P(MonthPartitionsContractTest, ARowWithoutItsMonthIsRefusedWholeAndKeysHoldAcrossMonths) {
  if (!IsPostgres()) GTEST_SKIP() << "SQLite partitions nothing";
  const domain::Id now_id = domain::FirstIdAt(WallClock() * 1000) + 1;
  // Far beyond the months made: no partition takes it.
  const domain::Id future_id = domain::FirstIdAt((WallClock() + 400 * 86400) * 1000);
  {
    auto conn = store_->database().Acquire();
    conn->Begin(TxMode::kWrite);
    InsertMatterRow(*conn, now_id, "20261201-0001");
    InsertMatterRow(*conn, 5, "20200101-0001");
    EXPECT_THROW(InsertMatterRow(*conn, future_id, "20271231-0001"), domain::Error);
    conn->Commit();
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM matters"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM matters_p_early"), 1);
  // An event refers to a matter in another month's partition; one naming no matter is refused.
  auto conn = store_->database().Acquire();
  conn->Execute("INSERT INTO matter_events (id, matter_id, kind, at) VALUES ($1, 5, 1, 1780000000)",
                {now_id});
  EXPECT_THROW(conn->Execute("INSERT INTO matter_events (id, matter_id, kind, at) "
                             "VALUES ($1, 999, 1, 1780000000)",
                             {now_id + 1}),
               domain::Error);
  // The same number twice in one month is refused (unique within each partition).
  EXPECT_THROW(InsertMatterRow(*conn, now_id + 2, "20261201-0001"), domain::Error);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM matter_events"), 1);
}

TEST_P(MonthPartitionsContractTest, EveryAuditPartitionRefusesChangeDeletionAndTruncation) {
  if (!IsPostgres()) GTEST_SKIP() << "SQLite partitions nothing";
  const domain::Id id = domain::FirstIdAt(WallClock() * 1000) + 1;
  auto conn = store_->database().Acquire();
  conn->Execute("INSERT INTO audit_log (id, at, action) VALUES ($1, 1780000000, 'probe')", {id});
  std::string partition;
  for (const auto& p : store_->MonthPartitions()) {
    if (p.table == "audit_log" && !p.month.empty() && partition.empty()) partition = p.partition;
  }
  ASSERT_FALSE(partition.empty());
  EXPECT_THROW(conn->Execute("UPDATE audit_log SET action = 'forged'", {}), domain::Error);
  EXPECT_THROW(conn->Execute("DELETE FROM " + partition, {}), domain::Error);
  EXPECT_THROW(conn->Execute("TRUNCATE " + partition, {}), domain::Error);
  EXPECT_THROW(conn->Execute("TRUNCATE audit_log", {}), domain::Error);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'probe'"), 1);
}

TEST_P(MonthPartitionsContractTest, ArchivedAuditMonthsLeaveTheLogButStayInTheChainAndLocked) {
  if (!IsPostgres()) {
    EXPECT_THROW(store_->ArchiveMonthPartitions("audit_log", "2026-01"), domain::InvalidInput);
    return;
  }
  auto entry = [](domain::Id id) {
    domain::AuditEntry e;
    e.id = id;
    e.at = 1700000000 + id % 1000;
    e.username = "wang";
    e.action = "household.update";
    e.entity = "household";
    e.after_json = "{}";
    e.channel = "web";
    return e;
  };
  // Two old entries (small ids: the early partition) and one of this month, all chained.
  const domain::Id now_id = domain::FirstIdAt(WallClock() * 1000) + 1;
  for (domain::Id id : {domain::Id{1}, domain::Id{2}, now_id}) {
    auto tx = store_->Begin();
    tx->AppendAudit(entry(id));
    tx->Commit();
  }
  // Only the audit log and matters leave; this month never leaves; a month must be a month.
  EXPECT_THROW(store_->ArchiveMonthPartitions("matter_events", "2026-01"), domain::InvalidInput);
  EXPECT_THROW(store_->ArchiveMonthPartitions("audit_log", "2999-01"), domain::InvalidInput);
  EXPECT_THROW(store_->ArchiveMonthPartitions("audit_log", "2026-1"), domain::InvalidInput);

  // Archiving before this month takes the early partition (everything is from this month on).
  const std::string this_month = FirstMonth("audit_log");
  ASSERT_EQ(this_month.size(), 7U);
  EXPECT_EQ(store_->ArchiveMonthPartitions("audit_log", this_month), 1);
  EXPECT_EQ(store_->ArchiveMonthPartitions("audit_log", this_month), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM minqing_archive.audit_log_p_early"), 2);
  bool listed = false;
  for (const auto& p : store_->MonthPartitions()) {
    if (p.partition == "audit_log_p_early") listed = p.archived;
  }
  EXPECT_TRUE(listed);

  // The chain still covers the archived entries...
  domain::ChainReport report = store_->BeginRead()->VerifyAuditChain();
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.entries, 3);
  // ...which refuse change, deletion and truncation where they are now.
  auto conn = store_->database().Acquire();
  EXPECT_THROW(conn->Execute("DELETE FROM minqing_archive.audit_log_p_early", {}), domain::Error);
  EXPECT_THROW(conn->Execute("UPDATE minqing_archive.audit_log_p_early SET username = 'li'", {}),
               domain::Error);
  EXPECT_THROW(conn->Execute("TRUNCATE minqing_archive.audit_log_p_early", {}), domain::Error);
  // Dropping the archive (what an operator does after keeping a dump elsewhere) shows as
  // deleted entries: the chain does not pretend.
  conn->Execute("DROP TABLE minqing_archive.audit_log_p_early", {});
  report = store_->BeginRead()->VerifyAuditChain();
  EXPECT_FALSE(report.intact);
}

TEST_P(MonthPartitionsContractTest, ArchivedMatterMonthsLeaveWithTheirPartsAndKeepTheirLinks) {
  if (!IsPostgres()) {
    EXPECT_THROW(store_->ArchiveMonthPartitions("matters", "2026-01"), domain::InvalidInput);
    return;
  }
  const std::string this_month = FirstMonth("matters");
  ASSERT_EQ(this_month.size(), 7U);
  const domain::Id now_id = domain::FirstIdAt(WallClock() * 1000) + 1;
  {
    // Two old matters (small ids: the early partition) and one of this month, each with an
    // event; an errand that stays links the second old one.
    auto conn = store_->database().Acquire();
    conn->Begin(TxMode::kWrite);
    InsertMatterRow(*conn, 5, "20200101-0001");
    InsertMatterRow(*conn, 6, "20200101-0002");
    InsertMatterRow(*conn, now_id, "20261201-0001");
    for (domain::Id matter : {domain::Id{5}, domain::Id{6}, now_id}) {
      conn->Execute("INSERT INTO matter_events (id, matter_id, kind, at) VALUES ($1, $2, 1, $3)",
                    {matter + 100, matter, std::int64_t{1780000000}});
    }
    conn->Execute(
        "INSERT INTO households (id, region_id, region_path, number, created_at, "
        "updated_at) VALUES (1, 1, '/1/', 'H1', 1, 1)",
        {});
    conn->Execute(
        "INSERT INTO proxy_errands (id, matter_id, household_id, assistant_id, status, "
        "created_at, updated_at) VALUES (9, 6, 1, 7, 3, 1, 1)",
        {});
    conn->Commit();
  }
  auto expect_refused = [&](const std::string& code, const std::string& naming) {
    try {
      store_->ArchiveMonthPartitions("matters", this_month);
      ADD_FAILURE() << "not refused: " << code;
    } catch (const domain::Conflict& e) {
      EXPECT_EQ(e.code(), code);
      EXPECT_NE(std::string(e.what()).find(naming), std::string::npos) << e.what();
    }
    // Nothing moved.
    EXPECT_EQ(Count("SELECT COUNT(*) FROM matters"), 3);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM matter_events"), 3);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM proxy_errands WHERE matter_id = 6"), 1);
  };
  // Open matters before the month keep it; so does a merge across it.
  expect_refused("partitions.matters_open", "20200101-0001、20200101-0002");
  auto conn = store_->database().Acquire();
  conn->Execute("UPDATE matters SET status = 5 WHERE id IN (5, 6)", {});
  conn->Execute("UPDATE matters SET merged_into_id = 5 WHERE id = $1", {now_id});
  expect_refused("partitions.merged_across", "1 件");
  // A merge among the old ones leaves with them.
  conn->Execute("UPDATE matters SET merged_into_id = NULL WHERE id = $1", {now_id});
  conn->Execute("UPDATE matters SET status = 6, merged_into_id = 5 WHERE id = 6", {});

  EXPECT_EQ(store_->ArchiveMonthPartitions("matters", this_month), 1);
  EXPECT_EQ(store_->ArchiveMonthPartitions("matters", this_month), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM matters"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM minqing_archive.matters_p_early WHERE id IN (5, 6) "
                  "AND (id = 5 OR merged_into_id = 5)"),
            2);
  // The events went with their matters; this month's stayed.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM matter_events"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM minqing_archive.matter_events WHERE matter_id IN (5, 6)"),
            2);
  // The errand stays, its link is kept in the archive.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM proxy_errands WHERE id = 9 AND matter_id IS NULL"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM minqing_archive.matter_links WHERE table_name = "
                  "'proxy_errands' AND column_name = 'matter_id' AND row_key = '9' AND "
                  "matter_id = 6"),
            1);
  bool listed = false;
  for (const auto& p : store_->MonthPartitions()) {
    if (p.partition == "matters_p_early") listed = p.archived;
  }
  EXPECT_TRUE(listed);
  // The archive holds nothing back: no foreign key from it. The live table's merges are still
  // checked.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = "
                  "'minqing_archive.matters_p_early'::regclass"),
            0);
  EXPECT_THROW(conn->Execute("UPDATE matters SET merged_into_id = 6 WHERE id = $1", {now_id}),
               domain::Error);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = "
                  "'matters'::regclass AND confrelid = 'matters'::regclass AND convalidated"),
            1);
}

MINQING_INSTANTIATE_BACKENDS(MonthPartitionsContractTest);

}  // namespace
}  // namespace minqing::storage
