#include "app/tag_map.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <string_view>
#include <unordered_map>

#include "app/authorize.hpp"
#include "app/matters/internal.hpp"
#include "domain/authz.hpp"
#include "domain/errors.hpp"
#include "domain/matter.hpp"
#include "domain/volunteers.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {

using domain::Permission;
using domain::RegionLevel;
using domain::TagCounters;

namespace {

constexpr std::int64_t kDefaultDays = 365;
constexpr std::int64_t kUnlocatedSample = 50;
constexpr std::int64_t kPointHits = 20;

struct Period {
  domain::DayNumber from = 0;
  domain::DayNumber to = 0;
};

Period ParsePeriod(const std::string& from_text, const std::string& to_text, domain::Epoch now) {
  Period p;
  p.to = domain::ChinaDay(now);
  if (!to_text.empty()) {
    auto d = domain::ParseDate(to_text);
    if (!d) matters_internal::Invalid("to", "date.invalid", "日期格式应为 YYYY-MM-DD");
    p.to = *d;
  }
  p.from = p.to - (kDefaultDays - 1);
  if (!from_text.empty()) {
    auto d = domain::ParseDate(from_text);
    if (!d) matters_internal::Invalid("from", "date.invalid", "日期格式应为 YYYY-MM-DD");
    p.from = *d;
  }
  if (p.from > p.to) {
    matters_internal::Invalid("from", "period.invalid", "开始日期不能晚于结束日期");
  }
  return p;
}

// The ids of a region path "/1/23/456/", root first.
std::vector<Id> PathIds(std::string_view path) {
  std::vector<Id> ids;
  std::size_t at = 1;
  while (at < path.size()) {
    const std::size_t end = path.find('/', at);
    if (end == std::string_view::npos) break;
    Id id = 0;
    if (std::from_chars(path.data() + at, path.data() + end, id).ec == std::errc()) {
      ids.push_back(id);
    }
    at = end + 1;
  }
  return ids;
}

// The regions under a prefix by id, with a lookup of a path's ancestor at a level.
class RegionIndex {
 public:
  RegionIndex(StoreTx& tx, const std::string& prefix) {
    for (auto& r : tx.Registry().ListRegionsUnder(prefix, std::nullopt)) {
      const Id id = r.id;
      regions_.emplace(id, std::move(r));
    }
  }
  const domain::Region* Find(Id id) const {
    auto it = regions_.find(id);
    return it == regions_.end() ? nullptr : &it->second;
  }
  // The region of `path` (or one of its ancestors) at `level`, if it lies under the prefix.
  const domain::Region* AncestorAt(std::string_view path, RegionLevel level) const {
    for (Id id : PathIds(path)) {
      const auto* r = Find(id);
      if (r != nullptr && r->level == level) return r;
    }
    return nullptr;
  }
  const std::unordered_map<Id, domain::Region>& all() const { return regions_; }

 private:
  std::unordered_map<Id, domain::Region> regions_;
};

// The region a tag statistics or map request covers: the region asked for or the actor's scope
// (nullopt for a county-wide scope).
std::optional<domain::Region> BaseRegion(StoreTx& tx, const std::string& prefix) {
  auto ids = PathIds(prefix);
  if (ids.empty()) return std::nullopt;
  return tx.Registry().FindRegion(ids.back());
}

bool MayBrowseNames(const Actor& actor) {
  return domain::RoleHas(actor.user.role, Permission::kBrowseRegistry);
}

std::vector<int> StatusCodes(const std::string& status) {
  if (status.empty()) return {};
  if (status == "open") return {1, 2, 3};
  auto s = domain::ParseMatterStatus(status);
  if (!s) matters_internal::Invalid("status", "map.bad_status", "诉求状态不正确");
  return {static_cast<int>(*s)};
}

MapMatterFilter FilterOf(const MapQuery& q, const std::string& prefix, const Period& p) {
  MapMatterFilter f;
  f.region_prefix = prefix;
  f.tag = q.tag;
  f.category_id = q.category_id;
  f.statuses = StatusCodes(q.status);
  f.from = domain::ChinaDayStart(p.from);
  f.to = domain::ChinaDayEnd(p.to);
  return f;
}

}  // namespace

TagStats TagMapService::Stats(const Actor& actor, const TagStatsQuery& query) {
  Require(actor, Permission::kMatterExport);
  const Period period = ParsePeriod(query.from, query.to, actor.now);
  auto tx = store_.BeginRead();
  const std::string prefix = matters_internal::PrefixFor(*tx, actor, query.region_id);
  const RegionIndex regions(*tx, prefix);
  const auto base = BaseRegion(*tx, prefix);

  TagStats out;
  out.from = domain::FormatDate(period.from);
  out.to = domain::FormatDate(period.to);
  if (query.region_id && base) {
    out.region_id = base->id;
    out.region_name = base->name;
    if (base->parent_id && domain::RegionInScope(actor.user, base->path) &&
        base->path != actor.user.scope_region_path) {
      out.parent_id = base->parent_id;
    }
  }
  out.row_level = RegionLevel::kTownship;
  if (base && base->level >= RegionLevel::kTownship) {
    out.row_level = static_cast<RegionLevel>(
        std::min(static_cast<int>(base->level) + 1, static_cast<int>(RegionLevel::kGroup)));
  }

  // region id (0: households right at the base, above the row level) -> tag -> counters.
  std::map<Id, std::map<std::string, TagCounters>> cells;
  auto cell_of = [&](const std::string& path) -> std::map<std::string, TagCounters>& {
    const auto* r = regions.AncestorAt(path, out.row_level);
    return cells[r != nullptr ? r->id : 0];
  };
  std::map<std::string, std::int64_t> tag_households;
  for (const auto& g : tx->TagMap().TagHouseholds(prefix)) {
    auto& cell = cell_of(g.region_path);
    for (const auto& tag : g.tags) {
      cell[tag].households += g.households;
      cell[tag].residents += g.residents;
      tag_households[tag] += g.households;
    }
  }
  const domain::Epoch from = domain::ChinaDayStart(period.from);
  const domain::Epoch to = domain::ChinaDayEnd(period.to);
  for (const auto& g : tx->TagMap().TagMatters(prefix, from, to)) {
    auto& cell = cell_of(g.region_path);
    for (const auto& tag : g.tags) {
      domain::BookMatterStatus(cell[tag], g.status, g.count);
      tag_households.try_emplace(tag, 0);
    }
  }
  for (const auto& g : tx->TagMap().TagVisits(prefix, from, to)) {
    auto& cell = cell_of(g.region_path);
    for (const auto& tag : g.tags) {
      cell[tag].visits += g.count;
      tag_households.try_emplace(tag, 0);
    }
  }

  for (const auto& [tag, count] : tag_households) out.tags.push_back(tag);
  std::stable_sort(out.tags.begin(), out.tags.end(), [&](const auto& a, const auto& b) {
    return tag_households[a] > tag_households[b];
  });

  // Every region of the row level in the scope, with or without tagged households.
  std::map<Id, TagStatsRow> rows;
  for (const auto& [id, r] : regions.all()) {
    if (r.level == out.row_level) rows[id] = {id, r.name, r.child_count > 0, {}};
  }
  if (cells.count(0) > 0) rows[0] = {0, base ? base->name + "（本级）" : "未归属", false, {}};
  for (const auto& [id, r] : regions.all()) {
    auto parent = r.parent_id ? rows.find(*r.parent_id) : rows.end();
    if (parent != rows.end()) parent->second.has_children = true;
  }
  out.totals.reserve(out.tags.size());
  for (const auto& tag : out.tags) out.totals.push_back({tag, {}});
  for (auto& [id, row] : rows) {
    auto it = cells.find(id);
    for (std::size_t i = 0; i < out.tags.size(); ++i) {
      TagCounters c;
      if (it != cells.end()) {
        auto t = it->second.find(out.tags[i]);
        if (t != it->second.end()) c = t->second;
      }
      out.totals[i].counters += c;
      row.tags.push_back({out.tags[i], c});
    }
    out.rows.push_back(std::move(row));
  }
  std::stable_sort(out.rows.begin(), out.rows.end(),
                   [](const TagStatsRow& a, const TagStatsRow& b) {
                     if ((a.region_id == 0) != (b.region_id == 0)) return b.region_id == 0;
                     return a.name < b.name;
                   });
  return out;
}

formats::Table TagMapService::ExportStats(const Actor& actor, const TagStatsQuery& query) {
  const TagStats stats = Stats(actor, query);
  formats::Table table;
  table.header = {"区域",   "标签",   "户数",   "人数",    "诉求受理",
                  "办理中", "已答复", "已办结", "走访次数"};
  using formats::CellKind;
  table.kinds.assign(table.header.size(), CellKind::kNumber);
  table.kinds[0] = CellKind::kText;
  table.kinds[1] = CellKind::kText;
  auto row = [](const std::string& region, const TagStatsCell& cell) {
    const auto& c = cell.counters;
    return std::vector<std::string>{region,
                                    cell.tag,
                                    std::to_string(c.households),
                                    std::to_string(c.residents),
                                    std::to_string(c.received),
                                    std::to_string(c.open),
                                    std::to_string(c.replied),
                                    std::to_string(c.closed),
                                    std::to_string(c.visits)};
  };
  for (const auto& r : stats.rows) {
    for (const auto& cell : r.tags) table.rows.push_back(row(r.name, cell));
  }
  for (const auto& cell : stats.totals) table.rows.push_back(row("合计", cell));
  return table;
}

MapView TagMapService::Map(const Actor& actor, const MapQuery& query) {
  Require(actor, Permission::kMatterExport);
  const Period period = ParsePeriod(query.from, query.to, actor.now);
  const auto cell = domain::HotspotCellUnits(query.cell_km);
  if (!cell) matters_internal::Invalid("cell_km", "map.bad_cell", "热点网格应为 0.2 至 20 公里");
  auto tx = store_.BeginRead();
  const std::string prefix = matters_internal::PrefixFor(*tx, actor, query.region_id);
  const MapMatterFilter filter = FilterOf(query, prefix, period);
  const RegionIndex regions(*tx, prefix);
  auto& repo = tx->TagMap();

  MapView out;
  out.from = domain::FormatDate(period.from);
  out.to = domain::FormatDate(period.to);
  out.cell = *cell;

  std::vector<std::int32_t> hh_lng, hh_lat;
  struct Sum {
    double lng = 0;
    double lat = 0;
    std::int64_t n = 0;
  };
  std::unordered_map<Id, Sum> centroid;
  std::map<Id, std::int64_t> unlocated;
  const auto households = repo.MapHouseholds(prefix, query.tag);
  out.households_total = static_cast<std::int64_t>(households.size());
  hh_lng.reserve(households.size());
  hh_lat.reserve(households.size());
  for (const auto& h : households) {
    const auto* village = regions.AncestorAt(h.region_path, RegionLevel::kVillage);
    if (!domain::IsLocated(h.lat, h.lng)) {
      ++out.households_unlocated;
      ++unlocated[village != nullptr ? village->id : 0];
      continue;
    }
    hh_lng.push_back(domain::MapCoordinate(*h.lng));
    hh_lat.push_back(domain::MapCoordinate(*h.lat));
    for (RegionLevel level : {RegionLevel::kTownship, RegionLevel::kVillage}) {
      const auto* r = level == RegionLevel::kVillage
                          ? village
                          : regions.AncestorAt(h.region_path, RegionLevel::kTownship);
      if (r == nullptr) continue;
      auto& s = centroid[r->id];
      s.lng += *h.lng;
      s.lat += *h.lat;
      ++s.n;
    }
  }
  for (const auto& [id, count] : unlocated) {
    const auto* r = regions.Find(id);
    out.unlocated_by_village.push_back({id, r != nullptr ? r->name : "未归属村", count});
  }
  if (out.households_unlocated > 0) {
    out.unlocated_sample = repo.UnlocatedHouseholds(prefix, query.tag, kUnlocatedSample);
    if (!MayBrowseNames(actor)) {
      for (auto& h : out.unlocated_sample) h.head_name = domain::MaskPersonName(h.head_name);
    }
  }

  std::map<Id, std::int32_t> category_index;
  out.categories.emplace_back(0, "未分类");
  category_index[0] = 0;
  for (const auto& c : tx->Matters().ListCategories()) {
    category_index[c.id] = static_cast<std::int32_t>(out.categories.size());
    out.categories.emplace_back(c.id, c.name);
  }
  std::vector<std::int32_t> m_lng, m_lat, m_cat, m_status;
  const auto matters = repo.MapMatters(filter);
  out.matters_total = static_cast<std::int64_t>(matters.size());
  for (const auto& m : matters) {
    if (!domain::IsLocated(m.lat, m.lng)) {
      ++out.matters_unlocated;
      continue;
    }
    m_lng.push_back(domain::MapCoordinate(*m.lng));
    m_lat.push_back(domain::MapCoordinate(*m.lat));
    auto it = category_index.find(m.category_id);
    m_cat.push_back(it == category_index.end() ? 0 : it->second);
    m_status.push_back(m.status);
  }

  // Labels: the centroid of a region's located households, else its own coordinates.
  for (const auto& [id, r] : regions.all()) {
    if (r.level != RegionLevel::kTownship && r.level != RegionLevel::kVillage) continue;
    auto it = centroid.find(id);
    if (it != centroid.end() && it->second.n > 0) {
      out.labels.push_back({id, r.name, r.level,
                            domain::MapCoordinate(it->second.lng / it->second.n),
                            domain::MapCoordinate(it->second.lat / it->second.n)});
    } else if (domain::IsLocated(r.lat, r.lng)) {
      out.labels.push_back(
          {id, r.name, r.level, domain::MapCoordinate(*r.lng), domain::MapCoordinate(*r.lat)});
    }
  }

  std::int32_t min_lng = std::numeric_limits<std::int32_t>::max(), min_lat = min_lng;
  std::int32_t max_lng = std::numeric_limits<std::int32_t>::min(), max_lat = max_lng;
  auto extend = [&](std::int32_t lng, std::int32_t lat) {
    min_lng = std::min(min_lng, lng);
    min_lat = std::min(min_lat, lat);
    max_lng = std::max(max_lng, lng);
    max_lat = std::max(max_lat, lat);
  };
  for (std::size_t i = 0; i < hh_lng.size(); ++i) extend(hh_lng[i], hh_lat[i]);
  for (std::size_t i = 0; i < m_lng.size(); ++i) extend(m_lng[i], m_lat[i]);
  for (const auto& l : out.labels) extend(l.lng, l.lat);
  if (min_lng > max_lng) return out;
  out.origin_lng = min_lng;
  out.origin_lat = min_lat;
  out.span_lng = max_lng - min_lng;
  out.span_lat = max_lat - min_lat;

  out.households.reserve(hh_lng.size() * 2);
  for (std::size_t i = 0; i < hh_lng.size(); ++i) {
    out.households.push_back(hh_lng[i] - min_lng);
    out.households.push_back(hh_lat[i] - min_lat);
  }
  out.matters.reserve(m_lng.size() * 4);
  for (std::size_t i = 0; i < m_lng.size(); ++i) {
    out.matters.push_back(m_lng[i] - min_lng);
    out.matters.push_back(m_lat[i] - min_lat);
    out.matters.push_back(m_cat[i]);
    out.matters.push_back(m_status[i]);
  }
  for (auto& l : out.labels) {
    l.lng -= min_lng;
    l.lat -= min_lat;
  }
  out.hotspots = domain::BinHotspots(m_lng, m_lat, *cell);
  for (auto& c : out.hotspots) {
    c.lng -= min_lng;
    c.lat -= min_lat;
  }
  return out;
}

MapPointInfo TagMapService::At(const Actor& actor, const MapQuery& query, double lng, double lat,
                               double radius) {
  Require(actor, Permission::kMatterExport);
  if (!std::isfinite(radius) || radius <= 0 || radius > 0.1 || !domain::IsLocated(lat, lng)) {
    matters_internal::Invalid("lng", "map.bad_point", "地图坐标不正确");
  }
  const Period period = ParsePeriod(query.from, query.to, actor.now);
  auto tx = store_.BeginRead();
  const std::string prefix = matters_internal::PrefixFor(*tx, actor, query.region_id);
  const MapBox box{lat - radius, lat + radius, lng - radius, lng + radius};
  MapPointInfo out;
  out.households = tx->TagMap().HouseholdsIn(prefix, query.tag, box, kPointHits);
  out.matters = tx->TagMap().MattersIn(FilterOf(query, prefix, period), box, kPointHits);
  const bool names = MayBrowseNames(actor);
  for (auto& h : out.households) {
    if (!names) h.head_name = domain::MaskPersonName(h.head_name);
  }
  for (auto& m : out.matters) {
    m.caller_name = names ? m.caller_name : domain::MaskPersonName(m.caller_name);
  }
  return out;
}

}  // namespace minqing::app
