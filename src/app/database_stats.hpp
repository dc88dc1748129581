// What the storage layer counts about the statements it ran for this process, for GET /metrics:
// how many, how long they took in all, how many were slower than the slow-statement threshold
// (log/log.hpp), and which failed, by kind. Counters only grow. Thread-safety: a plain value.
#pragma once

#include <cstdint>

namespace minqing::app {

struct DatabaseStats {
  std::uint64_t statements = 0;  // Statements and transaction commands run (failed ones too).
  double statement_seconds = 0;  // Their summed duration.
  std::uint64_t slow_statements = 0;
  // Failed statements, by kind:
  std::uint64_t constraint_errors = 0;     // unique, foreign-key, check or not-null violations
  std::uint64_t serialization_errors = 0;  // PostgreSQL serialisation failures and deadlocks,
                                           // SQLite's busy/locked after its timeout
  std::uint64_t connection_errors = 0;     // connecting failed or the connection was lost
  std::uint64_t other_errors = 0;
};

}  // namespace minqing::app
