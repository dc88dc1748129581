#include "app/network_internal.hpp"

#include <ctime>

#include "domain/authz.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"

namespace minqing::app::network_internal {

using domain::Role;

void Deny(std::string_view message) {
  throw domain::Forbidden("auth.forbidden", std::string(message));
}

void Problem(std::vector<domain::FieldProblem>& problems, const char* field, const char* code,
             const char* message) {
  problems.push_back({field, code, message});
}

void ThrowIf(std::vector<domain::FieldProblem> problems) {
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "输入有误", std::move(problems));
  }
}

domain::Region LoadRegion(StoreTx& tx, Id id) {
  auto region = tx.Registry().FindRegion(id);
  if (!region) throw domain::NotFound("region.not_found", "区域不存在");
  return *region;
}

domain::Household LoadHousehold(StoreTx& tx, Id id) {
  auto household = tx.Registry().FindHousehold(id);
  if (!household) throw domain::NotFound("household.not_found", "该户不存在");
  return *household;
}

bool IsReader(const Actor& actor, std::string_view region_path) {
  switch (actor.user.role) {
    case Role::kAdmin:
    case Role::kLeader:
    case Role::kCentreStaff:
    case Role::kVillageAssistant:
      return domain::RegionInScope(actor.user, region_path);
    default:
      return false;
  }
}

void RequireOrganiser(const Actor& actor, std::string_view region_path) {
  bool role_ok = actor.user.role == Role::kAdmin || actor.user.role == Role::kCentreStaff;
  if (!role_ok || !domain::RegionInScope(actor.user, region_path)) {
    Deny("只有管理员或本乡镇服务中心人员可以调整联系网络");
  }
}

std::string ReadPrefix(StoreTx& tx, const Actor& actor, std::optional<Id> region_id) {
  if (!region_id) {
    if (!IsReader(actor, actor.user.scope_region_path)) Deny();
    return actor.user.scope_region_path;
  }
  domain::Region region = LoadRegion(tx, *region_id);
  if (!IsReader(actor, region.path)) Deny("无权访问该区域的数据");
  return region.path;
}

std::optional<domain::PartyMember> ActingMember(StoreTx& tx, const Actor& actor) {
  if (actor.user.role != Role::kPartyMember || !actor.user.resident_id) return std::nullopt;
  return tx.Registry().FindPartyMemberByResident(*actor.user.resident_id);
}

std::optional<Id> LinkedMemberOf(StoreTx& tx, Id household_id) {
  auto link = tx.Network().FindLinkOfHousehold(household_id);
  if (!link) return std::nullopt;
  return link->member_id;
}

void RequireHouseholdAccess(StoreTx& tx, const Actor& actor, const domain::Household& household) {
  if (IsReader(actor, household.region_path)) return;
  if (actor.user.role == Role::kPartyMember) {
    auto member = ActingMember(tx, actor);
    if (member && LinkedMemberOf(tx, household.id) == member->id) return;
    throw domain::Forbidden("network.not_linked", "该户不是您联系的农户");
  }
  Deny("无权访问该户");
}

std::optional<domain::PartyMember> LeaderOfMember(StoreTx& tx, const domain::PartyMember& member) {
  std::optional<Id> leader_id;
  if (auto link = tx.Network().FindLeaderLinkOfMember(member.id)) {
    leader_id = link->leader_member_id;
  } else if (auto org = tx.Registry().FindPartyOrg(member.org_id)) {
    leader_id = org->leader_member_id;
  }
  if (!leader_id || *leader_id == member.id) return std::nullopt;
  return tx.Registry().FindPartyMember(*leader_id);
}

bool LeadsAGroup(StoreTx& tx, const domain::PartyMember& member) {
  // As PinLeader counts leaders: the member's branch (their org, or the one above their group)
  // and its groups.
  std::optional<domain::PartyOrg> branch = tx.Registry().FindPartyOrg(member.org_id);
  if (branch && branch->kind == domain::PartyOrgKind::kGroup && branch->parent_id) {
    branch = tx.Registry().FindPartyOrg(*branch->parent_id);
  }
  if (!branch) return false;
  if (branch->leader_member_id == member.id) return true;
  for (const auto& org : tx.Registry().ListPartyOrgs(branch->id, branch->region_path)) {
    if (org.leader_member_id == member.id) return true;
  }
  return false;
}

domain::NetworkSettings EffectiveSettings(StoreTx& tx, std::string_view region_path, Id region_id) {
  std::vector<Id> ids = domain::RegionPathIds(region_path);
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
    if (auto settings = tx.Network().FindSettings(*it)) return *settings;
  }
  domain::NetworkSettings defaults;
  defaults.region_id = region_id;
  return defaults;
}

constexpr domain::Epoch kChinaOffset = 8 * 3600;

domain::Epoch YearStart(int year) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = 0;
  tm.tm_mday = 1;
  return static_cast<domain::Epoch>(timegm(&tm)) - kChinaOffset;
}

int YearOf(domain::Epoch at) {
  std::time_t t = static_cast<std::time_t>(at + kChinaOffset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm.tm_year + 1900;
}

std::string DateOf(domain::Epoch at) {
  std::time_t t = static_cast<std::time_t>(at + kChinaOffset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::optional<domain::Region> VillageOf(StoreTx& tx, std::string_view region_path) {
  std::vector<Id> ids = domain::RegionPathIds(region_path);
  for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
    auto region = tx.Registry().FindRegion(*it);
    if (!region) continue;
    if (region->level == domain::RegionLevel::kVillage) return region;
    if (region->level != domain::RegionLevel::kGroup) return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace minqing::app::network_internal
