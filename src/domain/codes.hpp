// Stable text codes (used in the API, the database and files) and Chinese labels for the
// registry's enums. Parse functions return nullopt for unknown codes. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/model.hpp"

namespace minqing::domain {

std::string_view RoleCode(Role role);  // "admin", "leader", "centre_staff", ...
std::optional<Role> ParseRole(std::string_view code);
std::string_view RoleLabel(Role role);  // "管理员", "带班领导", ...

// "city", "county", "township", "village", "group"; the labels are the defaults, a deployment's
// own names are RegionLevels (domain/region_levels.hpp).
std::string_view RegionLevelCode(RegionLevel level);
std::optional<RegionLevel> ParseRegionLevel(std::string_view code);
std::string_view RegionLevelLabel(RegionLevel level);

std::string_view SexCode(Sex sex);                            // "male", "female"
std::optional<Sex> ParseSex(std::string_view code_or_label);  // Also accepts 男 / 女.
std::string_view SexLabel(Sex sex);

std::string_view MemberStatusCode(MemberStatus status);  // "full", "probationary"
std::optional<MemberStatus> ParseMemberStatus(std::string_view code_or_label);
std::string_view MemberStatusLabel(MemberStatus status);  // 正式, 预备

std::string_view UnitKindCode(UnitKind kind);  // "bureau", "service_centre", "company", ...
std::optional<UnitKind> ParseUnitKind(std::string_view code);
std::string_view UnitKindLabel(UnitKind kind);

std::string_view PartyOrgKindCode(PartyOrgKind kind);  // "branch", "group"
std::optional<PartyOrgKind> ParsePartyOrgKind(std::string_view code);

std::string_view ChannelCode(Channel channel);

}  // namespace minqing::domain
