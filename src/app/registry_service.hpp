// Use cases of the registry: regions, households (户), residents, moves between households,
// party organisations and members, units and their staff, and the audit trail. Each call
// checks the actor's role and scope (domain/authz.hpp), runs in one transaction, and records
// every change in the audit log. ID-card numbers and phones come back masked; RevealResident
// shows them in full and records that it did. The household list reads through
// Store::BeginReplicaRead with the actor's fence (a read replica may answer it). Thread-safe
// (state lives in the Store).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/read_cache.hpp"
#include "app/region_labels.hpp"
#include "app/store.hpp"
#include "domain/errors.hpp"

namespace minqing::app {

struct RegionInput {
  std::optional<Id> parent_id;
  std::string level;  // domain::RegionLevelCode
  std::string code;
  std::string name;
  std::optional<double> lat;
  std::optional<double> lng;
};

struct HouseholdInput {
  Id region_id = 0;
  std::string number;  // Generated from the region code when empty.
  std::string address;
  std::optional<double> lat;
  std::optional<double> lng;
  std::vector<std::string> tags;
};

struct ResidentInput {
  std::string name;
  std::string sex;         // "male"/"female"/男/女; derived from the ID card when empty.
  std::string birth_date;  // Derived from the ID card when empty.
  std::string id_card;
  std::string phone;
  std::string relation;
  // The voter roles (述职评议); unset keeps what the resident has (false for a new resident).
  std::optional<bool> village_committee;
  std::optional<bool> villager_rep;
};

struct HouseholdQuery {
  std::optional<Id> region_id;
  std::vector<std::string> tags;
  std::string lookup;
};

struct HouseholdDetail {
  domain::Household household;
  std::vector<domain::Resident> members;  // Masked.
  std::vector<domain::ResidentMove> moves;
  std::vector<domain::AuditEntry> history;  // Newest first, at most 50.
  std::optional<domain::Region> region;
  std::string region_full_name;  // "饶阳县 / 饶阳镇 / 小石楼村 / 二组", within the actor's view.
};

struct RevealedResident {
  std::string id_card;
  std::string phone;
};

struct PartyOrgInput {
  std::optional<Id> parent_id;
  std::string kind;  // "branch" / "group"
  std::string name;
  Id region_id = 0;
  std::optional<Id> leader_member_id;
};

// An edit of a party organisation: its name and its leader (党支部书记 / 党小组长), who must be a
// member of the organisation or, for a branch, of one of its groups. No leader clears it.
struct PartyOrgEdit {
  std::string name;
  std::optional<Id> leader_member_id;
};

struct PartyMemberInput {
  Id resident_id = 0;
  Id org_id = 0;
  std::string status;  // "full"/"probationary"/正式/预备
  bool away = false;
  // Where an away member works (流动去向); kept when not given, cleared when the member is not
  // away.
  std::optional<std::string> away_to;
  bool can_take_households = true;
  std::int64_t capacity = 10;
  std::string joined_on;
};

struct PartyMemberQuery {
  std::optional<Id> region_id;
  std::optional<Id> org_id;
  std::string lookup;
  std::optional<bool> away;
};

struct UnitInput {
  std::string name;
  std::string kind;  // domain::UnitKindCode
  std::optional<Id> region_id;
  std::string phone;
};

struct StaffInput {
  std::string name;
  std::string title;
  std::string phone;
  std::optional<Id> user_id;
};

struct UnitDetail {
  domain::Unit unit;
  std::vector<domain::Staff> staff;  // Phones masked.
};

struct PartyOrgDetail {
  domain::PartyOrg org;
  std::vector<domain::PartyOrg> groups;
  domain::Page<domain::PartyMember> members;  // First page; phones masked.
};

// Validation helpers, exposed for import: they list every problem instead of throwing.
std::vector<domain::FieldProblem> ValidateResidentInput(const ResidentInput& input);
std::vector<std::string> NormaliseTags(const std::vector<std::string>& tags,
                                       std::vector<domain::FieldProblem>& problems);
// Fills sex, birth date, pinyin and initials of a resident from the input (no validation).
domain::Resident ResidentFromInput(const ResidentInput& input);

// The tags the UI offers; others are accepted too (up to 8 characters each).
const std::vector<std::string>& KnownHouseholdTags();

// A region with the head counts of its subtree.
struct RegionCounts {
  domain::Region region;
  RegistryCounts counts;
};

// The home page's overview in one answer: the counts of the scope and those of the regions its
// chart shows.
struct RegistryOverview {
  RegistryCounts counts;
  std::vector<RegionCounts> regions;
};

class RegistryService {
 public:
  explicit RegistryService(Store& store);

  // Roots are the regions at the top of the actor's scope when parent_id is empty.
  std::vector<domain::Region> ListRegionChildren(const Actor& actor, std::optional<Id> parent_id);
  domain::Region GetRegion(const Actor& actor, Id region_id);
  domain::Region CreateRegion(const Actor& actor, const RegionInput& input);
  // Renames a region: a new name, and the code, lat and lng when given (its level and parent
  // stay). Region labels read the new name at once (the store's registry generation moves with
  // the commit).
  domain::Region UpdateRegion(const Actor& actor, Id region_id, const RegionInput& input);
  RegistryCounts Overview(const Actor& actor, std::optional<Id> region_id);
  // Overview plus the counts of each region the home chart shows: the children of region_id;
  // without one, the regions at the top of the scope, or their children when there is one such
  // region and it has children (the county: its townships).
  RegistryOverview OverviewWithRegions(const Actor& actor, std::optional<Id> region_id);

  domain::Page<domain::Household> ListHouseholds(const Actor& actor, const HouseholdQuery& query,
                                                 const domain::PageRequest& page);
  HouseholdDetail GetHousehold(const Actor& actor, Id household_id);
  domain::Household CreateHousehold(const Actor& actor, const HouseholdInput& input,
                                    const std::vector<ResidentInput>& members);
  domain::Household UpdateHousehold(const Actor& actor, Id household_id,
                                    const HouseholdInput& input);

  domain::Page<domain::Resident> ListResidents(const Actor& actor, std::optional<Id> region_id,
                                               const std::string& lookup,
                                               const domain::PageRequest& page);
  domain::Resident GetResident(const Actor& actor, Id resident_id);
  domain::Resident AddResident(const Actor& actor, Id household_id, const ResidentInput& input);
  domain::Resident UpdateResident(const Actor& actor, Id resident_id, const ResidentInput& input);
  RevealedResident RevealResident(const Actor& actor, Id resident_id);
  // Records a death (死亡注销): the resident leaves their household for good, as a move out of
  // the registry whose reason names the date; audited as resident.deceased with the date in
  // the after snapshot. `died_on` is YYYY-MM-DD and not after today (China time).
  domain::Resident MarkResidentDeceased(const Actor& actor, Id resident_id,
                                        const std::string& died_on, const std::string& note);
  // Moves a resident to another household (or out of the registry when to is empty).
  domain::Resident MoveResident(const Actor& actor, Id resident_id,
                                std::optional<Id> to_household_id, const std::string& reason);

  std::vector<domain::PartyOrg> ListPartyOrgs(const Actor& actor, std::optional<Id> parent_id);
  PartyOrgDetail GetPartyOrg(const Actor& actor, Id org_id);
  domain::PartyOrg CreatePartyOrg(const Actor& actor, const PartyOrgInput& input);
  // Renames an organisation and sets (or clears) its leader; audited with before and after.
  domain::PartyOrg UpdatePartyOrg(const Actor& actor, Id org_id, const PartyOrgEdit& edit);
  domain::Page<domain::PartyMember> ListPartyMembers(const Actor& actor,
                                                     const PartyMemberQuery& query,
                                                     const domain::PageRequest& page);
  domain::PartyMember GetPartyMember(const Actor& actor, Id member_id);
  domain::PartyMember CreatePartyMember(const Actor& actor, const PartyMemberInput& input);
  domain::PartyMember UpdatePartyMember(const Actor& actor, Id member_id,
                                        const PartyMemberInput& input);

  std::vector<domain::Unit> ListUnits(const Actor& actor);
  UnitDetail GetUnit(const Actor& actor, Id unit_id);
  domain::Unit CreateUnit(const Actor& actor, const UnitInput& input);
  // Sets a unit's office hours (办公时间) from their text form (see domain::ParseOfficeHours),
  // stored canonical; audited before and after. InvalidInput (field office_hours) on bad text.
  domain::Unit SetUnitOfficeHours(const Actor& actor, Id unit_id, const std::string& text);
  domain::Staff AddStaff(const Actor& actor, Id unit_id, const StaffInput& input);

  domain::Page<domain::AuditEntry> ListAudit(const Actor& actor, const AuditFilter& filter,
                                             const domain::PageRequest& page);

  // Its read caches' hit and miss counters (GET /metrics).
  std::vector<CacheCount> CacheCounts() const { return {household_pages_.Count()}; }

 private:
  Store& store_;
  // Household pages by id, as read before authorisation (which is checked on every call).
  ReadCache<Id, HouseholdDetail> household_pages_{"household_details", 20000, 5};
  RegionLabels region_labels_{store_};
};

}  // namespace minqing::app
