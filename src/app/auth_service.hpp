// Accounts: login with argon2id-hashed passwords (libsodium), sessions with expiry that serve both
// as bearer tokens and as browser cookies (with a CSRF token), per-user and per-address login rate
// limiting, and user administration. Thread-safe: the rate limiter is guarded by a mutex; all
// other state lives in the Store.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/read_cache.hpp"
#include "app/store.hpp"

namespace minqing::app {

struct LoginResult {
  std::string token;       // Opaque bearer token; only its hash is stored.
  std::string csrf_token;  // Must accompany cookie-authenticated writes.
  domain::Epoch expires_at = 0;
  domain::User user;
};

struct Authenticated {
  domain::User user;
  std::string csrf_token;
  domain::Epoch expires_at = 0;
};

struct UserInput {
  std::string username;
  std::string display_name;
  std::string role;  // domain::RoleCode
  std::optional<Id> scope_region_id;
  std::optional<Id> scope_unit_id;
  std::optional<Id> resident_id;
  std::string phone;
  std::string password;  // Empty on update: keep the current one.
  std::optional<bool> active;
};

struct AuthOptions {
  std::int64_t session_seconds = 12 * 3600;
  int max_failures = 5;                       // Failed logins allowed per window...
  std::int64_t failure_window_seconds = 300;  // ...per username and per client address.
};

class AuthService {
 public:
  AuthService(Store& store, AuthOptions options = {});

  // Throws Unauthenticated ("auth.invalid_credentials") or RateLimited ("auth.rate_limited").
  // `channel` is recorded with the login in the audit log (the web UI or an API client).
  LoginResult Login(std::string_view username, std::string_view password,
                    std::string_view client_address, domain::Epoch now,
                    domain::Channel channel = domain::Channel::kApi);
  // nullopt for unknown, expired or revoked tokens and for inactive users.
  std::optional<Authenticated> Authenticate(std::string_view token, domain::Epoch now);
  void Logout(std::string_view token);

  domain::Page<domain::User> ListUsers(const Actor& actor, const domain::PageRequest& page);
  domain::User CreateUser(const Actor& actor, const UserInput& input);
  domain::User UpdateUser(const Actor& actor, Id user_id, const UserInput& input);
  void ChangeOwnPassword(const Actor& actor, std::string_view old_password,
                         std::string_view new_password);

  static std::string HashPassword(std::string_view password);
  static bool VerifyPassword(std::string_view hash, std::string_view password);

 private:
  bool RateLimited(const std::string& key, domain::Epoch now);
  void RecordFailure(const std::string& key, domain::Epoch now);
  void FillScope(StoreTx& tx, domain::User& user, const UserInput& input);

  Store& store_;
  AuthOptions options_;
  // Token hash → session and user, so that most requests cost no database read.
  ReadCache<std::string, Authenticated> sessions_{100000, 10};
  std::mutex failures_mutex_;
  std::map<std::string, std::vector<domain::Epoch>> failures_;
};

// Hex of SHA-256, used to store session tokens.
std::string Sha256Hex(std::string_view data);
// `bytes` random bytes as hex.
std::string RandomHex(std::size_t bytes);

}  // namespace minqing::app
