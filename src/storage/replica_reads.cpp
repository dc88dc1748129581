#include "storage/replica_reads.hpp"

#include <charconv>
#include <iostream>
#include <optional>
#include <utility>
#include <vector>

#include "domain/errors.hpp"
#include "storage/postgres/pg_connection.hpp"

namespace minqing::storage {
namespace {

// As many as the primary's pool: the HTTP workers plus background jobs.
constexpr std::size_t kReplicaPoolSize = 16;

// A replica that cannot be reached must not hold a request for libpq's default (no limit on TCP).
std::string WithConnectTimeout(const std::string& url) {
  if (url.find("connect_timeout=") != std::string::npos) return url;
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=2";
}

// How far a server has replayed; a server not in recovery (a replica promoted, or the primary
// itself) has everything it has written.
constexpr const char* kReplayedPositionSql =
    "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() "
    "ELSE pg_current_wal_insert_lsn() END::text";

std::int64_t SteadyNow() { return std::chrono::steady_clock::now().time_since_epoch().count(); }

// The WAL position a one-value statement answers on `conn`, or nullopt when it answers none.
std::optional<std::uint64_t> ReadWalPosition(Connection& conn, std::string_view sql) {
  const std::vector<Row> rows = conn.Query(sql, {});
  if (rows.size() != 1 || rows[0].IsNull(0)) return std::nullopt;
  return ParseWalPosition(rows[0].GetText(0));
}

}  // namespace

std::optional<std::uint64_t> ParseWalPosition(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash > 8 || text.size() - slash - 1 > 8 ||
      slash + 1 == text.size()) {
    return std::nullopt;
  }
  std::uint32_t high = 0;
  std::uint32_t low = 0;
  const char* end = text.data() + text.size();
  auto [high_end, high_error] = std::from_chars(text.data(), text.data() + slash, high, 16);
  auto [low_end, low_error] = std::from_chars(text.data() + slash + 1, end, low, 16);
  if (high_error != std::errc() || high_end != text.data() + slash || low_error != std::errc() ||
      low_end != end) {
    return std::nullopt;
  }
  return (static_cast<std::uint64_t>(high) << 32) | low;
}

std::uint64_t PrimaryWalPosition(Connection& primary) {
  const std::optional<std::uint64_t> position = ReadWalPosition(primary, kPrimaryWalPositionSql);
  if (!position) throw domain::StorageError("storage.wal_position", "无法读取主库的日志位置");
  return *position;
}

ReplicaReads::ReplicaReads(const std::string& url)
    : db_(
          Dialect::kPostgres,
          [url = WithConnectTimeout(url)] { return std::make_unique<PgConnection>(url); },
          kReplicaPoolSize) {}

std::optional<Database::Lease> ReplicaReads::BeginRead(std::uint64_t fence) {
  if (const std::int64_t until = down_until_.load(); until != 0 && SteadyNow() < until) {
    down_.fetch_add(1);
    return std::nullopt;
  }
  std::optional<Database::Lease> lease;
  try {
    lease.emplace(db_.Acquire());
    if (fence != 0) {
      // Before BEGIN: the snapshot taken by the transaction's first statement then includes
      // everything replayed up to the position read here.
      const std::optional<std::uint64_t> replayed = ReadWalPosition(**lease, kReplayedPositionSql);
      if (!replayed || *replayed < fence) {
        MarkUp();
        behind_.fetch_add(1);
        return std::nullopt;
      }
    }
    (*lease)->Begin(TxMode::kRead);
    // BEGIN waits for the transaction's first statement (PgConnection's pipeline): one is sent
    // now, so that a replica that went away is found here and the read goes to the primary.
    if (fence == 0) static_cast<void>((*lease)->Query("SELECT 1", {}));
  } catch (const domain::StorageError& e) {
    if (lease) lease->Discard();
    MarkDown(e.what());
    down_.fetch_add(1);
    return std::nullopt;
  }
  MarkUp();
  reads_.fetch_add(1);
  return lease;
}

std::optional<std::uint64_t> ReplicaReads::ReplayedPosition() {
  if (const std::int64_t until = down_until_.load(); until != 0 && SteadyNow() < until) {
    return std::nullopt;
  }
  try {
    auto lease = db_.Acquire();
    return ReadWalPosition(*lease, kReplayedPositionSql);
  } catch (const domain::StorageError&) {
    // Unreachable now: the next read finds out and reports it.
  }
  return std::nullopt;
}

void ReplicaReads::MarkDown(std::string_view why) {
  // The other idle connections went with the server: a later try starts afresh.
  db_.DropIdle();
  down_until_.store(
      SteadyNow() +
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(kRetryAfter).count());
  if (!reported_down_.exchange(true)) {
    std::cerr << "只读副本不可用，读请求改由主库回答 / the read replica is unavailable, reads go "
                 "to the primary: "
              << why << std::endl;
  }
}

void ReplicaReads::MarkUp() {
  down_until_.store(0);
  if (reported_down_.exchange(false)) {
    std::cerr << "只读副本已恢复 / the read replica answers again" << std::endl;
  }
}

}  // namespace minqing::storage
