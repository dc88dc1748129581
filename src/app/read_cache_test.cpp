#include "app/read_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace minqing::app {
namespace {

TEST(ReadCacheTest, HitsUntilGenerationOrTtlChanges) {
  ReadCache<int, std::string> cache("test", 10, 5);
  EXPECT_FALSE(cache.Get(1, 0, 100).has_value());
  cache.Put(1, 0, 100, "a");
  EXPECT_EQ(cache.Get(1, 0, 104).value_or(""), "a");
  EXPECT_FALSE(cache.Get(1, 1, 104).has_value());  // A write happened.
  cache.Put(1, 1, 100, "b");
  EXPECT_FALSE(cache.Get(1, 1, 105).has_value());  // Expired.
}

TEST(ReadCacheTest, StaysBounded) {
  ReadCache<int, int> cache("test", 3, 60);
  for (int i = 0; i < 4; ++i) cache.Put(i, 0, 0, i);
  EXPECT_TRUE(cache.Get(3, 0, 1).has_value());
  EXPECT_FALSE(cache.Get(0, 0, 1).has_value());
}

}  // namespace
}  // namespace minqing::app
