#include "app/matters/sign_off.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/authorize.hpp"
#include "app/matters/intake.hpp"
#include "app/matters/internal.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/ids.hpp"
#include "domain/matter_state_machine.hpp"
#include "domain/privacy.hpp"
#include "domain/text.hpp"

namespace minqing::app {

using domain::FieldProblem;
using domain::Matter;
using domain::MatterAction;
using domain::MatterEventKind;
using domain::MatterStatus;
using domain::Permission;
using domain::Role;
using domain::Trim;
using domain::Utf8Length;
using domain::Utf8Prefix;
using namespace matters_internal;  // NOLINT(google-build-using-namespace)

namespace {

constexpr std::size_t kMaxCommentChars = 500;

std::string CodeHash(Id matter_id, std::string_view code) {
  return Sha256Hex(std::to_string(matter_id) + ":" + std::string(code));
}

// The open callback tasks of a matter.
std::vector<domain::CallbackTask> OpenTasksOf(StoreTx& tx, const Matter& m) {
  std::vector<domain::CallbackTask> out;
  for (auto& t : tx.Matters().ListCallbackTasksOfMatter(m.id)) {
    if (!t.done_at) out.push_back(std::move(t));
  }
  return out;
}

// Whether `actor` handled `m`: its handler, the author of a unit's handling step, or staff of a
// unit it was at (current, first, or named by a dispatch or transfer in its events), whether as
// the unit's handler account or as one of the unit's listed staff.
bool HandledBy(StoreTx& tx, const Actor& actor, const Matter& m) {
  const Id user = actor.user.id;
  if (m.handler_id && *m.handler_id == user) return true;
  std::set<Id> units;
  if (m.unit_id) units.insert(*m.unit_id);
  if (m.first_unit_id) units.insert(*m.first_unit_id);
  for (const auto& e : tx.Matters().ListEvents(m.id)) {
    if (e.from_unit_id) units.insert(*e.from_unit_id);
    if (e.to_unit_id) units.insert(*e.to_unit_id);
    const bool handling = e.kind == MatterEventKind::kUnitAccepted ||
                          e.kind == MatterEventKind::kStep || e.kind == MatterEventKind::kReplied ||
                          e.kind == MatterEventKind::kReturned;
    if (handling && e.user_id == user) return true;
  }
  if (actor.user.scope_unit_id && units.count(*actor.user.scope_unit_id)) return true;
  for (Id unit : units) {
    for (const auto& staff : tx.Registry().ListStaff(unit)) {
      if (staff.user_id == user) return true;
    }
  }
  return false;
}

// Why a sign-off without proof is refused, naming what this matter accepts instead.
[[noreturn]] void ProofRequired(StoreTx& tx, const Matter& m) {
  const auto options = SignOffOptionsOf(tx, m);
  auto has = [&](std::string_view p) {
    return std::find(options.begin(), options.end(), p) != options.end();
  };
  std::string ways;
  if (has(kProofSmsCode)) {
    ways = "请获取发送至 " + domain::MaskPhone(m.caller_phone) + " 的短信验证码并填写";
  }
  if (has(kProofResidentAccount)) {
    ways += std::string(ways.empty() ? "请" : "，或") + "登录本户居民账户确认";
  }
  if (ways.empty()) ways = "该诉求没有联系电话和居民账户，只能由非承办人员回访确认";
  throw domain::Forbidden("sign_off.proof_required", "确认办结需要群众本人的凭证：" + ways);
}

}  // namespace

std::string SignOffService::IssueCode(StoreTx& tx, const Matter& m, domain::Epoch now) {
  RequireState(m, MatterAction::kConfirm);
  if (m.caller_phone.empty()) {
    throw domain::InvalidInput("sign_off.no_phone", "该诉求没有联系电话，无法发送验证码");
  }
  std::string hex = RandomHex(4);
  std::uint32_t value = static_cast<std::uint32_t>(std::stoul(hex, nullptr, 16));
  char code[8];
  std::snprintf(code, sizeof code, "%06u", value % 1000000u);
  SignOffCode stored{m.id, CodeHash(m.id, code), now + context_.options().code_ttl_seconds, 0};
  tx.Matters().UpsertSignOffCode(stored);
  const std::string link = context_.PublicUrl(ReceiptOf(m).public_path);
  context_.sms().Send(tx,
                      {m.caller_phone,
                       "signoff_code",
                       {{"number", m.number}, {"code", code}, {"link", link}},
                       "【民情】您的诉求" + m.number + "确认验证码为" + code +
                           "，30分钟内有效。查看和确认：" + link,
                       m.id},
                      now);
  return domain::MaskPhone(m.caller_phone);
}

void SignOffService::CheckCode(StoreTx& tx, Id matter_id, const std::string& code,
                               domain::Epoch now) {
  auto stored = tx.Matters().FindSignOffCode(matter_id);
  if (!stored) throw domain::InvalidInput("sign_off.bad_code", "验证码错误，请重新获取");
  if (stored->attempts >= context_.options().code_max_attempts) {
    throw domain::RateLimited("sign_off.too_many_attempts", "验证码错误次数过多，请重新获取");
  }
  if (now > stored->expires_at) {
    throw domain::InvalidInput("sign_off.expired", "验证码已过期，请重新获取");
  }
  if (!HashesEqual(CodeHash(matter_id, Trim(code)), stored->code_hash)) {
    // The failed attempt must count even though the use case fails: commit it first.
    stored->attempts += 1;
    tx.Matters().UpsertSignOffCode(*stored);
    tx.Commit();
    if (stored->attempts >= context_.options().code_max_attempts) {
      throw domain::RateLimited("sign_off.too_many_attempts", "验证码错误次数过多，请重新获取");
    }
    throw domain::InvalidInput("sign_off.bad_code", "验证码错误");
  }
  tx.Matters().DeleteSignOffCode(matter_id);
}

Matter SignOffService::SignOff(StoreTx& tx, const Actor& actor, const Matter& m,
                               const SignOffInput& input, const std::string& via) {
  RequireState(m, MatterAction::kConfirm);
  const bool solved = *input.solved;
  auto t = domain::Apply(
      m, domain::ConfirmCommand(actor.user.id, solved, *input.rating, Trim(input.comment), via),
      actor.now, CountyIndex(tx, m.region_path));
  if (t.refusal) ThrowRefusal(*t.refusal);
  const std::string summary =
      domain::SignOffSummary(solved, *input.rating, t.matter.rating_comment);
  for (auto& task : OpenTasksOf(tx, m)) {
    task.done_at = actor.now;
    task.outcome = summary;
    tx.Matters().UpdateCallbackTask(task);
  }
  // The matter's own event comes before those of its merged duplicates, which share the outcome.
  AddEvents(tx, actor, t);
  if (solved) {
    for (const auto& duplicate : tx.Matters().ListMergedInto(m.id)) {
      if (duplicate.status != MatterStatus::kMerged) continue;
      Record(tx, actor, duplicate, domain::ShareOutcome(duplicate, t.matter, actor.now));
    }
  }
  AddCounters(tx, t);
  Save(tx, actor, m, t.matter, t.audit_action);
  return std::move(t.matter);
}

namespace {
void ValidateSignOff(const SignOffInput& input) {
  std::vector<FieldProblem> problems;
  if (!input.solved) problems.push_back({"solved", "sign_off.solved_required", "请选择是否解决"});
  if (!input.rating || *input.rating < 1 || *input.rating > 5) {
    problems.push_back({"rating", "sign_off.rating_range", "请评分（1–5星）"});
  }
  if (Utf8Length(input.comment) > kMaxCommentChars) {
    problems.push_back({"comment", "sign_off.comment_too_long", "评价不能超过500字"});
  }
  ThrowIfProblems(std::move(problems));
}

void RequireStaffReader(StoreTx& tx, const Actor& actor, const Matter& m) {
  Require(actor, Permission::kMatterSignOff);
  if (!MayRead(tx, actor, m)) throw domain::Forbidden("auth.forbidden", "无权访问该诉求");
}
}  // namespace

std::string SignOffService::SendSignOffCode(const Actor& actor, Id matter_id) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireStaffReader(*tx, actor, m);
  std::string sent_to = IssueCode(*tx, m, actor.now);
  RecordAudit(*tx, actor, "matter.sign_off_code", "matter", m.id, "", "");
  tx->Commit();
  return sent_to;
}

Matter SignOffService::ConfirmWithCode(const Actor& actor, Id matter_id,
                                       const SignOffInput& input) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireStaffReader(*tx, actor, m);
  if (HandledBy(*tx, actor, m)) {
    throw domain::Forbidden("sign_off.code_by_handler",
                            "承办人员不能代录群众的验证码，请由窗口或其他非承办人员录入");
  }
  ValidateSignOff(input);
  RequireState(m, MatterAction::kConfirm);
  if (Trim(input.code).empty()) {
    throw domain::InvalidInput("sign_off.code_required", "请填写群众收到的短信验证码",
                               {{"code", "sign_off.code_required", "请填写验证码"}});
  }
  CheckCode(*tx, m.id, input.code, actor.now);
  m = SignOff(*tx, actor, m, input, std::string(kProofSmsCode));
  tx->Commit();
  return m;
}

Matter SignOffService::ConfirmWithAccount(const Actor& actor, Id matter_id,
                                          const SignOffInput& input) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  if (!domain::RoleHas(actor.user.role, Permission::kMatterConfirmOwn) || !m.household_id ||
      OwnHouseholdOf(*tx, actor) != m.household_id) {
    throw domain::Forbidden("sign_off.not_your_household",
                            "只有该诉求所属户的居民账户可以确认办结");
  }
  ValidateSignOff(input);
  RequireState(m, MatterAction::kConfirm);
  m = SignOff(*tx, actor, m, input, std::string(kProofResidentAccount));
  tx->Commit();
  return m;
}

Matter SignOffService::RecordCallback(const Actor& actor, Id matter_id, const SignOffInput& input) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireStaffReader(*tx, actor, m);
  if (actor.user.role == Role::kPartyMember) {
    throw domain::Forbidden("matter.callback_forbidden_role", "回访须由工作人员进行，党员不能回访");
  }
  if (HandledBy(*tx, actor, m)) {
    throw domain::Forbidden("matter.callback_by_handler",
                            "回访须由非承办人员进行（承办单位及转办前的承办人员均不能回访）");
  }
  ValidateSignOff(input);
  RequireState(m, MatterAction::kConfirm);
  AddEvent(*tx, actor, m, MatterEventKind::kCallback, "电话回访", true);
  m = SignOff(*tx, actor, m, input, std::string(kProofCallback));
  tx->Commit();
  return m;
}

Matter SignOffService::CompleteCallbackTask(const Actor& actor, Id task_id,
                                            const SignOffInput& input) {
  Id matter_id = 0;
  {
    auto tx = context_.store().BeginRead();
    auto task = tx->Matters().FindCallbackTask(task_id);
    if (!task) throw domain::NotFound("callback.not_found", "回访任务不存在");
    // Scope before state: a caller outside the matter's scope does not learn the task's state.
    RequireStaffReader(*tx, actor, LoadMatter(*tx, task->matter_id));
    if (task->done_at) throw domain::Conflict("callback.done", "回访任务已完成");
    matter_id = task->matter_id;
  }
  return RecordCallback(actor, matter_id, input);
}

domain::Page<domain::CallbackTask> SignOffService::ListCallbackTasks(
    const Actor& actor, const domain::PageRequest& page) {
  Require(actor, Permission::kMatterCallback);
  auto tx = context_.store().BeginRead();
  return tx->Matters().ListOpenCallbackTasks(actor.user.scope_region_path, Clamp(page));
}

namespace {
Matter LoadPublic(StoreTx& tx, const std::string& number, const std::string& token) {
  auto m = tx.Matters().FindMatterByNumber(number);
  // Unknown number and wrong token look the same, so numbers cannot be probed.
  if (!m || token.empty() || !HashesEqual(token, m->public_token)) {
    throw domain::NotFound("matter.not_found", "诉求不存在或链接无效");
  }
  return *m;
}

PublicMatterView PublicView(StoreTx& tx, const Matter& m) {
  PublicMatterView v;
  v.matter = m;
  for (auto& e : tx.Matters().ListEvents(m.id)) {
    if (e.internal) continue;
    e.user_id.reset();
    v.timeline.push_back(std::move(e));
  }
  if (m.household_id) {
    for (auto& e : tx.Matters().ListErrands(m.household_id, std::nullopt)) {
      if (e.matter_id == m.id) v.errands.push_back(std::move(e));
    }
  }
  v.can_confirm = m.status == MatterStatus::kReplied;
  v.sign_off_options = SignOffOptionsOf(tx, m);
  if (!m.caller_phone.empty()) v.phone_masked = domain::MaskPhone(m.caller_phone);
  return v;
}
}  // namespace

PublicMatterView SignOffService::GetPublic(const std::string& number, const std::string& token,
                                           domain::Epoch) {
  auto tx = context_.store().BeginRead();
  return PublicView(*tx, LoadPublic(*tx, number, token));
}

std::string SignOffService::SendPublicCode(const std::string& number, const std::string& token,
                                           domain::Epoch now) {
  auto tx = context_.store().Begin();
  Matter m = LoadPublic(*tx, number, token);
  std::string sent_to = IssueCode(*tx, m, now);
  tx->Commit();
  return sent_to;
}

PublicMatterView SignOffService::ConfirmOnPublicPage(const std::string& number,
                                                     const std::string& token,
                                                     const SignOffInput& input, domain::Epoch now) {
  ValidateSignOff(input);
  auto tx = context_.store().Begin();
  Matter m = LoadPublic(*tx, number, token);
  RequireState(m, MatterAction::kConfirm);
  // The token only lets its holder follow the matter (staff have seen it): the code sent to the
  // caller's phone is the proof.
  if (Trim(input.code).empty()) ProofRequired(*tx, m);
  CheckCode(*tx, m.id, input.code, now);
  m = SignOff(*tx, PublicActor(now), m, input, std::string(kProofSmsCode));
  tx->Commit();
  auto read = context_.store().BeginRead();
  return PublicView(*read, m);
}

PublicMatterView SignOffService::GetPublicPreview(const Actor& actor, Id matter_id) {
  auto tx = context_.store().BeginRead();
  Matter m = LoadMatter(*tx, matter_id);
  RequireStaffReader(*tx, actor, m);
  PublicMatterView v = PublicView(*tx, m);
  v.matter.public_token.clear();
  SignOffRights rights;
  if (v.can_confirm && !HandledBy(*tx, actor, m)) {
    rights.enter_code = true;
    rights.callback = domain::RoleHas(actor.user.role, Permission::kMatterCallback);
  }
  v.rights = rights;
  return v;
}

domain::Page<SmsMessage> SignOffService::ListSms(const Actor& actor,
                                                 const domain::PageRequest& page) {
  Require(actor, Permission::kDevOutbox);
  auto tx = context_.store().BeginRead();
  return tx->Matters().ListSms(Clamp(page));
}

}  // namespace minqing::app
