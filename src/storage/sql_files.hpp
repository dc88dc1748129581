// The SQL files under storage/sql/, embedded into the library at build time so the binary
// needs no files beside it. Names are paths relative to sql/, e.g. "queries/region_select.sql".
// A sibling "<name>.postgres.sql" replaces "<name>.sql" on PostgreSQL. Queries are named by the
// generated enum sql::Query (storage/sql_query_names.hpp, one enumerator per file of queries/),
// so a misspelt query name fails the build rather than a request. Thread-safety: immutable.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/connection.hpp"
#include "storage/sql_query_names.hpp"

namespace minqing::storage {

struct SqlFile {
  std::string_view name;
  std::string_view text;
};

// One query: its name ("household_insert"), the shared text and the PostgreSQL override (empty
// when the shared text serves both).
struct QueryText {
  std::string_view name;
  std::string_view shared;
  std::string_view postgres;
};

// Every embedded file, sorted by name. Defined in the generated sql_files_data.cpp.
std::span<const SqlFile> EmbeddedSqlFiles();
// Every query, indexed by sql::Query. Also generated.
std::span<const QueryText> EmbeddedQueries();

// The text of queries/<name>.sql for the dialect.
std::string_view QuerySql(sql::Query query, Dialect dialect);
// "household_insert" for sql::household_insert.
std::string_view QueryFileName(sql::Query query);

struct Migration {
  std::int64_t version = 0;
  std::string name;  // "V001__init".
  std::string_view sql;
};

// The migrations for the dialect, by ascending version.
std::vector<Migration> Migrations(Dialect dialect);

}  // namespace minqing::storage
