// The duty roster and service guide repository on every backend: a day is replaced whole (posts
// in order, names filled), an empty day is removed, badge numbers are given once per person and
// centre, a person cannot hold two posts the same day, a rolled-back day leaves the stored one;
// guides are unique per category and region, their lists round-trip and updates keep the rest.
#include <gtest/gtest.h>

#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Id;
using testing::AddRegion;

constexpr Id kCategoryLowIncome = 201;  // 低保救助, seeded.
constexpr Id kCategoryParking = 306;    // 停车, seeded.

class ServiceInfoContractTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store_->Begin();
    AddRegion(*tx, 1, std::nullopt, domain::RegionLevel::kCounty, "青县", "/1/");
    AddRegion(*tx, 2, 1, domain::RegionLevel::kTownship, "清州镇", "/1/2/");
    domain::Unit unit;
    unit.id = 20;
    unit.name = "清州镇便民服务中心";
    unit.kind = domain::UnitKind::kServiceCentre;
    unit.region_id = 2;
    tx->Registry().InsertUnit(unit);
    for (auto [id, name] :
         {std::pair<Id, const char*>{700, "张带班"}, {701, "李窗口"}, {702, "王窗口"}}) {
      domain::User user;
      user.id = id;
      user.username = "u" + std::to_string(id);
      user.display_name = name;
      user.role = domain::Role::kCentreStaff;
      user.created_at = 1700000000;
      tx->Accounts().InsertUser(user);
    }
    tx->Commit();
  }

  static domain::DutyDay Day(const std::string& date, std::vector<domain::DutyPost> staff) {
    domain::DutyDay day;
    day.unit_id = 20;
    day.date = date;
    day.leader_user_id = 700;
    day.staff = std::move(staff);
    return day;
  }

  std::vector<domain::DutyDay> Days(const std::string& from, const std::string& to) {
    auto tx = store_->BeginRead();
    return tx->ServiceInfo().ListDutyDays(20, from, to);
  }

  static domain::ServiceGuide Guide(Id id, Id category, Id region) {
    domain::ServiceGuide g;
    g.id = id;
    g.category_id = category;
    g.region_id = region;
    g.title = "低保申请指南";
    g.materials = {"户口簿", "身份证", "收入证明"};
    g.steps = {"提出申请", "入户调查", "民主评议", "公示"};
    g.place = "清州镇便民服务中心";
    g.window_name = "2号窗口";
    g.fees = "免费";
    g.office_hours = "工作日 8:30-17:30";
    g.phone = "0317-4012345";
    g.updated_at = 1700000000;
    g.updated_by = 700;
    return g;
  }
};

TEST_P(ServiceInfoContractTest, DutyDaysAreReplacedWholeWithNamesAndBadges) {
  {
    auto tx = store_->Begin();
    tx->ServiceInfo().PutDutyDay(
        Day("2026-12-07", {{702, "2号窗口", "", 0}, {701, "1号窗口", "", 0}}), 1700000000, 700);
    tx->ServiceInfo().PutDutyDay(Day("2026-12-08", {{701, "3号窗口", "", 0}}), 1700000000, 700);
    tx->Commit();
  }
  auto days = Days("2026-12-07", "2026-12-13");
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].date, "2026-12-07");
  EXPECT_EQ(days[0].leader_name, "张带班");
  ASSERT_EQ(days[0].staff.size(), 2u);
  EXPECT_EQ(days[0].staff[0].name, "王窗口");  // In the order entered.
  EXPECT_EQ(days[0].staff[0].post, "2号窗口");
  EXPECT_EQ(days[0].staff[1].name, "李窗口");
  // Badge numbers: one per person at the centre, given once, in the order people came.
  EXPECT_EQ(days[0].leader_badge_number, 1);
  EXPECT_EQ(days[0].staff[0].badge_number, 2);
  EXPECT_EQ(days[0].staff[1].badge_number, 3);
  EXPECT_EQ(days[1].staff[0].badge_number, 3);
  {
    auto tx = store_->BeginRead();
    EXPECT_EQ(tx->ServiceInfo().FindBadgeNumber(20, 701), 3);
    EXPECT_EQ(tx->ServiceInfo().FindBadgeNumber(20, 999), 0);
  }
  // Replacing a day drops its old posts; an empty day disappears.
  {
    auto tx = store_->Begin();
    tx->ServiceInfo().PutDutyDay(Day("2026-12-07", {{701, "1号窗口", "", 0}}), 1700000001, 700);
    domain::DutyDay empty;
    empty.unit_id = 20;
    empty.date = "2026-12-08";
    tx->ServiceInfo().PutDutyDay(empty, 1700000001, 700);
    tx->Commit();
  }
  days = Days("2026-12-01", "2026-12-31");
  ASSERT_EQ(days.size(), 1u);
  ASSERT_EQ(days[0].staff.size(), 1u);
  EXPECT_EQ(days[0].staff[0].name, "李窗口");
  EXPECT_TRUE(Days("2026-12-08", "2026-12-08").empty());
}

TEST_P(ServiceInfoContractTest, APersonAtTwoPostsIsRefusedAndTheStoredDayStays) {
  {
    auto tx = store_->Begin();
    tx->ServiceInfo().PutDutyDay(Day("2026-12-07", {{701, "1号窗口", "", 0}}), 1700000000, 700);
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    try {
      tx->ServiceInfo().PutDutyDay(
          Day("2026-12-07", {{702, "1号窗口", "", 0}, {702, "2号窗口", "", 0}}), 1700000001, 700);
      FAIL() << "two posts for one person were stored";
    } catch (const domain::Conflict& e) {
      EXPECT_EQ(e.code(), "duty.staff_twice");
    }
  }  // Rolled back.
  auto days = Days("2026-12-07", "2026-12-07");
  ASSERT_EQ(days.size(), 1u);
  ASSERT_EQ(days[0].staff.size(), 1u);
  EXPECT_EQ(days[0].staff[0].user_id, 701);
}

TEST_P(ServiceInfoContractTest, GuidesRoundTripAndAreUniquePerCategoryAndRegion) {
  {
    auto tx = store_->Begin();
    tx->ServiceInfo().InsertGuide(Guide(900, kCategoryLowIncome, 1));
    tx->ServiceInfo().InsertGuide(Guide(901, kCategoryLowIncome, 2));
    tx->ServiceInfo().InsertGuide(Guide(902, kCategoryParking, 2));
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    try {
      tx->ServiceInfo().InsertGuide(Guide(903, kCategoryLowIncome, 2));
      FAIL() << "a second guide for one category and region was stored";
    } catch (const domain::Conflict& e) {
      EXPECT_EQ(e.code(), "guide.exists");
    }
  }
  auto tx = store_->Begin();
  auto guide = tx->ServiceInfo().FindGuide(901);
  ASSERT_TRUE(guide);
  EXPECT_EQ(guide->materials, (std::vector<std::string>{"户口簿", "身份证", "收入证明"}));
  EXPECT_EQ(guide->steps.size(), 4u);
  EXPECT_EQ(guide->region_name, "清州镇");
  EXPECT_EQ(guide->region_path, "/1/2/");
  EXPECT_EQ(guide->phone, "0317-4012345");
  EXPECT_FALSE(guide->published);
  EXPECT_EQ(guide->updated_by, 700);

  guide->published = true;
  guide->steps = {"提出申请", "公示"};
  guide->updated_at = 1700000100;
  tx->ServiceInfo().UpdateGuide(*guide);
  auto all = tx->ServiceInfo().ListGuides();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].region_path, "/1/");  // By region path, then category.
  EXPECT_EQ(all[1].id, 901);
  EXPECT_TRUE(all[1].published);
  EXPECT_EQ(all[1].steps, (std::vector<std::string>{"提出申请", "公示"}));
  EXPECT_EQ(all[1].updated_at, 1700000100);
  EXPECT_FALSE(all[2].published);

  domain::ServiceGuide missing = Guide(999, kCategoryParking, 1);
  EXPECT_THROW(tx->ServiceInfo().UpdateGuide(missing), domain::NotFound);
  EXPECT_FALSE(tx->ServiceInfo().FindGuide(999));
}

MINQING_INSTANTIATE_BACKENDS(ServiceInfoContractTest);

}  // namespace
}  // namespace minqing::storage
