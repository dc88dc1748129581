#include "domain/ids.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace minqing::domain {
namespace {

TEST(IdsTest, IdsAreIncreasingAndJavaScriptSafe) {
  IdGenerator ids;
  Id previous = 0;
  for (int i = 0; i < 10000; ++i) {
    Id id = ids.Next(1780000000000 + i / 100);
    EXPECT_GT(id, previous);
    EXPECT_LT(id, Id{1} << 53);
    previous = id;
  }
}

TEST(IdsTest, RegionPathIdsReadsThePathRootFirst) {
  EXPECT_EQ(RegionPathIds("/1/22/333/"), (std::vector<Id>{1, 22, 333}));
  EXPECT_EQ(RegionPathIds("/7/"), (std::vector<Id>{7}));
  EXPECT_TRUE(RegionPathIds("").empty());
  EXPECT_TRUE(RegionPathIds("/").empty());
  EXPECT_THROW(RegionPathIds("/1/x/"), std::invalid_argument);
}

TEST(IdsTest, TownshipPartOfARegionPath) {
  EXPECT_EQ(TownshipPath("/1/22/333/4444/", 0), "/1/22/");
  EXPECT_EQ(TownshipPath("/1/22/", 0), "/1/22/");
  EXPECT_EQ(TownshipPath("/1/", 0), "/1/");
  EXPECT_EQ(TownshipId("/1/22/333/", 0), 22);
  EXPECT_EQ(TownshipId("/1/", 0), 0);
  EXPECT_EQ(TownshipId("/1/x/3/", 0), 0);
  // Under a city root (市/区/街道/社区/网格) the township (街道) is one level lower.
  EXPECT_EQ(TownshipPath("/1/22/333/4444/55555/", 1), "/1/22/333/");
  EXPECT_EQ(TownshipId("/1/22/333/4444/55555/", 1), 333);
  EXPECT_EQ(TownshipPath("/1/22/", 1), "/1/22/");
  EXPECT_EQ(TownshipId("/1/22/", 1), 0);
}

}  // namespace
}  // namespace minqing::domain
