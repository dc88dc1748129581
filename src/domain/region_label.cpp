#include "domain/region_label.hpp"

#include <algorithm>

namespace minqing::domain {
namespace {

constexpr std::size_t kTownshipIndex = 1;
constexpr std::size_t kVillageIndex = 2;

std::size_t Depth(std::string_view path) {
  return static_cast<std::size_t>(std::count(path.begin(), path.end(), '/')) -
         (path.empty() ? 0 : 1);
}

}  // namespace

std::size_t RegionLabelStart(std::string_view region_path, std::string_view reader_scope_path,
                             std::size_t county_index) {
  const std::size_t township = kTownshipIndex + county_index;
  // A reader outside the region's branch, or without a region scope, needs the township.
  if (reader_scope_path.empty() || !region_path.starts_with(reader_scope_path)) {
    return township;
  }
  return std::clamp(Depth(reader_scope_path), kTownshipIndex, kVillageIndex + county_index);
}

std::string RegionLabel(const std::vector<std::string>& path_names, std::size_t start) {
  if (path_names.empty()) return "";
  if (start >= path_names.size()) return path_names.back();
  std::string label;
  for (std::size_t i = start; i < path_names.size(); ++i) {
    if (path_names[i].empty()) continue;
    if (!label.empty()) label += ' ';
    label += path_names[i];
  }
  return label.empty() ? path_names.back() : label;
}

}  // namespace minqing::domain
