#include "domain/codes.hpp"

#include <array>
#include <utility>

#include "domain/enum_table.hpp"

namespace minqing::domain {
namespace {

constexpr EnumTable<Role, 7> kRoles{{{
    {Role::kAdmin, "admin", "系统管理员", "Administrator"},
    {Role::kLeader, "leader", "领导", "Leader"},
    {Role::kCentreStaff, "centre_staff", "中心窗口人员", "Service centre staff"},
    {Role::kUnitHandler, "unit_handler", "承办单位人员", "Unit handler"},
    {Role::kVillageAssistant, "village_assistant", "村级事务助理", "Village assistant"},
    {Role::kPartyMember, "party_member", "党员", "Party member"},
    {Role::kResident, "resident", "群众", "Resident"},
}}};

constexpr EnumTable<RegionLevel, 5> kLevels{{{
    {RegionLevel::kCity, "city", "市", "City"},
    {RegionLevel::kCounty, "county", "县/区", "County"},
    {RegionLevel::kTownship, "township", "乡镇/街道", "Township"},
    {RegionLevel::kVillage, "village", "村/社区", "Village"},
    {RegionLevel::kGroup, "group", "组/网格", "Group"},
}}};

constexpr EnumTable<Sex, 2> kSexes{{{
    {Sex::kMale, "male", "男", "Male"},
    {Sex::kFemale, "female", "女", "Female"},
}}};

constexpr EnumTable<MemberStatus, 2> kStatuses{{{
    {MemberStatus::kFull, "full", "正式党员", "Full member"},
    {MemberStatus::kProbationary, "probationary", "预备党员", "Probationary member"},
}}};

constexpr EnumTable<UnitKind, 4> kUnitKinds{{{
    {UnitKind::kBureau, "bureau", "政府部门", "Government department"},
    {UnitKind::kServiceCentre, "service_centre", "服务中心", "Service centre"},
    {UnitKind::kCompany, "company", "企业", "Company"},
    {UnitKind::kVolunteerTeam, "volunteer_team", "志愿服务队", "Volunteer team"},
}}};

constexpr EnumTable<PartyOrgKind, 2> kOrgKinds{{{
    {PartyOrgKind::kBranch, "branch", "党支部", "Party branch"},
    {PartyOrgKind::kGroup, "group", "党小组", "Party group"},
}}};

}  // namespace

namespace detail {
std::vector<CodeKind> RegistryCodeKinds() {
  return {kRoles.Kind("role"),          kLevels.Kind("region_level"),
          kSexes.Kind("sex"),           kStatuses.Kind("member_status"),
          kUnitKinds.Kind("unit_kind"), kOrgKinds.Kind("party_org_kind")};
}
}  // namespace detail

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
