#include "app/matter_service.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/ids.hpp"
#include "domain/privacy.hpp"

namespace minqing::app {
namespace {

using domain::FieldProblem;
using domain::Matter;
using domain::MatterAction;
using domain::MatterEventKind;
using domain::MatterStatus;
using domain::Role;

constexpr std::size_t kMaxContentChars = 2000;
constexpr std::size_t kMaxCommentChars = 500;
constexpr std::size_t kMaxTitleChars = 100;
constexpr double kDuplicateSimilarity = 0.35;
constexpr domain::Epoch kDuplicateWindow = 30 * 86400;
// Text of the internal timeline event a merge leaves on its target; the merged matter's number
// follows. (The duplicates themselves are found by merged_into_id: ListMergedInto.)
constexpr std::string_view kMergedMarker = "合并重复诉求 ";

std::size_t Utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Utf8Prefix(std::string_view s, std::size_t chars) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == chars) return std::string(s.substr(0, i));
      ++n;
    }
  }
  return std::string(s);
}

std::string Trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

bool IsRole(const Actor& actor, std::initializer_list<Role> roles) {
  return std::find(roles.begin(), roles.end(), actor.user.role) != roles.end();
}

void RequireRole(const Actor& actor, std::initializer_list<Role> roles) {
  if (!IsRole(actor, roles)) throw domain::Forbidden("auth.forbidden", "无权执行此操作");
}

[[noreturn]] void BadState() {
  throw domain::Conflict("matter.bad_state", "当前状态不能执行此操作");
}

void RequireState(const Matter& m, MatterAction action) {
  if (!domain::CanPerform(m.status, action)) BadState();
}

[[noreturn]] void Invalid(std::string field, std::string code, std::string message) {
  throw domain::InvalidInput("validation.failed", message,
                             {{std::move(field), std::move(code), message}});
}

void ThrowIfProblems(std::vector<FieldProblem> problems) {
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "输入有误", std::move(problems));
  }
}

std::optional<Id> OwnHouseholdId(StoreTx& tx, const Actor& actor) {
  if (!actor.user.resident_id) return std::nullopt;
  auto resident = tx.FindResident(*actor.user.resident_id);
  return resident ? resident->household_id : std::nullopt;
}

// Staff read matters by region scope (handlers: by unit); residents only their household's,
// which needs the store (MayRead).
bool StaffMayRead(const Actor& actor, const Matter& m) {
  switch (actor.user.role) {
    case Role::kAdmin:
    case Role::kLeader:
    case Role::kCentreStaff:
    case Role::kVillageAssistant:
    case Role::kPartyMember:
      return domain::RegionInScope(actor.user, m.region_path);
    case Role::kUnitHandler:
      return actor.user.scope_unit_id &&
             (m.unit_id == actor.user.scope_unit_id || m.first_unit_id == actor.user.scope_unit_id);
    case Role::kResident:
      return false;
  }
  return false;
}

[[noreturn]] void RefuseRead(const Actor& actor) {
  if (actor.user.role == Role::kUnitHandler) {
    throw domain::Forbidden("matter.forbidden_unit", "该诉求不属于本单位");
  }
  throw domain::Forbidden("auth.forbidden", "无权访问该诉求");
}

bool MayRead(StoreTx& tx, const Actor& actor, const Matter& m) {
  switch (actor.user.role) {
    case Role::kResident:
      return m.household_id && OwnHouseholdId(tx, actor) == m.household_id;
    default:
      return StaffMayRead(actor, m);
  }
}

Matter LoadMatter(StoreTx& tx, Id id) {
  auto m = tx.Matters().FindMatter(id);
  if (!m) throw domain::NotFound("matter.not_found", "诉求不存在");
  return *m;
}

Matter LoadReadable(StoreTx& tx, const Actor& actor, Id id) {
  Matter m = LoadMatter(tx, id);
  if (!MayRead(tx, actor, m)) RefuseRead(actor);
  return m;
}

void Require(const Actor& actor, domain::Permission permission) {
  if (!domain::RoleHas(actor.user.role, permission)) {
    throw domain::Forbidden("auth.forbidden", "无权执行此操作");
  }
}

// Window staff, village assistants and admins within their region scope route matters. Leaders
// supervise; they do not route (domain/authz).
void RequireDispatcher(const Actor& actor, const Matter& m) {
  Require(actor, domain::Permission::kMatterDispatch);
  if (!domain::RegionInScope(actor.user, m.region_path)) {
    throw domain::Forbidden("auth.forbidden", "无权处理该区域的诉求");
  }
}

// Handlers act only on matters of their own unit.
void RequireUnit(const Actor& actor, const Matter& m) {
  if (actor.user.role == Role::kAdmin) return;
  if (actor.user.role != Role::kUnitHandler) {
    throw domain::Forbidden("auth.forbidden", "只有承办单位可以执行此操作");
  }
  if (!m.unit_id || actor.user.scope_unit_id != m.unit_id) {
    throw domain::Forbidden("matter.forbidden_unit", "该诉求不属于本单位");
  }
}

std::string Snapshot(const Matter& m) {
  return JsonObjectWriter()
      .Add("number", m.number)
      .Add("status", domain::MatterStatusCode(m.status))
      .Add("unit_id", m.unit_id)
      .Add("handler_id", m.handler_id)
      .Add("escalation_level", static_cast<std::int64_t>(m.escalation_level))
      .Add("supervised", m.supervised)
      .Add("reopen_count", static_cast<std::int64_t>(m.reopen_count))
      .Add("confirmed_via", m.confirmed_via)
      .Finish();
}

void AddEvent(StoreTx& tx, const Actor& actor, const Matter& m, MatterEventKind kind,
              std::string text, bool internal = false, std::optional<Id> from_unit = std::nullopt,
              std::optional<Id> to_unit = std::nullopt, std::vector<Id> attachments = {}) {
  domain::MatterEvent e;
  e.id = domain::NewId();
  e.matter_id = m.id;
  e.kind = kind;
  e.at = actor.now;
  if (actor.user.id != 0) e.user_id = actor.user.id;
  e.user_name = actor.user.display_name.empty() ? actor.user.username : actor.user.display_name;
  e.from_unit_id = from_unit;
  e.to_unit_id = to_unit;
  e.text = std::move(text);
  e.internal = internal;
  e.attachment_ids = std::move(attachments);
  tx.Matters().InsertEvent(e);
}

void Save(StoreTx& tx, const Actor& actor, const Matter& before, Matter& after,
          std::string_view action) {
  after.updated_at = actor.now;
  tx.Matters().UpdateMatter(after);
  RecordAudit(tx, actor, action, "matter", after.id, Snapshot(before), Snapshot(after));
}

// Which dimensions an event counts in. See README "The three rates (三率)".
enum StatsScope : unsigned {
  kUnitDims = 1,   // "unit" and "person"
  kPlaceDims = 2,  // "region", "category", "category_township"
  kAllDims = 3,
};

void AddStatsFor(StoreTx& tx, const Matter& m, domain::Epoch at, const domain::RateCounters& c,
                 unsigned scope, std::optional<Id> person) {
  std::vector<StatsDelta> deltas;
  domain::DayNumber day = domain::ChinaDay(at);
  if ((scope & kUnitDims) && m.unit_id) deltas.push_back({"unit", *m.unit_id, 0, "", day, c});
  if ((scope & kUnitDims) && person && *person != 0) {
    deltas.push_back({"person", *person, 0, "", day, c});
  }
  if (scope & kPlaceDims) {
    deltas.push_back({"region", m.region_id, 0, m.region_path, day, c});
    Id category = m.category_id.value_or(0);
    deltas.push_back({"category", category, 0, "", day, c});
    deltas.push_back({"category_township", category, domain::TownshipId(m.region_path),
                      domain::TownshipPath(m.region_path), day, c});
  }
  if (!deltas.empty()) tx.Matters().AddStats(deltas);
}

void Reindex(StoreTx& tx, const Matter& m) {
  std::string text = m.title + " " + m.content + " " + m.reply;
  for (const auto& e : tx.Matters().ListEvents(m.id)) {
    if (e.kind == MatterEventKind::kStep || e.kind == MatterEventKind::kReplied) {
      text += " " + e.text;
    }
  }
  tx.Matters().IndexMatterText(m.id, domain::SpaceCjk(text));
}

std::optional<domain::RoutingRule> MatchRule(const std::vector<domain::RoutingRule>& rules,
                                             const Matter& m) {
  if (!m.category_id) return std::nullopt;
  std::optional<domain::RoutingRule> best;
  for (const auto& rule : rules) {
    if (rule.category_id != *m.category_id) continue;
    if (m.region_path.compare(0, rule.region_path.size(), rule.region_path) != 0) continue;
    if (!best || rule.region_path.size() > best->region_path.size()) best = rule;
  }
  return best;
}

std::optional<Id> RouteUnit(StoreTx& tx, const std::vector<domain::RoutingRule>& rules,
                            const Matter& m) {
  if (auto rule = MatchRule(rules, m)) return rule->unit_id;
  if (!m.category_id) return std::nullopt;
  auto category = tx.Matters().FindCategory(*m.category_id);
  return category ? category->default_unit_id : std::nullopt;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string CodeHash(Id matter_id, std::string_view code) {
  return Sha256Hex(std::to_string(matter_id) + ":" + std::string(code));
}

std::string PrefixFor(StoreTx& tx, const Actor& actor, std::optional<Id> region_id) {
  if (!region_id) return actor.user.scope_region_path;
  auto region = tx.FindRegion(*region_id);
  if (!region) throw domain::NotFound("region.not_found", "区域不存在");
  if (!domain::RegionInScope(actor.user, region->path)) {
    throw domain::Forbidden("auth.forbidden", "无权访问该区域的数据");
  }
  return region->path;
}

// The region condition of a matter list: "" (no condition) when `prefix` is the path of the only
// root region, which every matter lies under. The county-wide pages then need no region index
// range, which SQLite would otherwise read whole and sort.
std::string ListPrefix(StoreTx& tx, std::string prefix) {
  if (prefix.empty() || std::count(prefix.begin(), prefix.end(), '/') != 2) return prefix;
  auto roots = tx.ListRegionChildren(std::nullopt);
  if (roots.size() == 1 && roots.front().path == prefix) return "";
  return prefix;
}

domain::PageRequest Clamp(domain::PageRequest page) {
  page.limit = std::clamp<std::int64_t>(page.limit, 1, 200);
  page.offset = std::max<std::int64_t>(page.offset, 0);
  return page;
}

std::vector<Id> CategorySubtree(const std::vector<domain::MatterCategory>& all, Id root) {
  std::vector<Id> out{root};
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (const auto& c : all) {
      if (c.parent_id == out[i]) out.push_back(c.id);
    }
  }
  return out;
}

Actor PublicActor(domain::Epoch now) {
  Actor actor;
  actor.user.id = 0;
  actor.user.username = "public";
  actor.user.display_name = "群众";
  actor.user.role = Role::kResident;
  actor.channel = domain::Channel::kWeb;
  actor.now = now;
  return actor;
}

std::pair<domain::DayNumber, domain::DayNumber> Period(const PeriodQuery& q, domain::Epoch now) {
  domain::DayNumber today = domain::ChinaDay(now);
  domain::DayNumber to = today, from = today - 29;
  if (!q.to.empty()) {
    auto d = domain::ParseDate(q.to);
    if (!d) Invalid("to", "date.invalid", "日期格式应为 YYYY-MM-DD");
    to = *d;
  }
  if (!q.from.empty()) {
    auto d = domain::ParseDate(q.from);
    if (!d) Invalid("from", "date.invalid", "日期格式应为 YYYY-MM-DD");
    from = *d;
  } else {
    from = to - 29;
  }
  if (from > to) Invalid("from", "period.invalid", "开始日期不能晚于结束日期");
  return {from, to};
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
    for (const auto& staff : tx.ListStaff(unit)) {
      if (staff.user_id == user) return true;
    }
  }
  return false;
}

bool HouseholdHasResidentAccount(StoreTx& tx, std::optional<Id> household_id) {
  if (!household_id) return false;
  for (const auto& u : tx.ListUsersOfHousehold(*household_id)) {
    if (u.role == Role::kResident && u.active) return true;
  }
  return false;
}

// The proofs a sign-off of `m` can carry now; none unless it waits for one.
std::vector<std::string> SignOffOptionsOf(StoreTx& tx, const Matter& m) {
  std::vector<std::string> out;
  if (!domain::CanPerform(m.status, MatterAction::kConfirm)) return out;
  if (!m.caller_phone.empty()) out.emplace_back(kProofSmsCode);
  if (HouseholdHasResidentAccount(tx, m.household_id)) out.emplace_back(kProofResidentAccount);
  out.emplace_back(kProofCallback);
  return out;
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

std::string_view ProofLabel(std::string_view via) {
  if (via == kProofSmsCode) return "凭短信验证码";
  if (via == kProofResidentAccount) return "凭本户居民账户";
  if (via == kProofCallback) return "经回访";
  return "";
}

}  // namespace

Receipt ReceiptOf(const Matter& m) {
  return {m.number, m.public_token, "/p/" + m.number + "?t=" + m.public_token};
}

MatterService::MatterService(Store& store, MatterServiceOptions options,
                             std::unique_ptr<SmsSender> sms)
    : store_(store), options_(options), sms_(std::move(sms)) {
  if (!sms_) sms_ = std::make_unique<OutboxSmsSender>();
  batcher_ = std::make_unique<IntakeBatcher>(store_, options_.batcher);
}

MatterService::~MatterService() = default;

std::shared_ptr<const domain::WorkCalendar> MatterService::Calendar(StoreTx& tx) {
  return calendar_.Get([&] { return domain::WorkCalendar(tx.Matters().ListCalendarDays()); });
}

std::shared_ptr<const std::vector<domain::RoutingRule>> MatterService::RoutingRules(StoreTx& tx) {
  return rules_.Get([&] { return tx.Matters().ListRoutingRules(); });
}

// ---------------------------------------------------------------------------------------------
// Intake

IntakePreview MatterService::PreviewIntake(const Actor& actor, std::optional<Id> household_id,
                                           std::optional<Id> region_id, const std::string& text) {
  RequireRole(actor, {Role::kAdmin, Role::kCentreStaff, Role::kVillageAssistant, Role::kPartyMember,
                      Role::kLeader, Role::kResident});
  const IntakeGenerations generations = CurrentGenerations();
  LazyRead reads(store_);
  IntakePreview preview;
  std::string prefix;
  if (household_id) {
    auto found = FindIntakeHousehold(reads, generations, *household_id, actor.now);
    if (!found) throw domain::NotFound("household.not_found", "该户不存在");
    const domain::Household* household = &found->household;
    std::optional<Id> own =
        actor.user.role == Role::kResident ? OwnHouseholdId(*reads, actor) : std::nullopt;
    if (!domain::MayAccessHousehold(actor.user, domain::Permission::kReadRegistry,
                                    household->region_path, own, household->id)) {
      throw domain::Forbidden("auth.forbidden", "无权访问该户");
    }
    prefix = household->region_path;
  } else if (region_id) {
    prefix = PrefixFor(*reads, actor, region_id);
  }
  std::vector<domain::MatterCategory> active;
  for (const auto& c : *Categories(reads, generations, actor.now)) {
    if (c.active) active.push_back(c);
  }
  std::vector<Id> suggested = domain::SuggestCategories(text, active, 5);
  for (Id id : suggested) {
    for (const auto& c : active) {
      if (c.id == id) preview.suggested_categories.push_back(c);
    }
  }
  if (household_id || region_id) {
    auto near = reads->Matters().ListOpenMattersNear(household_id, prefix,
                                                     actor.now - kDuplicateWindow, 200);
    Id top_category = suggested.empty() ? 0 : suggested.front();
    for (auto& m : near) {
      if (household_id && m.household_id == household_id) {
        preview.household_open_matters.push_back(m);
      }
      double similarity = text.empty() ? 0 : domain::TextSimilarity(text, m.title + m.content);
      bool same_household_category = household_id && m.household_id == household_id &&
                                     top_category != 0 && m.category_id == top_category;
      if (similarity >= kDuplicateSimilarity || same_household_category) {
        preview.duplicates.push_back({m, similarity});
      }
    }
    std::stable_sort(preview.duplicates.begin(), preview.duplicates.end(),
                     [](const auto& a, const auto& b) { return a.similarity > b.similarity; });
  }
  return preview;
}

AcceptResult MatterService::Accept(const Actor& actor, const MatterInput& input) {
  auto result = batcher_->Submit(WriteJob(actor, Prepare(actor, input)));
  return *std::static_pointer_cast<AcceptResult>(result);
}

void MatterService::AcceptAsync(const Actor& actor, const MatterInput& input, AcceptDone done) {
  batcher_->SubmitAsync(
      WriteJob(actor, Prepare(actor, input)),
      [done = std::move(done)](std::exception_ptr error, std::shared_ptr<void> result) {
        done(error, std::static_pointer_cast<const AcceptResult>(result));
      });
}

IntakeBatcher::Job MatterService::WriteJob(const Actor& actor,
                                           std::shared_ptr<const PreparedAccept> prepared) {
  return [this, actor, prepared = std::move(prepared)](StoreTx& tx) -> std::shared_ptr<void> {
    return std::make_shared<AcceptResult>(WriteAccept(tx, actor, *prepared));
  };
}

std::shared_ptr<const MatterService::PreparedAccept> MatterService::Prepare(
    const Actor& actor, const MatterInput& input) {
  // Checks and look-ups run on the caller's thread from a read snapshot; the shared writer only
  // numbers and writes what they produced.
  const IntakeGenerations generations = CurrentGenerations();
  LazyRead reads(store_);
  return std::make_shared<const PreparedAccept>(PrepareAccept(reads, generations, actor, input));
}

MatterService::IntakeGenerations MatterService::CurrentGenerations() const {
  return {store_.AreaGeneration(DataArea::kRegistry), store_.AreaGeneration(DataArea::kCatalogue)};
}

std::shared_ptr<const MatterService::IntakeHousehold> MatterService::FindIntakeHousehold(
    LazyRead& reads, const IntakeGenerations& generations, Id household_id, domain::Epoch now) {
  if (auto cached = intake_households_.Get(household_id, generations.registry, now)) return *cached;
  auto household = reads->FindHousehold(household_id);
  if (!household) return nullptr;
  auto found = std::make_shared<const IntakeHousehold>(
      IntakeHousehold{*std::move(household), reads->ListHouseholdResidents(household_id)});
  intake_households_.Put(household_id, generations.registry, now, found);
  return found;
}

std::optional<domain::Region> MatterService::FindIntakeRegion(LazyRead& reads,
                                                              const IntakeGenerations& generations,
                                                              Id region_id, domain::Epoch now) {
  if (auto cached = intake_regions_.Get(region_id, generations.registry, now)) return cached;
  auto region = reads->FindRegion(region_id);
  if (region) intake_regions_.Put(region_id, generations.registry, now, *region);
  return region;
}

std::shared_ptr<const std::vector<domain::MatterCategory>> MatterService::Categories(
    LazyRead& reads, const IntakeGenerations& generations, domain::Epoch now) {
  if (auto cached = categories_.Get(0, generations.catalogue, now)) return *cached;
  auto categories = std::make_shared<const std::vector<domain::MatterCategory>>(
      reads->Matters().ListCategories());
  categories_.Put(0, generations.catalogue, now, categories);
  return categories;
}

MatterService::PreparedAccept MatterService::PrepareAccept(LazyRead& reads,
                                                           const IntakeGenerations& generations,
                                                           const Actor& actor,
                                                           const MatterInput& input) {
  RequireRole(actor, {Role::kAdmin, Role::kCentreStaff, Role::kVillageAssistant, Role::kPartyMember,
                      Role::kResident});
  std::vector<FieldProblem> problems;
  Matter m;
  m.id = domain::NewId();
  auto type = domain::ParseMatterType(input.type);
  if (!type) problems.push_back({"type", "matter.bad_type", "请选择诉求类型"});
  auto channel = domain::ParseMatterChannel(input.channel.empty() ? "window" : input.channel);
  if (!channel) problems.push_back({"channel", "matter.bad_channel", "受理渠道无效"});
  auto urgency = domain::ParseUrgency(input.urgency.empty() ? "normal" : input.urgency);
  if (!urgency) problems.push_back({"urgency", "matter.bad_urgency", "紧急程度无效"});
  // A resident reports online, or through the QR code of the household's contact card.
  if (actor.user.role == Role::kResident && channel != domain::MatterChannel::kQrCode) {
    channel = domain::MatterChannel::kOnline;
  }
  std::string content = Trim(input.content);
  if (content.empty()) problems.push_back({"content", "matter.content_required", "请填写诉求内容"});
  if (Utf8Length(content) > kMaxContentChars) {
    problems.push_back({"content", "matter.content_too_long", "诉求内容不能超过2000字"});
  }
  std::string title = Trim(input.title);
  if (Utf8Length(title) > kMaxTitleChars) {
    problems.push_back({"title", "matter.title_too_long", "标题不能超过100字"});
  }
  if (title.empty()) title = Utf8Prefix(content.substr(0, content.find('\n')), 30);
  std::string phone = Trim(input.caller_phone);
  if (!phone.empty() && !domain::IsPlausiblePhone(phone)) {
    problems.push_back({"caller_phone", "phone.invalid", "电话号码格式不正确"});
  }
  if (input.accepted_at && actor.user.role != Role::kAdmin) {
    problems.push_back({"accepted_at", "matter.backfill_admin_only", "只有管理员可以补录受理时间"});
  }
  if (input.answer_on_spot && type && *type != domain::MatterType::kConsultation) {
    problems.push_back(
        {"answer_on_spot", "matter.on_spot_consultation", "只有咨询类诉求可以当场办结"});
  }
  if (input.lat && (*input.lat < -90 || *input.lat > 90)) {
    problems.push_back({"lat", "coordinates.invalid", "纬度无效"});
  }
  if (input.lng && (*input.lng < -180 || *input.lng > 180)) {
    problems.push_back({"lng", "coordinates.invalid", "经度无效"});
  }

  // Where: the household's region, or a chosen region in scope.
  std::shared_ptr<const IntakeHousehold> found;
  const domain::Household* household = nullptr;
  std::optional<domain::Region> region;
  if (input.household_id) {
    found = FindIntakeHousehold(reads, generations, *input.household_id, actor.now);
    if (!found) throw domain::NotFound("household.not_found", "该户不存在");
    household = &found->household;
    std::optional<Id> own =
        actor.user.role == Role::kResident ? OwnHouseholdId(*reads, actor) : std::nullopt;
    if (!domain::MayAccessHousehold(actor.user, domain::Permission::kReadRegistry,
                                    household->region_path, own, household->id)) {
      throw domain::Forbidden("auth.forbidden", "无权为该户受理诉求");
    }
    m.household_id = household->id;
  } else if (actor.user.role == Role::kResident) {
    problems.push_back({"household_id", "household.required", "请选择本户"});
  }
  Id region_id = input.region_id.value_or(household ? household->region_id : 0);
  if (region_id == 0) {
    problems.push_back({"region_id", "region.required", "请选择诉求所在区域"});
  } else {
    region = FindIntakeRegion(reads, generations, region_id, actor.now);
    if (!region) throw domain::NotFound("region.not_found", "区域不存在");
    // A resident files for their own household, in its region.
    bool allowed = actor.user.role == Role::kResident
                       ? household && region->id == household->region_id
                       : domain::RegionInScope(actor.user, region->path);
    if (!allowed) throw domain::Forbidden("auth.forbidden", "无权受理该区域的诉求");
  }
  if (input.resident_id) {
    std::optional<domain::Resident> resident;
    if (found) {
      for (const auto& r : found->residents) {
        if (r.id == *input.resident_id) resident = r;
      }
    } else {
      resident = reads->FindResident(*input.resident_id);
      // Without a household the resident is looked up alone: only one inside the caller's
      // scope, or its name and phone would leak through the new matter.
      if (resident && !domain::RegionInScope(actor.user, resident->region_path)) {
        throw domain::Forbidden("auth.forbidden", "无权为该居民受理诉求");
      }
    }
    if (!resident || (household && resident->household_id != household->id)) {
      problems.push_back({"resident_id", "resident.not_in_household", "该居民不属于所选户"});
    } else {
      m.resident_id = resident->id;
      if (input.caller_name.empty()) m.caller_name = resident->name;
      if (phone.empty()) phone = resident->phone;
    }
  } else if (household && (phone.empty() || input.caller_name.empty())) {
    const auto& members = found->residents;
    if (!members.empty()) {
      if (input.caller_name.empty()) m.caller_name = members.front().name;
      if (phone.empty()) phone = members.front().phone;
    }
  }
  std::optional<domain::MatterCategory> category;
  if (input.category_id) {
    for (const auto& c : *Categories(reads, generations, actor.now)) {
      if (c.id == *input.category_id) category = c;
    }
    if (!category || !category->active) {
      problems.push_back({"category_id", "category.not_found", "诉求分类不存在"});
    }
  }
  std::optional<Matter> target;
  if (input.merge_into_id) {
    target = reads->Matters().FindMatter(*input.merge_into_id);
    if (!target || !domain::IsOpen(target->status) || !MayRead(*reads, actor, *target)) {
      problems.push_back({"merge_into_id", "matter.merge_target", "合并目标不存在或已办结"});
    }
  }
  ThrowIfProblems(std::move(problems));

  m.type = *type;
  m.channel = *channel;
  m.urgency = *urgency;
  m.category_id = input.category_id;
  if (!input.caller_name.empty()) m.caller_name = Trim(input.caller_name);
  m.caller_phone = phone;
  m.region_id = region->id;
  m.region_path = region->path;
  m.title = title;
  m.content = content;
  m.address = Trim(input.address.empty() && household ? household->address : input.address);
  m.lat = input.lat;
  m.lng = input.lng;
  m.accepted_by = actor.user.id;
  m.accepted_at = input.accepted_at.value_or(actor.now);
  m.updated_at = actor.now;
  m.public_token = RandomHex(16);

  // Deadlines: the category's limits, a routing rule's override, urgency.
  int response_hours = category ? category->response_hours : 4;
  int completion_days = category ? category->completion_days : 5;
  const auto rules = rules_.Get([&] { return reads->Matters().ListRoutingRules(); });
  if (auto rule = MatchRule(*rules, m); rule && rule->completion_days) {
    completion_days = *rule->completion_days;
  }
  if (m.urgency == domain::Urgency::kUrgent) {
    response_hours = std::max(1, response_hours / 2);
    completion_days = std::min(completion_days, 1);
  } else if (m.urgency == domain::Urgency::kSpecial) {
    response_hours = 1;
    completion_days = 0;
  }
  const auto calendar_ptr =
      calendar_.Get([&] { return domain::WorkCalendar(reads->Matters().ListCalendarDays()); });
  const domain::WorkCalendar& calendar = *calendar_ptr;
  m.response_due_at = calendar.DueAfterWorkingHours(m.accepted_at, response_hours);
  m.due_at = calendar.DueAfterWorkingDays(m.accepted_at, completion_days);

  if (input.answer_on_spot) {
    m.status = MatterStatus::kClosed;
    m.reply = Trim(input.reply);
    m.replied_at = m.closed_at = m.accepted_at;
    m.confirmed_via = "window";
  } else if (target) {
    m.status = MatterStatus::kMerged;
    m.merged_into_id = target->id;
  }
  return {std::move(m), input.answer_on_spot};
}

AcceptResult MatterService::WriteAccept(StoreTx& tx, const Actor& actor,
                                        const PreparedAccept& prepared) {
  Matter m = prepared.matter;
  std::optional<Matter> target;
  if (m.merged_into_id) {
    // Checked again: the target may have been closed since the snapshot the intake was read from.
    target = tx.Matters().FindMatter(*m.merged_into_id);
    if (!target || !domain::IsOpen(target->status)) {
      ThrowIfProblems({{"merge_into_id", "matter.merge_target", "合并目标不存在或已办结"}});
    }
  }
  const domain::DayNumber day = domain::ChinaDay(m.accepted_at);
  m.number = domain::MatterNumber(domain::FormatDate(day), tx.Matters().NextMatterSerial(day));
  domain::RateCounters received;
  received.received = 1;
  Actor at_acceptance = actor;
  at_acceptance.now = m.accepted_at;
  tx.Matters().InsertMatter(m);
  AddEvent(tx, at_acceptance, m, MatterEventKind::kAccepted,
           std::string("受理：") + std::string(domain::MatterChannelLabel(m.channel)));
  if (prepared.answer_on_spot) {
    AddEvent(tx, at_acceptance, m, MatterEventKind::kClosedOnSpot,
             m.reply.empty() ? "当场答复，一次性办结" : m.reply);
    received.replied = received.replied_on_time = 1;
  } else if (target) {
    AddEvent(tx, at_acceptance, m, MatterEventKind::kMerged, "合并至 " + target->number);
    AddEvent(tx, at_acceptance, *target, MatterEventKind::kMerged,
             std::string(kMergedMarker) + m.number, true);
  }
  AddStatsFor(tx, m, m.accepted_at, received, kPlaceDims, std::nullopt);
  tx.Matters().IndexMatterText(m.id, domain::SpaceCjk(m.title + " " + m.content + " " + m.reply));
  RecordAudit(tx, actor, "matter.accept", "matter", m.id, "", Snapshot(m));
  return {m, ReceiptOf(m)};
}

// ---------------------------------------------------------------------------------------------
// Reading

std::optional<MatterFilter> MatterService::FilterFor(StoreTx& tx, const Actor& actor,
                                                     const MatterQuery& query) {
  MatterFilter filter;
  filter.region_path_prefix = ListPrefix(tx, PrefixFor(tx, actor, query.region_id));
  for (const auto& code : query.statuses) {
    auto status = domain::ParseMatterStatus(code);
    if (!status) Invalid("status", "matter.bad_status", "状态无效");
    filter.statuses.push_back(*status);
  }
  filter.unit_id = query.unit_id;
  filter.handler_id = query.handler_id;
  if (query.category_id) {
    filter.category_ids = CategorySubtree(tx.Matters().ListCategories(), *query.category_id);
  }
  filter.household_id = query.household_id;
  if (!query.type.empty()) {
    filter.type = domain::ParseMatterType(query.type);
    if (!filter.type) Invalid("type", "matter.bad_type", "诉求类型无效");
  }
  filter.text = Trim(query.text);
  filter.accepted_from = query.from;
  filter.accepted_to = query.to;
  if (query.overdue) filter.due_before = actor.now;
  filter.min_escalation_level = query.min_level;
  filter.supervised_only = query.supervised;
  switch (actor.user.role) {
    case Role::kUnitHandler:
      if (!actor.user.scope_unit_id) return std::nullopt;
      filter.unit_id = actor.user.scope_unit_id;
      break;
    case Role::kResident: {
      auto own = OwnHouseholdId(tx, actor);
      if (!own) return std::nullopt;
      filter.household_id = own;
      break;
    }
    default:
      break;
  }
  if (query.inbox) {
    // A unit's inbox holds what it has to sign for or handle, the window's what it has to
    // dispatch; a status asked for (the inbox's tabs) picks among those in scope instead.
    if (actor.user.scope_unit_id) {
      filter.unit_id = actor.user.scope_unit_id;
      if (filter.statuses.empty()) {
        filter.statuses = {MatterStatus::kDispatched, MatterStatus::kInProgress};
      }
    } else if (filter.statuses.empty()) {
      filter.statuses = {MatterStatus::kAccepted};
    }
  }
  return filter;
}

domain::Page<Matter> MatterService::ListMatters(const Actor& actor, const MatterQuery& query,
                                                const domain::PageRequest& page) {
  auto tx = store_.BeginRead();
  auto filter = FilterFor(*tx, actor, query);
  if (!filter) return {};
  return tx->Matters().ListMatters(*filter, Clamp(page));
}

Workload MatterService::GetWorkload(const Actor& actor) {
  auto tx = store_.BeginRead();
  Workload w;
  // Every count narrows the filter the list uses for the same user (scope, unit, household), so a
  // number on the home page is the total of the list it links to. The scope is read once.
  const std::optional<MatterFilter> scope = FilterFor(*tx, actor, {});
  if (!scope) return w;
  auto count = [&](const MatterFilter& filter) {
    return tx->Matters().ListMatters(filter, {0, 1, ""}).total;
  };
  auto with_status = [&](std::vector<MatterStatus> statuses) {
    MatterFilter filter = *scope;
    filter.statuses = std::move(statuses);
    return filter;
  };

  if (actor.user.scope_unit_id) {
    w.to_sign = count(with_status({MatterStatus::kDispatched}));
    w.handling = count(with_status({MatterStatus::kInProgress}));
  } else if (actor.user.role == Role::kAdmin || actor.user.role == Role::kCentreStaff ||
             actor.user.role == Role::kVillageAssistant) {
    w.to_dispatch = count(with_status({MatterStatus::kAccepted}));
  }
  const MatterFilter open =
      with_status({MatterStatus::kAccepted, MatterStatus::kDispatched, MatterStatus::kInProgress});
  w.open = count(open);
  w.waiting_signoff = count(with_status({MatterStatus::kReplied}));
  MatterFilter supervised = open;
  supervised.supervised_only = true;
  w.supervised = count(supervised);
  MatterFilter today = *scope;
  today.accepted_from = domain::ChinaDayStart(domain::ChinaDay(actor.now));
  w.accepted_today = count(today);
  MatterFilter due = open;
  due.due_before = actor.now;
  w.overdue = count(due);
  due.due_before = actor.now + options_.escalation.nearly_due_seconds;
  w.nearly_due = count(due) - w.overdue;
  w.most_urgent = tx->Matters().ListMatters(open, {0, 5, "due_at"}).items;
  if (actor.user.role == Role::kAdmin || actor.user.role == Role::kLeader ||
      actor.user.role == Role::kCentreStaff || actor.user.role == Role::kVillageAssistant) {
    w.callbacks_open =
        tx->Matters().ListOpenCallbackTasks(actor.user.scope_region_path, {0, 1, ""}).total;
  }
  return w;
}

namespace {

// "2026-10-08 09:30", China time; empty for none.
std::string ChinaTimeText(std::optional<domain::Epoch> at) {
  if (!at) return "";
  const domain::DayNumber day = domain::ChinaDay(*at);
  const domain::Epoch minutes = (*at - domain::ChinaDayStart(day)) / 60;
  char clock[8];
  std::snprintf(clock, sizeof clock, " %02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return domain::FormatDate(day) + clock;
}

// Names of the regions on matters' paths, looked up once each.
class RegionNames {
 public:
  explicit RegionNames(StoreTx& tx) : tx_(tx) {}
  // The name of the path's region at `depth` (1: township, 2: village); empty when shallower.
  std::string At(const std::string& path, std::size_t depth) {
    std::vector<Id> ids;
    try {
      ids = domain::RegionPathIds(path);
    } catch (const std::logic_error&) {
      return "";
    }
    if (ids.size() <= depth) return "";
    auto [it, fresh] = names_.try_emplace(ids[depth]);
    if (fresh) {
      if (auto region = tx_.FindRegion(ids[depth])) it->second = region->name;
    }
    return it->second;
  }

 private:
  StoreTx& tx_;
  std::map<Id, std::string> names_;
};

std::vector<std::string> ExportRow(const Matter& m, domain::Epoch now, RegionNames& regions) {
  // Late: overdue now (as the list shows it), or replied after its deadline.
  const bool late = domain::IsOverdue(m, now) || (m.replied_at && *m.replied_at > m.due_at);
  return {m.number,
          ChinaTimeText(m.accepted_at),
          std::string(domain::MatterTypeLabel(m.type)),
          m.category_name,
          std::string(domain::MatterChannelLabel(m.channel)),
          std::string(domain::UrgencyLabel(m.urgency)),
          std::string(domain::MatterStatusLabel(m.status)),
          regions.At(m.region_path, 1),
          regions.At(m.region_path, 2),
          m.region_name,
          m.caller_name,
          domain::MaskPhone(m.caller_phone),
          m.title,
          m.content,
          m.address,
          m.unit_name,
          ChinaTimeText(m.response_due_at),
          ChinaTimeText(m.due_at),
          ChinaTimeText(m.replied_at),
          ChinaTimeText(m.closed_at),
          late ? "是" : "否",
          m.escalation_level > 0 ? std::to_string(m.escalation_level) : "",
          m.supervised ? "是" : "否",
          m.reply,
          m.solved ? (*m.solved ? "已解决" : "未解决") : "",
          m.rating ? std::to_string(*m.rating) : "",
          m.rating_comment};
}

}  // namespace

formats::Table MatterService::ExportMatters(const Actor& actor, const MatterQuery& query) {
  RequireRole(actor, {Role::kAdmin, Role::kCentreStaff, Role::kUnitHandler, Role::kLeader,
                      Role::kVillageAssistant});
  formats::Table table;
  table.header = {"工单号",   "受理时间",     "诉求类型",   "分类",     "受理渠道", "紧急程度",
                  "状态",     "乡镇（街道）", "村（社区）", "所在区域", "来电人",   "联系电话",
                  "标题",     "诉求内容",     "地址",       "承办单位", "响应时限", "办结时限",
                  "答复时间", "办结时间",     "是否超期",   "升级层级", "督办",     "答复内容",
                  "是否解决", "满意度",       "评价"};
  {
    auto tx = store_.BeginRead();
    auto filter = FilterFor(*tx, actor, query);
    RegionNames regions(*tx);
    // Pages as large as the store serves: each page also counts the matches.
    domain::PageRequest page{0, kExportPageRows, ""};
    while (filter) {
      auto batch = tx->Matters().ListMatters(*filter, page);
      if (page.offset == 0 && batch.total > options_.max_export_rows) {
        throw domain::InvalidInput(
            "export.too_many", "符合条件的诉求有" + std::to_string(batch.total) +
                                   "条，超过一次导出的上限" +
                                   std::to_string(options_.max_export_rows) + "条，请缩小筛选范围");
      }
      for (const auto& m : batch.items) table.rows.push_back(ExportRow(m, actor.now, regions));
      page.offset = static_cast<std::int64_t>(table.rows.size());
      if (batch.items.empty() || page.offset >= batch.total) break;
    }
  }
  // Names of many residents leave the system: the export is audited like a reveal.
  auto tx = store_.Begin();
  RecordAudit(*tx, actor, "matter.export", "matter", 0, "",
              JsonObjectWriter()
                  .Add("rows", static_cast<std::int64_t>(table.rows.size()))
                  .Add("status", query.statuses.empty() ? "" : query.statuses.front())
                  .Add("text", query.text)
                  .Finish());
  tx->Commit();
  return table;
}

MatterDetail MatterService::GetMatter(const Actor& actor, Id matter_id) {
  const std::uint64_t generation = store_.WriteGeneration();
  const bool staff = actor.user.role != Role::kResident;
  if (staff) {
    if (auto cached = matter_pages_.Get(matter_id, generation, actor.now)) {
      if (!StaffMayRead(actor, cached->matter)) RefuseRead(actor);
      return *std::move(cached);
    }
  }
  auto tx = store_.BeginRead();
  MatterDetail d;
  d.matter = LoadReadable(*tx, actor, matter_id);
  auto& repo = tx->Matters();
  d.events = repo.ListEvents(matter_id);
  d.attachments = repo.ListAttachments(matter_id);
  d.supervisions = repo.ListSupervisions(matter_id);
  d.callbacks = repo.ListCallbackTasksOfMatter(matter_id);
  d.merged = repo.ListMergedInto(matter_id);
  if (d.matter.household_id) {
    for (auto& e : repo.ListErrands(d.matter.household_id, std::nullopt)) {
      if (e.matter_id == matter_id) d.errands.push_back(std::move(e));
    }
  }
  d.sign_off_options = SignOffOptionsOf(*tx, d.matter);
  if (!staff) d.receipt = ReceiptOf(d.matter);
  if (staff) matter_pages_.Put(matter_id, generation, actor.now, d);
  return d;
}

MatterDetail MatterService::GetMatterByNumber(const Actor& actor, const std::string& number) {
  Id id = 0;
  {
    auto tx = store_.BeginRead();
    auto m = tx->Matters().FindMatterByNumber(number);
    if (!m) throw domain::NotFound("matter.not_found", "诉求不存在");
    id = m->id;
  }
  return GetMatter(actor, id);
}

// ---------------------------------------------------------------------------------------------
// Routing and handling

Matter MatterService::Dispatch(const Actor& actor, Id matter_id, std::optional<Id> unit_id,
                               std::optional<Id> handler_id, const std::string& note) {
  auto tx = store_.Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireDispatcher(actor, m);
  RequireState(m, MatterAction::kDispatch);
  if (!unit_id) unit_id = RouteUnit(*tx, *RoutingRules(*tx), m);
  if (!unit_id) {
    throw domain::InvalidInput("routing.no_unit", "未找到承办单位，请手动选择",
                               {{"unit_id", "routing.no_unit", "该分类和区域没有派单规则"}});
  }
  auto unit = tx->FindUnit(*unit_id);
  if (!unit) throw domain::NotFound("unit.not_found", "单位不存在");
  Matter before = m;
  m.status = MatterStatus::kDispatched;
  m.unit_id = unit->id;
  m.handler_id = handler_id;
  if (!m.first_unit_id) m.first_unit_id = unit->id;
  AddEvent(*tx, actor, m, MatterEventKind::kDispatched,
           "派单至" + unit->name + (note.empty() ? "" : "：" + note), false, std::nullopt,
           unit->id);
  domain::RateCounters c;
  c.received = 1;
  AddStatsFor(*tx, m, actor.now, c, kUnitDims, handler_id);
  Save(*tx, actor, before, m, "matter.dispatch");
  tx->Commit();
  return m;
}

Matter MatterService::UnitAccept(const Actor& actor, Id matter_id) {
  auto tx = store_.Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireUnit(actor, m);
  RequireState(m, MatterAction::kUnitAccept);
  Matter before = m;
  m.status = MatterStatus::kInProgress;
  if (!m.handler_id && actor.user.id != 0) m.handler_id = actor.user.id;
  domain::RateCounters c;
  if (!m.responded_at) {
    m.responded_at = actor.now;
    c.responded = 1;
    c.responded_on_time = actor.now <= m.response_due_at;
    AddStatsFor(*tx, m, actor.now, c, kAllDims, m.handler_id);
  }
  AddEvent(*tx, actor, m, MatterEventKind::kUnitAccepted, "承办单位已签收", false, std::nullopt,
           m.unit_id);
  Save(*tx, actor, before, m, "matter.unit_accept");
  tx->Commit();
  return m;
}

Matter MatterService::Transfer(const Actor& actor, Id matter_id, Id unit_id,
                               const std::string& reason) {
  auto tx = store_.Begin();
  Matter m = LoadMatter(*tx, matter_id);
  if (actor.user.role == Role::kUnitHandler) {
    RequireUnit(actor, m);
  } else {
    RequireDispatcher(actor, m);
  }
  RequireState(m, MatterAction::kTransfer);
  if (unit_id == 0) Invalid("unit_id", "unit.required", "请选择转办单位");
  if (Trim(reason).empty()) Invalid("reason", "matter.reason_required", "请填写转办理由");
  auto unit = tx->FindUnit(unit_id);
  if (!unit) throw domain::NotFound("unit.not_found", "单位不存在");
  if (m.unit_id == unit_id) Invalid("unit_id", "matter.same_unit", "不能转给当前承办单位");
  Matter before = m;
  std::optional<Id> from = m.unit_id;
  m.status = MatterStatus::kDispatched;
  m.unit_id = unit_id;
  m.handler_id.reset();
  AddEvent(*tx, actor, m, MatterEventKind::kTransferred,
           "转办至" + unit->name + "：" + Trim(reason), false, from, unit_id);
  domain::RateCounters c;
  c.received = 1;
  AddStatsFor(*tx, m, actor.now, c, kUnitDims, std::nullopt);
  Save(*tx, actor, before, m, "matter.transfer");
  tx->Commit();
  return m;
}

Matter MatterService::Return(const Actor& actor, Id matter_id, const std::string& reason) {
  auto tx = store_.Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireUnit(actor, m);
  RequireState(m, MatterAction::kReturn);
  if (Trim(reason).empty()) Invalid("reason", "matter.reason_required", "请填写退单理由");
  Matter before = m;
  std::optional<Id> from = m.unit_id;
  m.status = MatterStatus::kAccepted;
  m.unit_id.reset();
  m.handler_id.reset();
  AddEvent(*tx, actor, m, MatterEventKind::kReturned, "退单：" + Trim(reason), false, from);
  Save(*tx, actor, before, m, "matter.return");
  tx->Commit();
  return m;
}

Matter MatterService::AddStep(const Actor& actor, Id matter_id, const std::string& text,
                              bool internal, const std::vector<Id>& attachment_ids) {
  auto tx = store_.Begin();
  Matter m = LoadMatter(*tx, matter_id);
  if (actor.user.role == Role::kCentreStaff || actor.user.role == Role::kVillageAssistant) {
    RequireDispatcher(actor, m);
  } else {
    RequireUnit(actor, m);
  }
  RequireState(m, MatterAction::kStep);
  std::string body = Trim(text);
  if (body.empty()) Invalid("text", "matter.text_required", "请填写办理情况");
  if (Utf8Length(body) > kMaxContentChars) Invalid("text", "matter.text_too_long", "内容过长");
  for (Id id : attachment_ids) {
    auto a = tx->Matters().FindAttachment(id);
    if (!a || a->matter_id != matter_id) {
      Invalid("attachment_ids", "attachment.not_found", "附件不存在");
    }
  }
  Matter before = m;
  AddEvent(*tx, actor, m, internal ? MatterEventKind::kNote : MatterEventKind::kStep, body,
           internal, std::nullopt, std::nullopt, attachment_ids);
  Save(*tx, actor, before, m, "matter.step");
  Reindex(*tx, m);
  tx->Commit();
  return m;
}

Matter MatterService::Reply(const Actor& actor, Id matter_id, const std::string& text) {
  auto tx = store_.Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireUnit(actor, m);
  RequireState(m, MatterAction::kReply);
  std::string body = Trim(text);
  if (body.empty()) Invalid("text", "matter.reply_required", "请填写答复内容");
  if (Utf8Length(body) > kMaxContentChars) Invalid("text", "matter.text_too_long", "内容过长");
  Matter before = m;
  m.status = MatterStatus::kReplied;
  m.replied_at = actor.now;
  m.reply = body;
  if (!m.handler_id && actor.user.id != 0) m.handler_id = actor.user.id;
  AddEvent(*tx, actor, m, MatterEventKind::kReplied, body);
  domain::RateCounters c;
  c.replied = 1;
  c.replied_on_time = actor.now <= m.due_at;
  AddStatsFor(*tx, m, actor.now, c, kAllDims, m.handler_id);
  Save(*tx, actor, before, m, "matter.reply");
  Reindex(*tx, m);
  tx->Commit();
  return m;
}

Matter MatterService::CloseOnSpot(const Actor& actor, Id matter_id, const std::string& reply) {
  auto tx = store_.Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireDispatcher(actor, m);
  RequireState(m, MatterAction::kCloseOnSpot);
  if (m.type != domain::MatterType::kConsultation) {
    throw domain::Conflict("matter.bad_state", "只有咨询类诉求可以当场办结");
  }
  Matter before = m;
  m.status = MatterStatus::kClosed;
  m.reply = Trim(reply);
  m.replied_at = m.closed_at = actor.now;
  m.confirmed_via = "window";
  AddEvent(*tx, actor, m, MatterEventKind::kClosedOnSpot,
           m.reply.empty() ? "当场答复，一次性办结" : m.reply);
  domain::RateCounters c;
  c.replied = 1;
  c.replied_on_time = 1;
  AddStatsFor(*tx, m, actor.now, c, kPlaceDims, std::nullopt);
  Save(*tx, actor, before, m, "matter.close_on_spot");
  Reindex(*tx, m);
  tx->Commit();
  return m;
}

Matter MatterService::Merge(const Actor& actor, Id matter_id, Id into_id) {
  auto tx = store_.Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireDispatcher(actor, m);
  RequireState(m, MatterAction::kMerge);
  if (into_id == matter_id) Invalid("into_id", "matter.merge_self", "不能合并到自身");
  Matter target = LoadReadable(*tx, actor, into_id);
  if (!domain::IsOpen(target.status)) {
    throw domain::Conflict("matter.bad_state", "合并目标已办结或已合并");
  }
  Matter before = m;
  m.status = MatterStatus::kMerged;
  m.merged_into_id = into_id;
  AddEvent(*tx, actor, m, MatterEventKind::kMerged, "合并至 " + target.number);
  AddEvent(*tx, actor, target, MatterEventKind::kMerged, std::string(kMergedMarker) + m.number,
           true);
  Save(*tx, actor, before, m, "matter.merge");
  tx->Commit();
  return m;
}

Matter MatterService::Supervise(const Actor& actor, Id matter_id, const std::string& note,
                                const std::string& due_date) {
  auto tx = store_.Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireRole(actor, {Role::kAdmin, Role::kLeader});
  if (!domain::RegionInScope(actor.user, m.region_path)) {
    throw domain::Forbidden("auth.forbidden", "无权督办该区域的诉求");
  }
  RequireState(m, MatterAction::kSupervise);
  auto day = domain::ParseDate(due_date);
  if (!day) Invalid("due_date", "date.invalid", "请填写督办期限（YYYY-MM-DD）");
  if (Trim(note).empty()) Invalid("note", "supervision.note_required", "请填写督办意见");
  domain::SupervisionOrder order;
  order.id = domain::NewId();
  order.matter_id = m.id;
  order.issued_by = actor.user.id;
  order.note = Trim(note);
  order.issued_at = actor.now;
  order.due_at = domain::ChinaDayEnd(*day);
  tx->Matters().InsertSupervision(order);
  Matter before = m;
  m.supervised = true;
  AddEvent(*tx, actor, m, MatterEventKind::kSupervised,
           "督办：" + order.note + "（期限 " + due_date + "）", true);
  Save(*tx, actor, before, m, "matter.supervise");
  tx->Commit();
  return m;
}

namespace {
// Those who handle or route matters, and those who report them (a resident's photo of their own
// matter, taken with the report).
void RequireAttachRole(const Actor& actor) {
  if (!domain::RoleHas(actor.user.role, domain::Permission::kMatterHandle) &&
      !domain::RoleHas(actor.user.role, domain::Permission::kMatterDispatch) &&
      !domain::RoleHas(actor.user.role, domain::Permission::kMatterIntake)) {
    throw domain::Forbidden("auth.forbidden", "无权上传附件");
  }
}
}  // namespace

void MatterService::RequireAttachable(const Actor& actor, Id matter_id) {
  RequireAttachRole(actor);
  auto tx = store_.BeginRead();
  LoadReadable(*tx, actor, matter_id);
}

domain::Attachment MatterService::AddAttachment(const Actor& actor, Id matter_id,
                                                const AttachmentInput& input) {
  RequireAttachRole(actor);
  auto tx = store_.Begin();
  Matter m = LoadReadable(*tx, actor, matter_id);
  if (input.bytes.size() > options_.max_attachment_bytes) {
    throw domain::InvalidInput("attachment.too_large", "附件不能超过5MB");
  }
  auto starts = [&](std::string_view magic, std::size_t at = 0) {
    return input.bytes.size() >= at + magic.size() &&
           input.bytes.compare(at, magic.size(), magic) == 0;
  };
  std::string detected;
  if (starts("\xFF\xD8\xFF"))
    detected = "image/jpeg";
  else if (starts("\x89PNG\r\n\x1A\n"))
    detected = "image/png";
  else if (starts("RIFF") && starts("WEBP", 8))
    detected = "image/webp";
  else if (starts("%PDF-"))
    detected = "application/pdf";
  std::string declared = input.content_type == "image/jpg" ? "image/jpeg" : input.content_type;
  if (detected.empty() || (!declared.empty() && declared != detected)) {
    throw domain::InvalidInput("attachment.bad_type", "只能上传 JPEG、PNG、WebP 图片或 PDF 文件");
  }
  domain::Attachment a;
  a.id = domain::NewId();
  a.matter_id = m.id;
  a.file_name = Trim(input.file_name).empty() ? "附件" : Utf8Prefix(Trim(input.file_name), 100);
  a.content_type = detected;
  a.size = static_cast<std::int64_t>(input.bytes.size());
  a.sha256 = Sha256Hex(input.bytes);
  a.uploaded_at = actor.now;
  if (actor.user.id != 0) a.uploaded_by = actor.user.id;
  tx->Matters().InsertAttachment(a, input.bytes);
  RecordAudit(*tx, actor, "attachment.upload", "matter", m.id, "",
              JsonObjectWriter()
                  .Add("attachment_id", a.id)
                  .Add("file_name", a.file_name)
                  .Add("size", a.size)
                  .Finish());
  tx->Commit();
  return a;
}

std::pair<domain::Attachment, std::string> MatterService::ReadAttachment(const Actor& actor,
                                                                         Id attachment_id) {
  auto tx = store_.BeginRead();
  auto a = tx->Matters().FindAttachment(attachment_id);
  if (!a) throw domain::NotFound("attachment.not_found", "附件不存在");
  LoadReadable(*tx, actor, a->matter_id);
  return {*a, tx->Matters().ReadAttachmentBytes(attachment_id)};
}

// ---------------------------------------------------------------------------------------------
// Sign-off

std::string MatterService::IssueCode(StoreTx& tx, const Matter& m, domain::Epoch now) {
  RequireState(m, MatterAction::kConfirm);
  if (m.caller_phone.empty()) {
    throw domain::InvalidInput("sign_off.no_phone", "该诉求没有联系电话，无法发送验证码");
  }
  std::string hex = RandomHex(4);
  std::uint32_t value = static_cast<std::uint32_t>(std::stoul(hex, nullptr, 16));
  char code[8];
  std::snprintf(code, sizeof code, "%06u", value % 1000000u);
  SignOffCode stored{m.id, CodeHash(m.id, code), now + options_.code_ttl_seconds, 0};
  tx.Matters().UpsertSignOffCode(stored);
  sms_->Send(tx, m.caller_phone,
             "【民情】您的诉求" + m.number + "确认验证码为" + code + "，30分钟内有效。", m.id, now);
  return domain::MaskPhone(m.caller_phone);
}

void MatterService::CheckCode(StoreTx& tx, Id matter_id, const std::string& code,
                              domain::Epoch now) {
  auto stored = tx.Matters().FindSignOffCode(matter_id);
  if (!stored) throw domain::InvalidInput("sign_off.bad_code", "验证码错误，请重新获取");
  if (stored->attempts >= options_.code_max_attempts) {
    throw domain::RateLimited("sign_off.too_many_attempts", "验证码错误次数过多，请重新获取");
  }
  if (now > stored->expires_at) {
    throw domain::InvalidInput("sign_off.expired", "验证码已过期，请重新获取");
  }
  if (!ConstantTimeEquals(CodeHash(matter_id, Trim(code)), stored->code_hash)) {
    // The failed attempt must count even though the use case fails: commit it first.
    stored->attempts += 1;
    tx.Matters().UpsertSignOffCode(*stored);
    tx.Commit();
    if (stored->attempts >= options_.code_max_attempts) {
      throw domain::RateLimited("sign_off.too_many_attempts", "验证码错误次数过多，请重新获取");
    }
    throw domain::InvalidInput("sign_off.bad_code", "验证码错误");
  }
  tx.Matters().DeleteSignOffCode(matter_id);
}

Matter MatterService::SignOff(StoreTx& tx, const Actor& actor, Matter m, const SignOffInput& input,
                              const std::string& via) {
  RequireState(m, MatterAction::kConfirm);
  Matter before = m;
  bool solved = *input.solved;
  int rating = *input.rating;
  domain::RateCounters c;
  c.rated = 1;
  c.satisfied = rating >= 4;
  c.solved = solved;
  m.rating = rating;
  m.rating_comment = Trim(input.comment);
  m.confirmed_via = via;
  m.solved = solved;
  std::string summary = std::string(solved ? "已解决" : "未解决") + "，评价" +
                        std::to_string(rating) + "星" +
                        (m.rating_comment.empty() ? "" : "：" + m.rating_comment);
  for (auto& task : OpenTasksOf(tx, m)) {
    task.done_at = actor.now;
    task.outcome = summary;
    tx.Matters().UpdateCallbackTask(task);
  }
  if (solved) {
    m.status = MatterStatus::kClosed;
    m.closed_at = actor.now;
    AddEvent(tx, actor, m, MatterEventKind::kConfirmed,
             "群众确认（" + std::string(ProofLabel(via)) + "）" + summary);
    // Merged duplicates share the outcome.
    for (auto& duplicate : tx.Matters().ListMergedInto(m.id)) {
      if (duplicate.status != MatterStatus::kMerged) continue;
      Matter mb = duplicate;
      duplicate.status = MatterStatus::kClosed;
      duplicate.closed_at = actor.now;
      duplicate.solved = true;
      duplicate.rating = rating;
      duplicate.reply = m.reply;
      duplicate.confirmed_via = via;
      AddEvent(tx, actor, duplicate, MatterEventKind::kConfirmed,
               "随合并的诉求" + m.number + "办结");
      Save(tx, actor, mb, duplicate, "matter.close_merged");
    }
  } else {
    m.status = MatterStatus::kInProgress;
    m.reopen_count += 1;
    c.reopened = 1;
    AddEvent(tx, actor, m, MatterEventKind::kReopened,
             "群众反馈（" + std::string(ProofLabel(via)) + "）" + summary + "，重新办理", false,
             std::nullopt, m.unit_id);
  }
  AddStatsFor(tx, m, actor.now, c, kAllDims, m.handler_id);
  Save(tx, actor, before, m, solved ? "matter.confirm" : "matter.reopen");
  return m;
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
  RequireRole(actor, {Role::kAdmin, Role::kLeader, Role::kCentreStaff, Role::kVillageAssistant,
                      Role::kUnitHandler, Role::kPartyMember});
  if (!MayRead(tx, actor, m)) throw domain::Forbidden("auth.forbidden", "无权访问该诉求");
}
}  // namespace

std::string MatterService::SendSignOffCode(const Actor& actor, Id matter_id) {
  auto tx = store_.Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireStaffReader(*tx, actor, m);
  std::string sent_to = IssueCode(*tx, m, actor.now);
  RecordAudit(*tx, actor, "matter.sign_off_code", "matter", m.id, "", "");
  tx->Commit();
  return sent_to;
}

Matter MatterService::ConfirmWithCode(const Actor& actor, Id matter_id, const SignOffInput& input) {
  auto tx = store_.Begin();
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

Matter MatterService::ConfirmWithAccount(const Actor& actor, Id matter_id,
                                         const SignOffInput& input) {
  auto tx = store_.Begin();
  Matter m = LoadMatter(*tx, matter_id);
  if (actor.user.role != Role::kResident || !m.household_id ||
      OwnHouseholdId(*tx, actor) != m.household_id) {
    throw domain::Forbidden("sign_off.not_your_household",
                            "只有该诉求所属户的居民账户可以确认办结");
  }
  ValidateSignOff(input);
  RequireState(m, MatterAction::kConfirm);
  m = SignOff(*tx, actor, m, input, std::string(kProofResidentAccount));
  tx->Commit();
  return m;
}

Matter MatterService::RecordCallback(const Actor& actor, Id matter_id, const SignOffInput& input) {
  auto tx = store_.Begin();
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

Matter MatterService::CompleteCallbackTask(const Actor& actor, Id task_id,
                                           const SignOffInput& input) {
  Id matter_id = 0;
  {
    auto tx = store_.BeginRead();
    auto task = tx->Matters().FindCallbackTask(task_id);
    if (!task) throw domain::NotFound("callback.not_found", "回访任务不存在");
    // Scope before state: a caller outside the matter's scope does not learn the task's state.
    RequireStaffReader(*tx, actor, LoadMatter(*tx, task->matter_id));
    if (task->done_at) throw domain::Conflict("callback.done", "回访任务已完成");
    matter_id = task->matter_id;
  }
  return RecordCallback(actor, matter_id, input);
}

domain::Page<domain::CallbackTask> MatterService::ListCallbackTasks(
    const Actor& actor, const domain::PageRequest& page) {
  RequireRole(actor, {Role::kAdmin, Role::kLeader, Role::kCentreStaff, Role::kVillageAssistant});
  auto tx = store_.BeginRead();
  return tx->Matters().ListOpenCallbackTasks(actor.user.scope_region_path, Clamp(page));
}

namespace {
Matter LoadPublic(StoreTx& tx, const std::string& number, const std::string& token) {
  auto m = tx.Matters().FindMatterByNumber(number);
  // Unknown number and wrong token look the same, so numbers cannot be probed.
  if (!m || token.empty() || !ConstantTimeEquals(token, m->public_token)) {
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

PublicMatterView MatterService::GetPublic(const std::string& number, const std::string& token,
                                          domain::Epoch) {
  auto tx = store_.BeginRead();
  return PublicView(*tx, LoadPublic(*tx, number, token));
}

std::string MatterService::SendPublicCode(const std::string& number, const std::string& token,
                                          domain::Epoch now) {
  auto tx = store_.Begin();
  Matter m = LoadPublic(*tx, number, token);
  std::string sent_to = IssueCode(*tx, m, now);
  tx->Commit();
  return sent_to;
}

PublicMatterView MatterService::ConfirmOnPublicPage(const std::string& number,
                                                    const std::string& token,
                                                    const SignOffInput& input, domain::Epoch now) {
  ValidateSignOff(input);
  auto tx = store_.Begin();
  Matter m = LoadPublic(*tx, number, token);
  RequireState(m, MatterAction::kConfirm);
  // The token only lets its holder follow the matter (staff have seen it): the code sent to the
  // caller's phone is the proof.
  if (Trim(input.code).empty()) ProofRequired(*tx, m);
  CheckCode(*tx, m.id, input.code, now);
  m = SignOff(*tx, PublicActor(now), m, input, std::string(kProofSmsCode));
  tx->Commit();
  auto read = store_.BeginRead();
  return PublicView(*read, m);
}

PublicMatterView MatterService::GetPublicPreview(const Actor& actor, Id matter_id) {
  auto tx = store_.BeginRead();
  Matter m = LoadMatter(*tx, matter_id);
  RequireStaffReader(*tx, actor, m);
  PublicMatterView v = PublicView(*tx, m);
  v.matter.public_token.clear();
  SignOffRights rights;
  if (v.can_confirm && !HandledBy(*tx, actor, m)) {
    rights.enter_code = true;
    rights.callback = actor.user.role != Role::kPartyMember;
  }
  v.rights = rights;
  return v;
}

// ---------------------------------------------------------------------------------------------
// Escalation and supervision

EscalationReport MatterService::RunEscalation(const Actor& actor) {
  RequireRole(actor, {Role::kAdmin});
  EscalationReport report;
  auto tx = store_.Begin();
  const auto calendar_ptr = Calendar(*tx);
  const domain::WorkCalendar& calendar = *calendar_ptr;
  const auto& policy = options_.escalation;
  auto candidates = tx->Matters().ListDueBefore(actor.now + policy.nearly_due_seconds, 100000);
  for (Matter& m : candidates) {
    if (!domain::IsOverdue(m, actor.now)) {
      report.nearly_due += domain::IsNearlyDue(m, actor.now, policy);
      continue;
    }
    int target = domain::TargetEscalationLevel(m, actor.now, calendar, policy);
    if (target <= m.escalation_level) continue;
    Matter before = m;
    bool first = m.escalation_level == 0;
    m.escalation_level = target;
    AddEvent(*tx, actor, m, MatterEventKind::kEscalated,
             "逾期升级至" + std::string(domain::EscalationLevelLabel(target)), true);
    if (first) {
      domain::RateCounters c;
      c.overdue = 1;
      AddStatsFor(*tx, m, actor.now, c, kAllDims, m.handler_id);
    }
    Save(*tx, actor, before, m, "matter.escalate");
    ++report.escalated;
  }
  auto awaiting = tx->Matters().ListAwaitingCallback(
      actor.now - static_cast<domain::Epoch>(options_.callback_after_days) * 86400, 100000);
  for (const Matter& m : awaiting) {
    domain::CallbackTask task;
    task.id = domain::NewId();
    task.matter_id = m.id;
    task.created_at = actor.now;
    tx->Matters().InsertCallbackTask(task);
    ++report.callbacks_created;
  }
  if (report.escalated > 0 || report.callbacks_created > 0) {
    RecordAudit(*tx, actor, "escalation.run", "matter", 0, "",
                JsonObjectWriter()
                    .Add("escalated", report.escalated)
                    .Add("callbacks_created", report.callbacks_created)
                    .Finish());
  }
  tx->Commit();
  return report;
}

domain::Page<Matter> MatterService::SupervisionList(const Actor& actor, const std::string& kind,
                                                    std::optional<Id> region_id,
                                                    const domain::PageRequest& page) {
  RequireRole(actor, {Role::kAdmin, Role::kLeader, Role::kCentreStaff});
  auto tx = store_.BeginRead();
  MatterFilter filter;
  filter.region_path_prefix = ListPrefix(*tx, PrefixFor(*tx, actor, region_id));
  domain::PageRequest request = Clamp(page);
  if (request.sort.empty()) request.sort = "due_at";
  if (kind == "overdue" || kind.empty()) {
    filter.due_before = actor.now;
  } else if (kind == "nearly_due") {
    filter.due_before = actor.now + options_.escalation.nearly_due_seconds;
    auto all = tx->Matters().ListMatters(filter, {0, 1000, "due_at"});
    domain::Page<Matter> out;
    std::vector<Matter> near;
    for (auto& m : all.items) {
      if (m.due_at >= actor.now) near.push_back(std::move(m));
    }
    out.total = static_cast<std::int64_t>(near.size());
    for (std::size_t i = static_cast<std::size_t>(request.offset);
         i < near.size() && out.items.size() < static_cast<std::size_t>(request.limit); ++i) {
      out.items.push_back(near[i]);
    }
    return out;
  } else if (kind == "escalated") {
    filter.min_escalation_level = 1;
    filter.statuses = {MatterStatus::kAccepted, MatterStatus::kDispatched,
                       MatterStatus::kInProgress};
    if (page.sort.empty()) request.sort = "-escalation_level";
  } else if (kind == "supervised") {
    // Under supervision now: the order stays on the matter after it is replied or closed.
    filter.supervised_only = true;
    filter.statuses = {MatterStatus::kAccepted, MatterStatus::kDispatched,
                       MatterStatus::kInProgress};
  } else {
    Invalid("kind", "supervision.bad_kind",
            "类型应为 overdue、nearly_due、escalated 或 supervised");
  }
  return tx->Matters().ListMatters(filter, request);
}

// ---------------------------------------------------------------------------------------------
// Three rates and dashboard

namespace {

// "87.5%", or empty when the rate has no denominator.
std::string PercentText(std::optional<double> rate) {
  if (!rate) return "";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%", *rate * 100);
  return text;
}

std::vector<std::string> RatesExportRow(const std::string& name, const domain::RateCounters& c) {
  const domain::ThreeRates rates = domain::ComputeRates(c);
  return {name,
          std::to_string(c.received),
          std::to_string(c.responded),
          std::to_string(c.responded_on_time),
          PercentText(rates.response_rate),
          std::to_string(c.replied),
          std::to_string(c.replied_on_time),
          std::to_string(c.rated),
          std::to_string(c.solved),
          PercentText(rates.resolution_rate),
          std::to_string(c.satisfied),
          PercentText(rates.satisfaction_rate),
          std::to_string(c.reopened),
          std::to_string(c.overdue)};
}

}  // namespace

formats::Table MatterService::ExportRates(const Actor& actor, const std::string& dimension,
                                          const PeriodQuery& period) {
  auto rows = Rates(actor, dimension, period);
  static const std::map<std::string, std::string> kNameHeaders = {
      {"unit", "承办单位"}, {"region", "区域"}, {"person", "承办人"}, {"category", "诉求分类"}};
  formats::Table table;
  table.header = {kNameHeaders.at(dimension),
                  "受理量",
                  "已响应",
                  "按时响应",
                  "响应率",
                  "已答复",
                  "按时答复",
                  "参评数",
                  "已解决",
                  "解决率",
                  "满意数",
                  "满意率",
                  "重新打开",
                  "逾期"};
  domain::RateCounters total;
  for (const auto& row : rows) {
    table.rows.push_back(RatesExportRow(row.name, row.counters));
    total += row.counters;
  }
  // The sum of the rows: for units, a transferred matter counts once for each unit it reached.
  table.rows.push_back(RatesExportRow("合计", total));
  return table;
}

std::vector<RatesRow> MatterService::Rates(const Actor& actor, const std::string& dimension,
                                           const PeriodQuery& period) {
  RequireRole(actor, {Role::kAdmin, Role::kLeader, Role::kCentreStaff});
  if (dimension != "unit" && dimension != "region" && dimension != "person" &&
      dimension != "category") {
    Invalid("dimension", "rates.bad_dimension", "维度应为 unit、region、person 或 category");
  }
  auto [from, to] = Period(period, actor.now);
  auto tx = store_.BeginRead();
  std::string prefix = PrefixFor(*tx, actor, period.region_id);
  std::string stats_prefix = dimension == "region" ? prefix : "";
  std::map<Id, std::string> names;
  if (dimension == "unit") {
    for (const auto& u : tx->ListUnits()) names[u.id] = u.name;
  } else if (dimension == "category") {
    for (const auto& c : tx->Matters().ListCategories()) names[c.id] = c.name;
    names[0] = "未分类";
  } else if (dimension == "region") {
    for (const auto& r : tx->ListRegionsUnder(prefix, std::nullopt)) names[r.id] = r.name;
  }
  std::vector<RatesRow> rows;
  for (const auto& row : tx->Matters().SumStats(dimension, from, to, stats_prefix)) {
    RatesRow r;
    r.key = row.key;
    r.counters = row.counters;
    r.rates = domain::ComputeRates(row.counters);
    if (dimension == "person") {
      auto user = tx->FindUser(row.key);
      r.name = user ? (user->display_name.empty() ? user->username : user->display_name) : "";
    } else {
      r.name = names.count(row.key) ? names[row.key] : std::to_string(row.key);
    }
    rows.push_back(std::move(r));
  }
  std::sort(rows.begin(), rows.end(), [](const RatesRow& a, const RatesRow& b) {
    return a.counters.received > b.counters.received;
  });
  return rows;
}

Dashboard MatterService::GetDashboard(const Actor& actor, const PeriodQuery& period) {
  RequireRole(actor, {Role::kAdmin, Role::kLeader, Role::kCentreStaff});
  auto [from, to] = Period(period, actor.now);
  auto tx = store_.BeginRead();
  std::string prefix = PrefixFor(*tx, actor, period.region_id);
  auto& repo = tx->Matters();
  Dashboard d;
  std::map<Id, std::string> region_names, category_names, unit_names;
  for (const auto& r : tx->ListRegionsUnder(prefix, std::nullopt)) region_names[r.id] = r.name;
  // Townships above the prefix (a village scope) still need their name.
  for (const auto& c : repo.ListCategories()) category_names[c.id] = c.name;
  category_names[0] = "未分类";
  for (const auto& u : tx->ListUnits()) unit_names[u.id] = u.name;

  // Totals, townships and their top categories from one read of the category_township cells
  // (categories × townships keys, whatever the number of villages); they are booked with the
  // region cells, so they add up to the same totals. Below a township (a village scope, whose
  // prefix no township path matches) the totals come from the region cells.
  const bool township_or_more = std::count(prefix.begin(), prefix.end(), '/') <= 3;
  std::map<Id, domain::RateCounters> by_township;
  std::vector<StatsRow> category_township = repo.SumStats("category_township", from, to, prefix);
  for (const auto& row : category_township) {
    by_township[row.key2] += row.counters;
    if (township_or_more) d.totals += row.counters;
  }
  if (!township_or_more) {
    for (const auto& row : repo.SumStats("region", from, to, prefix)) d.totals += row.counters;
  }
  d.rates = domain::ComputeRates(d.totals);
  for (const auto& [id, counters] : by_township) {
    d.townships.push_back({id, region_names.count(id) ? region_names[id] : std::to_string(id),
                           counters, domain::ComputeRates(counters)});
  }
  for (const auto& row : repo.SumStats("unit", from, to, "")) {
    d.units.push_back({row.key, unit_names.count(row.key) ? unit_names[row.key] : "", row.counters,
                       domain::ComputeRates(row.counters)});
  }
  std::sort(d.units.begin(), d.units.end(), [](const RatesRow& a, const RatesRow& b) {
    return a.counters.received > b.counters.received;
  });

  // Volumes: by category for the whole scope; totals only by region below the county.
  std::map<domain::DayNumber, VolumeDay> days;
  for (domain::DayNumber day = from; day <= to; ++day) days[day].day = domain::FormatDate(day);
  if (prefix.empty()) {
    for (const auto& c : repo.DailyReceived("category", from, to, "")) {
      auto& v = days[c.day];
      v.total += c.count;
      v.by_category.push_back(
          {c.key, category_names.count(c.key) ? category_names[c.key] : "", c.count});
    }
  } else {
    // A township scope adds up categories (tens of keys a day), a village its region cells.
    for (const auto& c :
         repo.DailyReceived(township_or_more ? "category_township" : "region", from, to, prefix))
      days[c.day].total += c.count;
  }
  for (auto& [day, v] : days) d.volumes.push_back(std::move(v));

  // Top categories per township.
  std::map<Id, std::vector<std::pair<std::string, std::int64_t>>> top;
  for (const auto& row : category_township) {
    top[row.key2].push_back(
        {category_names.count(row.key) ? category_names[row.key] : "", row.counters.received});
  }
  for (auto& [township, cats] : top) {
    std::sort(cats.begin(), cats.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    if (cats.size() > 5) cats.resize(5);
    d.top_categories_by_township.push_back(
        {township, region_names.count(township) ? region_names[township] : "", cats});
  }

  MatterFilter overdue;
  overdue.region_path_prefix = ListPrefix(*tx, prefix);
  overdue.due_before = actor.now;
  overdue.without_total = true;  // The dashboard shows the first 20, not a count.
  d.overdue = repo.ListMatters(overdue, {0, 20, "due_at"}).items;
  return d;
}

// ---------------------------------------------------------------------------------------------
// Catalogue and routing

std::vector<domain::Unit> MatterService::ListHandlingUnits(const Actor& actor) {
  if (actor.user.role == Role::kResident) {
    throw domain::Forbidden("auth.forbidden", "无权查看单位列表");
  }
  auto tx = store_.BeginRead();
  return tx->ListUnits();
}

std::vector<domain::MatterCategory> MatterService::ListCategories(const Actor&) {
  auto tx = store_.BeginRead();
  return tx->Matters().ListCategories();
}

namespace {
void ApplyCategory(StoreTx& tx, domain::MatterCategory& c, const CategoryInput& input) {
  std::vector<FieldProblem> problems;
  std::string name = Trim(input.name);
  if (!name.empty()) c.name = name;
  if (c.name.empty()) problems.push_back({"name", "category.name_required", "请填写分类名称"});
  c.parent_id = input.parent_id.has_value() ? input.parent_id : c.parent_id;
  if (c.parent_id && (*c.parent_id == c.id || !tx.Matters().FindCategory(*c.parent_id))) {
    problems.push_back({"parent_id", "category.parent_invalid", "上级分类无效"});
  }
  if (!input.keywords.empty()) c.keywords = Trim(input.keywords);
  if (input.default_unit_id) {
    if (!tx.FindUnit(*input.default_unit_id)) {
      problems.push_back({"default_unit_id", "unit.not_found", "单位不存在"});
    }
    c.default_unit_id = input.default_unit_id;
  }
  if (input.response_hours) c.response_hours = *input.response_hours;
  if (input.completion_days) c.completion_days = *input.completion_days;
  if (c.response_hours < 1 || c.response_hours > 200) {
    problems.push_back({"response_hours", "category.limit_range", "响应时限应为1–200小时"});
  }
  if (c.completion_days < 0 || c.completion_days > 120) {
    problems.push_back({"completion_days", "category.limit_range", "办结时限应为0–120个工作日"});
  }
  if (input.active) c.active = *input.active;
  ThrowIfProblems(std::move(problems));
}

std::string Snapshot(const domain::MatterCategory& c) {
  return JsonObjectWriter()
      .Add("name", c.name)
      .Add("parent_id", c.parent_id)
      .Add("default_unit_id", c.default_unit_id)
      .Add("response_hours", static_cast<std::int64_t>(c.response_hours))
      .Add("completion_days", static_cast<std::int64_t>(c.completion_days))
      .Add("active", c.active)
      .Finish();
}
}  // namespace

domain::MatterCategory MatterService::CreateCategory(const Actor& actor,
                                                     const CategoryInput& input) {
  RequireRole(actor, {Role::kAdmin});
  auto tx = store_.Begin();
  domain::MatterCategory c;
  c.id = domain::NewId();
  ApplyCategory(*tx, c, input);
  tx->Matters().InsertCategory(c);
  RecordAudit(*tx, actor, "category.create", "category", c.id, "", Snapshot(c));
  tx->Commit();
  return c;
}

domain::MatterCategory MatterService::UpdateCategory(const Actor& actor, Id id,
                                                     const CategoryInput& input) {
  RequireRole(actor, {Role::kAdmin});
  auto tx = store_.Begin();
  auto c = tx->Matters().FindCategory(id);
  if (!c) throw domain::NotFound("category.not_found", "诉求分类不存在");
  auto before = Snapshot(*c);
  ApplyCategory(*tx, *c, input);
  tx->Matters().UpdateCategory(*c);
  RecordAudit(*tx, actor, "category.update", "category", id, before, Snapshot(*c));
  tx->Commit();
  return *c;
}

std::vector<domain::RoutingRule> MatterService::ListRoutingRules(const Actor&) {
  auto tx = store_.BeginRead();
  auto rules = tx->Matters().ListRoutingRules();
  std::map<std::string, std::string> names;  // By path: a few townships serve many rules.
  for (auto& rule : rules) {
    auto [it, fresh] = names.try_emplace(rule.region_path);
    if (fresh) {
      auto ids = domain::RegionPathIds(rule.region_path);
      auto region = ids.empty() ? std::nullopt : tx->FindRegion(ids.back());
      if (region) it->second = region->name;
    }
    rule.region_name = it->second;
  }
  return rules;
}

domain::RoutingRule MatterService::CreateRoutingRule(const Actor& actor, Id category_id,
                                                     std::optional<Id> region_id, Id unit_id,
                                                     std::optional<int> completion_days) {
  RequireRole(actor, {Role::kAdmin});
  auto tx = store_.Begin();
  std::vector<FieldProblem> problems;
  if (!tx->Matters().FindCategory(category_id)) {
    problems.push_back({"category_id", "category.not_found", "诉求分类不存在"});
  }
  if (!tx->FindUnit(unit_id)) problems.push_back({"unit_id", "unit.not_found", "单位不存在"});
  domain::RoutingRule rule;
  if (region_id) {
    auto region = tx->FindRegion(*region_id);
    if (!region) {
      problems.push_back({"region_id", "region.not_found", "区域不存在"});
    } else {
      rule.region_path = region->path;
      rule.region_name = region->name;
    }
  }
  if (completion_days && (*completion_days < 0 || *completion_days > 120)) {
    problems.push_back({"completion_days", "category.limit_range", "办结时限应为0–120个工作日"});
  }
  ThrowIfProblems(std::move(problems));
  rule.id = domain::NewId();
  rule.category_id = category_id;
  rule.unit_id = unit_id;
  rule.completion_days = completion_days;
  tx->Matters().InsertRoutingRule(rule);
  RecordAudit(*tx, actor, "routing_rule.create", "routing_rule", rule.id, "",
              JsonObjectWriter()
                  .Add("category_id", category_id)
                  .Add("region_path", rule.region_path)
                  .Add("unit_id", unit_id)
                  .Finish());
  tx->Commit();
  rules_.Invalidate();
  return rule;
}

void MatterService::DeleteRoutingRule(const Actor& actor, Id id) {
  RequireRole(actor, {Role::kAdmin});
  auto tx = store_.Begin();
  tx->Matters().DeleteRoutingRule(id);
  RecordAudit(*tx, actor, "routing_rule.delete", "routing_rule", id, "", "");
  tx->Commit();
  rules_.Invalidate();
}

// ---------------------------------------------------------------------------------------------
// Calendar

CalendarView MatterService::GetCalendar(const Actor&, std::optional<int> year) {
  auto tx = store_.BeginRead();
  CalendarView view;
  auto days = tx->Matters().ListCalendarDays();
  view.covered_years = domain::WorkCalendar(days).CoveredYears();
  for (auto& d : days) {
    if (!year || d.date.compare(0, 4, std::to_string(*year)) == 0)
      view.items.push_back(std::move(d));
  }
  return view;
}

void MatterService::PutCalendarDay(const Actor& actor, const std::string& date,
                                   const std::string& kind, const std::string& name) {
  RequireRole(actor, {Role::kAdmin});
  auto day = domain::ParseDate(date);
  if (!day) Invalid("date", "date.invalid", "日期格式应为 YYYY-MM-DD");
  domain::CalendarDay row;
  row.date = domain::FormatDate(*day);
  if (kind == "off") {
    row.kind = domain::DayKind::kOff;
  } else if (kind == "workday") {
    row.kind = domain::DayKind::kMakeUpWorkday;
  } else {
    Invalid("kind", "calendar.bad_kind", "类型应为 off 或 workday");
  }
  row.name = Trim(name);
  auto tx = store_.Begin();
  tx->Matters().UpsertCalendarDay(row);
  RecordAudit(
      *tx, actor, "calendar.put", "calendar", *day, "",
      JsonObjectWriter().Add("date", row.date).Add("kind", kind).Add("name", row.name).Finish());
  tx->Commit();
  calendar_.Invalidate();
}

void MatterService::DeleteCalendarDay(const Actor& actor, const std::string& date) {
  RequireRole(actor, {Role::kAdmin});
  auto day = domain::ParseDate(date);
  if (!day) Invalid("date", "date.invalid", "日期格式应为 YYYY-MM-DD");
  auto tx = store_.Begin();
  tx->Matters().DeleteCalendarDay(domain::FormatDate(*day));
  RecordAudit(*tx, actor, "calendar.delete", "calendar", *day, "", "");
  tx->Commit();
  calendar_.Invalidate();
}

std::int64_t MatterService::ImportCalendar(const Actor& actor, const std::string& csv) {
  RequireRole(actor, {Role::kAdmin});
  std::vector<std::string> problems;
  auto rows = domain::ParseCalendarCsv(csv, problems);
  if (!problems.empty()) {
    std::vector<FieldProblem> details;
    for (auto& p : problems) details.push_back({"csv", "calendar.bad_line", p});
    throw domain::InvalidInput("validation.failed", "节假日表有误", std::move(details));
  }
  auto tx = store_.Begin();
  for (const auto& row : rows) tx->Matters().UpsertCalendarDay(row);
  RecordAudit(*tx, actor, "calendar.import", "calendar", 0, "",
              JsonObjectWriter().Add("rows", static_cast<std::int64_t>(rows.size())).Finish());
  tx->Commit();
  calendar_.Invalidate();
  return static_cast<std::int64_t>(rows.size());
}

// ---------------------------------------------------------------------------------------------
// Slots and appointments

namespace {
bool IsClock(const std::string& s) {
  return s.size() == 5 && s[2] == ':' && std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::isdigit(static_cast<unsigned char>(s[1])) &&
         std::isdigit(static_cast<unsigned char>(s[3])) &&
         std::isdigit(static_cast<unsigned char>(s[4])) && s.substr(0, 2) < "24" &&
         s.substr(3, 2) < "60";
}
}  // namespace

namespace {

// The region path of a unit's area; "" for a unit without a region (county-wide).
std::string UnitPath(StoreTx& tx, const domain::Unit& unit) {
  if (!unit.region_id) return "";
  auto region = tx.FindRegion(*unit.region_id);
  return region ? region->path : "";
}

domain::Unit LoadUnit(StoreTx& tx, Id unit_id) {
  auto unit = tx.FindUnit(unit_id);
  if (!unit) throw domain::NotFound("unit.not_found", "单位不存在");
  return *unit;
}

// Staff manage a unit's slots and bookings when the unit's area lies in their region scope;
// handlers only their own unit's.
bool ManagesUnit(const Actor& actor, const domain::Unit& unit, const std::string& unit_path) {
  switch (actor.user.role) {
    case Role::kUnitHandler:
      return actor.user.scope_unit_id == unit.id;
    case Role::kResident:
      return false;
    default:
      return domain::RegionInScope(actor.user, unit_path);
  }
}

// A unit serves the caller when its area contains the caller's scope (a township centre serves
// its villages) or lies inside it; a resident is served where their household lives.
void RequireServes(StoreTx& tx, const Actor& actor, const domain::Unit& unit,
                   const std::string& unit_path) {
  if (ManagesUnit(actor, unit, unit_path)) return;
  std::string caller_path = actor.user.scope_region_path;
  if (actor.user.role == Role::kResident) {
    caller_path.clear();
    if (auto own = OwnHouseholdId(tx, actor)) {
      if (auto household = tx.FindHousehold(*own)) caller_path = household->region_path;
    }
  }
  bool serves = actor.user.role != Role::kUnitHandler && !caller_path.empty() &&
                caller_path.compare(0, unit_path.size(), unit_path) == 0;
  if (!serves) throw domain::Forbidden("auth.forbidden", "该单位不服务您所在的区域");
}

}  // namespace

std::vector<domain::TimeSlot> MatterService::ListSlots(const Actor& actor, Id unit_id,
                                                       const std::string& from,
                                                       const std::string& to) {
  auto tx = store_.BeginRead();
  domain::Unit unit = LoadUnit(*tx, unit_id);
  RequireServes(*tx, actor, unit, UnitPath(*tx, unit));
  std::string f = from.empty() ? domain::FormatDate(domain::ChinaDay(actor.now)) : from;
  std::string t = to.empty() ? domain::FormatDate(domain::ChinaDay(actor.now) + 30) : to;
  return tx->Matters().ListTimeSlots(unit_id, f, t);
}

domain::TimeSlot MatterService::CreateSlot(const Actor& actor, Id unit_id, const SlotInput& input) {
  Require(actor, domain::Permission::kManageSlots);
  auto tx = store_.Begin();
  {
    domain::Unit unit = LoadUnit(*tx, unit_id);
    if (!ManagesUnit(actor, unit, UnitPath(*tx, unit))) {
      throw domain::Forbidden("auth.forbidden", "只能为本辖区的单位设置预约时段");
    }
  }
  std::vector<FieldProblem> problems;
  auto day = domain::ParseDate(input.date);
  if (!day) problems.push_back({"date", "date.invalid", "日期格式应为 YYYY-MM-DD"});
  if (!IsClock(input.start)) problems.push_back({"start", "time.invalid", "时间格式应为 HH:MM"});
  if (!IsClock(input.end) || input.end <= input.start) {
    problems.push_back({"end", "time.invalid", "结束时间应晚于开始时间"});
  }
  if (input.capacity < 1 || input.capacity > 500) {
    problems.push_back({"capacity", "slot.capacity_range", "名额应为1–500"});
  }
  ThrowIfProblems(std::move(problems));
  domain::TimeSlot slot;
  slot.id = domain::NewId();
  slot.unit_id = unit_id;
  slot.date = domain::FormatDate(*day);
  slot.start = input.start;
  slot.end = input.end;
  slot.capacity = input.capacity;
  slot.staff_user_id = input.staff_user_id;
  tx->Matters().InsertTimeSlot(slot);
  RecordAudit(*tx, actor, "slot.create", "slot", slot.id, "",
              JsonObjectWriter().Add("date", slot.date).Add("start", slot.start).Finish());
  tx->Commit();
  return slot;
}

domain::Appointment MatterService::Book(const Actor& actor, Id slot_id,
                                        const AppointmentInput& input) {
  Require(actor, domain::Permission::kBookAppointments);
  auto tx = store_.Begin();
  auto slot = tx->Matters().FindTimeSlot(slot_id);
  if (!slot) throw domain::NotFound("slot.not_found", "预约时段不存在");
  domain::Unit unit = LoadUnit(*tx, slot->unit_id);
  RequireServes(*tx, actor, unit, UnitPath(*tx, unit));
  // A resident books for their own household; staff for households in their scope.
  if (actor.user.role == Role::kResident) {
    auto own = OwnHouseholdId(*tx, actor);
    if (!own || (input.household_id && input.household_id != own)) {
      throw domain::Forbidden("auth.forbidden", "只能为本户预约");
    }
  } else if (input.household_id) {
    auto household = tx->FindHousehold(*input.household_id);
    if (!household) throw domain::NotFound("household.not_found", "该户不存在");
    if (!domain::RegionInScope(actor.user, household->region_path)) {
      throw domain::Forbidden("auth.forbidden", "无权为该户预约");
    }
  }
  std::optional<Matter> matter;
  if (input.matter_id) matter = LoadReadable(*tx, actor, *input.matter_id);
  std::vector<FieldProblem> problems;
  if (Trim(input.person_name).empty()) {
    problems.push_back({"person_name", "appointment.name_required", "请填写预约人姓名"});
  }
  if (!input.phone.empty() && !domain::IsPlausiblePhone(input.phone)) {
    problems.push_back({"phone", "phone.invalid", "电话号码格式不正确"});
  }
  ThrowIfProblems(std::move(problems));
  if (slot->booked >= slot->capacity) throw domain::Conflict("slot.full", "该时段已约满");
  domain::Appointment a;
  a.id = domain::NewId();
  a.slot_id = slot_id;
  a.matter_id = input.matter_id;
  a.household_id =
      actor.user.role == Role::kResident ? OwnHouseholdId(*tx, actor) : input.household_id;
  a.person_name = Trim(input.person_name);
  a.phone = input.phone;
  a.purpose = Trim(input.purpose);
  a.status = "booked";
  a.created_at = actor.now;
  tx->Matters().InsertAppointment(a);
  if (matter) {
    AddEvent(*tx, actor, *matter, MatterEventKind::kAppointment,
             "预约 " + slot->date + " " + slot->start + "–" + slot->end);
  }
  RecordAudit(
      *tx, actor, "appointment.book", "appointment", a.id, "",
      JsonObjectWriter().Add("slot_id", slot_id).Add("person_name", a.person_name).Finish());
  tx->Commit();
  return a;
}

std::vector<domain::Appointment> MatterService::ListAppointments(const Actor& actor, Id slot_id) {
  Require(actor, domain::Permission::kReadAppointments);
  auto tx = store_.BeginRead();
  auto slot = tx->Matters().FindTimeSlot(slot_id);
  if (!slot) throw domain::NotFound("slot.not_found", "预约时段不存在");
  domain::Unit unit = LoadUnit(*tx, slot->unit_id);
  if (!ManagesUnit(actor, unit, UnitPath(*tx, unit))) {
    throw domain::Forbidden("auth.forbidden", "无权查看该单位的预约");
  }
  return tx->Matters().ListAppointments(slot_id);
}

domain::Appointment MatterService::SetAppointmentStatus(const Actor& actor, Id appointment_id,
                                                        const std::string& status) {
  Require(actor, domain::Permission::kManageAppointments);
  auto tx = store_.Begin();
  auto a = tx->Matters().FindAppointment(appointment_id);
  if (!a) throw domain::NotFound("appointment.not_found", "预约不存在");
  // The unit's staff, or staff of the booking household's region (an assistant who booked it).
  {
    auto slot = tx->Matters().FindTimeSlot(a->slot_id);
    if (!slot) throw domain::NotFound("slot.not_found", "预约时段不存在");
    domain::Unit unit = LoadUnit(*tx, slot->unit_id);
    bool allowed = ManagesUnit(actor, unit, UnitPath(*tx, unit));
    if (!allowed && a->household_id) {
      auto household = tx->FindHousehold(*a->household_id);
      allowed = household && domain::RegionInScope(actor.user, household->region_path);
    }
    if (!allowed) throw domain::Forbidden("auth.forbidden", "无权修改该预约");
  }
  if (status != "booked" && status != "done" && status != "cancelled") {
    Invalid("status", "appointment.bad_status", "状态应为 booked、done 或 cancelled");
  }
  std::string before = a->status;
  if (before == "cancelled" && status != "cancelled") {
    // A cancelled booking takes its place again only if the slot still has room.
    auto slot = tx->Matters().FindTimeSlot(a->slot_id);
    if (slot && slot->booked >= slot->capacity) {
      throw domain::Conflict("slot.full", "该时段已约满");
    }
  }
  a->status = status;
  tx->Matters().UpdateAppointment(*a);
  RecordAudit(*tx, actor, "appointment.update", "appointment", a->id,
              JsonObjectWriter().Add("status", before).Finish(),
              JsonObjectWriter().Add("status", status).Finish());
  tx->Commit();
  return *a;
}

// ---------------------------------------------------------------------------------------------
// Errands

std::vector<domain::ProxyErrand> MatterService::ListErrands(const Actor& actor,
                                                            std::optional<Id> household_id,
                                                            bool mine) {
  RequireRole(actor, {Role::kAdmin, Role::kLeader, Role::kCentreStaff, Role::kVillageAssistant,
                      Role::kResident});
  auto tx = store_.BeginRead();
  if (actor.user.role == Role::kResident) {
    household_id = OwnHouseholdId(*tx, actor);
    if (!household_id) return {};
    mine = false;
  }
  if (household_id) {
    auto h = tx->FindHousehold(*household_id);
    if (!h) throw domain::NotFound("household.not_found", "该户不存在");
    if (actor.user.role != Role::kResident && !domain::RegionInScope(actor.user, h->region_path)) {
      throw domain::Forbidden("auth.forbidden", "无权访问该户");
    }
  } else if (!mine && actor.user.role != Role::kAdmin) {
    mine = true;
  }
  return tx->Matters().ListErrands(household_id,
                                   mine ? std::optional<Id>(actor.user.id) : std::nullopt);
}

namespace {
std::vector<domain::ErrandDocument> CleanDocuments(const std::vector<domain::ErrandDocument>& docs,
                                                   domain::Epoch now, bool fill_received) {
  std::vector<domain::ErrandDocument> out;
  std::vector<FieldProblem> problems;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    domain::ErrandDocument d = docs[i];
    d.name = Trim(d.name);
    if (d.name.empty()) {
      problems.push_back(
          {"documents[" + std::to_string(i) + "].name", "errand.document_name", "请填写材料名称"});
    }
    if (d.copies < 1) d.copies = 1;
    if (fill_received && !d.received_at) d.received_at = now;
    out.push_back(std::move(d));
  }
  ThrowIfProblems(std::move(problems));
  return out;
}
}  // namespace

domain::ProxyErrand MatterService::CreateErrand(const Actor& actor, const ErrandInput& input) {
  RequireRole(actor, {Role::kAdmin, Role::kVillageAssistant, Role::kCentreStaff});
  auto tx = store_.Begin();
  auto h = tx->FindHousehold(input.household_id);
  if (!h) throw domain::NotFound("household.not_found", "该户不存在");
  if (!domain::RegionInScope(actor.user, h->region_path)) {
    throw domain::Forbidden("auth.forbidden", "无权为该户代办");
  }
  if (Trim(input.purpose).empty()) Invalid("purpose", "errand.purpose_required", "请填写代办事项");
  if (input.matter_id) {
    Matter m = LoadReadable(*tx, actor, *input.matter_id);
    if (m.household_id != h->id) Invalid("matter_id", "errand.matter_household", "诉求不属于该户");
  }
  domain::ProxyErrand e;
  e.id = domain::NewId();
  e.household_id = h->id;
  e.matter_id = input.matter_id;
  e.assistant_id = actor.user.id;
  e.purpose = Trim(input.purpose);
  e.status = domain::ErrandStatus::kReceived;
  e.documents = CleanDocuments(input.documents, actor.now, true);
  e.created_at = e.updated_at = actor.now;
  tx->Matters().InsertErrand(e);
  RecordAudit(
      *tx, actor, "errand.create", "errand", e.id, "",
      JsonObjectWriter().Add("household_id", e.household_id).Add("purpose", e.purpose).Finish());
  tx->Commit();
  return e;
}

domain::ProxyErrand MatterService::UpdateErrand(const Actor& actor, Id id,
                                                const ErrandInput& input) {
  RequireRole(actor, {Role::kAdmin, Role::kVillageAssistant, Role::kCentreStaff});
  auto tx = store_.Begin();
  auto e = tx->Matters().FindErrand(id);
  if (!e) throw domain::NotFound("errand.not_found", "代办事项不存在");
  if (actor.user.role != Role::kAdmin && e->assistant_id != actor.user.id) {
    auto h = tx->FindHousehold(e->household_id);
    if (!h || !domain::RegionInScope(actor.user, h->region_path)) {
      throw domain::Forbidden("auth.forbidden", "无权修改该代办事项");
    }
  }
  std::string before = std::string(domain::ErrandStatusCode(e->status));
  if (!input.status.empty()) {
    auto status = domain::ParseErrandStatus(input.status);
    if (!status) Invalid("status", "errand.bad_status", "代办状态无效");
    e->status = *status;
  }
  if (!input.documents.empty()) e->documents = CleanDocuments(input.documents, actor.now, false);
  if (e->status == domain::ErrandStatus::kReturned) {
    for (auto& d : e->documents) {
      if (!d.returned_at) d.returned_at = actor.now;
    }
  }
  if (!Trim(input.purpose).empty()) e->purpose = Trim(input.purpose);
  e->updated_at = actor.now;
  tx->Matters().UpdateErrand(*e);
  RecordAudit(*tx, actor, "errand.update", "errand", e->id,
              JsonObjectWriter().Add("status", before).Finish(),
              JsonObjectWriter().Add("status", domain::ErrandStatusCode(e->status)).Finish());
  tx->Commit();
  return *e;
}

domain::Page<SmsMessage> MatterService::ListSms(const Actor& actor,
                                                const domain::PageRequest& page) {
  RequireRole(actor, {Role::kAdmin});
  auto tx = store_.BeginRead();
  return tx->Matters().ListSms(Clamp(page));
}

}  // namespace minqing::app
