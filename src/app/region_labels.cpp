#include "app/region_labels.hpp"

#include <stdexcept>

#include "domain/ids.hpp"
#include "domain/region_label.hpp"

namespace minqing::app {
namespace {

constexpr std::chrono::seconds kMaxAge{30};

}  // namespace

std::shared_ptr<const RegionLabels::Names> RegionLabels::Snapshot() {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  // Read before loading: a write committed during the load leaves a generation no later read
  // matches.
  const std::uint64_t generation = store_.AreaGeneration(DataArea::kRegistry);
  if (!names_ || loaded_generation_ != generation || now - loaded_at_ >= kMaxAge) {
    auto names = std::make_shared<Names>();
    // From a replica only once it has replayed the writes behind `generation` (the fence read
    // after it): names older than their generation would stay until kMaxAge.
    auto reads = store_.BeginReplicaRead(store_.LatestFence());
    for (auto& region : reads->Registry().ListRegionsUnder("/", std::nullopt)) {
      if (region.level == domain::RegionLevel::kCity) names->cities.insert(region.id);
      names->names.emplace(region.id, std::move(region.name));
    }
    names_ = std::move(names);
    loaded_generation_ = generation;
    loaded_at_ = now;
  }
  return names_;
}

std::string RegionLabels::LabelOf(const Names& names, const Actor& reader,
                                  std::string_view region_path) {
  std::vector<domain::Id> ids;
  try {
    ids = domain::RegionPathIds(region_path);
  } catch (const std::logic_error&) {
    return "";
  }
  std::vector<std::string> path_names;
  path_names.reserve(ids.size());
  for (domain::Id id : ids) {
    auto it = names.names.find(id);
    path_names.push_back(it == names.names.end() ? std::string() : it->second);
  }
  const std::size_t county_index = !ids.empty() && names.cities.count(ids.front()) > 0 ? 1 : 0;
  return domain::RegionLabel(
      path_names,
      domain::RegionLabelStart(region_path, reader.user.scope_region_path, county_index));
}

std::string RegionLabels::Label(const Actor& reader, std::string_view region_path) {
  return LabelOf(*Snapshot(), reader, region_path);
}

void RegionLabels::Fill(const Actor& reader, domain::Matter& matter) {
  matter.region_label = Label(reader, matter.region_path);
}

void RegionLabels::Fill(const Actor& reader, domain::Household& household) {
  household.region_label = Label(reader, household.region_path);
}

void RegionLabels::Fill(const Actor& reader, std::vector<domain::Matter>& matters) {
  if (matters.empty()) return;
  auto names = Snapshot();
  for (auto& m : matters) m.region_label = LabelOf(*names, reader, m.region_path);
}

void RegionLabels::Fill(const Actor& reader, std::vector<domain::Household>& households) {
  if (households.empty()) return;
  auto names = Snapshot();
  for (auto& h : households) h.region_label = LabelOf(*names, reader, h.region_path);
}

}  // namespace minqing::app
