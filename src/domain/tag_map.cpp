#include "domain/tag_map.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace minqing::domain {

TagCounters& TagCounters::operator+=(const TagCounters& other) {
  households += other.households;
  residents += other.residents;
  received += other.received;
  open += other.open;
  replied += other.replied;
  closed += other.closed;
  visits += other.visits;
  return *this;
}

void BookMatterStatus(TagCounters& counters, int status, std::int64_t count) {
  counters.received += count;
  if (status >= 1 && status <= 3) counters.open += count;
  if (status == 4) counters.replied += count;
  if (status == 5) counters.closed += count;
}

std::int32_t MapCoordinate(double degrees) {
  return static_cast<std::int32_t>(std::lround(degrees * kMapCoordinateScale));
}

bool IsLocated(std::optional<double> lat, std::optional<double> lng) {
  if (!lat || !lng || !std::isfinite(*lat) || !std::isfinite(*lng)) return false;
  if (*lat == 0 && *lng == 0) return false;
  return *lat >= -90 && *lat <= 90 && *lng >= -180 && *lng <= 180;
}

namespace {

// The lower edge of the cell that holds `v` (floor division, also for negative coordinates).
std::int32_t CellStart(std::int32_t v, std::int32_t cell) {
  std::int32_t q = v / cell;
  if (v % cell != 0 && v < 0) --q;
  return q * cell;
}

}  // namespace

std::vector<HotspotCell> BinHotspots(const std::vector<std::int32_t>& lngs,
                                     const std::vector<std::int32_t>& lats, std::int32_t cell) {
  cell = std::max<std::int32_t>(cell, 1);
  std::map<std::pair<std::int32_t, std::int32_t>, std::int64_t> counts;
  const std::size_t n = std::min(lngs.size(), lats.size());
  for (std::size_t i = 0; i < n; ++i) {
    ++counts[{CellStart(lngs[i], cell), CellStart(lats[i], cell)}];
  }
  std::vector<HotspotCell> out;
  out.reserve(counts.size());
  for (const auto& [key, count] : counts) {
    out.push_back({key.first + cell / 2, key.second + cell / 2, count});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const HotspotCell& a, const HotspotCell& b) { return a.count > b.count; });
  return out;
}

std::optional<std::int32_t> HotspotCellUnits(std::optional<double> cell_km) {
  const double km = cell_km.value_or(1.0);
  if (!std::isfinite(km) || km < 0.2 || km > 20) return std::nullopt;
  // One degree of latitude is about 111 km; a cell is square in degrees.
  return static_cast<std::int32_t>(std::lround(km / 111.0 * kMapCoordinateScale));
}

}  // namespace minqing::domain
