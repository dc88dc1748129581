// Statistics by household tag (按标签统计) and the map (地图): the counters of one tag in one
// region, how a matter's status books into them, the rounding of coordinates for the map's compact
// payload, and the hotspot grid (热点) of matters computed on the server.
// Pure functions and plain values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minqing::domain {

// The figures of one tag in one region and period: households with the tag and their residents
// (today's registry), the matters of those households received in the period by their status
// now, and the visits (民情日记 entries, a correction not counted twice) made to them in it.
struct TagCounters {
  std::int64_t households = 0;
  std::int64_t residents = 0;
  std::int64_t received = 0;  // Matters accepted in the period (every status, merged included).
  std::int64_t open = 0;      // 已受理, 已派单, 办理中.
  std::int64_t replied = 0;   // 已答复, waiting for the resident's sign-off.
  std::int64_t closed = 0;    // 已办结.
  std::int64_t visits = 0;

  TagCounters& operator+=(const TagCounters& other);
};

// Books `count` matters whose stored status code is `status` (1..6, see MatterStatus).
void BookMatterStatus(TagCounters& counters, int status, std::int64_t count);

// Coordinates on the map travel as integers of 1/kMapCoordinateScale degree (about 11 m), which
// is finer than a household's position is known and keeps the payload small.
inline constexpr double kMapCoordinateScale = 10000.0;
std::int32_t MapCoordinate(double degrees);

// A longitude in [-180, 180] and a latitude in [-90, 90], both present and not both zero (an
// import that wrote 0,0 for "unknown" does not put a household in the Gulf of Guinea).
bool IsLocated(std::optional<double> lat, std::optional<double> lng);

// One square cell of the hotspot grid: its centre in map units and the points in it.
struct HotspotCell {
  std::int32_t lng = 0;
  std::int32_t lat = 0;
  std::int64_t count = 0;
};

// Points in map units as (lng, lat) pairs, binned into square cells `cell` map units wide
// (clamped to at least 1); the cells that hold points, most points first, ties west to east then
// south to north.
std::vector<HotspotCell> BinHotspots(const std::vector<std::int32_t>& lngs,
                                     const std::vector<std::int32_t>& lats, std::int32_t cell);

// The hotspot cell width in map units for a request's `cell_km` (0.2 to 20 km, default 1 km);
// nullopt when out of range.
std::optional<std::int32_t> HotspotCellUnits(std::optional<double> cell_km);

}  // namespace minqing::domain
