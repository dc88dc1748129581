#include "storage/sql_pairing_repository.hpp"

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

domain::Pair ReadPair(const Row& row) {
  domain::Pair p;
  p.id = row.GetInt64(0);
  p.unit_id = row.GetInt64(1);
  p.region_id = row.GetInt64(2);
  p.region_path = row.GetText(3);
  p.from = row.GetText(4);
  if (!row.IsNull(5)) p.to = row.GetText(5);
  p.note = row.GetText(6);
  p.created_at = row.GetInt64(7);
  p.created_by = row.GetOptionalInt64(8);
  p.unit_name = row.GetText(9);
  p.region_name = row.GetText(10);
  return p;
}

domain::PairNeed ReadNeed(const Row& row) {
  domain::PairNeed n;
  n.id = row.GetInt64(0);
  n.pair_id = row.GetInt64(1);
  n.title = row.GetText(2);
  n.kind = static_cast<domain::PairingKind>(row.GetInt64(3));
  n.detail = row.GetText(4);
  n.state = static_cast<domain::NeedState>(row.GetInt64(5));
  n.created_at = row.GetInt64(6);
  return n;
}

domain::PairResource ReadResource(const Row& row) {
  domain::PairResource r;
  r.id = row.GetInt64(0);
  r.pair_id = row.GetInt64(1);
  r.kind = static_cast<domain::PairingKind>(row.GetInt64(2));
  r.description = row.GetText(3);
  r.state = static_cast<domain::ResourceState>(row.GetInt64(4));
  r.created_at = row.GetInt64(5);
  return r;
}

domain::PairMatch ReadMatch(const Row& row) {
  domain::PairMatch m;
  m.id = row.GetInt64(0);
  m.pair_id = row.GetInt64(1);
  m.need_id = row.GetInt64(2);
  m.resource_id = row.GetInt64(3);
  m.note = row.GetText(4);
  m.created_at = row.GetInt64(5);
  m.created_by = row.GetOptionalInt64(6);
  m.created_by_name = row.GetText(7);
  m.done_at = row.GetOptionalInt64(8);
  return m;
}

domain::PairProject ReadProject(const Row& row) {
  domain::PairProject j;
  j.id = row.GetInt64(0);
  j.pair_id = row.GetInt64(1);
  j.title = row.GetText(2);
  j.description = row.GetText(3);
  j.state = static_cast<domain::PairProjectState>(row.GetInt64(4));
  j.project_id = row.GetOptionalInt64(5);
  j.created_at = row.GetInt64(6);
  j.updated_at = row.GetInt64(7);
  return j;
}

class SqlPairingRepository final : public app::PairingRepository {
 public:
  explicit SqlPairingRepository(Connection& conn) : conn_(conn) {}

  void LockPairs(Id unit_id, Id region_id) override {
    RunSql(conn_, sql::pairing_guard, {unit_id, region_id});
  }

  void InsertPair(const domain::Pair& p) override {
    RunSql(
        conn_, sql::pairing_pair_insert,
        {p.id, p.unit_id, p.region_id, p.region_path, p.from, p.to ? Value(*p.to) : Value(nullptr),
         p.note, p.created_at, OptionalValue(p.created_by)});
  }

  std::optional<domain::Pair> FindPair(Id id) override {
    QueryBuilder b;
    b.Where("p.id = " + b.Param(id));
    return First<domain::Pair>(
        SelectRows(conn_, sql::pairing_pair_select, b.WhereClause(), b.params()), ReadPair);
  }

  std::vector<domain::Pair> ListPairs(const app::PairFilter& filter) override {
    QueryBuilder b;
    if (!filter.region_path.empty()) {
      b.Where("p.region_path LIKE " + b.Param(PathPrefixPattern(filter.region_path)));
    }
    if (filter.unit_id) b.Where("p.unit_id = " + b.Param(*filter.unit_id));
    if (filter.region_id) b.Where("p.region_id = " + b.Param(*filter.region_id));
    return ReadAll<domain::Pair>(
        SelectRows(conn_, sql::pairing_pair_select,
                   b.WhereClause() + " ORDER BY p.from_date DESC, p.id DESC", b.params()),
        ReadPair);
  }

  void InsertNeed(const domain::PairNeed& n) override {
    RunSql(conn_, sql::pairing_need_insert,
           {n.id, n.pair_id, n.title, static_cast<std::int64_t>(n.kind), n.detail,
            static_cast<std::int64_t>(n.state), n.created_at});
  }

  void SetNeedState(Id id, domain::NeedState state) override {
    RequireOneRow(RunSql(conn_, sql::pairing_need_state, {id, static_cast<std::int64_t>(state)}),
                  "pairing.need_not_found", "需求不存在");
  }

  std::optional<domain::PairNeed> FindNeed(Id id) override {
    QueryBuilder b;
    b.Where("n.id = " + b.Param(id));
    return First<domain::PairNeed>(
        SelectRows(conn_, sql::pairing_need_select, b.WhereClause(), b.params()), ReadNeed);
  }

  std::vector<domain::PairNeed> NeedsOf(Id pair_id) override {
    QueryBuilder b;
    b.Where("n.pair_id = " + b.Param(pair_id));
    return ReadAll<domain::PairNeed>(
        SelectRows(conn_, sql::pairing_need_select,
                   b.WhereClause() + " ORDER BY n.created_at, n.id", b.params()),
        ReadNeed);
  }

  void InsertResource(const domain::PairResource& r) override {
    RunSql(conn_, sql::pairing_resource_insert,
           {r.id, r.pair_id, static_cast<std::int64_t>(r.kind), r.description,
            static_cast<std::int64_t>(r.state), r.created_at});
  }

  void SetResourceState(Id id, domain::ResourceState state) override {
    RequireOneRow(
        RunSql(conn_, sql::pairing_resource_state, {id, static_cast<std::int64_t>(state)}),
        "pairing.resource_not_found", "资源不存在");
  }

  std::optional<domain::PairResource> FindResource(Id id) override {
    QueryBuilder b;
    b.Where("s.id = " + b.Param(id));
    return First<domain::PairResource>(
        SelectRows(conn_, sql::pairing_resource_select, b.WhereClause(), b.params()), ReadResource);
  }

  std::vector<domain::PairResource> ResourcesOf(Id pair_id) override {
    QueryBuilder b;
    b.Where("s.pair_id = " + b.Param(pair_id));
    return ReadAll<domain::PairResource>(
        SelectRows(conn_, sql::pairing_resource_select,
                   b.WhereClause() + " ORDER BY s.created_at, s.id", b.params()),
        ReadResource);
  }

  void InsertMatch(const domain::PairMatch& m) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::pairing_match_insert,
                 {m.id, m.pair_id, m.need_id, m.resource_id, m.note, m.created_at,
                  OptionalValue(m.created_by)});
        },
        "pairing.need_taken", "该需求或资源已对接");
  }

  void SetMatchDone(Id id, domain::Epoch at) override {
    RequireOneRow(RunSql(conn_, sql::pairing_match_done, {id, at}), "pairing.match_not_found",
                  "对接记录不存在");
  }

  std::optional<domain::PairMatch> FindMatch(Id id) override {
    QueryBuilder b;
    b.Where("m.id = " + b.Param(id));
    return First<domain::PairMatch>(
        SelectRows(conn_, sql::pairing_match_select, b.WhereClause(), b.params()), ReadMatch);
  }

  std::vector<domain::PairMatch> MatchesOf(Id pair_id) override {
    QueryBuilder b;
    b.Where("m.pair_id = " + b.Param(pair_id));
    return ReadAll<domain::PairMatch>(
        SelectRows(conn_, sql::pairing_match_select,
                   b.WhereClause() + " ORDER BY m.created_at, m.id", b.params()),
        ReadMatch);
  }

  void InsertProject(const domain::PairProject& j) override {
    RunSql(conn_, sql::pairing_project_insert,
           {j.id, j.pair_id, j.title, j.description, static_cast<std::int64_t>(j.state),
            OptionalValue(j.project_id), j.created_at, j.updated_at});
  }

  void SetProjectState(Id id, domain::PairProjectState state, domain::Epoch at) override {
    RequireOneRow(
        RunSql(conn_, sql::pairing_project_state, {id, static_cast<std::int64_t>(state), at}),
        "pairing.project_not_found", "共建项目不存在");
  }

  std::optional<domain::PairProject> FindProject(Id id) override {
    QueryBuilder b;
    b.Where("j.id = " + b.Param(id));
    return First<domain::PairProject>(
        SelectRows(conn_, sql::pairing_project_select, b.WhereClause(), b.params()), ReadProject);
  }

  std::vector<domain::PairProject> ProjectsOf(Id pair_id) override {
    QueryBuilder b;
    b.Where("j.pair_id = " + b.Param(pair_id));
    return ReadAll<domain::PairProject>(
        SelectRows(conn_, sql::pairing_project_select,
                   b.WhereClause() + " ORDER BY j.created_at, j.id", b.params()),
        ReadProject);
  }

 private:
  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::PairingRepository> MakeSqlPairingRepository(Connection& conn) {
  return std::make_unique<SqlPairingRepository>(conn);
}

}  // namespace minqing::storage
