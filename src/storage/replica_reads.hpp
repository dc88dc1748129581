// Reads from a PostgreSQL streaming replica (serve --replica-url) on a pool of its own. A lease is
// handed out only when the replica is reachable and has replayed the fence asked for: its replay
// position (pg_last_wal_replay_lsn) is read before the read transaction begins, so the snapshot
// the transaction then takes holds everything up to that position. When the replica cannot be
// reached, or a statement on it fails before the transaction begins, the pool's idle connections
// are dropped, the failure is logged once (one line on stderr, and one when the replica answers
// again), and no lease is offered for kRetryAfter: callers read from the primary meanwhile.
// Thread-safety: ReplicaReads is thread-safe; a lease belongs to one thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storage/database.hpp"

namespace minqing::storage {

// A PostgreSQL WAL position as pg_lsn prints it ("16/B374D848": two hexadecimal halves) as one
// number, or nullopt when the text is not one.
std::optional<std::uint64_t> ParseWalPosition(std::string_view text);

// The statement that reads where the primary's WAL will end once everything committed so far is
// in it (its insert position: right also with synchronous_commit off, when a commit's record may
// not yet be written out), as text for ParseWalPosition. A write reads it in its commit's round
// trip (Connection::CommitAndRead).
inline constexpr std::string_view kPrimaryWalPositionSql =
    "SELECT pg_current_wal_insert_lsn()::text";
// That position read on `primary` on its own. Throws domain::StorageError when the server does
// not say.
std::uint64_t PrimaryWalPosition(Connection& primary);

class ReplicaReads {
 public:
  static constexpr std::chrono::seconds kRetryAfter{5};

  // `url` names the replica (a PostgreSQL URL); nothing connects until the first lease.
  explicit ReplicaReads(const std::string& url);

  // A connection to the replica in a read transaction (TxMode::kRead) that includes `fence`, or
  // nullopt when the replica is down or behind the fence.
  std::optional<Database::Lease> BeginRead(std::uint64_t fence);

  // Counts since the start, for tests and logs: reads begun on the replica, reads refused because
  // it was behind their fence, and reads refused because it was down.
  std::uint64_t reads() const { return reads_.load(); }
  std::uint64_t behind() const { return behind_.load(); }
  std::uint64_t down() const { return down_.load(); }

  // How far the replica has replayed (pg_last_wal_replay_lsn; a server not in recovery: its own
  // insert position), or nullopt when it cannot be reached now (not counted as a read, and it
  // does not mark the replica down: a monitoring scrape only looks).
  std::optional<std::uint64_t> ReplayedPosition();

 private:
  void MarkDown(std::string_view why);
  void MarkUp();

  Database db_;
  std::atomic<std::int64_t> down_until_{0};  // steady_clock ticks; 0 while up.
  std::atomic<bool> reported_down_{false};
  std::atomic<std::uint64_t> reads_{0};
  std::atomic<std::uint64_t> behind_{0};
  std::atomic<std::uint64_t> down_{0};
};

}  // namespace minqing::storage
