#include "storage/written_areas.hpp"

#include <gtest/gtest.h>

#include <string_view>

#include "app/store.hpp"
#include "storage/sql_files.hpp"

namespace minqing::storage {
namespace {

constexpr unsigned kRegistry = static_cast<unsigned>(app::DataArea::kRegistry);
constexpr unsigned kAccounts = static_cast<unsigned>(app::DataArea::kAccounts);
constexpr unsigned kCatalogue = static_cast<unsigned>(app::DataArea::kCatalogue);

TEST(WrittenAreasTest, ReadsAndTransactionControlWriteNothing) {
  EXPECT_EQ(AreasWrittenBy("SELECT * FROM households"), 0U);
  EXPECT_EQ(AreasWrittenBy("  -- a comment\n select 1"), 0U);
  EXPECT_EQ(AreasWrittenBy("BEGIN IMMEDIATE"), 0U);
  EXPECT_EQ(AreasWrittenBy("COMMIT"), 0U);
  EXPECT_EQ(AreasWrittenBy("ROLLBACK"), 0U);
  EXPECT_EQ(AreasWrittenBy("SAVEPOINT s1"), 0U);
  EXPECT_EQ(AreasWrittenBy("RELEASE s1"), 0U);
}

TEST(WrittenAreasTest, EachFormOfWriteNamesItsTable) {
  EXPECT_EQ(AreasWrittenBy("INSERT INTO households (id) VALUES ($1)"), kRegistry);
  EXPECT_EQ(AreasWrittenBy("insert or replace into residents(id) values (1)"), kRegistry);
  EXPECT_EQ(AreasWrittenBy("REPLACE INTO sessions (id) VALUES (1)"), kAccounts);
  EXPECT_EQ(AreasWrittenBy("UPDATE users SET active = 0"), kAccounts);
  EXPECT_EQ(AreasWrittenBy("UPDATE OR IGNORE \"regions\" SET name = 'x'"), kRegistry);
  EXPECT_EQ(AreasWrittenBy("-- move\nDELETE FROM routing_rules WHERE id = 1"), kCatalogue);
  EXPECT_EQ(AreasWrittenBy("\n  INSERT INTO matters (id) VALUES (1)"), 0U);
  EXPECT_EQ(AreasWrittenBy("INSERT INTO matter_search (rowid, text) VALUES ($1, $2)"), 0U);
}

TEST(WrittenAreasTest, WhatItCannotPlaceCountsForEveryArea) {
  EXPECT_EQ(AreasWrittenBy("WITH x AS (SELECT 1) INSERT INTO matters SELECT * FROM x"),
            app::kAllDataAreas);
  EXPECT_EQ(AreasWrittenBy("PRAGMA user_version = 3"), app::kAllDataAreas);
  EXPECT_EQ(AreasWrittenBy("INSERT INTO some_new_table (id) VALUES (1)"), app::kAllDataAreas);
  EXPECT_EQ(AreasWrittenBy("DELETE households"), app::kAllDataAreas);
  EXPECT_EQ(AreasWrittenBy("UPDATE"), app::kAllDataAreas);
  EXPECT_EQ(AreasWrittenBy("INSERT INTO \"unterminated"), app::kAllDataAreas);
  EXPECT_EQ(AreasWrittenBy(""), app::kAllDataAreas);
}

// The tables the caches read (MatterService intake caches, AuthService sessions).
TEST(WrittenAreasTest, EveryCachedTableHasItsArea) {
  for (const char* table : {"regions", "households", "residents"}) {
    EXPECT_EQ(AreasOfTable(table), kRegistry) << table;
  }
  for (const char* table : {"users", "sessions", "units", "staff"}) {
    EXPECT_EQ(AreasOfTable(table), kAccounts) << table;
  }
  for (const char* table : {"matter_categories", "routing_rules", "calendar_days"}) {
    EXPECT_EQ(AreasOfTable(table), kCatalogue) << table;
  }
}

TEST(WrittenAreasTest, TablesAreMatchedWholeAndWithoutCase) {
  EXPECT_EQ(AreasOfTable("HOUSEHOLDS"), kRegistry);
  EXPECT_EQ(AreasOfTable("household"), app::kAllDataAreas);
  EXPECT_EQ(AreasOfTable("households_old"), app::kAllDataAreas);
  EXPECT_EQ(AreasOfTable("calendar_days"), kCatalogue);
  EXPECT_EQ(AreasOfTable("audit_log"), 0U);
}

// Every statement in sql/queries is either a read or a write the reader places, so no query of
// ours empties the caches by accident: a new write to a table missing from the list fails here.
TEST(WrittenAreasTest, EveryStoreQueryIsPlaced) {
  int writes = 0;
  for (const auto& [name, sql] : EmbeddedSqlFiles()) {
    if (!name.starts_with("queries/")) continue;
    std::string_view text = sql;
    while (text.starts_with("--")) {
      const std::size_t end = text.find('\n');
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    // Schema statements, connection settings, ANALYZE and WITH reads count for every area on
    // purpose.
    if (text.starts_with("CREATE") || text.starts_with("WITH") || text.starts_with("PRAGMA") ||
        text.starts_with("SET") || text.starts_with("ANALYZE")) {
      continue;
    }
    EXPECT_NE(AreasWrittenBy(sql), app::kAllDataAreas) << name << " is not placed";
    if (!text.starts_with("SELECT")) ++writes;
  }
  EXPECT_GT(writes, 30);
}

}  // namespace
}  // namespace minqing::storage
