// The tamper-evident record on every backend: someone with database access edits, deletes,
// reorders or inserts audit rows with plain SQL, or edits a closed matter's sign-off or a visit's
// confirmation, and VerifyAuditChain names what was done. Appends from several threads and
// rolled-back transactions leave an intact chain.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "domain/audit_chain.hpp"
#include "storage/audit_chain.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

::testing::AssertionResult Contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << text << "\" does not contain \"" << part << "\"";
}

class AuditChainTest : public testing::BackendTest {
 protected:
  static domain::AuditEntry Entry(Id id, std::string action = "household.update",
                                  std::string entity = "household", Id entity_id = 0) {
    domain::AuditEntry e;
    e.id = id;
    e.at = 1700000000 + id;
    e.username = "wang";
    e.action = std::move(action);
    e.entity = std::move(entity);
    e.entity_id = entity_id;
    e.after_json = "{\"n\":" + std::to_string(id) + "}";
    e.channel = "web";
    return e;
  }

  // Entries 1..n, one transaction each.
  void AppendEntries(Id n) {
    for (Id id = 1; id <= n; ++id) {
      auto tx = store_->Begin();
      tx->AppendAudit(Entry(id));
      tx->Commit();
    }
  }

  domain::ChainReport Verify() { return store_->BeginRead()->VerifyAuditChain(); }

  // Plain SQL, as someone with database access would run it: the append-only triggers go first.
  void Sql(const std::string& sql) {
    auto lease = store_->database().Acquire();
    lease->Execute(sql, {});
  }
  void DropAppendOnlyTriggers() {
    if (IsPostgres()) {
      Sql("DROP TRIGGER audit_log_no_update ON audit_log");
    } else {
      Sql("DROP TRIGGER audit_log_no_update");
      Sql("DROP TRIGGER audit_log_no_delete");
    }
  }

  // Region 1, household 10, user 900, matter 50 (closed, rated 2) and visit 60 (confirmed by
  // phone), each changed through the store with its audit entry, as the use cases do.
  void SeedClosures() {
    auto tx = store_->Begin();
    domain::Region county;
    county.id = 1;
    county.level = domain::RegionLevel::kCounty;
    county.name = "饶阳县";
    county.path = "/1/";
    tx->Registry().InsertRegion(county);
    domain::Household h;
    h.id = 10;
    h.region_id = 1;
    h.region_path = "/1/";
    h.number = "H001";
    h.created_at = h.updated_at = 100;
    tx->Registry().InsertHousehold(h);
    domain::User u;
    u.id = 900;
    u.username = "member";
    u.role = domain::Role::kPartyMember;
    u.created_at = 100;
    tx->Accounts().InsertUser(u);
    domain::Matter m;
    m.id = 50;
    m.number = "20261202-0001";
    m.region_id = 1;
    m.region_path = "/1/";
    m.title = "路灯不亮";
    m.accepted_by = 900;
    m.accepted_at = m.response_due_at = m.due_at = m.updated_at = 1700000000;
    tx->Matters().InsertMatter(m);
    tx->AppendAudit(Entry(101, "matter.accept", "matter", 50));
    domain::Visit v;
    v.id = 60;
    v.household_id = 10;
    v.visitor_user_id = 900;
    v.visited_at = v.created_at = 1700000000;
    tx->Network().InsertVisit(v);
    tx->Commit();

    tx = store_->Begin();
    m.status = domain::MatterStatus::kClosed;
    m.solved = true;
    m.rating = 2;
    m.confirmed_via = "sms_code";
    m.closed_at = 1700000100;
    tx->Matters().UpdateMatter(m);
    tx->AppendAudit(Entry(102, "matter.confirm", "matter", 50));
    v.confirmed_at = 1700000200;
    v.confirmed_via = "household_code";
    tx->Network().UpdateVisitConfirmation(v);
    tx->AppendAudit(Entry(103, "visit.confirm", "visit", 60));
    tx->Commit();
  }
};

TEST_P(AuditChainTest, AppendsChainInOrderAndRollbacksLeaveNoGap) {
  AppendEntries(3);
  {
    auto tx = store_->Begin();
    tx->AppendAudit(Entry(99));
  }  // Rolled back.
  AppendEntries(0);
  auto tx = store_->Begin();
  tx->AppendAudit(Entry(4));
  tx->AppendAudit(Entry(5));
  tx->Commit();

  domain::ChainReport r = Verify();
  EXPECT_TRUE(r.started);
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_EQ(r.entries, 5);
  EXPECT_EQ(r.head.seq, 5);
  EXPECT_EQ(r.head.hash.size(), 64U);
  EXPECT_EQ(store_->BeginRead()->AuditChainHead().hash, r.head.hash);
}

TEST_P(AuditChainTest, VerifyNamesAnEditedEntry) {
  AppendEntries(5);
  DropAppendOnlyTriggers();
  Sql("UPDATE audit_log SET after_json = '{\"n\":30}' WHERE id = 3");
  domain::ChainReport r = Verify();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.problem_entry_id, 3);
  EXPECT_EQ(r.problem_seq, 3);
  EXPECT_TRUE(Contains(r.problem, "was edited"));
}

TEST_P(AuditChainTest, VerifyNamesADeletedEntry) {
  AppendEntries(5);
  DropAppendOnlyTriggers();
  Sql("DELETE FROM audit_log WHERE id = 3");
  domain::ChainReport r = Verify();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.problem_entry_id, 4);  // The entry that follows the hole.
  EXPECT_TRUE(Contains(r.problem, "entries 3 are missing"));
  EXPECT_TRUE(Contains(r.problem, "deleted"));
}

TEST_P(AuditChainTest, VerifyNamesADeletionThatRenumberedTheRest) {
  AppendEntries(5);
  DropAppendOnlyTriggers();
  Sql("DELETE FROM audit_log WHERE id = 3");
  Sql("UPDATE audit_log SET chain_seq = chain_seq - 1 WHERE chain_seq = 4");
  Sql("UPDATE audit_log SET chain_seq = chain_seq - 1 WHERE chain_seq = 5");
  Sql("UPDATE audit_chain_head SET seq = 4");
  domain::ChainReport r = Verify();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.problem_entry_id, 4);
  EXPECT_TRUE(Contains(r.problem, "was deleted or replaced"));
}

TEST_P(AuditChainTest, VerifyNamesEntriesDeletedFromTheEnd) {
  AppendEntries(5);
  DropAppendOnlyTriggers();
  Sql("DELETE FROM audit_log WHERE id = 5");
  domain::ChainReport r = Verify();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.problem_entry_id, 4);
  EXPECT_TRUE(Contains(r.problem, "deleted from its end"));
}

TEST_P(AuditChainTest, VerifyNamesAnEntryMovedOutOfOrder) {
  AppendEntries(5);
  DropAppendOnlyTriggers();
  Sql("UPDATE audit_log SET chain_seq = 100 WHERE id = 2");
  Sql("UPDATE audit_log SET chain_seq = 2 WHERE id = 3");
  Sql("UPDATE audit_log SET chain_seq = 3 WHERE id = 2");
  domain::ChainReport r = Verify();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.problem_entry_id, 3);
  EXPECT_EQ(r.problem_seq, 2);
  EXPECT_TRUE(Contains(r.problem, "out of order"));
  EXPECT_TRUE(Contains(r.problem, "chained after entry 2"));
}

TEST_P(AuditChainTest, VerifyNamesARowCopiedIntoAPositionAlreadyHeld) {
  AppendEntries(4);
  Sql("INSERT INTO audit_log (id, at, username, action, chain_seq, prev_hash, entry_hash) "
      "SELECT 99, at, username, action, chain_seq, prev_hash, entry_hash FROM audit_log "
      "WHERE id = 2");
  domain::ChainReport r = Verify();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.problem_entry_id, 99);
  EXPECT_EQ(r.problem_seq, 2);
  EXPECT_TRUE(Contains(r.problem, "repeats position 2"));
}

TEST_P(AuditChainTest, VerifyNamesARowInsertedOutsideTheChain) {
  AppendEntries(3);
  Sql("INSERT INTO audit_log (id, at, username, action) VALUES (77, 1700000050, 'x', "
      "'matter.confirm')");
  domain::ChainReport r = Verify();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.problem_entry_id, 77);
  EXPECT_TRUE(Contains(r.problem, "inserted outside the chain"));
}

TEST_P(AuditChainTest, ClosuresAndConfirmationsCarryTheirProof) {
  SeedClosures();
  auto lease = store_->database().Acquire();
  auto rows = lease->Query("SELECT id, proof FROM audit_log ORDER BY chain_seq", {});
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].GetText(1), "");  // An intake proves nothing and costs no read.
  EXPECT_TRUE(Contains(rows[1].GetText(1), "number=13:20261202-0001\n"));
  EXPECT_TRUE(Contains(rows[1].GetText(1), "rating=1:2\n"));
  EXPECT_TRUE(Contains(rows[1].GetText(1), "confirmed_via=8:sms_code\n"));
  EXPECT_TRUE(Contains(rows[1].GetText(1), "closed_at=10:1700000100\n"));
  EXPECT_TRUE(Contains(rows[2].GetText(1), "household_id=2:10\n"));
  EXPECT_TRUE(Contains(rows[2].GetText(1), "confirmed_via=14:household_code\n"));
  EXPECT_TRUE(Contains(rows[2].GetText(1), "confirmed_at=10:1700000200\n"));
  domain::ChainReport r = Verify();
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_EQ(r.matters_checked, 1);
  EXPECT_EQ(r.visits_checked, 1);
}

TEST_P(AuditChainTest, VerifyNamesAMatterWhoseRatingWasEdited) {
  SeedClosures();
  Sql("UPDATE matters SET rating = 5 WHERE id = 50");
  domain::ChainReport r = Verify();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.problem_entry_id, 102);
  EXPECT_TRUE(Contains(r.problem, "matter 20261202-0001"));
  EXPECT_TRUE(Contains(r.problem, "differs from its latest chained record"));
}

TEST_P(AuditChainTest, VerifyNamesAMatterClosedWithoutARecord) {
  SeedClosures();
  Sql("UPDATE matters SET confirmed_via = 'callback' WHERE id = 50");
  EXPECT_TRUE(Contains(Verify().problem, "matter 20261202-0001"));
  Sql("UPDATE matters SET confirmed_via = 'sms_code' WHERE id = 50");
  EXPECT_TRUE(Verify().intact);
  // A matter closed by SQL alone has no chained closure.
  auto tx = store_->Begin();
  domain::Matter open = *tx->Matters().FindMatter(50);
  open.id = 51;
  open.number = "20261202-0002";
  open.status = domain::MatterStatus::kAccepted;
  open.solved.reset();
  open.rating.reset();
  open.closed_at.reset();
  tx->Matters().InsertMatter(open);
  tx->Commit();
  Sql("UPDATE matters SET status = 5, solved = 1, rating = 5, closed_at = 1700000300 WHERE id = "
      "51");
  domain::ChainReport r = Verify();
  EXPECT_FALSE(r.intact);
  EXPECT_TRUE(Contains(r.problem, "20261202-0002"));
  EXPECT_TRUE(Contains(r.problem, "no chained record of its closure"));
}

TEST_P(AuditChainTest, VerifyNamesAVisitWhoseConfirmationWasEdited) {
  SeedClosures();
  Sql("UPDATE visits SET confirmed_via = 'phone' WHERE id = 60");
  domain::ChainReport r = Verify();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.problem_entry_id, 103);
  EXPECT_TRUE(Contains(r.problem, "visit 60"));
  EXPECT_TRUE(Contains(r.problem, "confirmation"));
}

TEST_P(AuditChainTest, AnOlderDatabaseIsReportedAsNeverChainedUntilStarted) {
  // As a database migrated with audit rows already in it: the migration leaves the chain off.
  Sql("UPDATE audit_chain_head SET started_at = NULL");
  AppendEntries(2);
  domain::ChainReport before = Verify();
  EXPECT_FALSE(before.started);
  EXPECT_FALSE(before.intact);
  EXPECT_EQ(before.pre_chain_entries, 2);
  EXPECT_TRUE(Contains(before.problem, "never chained"));

  auto tx = store_->Begin();
  tx->StartAuditChain(1800000000);
  tx->Commit();
  AppendEntries(0);
  tx = store_->Begin();
  tx->AppendAudit(Entry(3));
  tx->Commit();
  domain::ChainReport after = Verify();
  EXPECT_TRUE(after.intact) << after.problem;
  EXPECT_EQ(after.entries, 2);  // chain.start and entry 3.
  EXPECT_EQ(after.pre_chain_entries, 2);

  // The older rows are frozen by the chain.start entry.
  DropAppendOnlyTriggers();
  Sql("UPDATE audit_log SET username = 'li' WHERE id = 1");
  domain::ChainReport edited = Verify();
  EXPECT_FALSE(edited.intact);
  EXPECT_TRUE(Contains(edited.problem, "older than the chain changed"));
}

TEST_P(AuditChainTest, AChainRewrittenAfterPublicationDiffersFromThePublishedHead) {
  AppendEntries(3);
  auto tx = store_->Begin();
  auto published = tx->PublishAuditChainHead("2026-12-02", 1800000000);
  tx->Commit();
  ASSERT_TRUE(published);
  EXPECT_EQ(published->seq, 3);
  AppendEntries(0);
  tx = store_->Begin();
  tx->AppendAudit(Entry(4));
  // A second publication the same day keeps the first.
  EXPECT_EQ(tx->PublishAuditChainHead("2026-12-02", 1800000500)->seq, 3);
  tx->Commit();
  EXPECT_TRUE(Verify().intact);

  // Edit entry 2 and recompute every hash after it, as a careful forger would.
  DropAppendOnlyTriggers();
  Sql("UPDATE audit_log SET after_json = '{\"n\":20}' WHERE id = 2");
  auto lease = store_->database().Acquire();
  std::string prev;
  for (Id id = 1; id <= 4; ++id) {
    auto row = lease->Query(
        "SELECT prev_hash, entry_hash, chain_seq FROM audit_log WHERE id = " + std::to_string(id),
        {});
    if (id == 1) {
      prev = row.at(0).GetText(1);
      continue;
    }
    domain::AuditEntry e = Entry(id);
    if (id == 2) e.after_json = "{\"n\":20}";
    std::string hash = Sha256Hex(domain::CanonicalAuditContent(e, id, prev));
    lease->Execute("UPDATE audit_log SET prev_hash = $1, entry_hash = $2 WHERE id = $3",
                   {prev, hash, id});
    prev = hash;
  }
  lease->Execute("UPDATE audit_chain_head SET hash = $1", {prev});
  domain::ChainReport r = Verify();
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.problem_entry_id, 3);
  EXPECT_TRUE(Contains(r.problem, "published on 2026-12-02"));
}

TEST_P(AuditChainTest, ConcurrentAppendsLeaveAnIntactChain) {
  constexpr int kThreads = 6;
  constexpr int kTransactions = 20;
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kTransactions; ++i) {
        auto tx = store_->Begin();
        Id base = 1000 + (t * kTransactions + i) * 2;
        tx->AppendAudit(Entry(base));
        tx->AppendAudit(Entry(base + 1));
        if (i % 5 == 4) continue;  // Rolled back.
        tx->Commit();
      }
    });
  }
  threads.clear();
  domain::ChainReport r = Verify();
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_EQ(r.entries, kThreads * kTransactions * 2 * 4 / 5);
}

// Entries from before the request id (none) and entries with one verify as one chain; an entry
// without one hashes as it did before the field existed.
TEST_P(AuditChainTest, EntriesWithAndWithoutARequestIdVerifyTogether) {
  AppendEntries(3);
  for (Id id = 4; id <= 5; ++id) {
    auto tx = store_->Begin();
    domain::AuditEntry e = Entry(id);
    e.request_id = "req-" + std::to_string(id);
    tx->AppendAudit(e);
    tx->Commit();
  }
  domain::ChainReport r = Verify();
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_EQ(r.entries, 5);
  auto page = store_->BeginRead()->ListAudit({}, {});
  ASSERT_EQ(page.items.size(), 5U);
  EXPECT_EQ(page.items[0].request_id, "req-5");
  EXPECT_EQ(page.items[4].request_id, "");
  app::AuditFilter by_request;
  by_request.request_id = "req-4";
  auto found = store_->BeginRead()->ListAudit(by_request, {});
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.items[0].id, 4);
  EXPECT_FALSE(
      Contains(domain::CanonicalAuditContent(Entry(1), 1, domain::kGenesisHash), "request_id"));
}

TEST_P(AuditChainTest, VerifyNamesAnEntryWhoseRequestIdWasChangedOrAdded) {
  AppendEntries(2);
  {
    auto tx = store_->Begin();
    domain::AuditEntry e = Entry(3);
    e.request_id = "req-3";
    tx->AppendAudit(e);
    tx->Commit();
  }
  DropAppendOnlyTriggers();
  Sql("UPDATE audit_log SET request_id = 'forged' WHERE id = 3");
  domain::ChainReport changed = Verify();
  EXPECT_FALSE(changed.intact);
  EXPECT_EQ(changed.problem_entry_id, 3);
  Sql("UPDATE audit_log SET request_id = 'req-3' WHERE id = 3");
  EXPECT_TRUE(Verify().intact);
  Sql("UPDATE audit_log SET request_id = 'added' WHERE id = 2");
  domain::ChainReport added = Verify();
  EXPECT_FALSE(added.intact);
  EXPECT_EQ(added.problem_entry_id, 2);
}

MINQING_INSTANTIATE_BACKENDS(AuditChainTest);

}  // namespace
}  // namespace minqing::storage
