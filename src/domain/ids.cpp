#include "domain/ids.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>

namespace minqing::domain {
namespace {
constexpr std::int64_t kEpoch2020Ms = 1577836800000;
constexpr int kTimeShift = 12;
constexpr int kNodeShift = 8;
constexpr std::int64_t kNodeMask = std::int64_t{kIdNodes - 1} << kNodeShift;

std::int64_t SystemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

Id IdGenerator::Next(std::int64_t now_ms) {
  const std::int64_t node_bits = std::int64_t{node()} << kNodeShift;
  const std::int64_t candidate = FirstIdAt(now_ms) | node_bits;
  std::int64_t last = last_.load(std::memory_order_relaxed);
  for (;;) {
    std::int64_t next = candidate;
    if (next <= last) {
      next = last + 1;
      // The sequence ran over into the node bits (or the node changed): go on in the next
      // millisecond, as this node.
      if ((next & kNodeMask) != node_bits) {
        next = (((next >> kTimeShift) + 1) << kTimeShift) | node_bits;
      }
    }
    if (last_.compare_exchange_weak(last, next, std::memory_order_relaxed)) return next;
  }
}

void IdGenerator::SetNode(int node) {
  if (node < 0 || node >= kIdNodes) throw std::out_of_range("id node out of range");
  node_.store(node, std::memory_order_relaxed);
}

Id FirstIdAt(std::int64_t unix_ms) {
  return unix_ms <= kEpoch2020Ms ? 0 : (unix_ms - kEpoch2020Ms) << kTimeShift;
}

std::int64_t IdTimeMs(Id id) { return (id >> kTimeShift) + kEpoch2020Ms; }

IdGenerator& GlobalIds() {
  static IdGenerator generator;
  return generator;
}

Id NewId() { return GlobalIds().Next(SystemNowMs()); }

Id NewIdNotBefore(Epoch epoch_seconds) {
  return GlobalIds().Next(std::max<std::int64_t>(SystemNowMs(), epoch_seconds * 1000));
}

std::vector<Id> RegionPathIds(std::string_view path) {
  std::vector<Id> ids;
  std::size_t start = path.starts_with('/') ? 1 : 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) ids.push_back(std::stoll(std::string(path.substr(start, end - start))));
    start = end + 1;
  }
  return ids;
}

namespace {

// The first `segments` segments of a region path ("/1/2/" for 2 of "/1/2/3/"), or the path itself
// when it has fewer.
std::string PathPrefix(std::string_view path, std::size_t segments) {
  std::size_t slashes = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '/' && ++slashes == segments + 1) return std::string(path.substr(0, i + 1));
  }
  return std::string(path);
}

// The id of segment `index` (0 = the root) of a region path, 0 when it is shorter or malformed.
Id SegmentId(std::string_view path, std::size_t index) {
  try {
    std::vector<Id> ids = RegionPathIds(PathPrefix(path, index + 1));
    return ids.size() >= index + 1 ? ids[index] : 0;
  } catch (const std::logic_error&) {
    return 0;
  }
}

}  // namespace

std::string TownshipPath(std::string_view path, std::size_t county_index) {
  return PathPrefix(path, county_index + 2);
}

Id TownshipId(std::string_view path, std::size_t county_index) {
  return SegmentId(path, county_index + 1);
}

std::string CountyPath(std::string_view path, std::size_t county_index) {
  return PathPrefix(path, county_index + 1);
}

Id CountyId(std::string_view path, std::size_t county_index) {
  return SegmentId(path, county_index);
}

}  // namespace minqing::domain
