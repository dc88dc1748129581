// Must not compile: the build names queries through the generated sql::Query, so a misspelt
// query name is a compile error. Compiled (and expected to fail) by the test
// storage.misspelt_query_name_fails_to_compile in src/storage/CMakeLists.txt.
#include "storage/sql_files.hpp"

std::string_view Misspelt() {
  return minqing::storage::QuerySql(minqing::storage::sql::househld_insert,
                                    minqing::storage::Dialect::kSqlite);
}
