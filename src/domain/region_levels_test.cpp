#include "domain/region_levels.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

TEST(RegionLevelsTest, DefaultIsTheFourCountyLevels) {
  RegionLevels levels = DefaultRegionLevels();
  ASSERT_EQ(levels.levels.size(), 4U);
  EXPECT_EQ(levels.Top(), RegionLevel::kCounty);
  EXPECT_EQ(levels.Bottom(), RegionLevel::kGroup);
  EXPECT_EQ(levels.Name(RegionLevel::kTownship), "乡镇");
  EXPECT_FALSE(levels.Has(RegionLevel::kCity));
  EXPECT_TRUE(ValidRegionLevels(levels));
}

TEST(RegionLevelsTest, FiveNamesStartAtTheCity) {
  std::string error;
  auto levels = ParseRegionLevels("市,区，街道、社区/网格", "", &error);
  ASSERT_TRUE(levels) << error;
  ASSERT_EQ(levels->levels.size(), 5U);
  EXPECT_EQ(levels->Top(), RegionLevel::kCity);
  EXPECT_EQ(levels->Name(RegionLevel::kCounty), "区");
  EXPECT_EQ(levels->Name(RegionLevel::kTownship), "街道");
  EXPECT_EQ(levels->Name(RegionLevel::kGroup), "网格");
  EXPECT_EQ(levels->NameEn(RegionLevel::kCity), "City");
  EXPECT_TRUE(ValidRegionLevels(*levels));
}

TEST(RegionLevelsTest, ThreeNamesEndAtTheVillage) {
  std::string error;
  auto levels = ParseRegionLevels("县,乡镇,村", "County,Town,Village", &error);
  ASSERT_TRUE(levels) << error;
  EXPECT_EQ(levels->Top(), RegionLevel::kCounty);
  EXPECT_EQ(levels->Bottom(), RegionLevel::kVillage);
  EXPECT_EQ(levels->NameEn(RegionLevel::kTownship), "Town");
}

TEST(RegionLevelsTest, BadListsAreRefusedWithAReason) {
  std::string error;
  EXPECT_FALSE(ParseRegionLevels("县,村", "", &error));
  EXPECT_NE(error.find("3至5级"), std::string::npos);
  EXPECT_FALSE(ParseRegionLevels("省,市,区,街道,社区,网格", "", &error));
  EXPECT_FALSE(ParseRegionLevels("县,,村,组", "", &error));
  EXPECT_FALSE(ParseRegionLevels("县,村,村,组", "", &error));
  EXPECT_NE(error.find("重复"), std::string::npos);
  EXPECT_FALSE(ParseRegionLevels("县,乡镇,村,组", "County,Town", &error));
  RegionLevels gap{{{RegionLevel::kCounty, "县", "County"},
                    {RegionLevel::kVillage, "村", "Village"},
                    {RegionLevel::kGroup, "组", "Group"}}};
  EXPECT_FALSE(ValidRegionLevels(gap));
}

TEST(DivisionCodeTest, LevelAndParentComeFromTheSegments) {
  std::string error;
  auto city = ParseDivisionCode("130100000000", &error);
  ASSERT_TRUE(city) << error;
  EXPECT_EQ(city->level, RegionLevel::kCity);
  EXPECT_EQ(city->parent_code, "");
  auto district = ParseDivisionCode("130102000000", &error);
  ASSERT_TRUE(district);
  EXPECT_EQ(district->level, RegionLevel::kCounty);
  EXPECT_EQ(district->parent_code, "130100000000");
  auto street = ParseDivisionCode("130102001000", &error);
  ASSERT_TRUE(street);
  EXPECT_EQ(street->level, RegionLevel::kTownship);
  EXPECT_EQ(street->parent_code, "130102000000");
  auto community = ParseDivisionCode("130102001001", &error);
  ASSERT_TRUE(community);
  EXPECT_EQ(community->level, RegionLevel::kVillage);
  EXPECT_EQ(community->parent_code, "130102001000");
  auto grid = ParseDivisionCode("130102001001003", &error);
  ASSERT_TRUE(grid);
  EXPECT_EQ(grid->level, RegionLevel::kGroup);
  EXPECT_EQ(grid->parent_code, "130102001001");
}

TEST(DivisionCodeTest, BadCodesAreRefused) {
  std::string error;
  EXPECT_FALSE(ParseDivisionCode("13010200100", &error));  // 11 digits.
  EXPECT_NE(error.find("12位"), std::string::npos);
  EXPECT_FALSE(ParseDivisionCode("13010200100A", &error));
  EXPECT_FALSE(ParseDivisionCode("130000000000", &error));  // A province.
  EXPECT_NE(error.find("省级"), std::string::npos);
  EXPECT_FALSE(ParseDivisionCode("000102001001", &error));
  EXPECT_FALSE(ParseDivisionCode("130102000001", &error));  // Village under a zero township.
  EXPECT_NE(error.find("结构"), std::string::npos);
  EXPECT_FALSE(ParseDivisionCode("130102001000001", &error));  // A group under a township.
  EXPECT_FALSE(ParseDivisionCode("130102001001000", &error));  // Group number 000.
}

TEST(DivisionCodeTest, ImportLevelsReadConfiguredAndNationalNames) {
  std::string error;
  auto district = *ParseRegionLevels("市,区,街道,社区,网格", "", &error);
  EXPECT_EQ(ParseImportLevel("街道", district), RegionLevel::kTownship);
  EXPECT_EQ(ParseImportLevel(" 网格 ", district), RegionLevel::kGroup);
  EXPECT_EQ(ParseImportLevel("village", district), RegionLevel::kVillage);
  EXPECT_EQ(ParseImportLevel("镇", district), RegionLevel::kTownship);
  EXPECT_EQ(ParseImportLevel("5", district), RegionLevel::kVillage);
  EXPECT_EQ(ParseImportLevel("2", district), RegionLevel::kCity);
  EXPECT_EQ(ParseImportLevel("1", district), std::nullopt);
  EXPECT_EQ(ParseImportLevel("省", district), std::nullopt);
  EXPECT_EQ(ParseImportLevel("小区", district), std::nullopt);
}

}  // namespace
}  // namespace minqing::domain
