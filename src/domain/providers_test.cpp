#include "domain/providers.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

ServiceProvider Plumber() {
  ServiceProvider p;
  p.unit_id = 7;
  p.unit_name = "安居家政";
  p.category_ids = {10, 11};
  p.area = {{1, "/1/2/", "城关镇"}};
  p.joined = "2026-03-01";
  return p;
}

TEST(ProvidersTest, ProfileNeedsCategoriesAreaAndDate) {
  ServiceProvider p;
  p.joined = "2026-13-01";
  auto problems = ValidateProviderProfile(p);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].code, "provider.categories_required");
  EXPECT_EQ(problems[1].code, "provider.area_required");
  EXPECT_EQ(problems[2].code, "provider.bad_date");
  EXPECT_TRUE(ValidateProviderProfile(Plumber()).empty());
}

TEST(ProvidersTest, DispatchInsideCategoryAndAreaPasses) {
  EXPECT_FALSE(ProviderDispatchRefusal(Plumber(), {11}, "/1/2/5/").has_value());
  // A sub-category counts through its parent.
  EXPECT_FALSE(ProviderDispatchRefusal(Plumber(), {99, 10}, "/1/2/").has_value());
}

TEST(ProvidersTest, DispatchOutsideCategoryOrAreaIsRefused) {
  auto other_category = ProviderDispatchRefusal(Plumber(), {12}, "/1/2/5/");
  ASSERT_TRUE(other_category);
  EXPECT_EQ(other_category->code, "provider.outside_service");
  EXPECT_FALSE(other_category->conflict);
  EXPECT_FALSE(ProviderDispatchRefusal(Plumber(), {}, "/1/2/5/") == std::nullopt);
  auto other_area = ProviderDispatchRefusal(Plumber(), {10}, "/1/3/");
  ASSERT_TRUE(other_area);
  EXPECT_EQ(other_area->code, "provider.outside_service");
  // "/1/2" must not match "/1/20/": paths end with a slash.
  EXPECT_TRUE(ProviderDispatchRefusal(Plumber(), {10}, "/1/20/"));
}

TEST(ProvidersTest, SuspendedProviderIsRefusedFirst) {
  ServiceProvider p = Plumber();
  p.state = ProviderState::kSuspended;
  auto refusal = ProviderDispatchRefusal(p, {10}, "/1/2/");
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->code, "provider.suspended");
  EXPECT_TRUE(refusal->conflict);
}

TEST(ProvidersTest, RatingAverageAndShare) {
  ProviderRating none;
  EXPECT_FALSE(none.Average());
  EXPECT_FALSE(none.SatisfiedShare());
  ProviderRating r{4, 14, 3};
  EXPECT_DOUBLE_EQ(*r.Average(), 3.5);
  EXPECT_DOUBLE_EQ(*r.SatisfiedShare(), 0.75);
}

TEST(ProvidersTest, BelowStandardNeedsEnoughRatings) {
  ProviderStandard standard{80, 3, true};
  EXPECT_FALSE(BelowStandard({2, 2, 0}, standard));            // Too few to judge.
  EXPECT_TRUE(BelowStandard({4, 12, 3}, standard));            // 75% < 80%.
  EXPECT_FALSE(BelowStandard({5, 20, 4}, standard));           // 80% is the standard.
  EXPECT_FALSE(BelowStandard({4, 4, 0}, ProviderStandard{}));  // No standard set.
}

TEST(ProvidersTest, StandardIsValidated) {
  EXPECT_EQ(ValidateProviderStandard({101, 0, true}).size(), 2u);
  EXPECT_TRUE(ValidateProviderStandard({80, 3, true}).empty());
}

}  // namespace
}  // namespace minqing::domain
