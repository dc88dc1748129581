// Counting and timing every statement a Database's connections run (app::DatabaseStats for GET
// /metrics) and logging those slower than log::SlowStatementThreshold() as "慢语句 slow
// statement" lines: the query's file name (or its first 200 bytes), duration, rows and the
// request id of the thread. Database wraps each connection it opens in an ObservedConnection.
// Failures are counted by kind from the exception the driver threw (connection.hpp): Conflict
// and InvalidInput are constraint violations, StorageError's code tells serialisation
// ("storage.serialization", "storage.busy") and a lost connection ("storage.connection_lost",
// "storage.open") from the rest.
// Thread-safety: StatementCounters is thread-safe (relaxed atomics); an ObservedConnection is
// used by one thread at a time, like the connection it wraps.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "app/database_stats.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

class StatementCounters {
 public:
  enum class ErrorKind { kConstraint, kSerialization, kConnection, kOther };

  void Count(std::chrono::steady_clock::duration elapsed, bool slow);
  void CountError(ErrorKind kind);
  app::DatabaseStats Snapshot() const;

 private:
  std::atomic<std::uint64_t> statements_{0};
  std::atomic<std::uint64_t> nanoseconds_{0};
  std::atomic<std::uint64_t> slow_{0};
  std::array<std::atomic<std::uint64_t>, 4> errors_{};
};

// The kind of a failure the current exception (inside a catch block) stands for.
StatementCounters::ErrorKind CurrentErrorKind();

// "household_select" when `sql` is that query file's text (or starts with it), else the
// statement's first 200 bytes (cut at a character boundary) with runs of white space as one.
std::string StatementName(std::string_view sql);

class ObservedConnection final : public Connection {
 public:
  ObservedConnection(std::unique_ptr<Connection> inner, StatementCounters& counters)
      : inner_(std::move(inner)), counters_(counters) {}

  Dialect dialect() const override { return inner_->dialect(); }
  std::int64_t Execute(std::string_view sql, const Params& params = {}) override;
  // Counted when queued; on PostgreSQL its time falls in the call that sends it (connection.hpp).
  void ExecuteLater(std::string_view sql, const Params& params = {}) override;
  std::vector<Row> Query(std::string_view sql, const Params& params = {}) override;
  void ExecuteScript(std::string_view sql) override;
  void Begin(TxMode mode) override;
  void Commit() override;
  void Rollback() override;
  void CommitAndNotify(std::string_view channel, std::string_view payload) override;
  std::optional<std::string> CommitAndRead(std::string_view channel, std::string_view payload,
                                           std::string_view read) override;
  void CopyRows(std::string_view table, const std::vector<std::string>& columns,
                const std::vector<Params>& rows) override;
  void BackupTo(const std::string& destination_path) override {
    inner_->BackupTo(destination_path);
  }

 private:
  // Runs `run` (which returns the rows it read or changed) timed and counted as `sql`.
  template <typename Run>
  auto Observe(std::string_view sql, Run&& run) -> decltype(run());

  std::unique_ptr<Connection> inner_;
  StatementCounters& counters_;
};

}  // namespace minqing::storage
