// Accounts: login with argon2id-hashed passwords (libsodium), sessions with expiry that serve both
// as bearer tokens and as browser cookies (with a CSRF token), login throttling, and user
// administration. Throttling counts wrong passwords per username + client address pair: after
// `free_failures` of them the pair waits a delay that doubles with each further failure, so a
// guesser is slowed down while the same user logging in from any other address (and every other
// user behind the guesser's address) is not refused. Only an address that fails far more often
// than a service hall behind one NAT would (`address_failure_cap`) is refused for every username.
// The throttle's counts are rows in the Store (AccountRepository), read before the password's
// hash is computed, so every server process on one database counts the same wrong passwords.
// Thread-safety: every method may be called from any thread; all state lives in the Store (the
// session cache is thread-safe).
#pragma once

#include <chrono>
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
  int free_failures = 5;                  // Wrong passwords per username + address pair...
  std::int64_t first_delay_seconds = 60;  // ...before this wait, doubled by each further one,
  std::int64_t max_delay_seconds = 3600;  // up to this.
  std::int64_t forget_after_seconds = 24 * 3600;  // A pair that stops failing starts afresh.
  int address_failure_cap = 300;  // Wrong passwords from one address (any username) per window.
  std::int64_t address_window_seconds = 3600;
};

class AuthService {
 public:
  explicit AuthService(Store& store, AuthOptions options = {});

  // Throws Unauthenticated ("auth.invalid_credentials", its details saying how many attempts are
  // left before a wait) or RateLimited ("auth.rate_limited", with the seconds to wait). The
  // password is not checked while the pair must wait. `channel` is recorded with the login in the
  // audit log (the web UI or an API client).
  LoginResult Login(std::string_view username, std::string_view password,
                    std::string_view client_address, domain::Epoch now,
                    domain::Channel channel = domain::Channel::kApi);
  // nullopt for unknown, expired or revoked tokens and for inactive users.
  std::optional<Authenticated> Authenticate(std::string_view token, domain::Epoch now);
  // First sign-in of an account created in bulk (auth_activation.cpp): checks `code` against the
  // account's activation letter (account_import.hpp), sets `new_password` and signs in. A weak
  // password is InvalidInput before the code is looked at (it costs no attempt). An unknown
  // username or a wrong code is Unauthenticated "activation.invalid_code" and counts as a wrong
  // password does for Login's throttle (pair and address), so guessing codes is as slow as
  // guessing passwords (RateLimited "auth.rate_limited"). The right code once used is Conflict
  // "activation.used", after its expiry "activation.expired", for a deactivated account
  // "activation.inactive". The code works once; every other session of the account ends.
  LoginResult Activate(std::string_view username, std::string_view code,
                       std::string_view new_password, std::string_view client_address,
                       domain::Epoch now, domain::Channel channel = domain::Channel::kWeb);
  // Starts a session for `user`, whom the caller has already proven (a password, an activation
  // code, a code sent to their phone), in the caller's transaction: expired sessions are dropped,
  // the session is stored and `action` ("user.login") is audited with the client address. The
  // answer is Login's; it is valid once `tx` commits.
  LoginResult OpenSession(StoreTx& tx, const domain::User& user, std::string_view client_address,
                          domain::Epoch now, domain::Channel channel,
                          std::string_view action = "user.login") const;
  void Logout(std::string_view token);
  // Deletes the throttle's rows that no longer count at `now` (pairs forgotten, address failures
  // out of their window); returns how many. The periodic job calls it in one process at a time.
  std::int64_t PruneThrottle(domain::Epoch now);

  domain::Page<domain::User> ListUsers(const Actor& actor, const domain::PageRequest& page);
  domain::User CreateUser(const Actor& actor, const UserInput& input);
  domain::User UpdateUser(const Actor& actor, Id user_id, const UserInput& input);
  // Ends every other session of the user; the session of `current_token` (if any) stays.
  void ChangeOwnPassword(const Actor& actor, std::string_view old_password,
                         std::string_view new_password, std::string_view current_token = {});

  // Argon2id with libsodium's interactive limits (64 MiB, two passes: 0.1-0.2 s here). Test
  // executables alone lower the cost (see minqing_cheap_password_hashing_for_tests below); a
  // hash records its own limits, so VerifyPassword takes what HashPassword gave.
  static std::string HashPassword(std::string_view password);
  static bool VerifyPassword(std::string_view hash, std::string_view password);

  // Its read caches' hit and miss counters (GET /metrics).
  std::vector<CacheCount> CacheCounts() const { return {sessions_.Count()}; }

 private:
  // The throttle's keys: hex SHA-256 of what is tried ("login", "activate"), the username (cut
  // to 64 bytes) and the address, for the pair; of the address alone, for the address.
  struct ThrottleKeys {
    std::string pair;
    std::string address;
  };
  static ThrottleKeys KeysOf(std::string_view purpose, std::string_view username,
                             std::string_view address);
  // Throws RateLimited when the pair or the address must wait (reads in `tx`).
  void CheckThrottle(StoreTx& tx, const ThrottleKeys& keys, domain::Epoch now) const;
  // Books a wrong password in a transaction of its own; returns the pair's count of them.
  int RecordFailure(const ThrottleKeys& keys, domain::Epoch now);
  std::int64_t DelayAfter(int failures) const;
  void FillScope(StoreTx& tx, domain::User& user, const UserInput& input);

  Store& store_;
  AuthOptions options_;
  // Token hash → session and user, so that most requests cost no database read.
  ReadCache<std::string, Authenticated> sessions_{"sessions", 100000, 10};
};

// Hex of SHA-256, used to store session tokens.
std::string Sha256Hex(std::string_view data);
// `bytes` random bytes as hex.
std::string RandomHex(std::size_t bytes);
// Whether two stored hashes are equal, in time that does not depend on where they differ.
bool HashesEqual(std::string_view a, std::string_view b);

}  // namespace minqing::app
