#include "app/sheet_import.hpp"

#include <algorithm>

#include "domain/authz.hpp"
#include "domain/text.hpp"

namespace minqing::app {

std::string_view ImportModeCode(ImportMode mode) {
  switch (mode) {
    case ImportMode::kDryRun:
      return "dry_run";
    case ImportMode::kAllOrNothing:
      return "all_or_nothing";
    case ImportMode::kSkipInvalid:
      return "skip_invalid";
  }
  return "";
}

SheetColumns::SheetColumns(const std::vector<std::string>& header,
                           const std::vector<std::string>& columns)
    : columns_(columns), index_(columns.size(), -1) {
  for (std::size_t c = 0; c < columns.size(); ++c) {
    for (std::size_t h = 0; h < header.size(); ++h) {
      if (domain::TrimWide(header[h]) == columns[c]) {
        index_[c] = static_cast<int>(h);
        break;
      }
    }
  }
}

void SheetColumns::RequireColumns(std::initializer_list<int> required,
                                  std::vector<RosterProblem>& problems) const {
  for (int column : required) {
    if (!Has(column))
      problems.push_back({1, columns_[static_cast<std::size_t>(column)], "缺少此列"});
  }
}

bool SheetColumns::ReadRow(const std::vector<std::string>& row,
                           std::span<std::string> cells) const {
  bool blank = true;
  for (std::size_t c = 0; c < cells.size() && c < index_.size(); ++c) {
    cells[c].clear();
    if (index_[c] >= 0 && static_cast<std::size_t>(index_[c]) < row.size()) {
      cells[c] = domain::TrimWide(row[static_cast<std::size_t>(index_[c])]);
      blank = blank && cells[c].empty();
    }
  }
  return !blank;
}

void RowProblems::Add(int column, std::string reason) {
  Add(columns_[static_cast<std::size_t>(column)], std::move(reason));
}

void RowProblems::Add(std::string column, std::string reason) {
  row_->valid = false;
  problems_.push_back({row_->row, std::move(column), std::move(reason)});
}

void RowProblems::AddAt(std::int64_t row, int column, std::string reason) {
  problems_.push_back({row, columns_[static_cast<std::size_t>(column)], std::move(reason)});
}

void SortByRow(std::vector<RosterProblem>& problems) {
  std::stable_sort(problems.begin(), problems.end(),
                   [](const RosterProblem& a, const RosterProblem& b) { return a.row < b.row; });
}

const domain::Region* RegionCodes::InScope(const std::string& code, const Actor& actor,
                                           RowProblems& problems, int column) {
  auto it = regions_.find(code);
  if (it == regions_.end())
    it = regions_.emplace(code, tx_.Registry().FindRegionByCode(code)).first;
  const auto& region = it->second;
  if (!region) {
    problems.Add(column, "区域代码 " + code + " 不存在");
  } else if (!domain::RegionInScope(actor.user, region->path)) {
    problems.Add(column, "区域 " + region->name + " 不在您的管辖范围内");
  } else {
    return &*region;
  }
  return nullptr;
}

const domain::Region* RegionCodes::Found(const std::string& code) const {
  auto it = regions_.find(code);
  return it == regions_.end() || !it->second ? nullptr : &*it->second;
}

}  // namespace minqing::app
