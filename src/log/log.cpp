#include "log/log.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>

namespace minqing::log {
namespace {

std::atomic<Format> g_format{Format::kText};
// Microseconds; negative: off.
std::atomic<std::int64_t> g_slow_threshold_us{-1};
thread_local std::string t_request_id;

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

}  // namespace

void AppendJsonEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
}

namespace {

void AppendString(std::string& out, std::string_view text) {
  out += '"';
  AppendJsonEscaped(out, text);
  out += '"';
}

void AppendValue(std::string& out, const Field& field, bool json) {
  if (const auto* text = std::get_if<std::string_view>(&field.value)) {
    if (json) {
      AppendString(out, *text);
    } else {
      out += *text;
    }
  } else if (const auto* number = std::get_if<std::int64_t>(&field.value)) {
    out += std::to_string(*number);
  } else if (const auto* real = std::get_if<double>(&field.value)) {
    if (!std::isfinite(*real)) {
      out += json ? "null" : "-";
    } else {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.3f", *real);
      out += buffer;
    }
  } else {
    out += std::get<bool>(field.value) ? "true" : "false";
  }
}

void WriteAll(int fd, std::string_view line) {
  while (!line.empty()) {
    const ssize_t written = ::write(fd, line.data(), line.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return;  // Nowhere to report a failing log.
    }
    line.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace

std::optional<Format> ParseFormat(std::string_view text) {
  if (text == "text") return Format::kText;
  if (text == "json") return Format::kJson;
  return std::nullopt;
}

void SetFormat(Format format) { g_format.store(format, std::memory_order_relaxed); }
Format CurrentFormat() { return g_format.load(std::memory_order_relaxed); }

std::string JsonLine(std::chrono::system_clock::time_point time, Level level,
                     std::string_view message, std::initializer_list<Field> fields,
                     std::string_view request_id) {
  const auto since_epoch = time.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
  const std::time_t whole = static_cast<std::time_t>(seconds.count());
  std::tm utc{};
  gmtime_r(&whole, &utc);
  char stamp[64];
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  std::string out;
  out.reserve(128 + message.size());
  out += "{\"time\":\"";
  out += stamp;
  out += "\",\"level\":\"";
  out += LevelName(level);
  out += "\",\"msg\":";
  AppendString(out, message);
  bool has_request_id = false;
  for (const Field& field : fields) {
    if (std::holds_alternative<std::monostate>(field.value)) continue;
    out += ',';
    AppendString(out, field.key);
    out += ':';
    AppendValue(out, field, true);
    has_request_id = has_request_id || field.key == "request_id";
  }
  if (!has_request_id && !request_id.empty()) {
    out += ",\"request_id\":";
    AppendString(out, request_id);
  }
  out += "}\n";
  return out;
}

void Write(Level level, std::string_view message, std::initializer_list<Field> fields) {
  if (CurrentFormat() == Format::kJson) {
    WriteAll(STDERR_FILENO,
             JsonLine(std::chrono::system_clock::now(), level, message, fields, t_request_id));
    return;
  }
  std::string line(message);
  for (const Field& field : fields) {
    if (std::holds_alternative<std::monostate>(field.value)) continue;
    line += ' ';
    line += field.key;
    line += '=';
    AppendValue(line, field, false);
  }
  line += '\n';
  // The human lines go where `minqing` always wrote them; stdout may be buffered by iostreams
  // elsewhere in the process, so flush it first to keep the order.
  if (level == Level::kInfo) {
    std::fflush(stdout);
    WriteAll(STDOUT_FILENO, line);
  } else {
    WriteAll(STDERR_FILENO, line);
  }
}

RequestScope::RequestScope(std::string request_id) : previous_(std::move(t_request_id)) {
  t_request_id = std::move(request_id);
}

RequestScope::~RequestScope() { t_request_id = std::move(previous_); }

const std::string& CurrentRequestId() { return t_request_id; }

void SetSlowStatementThreshold(std::optional<std::chrono::microseconds> threshold) {
  g_slow_threshold_us.store(threshold ? std::max<std::int64_t>(0, threshold->count()) : -1,
                            std::memory_order_relaxed);
}

std::optional<std::chrono::microseconds> SlowStatementThreshold() {
  const std::int64_t us = g_slow_threshold_us.load(std::memory_order_relaxed);
  if (us < 0) return std::nullopt;
  return std::chrono::microseconds(us);
}

bool IsSaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(generator()));
  return buffer;
}

}  // namespace minqing::log
