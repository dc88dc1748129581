// The database's month partitions as the system page shows them to an administrator
// (system.settings): PostgreSQL partitions matters, their events and the audit log by month
// (V062); SQLite partitions nothing, which the page says. Making and archiving partitions is the
// operator's `minqing partitions`. Thread-safety: as the Store.
#pragma once

#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"

namespace minqing::app {

struct PartitionsView {
  std::string engine;  // "sqlite" or "postgresql"
  std::vector<MonthPartition> partitions;
};

// Refuses (Forbidden) an actor without system.settings before reading anything.
PartitionsView ViewMonthPartitions(Store& store, const Actor& actor);

}  // namespace minqing::app
