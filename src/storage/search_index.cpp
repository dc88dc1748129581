#include "storage/search_index.hpp"

#include <string>
#include <vector>

#include "domain/search_text.hpp"
#include "storage/sql_files.hpp"
#include "storage/sql_helpers.hpp"
#include "storage/sql_matter_repository.hpp"

namespace minqing::storage {
namespace {

constexpr const char* kIndexName = "matter_search";
constexpr std::int64_t kBatch = 1000;

bool IsCurrent(Connection& conn) {
  auto rows = QueryRows(conn, sql::search_index_state_select, {std::string(kIndexName)});
  return !rows.empty() && rows.front().GetInt64(0) == domain::kSearchIndexVersion;
}

std::int64_t Rebuild(Connection& conn) {
  SqlMatterRepository repo(conn);
  repo.ClearSearchIndex();
  std::int64_t count = 0;
  std::int64_t after = 0;
  for (;;) {
    auto rows = QueryRows(conn, sql::matter_search_reindex_batch, {after, kBatch});
    if (rows.empty()) break;
    for (const Row& row : rows) {
      after = row.GetInt64(0);
      auto matter = repo.FindMatter(after);
      if (!matter) continue;
      repo.IndexMatterText(after, domain::MatterSearchDocument(*matter, repo.ListEvents(after)));
      ++count;
    }
    repo.FlushPending();
  }
  RunSql(conn, sql::search_index_state_upsert,
         {std::string(kIndexName), static_cast<std::int64_t>(domain::kSearchIndexVersion)});
  return count;
}

std::int64_t InWriteTransaction(Database& db, bool only_if_stale) {
  auto conn = db.Acquire();
  conn->Begin(TxMode::kWrite);
  try {
    QueryRows(*conn, sql::search_index_lock);  // PostgreSQL: an advisory lock.
    std::int64_t count = 0;
    if (!only_if_stale || !IsCurrent(*conn)) count = Rebuild(*conn);
    conn->Commit();
    return count;
  } catch (...) {
    conn->Rollback();
    throw;
  }
}

}  // namespace

std::int64_t RebuildSearchIndexIfStale(Database& db) {
  {
    // The usual case, without taking the write lock.
    auto conn = db.Acquire();
    if (IsCurrent(*conn)) return 0;
  }
  return InWriteTransaction(db, true);
}

std::int64_t RebuildSearchIndex(Database& db) { return InWriteTransaction(db, false); }

}  // namespace minqing::storage
