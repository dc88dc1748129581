#include "domain/region_label.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

const std::vector<std::string> kGroup = {"饶阳县", "饶阳镇", "东街村", "二组"};
constexpr std::string_view kGroupPath = "/1/5/23/101/";

std::string LabelFor(const std::vector<std::string>& names, std::string_view path,
                     std::string_view scope) {
  return RegionLabel(names, RegionLabelStart(path, scope));
}

TEST(RegionLabelTest, CountyReaderReadsTownshipVillageAndGroup) {
  EXPECT_EQ(LabelFor(kGroup, kGroupPath, "/1/"), "饶阳镇 东街村 二组");
}

TEST(RegionLabelTest, ReaderWithoutRegionScopeReadsTheTownship) {
  EXPECT_EQ(LabelFor(kGroup, kGroupPath, ""), "饶阳镇 东街村 二组");
}

TEST(RegionLabelTest, TownshipReaderReadsVillageAndGroup) {
  EXPECT_EQ(LabelFor(kGroup, kGroupPath, "/1/5/"), "东街村 二组");
}

TEST(RegionLabelTest, VillageAndGroupReadersStillReadTheVillage) {
  EXPECT_EQ(LabelFor(kGroup, kGroupPath, "/1/5/23/"), "东街村 二组");
  EXPECT_EQ(LabelFor(kGroup, kGroupPath, "/1/5/23/101/"), "东街村 二组");
}

TEST(RegionLabelTest, ReaderOutsideTheBranchReadsTheTownship) {
  EXPECT_EQ(LabelFor(kGroup, kGroupPath, "/1/6/"), "饶阳镇 东街村 二组");
  // "/1/5/2" is not a path prefix of "/1/5/23/" although the text is.
  EXPECT_EQ(LabelFor(kGroup, kGroupPath, "/1/5/2/"), "饶阳镇 东街村 二组");
}

TEST(RegionLabelTest, ShorterPathsShowWhatTheyHave) {
  EXPECT_EQ(LabelFor({"饶阳县", "饶阳镇", "东街村"}, "/1/5/23/", "/1/"), "饶阳镇 东街村");
  EXPECT_EQ(LabelFor({"饶阳县", "饶阳镇", "东街村"}, "/1/5/23/", "/1/5/23/"), "东街村");
  EXPECT_EQ(LabelFor({"饶阳县", "饶阳镇"}, "/1/5/", "/1/5/"), "饶阳镇");
  EXPECT_EQ(LabelFor({"饶阳县"}, "/1/", "/1/"), "饶阳县");
  EXPECT_EQ(RegionLabel({}, 1), "");
}

TEST(RegionLabelTest, FiveLevelsUnderACityRootStartOneLevelLower) {
  const std::vector<std::string> grid = {"石家庄市", "长安区", "建北街道", "谈北社区", "三网格"};
  constexpr std::string_view kGridPath = "/1/2/3/4/5/";
  auto label = [&](std::string_view scope) {
    return RegionLabel(grid, RegionLabelStart(kGridPath, scope, 1));
  };
  EXPECT_EQ(label(""), "建北街道 谈北社区 三网格");
  EXPECT_EQ(label("/1/"), "长安区 建北街道 谈北社区 三网格");
  EXPECT_EQ(label("/1/2/"), "建北街道 谈北社区 三网格");
  EXPECT_EQ(label("/1/2/3/"), "谈北社区 三网格");
  EXPECT_EQ(label("/1/2/3/4/"), "谈北社区 三网格");
  EXPECT_EQ(label("/1/2/3/4/5/"), "谈北社区 三网格");
  EXPECT_EQ(label("/1/9/"), "建北街道 谈北社区 三网格");
}

}  // namespace
}  // namespace minqing::domain
