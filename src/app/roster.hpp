// Household roster (花名册) import and export: one row per resident with the columns a county
// office uses (RosterColumns()). Import validates every row and reports each problem with its
// spreadsheet row (the header is row 1), column and a Chinese reason; it writes in one
// transaction with one summarising audit entry ("roster.import").
//
// A re-import updates: households are matched by 户编号, and the sheet's rows of a household are
// its whole membership. Address and tags that differ are updated; residents are matched by
// ID-card number (else by name, among those without one) and their name, sex, birth date, phone
// and relation updated; residents not in the sheet move out of the household (the resident
// move of RegistryService::MoveResident, never a delete); the others are added. The report lists
// each kind of change (the first kMaxChangesListed of each) with before and after.
//
// Import streams: it reads the file twice (check, then write), holding per household a few
// numbers and per resident a 16-byte ID-card key, never the rows, and writes in batches. Export
// writes every household and resident under a region with full ID-card numbers, so it is an admin
// action and audited
// ("roster.export"). Both need Permission::kImportExport and stay inside the actor's region
// scope. Export followed by import into an empty database with the same regions recreates the
// same households and residents.
// Export reads through Store::BeginReplicaRead with the actor's fence (a read replica may answer).
// Thread-safety: a RosterService is safe to share between threads (state lives in the Store).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "formats/table.hpp"

namespace minqing::app {

// 户编号, 所属区域代码, 地址, 户标签, 姓名, 性别, 出生日期, 身份证号, 联系电话, 与户主关系, 村两委,
// 村民代表. The last two (the voter flags of 述职评议, residents.village_committee/villager_rep)
// are optional: 是/否, 1/0 or Y/N; an empty cell (or a missing column) keeps the stored flag, a
// new resident's is 否; any other text is a row problem on that column. Export writes 是/否.
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
  // An import that only adds households, at least this many and at least as many as the
  // registry holds, writes them with the registry's indexes dropped and builds those once at
  // the end (RegistryRepository::BeginBulkLoad): a county's first roster.
  std::int64_t bulk_load_from_households = 10000;
  // Residents (or households) per write batch; a batch ends between two households.
  std::size_t write_batch = 20000;
  // The caller expects to be the database's only user (`minqing import`): the import runs in
  // Store::BeginSole(), which on SQLite writes through a rollback journal when it can.
  bool sole_user = false;
};

// One field of a household or resident that a re-import changes.
struct FieldChange {
  std::string column;  // The Chinese column header, e.g. "地址".
  std::string before;
  std::string after;  // ID-card numbers masked.
};

// One household or resident that an import adds, changes or moves out.
struct RosterChange {
  std::int64_t row = 0;  // The sheet row (its first for a household); 0 for a moved-out resident.
  std::string household_number;
  std::string name;                  // The resident's name; for a household, its address.
  std::vector<FieldChange> changes;  // Only for changed households and residents.
};

// How many changes of each kind an ImportReport lists; the counts are always complete.
inline constexpr std::size_t kMaxChangesListed = 1000;

struct RosterChanges {
  std::vector<RosterChange> households_added;
  std::vector<RosterChange> households_changed;
  std::vector<RosterChange> residents_added;
  std::vector<RosterChange> residents_changed;
  std::vector<RosterChange> residents_moved_out;
};

struct ImportReport {
  std::int64_t rows = 0;          // Non-blank data rows.
  std::int64_t invalid_rows = 0;  // Rows with at least one problem.
  // What was written (or, in a dry run, what would be written with kSkipInvalid).
  std::int64_t households_created = 0;
  std::int64_t households_extended = 0;  // Existing households that received residents.
  std::int64_t residents_created = 0;
  std::int64_t households_skipped = 0;  // Households left out because a row of theirs is invalid.
  std::int64_t households_changed = 0;  // Existing households whose address or tags change.
  std::int64_t residents_changed = 0;
  std::int64_t residents_moved_out = 0;  // In the store under a household, absent from its rows.
  RosterChanges changes;
  bool written = false;
  // Written with the registry's indexes built once at the end (ImportOptions::
  // bulk_load_from_households).
  bool bulk_loaded = false;
  std::vector<RosterProblem> problems;  // Ordered by row.
};

class RosterService {
 public:
  explicit RosterService(Store& store);

  // Throws Forbidden unless the actor may import (kImportExport). Callers that receive a file
  // call this before reading, decoding or parsing it.
  void RequireImport(const Actor& actor) const;

  // Opens the file again at each call; import reads it twice.
  using RowSource = std::function<std::unique_ptr<formats::RowReader>()>;

  // Throws Forbidden without kImportExport. Row problems are reported, never thrown; a reader's
  // error (InvalidInput) is thrown and nothing is written.
  ImportReport Import(const Actor& actor, const RowSource& source, const ImportOptions& options);
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
