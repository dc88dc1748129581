#include "app/auth_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "app/audit.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/password_policy.hpp"
#include "domain/privacy.hpp"

// Present (and true) only in a test executable: see AuthService::HashPassword.
extern "C" bool minqing_cheap_password_hashing_for_tests() __attribute__((weak));

namespace minqing::app {
namespace {

using domain::Epoch;

void EnsureSodium() {
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) throw domain::StorageError("internal", "libsodium 初始化失败");
}

std::string ToHex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

void FillScopeName(StoreTx& tx, domain::User& user) {
  if (!user.scope_region_id) return;
  if (auto region = tx.Registry().FindRegion(*user.scope_region_id))
    user.scope_region_name = region->name;
}

void RequireAdmin(const Actor& actor) {
  if (!domain::RoleHas(actor.user.role, domain::Permission::kManageUsers)) {
    throw domain::Forbidden("auth.forbidden", "无权管理用户");
  }
}

std::vector<domain::FieldProblem> ValidateUserInput(const UserInput& input, bool creating) {
  std::vector<domain::FieldProblem> problems;
  if (creating) {
    bool username_ok = input.username.size() >= 3 && input.username.size() <= 32;
    for (char c : input.username) {
      bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '_' || c == '.' || c == '-';
      if (!allowed) username_ok = false;
    }
    if (!username_ok) {
      problems.push_back(
          {"username", "user.username_invalid", "用户名须为3-32位字母、数字、下划线、点或减号"});
    }
  }
  if (!input.role.empty() && !domain::ParseRole(input.role)) {
    problems.push_back({"role", "user.role_invalid", "角色无效"});
  }
  if (creating && input.role.empty()) {
    problems.push_back({"role", "user.role_required", "请选择角色"});
  }
  if (creating || !input.password.empty()) {
    for (auto& problem : domain::CheckPassword(input.password, input.username)) {
      problems.push_back(std::move(problem));
    }
  }
  if (!input.phone.empty() && !domain::IsPlausiblePhone(input.phone)) {
    problems.push_back({"phone", "phone.invalid", "电话号码格式不正确"});
  }
  return problems;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return ToHex(digest, sizeof(digest));
}

std::string RandomHex(std::size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  return ToHex(buffer.data(), buffer.size());
}

bool HashesEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

AuthService::AuthService(Store& store, AuthOptions options) : store_(store), options_(options) {
  EnsureSodium();
}

std::string AuthService::HashPassword(std::string_view password) {
  EnsureSodium();
  // Defined only by the test executables (src/test_support/cheap_password_hashing.cpp): the binary
  // has no such symbol, so nothing it is given (option, variable, file) can lower the cost.
  const bool cheap = &minqing_cheap_password_hashing_for_tests != nullptr;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            cheap ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            cheap ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw domain::StorageError("internal", "密码哈希失败（内存不足）");
  }
  return out;
}

bool AuthService::VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  std::string stored(hash);
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

std::int64_t AuthService::DelayAfter(int failures) const {
  if (failures < options_.free_failures) return 0;
  std::int64_t delay = options_.first_delay_seconds;
  for (int i = options_.free_failures; i < failures && delay < options_.max_delay_seconds; ++i) {
    delay *= 2;
  }
  return std::min(delay, options_.max_delay_seconds);
}

AuthService::ThrottleKeys AuthService::KeysOf(std::string_view purpose, std::string_view username,
                                              std::string_view address) {
  // NUL separates the parts: a purpose and an address hold none, so no two triples share a key.
  std::string pair(purpose);
  pair += '\0';
  pair += username.substr(0, 64);
  pair += '\0';
  pair += address;
  return {Sha256Hex(pair), Sha256Hex(address)};
}

void AuthService::CheckThrottle(StoreTx& tx, const ThrottleKeys& keys, Epoch now) const {
  if (auto pair = tx.Accounts().FindLoginFailures(keys.pair);
      pair && pair->last_failed_at > now - options_.forget_after_seconds) {
    if (Epoch until = pair->last_failed_at + DelayAfter(pair->failures); until > now) {
      const std::int64_t wait = until - now;
      throw domain::RateLimited(
          "auth.rate_limited",
          "该账号在本机登录失败次数过多，请" + std::to_string(wait) + "秒后再试", wait,
          {{"retry_after_seconds", "auth.retry_after", std::to_string(wait)}});
    }
  }
  // The oldest of the address's last `address_failure_cap` failures in the window: while it is
  // in the window the address has failed that often, and it waits until that one leaves.
  if (auto oldest = tx.Accounts().NthNewestAddressFailure(
          keys.address, now - options_.address_window_seconds, options_.address_failure_cap)) {
    const std::int64_t wait = *oldest + options_.address_window_seconds - now;
    throw domain::RateLimited(
        "auth.rate_limited", "本网络登录失败次数过多，请" + std::to_string(wait) + "秒后再试", wait,
        {{"retry_after_seconds", "auth.retry_after", std::to_string(wait)}});
  }
}

int AuthService::RecordFailure(const ThrottleKeys& keys, Epoch now) {
  auto tx = store_.Begin();
  const int failures = tx->Accounts().RecordLoginFailure(keys.pair, keys.address, now,
                                                         now - options_.forget_after_seconds);
  tx->Commit();
  return failures;
}

std::int64_t AuthService::PruneThrottle(Epoch now) {
  auto tx = store_.Begin();
  const std::int64_t deleted = tx->Accounts().PruneLoginFailures(
      now - options_.forget_after_seconds, now - options_.address_window_seconds);
  tx->Commit();
  return deleted;
}

LoginResult AuthService::Login(std::string_view username, std::string_view password,
                               std::string_view client_address, Epoch now,
                               domain::Channel channel) {
  const ThrottleKeys keys = KeysOf("login", username, client_address);
  std::optional<domain::User> user;
  {
    auto tx = store_.BeginRead();
    CheckThrottle(*tx, keys, now);
    user = tx->Accounts().FindUserByUsername(username);
    if (user) FillScopeName(*tx, *user);
  }
  // Verify against a dummy hash for unknown users so that timing does not reveal usernames.
  static const std::string kDummyHash = HashPassword("minqing-dummy-password");
  bool ok = VerifyPassword(user ? user->password_hash : kDummyHash, password);
  if (!user || !ok || !user->active) {
    const int failures = RecordFailure(keys, now);
    const int left = std::max(0, options_.free_failures - failures);
    std::string message = "用户名或密码错误";
    if (left > 0) {
      message += "，还可尝试" + std::to_string(left) + "次";
    } else {
      message += "，请" + std::to_string(DelayAfter(failures)) + "秒后再试";
    }
    std::vector<domain::FieldProblem> details = {
        {"attempts_left", "auth.attempts_left", std::to_string(left)}};
    if (left == 0) {
      details.push_back(
          {"retry_after_seconds", "auth.retry_after", std::to_string(DelayAfter(failures))});
    }
    throw domain::Unauthenticated("auth.invalid_credentials", message, std::move(details));
  }
  auto tx = store_.Begin();
  tx->Accounts().ForgetLoginFailures(keys.pair);
  LoginResult result = OpenSession(*tx, *user, client_address, now, channel);
  tx->Commit();
  return result;
}

LoginResult AuthService::OpenSession(StoreTx& tx, const domain::User& user,
                                     std::string_view client_address, Epoch now,
                                     domain::Channel channel, std::string_view action) const {
  LoginResult result;
  result.token = RandomHex(32);
  result.csrf_token = RandomHex(16);
  result.expires_at = now + options_.session_seconds;
  result.user = user;
  result.user.password_hash.clear();

  domain::Session session;
  session.token_hash = Sha256Hex(result.token);
  session.user_id = user.id;
  session.csrf_token = result.csrf_token;
  session.created_at = now;
  session.expires_at = result.expires_at;
  tx.Accounts().DeleteExpiredSessions(now);
  tx.Accounts().InsertSession(session);
  Actor actor{user, channel, now};
  RecordAudit(tx, actor, action, "user", user.id, "",
              JsonObjectWriter().Add("address", client_address).Finish());
  return result;
}

std::optional<Authenticated> AuthService::Authenticate(std::string_view token, Epoch now) {
  if (token.empty() || token.size() > 256) return std::nullopt;
  std::string token_hash = Sha256Hex(token);
  // A session depends on the users and sessions tables and on the name of the user's region;
  // the sum of the two generations changes whenever either does (both only grow).
  const std::uint64_t generation =
      store_.AreaGeneration(DataArea::kAccounts) + store_.AreaGeneration(DataArea::kRegistry);
  if (auto cached = sessions_.Get(token_hash, generation, now)) {
    if (cached->expires_at > now) return cached;
    return std::nullopt;
  }
  auto tx = store_.BeginRead();
  auto session = tx->Accounts().FindSession(token_hash);
  if (!session || session->expires_at <= now) return std::nullopt;
  auto user = tx->Accounts().FindUser(session->user_id);
  if (!user || !user->active) return std::nullopt;
  user->password_hash.clear();
  FillScopeName(*tx, *user);
  Authenticated result{*user, session->csrf_token, session->expires_at};
  sessions_.Put(token_hash, generation, now, result);
  return result;
}

void AuthService::Logout(std::string_view token) {
  auto tx = store_.Begin();
  tx->Accounts().DeleteSession(Sha256Hex(token));
  tx->Commit();
}

domain::Page<domain::User> AuthService::ListUsers(const Actor& actor,
                                                  const domain::PageRequest& page) {
  RequireAdmin(actor);
  auto tx = store_.BeginRead();
  auto users = tx->Accounts().ListUsers(page);
  for (auto& u : users.items) {
    u.password_hash.clear();
    FillScopeName(*tx, u);
  }
  return users;
}

void AuthService::FillScope(StoreTx& tx, domain::User& user, const UserInput& input) {
  user.scope_region_id = input.scope_region_id;
  user.scope_region_path.clear();
  if (input.scope_region_id) {
    auto region = tx.Registry().FindRegion(*input.scope_region_id);
    if (!region) {
      throw domain::InvalidInput("validation.failed", "管辖区域不存在",
                                 {{"scope_region_id", "region.not_found", "管辖区域不存在"}});
    }
    user.scope_region_path = region->path;
    user.scope_region_name = region->name;
  }
  user.scope_unit_id = input.scope_unit_id;
  if (input.scope_unit_id && !tx.Registry().FindUnit(*input.scope_unit_id)) {
    throw domain::InvalidInput("validation.failed", "所属单位不存在",
                               {{"scope_unit_id", "unit.not_found", "所属单位不存在"}});
  }
  user.resident_id = input.resident_id;
  if (input.resident_id && !tx.Registry().FindResident(*input.resident_id)) {
    throw domain::InvalidInput("validation.failed", "关联居民不存在",
                               {{"resident_id", "resident.not_found", "关联居民不存在"}});
  }
  bool needs_region = user.role == domain::Role::kVillageAssistant ||
                      user.role == domain::Role::kPartyMember ||
                      user.role == domain::Role::kCentreStaff;
  if (needs_region && !user.scope_region_id) {
    throw domain::InvalidInput(
        "validation.failed", "该角色必须指定管辖区域",
        {{"scope_region_id", "user.scope_required", "该角色必须指定管辖区域"}});
  }
  if (user.role == domain::Role::kUnitHandler && !user.scope_unit_id) {
    throw domain::InvalidInput(
        "validation.failed", "承办单位人员必须指定所属单位",
        {{"scope_unit_id", "user.unit_required", "承办单位人员必须指定所属单位"}});
  }
  if (user.role == domain::Role::kResident && !user.resident_id) {
    throw domain::InvalidInput("validation.failed", "群众账号必须关联居民",
                               {{"resident_id", "user.resident_required", "群众账号必须关联居民"}});
  }
}

domain::User AuthService::CreateUser(const Actor& actor, const UserInput& input) {
  RequireAdmin(actor);
  auto problems = ValidateUserInput(input, true);
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "用户信息有误", std::move(problems));
  }
  domain::User user;
  user.id = domain::NewId();
  user.username = input.username;
  user.display_name = input.display_name.empty() ? input.username : input.display_name;
  user.role = *domain::ParseRole(input.role);
  user.phone = input.phone;
  user.active = input.active.value_or(true);
  user.created_at = actor.now;
  user.password_hash = HashPassword(input.password);
  user.password_set = true;
  auto tx = store_.Begin();
  FillScope(*tx, user, input);
  if (tx->Accounts().FindUserByUsername(user.username)) {
    throw domain::Conflict("user.conflict", "用户名已存在");
  }
  tx->Accounts().InsertUser(user);
  RecordAudit(*tx, actor, "user.create", "user", user.id, "", Snapshot(user));
  tx->Commit();
  user.password_hash.clear();
  return user;
}

domain::User AuthService::UpdateUser(const Actor& actor, Id user_id, const UserInput& input) {
  RequireAdmin(actor);
  auto problems = ValidateUserInput(input, false);
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "用户信息有误", std::move(problems));
  }
  std::string new_hash = input.password.empty() ? "" : HashPassword(input.password);
  auto tx = store_.Begin();
  auto user = tx->Accounts().FindUser(user_id);
  if (!user) throw domain::NotFound("user.not_found", "用户不存在");
  std::string before = Snapshot(*user);
  if (!input.display_name.empty()) user->display_name = input.display_name;
  if (!input.role.empty()) user->role = *domain::ParseRole(input.role);
  if (!input.phone.empty()) user->phone = input.phone;
  if (input.active) user->active = *input.active;
  UserInput scope = input;
  if (!scope.scope_region_id) scope.scope_region_id = user->scope_region_id;
  if (!scope.scope_unit_id) scope.scope_unit_id = user->scope_unit_id;
  if (!scope.resident_id) scope.resident_id = user->resident_id;
  FillScope(*tx, *user, scope);
  bool revoke = !new_hash.empty() || !user->active;
  if (!new_hash.empty()) {
    user->password_hash = new_hash;
    user->password_set = true;
  }
  tx->Accounts().UpdateUser(*user);
  if (revoke) tx->Accounts().DeleteSessionsOfUser(user->id);
  RecordAudit(*tx, actor, new_hash.empty() ? "user.update" : "user.update_password", "user",
              user->id, before, Snapshot(*user));
  tx->Commit();
  user->password_hash.clear();
  return *user;
}

void AuthService::ChangeOwnPassword(const Actor& actor, std::string_view old_password,
                                    std::string_view new_password, std::string_view current_token) {
  auto problems = domain::CheckPassword(new_password, actor.user.username, "new_password");
  if (!problems.empty()) {
    std::string message = problems.front().message;
    throw domain::InvalidInput("validation.failed", message, std::move(problems));
  }
  std::string new_hash = HashPassword(new_password);
  auto tx = store_.Begin();
  auto user = tx->Accounts().FindUser(actor.user.id);
  if (!user) throw domain::NotFound("user.not_found", "用户不存在");
  if (!VerifyPassword(user->password_hash, old_password)) {
    throw domain::InvalidInput("validation.failed", "原密码错误",
                               {{"old_password", "auth.invalid_credentials", "原密码错误"}});
  }
  user->password_hash = new_hash;
  tx->Accounts().UpdateUser(*user);
  // Whoever else holds a session (a stolen token, a forgotten browser) is logged out; the
  // session that made the change stays.
  std::optional<domain::Session> current;
  if (!current_token.empty()) current = tx->Accounts().FindSession(Sha256Hex(current_token));
  tx->Accounts().DeleteSessionsOfUser(user->id);
  if (current && current->user_id == user->id) tx->Accounts().InsertSession(*current);
  RecordAudit(*tx, actor, "user.change_password", "user", user->id, "", "");
  tx->Commit();
}

}  // namespace minqing::app
