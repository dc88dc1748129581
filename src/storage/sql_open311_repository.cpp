#include "storage/sql_open311_repository.hpp"

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

app::Open311Key ReadKey(const Row& row) {
  app::Open311Key k;
  k.id = row.GetInt64(0);
  k.name = row.GetText(1);
  k.prefix = row.GetText(2);
  k.owner_id = row.GetInt64(3);
  k.owner_name = row.GetText(4);
  if (k.owner_name.empty()) k.owner_name = row.GetText(5);
  k.created_at = row.GetInt64(6);
  k.last_used_at = row.GetOptionalInt64(7);
  k.request_count = row.GetInt64(8);
  k.revoked_at = row.GetOptionalInt64(9);
  return k;
}

class SqlOpen311Repository final : public app::Open311Repository {
 public:
  explicit SqlOpen311Repository(Connection& conn) : conn_(conn) {}

  void InsertKey(const app::Open311Key& k, std::string_view key_hash) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::open311_key_insert,
                 {k.id, k.name, k.prefix, std::string(key_hash), k.owner_id, k.created_at});
        },
        "open311.key_exists", "接口密钥重复，请重试");
  }

  std::vector<app::Open311Key> ListKeys() override {
    return ReadAll<app::Open311Key>(
        SelectRows(conn_, sql::open311_key_select, " ORDER BY k.created_at DESC, k.id DESC", {}),
        ReadKey);
  }

  std::optional<app::Open311Key> FindKey(Id id) override {
    QueryBuilder b;
    b.Where("k.id = " + b.Param(id));
    return First<app::Open311Key>(
        SelectRows(conn_, sql::open311_key_select, b.WhereClause(), b.params()), ReadKey);
  }

  std::optional<app::Open311Key> FindKeyByHash(std::string_view key_hash) override {
    QueryBuilder b;
    b.Where("k.key_hash = " + b.Param(std::string(key_hash)));
    return First<app::Open311Key>(
        SelectRows(conn_, sql::open311_key_select, b.WhereClause(), b.params()), ReadKey);
  }

  void RecordUse(Id id, domain::Epoch at) override {
    RunSql(conn_, sql::open311_key_used, {id, at});
  }

  bool RevokeKey(Id id, domain::Epoch at, Id by) override {
    return RunSql(conn_, sql::open311_key_revoke, {id, at, by}) == 1;
  }

 private:
  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::Open311Repository> MakeSqlOpen311Repository(Connection& conn) {
  return std::make_unique<SqlOpen311Repository>(conn);
}

}  // namespace minqing::storage
