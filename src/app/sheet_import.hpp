// What the sheet imports (roster.hpp, party_roster.hpp, account_import.hpp) share: finding their
// columns in the header row, reading a data row's cells by them, collecting each row's problems
// (RosterProblem: sheet row, Chinese column name, Chinese reason) in row order, and looking up
// the region codes rows name. Each import keeps its own checks and their messages.
// Thread-safety: none needed; an import uses its own values on one thread.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/actor.hpp"
#include "app/roster.hpp"
#include "app/store.hpp"
#include "formats/table.hpp"

namespace minqing::app {

// The mode as the imports' audit entries name it: dry_run, all_or_nothing, skip_invalid.
std::string_view ImportModeCode(ImportMode mode);

// Where an import's columns stand in a sheet, found by their header text (trimmed, full-width
// spaces too). A column is an index into the import's column names.
class SheetColumns {
 public:
  // `columns`: the import's column names in its order; must outlive this object.
  SheetColumns(const std::vector<std::string>& header, const std::vector<std::string>& columns);

  bool Has(int column) const { return index_[static_cast<std::size_t>(column)] >= 0; }

  // Adds "缺少此列" on row 1 for each of `required` that the header lacks.
  void RequireColumns(std::initializer_list<int> required,
                      std::vector<RosterProblem>& problems) const;

  // Fills `cells` (one per column) from a data row, each trimmed; empty where the sheet lacks
  // the column or the row is short. Returns false for a blank row.
  bool ReadRow(const std::vector<std::string>& row, std::span<std::string> cells) const;

 private:
  const std::vector<std::string>& columns_;
  std::vector<int> index_;  // Per column: its position in the sheet, -1 when absent.
};

// The part of an import's parsed row that its problems mark.
struct SheetRow {
  std::int64_t row = 0;  // As Excel shows it: the header is row 1.
  bool valid = true;     // False once a problem is reported on it.
};

// Collects an import's row problems into its report's list.
class RowProblems {
 public:
  // `columns` as for SheetColumns; both must outlive this object.
  RowProblems(std::vector<RosterProblem>& problems, const std::vector<std::string>& columns)
      : problems_(problems), columns_(columns) {}

  // The row that Add reports on until the next call; must outlive those calls.
  void Begin(SheetRow& row) { row_ = &row; }

  // A problem of the current row, which becomes invalid.
  void Add(int column, std::string reason);
  void Add(std::string column, std::string reason);  // A column named otherwise.
  // A problem of an earlier row, found after it was read; its validity is the caller's.
  void AddAt(std::int64_t row, int column, std::string reason);

 private:
  std::vector<RosterProblem>& problems_;
  const std::vector<std::string>& columns_;
  SheetRow* row_ = nullptr;
};

// Orders problems by row, each row's in the order they were found.
void SortByRow(std::vector<RosterProblem>& problems);

// Calls `take(Row&&)` for each non-blank data row of `table`, read into a new Row (a SheetRow
// with a `cells` array, one cell per column) with its sheet row number. Returns how many rows
// were taken.
template <typename Row, typename Take>
std::int64_t ReadSheetRows(const formats::Table& table, const SheetColumns& columns, Take take) {
  std::int64_t taken = 0;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    Row row;
    row.row = static_cast<std::int64_t>(r) + 2;
    if (!columns.ReadRow(table.rows[r], row.cells)) continue;
    ++taken;
    take(std::move(row));
  }
  return taken;
}

// The regions that an import's rows name by their 12-digit code, each looked up once.
class RegionCodes {
 public:
  explicit RegionCodes(StoreTx& tx) : tx_(tx) {}

  // The region with this code when it exists and lies in the actor's scope; else nullptr, after
  // reporting why on `column` of the current row. The pointer stays valid while this object
  // lives.
  const domain::Region* InScope(const std::string& code, const Actor& actor, RowProblems& problems,
                                int column);

  // A region that InScope found before, whether in scope or not; nullptr for an unknown code.
  const domain::Region* Found(const std::string& code) const;

 private:
  StoreTx& tx_;
  std::unordered_map<std::string, std::optional<domain::Region>> regions_;
};

}  // namespace minqing::app
