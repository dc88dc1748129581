#include <chrono>

#include "app/store.hpp"
#include "domain/errors.hpp"
#include "storage/lookup_index.hpp"
#include "storage/migrator.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/search_index.hpp"
#include "storage/sql_store.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace minqing::storage {
namespace {

// Enough for the HTTP worker threads plus background jobs; SQLite serialises writers anyway.
constexpr std::size_t kPoolSize = 16;

bool IsPostgresUrl(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

}  // namespace

std::unique_ptr<Database> OpenDatabase(const std::string& url) {
  if (IsPostgresUrl(url)) {
    return std::make_unique<Database>(
        Dialect::kPostgres, [url] { return std::make_unique<PgConnection>(url); }, kPoolSize);
  }
  return std::make_unique<Database>(
      Dialect::kSqlite, [url] { return std::make_unique<SqliteConnection>(url); }, kPoolSize);
}

}  // namespace minqing::storage

namespace minqing::app {

std::unique_ptr<Store> OpenStore(const std::string& url, const std::string& replica_url) {
  if (!replica_url.empty() && !storage::IsPostgresUrl(url)) {
    throw domain::InvalidInput("store.replica_needs_postgresql",
                               "只读副本（--replica-url）只能用于 PostgreSQL 数据库");
  }
  if (!replica_url.empty() && !storage::IsPostgresUrl(replica_url)) {
    throw domain::InvalidInput("store.replica_url_invalid",
                               "只读副本地址应为 postgresql://… / the replica URL must be "
                               "postgresql://…");
  }
  auto db = storage::OpenDatabase(url);
  auto now = std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  storage::Migrate(*db, now);
  storage::RebuildSearchIndexIfStale(*db);
  storage::RebuildIndexIfStale(*db, storage::HouseholdLookupIndex());
  // A PostgreSQL store hears of the other server processes' writes (see SqlStore).
  const bool postgres = db->dialect() == storage::Dialect::kPostgres;
  auto store = std::make_unique<storage::SqlStore>(std::move(db), postgres ? url : std::string(),
                                                   replica_url);
  // PostgreSQL's month partitions three months ahead at every open, not only in the server's
  // daily job: a database written by CLI commands alone must not run out of months.
  store->EnsureMonthPartitions(now, 3);
  return store;
}

}  // namespace minqing::app
