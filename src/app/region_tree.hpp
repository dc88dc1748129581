// The region tree's shape: the deployment's levels and their names (domain/region_levels.hpp),
// and the import of a region tree from the national statistical division codes (统计用区划代码).
//
// Import reads a table with a code column (统计用区划代码 / 区划代码 / 代码 / code), a name column
// (名称 / 区划名称 / name) and optionally a level column (层级 / 级别 / level) and a parent
// column (上级代码 / 上级区划代码 / parent_code); the parent is otherwise derived from the code
// (2-2-2-3-3 digits; a group's 15-digit local code is its village's code and 3 digits). Every
// row is checked first: a bad code, a duplicate code, an unknown parent, a level outside the
// configured levels or one that disagrees with the code, a code already used at another level or
// under another parent are row problems (row as Excel shows it, the Chinese column header, a
// Chinese reason); a file with any problem writes nothing. A region whose code exists is renamed
// (matched by code), never duplicated. The whole import is one transaction with one audit entry
// (region.import, with the renamed regions' old and new names). Needs Permission::kManageRegions,
// checked by RequireImport before the caller reads the file, and again by Import.
//
// The level names are what the server writes wherever it names a level (API level_label, export
// headers, contact cards, CLI output): Levels() serves them from memory, reloaded (one query) when
// the store's registry area generation changes, which a SetLevels commit does, and at least every
// 30 s for writes by other processes.
// Thread-safety: safe to share between threads (the names are an immutable snapshot swapped under
// one mutex; the rest of the state lives in the Store).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "domain/region_levels.hpp"
#include "formats/table.hpp"

namespace minqing::app {

struct RegionImportOptions {
  bool dry_run = false;
  // Only rows in the subtree of this code (itself included) are imported; the others are counted
  // as skipped. Empty: every row.
  std::string root_code;
};

struct RegionImportProblem {
  std::int64_t row = 0;  // As Excel shows it: the header is row 1.
  std::string column;    // The file's own header of the column; empty for the whole row.
  std::string reason;    // Chinese.
};

struct RegionImportReport {
  std::int64_t rows = 0;          // Non-blank data rows.
  std::int64_t invalid_rows = 0;  // Rows with at least one problem.
  std::int64_t skipped = 0;       // Rows outside the root's subtree.
  std::int64_t created = 0;       // New regions (or that would be, in a dry run).
  std::int64_t renamed = 0;       // Existing regions whose name changes.
  std::int64_t unchanged = 0;     // Existing regions with the same name.
  bool written = false;
  std::vector<RegionImportProblem> problems;  // Ordered by row.
};

class RegionTreeService {
 public:
  explicit RegionTreeService(Store& store) : store_(store) {}

  // The configured levels, top first (the defaults when none, or no valid set, are stored). Not
  // secret: no check. From the cache described above.
  domain::RegionLevels Levels();

  // Sets the level names as ParseRegionLevels reads them ("市,区,街道,社区,网格"). Throws Forbidden
  // without kManageRegions, InvalidInput (region.levels_invalid) for a bad list and
  // (region.levels_in_use) when regions exist at a level the new list drops. Audited
  // (region.levels, before and after).
  domain::RegionLevels SetLevels(const Actor& actor, std::string_view names,
                                 std::string_view names_en);

  // Throws Forbidden unless the actor may manage regions. Callers that receive a file call this
  // before reading, decoding or parsing it.
  void RequireImport(const Actor& actor) const;

  // Row problems are reported, never thrown; Forbidden without kManageRegions; InvalidInput
  // (region_import.root_invalid) for a bad root code.
  RegionImportReport Import(const Actor& actor, const formats::Table& table,
                            const RegionImportOptions& options);

 private:
  Store& store_;
  std::mutex levels_mutex_;
  std::shared_ptr<const domain::RegionLevels> levels_;
  std::uint64_t levels_generation_ = 0;
  std::chrono::steady_clock::time_point levels_loaded_at_{};
};

// The levels stored in `tx`, or the default levels when none (or no valid set) are stored.
domain::RegionLevels ConfiguredRegionLevels(StoreTx& tx);

}  // namespace minqing::app
