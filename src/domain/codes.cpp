#include "domain/codes.hpp"

#include <array>
#include <utility>

#include "domain/enum_table.hpp"

namespace minqing::domain {
namespace {

constexpr EnumTable<Role, 7> kRoles{{{
    {Role::kAdmin, "admin", "系统管理员"},
    {Role::kLeader, "leader", "领导"},
    {Role::kCentreStaff, "centre_staff", "中心窗口人员"},
    {Role::kUnitHandler, "unit_handler", "承办单位人员"},
    {Role::kVillageAssistant, "village_assistant", "村级事务助理"},
    {Role::kPartyMember, "party_member", "党员"},
    {Role::kResident, "resident", "群众"},
}}};

constexpr EnumTable<RegionLevel, 4> kLevels{{{
    {RegionLevel::kCounty, "county", "县/区"},
    {RegionLevel::kTownship, "township", "乡镇/街道"},
    {RegionLevel::kVillage, "village", "村/社区"},
    {RegionLevel::kGroup, "group", "组/网格"},
}}};

constexpr EnumTable<Sex, 2> kSexes{{{
    {Sex::kMale, "male", "男"},
    {Sex::kFemale, "female", "女"},
}}};

constexpr EnumTable<MemberStatus, 2> kStatuses{{{
    {MemberStatus::kFull, "full", "正式党员"},
    {MemberStatus::kProbationary, "probationary", "预备党员"},
}}};

constexpr EnumTable<UnitKind, 4> kUnitKinds{{{
    {UnitKind::kBureau, "bureau", "政府部门"},
    {UnitKind::kServiceCentre, "service_centre", "服务中心"},
    {UnitKind::kCompany, "company", "企业"},
    {UnitKind::kVolunteerTeam, "volunteer_team", "志愿服务队"},
}}};

constexpr EnumTable<PartyOrgKind, 2> kOrgKinds{{{
    {PartyOrgKind::kBranch, "branch", "党支部"},
    {PartyOrgKind::kGroup, "group", "党小组"},
}}};

}  // namespace

std::string_view RoleCode(Role role) { return kRoles.Code(role); }
std::optional<Role> ParseRole(std::string_view code) { return kRoles.Parse(code); }
std::string_view RoleLabel(Role role) { return kRoles.Label(role); }

std::string_view RegionLevelCode(RegionLevel level) { return kLevels.Code(level); }
std::optional<RegionLevel> ParseRegionLevel(std::string_view code) { return kLevels.Parse(code); }
std::string_view RegionLevelLabel(RegionLevel level) { return kLevels.Label(level); }

std::string_view SexCode(Sex sex) { return kSexes.Code(sex); }
std::optional<Sex> ParseSex(std::string_view code) { return kSexes.Parse(code); }
std::string_view SexLabel(Sex sex) { return kSexes.Label(sex); }

std::string_view MemberStatusCode(MemberStatus status) { return kStatuses.Code(status); }
std::optional<MemberStatus> ParseMemberStatus(std::string_view code) {
  if (code == "正式") return MemberStatus::kFull;
  if (code == "预备") return MemberStatus::kProbationary;
  return kStatuses.Parse(code);
}
std::string_view MemberStatusLabel(MemberStatus status) { return kStatuses.Label(status); }

std::string_view UnitKindCode(UnitKind kind) { return kUnitKinds.Code(kind); }
std::optional<UnitKind> ParseUnitKind(std::string_view code) { return kUnitKinds.Parse(code); }
std::string_view UnitKindLabel(UnitKind kind) { return kUnitKinds.Label(kind); }

std::string_view PartyOrgKindCode(PartyOrgKind kind) { return kOrgKinds.Code(kind); }
std::optional<PartyOrgKind> ParsePartyOrgKind(std::string_view code) {
  return kOrgKinds.Parse(code);
}

std::string_view ChannelCode(Channel channel) {
  switch (channel) {
    case Channel::kWeb:
      return "web";
    case Channel::kApi:
      return "api";
    case Channel::kCli:
      return "cli";
    case Channel::kImport:
      return "import";
    case Channel::kSystem:
      return "system";
  }
  return "";
}

}  // namespace minqing::domain
