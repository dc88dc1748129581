#include "storage/sql_tag_map_repository.hpp"

#include <string>

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

std::optional<double> OptDouble(const Row& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.GetDouble(column);
}

void WhereTag(QueryBuilder& b, const std::string& tag) {
  if (tag.empty()) return;
  b.Where("h.tags LIKE " + b.Param("%," + EscapeLike(tag) + ",%") + " ESCAPE '\\'");
}

void WhereMatters(QueryBuilder& b, const app::MapMatterFilter& f) {
  b.Where("m.status <> 6");
  b.Where("m.accepted_at BETWEEN " + b.Param(f.from) + " AND " + b.Param(f.to));
  if (!f.region_prefix.empty()) {
    b.Where("m.region_path LIKE " + b.Param(PathPrefixPattern(f.region_prefix)));
  }
  if (f.category_id) b.Where("m.category_id = " + b.Param(*f.category_id));
  if (!f.statuses.empty()) {
    std::string in;
    for (int s : f.statuses) in += (in.empty() ? "" : ", ") + b.Param(std::int64_t{s});
    b.Where("m.status IN (" + in + ")");
  }
  WhereTag(b, f.tag);
}

// Matters' coordinates as map_matters.sql computes them.
constexpr const char* kMatterLat =
    "(CASE WHEN m.lat IS NOT NULL AND m.lng IS NOT NULL THEN m.lat ELSE h.lat END)";
constexpr const char* kMatterLng =
    "(CASE WHEN m.lat IS NOT NULL AND m.lng IS NOT NULL THEN m.lng ELSE h.lng END)";

class SqlTagMapRepository final : public app::TagMapRepository {
 public:
  explicit SqlTagMapRepository(Connection& conn) : conn_(conn) {}

  std::vector<app::TagHouseholdGroup> TagHouseholds(const std::string& prefix) override {
    std::vector<app::TagHouseholdGroup> out;
    for (const auto& row : QueryRows(conn_, sql::tag_households, {PathPrefixPattern(prefix)})) {
      out.push_back({row.GetText(0), DecodeTags(row.GetText(1)), row.GetInt64(2), row.GetInt64(3)});
    }
    return out;
  }

  std::vector<app::TagMatterGroup> TagMatters(const std::string& prefix, domain::Epoch from,
                                              domain::Epoch to) override {
    std::vector<app::TagMatterGroup> out;
    for (const auto& row :
         QueryRows(conn_, sql::tag_matters, {PathPrefixPattern(prefix), from, to})) {
      out.push_back({row.GetText(0), DecodeTags(row.GetText(1)), static_cast<int>(row.GetInt64(2)),
                     row.GetInt64(3)});
    }
    return out;
  }

  std::vector<app::TagVisitGroup> TagVisits(const std::string& prefix, domain::Epoch from,
                                            domain::Epoch to) override {
    std::vector<app::TagVisitGroup> out;
    for (const auto& row :
         QueryRows(conn_, sql::tag_visits, {PathPrefixPattern(prefix), from, to})) {
      out.push_back({row.GetText(0), DecodeTags(row.GetText(1)), row.GetInt64(2)});
    }
    return out;
  }

  std::vector<app::MapHouseholdRow> MapHouseholds(const std::string& prefix,
                                                  const std::string& tag) override {
    QueryBuilder b;
    if (!prefix.empty()) b.Where("h.region_path LIKE " + b.Param(PathPrefixPattern(prefix)));
    WhereTag(b, tag);
    std::vector<app::MapHouseholdRow> out;
    for (const auto& row : SelectRows(conn_, sql::map_households, b.WhereClause(), b.params())) {
      out.push_back({row.GetInt64(0), row.GetText(1), OptDouble(row, 2), OptDouble(row, 3)});
    }
    return out;
  }

  std::vector<domain::Household> UnlocatedHouseholds(const std::string& prefix,
                                                     const std::string& tag,
                                                     std::int64_t limit) override {
    QueryBuilder b;
    b.Where("h.region_path LIKE " + b.Param(PathPrefixPattern(prefix)));
    b.Where("(h.lat IS NULL OR h.lng IS NULL OR (h.lat = 0 AND h.lng = 0))");
    WhereTag(b, tag);
    const std::string tail = b.WhereClause() + " ORDER BY h.number LIMIT " + b.Param(limit);
    return ReadAll<domain::Household>(SelectRows(conn_, sql::household_select, tail, b.params()),
                                      ReadHousehold);
  }

  std::vector<app::MapMatterRow> MapMatters(const app::MapMatterFilter& filter) override {
    QueryBuilder b;
    WhereMatters(b, filter);
    std::vector<app::MapMatterRow> out;
    for (const auto& row : SelectRows(conn_, sql::map_matters, b.WhereClause(), b.params())) {
      out.push_back({row.GetText(0), OptDouble(row, 1), OptDouble(row, 2), row.GetInt64(3),
                     static_cast<int>(row.GetInt64(4))});
    }
    return out;
  }

  std::vector<domain::Household> HouseholdsIn(const std::string& prefix, const std::string& tag,
                                              const app::MapBox& box, std::int64_t limit) override {
    QueryBuilder b;
    b.Where("h.region_path LIKE " + b.Param(PathPrefixPattern(prefix)));
    b.Where("h.lat BETWEEN " + b.Param(box.lat_min) + " AND " + b.Param(box.lat_max));
    b.Where("h.lng BETWEEN " + b.Param(box.lng_min) + " AND " + b.Param(box.lng_max));
    WhereTag(b, tag);
    const std::string tail = b.WhereClause() + " ORDER BY h.number LIMIT " + b.Param(limit);
    return ReadAll<domain::Household>(SelectRows(conn_, sql::household_select, tail, b.params()),
                                      ReadHousehold);
  }

  std::vector<app::MapMatterHit> MattersIn(const app::MapMatterFilter& filter,
                                           const app::MapBox& box, std::int64_t limit) override {
    QueryBuilder b;
    WhereMatters(b, filter);
    b.Where(std::string(kMatterLat) + " BETWEEN " + b.Param(box.lat_min) + " AND " +
            b.Param(box.lat_max));
    b.Where(std::string(kMatterLng) + " BETWEEN " + b.Param(box.lng_min) + " AND " +
            b.Param(box.lng_max));
    const std::string tail =
        b.WhereClause() + " ORDER BY m.accepted_at DESC, m.id DESC LIMIT " + b.Param(limit);
    std::vector<app::MapMatterHit> out;
    for (const auto& row : SelectRows(conn_, sql::map_matter_hits, tail, b.params())) {
      out.push_back({row.GetInt64(0), row.GetText(1), row.GetText(2),
                     static_cast<int>(row.GetInt64(3)), row.GetText(4), row.GetText(5),
                     row.GetInt64(6), row.GetText(7), row.GetText(8)});
    }
    return out;
  }

 private:
  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::TagMapRepository> MakeSqlTagMapRepository(Connection& conn) {
  return std::make_unique<SqlTagMapRepository>(conn);
}

}  // namespace minqing::storage
