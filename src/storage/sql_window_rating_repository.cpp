#include "storage/sql_window_rating_repository.hpp"

#include <utility>

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

app::WindowService ReadService(const Row& row) {
  app::WindowService s;
  s.id = row.GetInt64(0);
  s.token = row.GetText(1);
  s.service_key = row.GetText(2);
  s.kind = row.GetText(3);
  s.clerk_id = row.GetInt64(4);
  s.clerk_name = row.GetText(5);
  s.unit_id = row.GetOptionalInt64(6);
  s.unit_name = row.GetText(7);
  s.region_path = row.GetText(8);
  s.matter_id = row.GetOptionalInt64(9);
  s.matter_number = row.GetText(10);
  s.appointment_id = row.GetOptionalInt64(11);
  s.served_at = row.GetInt64(12);
  if (auto stars = row.GetOptionalInt64(13)) s.stars = static_cast<int>(*stars);
  s.comment = row.GetText(14);
  s.channel = row.GetText(15);
  s.rated_at = row.GetOptionalInt64(16);
  return s;
}

app::Suggestion ReadSuggestion(const Row& row) {
  app::Suggestion x;
  x.id = row.GetInt64(0);
  x.unit_id = row.GetInt64(1);
  x.unit_name = row.GetText(2);
  x.region_path = row.GetText(3);
  x.content = row.GetText(4);
  x.contact = row.GetText(5);
  x.status = row.GetText(6);
  x.note = row.GetText(7);
  x.handled_by = row.GetOptionalInt64(8);
  x.handled_by_name = row.GetText(9);
  x.handled_at = row.GetOptionalInt64(10);
  x.created_at = row.GetInt64(11);
  return x;
}

std::pair<domain::Unit, std::string> ReadCentre(const Row& row) {
  domain::Unit unit;
  unit.id = row.GetInt64(0);
  unit.name = row.GetText(1);
  unit.kind = domain::UnitKind::kServiceCentre;
  unit.region_id = row.GetOptionalInt64(2);
  return {unit, row.GetText(3)};
}

app::RatingGroupRow ReadGroup(const Row& row) {
  app::RatingGroupRow g;
  g.id = row.GetOptionalInt64(0);
  g.name = row.GetText(1);
  g.count = row.GetInt64(2);
  g.stars_sum = row.GetInt64(3);
  g.low_count = row.GetInt64(4);
  return g;
}

class SqlWindowRatingRepository final : public app::WindowRatingRepository {
 public:
  explicit SqlWindowRatingRepository(Connection& conn) : conn_(conn) {}

  void InsertService(const app::WindowService& s) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::window_service_insert,
                 {s.id, s.token, s.service_key, s.kind, s.clerk_id, OptionalValue(s.unit_id),
                  s.region_path, OptionalValue(s.matter_id), OptionalValue(s.appointment_id),
                  s.served_at});
        },
        "rating.service_exists", "该次服务已登记");
  }

  std::optional<app::WindowService> FindServiceByToken(const std::string& token) override {
    QueryBuilder b;
    b.Where("s.token = " + b.Param(token));
    return First<app::WindowService>(
        SelectRows(conn_, sql::window_service_select, b.WhereClause(), b.params()), ReadService);
  }

  std::optional<app::WindowService> FindServiceByKey(const std::string& service_key) override {
    QueryBuilder b;
    b.Where("s.service_key = " + b.Param(service_key));
    return First<app::WindowService>(
        SelectRows(conn_, sql::window_service_select, b.WhereClause(), b.params()), ReadService);
  }

  std::optional<app::WindowService> LatestServiceOf(domain::Id clerk_id,
                                                    domain::Epoch since) override {
    QueryBuilder b;
    b.Where("s.clerk_id = " + b.Param(clerk_id));
    b.Where("s.served_at >= " + b.Param(since));
    return First<app::WindowService>(
        SelectRows(conn_, sql::window_service_select,
                   b.WhereClause() + " ORDER BY s.served_at DESC, s.id DESC LIMIT 1", b.params()),
        ReadService);
  }

  std::optional<domain::Id> LatestWindowMatterOf(domain::Id clerk_id,
                                                 domain::Epoch since) override {
    auto rows = QueryRows(conn_, sql::window_latest_matter, {clerk_id, since});
    if (rows.empty()) return std::nullopt;
    return rows.front().GetInt64(0);
  }

  std::optional<std::pair<domain::Unit, std::string>> CentreOfClerk(
      domain::Id clerk_id, std::optional<domain::Id> region_id) override {
    auto rows = QueryRows(conn_, sql::window_centre_of_staff, {clerk_id});
    if (rows.empty() && region_id) {
      rows = QueryRows(conn_, sql::window_centre_of_region, {*region_id});
    }
    if (rows.empty()) return std::nullopt;
    return ReadCentre(rows.front());
  }

  void InsertRating(const app::WindowRating& r) override {
    RenameConflict(
        [&] {
          RunSql(
              conn_, sql::window_rating_insert,
              {r.service_id, static_cast<std::int64_t>(r.stars), r.comment, r.channel, r.rated_at});
        },
        "rating.already_rated", "这次服务已经评价过了，每次服务只能评价一次");
  }

  domain::Page<app::WindowService> ListRated(const app::RatingFilter& filter,
                                             const domain::PageRequest& page) override {
    QueryBuilder b;
    b.Where("r.service_id IS NOT NULL");
    b.Where("s.region_path LIKE " + b.Param(PathPrefixPattern(filter.region_path)));
    b.Where("r.rated_at >= " + b.Param(filter.from));
    b.Where("r.rated_at < " + b.Param(filter.to));
    if (filter.clerk_id) b.Where("s.clerk_id = " + b.Param(*filter.clerk_id));
    if (filter.unit_id) b.Where("s.unit_id = " + b.Param(*filter.unit_id));
    if (filter.low_only) b.Where("r.stars <= 2");
    return ListPage<app::WindowService>(conn_, sql::window_service_select, sql::window_rated_count,
                                        b, "r.rated_at DESC, s.id DESC", page, ReadService);
  }

  std::vector<app::RatingGroupRow> FiguresByClerk(const app::RatingFilter& filter) override {
    return ReadAll<app::RatingGroupRow>(
        QueryRows(conn_, sql::window_figures_by_clerk,
                  {PathPrefixPattern(filter.region_path), filter.from, filter.to}),
        ReadGroup);
  }

  std::vector<app::RatingGroupRow> FiguresByUnit(const app::RatingFilter& filter) override {
    return ReadAll<app::RatingGroupRow>(
        QueryRows(conn_, sql::window_figures_by_unit,
                  {PathPrefixPattern(filter.region_path), filter.from, filter.to}),
        ReadGroup);
  }

  void InsertSuggestion(const app::Suggestion& x) override {
    RunSql(conn_, sql::suggestion_insert,
           {x.id, x.unit_id, x.region_path, x.content, x.contact, x.status, x.note,
            OptionalValue(x.handled_by), OptionalValue(x.handled_at), x.created_at});
  }

  std::optional<app::Suggestion> FindSuggestion(domain::Id id) override {
    QueryBuilder b;
    b.Where("x.id = " + b.Param(id));
    return First<app::Suggestion>(
        SelectRows(conn_, sql::suggestion_select, b.WhereClause(), b.params()), ReadSuggestion);
  }

  void UpdateSuggestion(const app::Suggestion& x) override {
    RequireOneRow(
        RunSql(conn_, sql::suggestion_update,
               {x.id, x.status, x.note, OptionalValue(x.handled_by), OptionalValue(x.handled_at)}),
        "suggestion.not_found", "意见不存在");
  }

  domain::Page<app::Suggestion> ListSuggestions(const app::SuggestionFilter& filter,
                                                const domain::PageRequest& page) override {
    QueryBuilder b;
    b.Where("x.region_path LIKE " + b.Param(PathPrefixPattern(filter.region_path)));
    if (!filter.status.empty()) b.Where("x.status = " + b.Param(filter.status));
    if (filter.unit_id) b.Where("x.unit_id = " + b.Param(*filter.unit_id));
    return ListPage<app::Suggestion>(conn_, sql::suggestion_select, sql::suggestion_count, b,
                                     "x.created_at DESC, x.id DESC", page, ReadSuggestion);
  }

  std::vector<std::pair<domain::Unit, std::string>> ListCentres() override {
    return ReadAll<std::pair<domain::Unit, std::string>>(QueryRows(conn_, sql::window_centres),
                                                         ReadCentre);
  }

 private:
  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::WindowRatingRepository> MakeSqlWindowRatingRepository(Connection& conn) {
  return std::make_unique<SqlWindowRatingRepository>(conn);
}

}  // namespace minqing::storage
