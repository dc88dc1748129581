#include "domain/matter_rules.hpp"

#include <gtest/gtest.h>

#include <string>

namespace minqing::domain {
namespace {

Epoch China(const char* date, int hour) { return ChinaDayStart(*ParseDate(date)) + hour * 3600; }

WorkCalendar NationalDay2026() {
  std::vector<CalendarDay> days;
  for (int d = 1; d <= 7; ++d)
    days.push_back({"2026-10-0" + std::to_string(d), DayKind::kOff, "国庆节"});
  days.push_back({"2026-10-10", DayKind::kMakeUpWorkday, "国庆节"});
  return WorkCalendar(days);
}

TEST(MatterRulesTest, EscalatesLevelByLevelOverTheHoliday) {
  auto calendar = NationalDay2026();
  Matter m;
  m.status = MatterStatus::kInProgress;
  m.due_at = calendar.DueAfterWorkingDays(China("2026-09-30", 10), 2);  // End of 10-09.
  EscalationPolicy policy;
  EXPECT_EQ(TargetEscalationLevel(m, China("2026-10-09", 17), calendar, policy), 0);
  EXPECT_TRUE(IsNearlyDue(m, China("2026-10-09", 17), policy));
  EXPECT_EQ(TargetEscalationLevel(m, China("2026-10-10", 1), calendar, policy), 1);
  // Saturday 10-10 is a make-up working day, so by Sunday 10-11 it is one working day overdue.
  EXPECT_EQ(TargetEscalationLevel(m, China("2026-10-11", 9), calendar, policy), 2);
  EXPECT_EQ(TargetEscalationLevel(m, China("2026-10-20", 9), calendar, policy), 2);  // Capped.
  m.status = MatterStatus::kReplied;
  EXPECT_EQ(TargetEscalationLevel(m, China("2026-10-20", 9), calendar, policy), 0);
  m.escalation_level = 1;
  // Never lowers.
  EXPECT_EQ(TargetEscalationLevel(m, China("2026-10-20", 9), calendar, policy), 1);
}

TEST(MatterRulesTest, EscalationLevelsAreNamedAsTheDeploymentNamesItsLevels) {
  const RegionLevels county = DefaultRegionLevels();
  EXPECT_EQ(EscalationLevelLabel(0, county), "村");
  EXPECT_EQ(EscalationLevelLabel(1, county), "乡镇");
  EXPECT_EQ(EscalationLevelLabel(2, county), "县");
  std::string error;
  const auto district = ParseRegionLevels("市,区,街道,社区,网格", "", &error);
  ASSERT_TRUE(district) << error;
  EXPECT_EQ(EscalationLevelLabel(0, *district), "社区");
  EXPECT_EQ(EscalationLevelLabel(1, *district), "街道");
  EXPECT_EQ(EscalationLevelLabel(2, *district), "区");
}

TEST(MatterRulesTest, ThreeRates) {
  RateCounters c;
  EXPECT_FALSE(ComputeRates(c).response_rate.has_value());
  c.received = 10;
  c.responded_on_time = 8;
  c.rated = 4;
  c.solved = 3;
  c.satisfied = 2;
  auto r = ComputeRates(c);
  EXPECT_DOUBLE_EQ(*r.response_rate, 0.8);
  EXPECT_DOUBLE_EQ(*r.resolution_rate, 0.75);
  EXPECT_DOUBLE_EQ(*r.satisfaction_rate, 0.5);
  RateCounters sum;
  sum += c;
  sum += c;
  EXPECT_EQ(sum.received, 20);
}

TEST(MatterRulesTest, SimilarTextsAreFlagged) {
  EXPECT_GT(TextSimilarity("村东头路灯坏了三天了", "村东头的路灯坏了"), 0.6);
  EXPECT_LT(TextSimilarity("村东头路灯坏了", "申请低保需要什么材料"), 0.1);
  EXPECT_EQ(TextSimilarity("", "路灯"), 0.0);
}

// Issue 13: a clerk typed the resident's complaint again, shorter, and the warning said 16%. The
// stored matter is compared as title + content, as intake does.
TEST(MatterRulesTest, ARetoldComplaintScoresHighAndUnrelatedTextsLow) {
  const std::string content =
      "小区门口路灯坏了一个月，晚上很黑，老人出门不方便，孩子放学也怕摔倒，村里反映过两次还没修，"
      "希望尽快派人来修一修，谢谢";
  const std::string stored = content.substr(0, 30) + content;
  EXPECT_GE(TextSimilarity("小区门口路灯坏了一个月，晚上很黑", stored), 0.9);
  EXPECT_GE(TextSimilarity("小区门口的路灯坏了一个月了，晚上很黑，老人出门不方便", stored), 0.8);
  EXPECT_EQ(TextSimilarity(stored, "小区门口路灯坏了一个月，晚上很黑"),
            TextSimilarity("小区门口路灯坏了一个月，晚上很黑", stored));
  // Shares only 村里, 人来 and 来修 with the stored text.
  EXPECT_LT(TextSimilarity("村里自来水停了两天，一直没人来修", stored), 0.3);
  EXPECT_LT(TextSimilarity("申请低保需要准备哪些材料", stored), 0.2);
  // One shared word in a very short text is not a duplicate.
  EXPECT_LT(TextSimilarity("路灯", stored), 0.2);
}

TEST(MatterRulesTest, SuggestsCategoriesFromKeywords) {
  std::vector<MatterCategory> catalogue(3);
  catalogue[0].id = 1;
  catalogue[0].keywords = "路灯 道路";
  catalogue[1].id = 2;
  catalogue[1].keywords = "低保 救助";
  catalogue[2].id = 3;
  catalogue[2].keywords = "停车";
  auto ids = SuggestCategories("申请低保，还有路灯不亮", catalogue, 5);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(SuggestCategories("停车难", catalogue, 5), std::vector<Id>{3});
}

TEST(MatterRulesTest, SpacesCjkForFullTextIndexing) {
  EXPECT_EQ(SpaceCjk("小区停车难，ABC门口"), "小 区 停 车 难 abc 门 口");
  EXPECT_EQ(SpaceCjk("低保"), "低 保");
}

TEST(MatterStateMachineTest, TransitionsAreChecked) {
  EXPECT_TRUE(CanPerform(MatterStatus::kAccepted, MatterAction::kDispatch));
  EXPECT_TRUE(CanPerform(MatterStatus::kAccepted, MatterAction::kCloseOnSpot));
  EXPECT_FALSE(CanPerform(MatterStatus::kAccepted, MatterAction::kReply));
  EXPECT_TRUE(CanPerform(MatterStatus::kInProgress, MatterAction::kReply));
  EXPECT_TRUE(CanPerform(MatterStatus::kReplied, MatterAction::kConfirm));
  EXPECT_FALSE(CanPerform(MatterStatus::kClosed, MatterAction::kConfirm));
  EXPECT_FALSE(CanPerform(MatterStatus::kMerged, MatterAction::kSupervise));
  EXPECT_EQ(MatterNumber("2026-11-29", 42), "20261129-00042");
  EXPECT_EQ(ParseMatterType("投诉"), MatterType::kComplaint);
  EXPECT_EQ(MatterStatusLabel(MatterStatus::kReplied), "已答复待确认");
}

}  // namespace
}  // namespace minqing::domain
