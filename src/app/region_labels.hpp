// Region labels for a reader (domain/region_label.hpp): fills `region_label` on matters and
// households from every region's name, held in memory so a page of rows costs no query per row.
// The names are reloaded (one query) when the store's registry area generation changes, so a
// region created or renamed through this process (RegistryService) is seen by the next read,
// and at least every 30 s for writes made by other processes. With a read replica the names are
// read there when it has replayed every write behind the generation they are filed under
// (Store::LatestFence), otherwise from the primary. Thread-safe: the names are an
// immutable snapshot swapped under one mutex.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "domain/matter.hpp"

namespace minqing::app {

class RegionLabels {
 public:
  explicit RegionLabels(Store& store) : store_(store) {}

  // The label of the region at `region_path` for `reader`.
  std::string Label(const Actor& reader, std::string_view region_path);
  void Fill(const Actor& reader, domain::Matter& matter);
  void Fill(const Actor& reader, domain::Household& household);
  void Fill(const Actor& reader, std::vector<domain::Matter>& matters);
  void Fill(const Actor& reader, std::vector<domain::Household>& households);

 private:
  // Every region's name, and which regions are city roots (a path under one has its county
  // one level lower, domain::RegionLabelStart's county_index).
  struct Names {
    std::unordered_map<domain::Id, std::string> names;
    std::unordered_set<domain::Id> cities;
  };
  std::shared_ptr<const Names> Snapshot();
  static std::string LabelOf(const Names& names, const Actor& reader, std::string_view region_path);

  Store& store_;
  std::mutex mutex_;
  std::shared_ptr<const Names> names_;
  std::uint64_t loaded_generation_ = 0;
  std::chrono::steady_clock::time_point loaded_at_{};
};

}  // namespace minqing::app
