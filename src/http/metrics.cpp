#include "http/metrics.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace minqing::http {
namespace {

std::string FormatNumber(double value) {
  char buffer[64];
  if (value == static_cast<double>(static_cast<std::int64_t>(value)) && value < 1e15 &&
      value > -1e15) {
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(value));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.9g", value);
  }
  return buffer;
}

// `method="…",route="…"` of a slot (appended piece by piece: g++ 12 warns falsely about a chain
// of string additions).
std::string RouteLabels(std::string_view method, std::string_view pattern) {
  std::string out = "method=\"";
  out += MetricLabel(method);
  out += "\",route=\"";
  out += MetricLabel(pattern);
  out += '"';
  return out;
}

}  // namespace

HttpMetrics::HttpMetrics(const std::vector<std::pair<std::string, std::string>>& routes)
    : slot_count_(routes.size() + 2), slots_(std::make_unique<Slot[]>(slot_count_)) {
  std::vector<std::pair<std::string, std::string>> names = routes;
  names.emplace_back("*", "(web)");   // static_slot()
  names.emplace_back("*", "(none)");  // unmatched_slot()
  for (std::size_t i = 0; i < names.size(); ++i) {
    slots_[i].method = std::move(names[i].first);
    slots_[i].pattern = std::move(names[i].second);
  }
}

void HttpMetrics::Record(std::size_t slot, int status,
                         std::chrono::steady_clock::duration elapsed) {
  if (slot >= slot_count_) slot = unmatched_slot();
  Slot& s = slots_[slot];
  const int status_class = status >= 100 && status < 600 ? status / 100 - 1 : 4;
  s.by_class[static_cast<std::size_t>(status_class)].fetch_add(1, std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(elapsed).count();
  std::size_t bucket = 0;
  while (bucket < kLatencyBuckets.size() && seconds > kLatencyBuckets[bucket]) ++bucket;
  s.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  s.sum_nanoseconds.fetch_add(
      static_cast<std::uint64_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count()),
      std::memory_order_relaxed);
}

void HttpMetrics::Render(std::string& out) const {
  out +=
      "# HELP minqing_http_requests_total Requests answered, by route pattern and status class.\n";
  out += "# TYPE minqing_http_requests_total counter\n";
  for (std::size_t i = 0; i < slot_count_; ++i) {
    const Slot& s = slots_[i];
    for (std::size_t c = 0; c < s.by_class.size(); ++c) {
      const std::uint64_t n = s.by_class[c].load(std::memory_order_relaxed);
      if (n == 0) continue;
      std::string labels = RouteLabels(s.method, s.pattern);
      labels += ",status=\"";
      labels += static_cast<char>('1' + c);
      labels += "xx\"";
      AppendMetric(out, "minqing_http_requests_total", labels, static_cast<double>(n));
    }
  }
  out +=
      "# HELP minqing_http_request_duration_seconds Time from a request read to its answer made.\n";
  out += "# TYPE minqing_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < slot_count_; ++i) {
    const Slot& s = slots_[i];
    std::array<std::uint64_t, kLatencyBuckets.size() + 1> counts{};
    std::uint64_t total = 0;
    for (std::size_t b = 0; b < counts.size(); ++b) {
      counts[b] = s.buckets[b].load(std::memory_order_relaxed);
      total += counts[b];
    }
    if (total == 0) continue;
    const std::string labels = RouteLabels(s.method, s.pattern);
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < counts.size(); ++b) {
      cumulative += counts[b];
      std::string bucket = labels;
      bucket += ",le=\"";
      bucket += b < kLatencyBuckets.size() ? FormatNumber(kLatencyBuckets[b]) : "+Inf";
      bucket += '"';
      AppendMetric(out, "minqing_http_request_duration_seconds_bucket", bucket,
                   static_cast<double>(cumulative));
    }
    AppendMetric(out, "minqing_http_request_duration_seconds_sum", labels,
                 static_cast<double>(s.sum_nanoseconds.load(std::memory_order_relaxed)) / 1e9);
    AppendMetric(out, "minqing_http_request_duration_seconds_count", labels,
                 static_cast<double>(cumulative));
  }
}

void AppendMetric(std::string& out, std::string_view name, std::string_view labels, double value,
                  std::string_view type) {
  if (!type.empty()) {
    out += "# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
  }
  out += name;
  if (!labels.empty()) {
    out += '{';
    out += labels;
    out += '}';
  }
  out += ' ';
  out += FormatNumber(value);
  out += '\n';
}

std::string MetricLabel(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::uint64_t ResidentMemoryBytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0;
  std::uint64_t resident = 0;
  if (!(statm >> size >> resident)) return 0;
  const long page = sysconf(_SC_PAGESIZE);
  return page > 0 ? resident * static_cast<std::uint64_t>(page) : 0;
}

}  // namespace minqing::http
