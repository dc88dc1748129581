// The SQL files under storage/sql/, embedded into the library at build time so the binary
// needs no files beside it. Names are paths relative to sql/, e.g. "queries/region_select.sql".
// A sibling "<name>.postgres.sql" replaces "<name>.sql" on PostgreSQL. Thread-safety: immutable.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/connection.hpp"

namespace minqing::storage {

struct SqlFile {
  std::string_view name;
  std::string_view text;
};

// Every embedded file, sorted by name. Defined in the generated sql_files_data.cpp.
std::span<const SqlFile> EmbeddedSqlFiles();

// The text of queries/<name>.sql for the dialect; throws domain::StorageError if missing.
std::string_view QuerySql(std::string_view name, Dialect dialect);

struct Migration {
  std::int64_t version = 0;
  std::string name;  // "V001__init".
  std::string_view sql;
};

// The migrations for the dialect, by ascending version.
std::vector<Migration> Migrations(Dialect dialect);

}  // namespace minqing::storage
