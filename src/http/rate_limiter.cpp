#include "http/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace minqing::http {

std::int64_t AddressRateLimiter::Admit(const std::string& address, Clock::time_point now) {
  if (limit_.per_minute <= 0) return 0;
  const double per_second = limit_.per_minute / 60.0;
  const double capacity = std::max(1, limit_.burst);
  std::lock_guard lock(mutex_);
  if (buckets_.size() > 100000) {
    const auto refill = std::chrono::duration<double>(capacity / per_second);
    std::erase_if(buckets_, [&](const auto& entry) { return now - entry.second.updated > refill; });
  }
  auto [it, inserted] = buckets_.try_emplace(address, Bucket{capacity, now});
  Bucket& bucket = it->second;
  if (!inserted) {
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(capacity, bucket.tokens + std::max(0.0, elapsed) * per_second);
    bucket.updated = now;
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::ceil((1 - bucket.tokens) / per_second)));
}

}  // namespace minqing::http
