#include "app/matters/rates.hpp"

#include <gtest/gtest.h>

#include "app/matters/test_fixture.hpp"

namespace minqing::app {
namespace {

TEST_F(MattersTest, RatesAndDashboardFromStats) {
  domain::Epoch t = At("2026-09-01", 9);
  auto a = Replied(t);
  auto b = Replied(t + 100);
  sign_off().RecordCallback(WithNow(leader_, t + 7200), a.id, {"", true, 5, ""});
  sign_off().RecordCallback(WithNow(leader_, t + 7200), b.id, {"", true, 3, ""});
  auto rows =
      rates().Rates(WithNow(leader_, t + 7300), "unit", {"2026-09-01", "2026-09-30", std::nullopt});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].name, "社会事务服务中心");
  EXPECT_DOUBLE_EQ(*rows[0].rates.response_rate, 1.0);
  EXPECT_DOUBLE_EQ(*rows[0].rates.resolution_rate, 1.0);
  EXPECT_DOUBLE_EQ(*rows[0].rates.satisfaction_rate, 0.5);
  auto dashboard =
      rates().GetDashboard(WithNow(leader_, t + 7300), {"2026-09-01", "2026-09-30", std::nullopt});
  EXPECT_EQ(dashboard.totals.received, 2);
  EXPECT_EQ(dashboard.volumes.size(), 30u);
  EXPECT_EQ(dashboard.volumes.front().total, 2);
  ASSERT_EQ(dashboard.townships.size(), 1u);
  EXPECT_EQ(dashboard.townships[0].name, "饶阳镇");
  ASSERT_EQ(dashboard.top_categories_by_township.size(), 1u);
  EXPECT_EQ(dashboard.top_categories_by_township[0].categories[0].first, "停车管理");
  // A year across month and year ends (month cells plus end days), a township and a village
  // scope (category_township cells vs region cells) all count the same two matters.
  for (auto scope :
       {std::optional<Id>(), std::optional<Id>(township_.id), std::optional<Id>(village_a_.id)}) {
    auto year =
        rates().GetDashboard(WithNow(leader_, t + 7300), {"2025-10-15", "2026-10-14", scope});
    EXPECT_EQ(year.totals.received, 2);
    EXPECT_EQ(year.totals.rated, 2);
    EXPECT_EQ(year.totals.satisfied, 1);
    EXPECT_EQ(year.volumes.size(), 365u);
    std::int64_t volume = 0;
    for (const auto& v : year.volumes) volume += v.total;
    EXPECT_EQ(volume, 2);
  }
}

TEST_F(MattersTest, UnderACityRootTheDashboardRanksSubdistrictsNotTheDistrict) {
  // A second tree, a city district: 衡水市 / 桃城区 / two 街道, each with a 社区.
  services_->regions.SetLevels(admin_, "市,区,街道,社区,网格", "");
  const auto city = Region(std::nullopt, "city", "131100000000", "衡水市");
  const auto district = Region(city.id, "county", "131102000000", "桃城区");
  const auto west = Region(district.id, "township", "131102001000", "河西街道");
  const auto east = Region(district.id, "township", "131102002000", "河东街道");
  const auto west_community = Region(west.id, "village", "131102001001", "西苑社区");
  const auto east_community = Region(east.id, "village", "131102002001", "东苑社区");
  const domain::Epoch t = At("2026-09-01", 9);
  for (Id region : {west_community.id, east_community.id, east_community.id, village_a_.id}) {
    MatterInput input;
    input.type = "complaint";
    input.category_id = category_.id;
    input.region_id = region;
    input.caller_name = "张先生";
    input.caller_phone = "13912345678";
    input.content = "小区门口有人长期占道停车";
    intake().Accept(WithNow(admin_, t), input);
  }
  const auto d = rates().GetDashboard(WithNow(admin_, t + 60),
                                      {"2026-09-01", "2026-09-30", std::optional<Id>(district.id)});
  EXPECT_EQ(d.breakdown_level, domain::RegionLevel::kTownship);
  EXPECT_EQ(d.totals.received, 3);
  std::map<std::string, std::int64_t> by_township;
  for (const auto& row : d.townships) by_township[row.name] = row.counters.received;
  EXPECT_EQ(by_township, (std::map<std::string, std::int64_t>{{"河东街道", 2}, {"河西街道", 1}}));
  // The district's volumes by category come from its category × county cells.
  std::int64_t district_by_category = 0;
  for (const auto& v : d.volumes) {
    for (const auto& c : v.by_category) district_by_category += c.count;
  }
  EXPECT_EQ(district_by_category, 3);
  // A 街道's own dashboard reads its categories, as a township's does.
  const auto street = rates().GetDashboard(
      WithNow(admin_, t + 60), {"2026-09-01", "2026-09-30", std::optional<Id>(east.id)});
  EXPECT_EQ(street.totals.received, 2);
  std::int64_t by_category = 0;
  for (const auto& v : street.volumes) {
    for (const auto& c : v.by_category) by_category += c.count;
  }
  EXPECT_EQ(by_category, 2);

  // The whole deployment holds two counties (饶阳县 and 桃城区): its dashboard is broken down by
  // county, from the category × county cells, with the same totals and volumes.
  const PeriodQuery september{"2026-09-01", "2026-09-30", std::nullopt};
  const auto all = rates().GetDashboard(WithNow(admin_, t + 60), september);
  EXPECT_EQ(all.breakdown_level, domain::RegionLevel::kCounty);
  EXPECT_EQ(all.totals.received, 4);
  std::map<std::string, std::int64_t> by_county;
  for (const auto& row : all.townships) by_county[row.name] = row.counters.received;
  EXPECT_EQ(by_county, (std::map<std::string, std::int64_t>{{"桃城区", 3}, {"饶阳县", 1}}));
  ASSERT_EQ(all.top_categories_by_township.size(), 2u);
  for (const auto& top : all.top_categories_by_township) {
    EXPECT_TRUE(top.name == "桃城区" || top.name == "饶阳县") << top.name;
    ASSERT_EQ(top.categories.size(), 1u);
  }
  std::int64_t volume = 0;
  for (const auto& v : all.volumes) volume += v.total;
  EXPECT_EQ(volume, 4);
  // The city holds one county: by its 街道, as before.
  const auto by_city = rates().GetDashboard(
      WithNow(admin_, t + 60), {"2026-09-01", "2026-09-30", std::optional<Id>(city.id)});
  EXPECT_EQ(by_city.breakdown_level, domain::RegionLevel::kTownship);
  EXPECT_EQ(by_city.totals.received, 3);
  EXPECT_EQ(by_city.townships.size(), 2u);
  // A county leader's own dashboard stays by township.
  const auto county = rates().GetDashboard(WithNow(leader_, t + 60), september);
  EXPECT_EQ(county.breakdown_level, domain::RegionLevel::kTownship);
  ASSERT_EQ(county.townships.size(), 1u);
  EXPECT_EQ(county.townships[0].name, "饶阳镇");
}

TEST_F(MattersTest, RatesExportAsASpreadsheetWithATotalRow) {
  domain::Epoch t = At("2026-09-01", 9);
  auto a = Replied(t);
  auto b = Replied(t + 100);
  sign_off().RecordCallback(WithNow(leader_, t + 7200), a.id, {"", true, 5, ""});
  sign_off().RecordCallback(WithNow(leader_, t + 7200), b.id, {"", false, 2, ""});
  const PeriodQuery september{"2026-09-01", "2026-09-30", std::nullopt};
  auto table = rates().ExportRates(WithNow(leader_, t + 7300), "unit", september);
  ASSERT_EQ(table.header.front(), "承办单位");
  ASSERT_EQ(table.rows.size(), 2U);  // The unit and 合计.
  auto cell = [&](const std::vector<std::string>& row, const char* name) {
    auto it = std::find(table.header.begin(), table.header.end(), name);
    EXPECT_NE(it, table.header.end()) << name;
    return row.at(static_cast<std::size_t>(it - table.header.begin()));
  };
  const auto& unit = table.rows[0];
  EXPECT_EQ(unit[0], "社会事务服务中心");
  EXPECT_EQ(cell(unit, "受理量"), "2");
  EXPECT_EQ(cell(unit, "响应率"), "100.0%");
  EXPECT_EQ(cell(unit, "解决率"), "50.0%");
  EXPECT_EQ(cell(unit, "满意率"), "50.0%");
  EXPECT_EQ(cell(unit, "重新打开"), "1");
  EXPECT_EQ(table.rows[1][0], "合计");
  EXPECT_EQ(cell(table.rows[1], "参评数"), "2");

  auto regions = rates().ExportRates(WithNow(leader_, t + 7300), "region", september);
  EXPECT_EQ(regions.header.front(), "区域");
  EXPECT_EQ(regions.rows.back()[0], "合计");
  EXPECT_EQ(cell(regions.rows.back(), "受理量"), "2");
  EXPECT_THROW(rates().ExportRates(leader_, "weather", september), domain::InvalidInput);
  // The dashboard's own breakdowns are not rates tables.
  EXPECT_THROW(rates().Rates(leader_, "category_township", september), domain::InvalidInput);
  EXPECT_THROW(rates().Rates(leader_, "category_county", september), domain::InvalidInput);
  EXPECT_THROW(rates().ExportRates(assistant_, "unit", september), domain::Forbidden);
}

}  // namespace
}  // namespace minqing::app
