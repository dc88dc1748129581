// The repository of the statistics by household tag (按标签统计) and the map (地图): grouped
// reads over households, their residents, matters and visits, and the coordinates of households
// and matters. Read-only. Region prefixes are region paths ("" for every region); periods are
// inclusive epoch-second bounds. Thread-safety: as the transaction it belongs to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"

namespace minqing::app {

// Tagged households of one bottom-level region with the same tags.
struct TagHouseholdGroup {
  std::string region_path;
  std::vector<std::string> tags;
  std::int64_t households = 0;
  std::int64_t residents = 0;
};

// Matters of tagged households of one region with the same tags, by stored status code.
struct TagMatterGroup {
  std::string region_path;
  std::vector<std::string> tags;
  int status = 0;
  std::int64_t count = 0;
};

// Visits (民情日记 entries, corrections left out) to tagged households of one region.
struct TagVisitGroup {
  std::string region_path;
  std::vector<std::string> tags;
  std::int64_t count = 0;
};

struct MapHouseholdRow {
  domain::Id id = 0;
  std::string region_path;
  std::optional<double> lat;
  std::optional<double> lng;
};

// A matter with its own coordinates, else its household's.
struct MapMatterRow {
  std::string region_path;
  std::optional<double> lat;
  std::optional<double> lng;
  domain::Id category_id = 0;  // 0: uncategorised.
  int status = 0;
};

struct MapMatterFilter {
  std::string region_prefix;
  std::string tag;  // The household's tag; "" for any.
  std::optional<domain::Id> category_id;
  std::vector<int> statuses;  // Stored status codes; empty for any.
  domain::Epoch from = 0;
  domain::Epoch to = 0;
};

// A matter found at a point of the map.
struct MapMatterHit {
  domain::Id id = 0;
  std::string number;
  std::string title;
  int status = 0;
  std::string category_name;
  std::string caller_name;
  domain::Epoch accepted_at = 0;
  std::string household_number;
  std::string region_name;
};

// A box of coordinates, inclusive.
struct MapBox {
  double lat_min = 0;
  double lat_max = 0;
  double lng_min = 0;
  double lng_max = 0;
};

class TagMapRepository {
 public:
  virtual ~TagMapRepository() = default;

  virtual std::vector<TagHouseholdGroup> TagHouseholds(const std::string& region_prefix) = 0;
  // Matters accepted in [from, to] of the tagged households under the prefix.
  virtual std::vector<TagMatterGroup> TagMatters(const std::string& region_prefix,
                                                 domain::Epoch from, domain::Epoch to) = 0;
  virtual std::vector<TagVisitGroup> TagVisits(const std::string& region_prefix, domain::Epoch from,
                                               domain::Epoch to) = 0;

  // Every household under the prefix (with `tag` when not empty), located or not.
  virtual std::vector<MapHouseholdRow> MapHouseholds(const std::string& region_prefix,
                                                     const std::string& tag) = 0;
  // Households under the prefix without coordinates (with `tag`), by number, at most `limit`.
  virtual std::vector<domain::Household> UnlocatedHouseholds(const std::string& region_prefix,
                                                             const std::string& tag,
                                                             std::int64_t limit) = 0;
  virtual std::vector<MapMatterRow> MapMatters(const MapMatterFilter& filter) = 0;

  // Households under the prefix (with `tag`) inside the box, at most `limit`, by number.
  virtual std::vector<domain::Household> HouseholdsIn(const std::string& region_prefix,
                                                      const std::string& tag, const MapBox& box,
                                                      std::int64_t limit) = 0;
  // Matters of the filter inside the box, newest first, at most `limit`.
  virtual std::vector<MapMatterHit> MattersIn(const MapMatterFilter& filter, const MapBox& box,
                                              std::int64_t limit) = 0;
};

}  // namespace minqing::app
