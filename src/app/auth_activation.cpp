// AuthService::Activate: the one-time activation of an account created in bulk.
#include "app/account_import.hpp"
#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "domain/errors.hpp"
#include "domain/password_policy.hpp"

namespace minqing::app {

LoginResult AuthService::Activate(std::string_view username, std::string_view code,
                                  std::string_view new_password, std::string_view client_address,
                                  domain::Epoch now, domain::Channel channel) {
  auto problems = domain::CheckPassword(new_password, username, "password");
  if (!problems.empty()) {
    std::string message = problems.front().message;
    throw domain::InvalidInput("validation.failed", message, std::move(problems));
  }
  // Its own pairs (a wrong code does not lock the password login of the pair, nor the other way),
  // the same count per address.
  const ThrottleKeys keys = KeysOf("activate", username, client_address);
  std::optional<domain::User> user;
  std::optional<AccountActivation> activation;
  {
    auto tx = store_.BeginRead();
    CheckThrottle(*tx, keys, now);
    user = tx->Accounts().FindUserByUsername(username);
    if (user) activation = tx->Accounts().FindActivation(user->id);
  }
  // A dummy check for unknown accounts, so that timing does not tell which usernames wait.
  static const std::string kDummyHash = HashActivationCode("AAAAAAAA");
  const bool ok = VerifyActivationCode(activation ? activation->code_hash : kDummyHash, code) &&
                  activation.has_value();
  if (!ok) {
    const int failures = RecordFailure(keys, now);
    const int left = std::max(0, options_.free_failures - failures);
    std::string message = "用户名或激活码错误";
    message += left > 0 ? "，还可尝试" + std::to_string(left) + "次"
                        : "，请" + std::to_string(DelayAfter(failures)) + "秒后再试";
    throw domain::Unauthenticated("activation.invalid_code", message,
                                  {{"attempts_left", "auth.attempts_left", std::to_string(left)}});
  }
  if (activation->used_at) {
    throw domain::Conflict(
        "activation.used",
        "该激活码已经使用过，账号已激活。请用用户名和密码登录；忘记密码请联系管理员补发激活通知书");
  }
  if (activation->expires_at <= now) {
    throw domain::Conflict("activation.expired", "激活码已过期，请联系管理员补发激活通知书");
  }
  if (!user->active) {
    throw domain::Conflict("activation.inactive", "该账号已停用，请联系管理员");
  }
  const std::string new_hash = HashPassword(new_password);
  LoginResult result;
  result.token = RandomHex(32);
  result.csrf_token = RandomHex(16);
  result.expires_at = now + options_.session_seconds;

  auto tx = store_.Begin();
  tx->Accounts().ForgetLoginFailures(keys.pair);
  // Another request may have used (or a new letter replaced) the code since it was read.
  if (!tx->Accounts().UseActivation(user->id, activation->code_hash, now)) {
    throw domain::Conflict("activation.used",
                           "该激活码已经使用过或已作废，请联系管理员补发激活通知书");
  }
  auto current = tx->Accounts().FindUser(user->id);
  if (!current || !current->active) {
    throw domain::Conflict("activation.inactive", "该账号已停用，请联系管理员");
  }
  current->password_hash = new_hash;
  tx->Accounts().UpdateUser(*current);
  tx->Accounts().DeleteSessionsOfUser(current->id);
  domain::Session session;
  session.token_hash = Sha256Hex(result.token);
  session.user_id = current->id;
  session.csrf_token = result.csrf_token;
  session.created_at = now;
  session.expires_at = result.expires_at;
  tx->Accounts().InsertSession(session);
  Actor actor{*current, channel, now};
  RecordAudit(*tx, actor, "user.activate", "user", current->id, "",
              JsonObjectWriter().Add("address", client_address).Finish());
  tx->Commit();
  result.user = *current;
  result.user.password_hash.clear();
  result.user.password_set = true;
  if (result.user.scope_region_id) {
    auto read = store_.BeginRead();
    if (auto region = read->Registry().FindRegion(*result.user.scope_region_id))
      result.user.scope_region_name = region->name;
  }
  return result;
}

}  // namespace minqing::app
