// The region levels (V028) on every backend: the county defaults after migration, a city root at
// level 0 next to the still-enforced upper bound, and replacing the level names.
#include <gtest/gtest.h>

#include "domain/region_levels.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::RegionLevel;
using testing::MakeRegion;

class RegionLevelsContractTest : public testing::BackendTest {};

TEST_P(RegionLevelsContractTest, MigrationSeedsTheCountyLevels) {
  auto tx = store_->BeginRead();
  domain::RegionLevels levels = tx->Registry().LoadRegionLevels();
  ASSERT_EQ(levels.levels.size(), 4U);
  EXPECT_EQ(levels.Top(), RegionLevel::kCounty);
  EXPECT_EQ(levels.Name(RegionLevel::kCounty), "县");
  EXPECT_EQ(levels.Name(RegionLevel::kGroup), "组");
  EXPECT_EQ(levels.NameEn(RegionLevel::kVillage), "Village");
  EXPECT_TRUE(tx->Registry().RegionLevelsInUse().empty());
}

TEST_P(RegionLevelsContractTest, ReplacedNamesAreReadBack) {
  std::string error;
  auto district = domain::ParseRegionLevels("市,区,街道,社区,网格", "", &error);
  ASSERT_TRUE(district) << error;
  {
    auto tx = store_->Begin();
    tx->Registry().ReplaceRegionLevels(*district);
    tx->Commit();
  }
  auto tx = store_->BeginRead();
  domain::RegionLevels levels = tx->Registry().LoadRegionLevels();
  ASSERT_EQ(levels.levels.size(), 5U);
  EXPECT_EQ(levels.Top(), RegionLevel::kCity);
  EXPECT_EQ(levels.Name(RegionLevel::kCity), "市");
  EXPECT_EQ(levels.Name(RegionLevel::kTownship), "街道");
  EXPECT_TRUE(domain::ValidRegionLevels(levels));
}

TEST_P(RegionLevelsContractTest, ACityRootHoldsADistrictAndLevelsStayBounded) {
  auto tx = store_->Begin();
  tx->Registry().InsertRegion(
      MakeRegion(1, std::nullopt, RegionLevel::kCity, "石家庄市", "/1/", "130100000000"));
  tx->Registry().BulkInsertRegions(
      {MakeRegion(2, 1, RegionLevel::kCounty, "长安区", "/1/2/", "130102000000"),
       MakeRegion(3, 2, RegionLevel::kTownship, "建北街道", "/1/2/3/", "130102001000")});
  auto city = tx->Registry().FindRegionByCode("130100000000");
  ASSERT_TRUE(city);
  EXPECT_EQ(city->level, RegionLevel::kCity);
  EXPECT_EQ(city->child_count, 1);
  auto used = tx->Registry().RegionLevelsInUse();
  EXPECT_EQ(used, (std::vector<RegionLevel>{RegionLevel::kCity, RegionLevel::kCounty,
                                            RegionLevel::kTownship}));
  EXPECT_ANY_THROW(tx->Registry().InsertRegion(
      MakeRegion(9, 3, static_cast<RegionLevel>(5), "太低", "/1/2/3/9/", "")));
}

MINQING_INSTANTIATE_BACKENDS(RegionLevelsContractTest);

}  // namespace
}  // namespace minqing::storage
