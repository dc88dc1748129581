#include "http/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace minqing::http {
namespace {

TEST(AddressRateLimiter, AdmitsABurstThenTheRatePerAddress) {
  AddressRateLimiter limiter(RateLimit{60, 3});
  const auto t0 = AddressRateLimiter::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Admit("10.0.0.1", t0), 0);
  EXPECT_EQ(limiter.Admit("10.0.0.1", t0), 1);
  // Another address has its own bucket.
  EXPECT_EQ(limiter.Admit("10.0.0.2", t0), 0);
  // One token a second comes back.
  EXPECT_EQ(limiter.Admit("10.0.0.1", t0 + std::chrono::milliseconds(1100)), 0);
  EXPECT_EQ(limiter.Admit("10.0.0.1", t0 + std::chrono::milliseconds(1200)), 1);
  EXPECT_EQ(limiter.Admit("10.0.0.1", t0 + std::chrono::seconds(60)), 0);
}

TEST(AddressRateLimiter, ZeroPerMinuteTurnsItOff) {
  AddressRateLimiter limiter(RateLimit{0, 1});
  for (int i = 0; i < 100; ++i) EXPECT_EQ(limiter.Admit("10.0.0.1"), 0);
}

}  // namespace
}  // namespace minqing::http
