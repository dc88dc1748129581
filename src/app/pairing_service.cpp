#include "app/pairing_service.hpp"

#include <utility>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/registry_internal.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {

using domain::Permission;
using domain::Role;
using domain::Trim;
using registry_internal::ThrowIfProblems;

namespace {

std::string Snapshot(const domain::Pair& p) {
  return JsonObjectWriter()
      .Add("unit_id", static_cast<std::int64_t>(p.unit_id))
      .Add("region_id", static_cast<std::int64_t>(p.region_id))
      .Add("from", p.from)
      .Add("to", p.to.value_or(""))
      .Add("note", p.note)
      .Finish();
}

std::string Snapshot(const domain::PairNeed& n) {
  return JsonObjectWriter()
      .Add("pair_id", static_cast<std::int64_t>(n.pair_id))
      .Add("title", n.title)
      .Add("kind", domain::PairingKindCode(n.kind))
      .Add("detail", n.detail)
      .Add("state", domain::NeedStateCode(n.state))
      .Finish();
}

std::string Snapshot(const domain::PairResource& r) {
  return JsonObjectWriter()
      .Add("pair_id", static_cast<std::int64_t>(r.pair_id))
      .Add("kind", domain::PairingKindCode(r.kind))
      .Add("description", r.description)
      .Add("state", domain::ResourceStateCode(r.state))
      .Finish();
}

std::string Snapshot(const domain::PairMatch& m) {
  return JsonObjectWriter()
      .Add("pair_id", static_cast<std::int64_t>(m.pair_id))
      .Add("need_id", static_cast<std::int64_t>(m.need_id))
      .Add("resource_id", static_cast<std::int64_t>(m.resource_id))
      .Add("note", m.note)
      .Add("done_at", m.done_at)
      .Finish();
}

std::string Snapshot(const domain::PairProject& j) {
  return JsonObjectWriter()
      .Add("pair_id", static_cast<std::int64_t>(j.pair_id))
      .Add("title", j.title)
      .Add("description", j.description)
      .Add("state", domain::PairProjectStateCode(j.state))
      .Add("project_id", j.project_id)
      .Finish();
}

// pairing.read on this pair: a unit handler only for their own unit, others by region scope.
void RequireRead(const Actor& actor, const domain::Pair& pair) {
  Require(actor, Permission::kReadPairing);
  if (actor.user.role == Role::kUnitHandler) {
    Require(actor, Permission::kReadPairing, UnitScope{pair.unit_id},
            {"auth.forbidden", "无权查看该结对"});
    return;
  }
  Require(actor, Permission::kReadPairing, pair.region_path, {"auth.forbidden", "无权查看该结对"});
}

domain::Pair LoadPair(StoreTx& tx, Id id) {
  auto pair = tx.Pairing().FindPair(id);
  if (!pair) throw domain::NotFound("pairing.not_found", "结对不存在");
  return *pair;
}

// Loads the pair and checks pairing.manage in its village's scope.
domain::Pair ManagedPair(StoreTx& tx, const Actor& actor, Id pair_id) {
  domain::Pair pair = LoadPair(tx, pair_id);
  Require(actor, Permission::kManagePairing, pair.region_path,
          {"auth.forbidden", "无权管理该结对"});
  return pair;
}

domain::PairingKind KindOf(const std::string& code, std::vector<domain::FieldProblem>& problems) {
  auto kind = domain::ParsePairingKind(Trim(code));
  if (!kind) problems.push_back({"kind", "pairing.bad_kind", "请选择类别"});
  return kind.value_or(domain::PairingKind::kOther);
}

int YearOf(domain::Epoch at) {
  return std::stoi(domain::FormatDate(domain::ChinaDay(at)).substr(0, 4));
}

}  // namespace

std::vector<domain::Pair> PairingService::List(const Actor& actor, const PairQuery& query) {
  Require(actor, Permission::kReadPairing);
  auto tx = store_.BeginRead();
  PairFilter filter;
  filter.unit_id = query.unit_id;
  if (actor.user.role == Role::kUnitHandler) {
    if (!actor.user.scope_unit_id) return {};
    filter.unit_id = actor.user.scope_unit_id;
  } else {
    filter.region_path = actor.user.scope_region_path;
  }
  if (query.region_id) {
    auto region = tx->Registry().FindRegion(*query.region_id);
    if (!region) throw domain::NotFound("region.not_found", "区域不存在");
    if (actor.user.role != Role::kUnitHandler) {
      Require(actor, Permission::kReadPairing, region->path);
    }
    filter.region_path = region->path;
  }
  return tx->Pairing().ListPairs(filter);
}

domain::Pair PairingService::Create(const Actor& actor, const PairInput& input) {
  Require(actor, Permission::kManagePairing);
  auto tx = store_.Begin();
  auto region = input.region_id != 0 ? tx->Registry().FindRegion(input.region_id) : std::nullopt;
  if (input.region_id != 0 && !region) throw domain::NotFound("region.not_found", "区域不存在");
  if (region) {
    Require(actor, Permission::kManagePairing, region->path,
            {"auth.forbidden", "无权为该村建立结对"});
  }
  domain::Pair p;
  p.id = domain::NewId();
  p.unit_id = input.unit_id;
  p.region_id = input.region_id;
  p.from = Trim(input.from);
  if (input.to && !Trim(*input.to).empty()) p.to = Trim(*input.to);
  p.note = Trim(input.note);
  auto problems = domain::ValidatePair(p);
  if (region && region->level != domain::RegionLevel::kVillage) {
    problems.push_back({"region_id", "pairing.not_village", "只能与村或社区结对"});
  }
  std::optional<domain::Unit> unit;
  if (input.unit_id != 0) {
    unit = tx->Registry().FindUnit(input.unit_id);
    if (!unit) problems.push_back({"unit_id", "pairing.bad_unit", "单位不存在"});
  }
  ThrowIfProblems(std::move(problems));
  p.region_path = region->path;
  p.region_name = region->name;
  p.unit_name = unit->name;
  p.created_at = actor.now;
  if (actor.user.id != 0) p.created_by = actor.user.id;
  tx->Pairing().LockPairs(p.unit_id, p.region_id);
  PairFilter same;
  same.unit_id = p.unit_id;
  same.region_id = p.region_id;
  const std::vector<domain::Pair> others = tx->Pairing().ListPairs(same);
  if (const domain::Pair* other = domain::FindPairOverlap(p, others)) {
    domain::ThrowPairOverlap(*other);
  }
  tx->Pairing().InsertPair(p);
  RecordAudit(*tx, actor, "pairing.create", "pairing_pair", p.id, "", Snapshot(p));
  tx->Commit();
  return p;
}

PairDetail PairingService::Get(const Actor& actor, Id pair_id) {
  Require(actor, Permission::kReadPairing);
  auto tx = store_.BeginRead();
  PairDetail out;
  out.pair = LoadPair(*tx, pair_id);
  RequireRead(actor, out.pair);
  out.needs = tx->Pairing().NeedsOf(pair_id);
  out.resources = tx->Pairing().ResourcesOf(pair_id);
  out.matches = tx->Pairing().MatchesOf(pair_id);
  out.projects = tx->Pairing().ProjectsOf(pair_id);
  return out;
}

domain::PairNeed PairingService::AddNeed(const Actor& actor, Id pair_id, const NeedInput& input) {
  Require(actor, Permission::kManagePairing);
  auto tx = store_.Begin();
  ManagedPair(*tx, actor, pair_id);
  domain::PairNeed n;
  n.id = domain::NewId();
  n.pair_id = pair_id;
  n.title = Trim(input.title);
  n.detail = Trim(input.detail);
  auto problems = domain::ValidateNeed(n);
  n.kind = KindOf(input.kind, problems);
  ThrowIfProblems(std::move(problems));
  n.state = domain::NeedState::kOpen;
  n.created_at = actor.now;
  tx->Pairing().InsertNeed(n);
  RecordAudit(*tx, actor, "pairing.need_add", "pairing_need", n.id, "", Snapshot(n));
  tx->Commit();
  return n;
}

domain::PairResource PairingService::AddResource(const Actor& actor, Id pair_id,
                                                 const ResourceInput& input) {
  Require(actor, Permission::kManagePairing);
  auto tx = store_.Begin();
  ManagedPair(*tx, actor, pair_id);
  domain::PairResource r;
  r.id = domain::NewId();
  r.pair_id = pair_id;
  r.description = Trim(input.description);
  auto problems = domain::ValidateResource(r);
  r.kind = KindOf(input.kind, problems);
  ThrowIfProblems(std::move(problems));
  r.state = domain::ResourceState::kAvailable;
  r.created_at = actor.now;
  tx->Pairing().InsertResource(r);
  RecordAudit(*tx, actor, "pairing.resource_add", "pairing_resource", r.id, "", Snapshot(r));
  tx->Commit();
  return r;
}

domain::PairMatch PairingService::Match(const Actor& actor, Id pair_id, Id need_id, Id resource_id,
                                        const std::string& note) {
  Require(actor, Permission::kManagePairing);
  auto tx = store_.Begin();
  const domain::Pair pair = ManagedPair(*tx, actor, pair_id);
  // Serialises matching within the pair so two matches of one need cannot both pass.
  tx->Pairing().LockPairs(pair.unit_id, pair.region_id);
  auto need = tx->Pairing().FindNeed(need_id);
  if (!need || need->pair_id != pair_id) {
    throw domain::NotFound("pairing.need_not_found", "需求不存在");
  }
  auto resource = tx->Pairing().FindResource(resource_id);
  if (!resource || resource->pair_id != pair_id) {
    throw domain::NotFound("pairing.resource_not_found", "资源不存在");
  }
  domain::CheckMatch(*need, *resource);
  domain::PairMatch m;
  m.id = domain::NewId();
  m.pair_id = pair_id;
  m.need_id = need_id;
  m.resource_id = resource_id;
  m.note = Trim(note);
  if (domain::Utf8Length(m.note) > 500) {
    ThrowIfProblems({{"note", "field.too_long", "不能超过 500 个字"}});
  }
  m.created_at = actor.now;
  if (actor.user.id != 0) m.created_by = actor.user.id;
  tx->Pairing().InsertMatch(m);
  tx->Pairing().SetNeedState(need_id, domain::NeedState::kMatched);
  tx->Pairing().SetResourceState(resource_id, domain::ResourceState::kCommitted);
  RecordAudit(*tx, actor, "pairing.match", "pairing_match", m.id, "", Snapshot(m));
  tx->Commit();
  m.created_by_name =
      actor.user.display_name.empty() ? actor.user.username : actor.user.display_name;
  return m;
}

domain::PairMatch PairingService::CompleteMatch(const Actor& actor, Id match_id) {
  Require(actor, Permission::kManagePairing);
  auto tx = store_.Begin();
  auto match = tx->Pairing().FindMatch(match_id);
  if (!match) throw domain::NotFound("pairing.match_not_found", "对接记录不存在");
  const domain::Pair pair = ManagedPair(*tx, actor, match->pair_id);
  tx->Pairing().LockPairs(pair.unit_id, pair.region_id);
  match = tx->Pairing().FindMatch(match_id);
  if (match->done_at) throw domain::Conflict("pairing.match_done", "该对接已完成");
  const std::string before = Snapshot(*match);
  match->done_at = actor.now;
  tx->Pairing().SetMatchDone(match_id, actor.now);
  tx->Pairing().SetNeedState(match->need_id, domain::NeedState::kMet);
  tx->Pairing().SetResourceState(match->resource_id, domain::ResourceState::kUsed);
  RecordAudit(*tx, actor, "pairing.match_done", "pairing_match", match_id, before,
              Snapshot(*match));
  tx->Commit();
  return *match;
}

domain::PairProject PairingService::AddProject(const Actor& actor, Id pair_id,
                                               const JointProjectInput& input) {
  Require(actor, Permission::kManagePairing);
  auto tx = store_.Begin();
  ManagedPair(*tx, actor, pair_id);
  domain::PairProject j;
  j.id = domain::NewId();
  j.pair_id = pair_id;
  j.title = Trim(input.title);
  j.description = Trim(input.description);
  j.project_id = input.project_id;
  if (j.project_id && !tx->Projects().FindProject(*j.project_id)) {
    throw domain::InvalidInput("validation.failed", "共建项目信息有误",
                               {{"project_id", "pairing.project_not_found", "民生项目不存在"}});
  }
  ThrowIfProblems(domain::ValidateProject(j));
  j.state = domain::PairProjectState::kPlanned;
  j.created_at = actor.now;
  j.updated_at = actor.now;
  tx->Pairing().InsertProject(j);
  RecordAudit(*tx, actor, "pairing.project_add", "pairing_project", j.id, "", Snapshot(j));
  tx->Commit();
  return j;
}

domain::PairProject PairingService::SetProjectState(const Actor& actor, Id project_id,
                                                    const std::string& state) {
  Require(actor, Permission::kManagePairing);
  auto tx = store_.Begin();
  auto project = tx->Pairing().FindProject(project_id);
  if (!project) throw domain::NotFound("pairing.project_not_found", "共建项目不存在");
  ManagedPair(*tx, actor, project->pair_id);
  auto parsed = domain::ParsePairProjectState(Trim(state));
  if (!parsed) ThrowIfProblems({{"state", "pairing.bad_state", "项目状态无效"}});
  const std::string before = Snapshot(*project);
  project->state = *parsed;
  project->updated_at = actor.now;
  tx->Pairing().SetProjectState(project_id, project->state, actor.now);
  RecordAudit(*tx, actor, "pairing.project_state", "pairing_project", project_id, before,
              Snapshot(*project));
  tx->Commit();
  return *project;
}

PairReport PairingService::Report(const Actor& actor, Id pair_id, int year) {
  Require(actor, Permission::kReadPairing);
  if (year < 2000 || year > 2100) {
    ThrowIfProblems({{"year", "pairing.bad_year", "年份无效"}});
  }
  auto tx = store_.BeginRead();
  PairReport out;
  out.pair = LoadPair(*tx, pair_id);
  RequireRead(actor, out.pair);
  out.year = year;
  const auto needs = tx->Pairing().NeedsOf(pair_id);
  const auto resources = tx->Pairing().ResourcesOf(pair_id);
  out.needs_total = static_cast<int>(needs.size());
  out.resources_total = static_cast<int>(resources.size());
  for (const auto& n : needs) {
    if (n.state == domain::NeedState::kOpen) ++out.needs_open;
  }
  for (const auto& m : tx->Pairing().MatchesOf(pair_id)) {
    if (!m.done_at || YearOf(*m.done_at) != year) continue;
    ++out.needs_met_in_year;
    ++out.resources_used_in_year;
    for (const auto& n : needs) {
      if (n.id == m.need_id) out.met_needs.push_back(n);
    }
  }
  for (auto& j : tx->Pairing().ProjectsOf(pair_id)) {
    if (j.state != domain::PairProjectState::kDone || YearOf(j.updated_at) != year) continue;
    ++out.projects_done_in_year;
    out.done_projects.push_back(std::move(j));
  }
  return out;
}

std::vector<PublicNeed> PairingService::PublicNeeds(Id region_id, domain::Epoch now) {
  auto tx = store_.BeginRead();
  auto region = tx->Registry().FindRegion(region_id);
  if (!region || region->level != domain::RegionLevel::kVillage) {
    throw domain::NotFound("region.not_found", "区域不存在");
  }
  const std::string today = domain::FormatDate(domain::ChinaDay(now));
  PairFilter filter;
  filter.region_id = region_id;
  std::vector<PublicNeed> out;
  for (const auto& pair : tx->Pairing().ListPairs(filter)) {
    if (pair.from > today || (pair.to && *pair.to < today)) continue;
    for (auto& need : tx->Pairing().NeedsOf(pair.id)) {
      out.push_back({pair.unit_name, std::move(need)});
    }
  }
  return out;
}

}  // namespace minqing::app
