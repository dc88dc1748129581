// A per-address token bucket for the routes that need no login (public pages' look-ups, visit
// confirmations, SMS-code requests, the login itself): each client address may make `burst`
// requests at once and `per_minute` a minute after that. A refused request is answered 429
// "rate_limited" with Retry-After. Addresses that have been idle long enough to refill are
// forgotten, so memory stays bounded. Thread-safety: Admit() may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace minqing::http {

struct RateLimit {
  int per_minute = 120;  // 0 turns the limiter off.
  int burst = 60;
};

class AddressRateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit AddressRateLimiter(RateLimit limit) : limit_(limit) {}

  // Takes one token for `address`; returns 0 when admitted, else the seconds until a token is
  // available (at least 1).
  std::int64_t Admit(const std::string& address, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };

  RateLimit limit_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace minqing::http
