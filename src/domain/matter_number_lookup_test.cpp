#include "domain/matter_number_lookup.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

const DayNumber kToday = DayFromCivil(2026, 12, 2);

TEST(MatterNumberRangesTest, AFullNumberIsThatNumberHoweverItIsTyped) {
  const std::vector<MatterNumberRange> one = {{"20261202-00001", "20261202-00001"}};
  EXPECT_EQ(MatterNumberRanges("20261202-00001", kToday), one);
  EXPECT_EQ(MatterNumberRanges(" 20261202-1 ", kToday), one);
  EXPECT_EQ(MatterNumberRanges("2026120200001", kToday), one);
}

TEST(MatterNumberRangesTest, ADatePartIsEveryNumberOfItsDays) {
  const std::vector<MatterNumberRange> day = {{"20261202-00000", "20261202-999999"}};
  EXPECT_EQ(MatterNumberRanges("20261202", kToday), day);
  EXPECT_EQ(MatterNumberRanges("20261202-", kToday), day);
  EXPECT_EQ(MatterNumberRanges("202612", kToday),
            (std::vector<MatterNumberRange>{{"20261200-00000", "20261299-999999"}}));
}

TEST(MatterNumberRangesTest, ASerialPartIsThatSerialOnRecentDays) {
  auto ranges = MatterNumberRanges("00001", kToday);
  ASSERT_EQ(ranges.size(), static_cast<std::size_t>(kRecentSerialDays));
  EXPECT_EQ(ranges[0].from, "20261202-00001");
  EXPECT_EQ(ranges[1].from, "20261201-00001");
  EXPECT_EQ(ranges[2].to, "20261130-00001");
  EXPECT_EQ(MatterNumberRanges("7", kToday).front().from, "20261202-00007");
}

TEST(MatterNumberRangesTest, OtherTextIsNoNumber) {
  EXPECT_TRUE(MatterNumberRanges("刘凯", kToday).empty());
  EXPECT_TRUE(MatterNumberRanges("13800001111", kToday).empty());  // A phone.
  EXPECT_TRUE(MatterNumberRanges("2026-12-02", kToday).empty());
  EXPECT_TRUE(MatterNumberRanges("20261202-abc", kToday).empty());
  EXPECT_TRUE(MatterNumberRanges("", kToday).empty());
  EXPECT_TRUE(MatterNumberRanges("-00001", kToday).empty());
}

}  // namespace
}  // namespace minqing::domain
