#include "domain/tag_map.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

TEST(TagMapTest, BooksMatterStatusesIntoReceivedAndOneState) {
  TagCounters c;
  BookMatterStatus(c, 1, 2);
  BookMatterStatus(c, 3, 1);
  BookMatterStatus(c, 4, 5);
  BookMatterStatus(c, 5, 7);
  BookMatterStatus(c, 6, 1);
  EXPECT_EQ(c.received, 16);
  EXPECT_EQ(c.open, 3);
  EXPECT_EQ(c.replied, 5);
  EXPECT_EQ(c.closed, 7);
  TagCounters total;
  total += c;
  total += c;
  EXPECT_EQ(total.received, 32);
  EXPECT_EQ(total.closed, 14);
}

TEST(TagMapTest, RoundsCoordinatesToTenThousandthsOfADegree) {
  EXPECT_EQ(MapCoordinate(115.73456), 1157346);
  EXPECT_EQ(MapCoordinate(-0.00004), 0);
  EXPECT_EQ(MapCoordinate(38.23), 382300);
}

TEST(TagMapTest, ZeroOrMissingOrOutOfRangeIsNotLocated) {
  EXPECT_TRUE(IsLocated(38.2, 115.7));
  EXPECT_FALSE(IsLocated(std::nullopt, 115.7));
  EXPECT_FALSE(IsLocated(38.2, std::nullopt));
  EXPECT_FALSE(IsLocated(0.0, 0.0));
  EXPECT_FALSE(IsLocated(91.0, 10.0));
  EXPECT_FALSE(IsLocated(10.0, 181.0));
}

TEST(TagMapTest, BinsPointsIntoCellsMostFirst) {
  // Cells 100 units wide: three points in [0,100)x[0,100), one in [100,200)x[0,100), one in a
  // negative cell.
  auto cells = BinHotspots({10, 20, 99, 150, -1}, {5, 50, 99, 10, -1}, 100);
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0].count, 3);
  EXPECT_EQ(cells[0].lng, 50);
  EXPECT_EQ(cells[0].lat, 50);
  EXPECT_EQ(cells[1].count, 1);
  EXPECT_EQ(cells[1].lng, -50);
  EXPECT_EQ(cells[2].lng, 150);
  EXPECT_TRUE(BinHotspots({}, {}, 0).empty());
}

TEST(TagMapTest, HotspotCellWidthIsBounded) {
  EXPECT_EQ(HotspotCellUnits(std::nullopt), 90);
  EXPECT_EQ(HotspotCellUnits(0.2), 18);
  EXPECT_FALSE(HotspotCellUnits(0.1));
  EXPECT_FALSE(HotspotCellUnits(50.0));
}

}  // namespace
}  // namespace minqing::domain
