#include "app/store_status.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "domain/errors.hpp"
#include "storage/search_index.hpp"
#include "storage/sql_files.hpp"
#include "storage/sql_helpers.hpp"
#include "storage/sql_store.hpp"

namespace minqing::app {

StoreStatus InspectStore(const std::string& url) {
  StoreStatus status;
  const bool postgres = url.starts_with("postgresql://") || url.starts_with("postgres://");
  status.engine = postgres ? "postgresql" : "sqlite";
  if (!postgres) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(url, ec)) {
      status.error = "数据库文件不存在 / no database file: " + url;
      return status;
    }
  }
  try {
    auto db = storage::OpenDatabase(url);
    {
      auto conn = db->Acquire();
      std::set<std::int64_t> applied;
      try {
        for (const auto& row : storage::QueryRows(*conn, storage::sql::migration_versions)) {
          applied.insert(row.GetInt64(0));
        }
      } catch (const domain::StorageError&) {
        // No schema_migrations table: nothing applied.
      }
      status.reachable = true;
      if (!applied.empty()) status.newest_applied = *applied.rbegin();
      for (const auto& migration : storage::Migrations(db->dialect())) {
        status.newest_known = std::max(status.newest_known, migration.version);
        if (!applied.contains(migration.version)) status.pending.push_back(migration.name);
      }
      try {
        auto rows = storage::QueryRows(*conn, storage::sql::site_setting_select,
                                       {std::string("public_url")});
        if (!rows.empty()) status.public_url = rows.front().GetText(0);
      } catch (const domain::StorageError&) {
        // Before migration V032: no setting.
      }
      if (postgres && status.pending.empty()) {
        for (const auto& row :
             storage::QueryRows(*conn, storage::sql::month_partitions_next_missing)) {
          status.tables_without_next_month.push_back(row.GetText(0));
        }
      }
    }
    try {
      status.search_index_current = storage::SearchIndexIsCurrent(*db);
    } catch (const domain::StorageError&) {
      status.search_index_current = false;
    }
  } catch (const std::exception& e) {
    status.reachable = false;
    status.error = e.what();
  }
  return status;
}

}  // namespace minqing::app
