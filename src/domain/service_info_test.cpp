#include "domain/service_info.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

DutyDay Day(std::vector<DutyPost> staff) {
  DutyDay day;
  day.unit_id = 1;
  day.date = "2026-12-07";
  day.leader_user_id = 10;
  day.staff = std::move(staff);
  return day;
}

bool HasCode(const std::vector<FieldProblem>& problems, const std::string& code,
             const std::string& field = "") {
  for (const auto& p : problems) {
    if (p.code == code && (field.empty() || p.field == field)) return true;
  }
  return false;
}

TEST(DutyDayTest, AcceptsOneWindowPerPerson) {
  DutyDay day = Day({{11, " 1号窗口 社会救助 ", "", 0}, {12, "2号窗口", "", 0}});
  EXPECT_TRUE(CheckDutyDay(day).empty());
  EXPECT_EQ(day.staff[0].post, "1号窗口 社会救助");
}

TEST(DutyDayTest, RefusesTheSamePersonAtTwoWindows) {
  DutyDay day = Day({{11, "1号窗口", "", 0}, {12, "2号窗口", "", 0}, {11, "3号窗口", "", 0}});
  auto problems = CheckDutyDay(day, "days[0].");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, "duty.staff_twice");
  EXPECT_EQ(problems[0].field, "days[0].staff[2].user_id");
  // The message names the window already held, so the clerk knows which entry to fix.
  EXPECT_NE(problems[0].message.find("1号窗口"), std::string::npos) << problems[0].message;
}

TEST(DutyDayTest, RefusesBadDateMissingPostAndMissingPerson) {
  DutyDay day = Day({{11, "  ", "", 0}, {0, "3号窗口", "", 0}});
  day.date = "2026-02-30";
  auto problems = CheckDutyDay(day);
  EXPECT_TRUE(HasCode(problems, "duty.bad_date", "date"));
  EXPECT_TRUE(HasCode(problems, "duty.post_required", "staff[0].post"));
  EXPECT_TRUE(HasCode(problems, "duty.person_required", "staff[1].user_id"));
}

TEST(DutyDayTest, EmptyDayAndBadgeNumbers) {
  DutyDay day;
  day.date = "2026-12-07";
  EXPECT_TRUE(IsEmptyDutyDay(day));
  EXPECT_TRUE(CheckDutyDay(day).empty());
  day.leader_user_id = 3;
  EXPECT_FALSE(IsEmptyDutyDay(day));
  EXPECT_EQ(FormatBadgeNumber(7), "GP-0007");
  EXPECT_EQ(FormatBadgeNumber(12345), "GP-12345");
}

ServiceGuide Guide() {
  ServiceGuide g;
  g.category_id = 5;
  g.region_id = 1;
  g.title = " 低保申请 ";
  g.materials = {"户口簿", " ", "身份证"};
  g.steps = {"提出申请", "入户调查", "公示"};
  return g;
}

TEST(ServiceGuideTest, CleansListsAndDefaultsFeesToFree) {
  ServiceGuide g = Guide();
  EXPECT_TRUE(CheckServiceGuide(g).empty());
  EXPECT_EQ(g.title, "低保申请");
  EXPECT_EQ(g.materials, (std::vector<std::string>{"户口簿", "身份证"}));
  EXPECT_EQ(g.fees, "免费");
}

TEST(ServiceGuideTest, RefusesMissingTitleMaterialsStepsAndBadPhone) {
  ServiceGuide g = Guide();
  g.title = "";
  g.materials = {" "};
  g.steps.clear();
  g.phone = "12345";
  auto problems = CheckServiceGuide(g);
  EXPECT_TRUE(HasCode(problems, "guide.title_required", "title"));
  EXPECT_TRUE(HasCode(problems, "guide.materials_required", "materials"));
  EXPECT_TRUE(HasCode(problems, "guide.steps_required", "steps"));
  EXPECT_TRUE(HasCode(problems, "phone.invalid", "phone"));
}

TEST(ServiceGuideTest, TimeLimitComesFromTheCategory) {
  MatterCategory category;
  category.completion_days = 5;
  category.response_hours = 4;
  EXPECT_EQ(GuideTimeLimit(category), "5个工作日内办结（4个工作小时内受理）");
  category.completion_days = 12;
  EXPECT_EQ(GuideTimeLimit(category), "12个工作日内办结（4个工作小时内受理）");
}

TEST(ServiceGuideTest, LinesRoundTrip) {
  EXPECT_EQ(SplitLines(JoinLines({"a", "b c"})), (std::vector<std::string>{"a", "b c"}));
  EXPECT_EQ(SplitLines("\n x \n\n"), (std::vector<std::string>{"x"}));
  EXPECT_TRUE(SplitLines("").empty());
}

TEST(ServiceGuideTest, TheMostSpecificPublishedGuideApplies) {
  ServiceGuide county = Guide();
  county.id = 1;
  county.region_path = "/1/";
  county.published = true;
  ServiceGuide town = Guide();
  town.id = 2;
  town.region_path = "/1/2/";
  town.published = true;
  ServiceGuide other_town = Guide();
  other_town.id = 3;
  other_town.region_path = "/1/3/";
  other_town.published = true;
  EXPECT_EQ(ApplicableGuide({county, town, other_town}, "/1/2/7/")->id, 2);
  EXPECT_EQ(ApplicableGuide({county, town, other_town}, "/1/4/8/")->id, 1);
  town.published = false;  // A draft never applies.
  EXPECT_EQ(ApplicableGuide({county, town}, "/1/2/7/")->id, 1);
  county.published = false;
  EXPECT_FALSE(ApplicableGuide({county, town}, "/1/2/7/"));
}

}  // namespace
}  // namespace minqing::domain
