// Application-generated 64-bit ids, time-ordered: (milliseconds since 2020-01-01) << 12 | node << 8
// | sequence. `node` (0..15) tells apart the processes that write to one database at the same time
// (several servers, a server and an import): each claims its own (app::IdNodeLease), so two of
// them never make the same id in the same millisecond; node 0 is for a process that claimed none.
// A process makes up to 256 ids a millisecond, then borrows from the next one. Ids stay below 2^53,
// so JavaScript clients read them exactly, and an id's time is IdTimeMs(id). Also: the region ids
// along a region path. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace minqing::domain {

inline constexpr int kIdNodes = 16;

class IdGenerator {
 public:
  // `now_ms` is milliseconds since the Unix epoch; the caller passes the clock.
  Id Next(std::int64_t now_ms);
  // The node this process writes as (0..kIdNodes-1); std::out_of_range otherwise.
  void SetNode(int node);
  int node() const { return node_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> last_{0};
  std::atomic<int> node_{0};
};

// The smallest id made at `unix_ms` (milliseconds since the Unix epoch) on any node: ids made at
// or after that instant are >= it, ids made before are < it. Partition bounds use it.
Id FirstIdAt(std::int64_t unix_ms);
// The instant (milliseconds since the Unix epoch) an id was made.
std::int64_t IdTimeMs(Id id);

// The process-wide generator used by use cases.
IdGenerator& GlobalIds();

// Convenience: Next() with the system clock.
Id NewId();
// A new id made no earlier than `epoch_seconds` (a matter's acceptance time, which a test's clock
// may put ahead of the system clock): IdTimeMs(id) >= epoch_seconds * 1000. What lets the
// PostgreSQL matter list skip the partitions (by id) of months before a list's first day.
Id NewIdNotBefore(Epoch epoch_seconds);

// The ids of a region path "/1/2/3/", root first ({1, 2, 3}); empty for "" and "/". Throws
// std::invalid_argument (or std::out_of_range) on a segment that is not a number.
std::vector<Id> RegionPathIds(std::string_view path);
// The township part of a region path, "/1/2/" of "/1/2/3/4/"; the path itself when shorter.
// `county_index` is the county's index in the path: 0, or 1 under a city root (市/区/街道/...),
// where the township (街道) part of "/1/2/3/4/5/" is "/1/2/3/".
std::string TownshipPath(std::string_view path, std::size_t county_index);
// The township's id, the id after the county's; 0 when the path is shorter.
Id TownshipId(std::string_view path, std::size_t county_index);
// The county part of a region path, "/1/" of "/1/2/3/" (county_index 0) or "/9/1/" of
// "/9/1/2/" (county_index 1); the path itself when shorter.
std::string CountyPath(std::string_view path, std::size_t county_index);
// The county's id (the id at `county_index`); 0 when the path is shorter.
Id CountyId(std::string_view path, std::size_t county_index);

}  // namespace minqing::domain
