// Request limits that every server process of a deployment counts together, in the database
// (request_windows): a subject (a client address, an Open311 key) may make `limit` requests of a
// purpose in each fixed window of `window_seconds`. A process's own token buckets
// (http/rate_limiter.hpp) stay in front of it: they refuse a flood without a write, and this
// refuses what a flood spread over several processes lets through. Subjects are stored only as
// SHA-256 of the purpose and the subject. Thread-safety: Admit and Prune may be called from any
// thread; each runs its own short write transaction.
#pragma once

#include <cstdint>
#include <string_view>

#include "app/store.hpp"
#include "domain/model.hpp"

namespace minqing::app {

struct SharedLimit {
  int limit = 0;  // Requests a window; 0 turns the limit off.
  int window_seconds = 60;
};

// The shared limit that keeps to a token bucket's average rate and burst: `burst` requests in a
// window as long as the bucket takes to refill them (2 a minute with a burst of 5: 5 each 150 s).
SharedLimit SharedLimitOf(int per_minute, int burst);

class SharedRequestLimits {
 public:
  explicit SharedRequestLimits(Store& store) : store_(store) {}

  // Counts one request of `subject` for `purpose`; 0 when admitted, else the seconds until the
  // window ends (at least 1). A refused request is counted too.
  std::int64_t Admit(std::string_view purpose, std::string_view subject, SharedLimit limit,
                     domain::Epoch now);

  // Deletes the windows that ended more than a day ago; how many.
  std::int64_t Prune(domain::Epoch now);

 private:
  Store& store_;
};

}  // namespace minqing::app
