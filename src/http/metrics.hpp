// The server's own counters in the Prometheus text format (version 0.0.4), served at GET /metrics:
// requests per route (method, route pattern, status class) with a latency histogram, and the
// gauges a caller adds when the page is drawn (the intake writer's queue, the SMS outbox, the
// process's memory). Routes are labelled by their pattern ("/api/v1/matters/{id}"), never by the
// path asked for, so the number of series is bounded by the route table; the web UI's files and
// requests that matched no route have one slot each.
// Only a series that has counted something is written out.
// Thread-safety: Record() may be called from any number of threads at once (relaxed atomics, no
// lock); Render() may run beside them and sees each counter at some moment of its own.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minqing::http {

// Upper bounds (seconds) of the latency histogram's buckets, +Inf aside.
inline constexpr std::array<double, 13> kLatencyBuckets = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

class HttpMetrics {
 public:
  // `routes` are the API's (method, pattern) pairs in the router's order: slot i is route i.
  explicit HttpMetrics(const std::vector<std::pair<std::string, std::string>>& routes);

  std::size_t static_slot() const { return slot_count_ - 2; }
  std::size_t unmatched_slot() const { return slot_count_ - 1; }

  // One answered request of `slot`; `status` is the HTTP status sent.
  void Record(std::size_t slot, int status, std::chrono::steady_clock::duration elapsed);

  // Appends the requests' counters and histograms.
  void Render(std::string& out) const;

 private:
  struct Slot {
    std::string method;
    std::string pattern;
    std::array<std::atomic<std::uint64_t>, 5> by_class{};  // 1xx .. 5xx
    std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size() + 1>
        buckets{};  // Not cumulative.
    std::atomic<std::uint64_t> sum_nanoseconds{0};
  };

  std::size_t slot_count_;
  std::unique_ptr<Slot[]> slots_;
};

// Appends one sample line `name{labels} value` (labels already formatted, may be empty), with
// the # TYPE line first when `type` is not empty.
void AppendMetric(std::string& out, std::string_view name, std::string_view labels, double value,
                  std::string_view type = "");

// A label value escaped as the text format wants it (backslash, double quote, line feed).
std::string MetricLabel(std::string_view value);

// The resident set size of this process in bytes (from /proc/self/statm), 0 where unknown.
std::uint64_t ResidentMemoryBytes();

}  // namespace minqing::http
