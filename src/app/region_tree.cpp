#include "app/region_tree.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "domain/codes.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/text.hpp"
#include "domain/text_rules.hpp"

namespace minqing::app {
namespace {

using domain::Permission;
using domain::RegionLevel;

constexpr std::size_t kMaxRegionNameChars = 50;
constexpr std::chrono::seconds kLevelsMaxAge{30};

// Header names each column is known by, compared after trimming and ASCII lower-casing.
const std::vector<std::string> kCodeHeaders = {"统计用区划代码", "区划代码", "代码", "code"};
const std::vector<std::string> kNameHeaders = {"名称", "区划名称", "name"};
const std::vector<std::string> kLevelHeaders = {"层级", "级别", "level"};
const std::vector<std::string> kParentHeaders = {"上级代码", "上级区划代码", "parent_code",
                                                 "parent"};

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

int FindColumn(const std::vector<std::string>& header, const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string h = Lower(domain::TrimWide(header[i]));
    if (std::find(names.begin(), names.end(), h) != names.end()) return static_cast<int>(i);
  }
  return -1;
}

// The digits of a code cell: spreadsheets may keep a leading apostrophe or add ".0".
std::string CleanCode(std::string_view cell) {
  std::string code = domain::TrimWide(cell);
  if (!code.empty() && code.front() == '\'') code.erase(0, 1);
  if (code.size() > 2 && code.ends_with(".0")) code.resize(code.size() - 2);
  return code;
}

// The leading digits that every code in the subtree of `code` shares.
std::string SubtreePrefix(std::string_view code, RegionLevel level) {
  switch (level) {
    case RegionLevel::kCity:
      return std::string(code.substr(0, 4));
    case RegionLevel::kCounty:
      return std::string(code.substr(0, 6));
    case RegionLevel::kTownship:
      return std::string(code.substr(0, 9));
    case RegionLevel::kVillage:
      return std::string(code.substr(0, 12));
    case RegionLevel::kGroup:
      return std::string(code);
  }
  return std::string(code);
}

std::string LevelList(const domain::RegionLevels& levels) {
  std::string out;
  for (const auto& l : levels.levels) {
    if (!out.empty()) out += "/";
    out += l.name;
  }
  return out;
}

std::string LevelsJson(const domain::RegionLevels& levels) {
  std::string out = "[";
  for (const auto& l : levels.levels) {
    if (out.size() > 1) out += ",";
    out += "{\"level\":\"" + std::string(domain::RegionLevelCode(l.level)) + "\",\"name\":\"" +
           JsonEscape(l.name) + "\",\"name_en\":\"" + JsonEscape(l.name_en) + "\"}";
  }
  return out + "]";
}

struct ImportRow {
  std::int64_t row = 0;
  std::string code;
  std::string name;
  RegionLevel level = RegionLevel::kVillage;
  std::string parent_code;  // Empty for a top-level region.
};

}  // namespace

domain::RegionLevels ConfiguredRegionLevels(StoreTx& tx) {
  domain::RegionLevels levels = tx.Registry().LoadRegionLevels();
  return domain::ValidRegionLevels(levels) ? levels : domain::DefaultRegionLevels();
}

domain::RegionLevels RegionTreeService::Levels() {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(levels_mutex_);
  // Read before loading: a write committed during the load leaves a generation no later read
  // matches.
  const std::uint64_t generation = store_.AreaGeneration(DataArea::kRegistry);
  if (!levels_ || levels_generation_ != generation || now - levels_loaded_at_ >= kLevelsMaxAge) {
    levels_ =
        std::make_shared<const domain::RegionLevels>(ConfiguredRegionLevels(*store_.BeginRead()));
    levels_generation_ = generation;
    levels_loaded_at_ = now;
  }
  return *levels_;
}

domain::RegionLevels RegionTreeService::SetLevels(const Actor& actor, std::string_view names,
                                                  std::string_view names_en) {
  Require(actor, Permission::kManageRegions);
  std::string error;
  auto levels = domain::ParseRegionLevels(names, names_en, &error);
  if (!levels) {
    throw domain::InvalidInput("region.levels_invalid", error,
                               {{"levels", "region.levels_invalid", error}});
  }
  auto tx = store_.Begin();
  const domain::RegionLevels before = ConfiguredRegionLevels(*tx);
  for (RegionLevel used : tx->Registry().RegionLevelsInUse()) {
    if (!levels->Has(used)) {
      const std::string message = "已有" + before.Name(used) + "级区域，新的层级设置不能去掉这一级";
      throw domain::InvalidInput("region.levels_in_use", message,
                                 {{"levels", "region.levels_in_use", message}});
    }
  }
  tx->Registry().ReplaceRegionLevels(*levels);
  RecordAudit(*tx, actor, "region.levels", "region_levels", 0, LevelsJson(before),
              LevelsJson(*levels));
  tx->Commit();
  return *levels;
}

void RegionTreeService::RequireImport(const Actor& actor) const {
  Require(actor, Permission::kManageRegions);
}

RegionImportReport RegionTreeService::Import(const Actor& actor, const formats::Table& table,
                                             const RegionImportOptions& options) {
  RequireImport(actor);
  std::string root_prefix;
  if (!options.root_code.empty()) {
    std::string error;
    auto root = domain::ParseDivisionCode(options.root_code, &error);
    if (!root) {
      throw domain::InvalidInput("region_import.root_invalid", "--root 代码无效：" + error,
                                 {{"root", "region_import.root_invalid", error}});
    }
    root_prefix = SubtreePrefix(options.root_code, root->level);
  }

  RegionImportReport report;
  std::map<std::int64_t, std::vector<RegionImportProblem>> problems;
  auto problem = [&](std::int64_t row, std::string column, std::string reason) {
    problems[row].push_back({row, std::move(column), std::move(reason)});
  };

  const int code_col = FindColumn(table.header, kCodeHeaders);
  const int name_col = FindColumn(table.header, kNameHeaders);
  const int level_col = FindColumn(table.header, kLevelHeaders);
  const int parent_col = FindColumn(table.header, kParentHeaders);
  if (code_col < 0 || name_col < 0) {
    report.problems.push_back(
        {1, "", "缺少必需的列：区划代码（或 统计用区划代码、代码）和 名称；第一行应为列名"});
    report.invalid_rows = 1;
    return report;
  }
  const auto header = [&](int col) { return domain::TrimWide(table.header[col]); };
  const auto cell = [](const std::vector<std::string>& row, int col) -> std::string_view {
    return col >= 0 && static_cast<std::size_t>(col) < row.size() ? std::string_view(row[col])
                                                                  : std::string_view();
  };

  auto tx = store_.Begin();
  const domain::RegionLevels levels = ConfiguredRegionLevels(*tx);
  std::unordered_map<std::string, domain::Region> existing;
  for (auto& region : tx->Registry().ListRegionsUnder("/", std::nullopt)) {
    if (!region.code.empty()) existing.emplace(region.code, std::move(region));
  }
  std::unordered_map<domain::Id, std::string> code_of_id;
  for (const auto& [code, region] : existing) code_of_id.emplace(region.id, code);

  // First pass: each row on its own.
  std::vector<ImportRow> rows;
  std::unordered_map<std::string, std::int64_t> first_row_of_code;
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto& cells = table.rows[i];
    const std::int64_t row_number = static_cast<std::int64_t>(i) + 2;
    if (std::all_of(cells.begin(), cells.end(),
                    [](const std::string& c) { return domain::TrimWide(c).empty(); })) {
      continue;
    }
    ++report.rows;
    ImportRow r;
    r.row = row_number;
    r.code = CleanCode(cell(cells, code_col));
    r.name = domain::TrimWide(cell(cells, name_col));
    std::string error;
    auto parsed = domain::ParseDivisionCode(r.code, &error);
    if (parsed && !root_prefix.empty() && !r.code.starts_with(root_prefix)) {
      ++report.skipped;
      --report.rows;
      continue;
    }
    const std::size_t problems_before = problems[row_number].size();
    if (!parsed) {
      problem(row_number, header(code_col),
              r.code.empty() ? "请填写区划代码" : error + "（" + r.code + "）");
    }
    if (r.name.empty()) {
      problem(row_number, header(name_col), "请填写名称");
    } else if (auto p = domain::CheckTextField(
                   "name", r.name,
                   {kMaxRegionNameChars, false, "region.name_too_long", "名称不能超过50字"})) {
      problem(row_number, header(name_col), p->message);
    }
    if (parsed) {
      r.level = parsed->level;
      const std::string level_text = domain::TrimWide(cell(cells, level_col));
      if (!level_text.empty()) {
        auto named = domain::ParseImportLevel(level_text, levels);
        if (!named) {
          problem(row_number, header(level_col),
                  "无法识别的层级“" + level_text + "”，应为 " + LevelList(levels) + " 之一");
        } else if (*named != parsed->level) {
          problem(
              row_number, header(level_col),
              "层级“" + level_text + "”与区划代码不符：代码为" + levels.Name(parsed->level) + "级");
        }
      }
      if (!levels.Has(parsed->level)) {
        problem(row_number, level_col >= 0 ? header(level_col) : header(code_col),
                "该行为" + levels.Name(parsed->level) + "级，不在本系统配置的层级（" +
                    LevelList(levels) + "）内");
      }
      const std::string parent_text = CleanCode(cell(cells, parent_col));
      if (parsed->level != levels.Top()) {
        r.parent_code = parent_text.empty() ? parsed->parent_code : parent_text;
      }
      if (auto it = first_row_of_code.find(r.code); it != first_row_of_code.end()) {
        problem(row_number, header(code_col),
                "区划代码重复：与第" + std::to_string(it->second) + "行相同（" + r.code + "）");
      } else {
        first_row_of_code.emplace(r.code, row_number);
      }
      if (auto it = existing.find(r.code); it != existing.end()) {
        if (it->second.level != r.level) {
          problem(row_number, header(code_col),
                  "系统中已有此代码的区域“" + it->second.name + "”，层级为" +
                      levels.Name(it->second.level) + "级，与本行不同");
        }
      }
    }
    if (problems[row_number].size() == problems_before) {
      rows.push_back(std::move(r));
    }
  }

  // Second pass: parents, against the file and the database.
  std::unordered_map<std::string, const ImportRow*> by_code;
  for (const auto& r : rows) by_code.emplace(r.code, &r);
  for (const auto& r : rows) {
    const std::string parent_header = parent_col >= 0 ? header(parent_col) : header(code_col);
    std::optional<RegionLevel> parent_level;
    std::optional<domain::Id> parent_id;
    if (!r.parent_code.empty()) {
      if (auto it = by_code.find(r.parent_code); it != by_code.end()) {
        parent_level = it->second->level;
      } else if (first_row_of_code.count(r.parent_code) > 0) {
        problem(r.row, parent_header,
                "上级区划（" + r.parent_code + "，第" +
                    std::to_string(first_row_of_code[r.parent_code]) + "行）有错误");
        continue;
      }
      if (auto it = existing.find(r.parent_code); it != existing.end()) {
        parent_level = it->second.level;
        parent_id = it->second.id;
      }
      if (!parent_level) {
        problem(r.row, parent_header,
                "上级区划代码" + r.parent_code + "不存在：文件中没有，系统中也没有");
        continue;
      }
      if (static_cast<int>(*parent_level) >= static_cast<int>(r.level)) {
        problem(r.row, parent_header, "上级区划的层级应高于本行");
        continue;
      }
    }
    if (auto it = existing.find(r.code); it != existing.end()) {
      const domain::Region& old = it->second;
      std::string old_parent_code;
      if (old.parent_id) {
        auto p = code_of_id.find(*old.parent_id);
        old_parent_code = p == code_of_id.end() ? std::string("?") : p->second;
      }
      if (old_parent_code != r.parent_code) {
        problem(r.row, parent_header,
                "系统中已有此代码的区域“" + old.name + "”，上级不同；导入不移动区域");
        continue;
      }
      Require(actor, Permission::kManageRegions, old.path);
    } else if (parent_id) {
      Require(actor, Permission::kManageRegions, existing.at(r.parent_code).path);
    } else if (r.parent_code.empty()) {
      Require(actor, Permission::kManageRegions, "/");
    }
  }

  for (auto& [row, list] : problems) {
    if (list.empty()) continue;
    ++report.invalid_rows;
    for (auto& p : list) report.problems.push_back(std::move(p));
  }
  if (report.invalid_rows > 0) return report;

  // Valid: top first, so every parent has its path before its children.
  std::vector<const ImportRow*> ordered;
  for (const auto& r : rows) ordered.push_back(&r);
  std::stable_sort(ordered.begin(), ordered.end(), [](const ImportRow* a, const ImportRow* b) {
    return static_cast<int>(a->level) < static_cast<int>(b->level);
  });
  std::unordered_map<std::string, std::string> path_of_code;
  for (const auto& [code, region] : existing) path_of_code.emplace(code, region.path);
  std::vector<domain::Region> created;
  std::string renamed_json = "[";
  for (const ImportRow* r : ordered) {
    if (auto it = existing.find(r->code); it != existing.end()) {
      if (it->second.name == r->name) {
        ++report.unchanged;
        continue;
      }
      ++report.renamed;
      if (renamed_json.size() > 1) renamed_json += ",";
      renamed_json += "{\"code\":\"" + r->code + "\",\"before\":\"" + JsonEscape(it->second.name) +
                      "\",\"after\":\"" + JsonEscape(r->name) + "\"}";
      if (!options.dry_run) {
        domain::Region updated = it->second;
        updated.name = r->name;
        tx->Registry().UpdateRegion(updated);
      }
      continue;
    }
    ++report.created;
    domain::Region region;
    region.id = domain::NewId();
    region.level = r->level;
    region.code = r->code;
    region.name = r->name;
    // Appended piece by piece: g++ 12 warns (-Wrestrict) on "/" + std::to_string(id).
    if (r->parent_code.empty()) {
      region.path = "/";
    } else {
      region.path = path_of_code.at(r->parent_code);
      region.parent_id = domain::RegionPathIds(region.path).back();
    }
    region.path += std::to_string(region.id);
    region.path += '/';
    path_of_code.emplace(region.code, region.path);
    created.push_back(std::move(region));
  }
  renamed_json += "]";
  if (options.dry_run) return report;
  if (!created.empty()) tx->Registry().BulkInsertRegions(created);
  JsonObjectWriter summary;
  summary.Add("rows", report.rows)
      .Add("created", report.created)
      .Add("renamed", report.renamed)
      .Add("unchanged", report.unchanged)
      .Add("skipped", report.skipped)
      .Add("root", options.root_code);
  // The flat summary, then the renamed regions' before and after names as an array.
  std::string after = summary.Finish();
  after.pop_back();
  after += ",\"renamed_regions\":" + renamed_json + "}";
  RecordAudit(*tx, actor, "region.import", "region", 0, "", std::move(after));
  tx->Commit();
  report.written = true;
  return report;
}

}  // namespace minqing::app
