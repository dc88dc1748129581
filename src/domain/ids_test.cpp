#include "domain/ids.hpp"

#include <gtest/gtest.h>

#include <set>
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

TEST(IdsTest, TwoNodesNeverMakeTheSameIdInTheSameMilliseconds) {
  IdGenerator server;
  IdGenerator import;
  server.SetNode(1);
  import.SetNode(2);
  std::set<Id> seen;
  for (int i = 0; i < 3000; ++i) {
    // Both write flat out within the same few milliseconds: more than 256 ids a millisecond.
    const std::int64_t now_ms = 1780000000000 + i / 1000;
    EXPECT_TRUE(seen.insert(server.Next(now_ms)).second);
    EXPECT_TRUE(seen.insert(import.Next(now_ms)).second);
  }
  EXPECT_EQ(seen.size(), 6000U);
}

TEST(IdsTest, AnIdKeepsItsNodeAndTellsItsTime) {
  IdGenerator ids;
  ids.SetNode(5);
  const std::int64_t now_ms = 1780000000123;
  Id first = ids.Next(now_ms);
  EXPECT_EQ(IdTimeMs(first), now_ms);
  EXPECT_GE(first, FirstIdAt(now_ms));
  EXPECT_LT(first, FirstIdAt(now_ms + 1));
  Id last = first;
  // 256 ids fit in a millisecond; the 257th is the next millisecond's, still node 5.
  for (int i = 1; i < 257; ++i) last = ids.Next(now_ms);
  EXPECT_EQ(IdTimeMs(last), now_ms + 1);
  EXPECT_EQ((last >> 8) & 15, 5);
  EXPECT_EQ((first >> 8) & 15, 5);
  EXPECT_THROW(ids.SetNode(16), std::out_of_range);
  EXPECT_THROW(ids.SetNode(-1), std::out_of_range);
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

TEST(IdsTest, CountyPartOfARegionPath) {
  EXPECT_EQ(CountyPath("/1/22/333/", 0), "/1/");
  EXPECT_EQ(CountyId("/1/22/333/", 0), 1);
  EXPECT_EQ(CountyPath("/1/", 0), "/1/");
  EXPECT_EQ(CountyId("/1/", 0), 1);
  EXPECT_EQ(CountyPath("", 0), "");
  EXPECT_EQ(CountyId("", 0), 0);
  EXPECT_EQ(CountyId("/x/2/", 0), 0);
  // Under a city root the county (区) is the second segment.
  EXPECT_EQ(CountyPath("/1/22/333/4444/", 1), "/1/22/");
  EXPECT_EQ(CountyId("/1/22/333/4444/", 1), 22);
  EXPECT_EQ(CountyPath("/1/", 1), "/1/");
  EXPECT_EQ(CountyId("/1/", 1), 0);
}

}  // namespace
}  // namespace minqing::domain
