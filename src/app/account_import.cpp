#include "app/account_import.hpp"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "app/activation_letter_pdf.hpp"
#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/sheet_import.hpp"
#include "domain/codes.hpp"
#include "domain/errors.hpp"
#include "domain/id_card.hpp"
#include "domain/ids.hpp"
#include "domain/pinyin.hpp"
#include "domain/privacy.hpp"
#include "domain/text.hpp"
#include "domain/text_rules.hpp"

namespace minqing::app {
namespace {

enum Column { kName, kRole, kUsername, kRegionCode, kUnit, kPhone, kIdCard, kColumnCount };

constexpr std::size_t kMaxLetters = 5000;
constexpr std::size_t kMaxBulk = 20000;
constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

const std::string& ColumnName(Column column) { return AccountColumns()[column]; }

// Chinese role names as a county office writes them, and the codes.
std::optional<domain::Role> RoleOfCell(std::string_view text) {
  static const std::map<std::string, domain::Role, std::less<>> kNames = {
      {"系统管理员", domain::Role::kAdmin},
      {"管理员", domain::Role::kAdmin},
      {"领导", domain::Role::kLeader},
      {"带班领导", domain::Role::kLeader},
      {"中心窗口人员", domain::Role::kCentreStaff},
      {"窗口人员", domain::Role::kCentreStaff},
      {"窗口", domain::Role::kCentreStaff},
      {"承办单位人员", domain::Role::kUnitHandler},
      {"承办人员", domain::Role::kUnitHandler},
      {"村级事务助理", domain::Role::kVillageAssistant},
      {"事务助理", domain::Role::kVillageAssistant},
      {"党员", domain::Role::kPartyMember},
      {"群众", domain::Role::kResident},
      {"居民", domain::Role::kResident}};
  if (auto it = kNames.find(text); it != kNames.end()) return it->second;
  return domain::ParseRole(text);
}

bool NeedsRegion(domain::Role role) {
  return role == domain::Role::kVillageAssistant || role == domain::Role::kPartyMember ||
         role == domain::Role::kCentreStaff;
}
bool NeedsResident(domain::Role role) {
  return role == domain::Role::kPartyMember || role == domain::Role::kResident;
}

bool ValidUsername(std::string_view name) {
  if (name.size() < 3 || name.size() > 32) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
  });
}

// Where an account acts: its scope region, else its resident's household, else its unit's area;
// empty for a county-wide account.
std::string AccountPath(StoreTx& tx, const domain::User& user) {
  if (user.scope_region_id) return user.scope_region_path;
  if (user.resident_id) {
    if (auto resident = tx.Registry().FindResident(*user.resident_id)) return resident->region_path;
  }
  if (user.scope_unit_id) {
    if (auto unit = tx.Registry().FindUnit(*user.scope_unit_id); unit && unit->region_id) {
      if (auto region = tx.Registry().FindRegion(*unit->region_id)) return region->path;
    }
  }
  return "";
}

void RequireAccountInScope(StoreTx& tx, const Actor& actor, const domain::User& user) {
  Require(actor, domain::Permission::kManageUsers, AccountPath(tx, user),
          {"auth.forbidden", "账号 " + user.username + " 不在您的管辖范围内"});
}

struct ParsedRow : SheetRow {
  std::string cells[kColumnCount];
  domain::User user;  // The account as it will be written.
  bool existing = false;
};

// Checks rows one at a time, remembering what earlier rows and the database hold.
class AccountValidator {
 public:
  AccountValidator(StoreTx& tx, const Actor& actor, std::vector<RosterProblem>& problems)
      : tx_(tx), actor_(actor), problems_(problems, AccountColumns()), regions_(tx) {
    for (auto& unit : tx_.Registry().ListUnits()) units_.emplace(unit.name, unit);
  }

  void Check(ParsedRow& row) {
    problems_.Begin(row);
    domain::User& user = row.user;
    const std::string& name = row.cells[kName];
    if (name.empty()) {
      Problem(kName, "姓名不能为空");
    } else if (auto p = domain::CheckTextField("name", name, domain::kPersonNameRule)) {
      Problem(kName, p->message);
    }
    std::optional<domain::Role> role = RoleOfCell(row.cells[kRole]);
    if (row.cells[kRole].empty()) {
      Problem(kRole, "角色不能为空");
    } else if (!role) {
      Problem(kRole, "角色“" + row.cells[kRole] +
                         "”无效，可填：领导、中心窗口人员、承办单位人员、村级事务助理、党员、群众");
    } else if (*role == domain::Role::kAdmin) {
      Problem(kRole, "系统管理员账号不能批量导入，请在账号页逐个新建");
    }
    const std::string& phone = row.cells[kPhone];
    if (!phone.empty() && !domain::IsPlausiblePhone(phone)) Problem(kPhone, "手机号格式不正确");

    // The linked resident (members are found through their resident).
    std::optional<domain::Resident> resident = CheckResident(row, role);
    std::optional<domain::Region> region = CheckRegion(row, role);
    std::optional<domain::Unit> unit = CheckUnit(row, role);

    // The existing account: by username, else by the linked resident.
    std::optional<domain::User> by_name;
    std::string& username = row.cells[kUsername];
    if (!username.empty()) {
      if (!ValidUsername(username)) {
        Problem(kUsername, "用户名须为3-32位字母、数字、下划线、点或减号");
      } else {
        by_name = tx_.Accounts().FindUserByUsername(username);
      }
    }
    std::optional<domain::User> by_resident;
    if (resident) by_resident = tx_.Accounts().FindUserByResident(resident->id);
    if (by_name && by_resident && by_name->id != by_resident->id) {
      Problem(kIdCard,
              "该居民已关联账号 " + by_resident->username + "，与用户名 " + username + " 不一致");
    }
    std::optional<domain::User> existing = by_name ? by_name : by_resident;
    if (!existing && username.empty() && row.valid) {
      username = GenerateUsername(name, phone, existing);
    }
    if (existing) {
      if (existing->role == domain::Role::kAdmin) {
        Problem(kUsername, "不能通过导入修改系统管理员账号 " + existing->username);
      } else if (!domain::RegionInScope(actor_.user, AccountPath(tx_, *existing))) {
        Problem(kUsername, "账号 " + existing->username + " 不在您的管辖范围内");
      }
      if (username.empty()) username = existing->username;
    }
    if (!username.empty()) {
      auto [seen, inserted] = usernames_.emplace(username, row.row);
      if (!inserted) {
        Problem(kUsername,
                "用户名 " + username + " 与第 " + std::to_string(seen->second) + " 行重复");
      }
    }
    if (row.valid && role && !existing) {
      // Where the new account will act must lie in the importer's own scope: a county-wide
      // account (a leader without a region) only for a county-wide administrator.
      std::string path = region ? region->path : resident ? resident->region_path : std::string();
      if (unit && unit->region_id) {
        if (auto unit_region = tx_.Registry().FindRegion(*unit->region_id))
          path = unit_region->path;
      }
      if (!domain::RegionInScope(actor_.user, path)) {
        Problem(kRegionCode, "该账号的范围超出您的管辖范围，请填写您管辖范围内的区域代码");
      }
    }
    if (!row.valid || !role) return;

    if (existing) {
      user = *existing;
      row.existing = true;
    } else {
      user.id = domain::NewId();
      user.username = username;
      user.created_at = actor_.now;
      user.active = true;
    }
    user.display_name = name;
    user.role = *role;
    if (!phone.empty()) user.phone = phone;
    user.scope_region_id.reset();
    user.scope_region_path.clear();
    if (region) {
      user.scope_region_id = region->id;
      user.scope_region_path = region->path;
    }
    user.scope_unit_id.reset();
    if (unit) user.scope_unit_id = unit->id;
    if (resident) user.resident_id = resident->id;
  }

 private:
  void Problem(Column column, std::string reason) { problems_.Add(column, std::move(reason)); }

  std::optional<domain::Resident> CheckResident(ParsedRow& row, std::optional<domain::Role> role) {
    std::string& id_card = row.cells[kIdCard];
    std::transform(id_card.begin(), id_card.end(), id_card.begin(),
                   [](char c) { return c == 'x' ? 'X' : c; });
    if (id_card.empty()) {
      if (role && NeedsResident(*role)) {
        Problem(kIdCard, std::string(domain::RoleLabel(*role)) + "账号必须填写关联身份证号");
      }
      return std::nullopt;
    }
    if (auto problem = domain::ValidateIdCard(id_card); problem != domain::IdCardProblem::kNone) {
      Problem(kIdCard, domain::IdCardProblemMessage(problem));
      return std::nullopt;
    }
    auto [seen, inserted] = id_cards_.emplace(id_card, row.row);
    if (!inserted) {
      Problem(kIdCard, "身份证号与第 " + std::to_string(seen->second) + " 行重复");
      return std::nullopt;
    }
    auto resident = tx_.Registry().FindResidentByIdCard(id_card);
    if (!resident) {
      Problem(kIdCard, "身份证号 " + domain::MaskIdCard(id_card) +
                           " 在户籍中没有对应居民，请先导入户籍花名册或新增该居民");
      return std::nullopt;
    }
    if (!domain::RegionInScope(actor_.user, resident->region_path)) {
      Problem(kIdCard, "该居民不在您的管辖范围内");
      return std::nullopt;
    }
    if (role == domain::Role::kPartyMember &&
        !tx_.Registry().FindPartyMemberByResident(resident->id)) {
      Problem(kIdCard, "居民 " + resident->name + " 不是登记的党员，请先导入党员名册或新增该党员");
      return std::nullopt;
    }
    return resident;
  }

  std::optional<domain::Region> CheckRegion(ParsedRow& row, std::optional<domain::Role> role) {
    const std::string& code = row.cells[kRegionCode];
    if (code.empty()) {
      if (role && NeedsRegion(*role)) {
        Problem(kRegionCode, std::string(domain::RoleLabel(*role)) + "账号必须填写管辖区域代码");
      }
      return std::nullopt;
    }
    if (role == domain::Role::kUnitHandler || role == domain::Role::kResident) {
      Problem(kRegionCode, std::string(domain::RoleLabel(*role)) + "账号不填管辖区域代码");
      return std::nullopt;
    }
    if (const domain::Region* region = regions_.InScope(code, actor_, problems_, kRegionCode)) {
      return *region;
    }
    return std::nullopt;
  }

  std::optional<domain::Unit> CheckUnit(ParsedRow& row, std::optional<domain::Role> role) {
    const std::string& name = row.cells[kUnit];
    if (name.empty()) {
      if (role == domain::Role::kUnitHandler) Problem(kUnit, "承办单位人员必须填写所属单位");
      return std::nullopt;
    }
    if (role && role != domain::Role::kUnitHandler) {
      Problem(kUnit, "只有承办单位人员填写所属单位");
      return std::nullopt;
    }
    auto it = units_.find(name);
    if (it == units_.end()) {
      Problem(kUnit, "单位“" + name + "”不存在，请先在单位名录中新建");
      return std::nullopt;
    }
    std::string path;
    if (it->second.region_id) {
      if (auto region = tx_.Registry().FindRegion(*it->second.region_id)) path = region->path;
    }
    if (!domain::RegionInScope(actor_.user, path)) {
      Problem(kUnit, "单位“" + name + "”不在您的管辖范围内");
      return std::nullopt;
    }
    return it->second;
  }

  // From the phone when there is one, else from the name's pinyin; a number is appended while
  // the name is taken by another account or an earlier row.
  std::string GenerateUsername(const std::string& name, const std::string& phone,
                               std::optional<domain::User>& existing) {
    std::string base = phone;
    if (base.empty()) {
      base = domain::CompactLower(domain::PersonNamePinyin(name).full);
      base.erase(std::remove_if(
                     base.begin(), base.end(),
                     [](char c) { return !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')); }),
                 base.end());
      if (base.size() > 24) base.resize(24);
      while (base.size() < 3) base += "u";
    }
    for (int n = 1;; ++n) {
      std::string candidate = n == 1 ? base : base + std::to_string(n);
      if (usernames_.count(candidate)) continue;
      auto taken = tx_.Accounts().FindUserByUsername(candidate);
      if (!taken) return candidate;
      // The same person imported again (same name, and the same phone when there is one).
      if (taken->display_name == name && taken->resident_id == std::nullopt &&
          (phone.empty() || taken->phone == phone)) {
        existing = taken;
        return candidate;
      }
    }
  }

  StoreTx& tx_;
  const Actor& actor_;
  RowProblems problems_;
  std::map<std::string, domain::Unit> units_;
  RegionCodes regions_;
  std::unordered_map<std::string, std::int64_t> usernames_;
  std::unordered_map<std::string, std::int64_t> id_cards_;
};

std::vector<domain::User> LoadAccounts(StoreTx& tx, const std::vector<Id>& ids) {
  std::vector<domain::User> users;
  std::set<Id> seen;
  for (Id id : ids) {
    if (!seen.insert(id).second) continue;
    auto user = tx.Accounts().FindUser(id);
    if (!user) throw domain::NotFound("user.not_found", "账号不存在（" + std::to_string(id) + "）");
    users.push_back(std::move(*user));
  }
  return users;
}

std::string ChinaDate(domain::Epoch epoch) {
  // China time (UTC+8, no daylight saving).
  std::int64_t days = (epoch + 8 * 3600) / 86400;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  days += 719468;
  std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  auto doe = static_cast<unsigned>(days - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
}

}  // namespace

const std::vector<std::string>& AccountColumns() {
  static const std::vector<std::string> kColumns = {
      "姓名", "角色", "用户名", "管辖区域代码", "所属单位", "手机号", "关联身份证号"};
  return kColumns;
}

std::string NewActivationCode() {
  if (sodium_init() < 0) throw domain::StorageError("internal", "libsodium 初始化失败");
  std::string code;
  for (int i = 0; i < 8; ++i) {
    code.push_back(
        kCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kCodeAlphabet.size()))]);
  }
  return code;
}

namespace {
std::string NormaliseCode(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == ' ' || c == '-') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}
}  // namespace

std::string HashActivationCode(std::string_view code) {
  if (sodium_init() < 0) throw domain::StorageError("internal", "libsodium 初始化失败");
  const std::string normal = NormaliseCode(code);
  // A few milliseconds per code: 10,000 letters in well under a minute, while trying the 8.5e11
  // possible codes against a stolen row stays out of reach.
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, normal.data(), normal.size(), 2, std::size_t{1} << 20,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw domain::StorageError("internal", "激活码哈希失败（内存不足）");
  }
  return out;
}

bool VerifyActivationCode(std::string_view hash, std::string_view code) {
  if (sodium_init() < 0) return false;
  const std::string normal = NormaliseCode(code);
  if (normal.empty() || normal.size() > 32) return false;
  std::string stored(hash);
  return crypto_pwhash_str_verify(stored.c_str(), normal.data(), normal.size()) == 0;
}

AccountImportService::AccountImportService(Store& store, std::function<std::string()> public_base)
    : store_(store),
      public_base_(std::move(public_base)),
      sms_(std::make_unique<OutboxSmsSender>()) {}

void AccountImportService::RequireManage(const Actor& actor) const {
  Require(actor, domain::Permission::kManageUsers, Refusal{"auth.forbidden", "没有管理账号的权限"});
}

AccountImportReport AccountImportService::Import(const Actor& actor, const formats::Table& table,
                                                 ImportMode mode) {
  RequireManage(actor);
  AccountImportReport report;
  const SheetColumns columns(table.header, AccountColumns());
  columns.RequireColumns({kName, kRole}, report.problems);
  if (!columns.Has(kRegionCode) && !columns.Has(kUnit)) {
    report.problems.push_back({1, ColumnName(kRegionCode), "缺少此列（或“所属单位”列）"});
  }
  if (!report.problems.empty()) return report;

  const bool dry_run = mode == ImportMode::kDryRun;
  std::unique_ptr<StoreTx> tx = dry_run ? store_.BeginRead() : store_.Begin();
  AccountValidator validator(*tx, actor, report.problems);
  std::vector<ParsedRow> rows;
  report.rows = ReadSheetRows<ParsedRow>(table, columns, [&](ParsedRow&& row) {
    validator.Check(row);
    if (!row.valid) {
      ++report.invalid_rows;
      ++report.skipped;
      return;
    }
    (row.existing ? report.updated : report.created) += 1;
    rows.push_back(std::move(row));
  });
  SortByRow(report.problems);

  const bool write =
      !dry_run && (mode == ImportMode::kSkipInvalid || report.invalid_rows == 0) && !rows.empty();
  if (!write) return report;
  for (const auto& row : rows) {
    if (row.existing) {
      auto before = tx->Accounts().FindUser(row.user.id);
      tx->Accounts().UpdateUser(row.user);
      RecordAudit(*tx, actor, "user.update", "user", row.user.id, before ? Snapshot(*before) : "",
                  Snapshot(row.user));
    } else {
      tx->Accounts().InsertUser(row.user);
      RecordAudit(*tx, actor, "user.create", "user", row.user.id, "", Snapshot(row.user));
    }
    report.account_ids.push_back(row.user.id);
  }
  RecordAudit(*tx, actor, "user.import", "user", 0, "",
              JsonObjectWriter()
                  .Add("mode", ImportModeCode(mode))
                  .Add("rows", report.rows)
                  .Add("invalid_rows", report.invalid_rows)
                  .Add("created", report.created)
                  .Add("updated", report.updated)
                  .Finish());
  tx->Commit();
  report.written = true;
  return report;
}

AccountLetters AccountImportService::IssueLetters(const Actor& actor,
                                                  const std::vector<Id>& user_ids,
                                                  const LetterOptions& options) {
  RequireManage(actor);
  if (user_ids.empty()) {
    throw domain::InvalidInput("validation.failed", "请选择要打印激活信的账号",
                               {{"user_ids", "user.letters_empty", "请选择要打印激活信的账号"}});
  }
  if (user_ids.size() > kMaxLetters) {
    throw domain::InvalidInput(
        "validation.failed", "一次最多打印 5000 封激活信",
        {{"user_ids", "user.letters_too_many", "一次最多打印 5000 封激活信"}});
  }
  std::vector<domain::User> users;
  std::map<Id, std::string> scope_names;
  {
    auto tx = store_.BeginRead();
    users = LoadAccounts(*tx, user_ids);
    // Every account first, so that nothing is made for a request that is refused.
    for (const auto& user : users) RequireAccountInScope(*tx, actor, user);
    for (const auto& user : users) {
      if (!user.active) {
        throw domain::InvalidInput("user.inactive",
                                   "账号 " + user.username + " 已停用，不能发激活信");
      }
      std::string scope;
      if (user.scope_region_id) {
        if (auto region = tx->Registry().FindRegion(*user.scope_region_id)) scope = region->name;
      } else if (user.scope_unit_id) {
        if (auto unit = tx->Registry().FindUnit(*user.scope_unit_id)) scope = unit->name;
      }
      scope_names[user.id] = scope;
    }
  }
  AccountLetters result;
  result.expires_at = actor.now + kActivationValidSeconds;
  const std::string base = public_base_ ? public_base_() : std::string();
  std::vector<ActivationLetter> letters;
  std::vector<AccountActivation> rows;
  for (const auto& user : users) {
    ActivationLetter letter;
    letter.display_name = user.display_name;
    letter.username = user.username;
    letter.role_label = std::string(domain::RoleLabel(user.role));
    letter.scope_name = scope_names[user.id];
    letter.code = NewActivationCode();
    letter.url = base + "/activate?u=" + user.username;
    letter.expires_text = ChinaDate(result.expires_at);
    AccountActivation row;
    row.user_id = user.id;
    row.code_hash = HashActivationCode(letter.code);
    row.issued_at = actor.now;
    row.expires_at = result.expires_at;
    row.issued_by = actor.user.id == 0 ? std::nullopt : std::optional<Id>(actor.user.id);
    rows.push_back(std::move(row));
    letters.push_back(std::move(letter));
  }
  // Drawn before anything is stored: a failure leaves the old codes valid.
  result.pdf = RenderActivationLettersPdf(letters);
  auto tx = store_.Begin();
  for (std::size_t i = 0; i < users.size(); ++i) {
    tx->Accounts().StoreActivation(rows[i]);
    RecordAudit(*tx, actor, "user.activation_letter", "user", users[i].id, "",
                JsonObjectWriter()
                    .Add("expires_at", result.expires_at)
                    .Add("sms", options.sms && !users[i].phone.empty())
                    .Finish());
    if (options.sms && !users[i].phone.empty()) {
      sms_->Send(*tx,
                 {users[i].phone,
                  "activation",
                  {{"name", users[i].display_name},
                   {"code", letters[i].code},
                   {"expires", letters[i].expires_text},
                   {"link", letters[i].url}},
                  "【民情】" + users[i].display_name + "，您的账号 " + users[i].username +
                      " 的激活码为 " + letters[i].code + "，" + letters[i].expires_text +
                      "前有效。请打开 " + letters[i].url + " 激活并设置密码，切勿告诉他人。",
                  std::nullopt},
                 actor.now);
    }
  }
  tx->Commit();
  result.count = static_cast<std::int64_t>(users.size());
  return result;
}

std::int64_t AccountImportService::Apply(const Actor& actor, const std::vector<Id>& user_ids,
                                         const BulkChange& change) {
  RequireManage(actor);
  if (user_ids.empty()) {
    throw domain::InvalidInput("validation.failed", "请选择账号",
                               {{"user_ids", "user.bulk_empty", "请选择账号"}});
  }
  if (user_ids.size() > kMaxBulk) {
    throw domain::InvalidInput("validation.failed", "一次最多处理 20000 个账号",
                               {{"user_ids", "user.bulk_too_many", "一次最多处理 20000 个账号"}});
  }
  auto tx = store_.Begin();
  auto users = LoadAccounts(*tx, user_ids);
  for (const auto& user : users) RequireAccountInScope(*tx, actor, user);
  std::optional<domain::Region> region;
  std::optional<domain::Unit> unit;
  if (change.kind == BulkChange::Kind::kReassign) {
    if (change.region_id.has_value() == change.unit_id.has_value()) {
      throw domain::InvalidInput(
          "validation.failed", "请选择新的管辖区域或所属单位",
          {{"region_id", "user.reassign_target", "请选择新的管辖区域或所属单位"}});
    }
    if (change.region_id) {
      region = tx->Registry().FindRegion(*change.region_id);
      if (!region) {
        throw domain::InvalidInput("validation.failed", "管辖区域不存在",
                                   {{"region_id", "region.not_found", "管辖区域不存在"}});
      }
      Require(actor, domain::Permission::kManageUsers, region->path,
              {"auth.forbidden", "该区域不在您的管辖范围内"});
    } else {
      unit = tx->Registry().FindUnit(*change.unit_id);
      if (!unit) {
        throw domain::InvalidInput("validation.failed", "所属单位不存在",
                                   {{"unit_id", "unit.not_found", "所属单位不存在"}});
      }
      domain::User probe;
      probe.scope_unit_id = unit->id;
      probe.username = unit->name;
      RequireAccountInScope(*tx, actor, probe);
    }
  }
  std::int64_t changed = 0;
  for (auto user : users) {
    const std::string before = Snapshot(user);
    switch (change.kind) {
      case BulkChange::Kind::kDeactivate:
        if (user.id == actor.user.id) {
          throw domain::InvalidInput("user.self_deactivate", "不能停用自己的账号");
        }
        if (!user.active) continue;
        user.active = false;
        break;
      case BulkChange::Kind::kReactivate:
        if (user.active) continue;
        user.active = true;
        break;
      case BulkChange::Kind::kReassign:
        if (region) {
          if (user.role == domain::Role::kUnitHandler || user.role == domain::Role::kResident) {
            throw domain::InvalidInput("user.reassign_role",
                                       "账号 " + user.username + " 的角色（" +
                                           std::string(domain::RoleLabel(user.role)) +
                                           "）没有管辖区域，不能调整到区域");
          }
          user.scope_region_id = region->id;
          user.scope_region_path = region->path;
        } else {
          if (user.role != domain::Role::kUnitHandler) {
            throw domain::InvalidInput(
                "user.reassign_role",
                "账号 " + user.username + " 不是承办单位人员，不能调整到单位");
          }
          user.scope_unit_id = unit->id;
        }
        break;
    }
    tx->Accounts().UpdateUser(user);
    // Their sessions end at once; a reassigned account signs in again with its new scope.
    if (change.kind != BulkChange::Kind::kReactivate) tx->Accounts().DeleteSessionsOfUser(user.id);
    const char* action = change.kind == BulkChange::Kind::kDeactivate   ? "user.deactivate"
                         : change.kind == BulkChange::Kind::kReactivate ? "user.reactivate"
                                                                        : "user.reassign";
    RecordAudit(*tx, actor, action, "user", user.id, before, Snapshot(user));
    ++changed;
  }
  tx->Commit();
  return changed;
}

std::vector<Id> AccountImportService::IdsOfUsernames(const std::vector<std::string>& usernames) {
  auto tx = store_.BeginRead();
  std::vector<Id> ids;
  for (const auto& name : usernames) {
    auto user = tx->Accounts().FindUserByUsername(name);
    if (!user) throw domain::NotFound("user.not_found", "账号 " + name + " 不存在");
    ids.push_back(user->id);
  }
  return ids;
}

}  // namespace minqing::app
