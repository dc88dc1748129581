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

#include "app/account_store.hpp"
#include "app/away_store.hpp"
#include "app/database_stats.hpp"
#include "app/matter_store.hpp"
#include "app/meeting_store.hpp"
#include "app/messaging_store.hpp"
#include "app/monthly_report_store.hpp"
#include "app/network_store.hpp"
#include "app/open311_store.hpp"
#include "app/pairing_store.hpp"
#include "app/posting_store.hpp"
#include "app/project_store.hpp"
#include "app/provider_store.hpp"
#include "app/read_fence.hpp"
#include "app/registry_store.hpp"
#include "app/service_info_store.hpp"
#include "app/settings_store.hpp"
#include "app/survey_store.hpp"
#include "app/tag_map_store.hpp"
#include "app/vote_store.hpp"
#include "app/window_rating_store.hpp"
#include "domain/audit_chain.hpp"
#include "domain/model.hpp"

namespace minqing::app {

class VolunteerRepository;  // volunteer_store.hpp

using domain::Id;

struct AuditFilter {
  std::string entity;  // Empty: any.
  std::optional<Id> entity_id;
  std::optional<Id> user_id;
  std::string request_id = {};  // Empty: any. Not indexed: a scan of the log.
};
// Audit lists are newest first.

class StoreTx {
 public:
  virtual ~StoreTx() = default;
  virtual void Commit() = 0;

  // The repositories of each area, on this same transaction.
  virtual RegistryRepository& Registry() = 0;
  virtual AccountRepository& Accounts() = 0;
  virtual MatterRepository& Matters() = 0;
  virtual NetworkRepository& Network() = 0;
  virtual SettingsRepository& Settings() = 0;
  virtual MessagingRepository& Messaging() = 0;
  virtual PostingRepository& Postings() = 0;
  virtual VoteRepository& Votes() = 0;
  virtual WindowRatingRepository& WindowRatings() = 0;
  virtual ServiceInfoRepository& ServiceInfo() = 0;  // Duty rosters, service guides.
  virtual SurveyRepository& Surveys() = 0;           // Surveys (问卷与评议).
  virtual ProjectRepository& Projects() = 0;         // Livelihood projects (民生项目).
  virtual MeetingRepository& Meetings() = 0;         // Meetings that decide (议事会议).
  virtual PairingRepository& Pairing() = 0;          // Unit–village pairing (结对共建).
  virtual AwayRepository& Away() = 0;                // Away members (流动党员), online study.
  virtual VolunteerRepository& Volunteers() = 0;     // Volunteer service (志愿服务).
  virtual ProviderRepository& Providers() = 0;       // Service providers (服务商).
  virtual MonthlyReportRepository& MonthlyReports() = 0;  // Monthly ranking reports (月度通报).
  virtual TagMapRepository& TagMap() = 0;                 // Statistics by tag, the map (read-only).
  virtual Open311Repository& Open311() = 0;               // Open311 API keys.

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
};

// Parts of the data that in-memory caches depend on, so that a cache is not emptied by every
// write: an intake changes matters, never the registry. Bit flags.
enum class DataArea : unsigned {
  kRegistry = 1,   // regions, households, residents
  kAccounts = 2,   // users, sessions, units, staff
  kCatalogue = 4,  // matter categories, routing rules, the holiday calendar
};
inline constexpr unsigned kAllDataAreas = 7;

// One partition of a table PostgreSQL partitions by month of its id (matters, matter_events,
// audit_log; migration V062).
struct MonthPartition {
  std::string table;      // "matters"
  std::string partition;  // "matters_p202612"
  std::string month;      // "2026-12"; "" for the partition of everything before the first month
  std::int64_t estimated_rows = 0;  // PostgreSQL's estimate (reltuples), 0 before it has one
  std::int64_t bytes = 0;           // on disk, with its indexes
  bool archived = false;            // moved out of its table (schema minqing_archive)
};

// A read replica's state for monitoring (serve --replica-url).
struct ReplicaStats {
  bool configured = false;
  std::uint64_t reads = 0;   // Reads begun on the replica.
  std::uint64_t behind = 0;  // Reads sent to the primary: the replica was behind their fence.
  std::uint64_t down = 0;    // Reads sent to the primary: the replica could not be reached.
  // Bytes of WAL the primary has written that the replica has not replayed yet; nullopt when
  // either could not be asked.
  std::optional<std::uint64_t> lag_bytes;
};

class Store {
 public:
  virtual ~Store() = default;
  // A read-write transaction. Writers are serialised by the engine.
  virtual std::unique_ptr<StoreTx> Begin() = 0;
  // A read-only transaction with a consistent snapshot.
  virtual std::unique_ptr<StoreTx> BeginRead() = 0;
  // A read-only snapshot for the read-heavy use cases (lists, dashboards, exports) that a read
  // replica may answer (serve --replica-url): the replica's when it is reachable and has
  // replayed `fence`, otherwise the primary's, as BeginRead(). A replica's snapshot may lag the
  // primary's, never behind `fence`. Without a replica it is BeginRead().
  virtual std::unique_ptr<StoreTx> BeginReplicaRead(ReadFence fence) {
    static_cast<void>(fence);
    return BeginRead();
  }
  // The fence after every write this store has committed or heard announced, that is the writes
  // behind its current generations (read it after the generation). A session that has just
  // written reads its own writes with it; a cache entry filed under a generation must be read
  // with it from a replica, or it could hold data older than its generation. {} without a
  // replica.
  virtual ReadFence LatestFence() const { return {}; }
  // A read-write transaction for a command that expects to be the database's only user, such as
  // `minqing import` loading a county's first roster. On SQLite, when no other connection has
  // the file open, it writes through a rollback journal instead of the WAL: each page is written
  // once instead of to the log and again at the checkpoint (a million households' first roster
  // went from 80 s to 57 s), and until it ends no other process can open the database (the open
  // waits, then fails as locked). Otherwise, and on PostgreSQL, it is Begin().
  virtual std::unique_ptr<StoreTx> BeginSole() = 0;
  // "sqlite" or "postgresql".
  virtual std::string Engine() const = 0;
  // A counter that grows after every committed write transaction made through this Store
  // object and, on PostgreSQL, when another process's store announces a commit (see SqlStore).
  // Caches in app/ key their entries on it (they also expire entries after a few seconds, which
  // bounds a lost announcement).
  virtual std::uint64_t WriteGeneration() const = 0;
  // Like WriteGeneration(), but grows only after committed write transactions that may have
  // changed a table of `area` (a statement the store cannot place counts for every area).
  virtual std::uint64_t AreaGeneration(DataArea area) const = 0;
  // A consistent copy of the whole database while it is in use: a SQLite file (online backup
  // API) or a pg_dump custom-format archive. The destination is created readable by its owner
  // only (0600: it holds full ID numbers); an existing file, the live database among them, is
  // refused with Conflict "backup.exists" and left untouched.
  virtual void Backup(const std::string& destination_path) = 0;
  // The statement counters of this store's connections (app/database_stats.hpp); zero for a
  // store that does not count.
  virtual DatabaseStats Statistics() const { return {}; }
  // The read replica's counts and, asked now (two round trips), its replay lag; not
  // `configured` without one.
  virtual ReplicaStats Replica() { return {}; }
  // PostgreSQL: makes the month partitions from `now`'s China month to `months_ahead` months
  // later that do not exist yet, for every table partitioned by month, and returns how many it
  // made (a row whose month has no partition is refused: the server's daily job keeps three
  // months ahead). Safe in several processes at once. SQLite partitions nothing: 0.
  virtual int EnsureMonthPartitions(domain::Epoch now, int months_ahead) {
    static_cast<void>(now);
    static_cast<void>(months_ahead);
    return 0;
  }
  // PostgreSQL: every month partition, by table, the early one first, then by month, the
  // archived ones included. SQLite: none.
  virtual std::vector<MonthPartition> MonthPartitions() { return {}; }
  // PostgreSQL: moves the partitions of `table` ("audit_log" or "matters") of the months before
  // `before_month` ("YYYY-MM"; the early partition too when that is before the first month) out
  // of the table into the schema minqing_archive, and returns how many.
  // - The audit log's archived months still refuse change and the audit chain still covers them.
  // - Matters leave with the rows that are part of them (events, attachments, search rows,
  //   sign-off codes, callbacks...); links to them from records that stay (appointments, window
  //   services, project issues...) are cleared and kept in minqing_archive.matter_links (V067).
  //   Refused whole, nothing changed, with Conflict "partitions.matters_open" while a matter
  //   before the cutoff is open, "partitions.merged_across" while a merge links a matter before
  //   the cutoff with one after it.
  // InvalidInput "partitions.bad_month" for a month that is not YYYY-MM or not before the
  // current month's end, "partitions.not_archivable" for another table. SQLite: InvalidInput
  // "partitions.needs_postgresql".
  virtual int ArchiveMonthPartitions(const std::string& table, const std::string& before_month) = 0;
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
// SQLite or "postgresql://..." for PostgreSQL. `replica_url` names a streaming replica of a
// PostgreSQL primary for BeginReplicaRead(); with SQLite it is InvalidInput
// ("store.replica_needs_postgresql"). Implemented in storage/.
std::unique_ptr<Store> OpenStore(const std::string& url, const std::string& replica_url = "");

}  // namespace minqing::app
