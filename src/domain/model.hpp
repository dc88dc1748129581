// The registry's plain values: regions, households (户), residents, party organisations and
// members, units and their staff, users, sessions and audit entries. No behaviour beyond small
// helpers; rules live in the other domain headers. Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace minqing::domain {

using Id = std::int64_t;
// Seconds since 1970-01-01 UTC.
using Epoch = std::int64_t;

// (City 市 →) county 县/区 → township/street 乡镇/街道 → village/community 村/社区 → group/grid
// 组/网格. The four levels from the county down carry the rules (units belong to the county,
// stations to the village, households to the bottom level); kCity is an optional root above the
// county. The names a deployment shows for them are domain/region_levels.hpp's RegionLevels.
enum class RegionLevel { kCity = 0, kCounty = 1, kTownship = 2, kVillage = 3, kGroup = 4 };

struct Region {
  Id id = 0;
  std::optional<Id> parent_id;
  RegionLevel level = RegionLevel::kCounty;
  std::string code;  // 12-digit statistical division code where known.
  std::string name;
  std::string path;  // "/<root id>/.../<own id>/": a subtree is every path with this prefix.
  std::optional<double> lat;
  std::optional<double> lng;
  std::int64_t child_count = 0;  // Filled by list queries.
};

// A household (户): an address in a region with residents and tags such as 低保 or 五保.
struct Household {
  Id id = 0;
  Id region_id = 0;
  std::string region_path;  // Copy of the region's path, so scope checks need no join.
  std::string region_name;  // Filled by queries.
  // For the reader (domain/region_label.hpp); filled by the use cases that list or show it.
  std::string region_label;
  std::string number;  // 户编号, unique within the county.
  std::string address;
  std::optional<double> lat;
  std::optional<double> lng;
  std::vector<std::string> tags;
  std::string head_name;          // Filled by list queries: the 户主's name.
  std::int64_t member_count = 0;  // Filled by list queries.
  // Filled by look-ups: the member through whom the household matched, when not its head
  // (韩彩素, 配偶); empty otherwise.
  std::string matched_name;
  std::string matched_relation;
  Epoch created_at = 0;
  Epoch updated_at = 0;
};

enum class Sex { kMale = 1, kFemale = 2 };

struct Resident {
  Id id = 0;
  std::optional<Id> household_id;
  std::string region_path;  // Copy of the household's region path; empty when not housed.
  std::string name;
  Sex sex = Sex::kMale;
  std::string birth_date;  // YYYY-MM-DD, may be empty.
  std::string id_card;     // 18 characters, GB 11643; may be empty.
  std::string phone;
  std::string relation;  // 与户主关系: 户主, 配偶, 子, 女, 父亲, 母亲, ...
  std::string pinyin;    // "wang jing yun", for look-up.
  std::string initials;  // "wjy".
  // Roles that make the resident a voter in a village's year-end vote (述职评议), beside party
  // membership (party_members): a member of the village committees (村两委) and a villager
  // representative (村民代表).
  bool village_committee = false;
  bool villager_rep = false;
  Epoch created_at = 0;
  Epoch updated_at = 0;
};

// A resident leaving one household for another (迁入/迁出); either side may be empty.
struct ResidentMove {
  Id id = 0;
  Id resident_id = 0;
  std::optional<Id> from_household_id;
  std::optional<Id> to_household_id;
  std::string reason;
  Epoch at = 0;
  std::optional<Id> by_user_id;
};

// 党支部 (branch) → 党小组 (group).
enum class PartyOrgKind { kBranch = 1, kGroup = 2 };

struct PartyOrg {
  Id id = 0;
  std::optional<Id> parent_id;
  PartyOrgKind kind = PartyOrgKind::kBranch;
  std::string name;
  Id region_id = 0;
  std::string region_path;
  std::optional<Id> leader_member_id;
  std::int64_t member_count = 0;  // Filled by queries.
};

// 正式 full member, 预备 probationary member.
enum class MemberStatus { kFull = 1, kProbationary = 2 };

struct PartyMember {
  Id id = 0;
  Id resident_id = 0;
  Id org_id = 0;
  std::string region_path;  // The member's household region (for scope checks).
  MemberStatus status = MemberStatus::kFull;
  bool away = false;                // 流动: working away from home.
  std::string away_to;              // 流动去向: where the member works away; may be empty.
  bool can_take_households = true;  // Able to take on households in the 1+10 network.
  std::int64_t capacity = 10;       // Households the member can look after.
  std::string joined_on;            // YYYY-MM-DD.
  std::string name;                 // Filled by queries from the resident.
  std::string phone;                // Filled by queries from the resident.
  std::string org_name;             // Filled by queries.
};

enum class UnitKind { kBureau = 1, kServiceCentre = 2, kCompany = 3, kVolunteerTeam = 4 };

struct Unit {
  Id id = 0;
  std::string name;
  UnitKind kind = UnitKind::kBureau;
  std::optional<Id> region_id;
  std::string phone;
  // Office hours (办公时间) in ParseOfficeHours's text form; "" reads as the standard hours.
  std::string office_hours;
  std::int64_t staff_count = 0;  // Filled by queries.
};

struct Staff {
  Id id = 0;
  Id unit_id = 0;
  std::string name;
  std::string title;
  std::string phone;
  std::optional<Id> user_id;
};

enum class Role {
  kAdmin = 1,
  kLeader = 2,
  kCentreStaff = 3,
  kUnitHandler = 4,
  kVillageAssistant = 5,
  kPartyMember = 6,
  kResident = 7,
};

struct User {
  Id id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kResident;
  // Region scope: the user sees the subtree under this region. Empty path = whole database.
  std::optional<Id> scope_region_id;
  std::string scope_region_path;
  std::string scope_region_name;    // Filled by use cases for display.
  std::optional<Id> scope_unit_id;  // Unit handlers: their unit.
  std::optional<Id> resident_id;    // Party members and residents: who they are.
  std::string phone;
  std::string password_hash;  // argon2id, libsodium's encoded form.
  // Whether a password is set: false for an account created in bulk that waits for its holder to
  // activate it (app/account_import.hpp). Filled by storage; stays when password_hash is cleared.
  bool password_set = false;
  bool active = true;
  Epoch created_at = 0;
};

struct Session {
  std::string token_hash;  // SHA-256 of the bearer token, hex.
  Id user_id = 0;
  std::string csrf_token;
  Epoch created_at = 0;
  Epoch expires_at = 0;
};

// Where a change came from.
enum class Channel { kWeb, kApi, kCli, kImport, kSystem };

// One append-only record of a change or a sensitive read.
struct AuditEntry {
  Id id = 0;
  Epoch at = 0;
  std::optional<Id> user_id;
  std::string username;  // Copied so the log reads well after a user is renamed.
  std::string action;    // "household.create", "resident.reveal", ...
  std::string entity;    // "household", "resident", ...
  Id entity_id = 0;
  std::string before_json;
  std::string after_json;
  std::string channel;  // "web", "api", "cli", "import", "system".
  // Filled by storage when the entry is chained (see domain/audit_chain.hpp): the proving state
  // of the matter or visit it is about, as committed.
  std::string proof;
  // The HTTP request that made the change (X-Request-Id), empty when none (the command line,
  // background jobs, public pages, entries older than the column).
  std::string request_id = {};
};

// A page of a list and the total number of matches.
template <typename T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};

// Paging and sorting shared by list queries. `sort` is a field name, optionally prefixed with '-'
// for descending; each query documents the names it accepts.
struct PageRequest {
  std::int64_t offset = 0;
  std::int64_t limit = 20;
  std::string sort;
};

}  // namespace minqing::domain
