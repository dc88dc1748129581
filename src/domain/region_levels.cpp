#include "domain/region_levels.hpp"

#include <algorithm>
#include <array>

#include "domain/codes.hpp"
#include "domain/text.hpp"

namespace minqing::domain {
namespace {

constexpr std::size_t kMaxNameChars = 10;

struct DefaultName {
  RegionLevel level;
  std::string_view name;
  std::string_view name_en;
};

constexpr std::array<DefaultName, 5> kDefaults{{
    {RegionLevel::kCity, "市", "City"},
    {RegionLevel::kCounty, "县", "County"},
    {RegionLevel::kTownship, "乡镇", "Township"},
    {RegionLevel::kVillage, "村", "Village"},
    {RegionLevel::kGroup, "组", "Group"},
}};

const DefaultName& DefaultOf(RegionLevel level) {
  for (const auto& d : kDefaults) {
    if (d.level == level) return d;
  }
  return kDefaults[1];
}

// Splits at ',', '，', '/' and '、', trimming each part; an empty text gives no parts.
std::vector<std::string> SplitNames(std::string_view text) {
  std::vector<std::string> parts;
  std::string current;
  bool any = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t sep = 0;
    if (text[i] == ',' || text[i] == '/') {
      sep = 1;
    } else if (text.substr(i, 3) == "，" || text.substr(i, 3) == "、") {
      sep = 3;
    }
    if (sep > 0) {
      parts.push_back(TrimWide(current));
      current.clear();
      i += sep;
      any = true;
      continue;
    }
    current += text[i];
    any = true;
    ++i;
  }
  if (any) parts.push_back(TrimWide(current));
  return parts;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool AllZero(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == '0'; });
}

}  // namespace

bool RegionLevels::Has(RegionLevel level) const {
  return std::any_of(levels.begin(), levels.end(),
                     [level](const RegionLevelName& l) { return l.level == level; });
}

std::string RegionLevels::Name(RegionLevel level) const {
  for (const auto& l : levels) {
    if (l.level == level) return l.name;
  }
  return std::string(DefaultOf(level).name);
}

std::string RegionLevels::NameEn(RegionLevel level) const {
  for (const auto& l : levels) {
    if (l.level == level) return l.name_en;
  }
  return std::string(DefaultOf(level).name_en);
}

std::string RegionLevels::HouseholdPlaces() const {
  std::string out = Name(RegionLevel::kVillage);
  if (Has(RegionLevel::kGroup)) out += "或" + Name(RegionLevel::kGroup);
  return out;
}

RegionLevels DefaultRegionLevels() {
  RegionLevels out;
  for (std::size_t i = 1; i < kDefaults.size(); ++i) {
    out.levels.push_back(
        {kDefaults[i].level, std::string(kDefaults[i].name), std::string(kDefaults[i].name_en)});
  }
  return out;
}

std::optional<RegionLevels> ParseRegionLevels(std::string_view names, std::string_view names_en,
                                              std::string* error) {
  const std::vector<std::string> zh = SplitNames(names);
  const std::vector<std::string> en = SplitNames(names_en);
  if (zh.size() < 3 || zh.size() > 5) {
    *error = "区域层级应为3至5级，自上而下用逗号分隔，例如 县,乡镇,村,组 或 市,区,街道,社区,网格";
    return std::nullopt;
  }
  if (!en.empty() && en.size() != zh.size()) {
    *error = "英文层级名称的个数应与中文层级相同";
    return std::nullopt;
  }
  RegionLevels out;
  const int top = zh.size() == 5 ? static_cast<int>(RegionLevel::kCity)
                                 : static_cast<int>(RegionLevel::kCounty);
  for (std::size_t i = 0; i < zh.size(); ++i) {
    if (zh[i].empty() || Utf8Length(zh[i]) > kMaxNameChars) {
      *error = "每级名称不能为空，且不超过10个字";
      return std::nullopt;
    }
    if (std::count(zh.begin(), zh.end(), zh[i]) > 1) {
      *error = "层级名称不能重复：" + zh[i];
      return std::nullopt;
    }
    const auto level = static_cast<RegionLevel>(top + static_cast<int>(i));
    std::string english = en.empty() ? std::string(DefaultOf(level).name_en) : en[i];
    if (english.empty() || english.size() > 40) {
      *error = "英文层级名称不能为空，且不超过40个字符";
      return std::nullopt;
    }
    out.levels.push_back({level, zh[i], std::move(english)});
  }
  return out;
}

bool ValidRegionLevels(const RegionLevels& levels) {
  const auto& l = levels.levels;
  if (l.size() < 3 || l.size() > 5) return false;
  if (l.front().level != RegionLevel::kCity && l.front().level != RegionLevel::kCounty) {
    return false;
  }
  if (l.size() == 5 && l.front().level != RegionLevel::kCity) return false;
  for (std::size_t i = 0; i < l.size(); ++i) {
    if (l[i].name.empty()) return false;
    if (i > 0 && static_cast<int>(l[i].level) != static_cast<int>(l[i - 1].level) + 1) return false;
  }
  return static_cast<int>(l.back().level) >= static_cast<int>(RegionLevel::kVillage);
}

std::optional<DivisionCode> ParseDivisionCode(std::string_view code, std::string* error) {
  if (!AllDigits(code) || (code.size() != 12 && code.size() != 15)) {
    *error = "区划代码应为12位数字（组、网格为15位：村代码加3位）";
    return std::nullopt;
  }
  DivisionCode out;
  if (code.size() == 15) {
    std::string village_error;
    auto village = ParseDivisionCode(code.substr(0, 12), &village_error);
    if (!village || village->level != RegionLevel::kVillage || AllZero(code.substr(12))) {
      *error = "15位代码应为所属村（社区）的12位代码加3位非零编号";
      return std::nullopt;
    }
    out.level = RegionLevel::kGroup;
    out.parent_code = std::string(code.substr(0, 12));
    return out;
  }
  // Segment ends: province 2, city 4, county 6, township 9, village 12.
  constexpr std::array<std::size_t, 5> kEnds{2, 4, 6, 9, 12};
  std::size_t last = 0;  // Index of the last non-zero segment.
  bool seen_zero = false;
  for (std::size_t i = 0; i < kEnds.size(); ++i) {
    const std::size_t begin = i == 0 ? 0 : kEnds[i - 1];
    const bool zero = AllZero(code.substr(begin, kEnds[i] - begin));
    if (!zero) {
      if (seen_zero) {
        *error = "区划代码结构不对：上一级的代码段为0，下一级却不为0";
        return std::nullopt;
      }
      last = i;
    } else {
      seen_zero = true;
    }
  }
  if (AllZero(code.substr(0, 2))) {
    *error = "区划代码的前两位（省级）不能为0";
    return std::nullopt;
  }
  if (last == 0) {
    *error = "省级区划不能导入，最高为市级";
    return std::nullopt;
  }
  out.level = static_cast<RegionLevel>(static_cast<int>(RegionLevel::kCity) + last - 1);
  if (last >= 2) {
    out.parent_code = std::string(code.substr(0, kEnds[last - 1]));
    out.parent_code.append(12 - out.parent_code.size(), '0');
  }
  return out;
}

std::optional<RegionLevel> ParseImportLevel(std::string_view text, const RegionLevels& levels) {
  const std::string t = TrimWide(text);
  for (const auto& l : levels.levels) {
    if (t == l.name) return l.level;
  }
  if (auto level = ParseRegionLevel(t)) return level;
  struct Word {
    std::string_view word;
    RegionLevel level;
  };
  static constexpr std::array<Word, 22> kWords{{
      {"2", RegionLevel::kCity},         {"市", RegionLevel::kCity},
      {"地级", RegionLevel::kCity},      {"3", RegionLevel::kCounty},
      {"县", RegionLevel::kCounty},      {"区", RegionLevel::kCounty},
      {"县级", RegionLevel::kCounty},    {"县/区", RegionLevel::kCounty},
      {"4", RegionLevel::kTownship},     {"乡", RegionLevel::kTownship},
      {"镇", RegionLevel::kTownship},    {"乡镇", RegionLevel::kTownship},
      {"街道", RegionLevel::kTownship},  {"乡级", RegionLevel::kTownship},
      {"5", RegionLevel::kVillage},      {"村", RegionLevel::kVillage},
      {"社区", RegionLevel::kVillage},   {"村级", RegionLevel::kVillage},
      {"居委会", RegionLevel::kVillage}, {"6", RegionLevel::kGroup},
      {"组", RegionLevel::kGroup},       {"网格", RegionLevel::kGroup},
  }};
  for (const auto& w : kWords) {
    if (t == w.word) return w.level;
  }
  return std::nullopt;
}

}  // namespace minqing::domain
