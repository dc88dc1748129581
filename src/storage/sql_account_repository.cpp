#include "storage/sql_account_repository.hpp"

#include <optional>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

domain::User ReadUser(const Row& row) {
  domain::User u;
  u.id = row.GetInt64(0);
  u.username = row.GetText(1);
  u.display_name = row.GetText(2);
  u.role = static_cast<domain::Role>(row.GetInt64(3));
  u.scope_region_id = row.GetOptionalInt64(4);
  u.scope_region_path = row.GetText(5);
  u.scope_unit_id = row.GetOptionalInt64(6);
  u.resident_id = row.GetOptionalInt64(7);
  u.phone = row.GetText(8);
  u.password_hash = row.GetText(9);
  u.password_set = !u.password_hash.empty();
  u.active = row.GetBool(10);
  u.created_at = row.GetInt64(11);
  return u;
}

Params UserParams(const domain::User& u) {
  return {u.id,
          u.username,
          u.display_name,
          static_cast<std::int64_t>(u.role),
          OptionalValue(u.scope_region_id),
          u.scope_region_path,
          OptionalValue(u.scope_unit_id),
          OptionalValue(u.resident_id),
          u.phone,
          u.password_hash,
          std::int64_t{u.active ? 1 : 0},
          u.created_at};
}

domain::Session ReadSession(const Row& row) {
  domain::Session s;
  s.token_hash = row.GetText(0);
  s.user_id = row.GetInt64(1);
  s.csrf_token = row.GetText(2);
  s.created_at = row.GetInt64(3);
  s.expires_at = row.GetInt64(4);
  return s;
}

class SqlAccountRepository final : public app::AccountRepository {
 public:
  explicit SqlAccountRepository(Connection& conn) : conn_(conn) {}

  // Users and sessions.
  std::optional<domain::User> FindUser(Id id) override {
    return First<domain::User>(SelectRows(conn_, sql::user_select, " WHERE u.id = $1", {id}),
                               ReadUser);
  }
  std::optional<domain::User> FindUserByUsername(std::string_view username) override {
    return First<domain::User>(
        SelectRows(conn_, sql::user_select, " WHERE u.username = $1", {std::string(username)}),
        ReadUser);
  }
  domain::Page<domain::User> ListUsers(const domain::PageRequest& page) override {
    QueryBuilder b;
    std::string_view order = OrderBy(page.sort, {{"username", "u.username, u.id"},
                                                 {"-username", "u.username DESC, u.id DESC"},
                                                 {"created_at", "u.created_at, u.id"},
                                                 {"-created_at", "u.created_at DESC, u.id DESC"}});
    return ListPage<domain::User>(conn_, sql::user_select, sql::user_count, b, order, page,
                                  ReadUser);
  }
  std::vector<domain::User> ListUsersOfHousehold(Id household_id) override {
    return ReadAll<domain::User>(
        SelectRows(
            conn_, sql::user_select,
            " WHERE u.resident_id IN (SELECT r.id FROM residents r WHERE r.household_id = $1)"
            " ORDER BY u.id",
            {household_id}),
        ReadUser);
  }
  std::optional<domain::User> FindUserByResident(Id resident_id) override {
    return First<domain::User>(SelectRows(conn_, sql::user_select,
                                          " WHERE u.resident_id = $1 ORDER BY u.id", {resident_id}),
                               ReadUser);
  }
  std::vector<domain::User> FindUsers(const app::UserQuery& query) override {
    QueryBuilder b;
    b.Where("u.active = 1");
    if (query.role) b.Where("u.role = " + b.Param(static_cast<std::int64_t>(*query.role)));
    if (query.unit_id) b.Where("u.scope_unit_id = " + b.Param(*query.unit_id));
    auto in_list = [&b](const std::vector<Id>& ids) {
      std::string list;
      for (Id id : ids) list += (list.empty() ? "" : ", ") + b.Param(id);
      return "(" + list + ")";
    };
    if (!query.scope_region_ids.empty()) {
      b.Where("u.scope_region_id IN " + in_list(query.scope_region_ids));
    }
    if (!query.resident_ids.empty()) b.Where("u.resident_id IN " + in_list(query.resident_ids));
    if (!query.phone.empty()) b.Where("u.phone = " + b.Param(query.phone));
    return ReadAll<domain::User>(
        SelectRows(conn_, sql::user_select, b.WhereClause() + " ORDER BY u.id LIMIT 500",
                   b.params()),
        ReadUser);
  }
  void InsertUser(const domain::User& u) override {
    RenameConflict([&] { RunSql(conn_, sql::user_insert, UserParams(u)); }, "user.exists",
                   "用户名已存在");
  }
  void UpdateUser(const domain::User& u) override {
    Params p = UserParams(u);
    p.pop_back();  // created_at never changes.
    RenameConflict(
        [&] { RequireOneRow(RunSql(conn_, sql::user_update, p), "user.not_found", "用户不存在"); },
        "user.exists", "用户名已存在");
  }
  void InsertSession(const domain::Session& s) override {
    RunSql(conn_, sql::session_insert,
           {s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at});
  }
  std::optional<domain::Session> FindSession(std::string_view token_hash) override {
    return First<domain::Session>(QueryRows(conn_, sql::session_find, {std::string(token_hash)}),
                                  ReadSession);
  }
  void DeleteSession(std::string_view token_hash) override {
    RunSql(conn_, sql::session_delete, {std::string(token_hash)});
  }
  void DeleteSessionsOfUser(Id user_id) override {
    RunSql(conn_, sql::session_delete_user, {user_id});
  }
  std::int64_t DeleteExpiredSessions(domain::Epoch now) override {
    return RunSql(conn_, sql::session_delete_expired, {now});
  }

  void StoreActivation(const app::AccountActivation& a) override {
    RunSql(conn_, sql::account_activation_upsert,
           {a.user_id, a.code_hash, a.issued_at, a.expires_at, OptionalValue(a.issued_by)});
  }
  std::optional<app::AccountActivation> FindActivation(Id user_id) override {
    return First<app::AccountActivation>(
        QueryRows(conn_, sql::account_activation_select, {user_id}), [](const Row& row) {
          app::AccountActivation a;
          a.user_id = row.GetInt64(0);
          a.code_hash = row.GetText(1);
          a.issued_at = row.GetInt64(2);
          a.expires_at = row.GetInt64(3);
          a.issued_by = row.GetOptionalInt64(4);
          a.used_at = row.GetOptionalInt64(5);
          return a;
        });
  }
  bool UseActivation(Id user_id, std::string_view code_hash, domain::Epoch now) override {
    return RunSql(conn_, sql::account_activation_use, {user_id, std::string(code_hash), now}) == 1;
  }

  void StorePhoneCode(const app::PhoneCode& c, domain::Epoch expired_before) override {
    RunSql(conn_, sql::phone_code_delete_expired, {expired_before});
    RunSql(conn_, sql::phone_code_upsert,
           {c.phone, c.purpose, c.code_hash, c.card_code, c.created_at, c.expires_at});
  }
  std::optional<app::PhoneCode> FindPhoneCode(std::string_view phone,
                                              std::string_view purpose) override {
    return First<app::PhoneCode>(
        QueryRows(conn_, sql::phone_code_select, {std::string(phone), std::string(purpose)}),
        [](const Row& row) {
          app::PhoneCode c;
          c.phone = row.GetText(0);
          c.purpose = row.GetText(1);
          c.code_hash = row.GetText(2);
          c.card_code = row.GetText(3);
          c.created_at = row.GetInt64(4);
          c.expires_at = row.GetInt64(5);
          c.attempts = static_cast<int>(row.GetInt64(6));
          return c;
        });
  }
  bool CountPhoneCodeAttempt(std::string_view phone, std::string_view purpose,
                             int max_attempts) override {
    return RunSql(conn_, sql::phone_code_attempt,
                  {std::string(phone), std::string(purpose),
                   static_cast<std::int64_t>(max_attempts)}) == 1;
  }
  bool UsePhoneCode(std::string_view phone, std::string_view purpose,
                    std::string_view code_hash) override {
    return RunSql(conn_, sql::phone_code_use,
                  {std::string(phone), std::string(purpose), std::string(code_hash)}) == 1;
  }

  // The login throttle.
  std::optional<app::LoginFailures> FindLoginFailures(std::string_view pair_key) override {
    auto rows = QueryRows(conn_, sql::login_pair_failures_select, {std::string(pair_key)});
    if (rows.empty()) return std::nullopt;
    return app::LoginFailures{static_cast<int>(rows[0].GetInt64(0)), rows[0].GetInt64(1)};
  }
  std::optional<domain::Epoch> NthNewestAddressFailure(std::string_view address_key,
                                                       domain::Epoch since, int nth) override {
    auto rows = QueryRows(conn_, sql::login_address_failure_nth,
                          {std::string(address_key), since, static_cast<std::int64_t>(nth)});
    if (rows.empty()) return std::nullopt;
    return rows[0].GetInt64(0);
  }
  int RecordLoginFailure(std::string_view pair_key, std::string_view address_key, domain::Epoch now,
                         domain::Epoch forget_before) override {
    RunSql(conn_, sql::login_address_failure_record, {std::string(address_key), now});
    auto rows = QueryRows(conn_, sql::login_pair_failure_record,
                          {std::string(pair_key), now, forget_before});
    return static_cast<int>(rows.at(0).GetInt64(0));
  }
  void ForgetLoginFailures(std::string_view pair_key) override {
    RunSql(conn_, sql::login_pair_failures_delete, {std::string(pair_key)});
  }
  std::int64_t PruneLoginFailures(domain::Epoch pairs_before,
                                  domain::Epoch addresses_before) override {
    return RunSql(conn_, sql::login_pair_failures_prune, {pairs_before}) +
           RunSql(conn_, sql::login_address_failures_prune, {addresses_before});
  }

 private:
  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::AccountRepository> MakeSqlAccountRepository(Connection& conn) {
  return std::make_unique<SqlAccountRepository>(conn);
}

}  // namespace minqing::storage
