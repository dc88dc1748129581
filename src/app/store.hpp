// The storage interfaces that use cases depend on. storage/ implements them over SQLite and
// PostgreSQL; tests may use either. A StoreTx is one database transaction: everything done
// through it becomes visible atomically at Commit(), and is rolled back if the StoreTx is
// destroyed without Commit(). Lookups return nullopt when nothing matches; writes that break a
// uniqueness rule throw domain::Conflict; driver failures throw domain::StorageError.
// Thread-safety: a Store is shared by all threads; a StoreTx belongs to one thread at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/matter_store.hpp"
#include "app/network_store.hpp"
#include "domain/audit_chain.hpp"
#include "domain/model.hpp"

namespace minqing::app {

using domain::Id;

struct HouseholdFilter {
  std::string region_path_prefix;  // Only households whose region_path starts with this.
  std::vector<std::string> tags;   // Households carrying every one of these tags.
  // One-box look-up, already trimmed; matches (case-insensitively) a resident's name, pinyin
  // (spaces removed) or pinyin initials by prefix, phone or ID-card number by substring, the
  // household number, or an address fragment.
  std::string lookup;
};
// HouseholdFilter sorts: "number" (default), "address", "updated_at", "-updated_at", ...

struct ResidentFilter {
  std::string region_path_prefix;
  std::string lookup;  // As in HouseholdFilter, on residents only.
};
// ResidentFilter sorts: "name" (default), "birth_date".

struct PartyMemberFilter {
  std::string region_path_prefix;
  std::optional<Id> org_id;  // Members of this org or of its groups (a branch includes its groups).
  std::string lookup;        // Name, pinyin or initials, phone.
  std::optional<bool> away;
};
// PartyMemberFilter sorts: "name" (default), "joined_on".

struct AuditFilter {
  std::string entity;  // Empty: any.
  std::optional<Id> entity_id;
  std::optional<Id> user_id;
};
// Audit lists are newest first.

// Head counts of a region subtree, for overviews.
struct RegistryCounts {
  std::int64_t households = 0;
  std::int64_t residents = 0;
  std::int64_t party_members = 0;
  std::int64_t villages = 0;
};

class StoreTx {
 public:
  virtual ~StoreTx() = default;
  virtual void Commit() = 0;

  // The repositories of the matters and network areas, on this same transaction.
  virtual MatterRepository& Matters() = 0;
  virtual NetworkRepository& Network() = 0;

  // Regions. ListRegionChildren(nullopt) lists roots; child_count is filled.
  virtual std::optional<domain::Region> FindRegion(Id id) = 0;
  virtual std::optional<domain::Region> FindRegionByCode(std::string_view code) = 0;
  virtual std::vector<domain::Region> ListRegionChildren(std::optional<Id> parent_id) = 0;
  // Every region whose path starts with the prefix, at the given level if set, ordered by path.
  virtual std::vector<domain::Region> ListRegionsUnder(
      std::string_view path_prefix, std::optional<domain::RegionLevel> level) = 0;
  virtual void InsertRegion(const domain::Region& region) = 0;
  virtual void UpdateRegion(const domain::Region& region) = 0;  // name, code, lat, lng only.
  virtual RegistryCounts CountUnder(std::string_view path_prefix) = 0;

  // Households. Find* fill region_name; List* also fill head_name and member_count.
  virtual std::optional<domain::Household> FindHousehold(Id id) = 0;
  virtual std::optional<domain::Household> FindHouseholdByNumber(std::string_view number) = 0;
  virtual domain::Page<domain::Household> ListHouseholds(const HouseholdFilter& filter,
                                                         const domain::PageRequest& page) = 0;
  virtual void InsertHousehold(const domain::Household& household) = 0;
  virtual void UpdateHousehold(const domain::Household& household) = 0;

  // Residents.
  virtual std::optional<domain::Resident> FindResident(Id id) = 0;
  virtual std::optional<domain::Resident> FindResidentByIdCard(std::string_view id_card) = 0;
  // Members of a household, the head (relation 户主) first, then by birth date.
  virtual std::vector<domain::Resident> ListHouseholdResidents(Id household_id) = 0;
  virtual domain::Page<domain::Resident> ListResidents(const ResidentFilter& filter,
                                                       const domain::PageRequest& page) = 0;
  virtual void InsertResident(const domain::Resident& resident) = 0;
  virtual void UpdateResident(const domain::Resident& resident) = 0;
  virtual void InsertMove(const domain::ResidentMove& move) = 0;
  // Moves into or out of a household, newest first.
  virtual std::vector<domain::ResidentMove> ListHouseholdMoves(Id household_id) = 0;

  // Party organisations and members. Find/List fill member_count, name, phone, org_name.
  virtual std::optional<domain::PartyOrg> FindPartyOrg(Id id) = 0;
  // Orgs with this parent (nullopt: branches) inside the region prefix, ordered by name.
  virtual std::vector<domain::PartyOrg> ListPartyOrgs(std::optional<Id> parent_id,
                                                      std::string_view region_path_prefix) = 0;
  virtual void InsertPartyOrg(const domain::PartyOrg& org) = 0;
  virtual void UpdatePartyOrg(const domain::PartyOrg& org) = 0;
  virtual std::optional<domain::PartyMember> FindPartyMember(Id id) = 0;
  virtual std::optional<domain::PartyMember> FindPartyMemberByResident(Id resident_id) = 0;
  virtual domain::Page<domain::PartyMember> ListPartyMembers(const PartyMemberFilter& filter,
                                                             const domain::PageRequest& page) = 0;
  virtual void InsertPartyMember(const domain::PartyMember& member) = 0;
  virtual void UpdatePartyMember(const domain::PartyMember& member) = 0;

  // Units and staff. ListUnits fills staff_count; ordered by name.
  virtual std::optional<domain::Unit> FindUnit(Id id) = 0;
  virtual std::vector<domain::Unit> ListUnits() = 0;
  virtual void InsertUnit(const domain::Unit& unit) = 0;
  virtual void UpdateUnit(const domain::Unit& unit) = 0;
  virtual std::vector<domain::Staff> ListStaff(Id unit_id) = 0;
  virtual std::optional<domain::Staff> FindStaff(Id id) = 0;
  virtual void InsertStaff(const domain::Staff& staff) = 0;
  virtual void UpdateStaff(const domain::Staff& staff) = 0;

  // Users and sessions. Usernames are unique (Conflict).
  virtual std::optional<domain::User> FindUser(Id id) = 0;
  virtual std::optional<domain::User> FindUserByUsername(std::string_view username) = 0;
  virtual domain::Page<domain::User> ListUsers(const domain::PageRequest& page) = 0;
  // The accounts linked to residents of one household (any role, active or not), by id.
  virtual std::vector<domain::User> ListUsersOfHousehold(Id household_id) = 0;
  virtual void InsertUser(const domain::User& user) = 0;
  virtual void UpdateUser(const domain::User& user) = 0;
  virtual void InsertSession(const domain::Session& session) = 0;
  virtual std::optional<domain::Session> FindSession(std::string_view token_hash) = 0;
  virtual void DeleteSession(std::string_view token_hash) = 0;
  virtual void DeleteSessionsOfUser(Id user_id) = 0;
  virtual std::int64_t DeleteExpiredSessions(domain::Epoch now) = 0;

  // The audit log is append-only: there is no update or delete, and the schema refuses them.
  // Entries are hash-chained when the transaction commits (domain/audit_chain.hpp): a
  // rolled-back transaction leaves no entry and no gap in the chain.
  virtual void AppendAudit(const domain::AuditEntry& entry) = 0;
  virtual domain::Page<domain::AuditEntry> ListAudit(const AuditFilter& filter,
                                                     const domain::PageRequest& page) = 0;

  // The tamper-evident chain (domain/audit_chain.hpp, storage/audit_chain.hpp).
  virtual domain::ChainHead AuditChainHead() = 0;
  // Recomputes the whole chain and the matter/visit cross-checks (slow: a full scan).
  virtual domain::ChainReport VerifyAuditChain() = 0;
  // Starts the chain on a database older than it, and seals closures without a chained record;
  // returns how many were sealed.
  virtual std::int64_t StartAuditChain(domain::Epoch now) = 0;
  // Publishes the head for the China day `day` ("2026-12-02") unless it has one; the day's head,
  // or null while the chain is not started.
  virtual std::optional<domain::PublishedHead> PublishAuditChainHead(const std::string& day,
                                                                     domain::Epoch now) = 0;
  // Published heads, newest day first.
  virtual std::vector<domain::PublishedHead> ListPublishedAuditChainHeads(int limit) = 0;

  // Bulk loading for demo data and imports: the fastest path of each engine (batched
  // multi-row inserts in SQLite, COPY in PostgreSQL). Same rules as the single inserts.
  virtual void BulkInsertRegions(const std::vector<domain::Region>& rows) = 0;
  virtual void BulkInsertHouseholds(const std::vector<domain::Household>& rows) = 0;
  virtual void BulkInsertResidents(const std::vector<domain::Resident>& rows) = 0;
  virtual void BulkInsertPartyOrgs(const std::vector<domain::PartyOrg>& rows) = 0;
  virtual void BulkInsertPartyMembers(const std::vector<domain::PartyMember>& rows) = 0;
};

// Parts of the data that in-memory caches depend on, so that a cache is not emptied by every
// write: an intake changes matters, never the registry. Bit flags.
enum class DataArea : unsigned {
  kRegistry = 1,   // regions, households, residents
  kAccounts = 2,   // users, sessions, units, staff
  kCatalogue = 4,  // matter categories, routing rules, the holiday calendar
};
inline constexpr unsigned kAllDataAreas = 7;

class Store {
 public:
  virtual ~Store() = default;
  // A read-write transaction. Writers are serialised by the engine.
  virtual std::unique_ptr<StoreTx> Begin() = 0;
  // A read-only transaction with a consistent snapshot.
  virtual std::unique_ptr<StoreTx> BeginRead() = 0;
  // "sqlite" or "postgresql".
  virtual std::string Engine() const = 0;
  // A counter that grows after every committed write transaction made through this Store
  // object. Caches in app/ key their entries on it (writes by other processes are not seen;
  // those caches also expire entries after a few seconds).
  virtual std::uint64_t WriteGeneration() const = 0;
  // Like WriteGeneration(), but grows only after committed write transactions that may have
  // changed a table of `area` (a statement the store cannot place counts for every area).
  virtual std::uint64_t AreaGeneration(DataArea area) const = 0;
  // A consistent copy of the whole database while it is in use: a SQLite file (online backup
  // API) or a pg_dump custom-format archive. The destination is created readable by its owner
  // only (0600: it holds full ID numbers); an existing file, the live database among them, is
  // refused with Conflict "backup.exists" and left untouched.
  virtual void Backup(const std::string& destination_path) = 0;
};

// A read snapshot opened on first use, for code that usually finds what it needs in a cache.
// Belongs to one thread, like the transaction it opens.
class LazyRead {
 public:
  explicit LazyRead(Store& store) : store_(store) {}
  StoreTx& operator*() {
    if (!tx_) tx_ = store_.BeginRead();
    return *tx_;
  }
  StoreTx* operator->() { return &**this; }

 private:
  Store& store_;
  std::unique_ptr<StoreTx> tx_;
};

// Opens (and migrates to the newest schema) the database named by `url`: a file path for
// SQLite or "postgresql://..." for PostgreSQL. Implemented in storage/.
std::unique_ptr<Store> OpenStore(const std::string& url);

}  // namespace minqing::app
