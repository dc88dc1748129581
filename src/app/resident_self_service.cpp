#include "app/resident_self_service.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <utility>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/matter_intake_rules.hpp"
#include "domain/privacy.hpp"
#include "domain/text.hpp"

namespace minqing::app {
namespace {

using domain::Epoch;
using domain::Role;

constexpr std::int64_t kHour = 3600;
constexpr const char* kBadCode = "验证码错误或已过期";
// The caller's name on a report whose phone is none of the household's residents.
constexpr const char* kCardReporterName = "扫码反映人";

bool IsPurpose(std::string_view purpose) {
  return purpose == kCodeForSignup || purpose == kCodeForLogin || purpose == kCodeForReport;
}

std::string RequireMobile(std::string_view phone) {
  if (auto mobile = NormalisedMobile(phone)) return *mobile;
  const std::string message = "请输入正确的11位手机号码";
  throw domain::InvalidInput("phone.invalid", message, {{"phone", "phone.invalid", message}});
}

std::string NormalisedCardCode(std::string_view card_code) {
  std::string code = domain::Trim(card_code);
  std::transform(code.begin(), code.end(), code.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return code;
}

std::string CodeHash(std::string_view purpose, const std::string& phone, std::string_view code) {
  return Sha256Hex(std::string(purpose) + ":" + phone + ":" + std::string(code));
}

// Six random digits.
std::string NewCode() {
  const unsigned long value = std::stoul(RandomHex(4), nullptr, 16) % 1000000UL;
  char code[8];
  std::snprintf(code, sizeof code, "%06lu", value);
  return code;
}

// Who accepts a report from a contact card: a window clerk's rights over the whole county (the
// card names the household, the phone code proves the caller), under no user's id.
Actor CardReportActor(Epoch now) {
  Actor actor;
  actor.user.id = 0;
  actor.user.username = "public";
  actor.user.display_name = "扫码反映";
  actor.user.role = Role::kCentreStaff;
  actor.channel = domain::Channel::kWeb;
  actor.now = now;
  return actor;
}

std::string AuditDetail(const std::string& phone, std::string_view purpose,
                        std::string_view address) {
  return JsonObjectWriter()
      .Add("phone", domain::MaskPhone(phone))
      .Add("purpose", purpose)
      .Add("address", address)
      .Finish();
}

// The accounts a phone names: the one whose username it is, those linked to residents with it,
// and active resident accounts that carry it; in that order, each once.
std::vector<domain::User> AccountsOfPhone(StoreTx& tx, const std::string& phone,
                                          const std::vector<domain::Resident>& residents) {
  std::vector<domain::User> out;
  std::set<Id> seen;
  auto add = [&](std::optional<domain::User> user) {
    if (user && seen.insert(user->id).second) out.push_back(std::move(*user));
  };
  add(tx.Accounts().FindUserByUsername(phone));
  for (const auto& resident : residents) add(tx.Accounts().FindUserByResident(resident.id));
  UserQuery query;
  query.role = Role::kResident;
  query.phone = phone;
  for (auto& user : tx.Accounts().FindUsers(query)) add(std::move(user));
  return out;
}

// The resident account a phone code logs in to: the first active one. NotFound when the phone
// names no resident account (staff accounts never count), Forbidden when none is active.
domain::User LoginAccount(const std::vector<domain::User>& accounts) {
  bool inactive = false;
  for (const auto& user : accounts) {
    if (user.role != Role::kResident) continue;
    if (user.active) return user;
    inactive = true;
  }
  if (inactive) throw domain::Forbidden("account.inactive", "该账号已停用，请联系村（社区）代办员");
  throw domain::NotFound("account.not_found", "该手机号尚未注册，请先注册");
}

[[noreturn]] void AccountExists(const std::vector<domain::User>& accounts) {
  const bool resident = std::any_of(accounts.begin(), accounts.end(), [](const domain::User& u) {
    return u.role == Role::kResident;
  });
  throw domain::Conflict("account.exists", resident
                                               ? "该手机号已注册，请直接用验证码登录"
                                               : "该手机号已有工作人员账号，请用用户名和密码登录");
}

std::string SmsText(std::string_view purpose, const std::string& code) {
  if (purpose == kCodeForSignup) {
    return "【民情】您的注册验证码为" + code + "，10分钟内有效。如非本人操作，请忽略本短信。";
  }
  if (purpose == kCodeForLogin) {
    return "【民情】您的登录验证码为" + code + "，10分钟内有效，请勿告诉他人。";
  }
  return "【民情】您正在扫码反映问题，验证码为" + code + "，10分钟内有效。";
}

}  // namespace

std::optional<std::string> NormalisedMobile(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    digits += c;
  }
  if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3' || digits[1] > '9') {
    return std::nullopt;
  }
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return digits;
}

ResidentSelfService::ResidentSelfService(Store& store, AuthService& auth, IntakeService& intake,
                                         SelfServiceOptions options)
    : store_(store),
      auth_(auth),
      intake_(intake),
      options_(options),
      sms_(std::make_unique<OutboxSmsSender>()) {}

void ResidentSelfService::AdmitAddress(const std::string& address, Epoch now) {
  std::lock_guard lock(mutex_);
  auto& times = requests_by_address_[address];
  while (!times.empty() && times.front() <= now - kHour) times.pop_front();
  if (static_cast<int>(times.size()) >= options_.codes_per_address_per_hour) {
    const std::int64_t wait = std::max<std::int64_t>(times.front() + kHour - now, 1);
    throw domain::RateLimited(
        "sms.rate_limited", "本网络获取验证码过于频繁，请" + std::to_string(wait) + "秒后再试",
        wait, {{"retry_after_seconds", "sms.retry_after", std::to_string(wait)}});
  }
  times.push_back(now);
  // Bounded memory: addresses that no longer limit anything are dropped as the table grows.
  if (requests_by_address_.size() > 100000) {
    std::erase_if(requests_by_address_, [&](const auto& entry) {
      return entry.second.empty() || entry.second.back() <= now - kHour;
    });
  }
}

PhoneCodeSent ResidentSelfService::RequestCode(const PhoneCodeRequest& request,
                                               std::string_view client_address, Epoch now) {
  const std::string purpose = domain::Trim(request.purpose);
  if (!IsPurpose(purpose)) {
    const std::string message = "验证码用途无效";
    throw domain::InvalidInput("code.bad_purpose", message,
                               {{"purpose", "code.bad_purpose", message}});
  }
  const std::string phone = RequireMobile(request.phone);
  const std::string address(client_address);
  std::string card_code;
  if (purpose == kCodeForReport) {
    card_code = NormalisedCardCode(request.card_code);
    auto tx = store_.BeginRead();
    if (card_code.empty() || !tx->Network().FindHouseholdByCardCode(card_code)) {
      throw domain::NotFound("card.not_found", "联系卡不存在");
    }
  }
  AdmitAddress(address, now);
  if (purpose != kCodeForReport) {
    std::vector<domain::Resident> residents;
    std::vector<domain::User> accounts;
    {
      auto tx = store_.BeginRead();
      residents = tx->Registry().ListResidentsByPhone(phone);
      if (!residents.empty()) accounts = AccountsOfPhone(*tx, phone, residents);
    }
    if (residents.empty()) {
      // Counted where administrators see it: who keeps trying numbers that are not registered.
      auto tx = store_.Begin();
      RecordAudit(*tx, PublicActor(now),
                  purpose == kCodeForSignup ? "resident.signup_refused" : "resident.login_refused",
                  "phone_code", 0, "", AuditDetail(phone, purpose, address));
      tx->Commit();
      throw domain::Forbidden("phone.not_resident",
                              "该手机号未在本地居民信息中登记，请联系村（社区）代办员登记后再试");
    }
    if (purpose == kCodeForSignup && !accounts.empty()) AccountExists(accounts);
    if (purpose == kCodeForLogin) LoginAccount(accounts);
  }

  const std::string code = NewCode();
  auto tx = store_.Begin();
  PhoneCode stored;
  stored.phone = phone;
  stored.purpose = purpose;
  stored.code_hash = CodeHash(purpose, phone, code);
  stored.card_code = card_code;
  stored.created_at = now;
  stored.expires_at = now + options_.code_lifetime_seconds;
  tx->Accounts().StorePhoneCode(stored, now);
  const std::string kind = purpose + "_code";
  sms_->Send(*tx, {phone, kind, {{"code", code}}, SmsText(purpose, code), std::nullopt}, now);
  RecordAudit(*tx, PublicActor(now), "resident.phone_code", "phone_code", 0, "",
              AuditDetail(phone, purpose, address));
  tx->Commit();
  return {domain::MaskPhone(phone), options_.code_lifetime_seconds, options_.resend_after_seconds};
}

std::string ResidentSelfService::CheckCode(StoreTx& tx, const std::string& phone,
                                           std::string_view purpose, const std::string& code,
                                           const std::string& card_code, Epoch now) const {
  auto& accounts = tx.Accounts();
  auto stored = accounts.FindPhoneCode(phone, purpose);
  if (!stored || now > stored->expires_at) throw domain::InvalidInput("code.bad", kBadCode);
  // Each check takes one try first, so that concurrent guesses cannot pass the limit; the try of
  // a right code is undone with its transaction when the request fails, or deleted with the code.
  if (stored->attempts >= options_.max_code_attempts ||
      !accounts.CountPhoneCodeAttempt(phone, purpose, options_.max_code_attempts)) {
    throw domain::InvalidInput("code.bad", "验证码错误次数过多，请重新获取验证码");
  }
  const std::string entered = domain::Trim(code);
  if (!HashesEqual(CodeHash(purpose, phone, entered), stored->code_hash) ||
      stored->card_code != card_code) {
    tx.Commit();  // The wrong try stays counted.
    throw domain::InvalidInput("code.bad", kBadCode);
  }
  return stored->code_hash;
}

LoginResult ResidentSelfService::SignUp(const SignupInput& input, std::string_view client_address,
                                        Epoch now, domain::Channel channel) {
  const std::string phone = RequireMobile(input.phone);
  auto tx = store_.Begin();
  const std::string hash = CheckCode(*tx, phone, kCodeForSignup, input.code, "", now);
  auto residents = tx->Registry().ListResidentsByPhone(phone);
  if (residents.empty()) {
    throw domain::Forbidden("phone.not_resident",
                            "该手机号未在本地居民信息中登记，请联系村（社区）代办员登记后再试");
  }
  if (auto accounts = AccountsOfPhone(*tx, phone, residents); !accounts.empty()) {
    AccountExists(accounts);
  }
  const std::string wanted = domain::Trim(input.display_name);
  const domain::Resident* resident = &residents.front();
  for (const auto& r : residents) {
    if (!wanted.empty() && r.name == wanted) {
      resident = &r;
      break;
    }
  }
  if (!tx->Accounts().UsePhoneCode(phone, kCodeForSignup, hash)) {
    throw domain::InvalidInput("code.bad", kBadCode);
  }
  domain::User user;
  user.id = domain::NewId();
  user.username = phone;
  user.display_name = resident->name;
  user.role = Role::kResident;
  user.resident_id = resident->id;
  user.phone = phone;
  user.active = true;
  user.created_at = now;
  try {
    tx->Accounts().InsertUser(user);
  } catch (const domain::Conflict&) {
    throw domain::Conflict("account.exists", "该手机号已注册，请直接用验证码登录");
  }
  RecordAudit(*tx, Actor{user, channel, now}, "user.signup", "user", user.id, "",
              JsonObjectWriter()
                  .Add("resident_id", resident->id)
                  .Add("phone", domain::MaskPhone(phone))
                  .Add("address", client_address)
                  .Finish());
  LoginResult result = auth_.OpenSession(*tx, user, client_address, now, channel);
  tx->Commit();
  return result;
}

LoginResult ResidentSelfService::PhoneLogin(const std::string& phone_input, const std::string& code,
                                            std::string_view client_address, Epoch now,
                                            domain::Channel channel) {
  const std::string phone = RequireMobile(phone_input);
  auto tx = store_.Begin();
  const std::string hash = CheckCode(*tx, phone, kCodeForLogin, code, "", now);
  const domain::User user =
      LoginAccount(AccountsOfPhone(*tx, phone, tx->Registry().ListResidentsByPhone(phone)));
  if (!tx->Accounts().UsePhoneCode(phone, kCodeForLogin, hash)) {
    throw domain::InvalidInput("code.bad", kBadCode);
  }
  LoginResult result =
      auth_.OpenSession(*tx, user, client_address, now, channel, "user.phone_login");
  tx->Commit();
  return result;
}

CardReportForm ResidentSelfService::ReportForm(const std::string& card_code) {
  auto tx = store_.BeginRead();
  auto household_id = tx->Network().FindHouseholdByCardCode(NormalisedCardCode(card_code));
  if (!household_id) throw domain::NotFound("card.not_found", "联系卡不存在");
  auto household = tx->Registry().FindHousehold(*household_id);
  if (!household) throw domain::NotFound("card.not_found", "联系卡不存在");
  CardReportForm form;
  auto residents = tx->Registry().ListHouseholdResidents(household->id);
  const std::string head = residents.empty() ? std::string() : residents.front().name;
  // "王**户": the surname and a star per further character.
  std::size_t first = 1;
  while (first < head.size() && (static_cast<unsigned char>(head[first]) & 0xC0) == 0x80) ++first;
  if (!head.empty()) {
    form.household_label = head.substr(0, first);
    for (std::size_t i = first; i < head.size(); ++i) {
      if ((static_cast<unsigned char>(head[i]) & 0xC0) != 0x80) form.household_label += "*";
    }
  }
  form.household_label += "户";
  form.region_name = household->region_name;
  if (form.region_name.empty()) {
    if (auto region = tx->Registry().FindRegion(household->region_id)) {
      form.region_name = region->name;
    }
  }
  for (auto& category : tx->Matters().ListCategories()) {
    if (category.active) form.categories.push_back(std::move(category));
  }
  return form;
}

CardReportResult ResidentSelfService::Report(const std::string& card_code,
                                             const CardReportInput& input, Epoch now) {
  const std::string phone = RequireMobile(input.phone);
  const std::string content = domain::Trim(input.content);
  if (content.empty()) {
    throw domain::InvalidInput("validation.failed", "请填写反映的问题",
                               {{"content", "matter.content_required", "请填写反映的问题"}});
  }
  if (domain::Utf8Length(content) > domain::kMaxMatterContentChars) {
    throw domain::InvalidInput(
        "validation.failed", "反映的问题不能超过2000字",
        {{"content", "matter.content_too_long", "反映的问题不能超过2000字"}});
  }
  const std::string card = NormalisedCardCode(card_code);
  MatterInput matter;
  {
    auto tx = store_.BeginRead();
    auto household_id = tx->Network().FindHouseholdByCardCode(card);
    if (card.empty() || !household_id) throw domain::NotFound("card.not_found", "联系卡不存在");
    matter.household_id = household_id;
    for (const auto& r : tx->Registry().ListHouseholdResidents(*household_id)) {
      if (r.phone == phone) {
        matter.resident_id = r.id;
        break;
      }
    }
  }
  std::string hash;
  {
    // Checked (a wrong try counted) in a transaction of its own that is not committed when the
    // code is right: the code is used up only in the commit that writes the matter.
    auto tx = store_.Begin();
    hash = CheckCode(*tx, phone, kCodeForReport, input.code, card, now);
  }
  matter.type = "help";
  matter.channel = std::string(domain::MatterChannelCode(domain::MatterChannel::kQrCode));
  matter.category_id = input.category_id;
  matter.caller_phone = phone;
  if (!matter.resident_id) matter.caller_name = kCardReporterName;
  matter.content = content;
  AcceptResult accepted = intake_.Accept(CardReportActor(now), matter, [phone, hash](StoreTx& tx) {
    if (!tx.Accounts().UsePhoneCode(phone, kCodeForReport, hash)) {
      throw domain::InvalidInput("code.bad", kBadCode);
    }
  });
  return {accepted.receipt.number, accepted.receipt.public_path};
}

}  // namespace minqing::app
