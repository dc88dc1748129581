#include "domain/ids.hpp"

#include <chrono>
#include <stdexcept>
#include <string>

namespace minqing::domain {
namespace {
constexpr std::int64_t kEpoch2020Ms = 1577836800000;
}

Id IdGenerator::Next(std::int64_t now_ms) {
  std::int64_t candidate = (now_ms - kEpoch2020Ms) << 12;
  std::int64_t last = last_.load(std::memory_order_relaxed);
  for (;;) {
    std::int64_t next = candidate > last ? candidate : last + 1;
    if (last_.compare_exchange_weak(last, next, std::memory_order_relaxed)) return next;
  }
}

IdGenerator& GlobalIds() {
  static IdGenerator generator;
  return generator;
}

Id NewId() {
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  return GlobalIds().Next(now);
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

std::string TownshipPath(std::string_view path, std::size_t county_index) {
  std::size_t slashes = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '/' && ++slashes == 3 + county_index) return std::string(path.substr(0, i + 1));
  }
  return std::string(path);
}

Id TownshipId(std::string_view path, std::size_t county_index) {
  try {
    std::vector<Id> ids = RegionPathIds(TownshipPath(path, county_index));
    return ids.size() >= 2 + county_index ? ids[1 + county_index] : 0;
  } catch (const std::logic_error&) {
    return 0;
  }
}

}  // namespace minqing::domain
