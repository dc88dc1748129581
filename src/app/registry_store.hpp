// Storage of the registry: regions, households and their residents, moves between households,
// party organisations and members, units and their staff. Reached through StoreTx::Registry(),
// so every call runs in the caller's transaction. Lookups return nullopt when nothing matches;
// uniqueness violations throw domain::Conflict; updates of a row that does not exist throw
// domain::NotFound.
// Thread-safety: as StoreTx (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"
#include "domain/region_levels.hpp"

namespace minqing::app {

struct HouseholdFilter {
  std::string region_path_prefix;  // Only households whose region_path starts with this.
  std::vector<std::string> tags;   // Households carrying every one of these tags.
  // One-box look-up, already trimmed; matches (case-insensitively) a resident's name, pinyin
  // (spaces removed) or pinyin initials by prefix, phone or ID-card number by substring, the
  // household number, or an address fragment.
  std::string lookup;
};
// A look-up that matches many households (a surname alone, a common pinyin) is counted up to
// kHouseholdLookupCountCap + 1 on PostgreSQL: Page::total past the cap means "1000+", as the API
// reports it (total_capped). Nobody pages through a thousand namesakes: they add a given name or a
// village. Lists without a look-up, and SQLite, count exactly.
inline constexpr std::int64_t kHouseholdLookupCountCap = 1000;
// HouseholdFilter sorts: "number" (default), "address", "updated_at", "-updated_at", ...

struct ResidentFilter {
  std::string region_path_prefix;
  std::string lookup;  // As in HouseholdFilter, on residents only.
};
// ResidentFilter sorts: "name" (default), "birth_date".

struct PartyMemberFilter {
  std::string region_path_prefix;
  std::optional<domain::Id>
      org_id;          // Members of this org or of its groups (a branch includes its groups).
  std::string lookup;  // Name, pinyin or initials, phone.
  std::optional<bool> away;
};
// PartyMemberFilter sorts: "name" (default), "joined_on".

// Head counts of a region subtree, for overviews.
struct RegistryCounts {
  std::int64_t households = 0;
  std::int64_t residents = 0;
  std::int64_t party_members = 0;
  std::int64_t villages = 0;
};

// The keys of the registry an import checks against, read in pages (ListHouseholdKeys,
// ListResidentIdCards) so a whole county's keys cost a few bytes each, not a row each.
struct HouseholdKey {
  domain::Id id = 0;
  domain::Id region_id = 0;
  std::string number;
};
struct ResidentIdCard {
  domain::Id id = 0;
  std::optional<domain::Id> household_id;
  std::string id_card;
};

class RegistryRepository {
 public:
  virtual ~RegistryRepository() = default;

  // Regions. ListRegionChildren(nullopt) lists roots; child_count is filled.
  virtual std::optional<domain::Region> FindRegion(domain::Id id) = 0;
  virtual std::optional<domain::Region> FindRegionByCode(std::string_view code) = 0;
  virtual std::vector<domain::Region> ListRegionChildren(std::optional<domain::Id> parent_id) = 0;
  // Every region whose path starts with the prefix, at the given level if set, ordered by path.
  virtual std::vector<domain::Region> ListRegionsUnder(
      std::string_view path_prefix, std::optional<domain::RegionLevel> level) = 0;
  virtual void InsertRegion(const domain::Region& region) = 0;
  virtual void UpdateRegion(const domain::Region& region) = 0;  // name, code, lat, lng only.
  // The deployment's region levels and their names (region_levels), top first.
  virtual domain::RegionLevels LoadRegionLevels() = 0;
  virtual void ReplaceRegionLevels(const domain::RegionLevels& levels) = 0;
  // The levels at which regions exist, in order.
  virtual std::vector<domain::RegionLevel> RegionLevelsInUse() = 0;
  virtual RegistryCounts CountUnder(std::string_view path_prefix) = 0;

  // Households. Find* fill region_name; List* also fill head_name and member_count.
  virtual std::optional<domain::Household> FindHousehold(domain::Id id) = 0;
  virtual std::optional<domain::Household> FindHouseholdByNumber(std::string_view number) = 0;
  virtual domain::Page<domain::Household> ListHouseholds(const HouseholdFilter& filter,
                                                         const domain::PageRequest& page) = 0;
  virtual void InsertHousehold(const domain::Household& household) = 0;
  virtual void UpdateHousehold(const domain::Household& household) = 0;

  // Residents.
  virtual std::optional<domain::Resident> FindResident(domain::Id id) = 0;
  virtual std::optional<domain::Resident> FindResidentByIdCard(std::string_view id_card) = 0;
  // Members of a household, the head (relation 户主) first, then by birth date.
  virtual std::vector<domain::Resident> ListHouseholdResidents(domain::Id household_id) = 0;
  // The residents living in a household (not moved out or deceased) whose phone is exactly
  // `phone`: heads of household first, then by id; at most 50.
  virtual std::vector<domain::Resident> ListResidentsByPhone(std::string_view phone) = 0;
  virtual domain::Page<domain::Resident> ListResidents(const ResidentFilter& filter,
                                                       const domain::PageRequest& page) = 0;
  virtual void InsertResident(const domain::Resident& resident) = 0;
  virtual void UpdateResident(const domain::Resident& resident) = 0;
  virtual void InsertMove(const domain::ResidentMove& move) = 0;
  // Moves into or out of a household, newest first.
  virtual std::vector<domain::ResidentMove> ListHouseholdMoves(domain::Id household_id) = 0;

  // Party organisations and members. Find/List fill member_count, name, phone, org_name.
  virtual std::optional<domain::PartyOrg> FindPartyOrg(domain::Id id) = 0;
  // Orgs with this parent (nullopt: branches) inside the region prefix, ordered by name.
  virtual std::vector<domain::PartyOrg> ListPartyOrgs(std::optional<domain::Id> parent_id,
                                                      std::string_view region_path_prefix) = 0;
  // Every org inside the region prefix whatever its parent, ordered by name.
  virtual std::vector<domain::PartyOrg> ListPartyOrgsUnder(std::string_view region_path_prefix) = 0;
  virtual void InsertPartyOrg(const domain::PartyOrg& org) = 0;
  virtual void UpdatePartyOrg(const domain::PartyOrg& org) = 0;
  virtual std::optional<domain::PartyMember> FindPartyMember(domain::Id id) = 0;
  virtual std::optional<domain::PartyMember> FindPartyMemberByResident(domain::Id resident_id) = 0;
  virtual domain::Page<domain::PartyMember> ListPartyMembers(const PartyMemberFilter& filter,
                                                             const domain::PageRequest& page) = 0;
  virtual void InsertPartyMember(const domain::PartyMember& member) = 0;
  virtual void UpdatePartyMember(const domain::PartyMember& member) = 0;

  // Units and staff. ListUnits fills staff_count; ordered by name.
  virtual std::optional<domain::Unit> FindUnit(domain::Id id) = 0;
  virtual std::vector<domain::Unit> ListUnits() = 0;
  virtual void InsertUnit(const domain::Unit& unit) = 0;
  virtual void UpdateUnit(const domain::Unit& unit) = 0;
  virtual std::vector<domain::Staff> ListStaff(domain::Id unit_id) = 0;
  virtual std::optional<domain::Staff> FindStaff(domain::Id id) = 0;
  virtual void InsertStaff(const domain::Staff& staff) = 0;
  virtual void UpdateStaff(const domain::Staff& staff) = 0;

  // At most `limit` households (residents with an ID-card number) with id > after_id, by id.
  virtual std::vector<HouseholdKey> ListHouseholdKeys(domain::Id after_id, std::int64_t limit) = 0;
  virtual std::vector<ResidentIdCard> ListResidentIdCards(domain::Id after_id,
                                                          std::int64_t limit) = 0;

  // Bulk loading for demo data and imports: the fastest path of each engine (batched
  // multi-row inserts in SQLite, COPY in PostgreSQL). Same rules as the single inserts.
  virtual void BulkInsertRegions(const std::vector<domain::Region>& rows) = 0;
  virtual void BulkInsertHouseholds(const std::vector<domain::Household>& rows) = 0;
  virtual void BulkInsertResidents(const std::vector<domain::Resident>& rows) = 0;
  virtual void BulkInsertPartyOrgs(const std::vector<domain::PartyOrg>& rows) = 0;
  virtual void BulkInsertPartyMembers(const std::vector<domain::PartyMember>& rows) = 0;

  // A load of many households into a registry holding far fewer (a county's first roster):
  // BeginBulkLoad drops the secondary indexes of households, residents and the look-up table (not
  // the keys and UNIQUE constraints) and, where the engine can, the foreign keys between those
  // tables (never one to another table, whose readers it would lock out); EndBulkLoad builds them
  // again (a key checks every row), each once and sorted, many times faster than keeping them up to
  // date row by row, and writes the look-up rows of the added households (on SQLite from the
  // inserted values, as they come: pass each household's residents in the BulkInsertResidents
  // call that follows its BulkInsertHouseholds, or its row is written twice; on PostgreSQL the
  // whole look-up table anew, read from the tables); a duplicate the residents' unique ID-card
  // index would have refused fails EndBulkLoad. Both run in the caller's transaction: a rollback
  // puts the indexes back as they were. In between only BulkInsertHouseholds and
  // BulkInsertResidents may run (a look-up would scan whole tables), and EndBulkLoad must come
  // before the commit.
  virtual void BeginBulkLoad() = 0;
  virtual void EndBulkLoad() = 0;
};

}  // namespace minqing::app
