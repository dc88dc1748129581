#include "storage/sql_provider_repository.hpp"

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

domain::ServiceProvider ReadProvider(const Row& row) {
  domain::ServiceProvider p;
  p.unit_id = row.GetInt64(0);
  p.unit_name = row.GetText(1);
  p.phone = row.GetText(2);
  p.commitments = row.GetText(3);
  p.joined = row.GetText(4);
  p.state = static_cast<domain::ProviderState>(row.GetInt64(5));
  p.state_reason = row.GetText(6);
  p.state_by = row.GetOptionalInt64(7);
  p.state_at = row.GetOptionalInt64(8);
  p.created_at = row.GetInt64(9);
  p.created_by = row.GetOptionalInt64(10);
  p.updated_at = row.GetInt64(11);
  p.updated_by = row.GetOptionalInt64(12);
  return p;
}

class SqlProviderRepository final : public app::ProviderRepository {
 public:
  explicit SqlProviderRepository(Connection& conn) : conn_(conn) {}

  void InsertProvider(const domain::ServiceProvider& p) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::provider_insert,
                 {p.unit_id, p.commitments, p.joined, static_cast<std::int64_t>(p.state),
                  p.state_reason, OptionalValue(p.state_by), OptionalValue(p.state_at),
                  p.created_at, OptionalValue(p.created_by)});
        },
        "provider.exists", "该单位已是服务商");
    WriteLists(p);
  }

  void UpdateProfile(const domain::ServiceProvider& p) override {
    RequireOneRow(
        RunSql(conn_, sql::provider_update,
               {p.unit_id, p.commitments, p.joined, p.updated_at, OptionalValue(p.updated_by)}),
        "provider.not_found", "服务商不存在");
    RunSql(conn_, sql::provider_categories_clear, {p.unit_id});
    RunSql(conn_, sql::provider_areas_clear, {p.unit_id});
    WriteLists(p);
  }

  void SetState(Id unit_id, domain::ProviderState state, const std::string& reason,
                std::optional<Id> by, domain::Epoch at) override {
    RequireOneRow(
        RunSql(conn_, sql::provider_state,
               {unit_id, static_cast<std::int64_t>(state), reason, OptionalValue(by), at}),
        "provider.not_found", "服务商不存在");
  }

  std::optional<domain::ServiceProvider> FindProvider(Id unit_id) override {
    QueryBuilder b;
    b.Where("p.unit_id = " + b.Param(unit_id));
    auto found = First<domain::ServiceProvider>(
        SelectRows(conn_, sql::provider_select, b.WhereClause(), b.params()), ReadProvider);
    if (!found) return std::nullopt;
    std::vector<domain::ServiceProvider> one{*found};
    FillLists(one, unit_id);
    return one.front();
  }

  std::vector<domain::ServiceProvider> ListProviders() override {
    auto providers = ReadAll<domain::ServiceProvider>(
        SelectRows(conn_, sql::provider_select, " ORDER BY u.name, p.unit_id", {}), ReadProvider);
    FillLists(providers, std::nullopt);
    return providers;
  }

  std::map<Id, domain::ProviderRating> Ratings(domain::Epoch from, domain::Epoch to) override {
    std::map<Id, domain::ProviderRating> out;
    for (const Row& row : QueryRows(conn_, sql::provider_ratings, {from, to})) {
      domain::ProviderRating r;
      r.count = row.GetInt64(1);
      r.rating_sum = row.GetInt64(2);
      r.satisfied = row.GetInt64(3);
      out[row.GetInt64(0)] = r;
    }
    return out;
  }

  std::vector<app::ProviderRatedMatter> RatedMatters(Id unit_id, domain::Epoch from,
                                                     domain::Epoch to) override {
    std::vector<app::ProviderRatedMatter> out;
    for (const Row& row : QueryRows(conn_, sql::provider_rated_matters, {unit_id, from, to})) {
      app::ProviderRatedMatter m;
      m.matter_id = row.GetInt64(0);
      m.number = row.GetText(1);
      m.rating = static_cast<int>(row.GetInt64(2));
      m.solved = !row.IsNull(3) && row.GetInt64(3) != 0;
      m.confirmed_via = row.GetText(4);
      m.signed_at = row.GetInt64(5);
      out.push_back(std::move(m));
    }
    return out;
  }

 private:
  void WriteLists(const domain::ServiceProvider& p) {
    for (Id category_id : p.category_ids) {
      RunSql(conn_, sql::provider_category_insert, {p.unit_id, category_id});
    }
    for (const auto& a : p.area) RunSql(conn_, sql::provider_area_insert, {p.unit_id, a.region_id});
  }

  // Categories and area of `providers` (of one unit, or of all).
  void FillLists(std::vector<domain::ServiceProvider>& providers, std::optional<Id> unit_id) {
    std::map<Id, domain::ServiceProvider*> by_unit;
    for (auto& p : providers) by_unit[p.unit_id] = &p;
    QueryBuilder categories;
    if (unit_id) categories.Where("c.unit_id = " + categories.Param(*unit_id));
    for (const Row& row :
         SelectRows(conn_, sql::provider_category_select,
                    categories.WhereClause() + " ORDER BY c.unit_id, c.category_id",
                    categories.params())) {
      auto it = by_unit.find(row.GetInt64(0));
      if (it != by_unit.end()) it->second->category_ids.push_back(row.GetInt64(1));
    }
    QueryBuilder areas;
    if (unit_id) areas.Where("a.unit_id = " + areas.Param(*unit_id));
    for (const Row& row :
         SelectRows(conn_, sql::provider_area_select,
                    areas.WhereClause() + " ORDER BY a.unit_id, r.path", areas.params())) {
      auto it = by_unit.find(row.GetInt64(0));
      if (it == by_unit.end()) continue;
      it->second->area.push_back({row.GetInt64(1), row.GetText(2), row.GetText(3)});
    }
  }

  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::ProviderRepository> MakeSqlProviderRepository(Connection& conn) {
  return std::make_unique<SqlProviderRepository>(conn);
}

}  // namespace minqing::storage
