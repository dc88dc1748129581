// Statistics by household tag (按标签统计) and the map (地图), docs/api.md "Statistics by tag and
// the map": each handler parses, calls one use case of app/tag_map.hpp, serialises. The map's
// answer is compact: integer coordinates as offsets from one origin, in flat arrays.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "domain/codes.hpp"
#include "domain/errors.hpp"
#include "domain/matter.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

Json CountersJson(const std::string& tag, const domain::TagCounters& c) {
  return {{"tag", tag},
          {"households", c.households},
          {"residents", c.residents},
          {"received", c.received},
          {"open", c.open},
          {"replied", c.replied},
          {"closed", c.closed},
          {"visits", c.visits}};
}

Json OptId(const std::optional<domain::Id>& id) { return id ? Json(*id) : Json(nullptr); }

std::optional<double> QueryDouble(const Request& request, const std::string& name) {
  const std::string text = QueryString(request, name);
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(value)) {
    throw domain::InvalidInput("query.invalid", "参数 " + name + " 应为数字",
                               {{name, "query.invalid", "应为数字"}});
  }
  return value;
}

app::TagStatsQuery StatsQueryOf(const Request& request) {
  return {QueryString(request, "from"), QueryString(request, "to"), QueryId(request, "region_id")};
}

app::MapQuery MapQueryOf(const Request& request) {
  app::MapQuery q;
  q.region_id = QueryId(request, "region_id");
  q.tag = QueryString(request, "tag");
  q.category_id = QueryId(request, "category_id");
  q.status = QueryString(request, "status");
  q.from = QueryString(request, "from");
  q.to = QueryString(request, "to");
  q.cell_km = QueryDouble(request, "cell_km");
  return q;
}

std::vector<ParamDoc> MapParams() {
  return {{"region_id", "integer", "乡镇或村（含下级）"},
          {"tag", "string", "户标签：低保、五保、残疾、留守、移民……"},
          {"category_id", "integer", "诉求类别"},
          {"status", "string", "open（办理中）、replied、closed 等"},
          {"from", "string", "受理日期起，YYYY-MM-DD（默认近一年）"},
          {"to", "string"},
          {"cell_km", "number", "热点网格边长（公里，0.2–20，默认 1）"}};
}

Json StatsJson(const app::TagStats& s) {
  Json rows = Json::array();
  for (const auto& r : s.rows) {
    Json cells = Json::array();
    for (const auto& c : r.tags) cells.push_back(CountersJson(c.tag, c.counters));
    rows.push_back({{"region_id", r.region_id},
                    {"name", r.name},
                    {"has_children", r.has_children},
                    {"tags", std::move(cells)}});
  }
  Json totals = Json::array();
  for (const auto& c : s.totals) totals.push_back(CountersJson(c.tag, c.counters));
  return {{"from", s.from},
          {"to", s.to},
          {"region_id", OptId(s.region_id)},
          {"region_name", s.region_name},
          {"parent_id", OptId(s.parent_id)},
          {"row_level", std::string(domain::RegionLevelCode(s.row_level))},
          {"tags", s.tags},
          {"rows", std::move(rows)},
          {"totals", std::move(totals)}};
}

Json HouseholdBrief(const domain::Household& h) {
  return {{"id", h.id},
          {"number", h.number},
          {"address", h.address},
          {"region_name", h.region_name},
          {"head_name", h.head_name},
          {"member_count", h.member_count},
          {"tags", h.tags}};
}

Json MapJson(const app::MapView& m) {
  Json categories = Json::array();
  for (const auto& [id, name] : m.categories) categories.push_back({{"id", id}, {"name", name}});
  Json hotspots = Json::array();
  for (const auto& c : m.hotspots) {
    hotspots.push_back(c.lng);
    hotspots.push_back(c.lat);
    hotspots.push_back(c.count);
  }
  Json labels = Json::array();
  for (const auto& l : m.labels) {
    labels.push_back({{"region_id", l.region_id},
                      {"name", l.name},
                      {"level", std::string(domain::RegionLevelCode(l.level))},
                      {"x", l.lng},
                      {"y", l.lat}});
  }
  Json unlocated_by = Json::array();
  for (const auto& u : m.unlocated_by_village) {
    unlocated_by.push_back({{"region_id", u.region_id}, {"name", u.name}, {"count", u.count}});
  }
  Json sample = Json::array();
  for (const auto& h : m.unlocated_sample) sample.push_back(HouseholdBrief(h));
  Json statuses = Json::array();
  for (int s = 1; s <= 6; ++s) {
    const auto status = static_cast<domain::MatterStatus>(s);
    statuses.push_back({{"code", s},
                        {"name", std::string(domain::MatterStatusCode(status))},
                        {"label", std::string(domain::MatterStatusLabel(status))}});
  }
  return {{"from", m.from},
          {"to", m.to},
          {"scale", domain::kMapCoordinateScale},
          {"origin", {m.origin_lng, m.origin_lat}},
          {"span", {m.span_lng, m.span_lat}},
          {"households",
           {{"total", m.households_total},
            {"located", m.households.size() / 2},
            {"points", m.households},
            {"unlocated", m.households_unlocated},
            {"unlocated_by_village", std::move(unlocated_by)},
            {"unlocated_sample", std::move(sample)}}},
          {"matters",
           {{"total", m.matters_total},
            {"located", m.matters.size() / 4},
            {"points", m.matters},
            {"unlocated", m.matters_unlocated}}},
          {"categories", std::move(categories)},
          {"statuses", std::move(statuses)},
          {"hotspots", {{"cell", m.cell}, {"cells", std::move(hotspots)}}},
          {"labels", std::move(labels)}};
}

}  // namespace

void Api::AddTagMapRoutes() {
  auto& tag_map = services_.tag_map;
  router_.Add("GET", "/api/v1/tag-stats",
              {"按户标签统计：各乡镇（或村）每个标签的户数、人数、诉求与走访",
               "tag-map",
               {{"region_id", "integer", "乡镇或村；下钻一级"},
                {"from", "string", "YYYY-MM-DD（默认近一年）"},
                {"to", "string"}}},
              [&tag_map](const RouteCall& call) {
                return JsonResponse(
                    200, StatsJson(tag_map.Stats(ActorOf(call), StatsQueryOf(call.request))));
              });
  router_.Add("GET", "/api/v1/tag-stats/export",
              WithPace({"导出按标签统计（Excel 或 CSV，含合计行）",
                        "tag-map",
                        {{"region_id", "integer"},
                         {"from", "string"},
                         {"to", "string"},
                         {"format", "string", "xlsx（默认）或 csv"}}},
                       Pace::kSlow),
              [&tag_map](const RouteCall& call) {
                const std::string format = ExportFormat(call.request);
                const auto& actor = ActorOf(call);
                return TableDownload(tag_map.ExportStats(actor, StatsQueryOf(call.request)), format,
                                     "tag-stats", "按标签统计", actor.now);
              });
  router_.Add("GET", "/api/v1/map",
              {"地图：农户与诉求的坐标（整数偏移，一次返回）、热点网格、区域标注、未定位户",
               "tag-map", MapParams()},
              [&tag_map](const RouteCall& call) {
                return JsonResponse(200,
                                    MapJson(tag_map.Map(ActorOf(call), MapQueryOf(call.request))));
              });
  auto at_params = MapParams();
  at_params.push_back({"lng", "number", "经度（必填）"});
  at_params.push_back({"lat", "number", "纬度（必填）"});
  at_params.push_back({"radius", "number", "半径（度，默认 0.0005）"});
  router_.Add(
      "GET", "/api/v1/map/at", {"地图上一点附近的农户与诉求（各至多 20）", "tag-map", at_params},
      [&tag_map](const RouteCall& call) {
        const auto lng = QueryDouble(call.request, "lng");
        const auto lat = QueryDouble(call.request, "lat");
        if (!lng || !lat) {
          throw domain::InvalidInput("map.bad_point", "地图坐标不正确",
                                     {{"lng", "map.bad_point", "缺少经纬度"}});
        }
        const auto info = tag_map.At(ActorOf(call), MapQueryOf(call.request), *lng, *lat,
                                     QueryDouble(call.request, "radius").value_or(0.0005));
        Json households = Json::array();
        for (const auto& h : info.households) households.push_back(HouseholdBrief(h));
        Json matters = Json::array();
        for (const auto& m : info.matters) {
          const auto status = static_cast<domain::MatterStatus>(m.status);
          matters.push_back({{"id", m.id},
                             {"number", m.number},
                             {"title", m.title},
                             {"status", std::string(domain::MatterStatusCode(status))},
                             {"status_label", std::string(domain::MatterStatusLabel(status))},
                             {"category", m.category_name},
                             {"caller_name", m.caller_name},
                             {"accepted_at", m.accepted_at},
                             {"household_number", m.household_number},
                             {"region_name", m.region_name}});
        }
        return JsonResponse(
            200, {{"households", std::move(households)}, {"matters", std::move(matters)}});
      });
}

}  // namespace minqing::http
