// The server's log: human lines (the default, as `minqing` always printed them: information on
// stdout, warnings and errors on stderr) or, with Format::kJson, one JSON object per line on
// stderr for a log shipper: {"time":"2026-12-04T10:00:00.123Z","level":"info","msg":"...",
// ...fields, "request_id":"..." when the thread is inside a RequestScope}.
// Also the slow-statement threshold that storage reads (off until set; `minqing serve` sets it).
// Each line is written with one write(2), so lines from different threads never interleave.
// Thread-safety: everything may be called from any thread; SetFormat() and
// SetSlowStatementThreshold() are meant for start-up but are safe at any time (atomics).
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace minqing::log {

enum class Format { kText, kJson };
enum class Level { kInfo, kWarn, kError };

// "text" or "json"; nullopt for anything else.
std::optional<Format> ParseFormat(std::string_view text);
void SetFormat(Format format);
Format CurrentFormat();

// One key and value of a structured line. Text lines show them as " key=value". A field whose
// value is std::monostate (absent, e.g. no account) is left out of the line.
struct Field {
  std::string_view key;
  std::variant<std::monostate, std::string_view, std::int64_t, double, bool> value;
};

// Writes one line. `message` is the human text (Chinese and English as the CLI writes them).
void Write(Level level, std::string_view message, std::initializer_list<Field> fields = {});
inline void Info(std::string_view message, std::initializer_list<Field> fields = {}) {
  Write(Level::kInfo, message, fields);
}
inline void Warn(std::string_view message, std::initializer_list<Field> fields = {}) {
  Write(Level::kWarn, message, fields);
}
inline void Error(std::string_view message, std::initializer_list<Field> fields = {}) {
  Write(Level::kError, message, fields);
}

// Appends `text` escaped for a JSON string (quotes, backslash, control characters).
void AppendJsonEscaped(std::string& out, std::string_view text);

// The line Write() would produce in JSON at `time` (tests parse it; Write uses it).
std::string JsonLine(std::chrono::system_clock::time_point time, Level level,
                     std::string_view message, std::initializer_list<Field> fields,
                     std::string_view request_id);

// While alive, lines written by this thread carry `request_id` (the HTTP request being handled);
// nested scopes restore the outer one. Work handed to another thread does not inherit it.
class RequestScope {
 public:
  explicit RequestScope(std::string request_id);
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

 private:
  std::string previous_;
};
// The id of the request this thread is handling, empty outside a RequestScope.
const std::string& CurrentRequestId();

// Statements that take at least this long are logged (storage's slow-statement log): nullopt
// (the default) logs none, zero logs every statement.
void SetSlowStatementThreshold(std::optional<std::chrono::microseconds> threshold);
std::optional<std::chrono::microseconds> SlowStatementThreshold();

// A request id as the server accepts one from a client: 1 to 64 characters of [A-Za-z0-9._-].
bool IsSaneRequestId(std::string_view id);
// A fresh request id: 16 random lower-case hex digits (64 bits).
std::string NewRequestId();

}  // namespace minqing::log
