#include "app/matters/internal.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/authorize.hpp"
#include "app/matters/sign_off.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/ids.hpp"

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
