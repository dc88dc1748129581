// app::Store over a storage::Database, with the same SQL for SQLite and PostgreSQL (see
// sql/queries). Each StoreTx leases one connection for its lifetime and rolls back on
// destruction unless committed. List filters are composed from fixed SQL fragments; user text
// only ever travels as a bound parameter, and sorts map to a whitelist of ORDER BY clauses.
// Thread-safety: SqlStore is thread-safe; a transaction belongs to one thread at a time.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "app/store.hpp"
#include "storage/database.hpp"

namespace minqing::storage {

class PgConnection;
class PgListener;
class ReplicaReads;

class SqlStore final : public app::Store {
 public:
  // `db` must already be migrated (see Migrate()). With `listen_url` (a PostgreSQL database's
  // URL) the store also listens for the commits of the database's other stores (other server
  // processes), which announce the areas they wrote (kWritesChannel, sent with each commit), and
  // advances its generations for them: a cache in one process misses once another process wrote.
  //
  // With `replica_url` (a streaming replica of that PostgreSQL database) BeginReplicaRead() reads
  // from the replica when it has replayed the fence asked for (see ReplicaReads), and the store
  // keeps its fences: after each commit it reads the primary's WAL position (one more round trip,
  // only with a replica), and before advancing its generations for an announced commit too.
  explicit SqlStore(std::unique_ptr<Database> db, const std::string& listen_url = "",
                    const std::string& replica_url = "");
  ~SqlStore() override;

  // The PostgreSQL channel of commit announcements; the payload is the written areas' bits.
  static constexpr const char* kWritesChannel = "minqing_writes";

  std::unique_ptr<app::StoreTx> Begin() override;
  std::unique_ptr<app::StoreTx> BeginRead() override;
  std::unique_ptr<app::StoreTx> BeginSole() override;
  std::unique_ptr<app::StoreTx> BeginReplicaRead(app::ReadFence fence) override;
  app::ReadFence LatestFence() const override { return {generations_.position.load()}; }
  std::string Engine() const override;
  std::uint64_t WriteGeneration() const override { return generations_.all.load(); }
  std::uint64_t AreaGeneration(app::DataArea area) const override;
  void Backup(const std::string& destination_path) override;
  app::DatabaseStats Statistics() const override { return db_->counters().Snapshot(); }
  app::ReplicaStats Replica() override;
  int EnsureMonthPartitions(domain::Epoch now, int months_ahead) override;
  std::vector<app::MonthPartition> MonthPartitions() override;
  int ArchiveMonthPartitions(const std::string& table, const std::string& before_month) override;

  Database& database() { return *db_; }
  // The replica's reads, or null without one.
  const ReplicaReads* replica() const { return replica_.get(); }

  // The write generations: `all` grows with every commit, areas[i] with the commits that may
  // have changed a table of the area with bit i (see written_areas.hpp). With a replica,
  // `position` is the primary's WAL position at the latest advance, stored before the counters
  // grow, so that a reader who sees a generation also sees a position that includes its writes.
  struct Generations {
    std::atomic<std::uint64_t> all{0};
    std::array<std::atomic<std::uint64_t>, 3> areas{};
    std::atomic<std::uint64_t> position{0};
    void Advance(unsigned written_areas, std::uint64_t wal_position = 0);
  };

 private:
  std::unique_ptr<Database> db_;
  std::unique_ptr<ReplicaReads> replica_;
  Generations generations_;
  // The listener thread's own connection to the primary, for the WAL positions (with a replica).
  std::unique_ptr<PgConnection> listener_primary_;
  // Last, so that it stops before the generations it advances go.
  std::unique_ptr<PgListener> listener_;
};

// Opens a pool for `url` ("postgresql://..." / "postgres://..." or a SQLite file path) without
// migrating it.
std::unique_ptr<Database> OpenDatabase(const std::string& url);

}  // namespace minqing::storage
