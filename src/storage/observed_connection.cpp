#include "storage/observed_connection.hpp"

#include <algorithm>
#include <exception>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/errors.hpp"
#include "log/log.hpp"
#include "storage/sql_files.hpp"

namespace minqing::storage {
namespace {

constexpr std::size_t kStatementTextBytes = 200;

std::string_view TrimEnd(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == ';' ||
                           text.back() == '\r' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// The embedded queries' texts (both dialects) with their names, longest first so that the first
// prefix found is the most specific.
const std::vector<std::pair<std::string_view, std::string_view>>& KnownQueries() {
  static const auto queries = [] {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    for (const QueryText& query : EmbeddedQueries()) {
      for (std::string_view text : {query.shared, query.postgres}) {
        text = TrimEnd(text);
        if (!text.empty()) out.emplace_back(text, query.name);
      }
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    return out;
  }();
  return queries;
}

}  // namespace

void StatementCounters::Count(std::chrono::steady_clock::duration elapsed, bool slow) {
  statements_.fetch_add(1, std::memory_order_relaxed);
  nanoseconds_.fetch_add(static_cast<std::uint64_t>(
                             std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count()),
                         std::memory_order_relaxed);
  if (slow) slow_.fetch_add(1, std::memory_order_relaxed);
}

void StatementCounters::CountError(ErrorKind kind) {
  errors_[static_cast<std::size_t>(kind)].fetch_add(1, std::memory_order_relaxed);
}

app::DatabaseStats StatementCounters::Snapshot() const {
  app::DatabaseStats stats;
  stats.statements = statements_.load(std::memory_order_relaxed);
  stats.statement_seconds = static_cast<double>(nanoseconds_.load(std::memory_order_relaxed)) / 1e9;
  stats.slow_statements = slow_.load(std::memory_order_relaxed);
  stats.constraint_errors = errors_[0].load(std::memory_order_relaxed);
  stats.serialization_errors = errors_[1].load(std::memory_order_relaxed);
  stats.connection_errors = errors_[2].load(std::memory_order_relaxed);
  stats.other_errors = errors_[3].load(std::memory_order_relaxed);
  return stats;
}

StatementCounters::ErrorKind CurrentErrorKind() {
  try {
    throw;
  } catch (const domain::Conflict&) {
    return StatementCounters::ErrorKind::kConstraint;
  } catch (const domain::InvalidInput&) {
    return StatementCounters::ErrorKind::kConstraint;
  } catch (const domain::StorageError& e) {
    const std::string& code = e.code();
    if (code == "storage.serialization" || code == "storage.busy") {
      return StatementCounters::ErrorKind::kSerialization;
    }
    if (code == "storage.connection_lost" || code == "storage.open") {
      return StatementCounters::ErrorKind::kConnection;
    }
    return StatementCounters::ErrorKind::kOther;
  } catch (...) {
    return StatementCounters::ErrorKind::kOther;
  }
}

std::string StatementName(std::string_view sql) {
  const std::string_view trimmed = TrimEnd(sql);
  for (const auto& [text, name] : KnownQueries()) {
    if (trimmed.starts_with(text)) return std::string(name);
  }
  std::string out;
  bool space = false;
  for (char c : sql) {
    const bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (blank) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (out.size() >= kStatementTextBytes) break;
  }
  if (out.size() > kStatementTextBytes) out.resize(kStatementTextBytes);
  // Never end inside a UTF-8 character: drop continuation bytes and the lead byte they follow.
  if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80) != 0) {
    std::size_t end = out.size();
    while (end > 0 && (static_cast<unsigned char>(out[end - 1]) & 0xC0) == 0x80) --end;
    if (end > 0 && (static_cast<unsigned char>(out[end - 1]) & 0xC0) == 0xC0) {
      const unsigned char lead = static_cast<unsigned char>(out[end - 1]);
      const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      if (out.size() - (end - 1) < length) out.resize(end - 1);
    }
  }
  return out;
}

template <typename Run>
auto ObservedConnection::Observe(std::string_view sql, Run&& run) -> decltype(run()) {
  using Result = decltype(run());
  const auto threshold = log::SlowStatementThreshold();
  const auto start = std::chrono::steady_clock::now();
  auto finish = [&](std::int64_t rows) {
    const auto elapsed = std::chrono::steady_clock::now() - start;
    const bool slow = threshold && elapsed >= *threshold;
    counters_.Count(elapsed, slow);
    if (!slow) return;
    const std::string name = StatementName(sql);
    const double ms = std::chrono::duration<double, std::milli>(elapsed).count();
    log::Field row_count{"rows", std::monostate{}};
    if (rows >= 0) row_count.value = rows;
    log::Warn("慢语句 slow statement",
              {{"sql", std::string_view(name)}, {"duration_ms", ms}, row_count});
  };
  try {
    if constexpr (std::is_void_v<Result>) {
      run();
      finish(-1);
    } else {
      Result result = run();
      if constexpr (std::is_integral_v<Result>) {
        finish(static_cast<std::int64_t>(result));
      } else {
        finish(static_cast<std::int64_t>(result.size()));
      }
      return result;
    }
  } catch (...) {
    counters_.CountError(CurrentErrorKind());
    counters_.Count(std::chrono::steady_clock::now() - start, false);
    throw;
  }
}

std::int64_t ObservedConnection::Execute(std::string_view sql, const Params& params) {
  return Observe(sql, [&] { return inner_->Execute(sql, params); });
}

void ObservedConnection::ExecuteLater(std::string_view sql, const Params& params) {
  Observe(sql, [&] { inner_->ExecuteLater(sql, params); });
}

std::vector<Row> ObservedConnection::Query(std::string_view sql, const Params& params) {
  return Observe(sql, [&] { return inner_->Query(sql, params); });
}

void ObservedConnection::ExecuteScript(std::string_view sql) {
  Observe(sql, [&] { inner_->ExecuteScript(sql); });
}

void ObservedConnection::Begin(TxMode mode) {
  Observe(mode == TxMode::kRead ? "BEGIN" : "BEGIN (write)", [&] { inner_->Begin(mode); });
}

void ObservedConnection::Commit() {
  Observe("COMMIT", [&] { inner_->Commit(); });
}

void ObservedConnection::Rollback() {
  Observe("ROLLBACK", [&] { inner_->Rollback(); });
}

void ObservedConnection::CommitAndNotify(std::string_view channel, std::string_view payload) {
  Observe("COMMIT", [&] { inner_->CommitAndNotify(channel, payload); });
}

std::optional<std::string> ObservedConnection::CommitAndRead(std::string_view channel,
                                                             std::string_view payload,
                                                             std::string_view read) {
  std::optional<std::string> value;
  Observe("COMMIT", [&] { value = inner_->CommitAndRead(channel, payload, read); });
  return value;
}

void ObservedConnection::CopyRows(std::string_view table, const std::vector<std::string>& columns,
                                  const std::vector<Params>& rows) {
  const std::string label = "COPY " + std::string(table);
  Observe(label, [&] { inner_->CopyRows(table, columns, rows); });
}

}  // namespace minqing::storage
