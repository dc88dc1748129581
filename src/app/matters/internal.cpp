#include "app/matters/internal.hpp"

#include <algorithm>
#include <charconv>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/authorize.hpp"
#include "app/matters/sign_off.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/ids.hpp"
#include "domain/search_text.hpp"

namespace minqing::app::matters_internal {

using domain::FieldProblem;
using domain::Matter;
using domain::MatterAction;
using domain::MatterEventKind;
using domain::Role;

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
      return m.household_id && OwnHouseholdOf(tx, actor) == m.household_id;
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
              std::string text, bool internal, std::optional<Id> from_unit,
              std::optional<Id> to_unit, std::vector<Id> attachments) {
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

void ThrowRefusal(const domain::Refusal& refusal) {
  if (refusal.field.empty()) throw domain::Conflict(refusal.code, refusal.message);
  Invalid(refusal.field, refusal.code, refusal.message);
}

void AddEvents(StoreTx& tx, const Actor& actor, const domain::Transition& t) {
  for (const auto& e : t.events) {
    Matter on = t.matter;
    if (e.on_target) on.id = *t.matter.merged_into_id;
    AddEvent(tx, actor, on, e.kind, e.text, e.internal, e.from_unit_id, e.to_unit_id,
             e.attachment_ids);
  }
}

void AddCounters(StoreTx& tx, const domain::Transition& t) {
  std::vector<StatsDelta> deltas;
  for (const auto& d : t.counters) {
    deltas.push_back({std::string(domain::StatsDimensionCode(d.dimension)), d.key, d.key2, d.path,
                      d.day, d.counters});
  }
  if (!deltas.empty()) tx.Matters().AddStats(deltas);
}

domain::OfficeHours UnitOfficeHours(StoreTx& tx, std::optional<Id> unit_id) {
  if (!unit_id) return domain::OfficeHours::Standard();
  const auto unit = tx.Registry().FindUnit(*unit_id);
  if (!unit) return domain::OfficeHours::Standard();
  std::vector<std::string> problems;
  return domain::ParseOfficeHours(unit->office_hours, problems);
}

Matter Record(StoreTx& tx, const Actor& actor, const Matter& before, domain::Transition t) {
  if (t.refusal) ThrowRefusal(*t.refusal);
  AddEvents(tx, actor, t);
  AddCounters(tx, t);
  Save(tx, actor, before, t.matter, t.audit_action);
  return std::move(t.matter);
}

Matter Record(StoreTx& tx, const Actor& actor, const Matter& before,
              const domain::MatterCommand& command) {
  return Record(tx, actor, before,
                domain::Apply(before, command, actor.now, CountyIndex(tx, before.region_path)));
}

std::optional<Id> RootRegionId(std::string_view region_path) {
  const std::size_t end = region_path.find('/', 1);
  if (!region_path.starts_with('/') || end == std::string_view::npos) return std::nullopt;
  Id root = 0;
  const auto digits = region_path.substr(1, end - 1);
  if (std::from_chars(digits.data(), digits.data() + digits.size(), root).ec != std::errc()) {
    return std::nullopt;
  }
  return root;
}

std::size_t CountyIndexOfRoot(const std::optional<domain::Region>& root) {
  return root && root->level == domain::RegionLevel::kCity ? 1 : 0;
}

std::size_t CountyIndex(StoreTx& tx, std::string_view region_path) {
  const auto root = RootRegionId(region_path);
  return root ? CountyIndexOfRoot(tx.Registry().FindRegion(*root)) : 0;
}

void Reindex(StoreTx& tx, const Matter& m) {
  tx.Matters().IndexMatterText(m.id,
                               domain::MatterSearchDocument(m, tx.Matters().ListEvents(m.id)));
}

std::string PrefixFor(StoreTx& tx, const Actor& actor, std::optional<Id> region_id) {
  if (!region_id) return actor.user.scope_region_path;
  auto region = tx.Registry().FindRegion(*region_id);
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
  auto roots = tx.Registry().ListRegionChildren(std::nullopt);
  if (roots.size() == 1 && roots.front().path == prefix) return "";
  return prefix;
}

domain::PageRequest Clamp(domain::PageRequest page) {
  page.limit = std::clamp<std::int64_t>(page.limit, 1, 200);
  page.offset = std::max<std::int64_t>(page.offset, 0);
  return page;
}

bool HouseholdHasResidentAccount(StoreTx& tx, std::optional<Id> household_id) {
  if (!household_id) return false;
  for (const auto& u : tx.Accounts().ListUsersOfHousehold(*household_id)) {
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

}  // namespace minqing::app::matters_internal
