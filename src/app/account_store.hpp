// Storage of accounts: users (with their role and scope) and login sessions. Reached through
// StoreTx::Accounts(), so every call runs in the caller's transaction. Lookups return nullopt
// when nothing matches; a taken username throws domain::Conflict. The login throttle's counts
// (AuthService) are stored here too, so that every server process on one database shares them.
// Thread-safety: as StoreTx (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace minqing::app {

// The one-time activation code of an account created in bulk (its hash only).
struct AccountActivation {
  domain::Id user_id = 0;
  std::string code_hash;  // libsodium's argon2id string of the code.
  domain::Epoch issued_at = 0;
  domain::Epoch expires_at = 0;
  std::optional<domain::Id> issued_by;
  std::optional<domain::Epoch> used_at;
};

// A one-time code sent to a phone for a resident's self-service (resident_self_service.hpp): one
// live code per phone and purpose, its hash only.
struct PhoneCode {
  std::string phone;
  std::string purpose;    // "signup", "login", "report"
  std::string code_hash;  // Hex SHA-256 of purpose, phone and code.
  std::string card_code;  // "report": the contact card it was asked for; empty otherwise.
  domain::Epoch created_at = 0;
  domain::Epoch expires_at = 0;
  int attempts = 0;  // Wrong codes entered.
};

// The wrong passwords of one login throttle pair (auth_service.hpp).
struct LoginFailures {
  int failures = 0;
  domain::Epoch last_failed_at = 0;
};

// Which active accounts to find (FindUsers); every given condition must hold.
struct UserQuery {
  std::optional<domain::Role> role;
  std::optional<domain::Id> unit_id;         // scope_unit_id
  std::vector<domain::Id> scope_region_ids;  // scope_region_id is one of them (when not empty)
  std::vector<domain::Id> resident_ids;      // resident_id is one of them (when not empty)
  std::string phone;                         // Exact; empty: any.
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;

  // Users and sessions. Usernames are unique (Conflict).
  virtual std::optional<domain::User> FindUser(domain::Id id) = 0;
  virtual std::optional<domain::User> FindUserByUsername(std::string_view username) = 0;
  virtual domain::Page<domain::User> ListUsers(const domain::PageRequest& page) = 0;
  // The accounts linked to residents of one household (any role, active or not), by id.
  virtual std::vector<domain::User> ListUsersOfHousehold(domain::Id household_id) = 0;
  // The account linked to this resident (the lowest id when several are).
  virtual std::optional<domain::User> FindUserByResident(domain::Id resident_id) = 0;
  // Active accounts matching `query`, by id; at most 500.
  virtual std::vector<domain::User> FindUsers(const UserQuery& query) = 0;
  virtual void InsertUser(const domain::User& user) = 0;
  virtual void UpdateUser(const domain::User& user) = 0;
  virtual void InsertSession(const domain::Session& session) = 0;
  virtual std::optional<domain::Session> FindSession(std::string_view token_hash) = 0;
  virtual void DeleteSession(std::string_view token_hash) = 0;
  virtual void DeleteSessionsOfUser(domain::Id user_id) = 0;
  virtual std::int64_t DeleteExpiredSessions(domain::Epoch now) = 0;

  // Activation codes: one row per account; storing a new one replaces the old (and clears
  // used_at). UseActivation marks the row used if it still holds `code_hash` unused, and returns
  // whether it did (false when another request used or replaced it first).
  virtual void StoreActivation(const AccountActivation& activation) = 0;
  virtual std::optional<AccountActivation> FindActivation(domain::Id user_id) = 0;
  virtual bool UseActivation(domain::Id user_id, std::string_view code_hash, domain::Epoch now) = 0;

  // Phone codes. StorePhoneCode replaces the phone's code for that purpose (attempts back to 0)
  // and drops codes that expired before `expired_before`. CountPhoneCodeAttempt adds one attempt
  // if fewer than `max_attempts` were made, and returns whether it did (false: no code, or used
  // up). UsePhoneCode deletes the code if it still has `code_hash`, and returns whether it did.
  virtual void StorePhoneCode(const PhoneCode& code, domain::Epoch expired_before) = 0;
  virtual std::optional<PhoneCode> FindPhoneCode(std::string_view phone,
                                                 std::string_view purpose) = 0;
  virtual bool CountPhoneCodeAttempt(std::string_view phone, std::string_view purpose,
                                     int max_attempts) = 0;
  virtual bool UsePhoneCode(std::string_view phone, std::string_view purpose,
                            std::string_view code_hash) = 0;

  // The login throttle's counts, by opaque keys the caller makes (a pair's, an address's).
  // RecordLoginFailure books one wrong password: the pair's count grows by one (back to 1 when
  // its last failure was at or before `forget_before`), the address's count at `now` too; it
  // returns the pair's count. NthNewestAddressFailure is the time of the `nth` newest failure of
  // the address after `since`, nullopt when there were fewer. PruneLoginFailures deletes pairs
  // whose last failure was at or before `pairs_before` and address failures at or before
  // `addresses_before`, and returns how many rows it deleted.
  virtual std::optional<LoginFailures> FindLoginFailures(std::string_view pair_key) = 0;
  virtual std::optional<domain::Epoch> NthNewestAddressFailure(std::string_view address_key,
                                                               domain::Epoch since, int nth) = 0;
  virtual int RecordLoginFailure(std::string_view pair_key, std::string_view address_key,
                                 domain::Epoch now, domain::Epoch forget_before) = 0;
  virtual void ForgetLoginFailures(std::string_view pair_key) = 0;
  virtual std::int64_t PruneLoginFailures(domain::Epoch pairs_before,
                                          domain::Epoch addresses_before) = 0;
};

}  // namespace minqing::app
