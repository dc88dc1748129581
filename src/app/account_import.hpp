// Accounts in bulk (账号批量管理): a county's ~10,000 accounts from one sheet, their activation
// letters, and bulk deactivation and reassignment. Import takes AccountColumns(); it validates
// every row and reports each problem with its spreadsheet row, column and a Chinese reason, like
// the residents' roster (roster.hpp: the same ImportMode and RosterProblem), and writes in one
// transaction. A row updates the existing account it names (by username, or by its linked ID
// card) instead of adding one. New accounts get no password: they wait for activation, and no
// password is ever printed in bulk. IssueLetters makes a fresh one-time code per account (only
// its hash is stored; the previous code stops working) and returns the PDF of the letters, the
// only copy of the codes; AuthService::Activate uses a code. Every call needs
// Permission::kManageUsers, checked before any file is read or PDF drawn, and acts only on
// accounts and scopes inside the actor's region scope.
// Thread-safety: safe to share between threads (state lives in the Store).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/roster.hpp"
#include "app/sms_sender.hpp"
#include "app/store.hpp"
#include "formats/table.hpp"

namespace minqing::app {

// 姓名, 角色, 用户名, 管辖区域代码, 所属单位, 手机号, 关联身份证号.
const std::vector<std::string>& AccountColumns();

// How long an activation code is valid after its letter is issued.
inline constexpr std::int64_t kActivationValidSeconds = 14 * 24 * 3600;

struct AccountImportReport {
  std::int64_t rows = 0;          // Non-blank data rows.
  std::int64_t invalid_rows = 0;  // Rows with at least one problem.
  // What was written (in a dry run: what would be written with kSkipInvalid).
  std::int64_t created = 0;
  std::int64_t updated = 0;
  std::int64_t skipped = 0;  // Invalid rows left out.
  bool written = false;
  std::vector<RosterProblem> problems;  // Ordered by row.
  std::vector<Id> account_ids;          // Accounts created or updated (written only), row order.
};

struct AccountLetters {
  std::string pdf;  // One A4 page per account.
  std::int64_t count = 0;
  domain::Epoch expires_at = 0;
};

struct LetterOptions {
  // Also send each code by SMS to the account's phone (through the services' SMS sender).
  bool sms = false;
};

struct BulkChange {
  enum class Kind { kDeactivate, kReactivate, kReassign };
  Kind kind = Kind::kDeactivate;
  std::optional<Id> region_id;  // kReassign: the new scope region...
  std::optional<Id> unit_id;    // ...or, for unit handlers, the new unit.
};

class AccountImportService {
 public:
  // `public_base` gives the base of the activation link printed on letters (the same accessor
  // the contact cards read, Services::links).
  AccountImportService(Store& store, std::function<std::string()> public_base);

  // Wiring (set-up only): the sender of codes by SMS (LetterOptions::sms).
  void SetSmsSender(std::unique_ptr<SmsSender> sender) { sms_ = std::move(sender); }

  // Throws Forbidden unless the actor may manage accounts. Callers that receive a file call this
  // before reading, decoding or parsing it.
  void RequireManage(const Actor& actor) const;

  // Row problems are reported, never thrown.
  AccountImportReport Import(const Actor& actor, const formats::Table& table, ImportMode mode);

  // Letters for these accounts (ids in print order, at most 5,000). Every account must be inside
  // the actor's scope (else Forbidden before any code is made); an unknown id is NotFound; an
  // inactive account is InvalidInput. Audited per account ("user.activation_letter", without
  // the code).
  AccountLetters IssueLetters(const Actor& actor, const std::vector<Id>& user_ids,
                              const LetterOptions& options = {});

  // Deactivates (their sessions end at once), reactivates or reassigns these accounts, all or
  // none, each audited with before and after. Returns how many changed.
  std::int64_t Apply(const Actor& actor, const std::vector<Id>& user_ids, const BulkChange& change);

  // The ids of the accounts with these usernames (for the CLI's sheets); NotFound names the
  // first unknown one.
  std::vector<Id> IdsOfUsernames(const std::vector<std::string>& usernames);

 private:
  Store& store_;
  std::function<std::string()> public_base_;
  std::unique_ptr<SmsSender> sms_;
};

// A fresh activation code: 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L).
std::string NewActivationCode();
// The stored form of a code (argon2id with small limits, salted) and its check. Codes are
// compared case-insensitively.
std::string HashActivationCode(std::string_view code);
bool VerifyActivationCode(std::string_view hash, std::string_view code);

}  // namespace minqing::app
