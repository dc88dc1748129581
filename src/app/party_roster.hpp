// Party roster (党员花名册) import and export: one row per party member with the columns an
// organisation department uses (PartyRosterColumns()). The member is matched to a registry
// resident by ID-card number (the residents' roster comes first) and must carry the same name.
// The 党组织路径 column (e.g. 饶阳镇党委/小石楼村党支部/一组党小组) names the member's party
// organisation from the top; path elements that do not exist yet are created: the kind comes from
// the name's ending (党委, 党工委, 党总支, 党支部 → a branch-level org that may hold others; 党小组
// → a group), the region from the name without that ending matching a region inside the parent
// org's region (小石楼村党支部 → region 小石楼村), else the parent org's region.
// Import validates every row and reports each problem with its spreadsheet row (the header is row
// 1), column and a Chinese reason, as the household roster does; it writes in one transaction with
// one summarising audit entry ("party_roster.import"). Re-importing a member (same ID card)
// updates them instead of adding a second record; empty optional cells keep what is stored.
// Export writes every member in the actor's scope in the same columns (full ID-card numbers, so
// audited as "party_roster.export"), so export → import recreates the same orgs and members.
// Both need Permission::kImportExport and stay inside the actor's region scope.
// Thread-safety: a PartyRosterService is safe to share between threads (state lives in the Store).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/roster.hpp"
#include "app/store.hpp"
#include "formats/table.hpp"

namespace minqing::app {

// 党组织路径, 姓名, 身份证号, 入党日期, 党员状态, 是否流动, 流动去向, 是否可联系农户,
// 联系户数上限, 联系电话, 是否党小组长.
const std::vector<std::string>& PartyRosterColumns();

struct PartyImportReport {
  std::int64_t rows = 0;          // Non-blank data rows.
  std::int64_t invalid_rows = 0;  // Rows with at least one problem.
  // What was written (or, in a dry run, what would be written with kSkipInvalid).
  std::int64_t orgs_created = 0;
  std::int64_t members_created = 0;
  std::int64_t members_updated = 0;
  std::int64_t leaders_set = 0;     // Groups whose leader (党小组长) the file set or changed.
  std::int64_t phones_updated = 0;  // Residents whose phone the file changed.
  std::int64_t rows_skipped = 0;    // Invalid rows left out (kSkipInvalid).
  bool written = false;
  std::vector<RosterProblem> problems;  // Ordered by row.
};

class PartyRosterService {
 public:
  explicit PartyRosterService(Store& store);

  // Throws Forbidden unless the actor may import (kImportExport). Callers that receive a file
  // call this before reading, decoding or parsing it.
  void RequireImport(const Actor& actor) const;

  // Throws Forbidden without kImportExport. Row problems are reported, never thrown. A row with
  // only a path creates that path's orgs (how export lists an org without members).
  PartyImportReport Import(const Actor& actor, const formats::Table& table, ImportMode mode);

  // Every party member in the actor's scope, ordered by path then name, and one path-only row
  // for each org without members of its own. Throws Forbidden without kImportExport.
  formats::Table Export(const Actor& actor);

 private:
  Store& store_;
};

}  // namespace minqing::app
