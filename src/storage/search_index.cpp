#include "storage/search_index.hpp"

#include <optional>
#include <string>
#include <vector>

#include "domain/search_text.hpp"
#include "storage/sql_files.hpp"
#include "storage/sql_helpers.hpp"
#include "storage/sql_matter_repository.hpp"

namespace minqing::storage {
namespace {

std::string ProgressName(const DerivedIndex& index) { return index.name + ".rebuilt_through"; }

std::optional<std::int64_t> StateValue(Connection& conn, const std::string& name) {
  auto rows = QueryRows(conn, sql::search_index_state_select, {name});
  if (rows.empty()) return std::nullopt;
  return rows.front().GetInt64(0);
}

bool IsCurrent(Connection& conn, const DerivedIndex& index) {
  return StateValue(conn, index.name) == index.version;
}

void SetState(Connection& conn, const std::string& name, std::int64_t value) {
  RunSql(conn, sql::search_index_state_upsert, {name, value});
}

enum class Step { kCurrent, kIndexed, kFinished };

// One transaction of a rebuild: the next `batch` source rows after the recorded progress (the
// first step clears the index), or, past the last row, the version recorded. `force` starts a
// rebuild of a current index. Adds the rows indexed to `count`.
Step RebuildStep(Database& db, const DerivedIndex& index, bool force, std::int64_t batch,
                 std::int64_t& count) {
  auto conn = db.Acquire();
  conn->Begin(TxMode::kWrite);
  try {
    QueryRows(*conn, sql::search_index_lock);  // PostgreSQL: an advisory lock.
    const std::string progress = ProgressName(index);
    std::optional<std::int64_t> after = StateValue(*conn, progress);
    if (!after && !force && IsCurrent(*conn, index)) {
      conn->Rollback();
      return Step::kCurrent;
    }
    if (!after) {
      index.clear(*conn);
      RunSql(*conn, sql::search_index_state_delete, {index.name});
      after = 0;
    }
    std::vector<std::int64_t> ids = index.index_batch(*conn, *after, batch);
    count += static_cast<std::int64_t>(ids.size());
    Step step = Step::kIndexed;
    if (ids.empty()) {
      RunSql(*conn, sql::search_index_state_delete, {progress});
      SetState(*conn, index.name, index.version);
      step = Step::kFinished;
    } else {
      SetState(*conn, progress, ids.back());
    }
    conn->Commit();
    return step;
  } catch (...) {
    conn->Rollback();
    throw;
  }
}

std::int64_t Rebuild(Database& db, const DerivedIndex& index, bool force, std::int64_t batch) {
  std::int64_t count = 0;
  Step step = RebuildStep(db, index, force, batch, count);
  while (step == Step::kIndexed) step = RebuildStep(db, index, false, batch, count);
  return count;
}

const DerivedIndex& MatterSearch() {
  static const DerivedIndex index{
      "matter_search", domain::kSearchIndexVersion,
      [](Connection& conn) { SqlMatterRepository(conn).ClearSearchIndex(); },
      [](Connection& conn, std::int64_t after, std::int64_t batch) {
        SqlMatterRepository repo(conn);
        std::vector<std::int64_t> ids;
        for (const Row& row : QueryRows(conn, sql::matter_search_reindex_batch, {after, batch})) {
          ids.push_back(row.GetInt64(0));
          auto matter = repo.FindMatter(ids.back());
          if (!matter) continue;
          repo.IndexMatterText(ids.back(),
                               domain::MatterSearchDocument(*matter, repo.ListEvents(ids.back())));
        }
        repo.FlushPending();
        return ids;
      }};
  return index;
}

}  // namespace

std::int64_t RebuildIndexIfStale(Database& db, const DerivedIndex& index, std::int64_t batch) {
  {
    // The usual case, without taking the write lock.
    auto conn = db.Acquire();
    if (IsCurrent(*conn, index) && !StateValue(*conn, ProgressName(index))) return 0;
  }
  return Rebuild(db, index, false, batch);
}

bool IndexIsCurrent(Database& db, const DerivedIndex& index) {
  auto conn = db.Acquire();
  return IsCurrent(*conn, index) && !StateValue(*conn, ProgressName(index));
}

std::int64_t RebuildIndex(Database& db, const DerivedIndex& index, std::int64_t batch) {
  return Rebuild(db, index, true, batch);
}

std::int64_t RebuildSearchIndexIfStale(Database& db, std::int64_t batch) {
  return RebuildIndexIfStale(db, MatterSearch(), batch);
}

bool SearchIndexIsCurrent(Database& db) { return IndexIsCurrent(db, MatterSearch()); }

std::int64_t RebuildSearchIndex(Database& db, std::int64_t batch) {
  return RebuildIndex(db, MatterSearch(), batch);
}

}  // namespace minqing::storage
