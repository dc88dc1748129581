#include "app/matters/catalogue.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/matters/test_fixture.hpp"

namespace minqing::app {
namespace {

TEST_F(MattersTest, HandlersSeeEveryUnitToTransferTo) {
  auto units = catalogue().ListHandlingUnits(handler1_);
  EXPECT_TRUE(
      std::any_of(units.begin(), units.end(), [&](const auto& u) { return u.id == unit2_.id; }));
  EXPECT_TRUE(
      std::any_of(units.begin(), units.end(), [&](const auto& u) { return u.id == unit1_.id; }));
}

TEST_F(MattersTest, RoutingRulesNameTheirRegion) {
  auto everywhere = catalogue().CreateRoutingRule(admin_, relief_.id, std::nullopt, unit1_.id, 3);
  EXPECT_EQ(everywhere.region_path, "");
  EXPECT_EQ(everywhere.region_name, "");
  auto rules = catalogue().ListRoutingRules(admin_);
  ASSERT_EQ(rules.size(), 2u);
  for (const auto& rule : rules) {
    if (rule.category_id == category_.id) {
      EXPECT_EQ(rule.region_name, "东关村");
    } else {
      EXPECT_EQ(rule.region_name, "");
      EXPECT_EQ(rule.completion_days, 3);
    }
  }
}

}  // namespace
}  // namespace minqing::app
