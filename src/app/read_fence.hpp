// A point in the primary database's history that a read must include: a PostgreSQL WAL position
// (pg_lsn) as a number. Reads that a read replica may answer (Store::BeginReplicaRead) go to the
// primary unless the replica has replayed up to the fence; the default fence (0) asks for
// nothing, so any replica answers. Thread-safety: plain value.
#pragma once

#include <algorithm>
#include <cstdint>

namespace minqing::app {

struct ReadFence {
  std::uint64_t position = 0;

  // The fence that includes both.
  static ReadFence Later(ReadFence a, ReadFence b) { return {std::max(a.position, b.position)}; }
  // Whether a copy that has replayed up to `replayed` holds everything the fence asks for.
  bool PassedBy(std::uint64_t replayed) const { return replayed >= position; }
};

}  // namespace minqing::app
