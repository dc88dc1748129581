#include "storage/sql_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <utility>

#include "domain/errors.hpp"
#include "domain/work_calendar.hpp"
#include "storage/audit_chain.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_listener.hpp"
#include "storage/replica_reads.hpp"
#include "storage/sql_account_repository.hpp"
#include "storage/sql_away_repository.hpp"
#include "storage/sql_files.hpp"
#include "storage/sql_helpers.hpp"
#include "storage/sql_matter_repository.hpp"
#include "storage/sql_meeting_repository.hpp"
#include "storage/sql_messaging_repository.hpp"
#include "storage/sql_monthly_report_repository.hpp"
#include "storage/sql_network_repository.hpp"
#include "storage/sql_open311_repository.hpp"
#include "storage/sql_pairing_repository.hpp"
#include "storage/sql_posting_repository.hpp"
#include "storage/sql_project_repository.hpp"
#include "storage/sql_provider_repository.hpp"
#include "storage/sql_registry_repository.hpp"
#include "storage/sql_service_info_repository.hpp"
#include "storage/sql_settings_repository.hpp"
#include "storage/sql_survey_repository.hpp"
#include "storage/sql_tag_map_repository.hpp"
#include "storage/sql_volunteer_repository.hpp"
#include "storage/sql_vote_repository.hpp"
#include "storage/sql_window_rating_repository.hpp"
#include "storage/written_areas.hpp"

namespace minqing::storage {
namespace {

class SqlStoreTx final : public app::StoreTx {
 public:
  // `generations` are advanced after a successful commit; null for read transactions. With
  // `read_position` the primary's WAL position is read after the commit and advances the
  // generations' position (a store with a replica).
  SqlStoreTx(Database& db, TxMode mode, SqlStore::Generations* generations,
             bool read_position = false)
      : lease_(db.Acquire()), generations_(generations), read_position_(read_position) {
    if (generations_) tracker_.emplace(*lease_);
    lease_->Begin(mode);
  }
  // A read transaction already begun on `lease` (a replica's).
  explicit SqlStoreTx(Database::Lease lease)
      : lease_(std::move(lease)), generations_(nullptr), read_position_(false) {}

  ~SqlStoreTx() override {
    if (committed_) return;
    try {
      lease_->Rollback();
    } catch (...) {
      // A connection whose rollback failed may be broken; never hand it to another caller.
      lease_.Discard();
    }
  }

  app::RegistryRepository& Registry() override {
    if (!registry_) registry_ = MakeSqlRegistryRepository(conn());
    return *registry_;
  }
  app::AccountRepository& Accounts() override {
    if (!accounts_) accounts_ = MakeSqlAccountRepository(conn());
    return *accounts_;
  }
  app::MatterRepository& Matters() override {
    if (!matters_) matters_ = std::make_unique<SqlMatterRepository>(conn());
    return *matters_;
  }
  app::NetworkRepository& Network() override {
    if (!network_) network_ = std::make_unique<SqlNetworkRepository>(conn());
    return *network_;
  }
  app::SettingsRepository& Settings() override {
    if (!settings_) settings_ = MakeSqlSettingsRepository(conn());
    return *settings_;
  }
  app::MessagingRepository& Messaging() override {
    if (!messaging_) messaging_ = MakeSqlMessagingRepository(conn());
    return *messaging_;
  }
  app::PostingRepository& Postings() override {
    if (!postings_) postings_ = MakeSqlPostingRepository(conn());
    return *postings_;
  }
  app::VoteRepository& Votes() override {
    if (!votes_) votes_ = MakeSqlVoteRepository(conn());
    return *votes_;
  }
  app::WindowRatingRepository& WindowRatings() override {
    if (!window_ratings_) window_ratings_ = MakeSqlWindowRatingRepository(conn());
    return *window_ratings_;
  }
  app::ServiceInfoRepository& ServiceInfo() override {
    if (!service_info_) service_info_ = MakeSqlServiceInfoRepository(conn());
    return *service_info_;
  }
  app::SurveyRepository& Surveys() override {
    if (!surveys_) surveys_ = MakeSqlSurveyRepository(conn());
    return *surveys_;
  }
  app::ProjectRepository& Projects() override {
    if (!projects_) projects_ = MakeSqlProjectRepository(conn());
    return *projects_;
  }
  app::MeetingRepository& Meetings() override {
    if (!meetings_) meetings_ = MakeSqlMeetingRepository(conn());
    return *meetings_;
  }
  app::PairingRepository& Pairing() override {
    if (!pairing_) pairing_ = MakeSqlPairingRepository(conn());
    return *pairing_;
  }
  app::AwayRepository& Away() override {
    if (!away_) away_ = MakeSqlAwayRepository(conn());
    return *away_;
  }
  app::VolunteerRepository& Volunteers() override {
    if (!volunteers_) volunteers_ = MakeSqlVolunteerRepository(conn());
    return *volunteers_;
  }
  app::MonthlyReportRepository& MonthlyReports() override {
    if (!monthly_reports_) monthly_reports_ = MakeSqlMonthlyReportRepository(conn());
    return *monthly_reports_;
  }
  app::ProviderRepository& Providers() override {
    if (!providers_) providers_ = MakeSqlProviderRepository(conn());
    return *providers_;
  }
  app::TagMapRepository& TagMap() override {
    if (!tag_map_) tag_map_ = MakeSqlTagMapRepository(conn());
    return *tag_map_;
  }
  app::Open311Repository& Open311() override {
    if (!open311_) open311_ = MakeSqlOpen311Repository(conn());
    return *open311_;
  }

  void Commit() override {
    if (matters_) matters_->FlushPending();
    if (registry_) registry_->FlushPending();
    // Last, so that the chain head (locked on PostgreSQL) is held only until the commit.
    FlushAudit();
    // A write's areas reach the database's other stores (server processes) with the commit, and
    // with a replica the primary's log position after it comes back in the same round trip.
    std::optional<std::string> position_text;
    if (tracker_ && generations_ && read_position_) {
      position_text =
          lease_->CommitAndRead(SqlStore::kWritesChannel, std::to_string(tracker_->written_areas()),
                                kPrimaryWalPositionSql);
    } else if (tracker_) {
      lease_->CommitAndNotify(SqlStore::kWritesChannel, std::to_string(tracker_->written_areas()));
    } else {
      lease_->Commit();
    }
    committed_ = true;
    if (!generations_) return;
    // Without its position (its read failed after the commit) the fences stay where they were,
    // and a session's next replica read may miss this write until the next commit's position.
    std::uint64_t position = 0;
    if (position_text) position = ParseWalPosition(*position_text).value_or(0);
    generations_->Advance(tracker_->written_areas(), position);
  }

  // Audit.
  void AppendAudit(const domain::AuditEntry& a) override { pending_audit_.push_back(a); }
  domain::Page<domain::AuditEntry> ListAudit(const app::AuditFilter& filter,
                                             const domain::PageRequest& page) override {
    FlushAudit();
    QueryBuilder b;
    if (!filter.entity.empty()) b.Where("a.entity = " + b.Param(filter.entity));
    if (filter.entity_id) b.Where("a.entity_id = " + b.Param(*filter.entity_id));
    if (filter.user_id) b.Where("a.user_id = " + b.Param(*filter.user_id));
    if (!filter.request_id.empty()) b.Where("a.request_id = " + b.Param(filter.request_id));
    return ListPage<domain::AuditEntry>(conn(), sql::audit_select, sql::audit_count, b,
                                        "a.at DESC, a.id DESC", page, ReadAudit);
  }

  domain::ChainHead AuditChainHead() override { return ReadChainHead(conn()); }
  domain::ChainReport VerifyAuditChain() override {
    FlushAudit();
    return VerifyChain(conn());
  }
  std::int64_t StartAuditChain(domain::Epoch now) override {
    FlushAudit();
    return StartChain(conn(), now).sealed;
  }
  std::optional<domain::PublishedHead> PublishAuditChainHead(const std::string& day,
                                                             domain::Epoch now) override {
    FlushAudit();
    return PublishHead(conn(), day, now);
  }
  std::vector<domain::PublishedHead> ListPublishedAuditChainHeads(int limit) override {
    return ListPublishedHeads(conn(), limit);
  }

 private:
  void FlushAudit() {
    if (pending_audit_.empty()) return;
    AppendChained(conn(), std::move(pending_audit_));
    pending_audit_.clear();
  }

  // Statements go through the tracker in write transactions, straight to the lease in reads.
  Connection& conn() { return tracker_ ? static_cast<Connection&>(*tracker_) : *lease_; }

  Database::Lease lease_;
  SqlStore::Generations* generations_;
  bool read_position_;
  std::optional<AreaTrackingConnection> tracker_;
  std::unique_ptr<SqlRegistryRepository> registry_;
  std::unique_ptr<app::AccountRepository> accounts_;
  std::unique_ptr<SqlMatterRepository> matters_;
  std::unique_ptr<SqlNetworkRepository> network_;
  std::unique_ptr<app::SettingsRepository> settings_;
  std::unique_ptr<app::MessagingRepository> messaging_;
  std::unique_ptr<app::PostingRepository> postings_;
  std::unique_ptr<app::VoteRepository> votes_;
  std::unique_ptr<app::WindowRatingRepository> window_ratings_;
  std::unique_ptr<app::ServiceInfoRepository> service_info_;
  std::unique_ptr<app::SurveyRepository> surveys_;
  std::unique_ptr<app::ProjectRepository> projects_;
  std::unique_ptr<app::MeetingRepository> meetings_;
  std::unique_ptr<app::PairingRepository> pairing_;
  std::unique_ptr<app::AwayRepository> away_;
  std::unique_ptr<app::VolunteerRepository> volunteers_;
  std::unique_ptr<app::ProviderRepository> providers_;
  std::unique_ptr<app::MonthlyReportRepository> monthly_reports_;
  std::unique_ptr<app::TagMapRepository> tag_map_;
  std::unique_ptr<app::Open311Repository> open311_;
  std::vector<domain::AuditEntry> pending_audit_;
  bool committed_ = false;
};

}  // namespace

SqlStore::SqlStore(std::unique_ptr<Database> db, const std::string& listen_url,
                   const std::string& replica_url)
    : db_(std::move(db)) {
  if (!replica_url.empty()) {
    if (db_->dialect() != Dialect::kPostgres) {
      throw domain::InvalidInput("store.replica_needs_postgresql",
                                 "只读副本只能用于 PostgreSQL 数据库");
    }
    replica_ = std::make_unique<ReplicaReads>(replica_url);
  }
  if (listen_url.empty() || db_->dialect() != Dialect::kPostgres) return;
  listener_ = std::make_unique<PgListener>(
      listen_url, kWritesChannel, [this, listen_url](const std::string& payload) {
        // An empty or unreadable payload (or a lost connection) counts for every area.
        unsigned areas = app::kAllDataAreas;
        if (!payload.empty() && payload.size() < 4 &&
            std::all_of(payload.begin(), payload.end(),
                        [](char c) { return c >= '0' && c <= '9'; })) {
          areas = static_cast<unsigned>(std::stoul(payload)) & app::kAllDataAreas;
        }
        // The announced commit is in the primary's WAL by now: its position now covers it.
        std::uint64_t position = 0;
        if (replica_) {
          try {
            if (!listener_primary_) listener_primary_ = std::make_unique<PgConnection>(listen_url);
            position = PrimaryWalPosition(*listener_primary_);
          } catch (const domain::StorageError&) {
            listener_primary_.reset();
          }
        }
        generations_.Advance(areas, position);
      });
}

SqlStore::~SqlStore() = default;

std::unique_ptr<app::StoreTx> SqlStore::Begin() {
  return std::make_unique<SqlStoreTx>(*db_, TxMode::kWrite, &generations_, replica_ != nullptr);
}

std::unique_ptr<app::StoreTx> SqlStore::BeginSole() {
  return std::make_unique<SqlStoreTx>(*db_, TxMode::kSoleWrite, &generations_, replica_ != nullptr);
}

std::unique_ptr<app::StoreTx> SqlStore::BeginReplicaRead(app::ReadFence fence) {
  if (replica_) {
    if (auto lease = replica_->BeginRead(fence.position)) {
      return std::make_unique<SqlStoreTx>(std::move(*lease));
    }
  }
  return BeginRead();
}

std::unique_ptr<app::StoreTx> SqlStore::BeginRead() {
  return std::make_unique<SqlStoreTx>(*db_, TxMode::kRead, nullptr);
}

void SqlStore::Generations::Advance(unsigned written_areas, std::uint64_t wal_position) {
  std::uint64_t known = position.load();
  while (wal_position > known && !position.compare_exchange_weak(known, wal_position)) {
  }
  for (std::size_t i = 0; i < areas.size(); ++i) {
    if ((written_areas & (1U << i)) != 0) areas[i].fetch_add(1);
  }
  all.fetch_add(1);
}

std::uint64_t SqlStore::AreaGeneration(app::DataArea area) const {
  const auto bit = static_cast<unsigned>(area);
  for (std::size_t i = 0; i < generations_.areas.size(); ++i) {
    if (bit == (1U << i)) return generations_.areas[i].load();
  }
  return generations_.all.load();
}

std::string SqlStore::Engine() const {
  return db_->dialect() == Dialect::kSqlite ? "sqlite" : "postgresql";
}

app::ReplicaStats SqlStore::Replica() {
  app::ReplicaStats stats;
  if (!replica_) return stats;
  stats.configured = true;
  stats.reads = replica_->reads();
  stats.behind = replica_->behind();
  stats.down = replica_->down();
  if (const auto replayed = replica_->ReplayedPosition()) {
    try {
      auto conn = db_->Acquire();
      const std::uint64_t written = PrimaryWalPosition(*conn);
      stats.lag_bytes = written > *replayed ? written - *replayed : 0;
    } catch (const domain::StorageError&) {
      // The primary did not answer: no lag to show.
    }
  }
  return stats;
}

int SqlStore::EnsureMonthPartitions(domain::Epoch now, int months_ahead) {
  if (db_->dialect() != Dialect::kPostgres) return 0;
  int year = 0;
  int month = 0;
  int day = 0;
  domain::CivilFromDay(domain::ChinaDay(now), year, month, day);
  const int first = year * 12 + (month - 1);
  const int last = first + std::max(0, months_ahead);
  auto month_start = [](int months) {
    return domain::FormatDate(domain::DayFromCivil(months / 12, months % 12 + 1, 1));
  };
  auto conn = db_->Acquire();
  auto rows = conn->Query(QuerySql(sql::month_partitions_ensure, Dialect::kPostgres),
                          {month_start(first), month_start(last)});
  return rows.empty() ? 0 : static_cast<int>(rows.front().GetInt64(0));
}

std::vector<app::MonthPartition> SqlStore::MonthPartitions() {
  std::vector<app::MonthPartition> out;
  if (db_->dialect() != Dialect::kPostgres) return out;
  auto conn = db_->Acquire();
  for (const Row& row : conn->Query(QuerySql(sql::month_partitions_list, Dialect::kPostgres))) {
    out.push_back({row.GetText(0), row.GetText(1), row.GetText(2), row.GetInt64(3), row.GetInt64(4),
                   row.GetInt64(5) != 0});
  }
  return out;
}

namespace {

// The matters' part of ArchiveMonthPartitions (V067), in one transaction on `conn`.
int ArchiveMatterMonths(Connection& conn, const std::string& before_month) {
  // One transaction: the rows that are part of the matters, the links cleared and the partitions
  // detached leave together or not at all.
  conn.Begin(TxMode::kWrite);
  try {
    const auto rows = conn.Query(QuerySql(sql::matter_months_archive, Dialect::kPostgres),
                                 {before_month + "-01"});
    const Row& result = rows.at(0);
    if (const std::int64_t open = result.GetInt64(2); open > 0) {
      std::string numbers;
      for (const Row& row : conn.Query(QuerySql(sql::matter_months_open, Dialect::kPostgres),
                                       {before_month + "-01"})) {
        numbers += (numbers.empty() ? "" : "、") + row.GetText(0);
      }
      throw domain::Conflict("partitions.matters_open",
                             before_month + " 以前还有 " + std::to_string(open) +
                                 " 件诉求未办结（" + numbers + (open > 5 ? " 等" : "") +
                                 "），办结后或选更早的月份才能归档 / matters before the month are "
                                 "still open");
    }
    if (const std::int64_t merged = result.GetInt64(3); merged > 0) {
      throw domain::Conflict("partitions.merged_across",
                             std::to_string(merged) + " 件诉求与 " + before_month +
                                 " 前后的诉求合并，须一并归档，请换一个月份 / merges link matters "
                                 "on both sides of the month");
    }
    // The servers of the database drop what they cached: matters left, links were cleared.
    conn.CommitAndNotify(SqlStore::kWritesChannel, std::to_string(app::kAllDataAreas));
    return static_cast<int>(result.GetInt64(0));
  } catch (...) {
    conn.Rollback();
    throw;
  }
}

}  // namespace

int SqlStore::ArchiveMonthPartitions(const std::string& table, const std::string& before_month) {
  if (db_->dialect() != Dialect::kPostgres) {
    throw domain::InvalidInput("partitions.needs_postgresql",
                               "只有 PostgreSQL 数据库按月分区，SQLite 无需归档");
  }
  if (table != "audit_log" && table != "matters") {
    throw domain::InvalidInput(
        "partitions.not_archivable",
        "只能归档审计日志和诉求的分区 / only the audit log's and the matters' "
        "partitions can be archived: " +
            table);
  }
  const auto day = domain::ParseDate(before_month + "-01");
  if (before_month.size() != 7 || !day) {
    throw domain::InvalidInput("partitions.bad_month", "月份格式应为 YYYY-MM: " + before_month);
  }
  auto conn = db_->Acquire();
  try {
    if (table == "matters") return ArchiveMatterMonths(*conn, before_month);
    auto rows = conn->Query(QuerySql(sql::month_partitions_archive, Dialect::kPostgres),
                            {table, before_month + "-01"});
    return rows.empty() ? 0 : static_cast<int>(rows.front().GetInt64(0));
  } catch (const domain::InvalidInput& e) {
    // The functions' one refusal of their own (V062, V067); another constraint's stays as it is.
    if (std::string(e.what()).find("never archived") == std::string::npos) throw;
    throw domain::InvalidInput("partitions.bad_month",
                               "当月及以后的分区不能归档 / the current month and later are never "
                               "archived: " +
                                   before_month);
  }
}

void SqlStore::Backup(const std::string& destination_path) {
  // Created here, exclusively and 0600, so that neither SQLite nor pg_dump decides the mode and
  // no existing file (the live database least of all) is ever overwritten.
  int fd = ::open(destination_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      throw domain::Conflict("backup.exists", "备份文件已存在，不会覆盖: " + destination_path);
    }
    throw domain::StorageError(
        "storage.backup", "无法创建备份文件 " + destination_path + ": " + std::strerror(errno));
  }
  ::close(fd);
  try {
    auto conn = db_->Acquire();
    conn->BackupTo(destination_path);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(destination_path, ignored);
    throw;
  }
}

}  // namespace minqing::storage
