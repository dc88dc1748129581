// The functions every SqliteConnection registers (connection.hpp): minqing_find answers as
// instr() does wherever the store compares it with 0 or 1, and minqing_lookup_page counts and
// orders what it is given, including nothing at all.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "storage/sqlite/sqlite_connection.hpp"

namespace minqing::storage {
namespace {

TEST(SqliteFunctionsTest, FindAgreesWithInstrAtZeroAndOne) {
  SqliteConnection conn(":memory:");
  const std::vector<std::string> pieces = {"a", "b", "王", "〇", "𫓧", "1", "\n", "\x01", ""};
  std::mt19937 rng(3);
  auto text = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
    return s;
  };
  int checked = 0;
  int found = 0;
  for (int i = 0; i < 2000; ++i) {
    const std::string haystack = text(static_cast<int>(rng() % 12));
    const std::string needle = text(static_cast<int>(rng() % 3));
    const auto rows = conn.Query(
        "SELECT instr($1, $2), minqing_find($1, $2), instr($1, $2) = 1, minqing_find($1, $2) = 1",
        {haystack, needle});
    const Row& row = rows.at(0);
    EXPECT_EQ(row.GetInt64(0) > 0, row.GetInt64(1) > 0) << haystack << " / " << needle;
    EXPECT_EQ(row.GetInt64(2), row.GetInt64(3)) << haystack << " / " << needle;
    found += row.GetInt64(1) > 0 ? 1 : 0;
    ++checked;
  }
  EXPECT_EQ(checked, 2000);
  EXPECT_GT(found, 200);
  EXPECT_LT(found, 1900);
  const auto nulls =
      conn.Query("SELECT minqing_find(NULL, 'a') IS NULL, minqing_find('a', NULL)", {});
  EXPECT_EQ(nulls.at(0).GetInt64(0), 1);
  EXPECT_FALSE(nulls.at(0).GetOptionalInt64(1).has_value());
}

TEST(SqliteFunctionsTest, LookupPageCountsAndKeepsTheFirstInRankOrder) {
  SqliteConnection conn(":memory:");
  conn.ExecuteScript(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, number TEXT, names TEXT);"
      "INSERT INTO t VALUES (1, 'B2', '\n\x02刘凯明\n'), (2, 'A9', '\n\x01刘凯\n'),"
      " (3, 'A1', '\n\x01张三\n'), (4, 'A3', '\n\x01刘凯明\n'), (5, 'A2', '\n\x02刘凯\n'),"
      " (6, 'C1', '\n\x01王刘凯\n');");
  auto page = [&](const std::string& where, std::int64_t keep) {
    return conn
        .Query(
            "SELECT minqing_lookup_page('刘凯', $1, id, number, lower(number), '', names, '', "
            "'', '', '') FROM t " +
                where,
            {keep})
        .at(0)
        .GetText(0);
  };
  // Head exactly (2), another member exactly (5), head's prefix (4), another's prefix (1), then
  // a substring (6); the household without a match (3) is neither counted nor kept.
  EXPECT_EQ(page("", 10), "5,2,5,4,1,6");
  EXPECT_EQ(page("", 2), "5,2,5");
  EXPECT_EQ(page("", 0), "5");
  EXPECT_EQ(page("WHERE id = 3", 10), "0");
  EXPECT_EQ(page("WHERE id > 100", 10), "0");
}

}  // namespace
}  // namespace minqing::storage
