// RegistryService's party side: party organisations (党支部, 党小组) and party members.
#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/registry_internal.hpp"
#include "app/registry_service.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/privacy.hpp"
#include "domain/text.hpp"
#include "domain/text_rules.hpp"

namespace minqing::app {

using namespace registry_internal;  // NOLINT(google-build-using-namespace): this area's helpers.

namespace {

using domain::FieldProblem;
using domain::IsIsoDate;
using domain::Permission;
using domain::Trim;

domain::PartyMember Masked(domain::PartyMember m) {
  m.phone = domain::MaskPhone(m.phone);
  return m;
}

}  // namespace

std::vector<domain::PartyOrg> RegistryService::ListPartyOrgs(const Actor& actor,
                                                             std::optional<Id> parent_id) {
  Require(actor, Permission::kReadParty);
  auto tx = store_.BeginRead();
  if (parent_id) {
    auto parent = tx->Registry().FindPartyOrg(*parent_id);
    if (!parent) throw domain::NotFound("party_org.not_found", "党组织不存在");
    Require(actor, Permission::kReadParty, parent->region_path);
  }
  return tx->Registry().ListPartyOrgs(parent_id, actor.user.scope_region_path);
}

PartyOrgDetail RegistryService::GetPartyOrg(const Actor& actor, Id org_id) {
  Require(actor, Permission::kReadParty);
  auto tx = store_.BeginRead();
  auto org = tx->Registry().FindPartyOrg(org_id);
  if (!org) throw domain::NotFound("party_org.not_found", "党组织不存在");
  Require(actor, Permission::kReadParty, org->region_path);
  PartyOrgDetail detail;
  detail.org = *org;
  detail.groups = tx->Registry().ListPartyOrgs(org->id, org->region_path);
  PartyMemberFilter filter;
  filter.org_id = org->id;
  detail.members = tx->Registry().ListPartyMembers(filter, {0, 200, ""});
  for (auto& m : detail.members.items) m = Masked(m);
  return detail;
}

domain::PartyOrg RegistryService::CreatePartyOrg(const Actor& actor, const PartyOrgInput& input) {
  Require(actor, Permission::kManageParty);
  std::vector<FieldProblem> problems;
  auto kind = domain::ParsePartyOrgKind(input.kind);
  if (!kind) problems.push_back({"kind", "party_org.kind_invalid", "组织类型应为党支部或党小组"});
  std::string name = Trim(input.name);
  if (name.empty()) problems.push_back({"name", "party_org.name_required", "请填写组织名称"});
  if (kind == domain::PartyOrgKind::kGroup && !input.parent_id) {
    problems.push_back({"parent_id", "party_org.parent_required", "党小组必须隶属于党支部"});
  }
  ThrowIfProblems(std::move(problems));
  auto tx = store_.Begin();
  auto region = LoadRegion(*tx, input.region_id);
  Require(actor, Permission::kManageParty, region.path);
  domain::PartyOrg org;
  org.id = domain::NewId();
  org.kind = *kind;
  org.name = name;
  org.region_id = region.id;
  org.region_path = region.path;
  org.leader_member_id = input.leader_member_id;
  if (input.parent_id) {
    auto parent = tx->Registry().FindPartyOrg(*input.parent_id);
    if (!parent) throw domain::NotFound("party_org.not_found", "上级党组织不存在");
    if (parent->kind != domain::PartyOrgKind::kBranch) {
      throw domain::InvalidInput("validation.failed", "上级组织必须是党支部",
                                 {{"parent_id", "party_org.parent_kind", "上级组织必须是党支部"}});
    }
    org.parent_id = parent->id;
  }
  tx->Registry().InsertPartyOrg(org);
  RecordAudit(*tx, actor, "party_org.create", "party_org", org.id, "", Snapshot(org));
  tx->Commit();
  return org;
}

domain::Page<domain::PartyMember> RegistryService::ListPartyMembers(
    const Actor& actor, const PartyMemberQuery& query, const domain::PageRequest& page) {
  auto tx = store_.BeginRead();
  PartyMemberFilter filter;
  filter.region_path_prefix = ListPrefix(*tx, actor, Permission::kReadParty, query.region_id);
  filter.org_id = query.org_id;
  filter.lookup = Trim(query.lookup);
  if (filter.lookup.size() > kMaxLookupBytes) filter.lookup.resize(kMaxLookupBytes);
  filter.away = query.away;
  auto result = tx->Registry().ListPartyMembers(filter, Clamp(page));
  for (auto& m : result.items) m = Masked(m);
  return result;
}

domain::PartyMember RegistryService::GetPartyMember(const Actor& actor, Id member_id) {
  auto tx = store_.BeginRead();
  auto member = tx->Registry().FindPartyMember(member_id);
  if (!member) throw domain::NotFound("party_member.not_found", "党员不存在");
  Require(actor, Permission::kReadParty, member->region_path);
  return Masked(*member);
}

namespace {

std::vector<FieldProblem> ValidateMemberInput(const PartyMemberInput& input) {
  std::vector<FieldProblem> problems;
  if (!domain::ParseMemberStatus(input.status)) {
    problems.push_back({"status", "party_member.status_invalid", "党员状态应为正式或预备"});
  }
  if (input.capacity < 0 || input.capacity > 30) {
    problems.push_back({"capacity", "party_member.capacity_invalid", "联系户数应在0到30之间"});
  }
  if (!input.joined_on.empty() && !IsIsoDate(input.joined_on)) {
    problems.push_back({"joined_on", "party_member.joined_on_invalid", "入党日期应为YYYY-MM-DD"});
  }
  return problems;
}

}  // namespace

domain::PartyMember RegistryService::CreatePartyMember(const Actor& actor,
                                                       const PartyMemberInput& input) {
  Require(actor, Permission::kManageParty);
  ThrowIfProblems(ValidateMemberInput(input), "党员信息有误");
  auto tx = store_.Begin();
  auto resident = LoadResident(*tx, actor, Permission::kReadRegistry, input.resident_id);
  auto org = tx->Registry().FindPartyOrg(input.org_id);
  if (!org) throw domain::NotFound("party_org.not_found", "党组织不存在");
  Require(actor, Permission::kManageParty, org->region_path);
  if (tx->Registry().FindPartyMemberByResident(resident.id)) {
    throw domain::Conflict("party_member.conflict", "该居民已登记为党员");
  }
  domain::PartyMember member;
  member.id = domain::NewId();
  member.resident_id = resident.id;
  member.org_id = org->id;
  member.region_path = resident.region_path.empty() ? org->region_path : resident.region_path;
  member.status = *domain::ParseMemberStatus(input.status);
  member.away = input.away;
  if (input.away_to) {
    if (auto p = domain::CheckTextField("away_to", *input.away_to, domain::kShortFieldRule)) {
      throw domain::InvalidInput("validation.failed", "输入有误", {*p});
    }
    member.away_to = domain::Trim(*input.away_to);
  }
  if (!member.away) member.away_to.clear();
  member.can_take_households = input.can_take_households;
  member.capacity = input.capacity;
  member.joined_on = input.joined_on;
  tx->Registry().InsertPartyMember(member);
  RecordAudit(*tx, actor, "party_member.create", "party_member", member.id, "", Snapshot(member));
  tx->Commit();
  member.name = resident.name;
  member.phone = domain::MaskPhone(resident.phone);
  member.org_name = org->name;
  return member;
}

domain::PartyMember RegistryService::UpdatePartyMember(const Actor& actor, Id member_id,
                                                       const PartyMemberInput& input) {
  Require(actor, Permission::kManageParty);
  ThrowIfProblems(ValidateMemberInput(input), "党员信息有误");
  auto tx = store_.Begin();
  auto member = tx->Registry().FindPartyMember(member_id);
  if (!member) throw domain::NotFound("party_member.not_found", "党员不存在");
  Require(actor, Permission::kManageParty, member->region_path);
  std::string before = Snapshot(*member);
  if (input.org_id != 0 && input.org_id != member->org_id) {
    auto org = tx->Registry().FindPartyOrg(input.org_id);
    if (!org) throw domain::NotFound("party_org.not_found", "党组织不存在");
    Require(actor, Permission::kManageParty, org->region_path);
    member->org_id = org->id;
    member->org_name = org->name;
  }
  member->status = *domain::ParseMemberStatus(input.status);
  member->away = input.away;
  if (input.away_to) {
    if (auto p = domain::CheckTextField("away_to", *input.away_to, domain::kShortFieldRule)) {
      throw domain::InvalidInput("validation.failed", "输入有误", {*p});
    }
    member->away_to = domain::Trim(*input.away_to);
  }
  if (!member->away) member->away_to.clear();
  member->can_take_households = input.can_take_households;
  member->capacity = input.capacity;
  if (!input.joined_on.empty()) member->joined_on = input.joined_on;
  tx->Registry().UpdatePartyMember(*member);
  RecordAudit(*tx, actor, "party_member.update", "party_member", member->id, before,
              Snapshot(*member));
  tx->Commit();
  return Masked(*member);
}

}  // namespace minqing::app
