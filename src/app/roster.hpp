// Household roster (花名册) import and export: one row per resident with the columns a county
// office uses (RosterColumns()). Import validates every row and reports each problem with its
// spreadsheet row (the header is row 1), column and a Chinese reason; it writes in one
// transaction with one summarising audit entry ("roster.import"). Export writes every household
// and resident under a region with full ID-card numbers, so it is an admin action and audited
// ("roster.export"). Both need Permission::kImportExport and stay inside the actor's region
// scope. Export followed by import into an empty database with the same regions recreates the
// same households and residents.
// Thread-safety: a RosterService is safe to share between threads (state lives in the Store).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "formats/table.hpp"

namespace minqing::app {

// 户编号, 所属区域代码, 地址, 户标签, 姓名, 性别, 出生日期, 身份证号, 联系电话, 与户主关系.
const std::vector<std::string>& RosterColumns();

struct RosterProblem {
  std::int64_t row = 0;  // As Excel shows it: the header is row 1, the first data row is 2.
  std::string column;    // The Chinese column header; empty for a whole-row problem.
  std::string reason;    // Chinese.
};

enum class ImportMode {
  kDryRun,        // Validate and report; write nothing.
  kAllOrNothing,  // Write only if every row is valid.
  kSkipInvalid,   // Write the households whose rows are all valid; skip the others.
};

struct ImportOptions {
  ImportMode mode = ImportMode::kAllOrNothing;
  // Called with (rows processed, total rows) every few thousand rows and once at the end.
  std::function<void(std::int64_t, std::int64_t)> progress;
};

struct ImportReport {
  std::int64_t rows = 0;          // Non-blank data rows.
  std::int64_t invalid_rows = 0;  // Rows with at least one problem.
  // What was written (or, in a dry run, what would be written with kSkipInvalid).
  std::int64_t households_created = 0;
  std::int64_t households_extended = 0;  // Existing households that received residents.
  std::int64_t residents_created = 0;
  std::int64_t households_skipped = 0;  // Households left out because a row of theirs is invalid.
  bool written = false;
  std::vector<RosterProblem> problems;  // Ordered by row.
};

class RosterService {
 public:
  explicit RosterService(Store& store);

  // Throws Forbidden unless the actor may import (kImportExport). Callers that receive a file
  // call this before reading, decoding or parsing it.
  void RequireImport(const Actor& actor) const;

  // Throws Forbidden without kImportExport. Row problems are reported, never thrown.
  ImportReport Import(const Actor& actor, const formats::Table& table,
                      const ImportOptions& options);

  // Every household under the region with this 12-digit code (empty: the actor's whole scope),
  // ordered by 户编号, each household's head first. A household without residents is one row
  // with empty resident columns. Throws NotFound for an unknown code, Forbidden out of scope.
  formats::Table Export(const Actor& actor, std::string_view region_code);

 private:
  Store& store_;
};

}  // namespace minqing::app
