// ServiceInfoService on a real SQLite store: duty rosters (scope, conflicts, candidates, copy week,
// badges) and service guides (scope, drafts, the time limit read from the catalogue).
#include "app/service_info/service_info.hpp"

#include <gtest/gtest.h>

#include "app/matters/test_fixture.hpp"

namespace minqing::app {
namespace {

class ServiceInfoTest : public MattersTest {
 protected:
  void SetUp() override {
    MattersTest::SetUp();
    other_town_ = Region(county_.id, "township", "131124200000", "大尹村镇");
    UnitInput input;
    input.name = "大尹村镇服务中心";
    input.kind = "service_centre";
    input.region_id = other_town_.id;
    other_centre_ = services_->registry.CreateUnit(admin_, input);
    other_clerk_ = UserActor("clerk_b", "centre_staff", other_town_.id);
    town_leader_ = UserActor("town_leader", "leader", township_.id);
  }

  ServiceInfoService& info() { return services_->service_info; }

  static domain::DutyPost Post(domain::Id user, const char* post) {
    domain::DutyPost p;
    p.user_id = user;
    p.post = post;
    return p;
  }

  domain::DutyDay Day(const std::string& date, std::vector<domain::DutyPost> staff) {
    domain::DutyDay day;
    day.date = date;
    day.leader_user_id = town_leader_.user.id;
    day.staff = std::move(staff);
    return day;
  }

  GuideInput Guide(domain::Id category, bool published) {
    GuideInput in;
    in.category_id = category;
    in.title = "停车管理办事指南";
    in.materials = {"身份证", "车辆行驶证"};
    in.steps = {"窗口提交材料", "现场核查", "答复"};
    in.place = "饶阳镇便民服务中心";
    in.window_name = "3号窗口";
    in.published = published;
    return in;
  }

  domain::Region other_town_;
  domain::Unit other_centre_;
  Actor other_clerk_, town_leader_;
};

TEST_F(ServiceInfoTest, DutyIsSavedAndAPersonAtTwoWindowsIsRefusedWithNothingLost) {
  auto saved =
      info().SaveDuty(clerk_, unit1_.id, {Day("2026-12-07", {Post(clerk_.user.id, "1号窗口")})});
  ASSERT_EQ(saved.days.size(), 1u);
  EXPECT_EQ(saved.days[0].staff.at(0).name, "clerk");
  EXPECT_EQ(saved.days[0].leader_name, "town_leader");
  EXPECT_GT(saved.days[0].staff[0].badge_number, 0);

  try {
    info().SaveDuty(
        clerk_, unit1_.id,
        {Day("2026-12-07", {Post(clerk_.user.id, "1号窗口"), Post(clerk_.user.id, "2号窗口")})});
    FAIL() << "a person at two windows the same day was accepted";
  } catch (const domain::InvalidInput& e) {
    ASSERT_FALSE(e.problems().empty());
    EXPECT_EQ(e.problems()[0].code, "duty.staff_twice");
  }
  auto roster = info().Duty(clerk_, unit1_.id, "2026-12-07", 1);
  ASSERT_EQ(roster.days[0].staff.size(), 1u);
  EXPECT_EQ(roster.days[0].staff[0].post, "1号窗口");
}

TEST_F(ServiceInfoTest, OnlyAccountsOfTheCentreOrTownshipMayBeOnDuty) {
  auto candidates = info().DutyCandidates(clerk_, unit1_.id);
  std::vector<std::string> names;
  for (const auto& c : candidates) names.push_back(c.name);
  EXPECT_NE(std::find(names.begin(), names.end(), "clerk"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "clerk_b"), names.end());
  EXPECT_THROW(info().SaveDuty(clerk_, unit1_.id,
                               {Day("2026-12-07", {Post(other_clerk_.user.id, "1号窗口")})}),
               domain::InvalidInput);
}

TEST_F(ServiceInfoTest, AClerkOfAnotherTownshipCannotReadOrEditTheRoster) {
  EXPECT_THROW(info().Duty(other_clerk_, unit1_.id, "", 7), domain::Forbidden);
  EXPECT_THROW(info().SaveDuty(other_clerk_, unit1_.id,
                               {Day("2026-12-07", {Post(clerk_.user.id, "1号窗口")})}),
               domain::Forbidden);
  EXPECT_THROW(info().BadgesPdf(other_clerk_, unit1_.id, "2026-12-07", {}), domain::Forbidden);
  // A village assistant has no duty.manage at all.
  EXPECT_THROW(info().Duty(assistant_, unit1_.id, "", 7), domain::Forbidden);
}

TEST_F(ServiceInfoTest, CopyWeekAndBadges) {
  info().SaveDuty(clerk_, unit1_.id,
                  {Day("2026-11-30", {Post(clerk_.user.id, "1号窗口")}),
                   Day("2026-12-01", {Post(clerk_.user.id, "2号窗口")})});
  auto copied = info().CopyDutyWeek(clerk_, unit1_.id, "2026-11-30", "2026-12-07");
  ASSERT_EQ(copied.days.size(), 7u);
  EXPECT_EQ(copied.days[0].date, "2026-12-07");
  EXPECT_EQ(copied.days[1].staff.at(0).post, "2号窗口");
  EXPECT_TRUE(copied.days[2].staff.empty());
  EXPECT_THROW(info().CopyDutyWeek(clerk_, unit1_.id, "2026-12-01", "2026-12-08"),
               domain::InvalidInput);

  std::string pdf = info().BadgesPdf(clerk_, unit1_.id, "2026-12-07", {});
  EXPECT_EQ(pdf.rfind("%PDF", 0), 0u);
  EXPECT_THROW(info().BadgesPdf(clerk_, unit1_.id, "2026-12-09", {}), domain::InvalidInput);

  auto pub = info().PublicDuty(unit1_.id, At("2026-12-08", 10));
  EXPECT_EQ(pub.today, "2026-12-08");
  EXPECT_EQ(pub.from, "2026-12-07");
  EXPECT_EQ(pub.days.size(), 7u);
}

TEST_F(ServiceInfoTest, GuideTimeLimitFollowsTheCatalogue) {
  auto guide = info().CreateGuide(admin_, Guide(category_.id, true));
  EXPECT_EQ(guide.time_limit, "2个工作日内办结（4个工作小时内受理）");
  EXPECT_EQ(guide.guide.fees, "免费");
  CategoryInput change;
  change.name = category_.name;
  change.keywords = category_.keywords;
  change.completion_days = 9;
  change.response_hours = 8;
  catalogue().UpdateCategory(admin_, category_.id, change);
  EXPECT_EQ(info().PublicGuide(guide.guide.id).time_limit, "9个工作日内办结（8个工作小时内受理）");
  auto list = info().PublicGuides(village_a_.id);
  bool found = false;
  for (const auto& entry : list.items) {
    if (entry.category.id != category_.id) continue;
    ASSERT_TRUE(entry.guide);
    EXPECT_EQ(entry.guide->time_limit, "9个工作日内办结（8个工作小时内受理）");
    found = true;
  }
  EXPECT_TRUE(found);
}

TEST_F(ServiceInfoTest, DraftsAreNotPublicAndScopeIsChecked) {
  auto draft = info().CreateGuide(clerk_, Guide(relief_.id, false));
  EXPECT_EQ(draft.guide.region_id, township_.id);
  EXPECT_THROW(info().PublicGuide(draft.guide.id), domain::NotFound);
  for (const auto& entry : info().PublicGuides(village_a_.id).items) {
    EXPECT_FALSE(entry.guide) << entry.category.name;
  }
  // Another township's clerk may neither read nor change it, nor write for this township.
  EXPECT_THROW(info().GetGuide(other_clerk_, draft.guide.id), domain::Forbidden);
  EXPECT_THROW(info().UpdateGuide(other_clerk_, draft.guide.id, Guide(relief_.id, true)),
               domain::Forbidden);
  GuideInput elsewhere = Guide(category_.id, true);
  elsewhere.region_id = township_.id;
  EXPECT_THROW(info().CreateGuide(other_clerk_, elsewhere), domain::Forbidden);
  // A township clerk cannot write the county-wide guide.
  elsewhere.region_id = county_.id;
  EXPECT_THROW(info().CreateGuide(clerk_, elsewhere), domain::Forbidden);

  // Bad input is refused and the stored draft stays as it was.
  GuideInput bad = Guide(relief_.id, true);
  bad.materials.clear();
  EXPECT_THROW(info().UpdateGuide(clerk_, draft.guide.id, bad), domain::InvalidInput);
  EXPECT_FALSE(info().GetGuide(clerk_, draft.guide.id).guide.published);
  EXPECT_EQ(info().GetGuide(clerk_, draft.guide.id).guide.materials.size(), 2u);

  info().UpdateGuide(clerk_, draft.guide.id, Guide(relief_.id, true));
  EXPECT_EQ(info().PublicGuide(draft.guide.id).guide.title, "停车管理办事指南");
  EXPECT_EQ(info().PublicGuidePdf(draft.guide.id).rfind("%PDF", 0), 0u);
  // Not in the other township's list.
  for (const auto& entry : info().PublicGuides(other_town_.id).items) {
    EXPECT_FALSE(entry.guide) << entry.category.name;
  }
}

}  // namespace
}  // namespace minqing::app
