#include "storage/sql_files.hpp"

#include <gtest/gtest.h>

#include <cstddef>

namespace minqing::storage {
namespace {

TEST(SqlFiles, EveryQueryHasTextOnBothDialects) {
  for (std::size_t i = 0; i < sql::kQueryCount; ++i) {
    auto query = static_cast<sql::Query>(i);
    EXPECT_FALSE(QueryFileName(query).empty()) << i;
    EXPECT_FALSE(QuerySql(query, Dialect::kSqlite).empty()) << QueryFileName(query);
    EXPECT_FALSE(QuerySql(query, Dialect::kPostgres).empty()) << QueryFileName(query);
  }
}

TEST(SqlFiles, NamesAreTheFileNames) {
  EXPECT_EQ(QueryFileName(sql::household_insert), "household_insert");
  EXPECT_EQ(QueryFileName(sql::user_select), "user_select");
}

TEST(SqlFiles, PostgresOverridesOnlyItsOwnQuery) {
  EXPECT_NE(QuerySql(sql::migration_lock, Dialect::kSqlite),
            QuerySql(sql::migration_lock, Dialect::kPostgres));
  EXPECT_NE(QuerySql(sql::migration_lock, Dialect::kPostgres).find("pg_advisory_xact_lock"),
            std::string_view::npos);
  EXPECT_EQ(QuerySql(sql::household_insert, Dialect::kSqlite),
            QuerySql(sql::household_insert, Dialect::kPostgres));
}

}  // namespace
}  // namespace minqing::storage
