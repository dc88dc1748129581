// The levels of a deployment's region tree and their names, and the national statistical
// division codes (统计用区划代码) a region tree is imported from. Pure functions on values;
// thread-safe.
//
// A deployment has three to five levels, top first, contiguous: a county 县/乡镇/村/组 (the
// default), a county without groups 县/乡镇/村, or a district under a city root
// 市/区/街道/社区/网格. The semantic levels stay (RegionLevel): the first of four names is the
// county level, of five names the city level; the bottom level is where households live.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace minqing::domain {

struct RegionLevelName {
  RegionLevel level = RegionLevel::kCounty;
  std::string name;     // Chinese, e.g. 街道.
  std::string name_en;  // English, e.g. Subdistrict.
};

struct RegionLevels {
  std::vector<RegionLevelName> levels;  // Top first, contiguous.

  RegionLevel Top() const { return levels.front().level; }
  RegionLevel Bottom() const { return levels.back().level; }
  bool Has(RegionLevel level) const;
  // The configured Chinese name of a level, or the default label when the level is not used.
  std::string Name(RegionLevel level) const;
  std::string NameEn(RegionLevel level) const;
  // Where a household is registered, in words: "村或组", "社区或网格", "村" without groups.
  std::string HouseholdPlaces() const;
};

// 县/乡镇/村/组 (County/Township/Village/Group).
RegionLevels DefaultRegionLevels();

// Reads the level names as an administrator writes them: "市,区,街道,社区,网格" (separated by
// ',', '，', '/' or '、'), and optionally the English names the same way ("" for the default
// English of each level). Three or four names start at the county, five at the city. Returns
// nullopt and sets `error` (Chinese) when the names are not 3 to 5 non-empty, distinct names of
// at most 10 characters, or the English list has another length.
std::optional<RegionLevels> ParseRegionLevels(std::string_view names, std::string_view names_en,
                                              std::string* error);

// Whether levels is a valid list (3 to 5 contiguous levels ending at least at the village, with
// names), as ParseRegionLevels makes and as stored.
bool ValidRegionLevels(const RegionLevels& levels);

// What a division code says about its region. Codes are 12 digits in segments 2-2-2-3-3
// (province, city, county, township, village); the segments after the last non-zero one are
// zero. A region below the village (group 组, grid 网格) has no national code: it takes a local
// 15-digit code, its village's 12 digits and 3 of its own (not 000).
struct DivisionCode {
  RegionLevel level = RegionLevel::kVillage;
  std::string parent_code;  // The code of the level above; empty for a city (its province).
};

// Parses a division code; nullopt with `error` (Chinese) for a wrong length, non-digits, a zero
// segment before a non-zero one, or a province code (no level above the city is kept).
std::optional<DivisionCode> ParseDivisionCode(std::string_view code, std::string* error);

// Reads the level column of an import: a deployment's own name (街道), a level code
// ("township"), the national names (省 市 县 区 乡 镇 街道 村 社区 组 网格), or the statistical
// level numbers 1 (province) to 5 (village). nullopt when it names none; a province reads as
// nullopt too.
std::optional<RegionLevel> ParseImportLevel(std::string_view text, const RegionLevels& levels);

}  // namespace minqing::domain
