// Application-generated 64-bit ids, time-ordered: (milliseconds since 2020-01-01) << 12 | sequence.
// They stay below 2^53, so JavaScript clients read them exactly. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>

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

}  // namespace minqing::domain
