// Statistics by household tag (按标签统计: 低保, 五保, 残疾, 留守, 移民 ...) and the map (地图) of
// households and matters, for leaders and window staff.
//
// Contract: every call requires matter.export (leaders, service-centre staff, administrators)
// and reads only the actor's region scope; a region asked for must lie in it (else Forbidden
// auth.forbidden) and exist (NotFound region.not_found). Periods are YYYY-MM-DD dates in China
// time, default the last 365 days; a bad date is InvalidInput date.invalid, from after to
// period.invalid. Tag statistics group by the level below the region asked for (townships under
// a county or the whole scope, villages under a township, groups under a village). The map gives
// coordinates rounded to domain::kMapCoordinateScale as offsets from one origin, so a county of
// 56k households travels in one compact answer; households without coordinates are counted and
// listed (未定位), never dropped silently. Names on the map are masked (domain::MaskPersonName)
// for a viewer who may not browse the registry; no phone or ID number is given.
//
// Thread-safety: as the Store (no state of its own).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "app/tag_map_store.hpp"
#include "domain/tag_map.hpp"
#include "formats/table.hpp"

namespace minqing::app {

struct TagStatsQuery {
  std::string from;
  std::string to;
  std::optional<Id> region_id;
};

struct TagStatsCell {
  std::string tag;
  domain::TagCounters counters;
};

// One region of the level below the one asked for, with the figures of every tag (in the order
// of TagStats::tags; zero where no household there has it).
struct TagStatsRow {
  Id region_id = 0;
  std::string name;
  bool has_children = false;  // Whether a drill-down below this row exists.
  std::vector<TagStatsCell> tags;
};

struct TagStats {
  std::string from;
  std::string to;
  std::optional<Id> region_id;  // The region asked for; nullopt for the whole scope.
  std::string region_name;      // Its name, or "" for the whole scope.
  std::optional<Id> parent_id;  // The region to go back up to (inside the scope), if any.
  domain::RegionLevel row_level = domain::RegionLevel::kTownship;
  std::vector<std::string> tags;     // Every tag met, most households first.
  std::vector<TagStatsRow> rows;     // By region name.
  std::vector<TagStatsCell> totals;  // 合计 per tag (a household with two tags counts in both).
};

struct MapQuery {
  std::optional<Id> region_id;
  std::string tag;
  std::optional<Id> category_id;
  std::string status;  // "", "open" (已受理/已派单/办理中) or a status code (replied, closed ...).
  std::string from;
  std::string to;
  std::optional<double> cell_km;  // Hotspot cell width.
};

struct MapLabel {
  Id region_id = 0;
  std::string name;
  domain::RegionLevel level = domain::RegionLevel::kTownship;
  std::int32_t lng = 0;  // Offsets from MapView's origin, map units.
  std::int32_t lat = 0;
};

struct UnlocatedCount {
  Id region_id = 0;
  std::string name;
  std::int64_t count = 0;
};

struct MapView {
  std::int32_t origin_lng = 0;  // Map units; every point below is an offset from the origin.
  std::int32_t origin_lat = 0;
  std::int32_t span_lng = 0;  // The extent of the points (0 without points).
  std::int32_t span_lat = 0;
  std::int64_t households_total = 0;
  std::vector<std::int32_t> households;  // lng, lat, lng, lat ...
  std::int64_t households_unlocated = 0;
  std::vector<UnlocatedCount> unlocated_by_village;
  std::vector<domain::Household> unlocated_sample;  // The first 50 by number.
  std::int64_t matters_total = 0;
  std::vector<std::int32_t> matters;  // lng, lat, category index, status code ...
  std::int64_t matters_unlocated = 0;
  std::vector<std::pair<Id, std::string>> categories;  // Index → category (0: 未分类).
  std::int32_t cell = 0;                               // Hotspot cell width, map units.
  std::vector<domain::HotspotCell> hotspots;           // Offsets from the origin.
  std::vector<MapLabel> labels;                        // Townships and villages.
  std::string from;
  std::string to;
};

// What lies at one point of the map.
struct MapPointInfo {
  std::vector<domain::Household> households;  // head_name masked for the viewer.
  std::vector<MapMatterHit> matters;          // caller_name masked for the viewer.
};

class TagMapService {
 public:
  explicit TagMapService(Store& store) : store_(store) {}

  TagStats Stats(const Actor& actor, const TagStatsQuery& query);
  // The same figures as a table: a row per region and tag, then a 合计 row per tag.
  formats::Table ExportStats(const Actor& actor, const TagStatsQuery& query);

  MapView Map(const Actor& actor, const MapQuery& query);
  // Households and matters of the map's filters within `radius` degrees of (lng, lat), at most
  // 20 of each; map.bad_point when the point or radius is not a coordinate.
  MapPointInfo At(const Actor& actor, const MapQuery& query, double lng, double lat, double radius);

 private:
  Store& store_;
};

}  // namespace minqing::app
