#include "domain/open311.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

TEST(Open311Test, PrivateTypesAreWithheldAndNumbersMasked) {
  EXPECT_EQ(PublicMatterDescription(MatterType::kComplaint, "张三 13812345678 态度差"),
            "该类诉求内容不公开");
  EXPECT_EQ(PublicMatterDescription(MatterType::kReport, "举报某村干部"), "该类诉求内容不公开");
  EXPECT_EQ(PublicMatterDescription(MatterType::kHelp, "路灯坏了 电话13812345678 第3组"),
            "路灯坏了 电话*********** 第3组");
  EXPECT_EQ(PublicMatterDescription(MatterType::kHelp, "门牌12345号"), "门牌12345号");
}

TEST(Open311Test, StatusIsClosedOnlyWhenClosedOrMerged) {
  EXPECT_EQ(Open311Status(MatterStatus::kAccepted), "open");
  EXPECT_EQ(Open311Status(MatterStatus::kReplied), "open");
  EXPECT_EQ(Open311Status(MatterStatus::kClosed), "closed");
  EXPECT_EQ(Open311Status(MatterStatus::kMerged), "closed");
}

TEST(Open311Test, TimesRoundTripInChinaTime) {
  // 2026-12-04T00:00:00Z is 08:00 in China.
  const Epoch instant = 1796342400;
  EXPECT_EQ(Iso8601China(instant), "2026-12-04T08:00:00+08:00");
  EXPECT_EQ(ParseIso8601("2026-12-04T08:00:00+08:00"), instant);
  EXPECT_EQ(ParseIso8601("2026-12-04T00:00:00Z"), instant);
  EXPECT_EQ(ParseIso8601("2026-12-03T19:00:00-0500"), instant);
  EXPECT_EQ(ParseIso8601("2026-12-04T08:00:00"), instant);
  EXPECT_EQ(ParseIso8601("2026-12-04"), instant - 8 * 3600);
  EXPECT_FALSE(ParseIso8601("2026-13-04"));
  EXPECT_FALSE(ParseIso8601("yesterday"));
  EXPECT_FALSE(ParseIso8601("2026-12-04T08:00:00+99:00"));
}

TEST(Open311Test, NearestRegionWithinReach) {
  std::vector<PlacedRegion> villages{{1, 38.23, 115.73}, {2, 38.30, 115.80}};
  EXPECT_EQ(NearestRegion(villages, 38.231, 115.731, 20), 1);
  EXPECT_EQ(NearestRegion(villages, 38.299, 115.799, 20), 2);
  EXPECT_FALSE(NearestRegion(villages, 39.9, 116.4, 20));
  EXPECT_FALSE(NearestRegion({}, 38.2, 115.7, 20));
}

TEST(Open311Test, MediaUrlChecked) {
  EXPECT_EQ(CheckMediaUrl("https://example.org/a.jpg"), "");
  EXPECT_EQ(CheckMediaUrl("ftp://example.org/a.jpg"), "media_url.invalid");
  EXPECT_EQ(CheckMediaUrl("https://exa mple.org/a.jpg"), "media_url.invalid");
  EXPECT_EQ(CheckMediaUrl("https://example.org/" + std::string(1100, 'a')), "media_url.too_long");
}

}  // namespace
}  // namespace minqing::domain
