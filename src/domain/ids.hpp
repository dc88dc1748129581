// Application-generated 64-bit ids, time-ordered: (milliseconds since 2020-01-01) << 12 | sequence.
// They stay below 2^53, so JavaScript clients read them exactly. Also: the region ids along a
// region path. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace minqing::domain {

class IdGenerator {
 public:
  // `now_ms` is milliseconds since the Unix epoch; the caller passes the clock.
  Id Next(std::int64_t now_ms);

 private:
  std::atomic<std::int64_t> last_{0};
};

// The process-wide generator used by use cases.
IdGenerator& GlobalIds();

// Convenience: Next() with the system clock.
Id NewId();

// The ids of a region path "/1/2/3/", root first ({1, 2, 3}); empty for "" and "/". Throws
// std::invalid_argument (or std::out_of_range) on a segment that is not a number.
std::vector<Id> RegionPathIds(std::string_view path);
// The township part of a region path, "/1/2/" of "/1/2/3/4/"; the path itself when shorter.
// `county_index` is the county's index in the path: 0, or 1 under a city root (市/区/街道/...),
// where the township (街道) part of "/1/2/3/4/5/" is "/1/2/3/".
std::string TownshipPath(std::string_view path, std::size_t county_index);
// The township's id, the id after the county's; 0 when the path is shorter.
Id TownshipId(std::string_view path, std::size_t county_index);

}  // namespace minqing::domain
