#include "storage/sql_posting_repository.hpp"

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

std::optional<std::string> OptionalText(const Row& row, std::size_t i) {
  if (row.IsNull(i)) return std::nullopt;
  return row.GetText(i);
}

Value TextOrNull(const std::optional<std::string>& v) { return v ? Value(*v) : Value(nullptr); }

domain::Posting ReadPosting(const Row& row) {
  domain::Posting p;
  p.id = row.GetInt64(0);
  p.user_id = row.GetInt64(1);
  p.user_name = row.GetText(2);
  p.user_phone = row.GetText(3);
  p.home_unit = row.GetText(4);
  p.region_id = row.GetInt64(5);
  p.region_path = row.GetText(6);
  p.region_name = row.GetText(7);
  // A code this build does not know reads as the first role; codes are never renamed.
  p.role = domain::ParsePostingRole(row.GetText(8))
               .value_or(domain::PostingRole::kVillageAffairsAssistant);
  p.team = row.GetText(9);
  p.from = row.GetText(10);
  p.to = OptionalText(row, 11);
  p.note = row.GetText(12);
  p.created_at = row.GetInt64(13);
  p.created_by = row.GetOptionalInt64(14);
  p.ended_at = row.GetOptionalInt64(15);
  p.ended_by = row.GetOptionalInt64(16);
  return p;
}

domain::Agreement ReadAgreement(const Row& row) {
  domain::Agreement a;
  a.id = row.GetInt64(0);
  a.posting_id = row.GetInt64(1);
  a.year = static_cast<int>(row.GetInt64(2));
  a.title = row.GetText(3);
  a.signed_on = OptionalText(row, 4);
  a.signed_by = row.GetOptionalInt64(5);
  a.signed_at = row.GetOptionalInt64(6);
  a.created_at = row.GetInt64(7);
  a.created_by = row.GetOptionalInt64(8);
  a.updated_at = row.GetInt64(9);
  return a;
}

domain::AgreementItem ReadItem(const Row& row) {
  domain::AgreementItem item;
  item.kind =
      domain::ParseAgreementItemKind(row.GetText(0)).value_or(domain::AgreementItemKind::kCustom);
  item.label = row.GetText(1);
  item.target = row.GetDouble(2);
  item.unit = row.GetText(3);
  item.weight = row.GetDouble(4);
  return item;
}

class SqlPostingRepository final : public app::PostingRepository {
 public:
  explicit SqlPostingRepository(Connection& conn) : conn_(conn) {}

  void LockPostings(domain::Id region_id, domain::PostingRole role) override {
    RunSql(conn_, sql::posting_guard, {region_id, std::string(domain::PostingRoleCode(role))});
  }

  void InsertPosting(const domain::Posting& p) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::posting_insert,
                 {p.id, p.user_id, p.home_unit, p.region_id, p.region_path,
                  std::string(domain::PostingRoleCode(p.role)), p.team, p.from, TextOrNull(p.to),
                  p.note, p.created_at, OptionalValue(p.created_by)});
        },
        "posting.exists", "派驻记录已存在");
  }

  void EndPosting(domain::Id id, const std::string& to, domain::Epoch at,
                  std::optional<domain::Id> by) override {
    RequireOneRow(RunSql(conn_, sql::posting_end, {id, to, at, OptionalValue(by)}),
                  "posting.not_found", "派驻记录不存在");
  }

  std::optional<domain::Posting> FindPosting(domain::Id id) override {
    QueryBuilder b;
    b.Where("p.id = " + b.Param(id));
    return First<domain::Posting>(
        SelectRows(conn_, sql::posting_select, b.WhereClause(), b.params()), ReadPosting);
  }

  domain::Page<domain::Posting> ListPostings(const app::PostingFilter& filter,
                                             const domain::PageRequest& page) override {
    QueryBuilder b;
    if (!filter.region_path.empty()) {
      b.Where("p.region_path LIKE " + b.Param(PathPrefixPattern(filter.region_path)));
    }
    if (filter.region_id) b.Where("p.region_id = " + b.Param(*filter.region_id));
    if (filter.user_id) b.Where("p.user_id = " + b.Param(*filter.user_id));
    if (filter.role) {
      b.Where("p.role = " + b.Param(std::string(domain::PostingRoleCode(*filter.role))));
    }
    if (filter.current_on) {
      std::string day = b.Param(*filter.current_on);
      b.Where("p.from_date <= " + day + " AND (p.to_date IS NULL OR p.to_date >= " + day + ")");
    }
    return ListPage<domain::Posting>(conn_, sql::posting_select, sql::posting_count, b,
                                     "p.from_date DESC, p.id DESC", page, ReadPosting);
  }

  std::vector<domain::Posting> PostingsOf(domain::Id region_id, domain::PostingRole role) override {
    QueryBuilder b;
    b.Where("p.region_id = " + b.Param(region_id));
    b.Where("p.role = " + b.Param(std::string(domain::PostingRoleCode(role))));
    return ReadAll<domain::Posting>(
        SelectRows(conn_, sql::posting_select, b.WhereClause() + " ORDER BY p.from_date, p.id",
                   b.params()),
        ReadPosting);
  }

  void InsertAgreement(const domain::Agreement& a) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::agreement_insert,
                 {a.id, a.posting_id, static_cast<std::int64_t>(a.year), a.title, a.created_at,
                  OptionalValue(a.created_by)});
        },
        "agreement.exists", "该派驻本年度已有目标责任书，请修改已有的责任书");
    InsertItems(a);
  }

  void ReplaceAgreementItems(const domain::Agreement& a, domain::Epoch at) override {
    if (RunSql(conn_, sql::agreement_touch, {a.id, a.title, at}) != 1) {
      throw domain::Conflict("agreement.signed", "责任书已签订或不存在，内容不能再修改");
    }
    RunSql(conn_, sql::agreement_items_delete, {a.id});
    InsertItems(a);
  }

  void SignAgreement(domain::Id id, const std::string& signed_on, domain::Id by,
                     domain::Epoch at) override {
    if (RunSql(conn_, sql::agreement_sign, {id, signed_on, by, at}) != 1) {
      throw domain::Conflict("agreement.signed", "责任书已签订或不存在");
    }
  }

  std::optional<domain::Agreement> FindAgreement(domain::Id id) override {
    QueryBuilder b;
    b.Where("a.id = " + b.Param(id));
    return WithItems(First<domain::Agreement>(
        SelectRows(conn_, sql::agreement_select, b.WhereClause(), b.params()), ReadAgreement));
  }

  std::optional<domain::Agreement> FindAgreementOf(domain::Id posting_id, int year) override {
    QueryBuilder b;
    b.Where("a.posting_id = " + b.Param(posting_id));
    b.Where("a.year = " + b.Param(static_cast<std::int64_t>(year)));
    return WithItems(First<domain::Agreement>(
        SelectRows(conn_, sql::agreement_select, b.WhereClause(), b.params()), ReadAgreement));
  }

  std::vector<domain::Agreement> AgreementsOf(domain::Id posting_id) override {
    QueryBuilder b;
    b.Where("a.posting_id = " + b.Param(posting_id));
    auto out = ReadAll<domain::Agreement>(
        SelectRows(conn_, sql::agreement_select, b.WhereClause() + " ORDER BY a.year DESC",
                   b.params()),
        ReadAgreement);
    for (auto& a : out) a.items = Items(a.id);
    return out;
  }

 private:
  void InsertItems(const domain::Agreement& a) {
    std::int64_t position = 0;
    for (const auto& item : a.items) {
      RunSql(conn_, sql::agreement_item_insert,
             {a.id, position++, std::string(domain::InfoOf(item.kind).code), item.label,
              item.target, item.unit, item.weight});
    }
  }

  std::vector<domain::AgreementItem> Items(domain::Id agreement_id) {
    return ReadAll<domain::AgreementItem>(
        QueryRows(conn_, sql::agreement_items_select, {agreement_id}), ReadItem);
  }

  std::optional<domain::Agreement> WithItems(std::optional<domain::Agreement> a) {
    if (a) a->items = Items(a->id);
    return a;
  }

  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::PostingRepository> MakeSqlPostingRepository(Connection& conn) {
  return std::make_unique<SqlPostingRepository>(conn);
}

}  // namespace minqing::storage
