// What `minqing doctor` needs to know about a database without changing it: whether it opens,
// which migrations it lacks for this binary, whether its search index follows this binary's
// rules, and the stored public base URL. Unlike OpenStore, InspectStore never creates a file,
// migrates or rebuilds anything. Implemented in storage/. Thread-safety: a free function.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace minqing::app {

struct StoreStatus {
  bool reachable = false;
  std::string error;   // Why it is not reachable (the driver's message), empty otherwise.
  std::string engine;  // "sqlite" or "postgresql".
  std::int64_t newest_applied = 0;  // The highest migration version recorded, 0 for none.
  std::int64_t newest_known = 0;    // The highest migration version this binary has.
  std::vector<std::string>
      pending;  // This binary's migrations not applied ("V032__site_settings").
  bool search_index_current = false;
  std::string public_url;  // The stored setting; empty when none.
  // PostgreSQL with its month partitions (V062): the tables with no partition for next month
  // yet (their rows would be refused from the 1st). Empty otherwise.
  std::vector<std::string> tables_without_next_month;
};

StoreStatus InspectStore(const std::string& url);

}  // namespace minqing::app
