#include "app/sheet_import.hpp"

#include <gtest/gtest.h>

#include <array>

namespace minqing::app {
namespace {

const std::vector<std::string>& Columns() {
  static const std::vector<std::string> kColumns = {"姓名", "身份证号", "联系电话"};
  return kColumns;
}

struct Row : SheetRow {
  std::array<std::string, 3> cells;
};

TEST(SheetColumnsTest, FindsColumnsByTrimmedHeaderInAnyOrder) {
  const SheetColumns columns({"联系电话", "\u3000姓名 ", "备注"}, Columns());
  EXPECT_TRUE(columns.Has(0));
  EXPECT_FALSE(columns.Has(1));
  EXPECT_TRUE(columns.Has(2));
  std::vector<RosterProblem> problems;
  columns.RequireColumns({0, 1}, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].row, 1);
  EXPECT_EQ(problems[0].column, "身份证号");
  EXPECT_EQ(problems[0].reason, "缺少此列");
}

TEST(SheetColumnsTest, ReadsCellsTrimmedAndSkipsBlankRows) {
  const SheetColumns columns({"联系电话", "姓名", "备注"}, Columns());
  std::array<std::string, 3> cells = {"old", "old", "old"};
  ASSERT_TRUE(columns.ReadRow({" 13800000001 ", "王景云"}, cells));
  EXPECT_EQ(cells[0], "王景云");
  EXPECT_EQ(cells[1], "");  // Not in the sheet: cleared.
  EXPECT_EQ(cells[2], "13800000001");
  EXPECT_FALSE(columns.ReadRow({"  ", "", "只有备注"}, cells));
  EXPECT_FALSE(columns.ReadRow({}, cells));
}

TEST(SheetColumnsTest, ReadSheetRowsNumbersRowsAsTheSheetShowsThem) {
  formats::Table table;
  table.header = {"姓名"};
  table.rows = {{"王景云"}, {""}, {"李秀英"}};
  std::vector<std::int64_t> rows;
  const std::int64_t taken = ReadSheetRows<Row>(table, SheetColumns(table.header, Columns()),
                                                [&](Row&& row) { rows.push_back(row.row); });
  EXPECT_EQ(taken, 2);
  EXPECT_EQ(rows, (std::vector<std::int64_t>{2, 4}));
}

TEST(RowProblemsTest, MarksTheCurrentRowAndSortsByRowKeepingOrderWithinARow) {
  std::vector<RosterProblem> list;
  RowProblems problems(list, Columns());
  Row first, second;
  first.row = 5;
  second.row = 3;
  problems.Begin(first);
  problems.Add(0, "姓名不能为空");
  problems.Begin(second);
  problems.Add("其他", "a");
  problems.Add(2, "b");
  problems.AddAt(1, 1, "c");
  EXPECT_FALSE(first.valid);
  EXPECT_FALSE(second.valid);
  SortByRow(list);
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].row, 1);
  EXPECT_EQ(list[0].column, "身份证号");
  EXPECT_EQ(list[1].reason, "a");
  EXPECT_EQ(list[1].column, "其他");
  EXPECT_EQ(list[2].reason, "b");
  EXPECT_EQ(list[2].column, "联系电话");
  EXPECT_EQ(list[3].row, 5);
  EXPECT_EQ(list[3].column, "姓名");
}

TEST(ImportModeCodeTest, NamesEachMode) {
  EXPECT_EQ(ImportModeCode(ImportMode::kDryRun), "dry_run");
  EXPECT_EQ(ImportModeCode(ImportMode::kAllOrNothing), "all_or_nothing");
  EXPECT_EQ(ImportModeCode(ImportMode::kSkipInvalid), "skip_invalid");
}

}  // namespace
}  // namespace minqing::app
