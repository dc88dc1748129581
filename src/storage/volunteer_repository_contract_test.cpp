// Volunteer service on every backend: teams read back with their region and filter by subtree or
// leader; volunteers with their ledger's sum; an activity's sign-ups in order, once per
// volunteer; the hours ledger credits an activity once per volunteer; certificates read back by
// code. Concurrent sign-ups for the last places of an activity, each serialised on the activity
// row (LockActivity) before the capacity check, never pass the capacity.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "app/volunteer_store.hpp"
#include "domain/volunteers.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

class VolunteerContractTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store_->Begin();
    testing::AddRegion(*tx, 1, std::nullopt, domain::RegionLevel::kCounty, "县", "/1/");
    testing::AddRegion(*tx, 2, 1, domain::RegionLevel::kTownship, "东镇", "/1/2/");
    testing::AddRegion(*tx, 3, 2, domain::RegionLevel::kVillage, "东村", "/1/2/3/");
    testing::AddRegion(*tx, 4, 1, domain::RegionLevel::kTownship, "西镇", "/1/4/");
    domain::Resident r;
    r.id = 500;
    r.name = "郭明义";
    r.region_path = "/1/2/3/";
    tx->Registry().InsertResident(r);
    tx->Volunteers().InsertTeam(Team(10, "郭明义爱心团队", 3, "/1/2/3/"));
    tx->Volunteers().InsertTeam(Team(11, "西镇志愿队", 4, "/1/4/"));
    tx->Commit();
  }

  static domain::VolunteerTeam Team(Id id, std::string name, Id region, std::string path) {
    domain::VolunteerTeam t;
    t.id = id;
    t.name = std::move(name);
    t.region_id = region;
    t.region_path = std::move(path);
    t.created_at = 1700000000;
    return t;
  }

  static domain::Volunteer Person(Id id, Id team, std::string name) {
    domain::Volunteer v;
    v.id = id;
    v.team_id = team;
    v.name = std::move(name);
    v.joined = "2026-01-01";
    v.created_at = 1700000000;
    return v;
  }

  static domain::VolunteerActivity Activity(Id id, Id team, int capacity, std::string date) {
    domain::VolunteerActivity a;
    a.id = id;
    a.team_id = team;
    a.title = "义务理发";
    a.date = std::move(date);
    a.time = "09:00";
    a.place = "村委会";
    a.capacity = capacity;
    a.hours_tenths = 25;
    a.created_at = 1700000000;
    return a;
  }

  static domain::VolunteerSignUp SignUp(Id activity, Id volunteer) {
    domain::VolunteerSignUp s;
    s.activity_id = activity;
    s.volunteer_id = volunteer;
    s.created_at = 1700000000 + volunteer;
    return s;
  }
};

TEST_P(VolunteerContractTest, TeamsVolunteersAndActivitiesReadBack) {
  {
    auto tx = store_->Begin();
    domain::Volunteer guo = Person(100, 10, "郭明义");
    guo.resident_id = 500;
    tx->Volunteers().InsertVolunteer(guo);
    domain::Volunteer li = Person(101, 10, "李四");
    li.phone = "13800001234";
    tx->Volunteers().InsertVolunteer(li);
    tx->Volunteers().InsertActivity(Activity(200, 10, 5, "2026-12-05"));
    tx->Volunteers().InsertActivity(Activity(201, 11, 5, "2026-12-06"));
    domain::VolunteerActivity old = Activity(202, 10, 5, "2025-01-01");
    tx->Volunteers().InsertActivity(old);
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    tx->Volunteers().InsertVolunteer(Person(102, 10, "回滚"));
    // Rolled back.
  }
  {
    auto tx = store_->Begin();
    domain::Volunteer again = Person(103, 10, "郭明义");
    again.resident_id = 500;
    try {
      tx->Volunteers().InsertVolunteer(again);
      FAIL() << "a resident twice in one team";
    } catch (const domain::Conflict& e) {
      EXPECT_EQ(e.code(), "volunteer.duplicate");
    }
  }
  auto tx = store_->BeginRead();
  auto team = tx->Volunteers().FindTeam(10);
  ASSERT_TRUE(team);
  EXPECT_EQ(team->region_name, "东村");
  EXPECT_EQ(team->name, "郭明义爱心团队");
  EXPECT_FALSE(team->leader_user_id);
  app::VolunteerTeamFilter east;
  east.region_path = "/1/2/";
  ASSERT_EQ(tx->Volunteers().ListTeams(east).size(), 1u);
  EXPECT_EQ(tx->Volunteers().ListTeams({}).size(), 2u);
  auto volunteers = tx->Volunteers().VolunteersOf(10);
  ASSERT_EQ(volunteers.size(), 2u);
  EXPECT_FALSE(tx->Volunteers().FindVolunteer(102));
  auto li = tx->Volunteers().FindVolunteer(101);
  ASSERT_TRUE(li);
  EXPECT_EQ(li->phone, "13800001234");
  EXPECT_TRUE(li->active);
  EXPECT_EQ(tx->Volunteers().VolunteersOfResident(500).size(), 1u);
  auto activities = tx->Volunteers().ActivitiesOf(10);
  ASSERT_EQ(activities.size(), 2u);
  EXPECT_EQ(activities[0].id, 200);  // Newest date first.
  EXPECT_EQ(activities[0].team_name, "郭明义爱心团队");
  EXPECT_EQ(activities[0].region_path, "/1/2/3/");
  EXPECT_EQ(activities[0].hours_tenths, 25);
  EXPECT_EQ(activities[0].time, "09:00");
  auto open = tx->Volunteers().OpenActivities("/1/2/", "2026-01-01");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].id, 200);
}

TEST_P(VolunteerContractTest, SignUpsAttendanceHoursAndCertificates) {
  {
    auto tx = store_->Begin();
    tx->Volunteers().InsertVolunteer(Person(100, 10, "王小兰"));
    tx->Volunteers().InsertVolunteer(Person(101, 10, "李四"));
    tx->Volunteers().InsertActivity(Activity(200, 10, 5, "2026-12-05"));
    tx->Volunteers().LockActivity(200);
    tx->Volunteers().InsertSignUp(SignUp(200, 100));
    tx->Volunteers().InsertSignUp(SignUp(200, 101));
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    try {
      tx->Volunteers().InsertSignUp(SignUp(200, 100));
      FAIL() << "twice";
    } catch (const domain::Conflict& e) {
      EXPECT_EQ(e.code(), "volunteer.signed_up");
    }
  }
  {
    auto tx = store_->Begin();
    tx->Volunteers().SetAttended(200, 100);
    domain::VolunteerHours h;
    h.id = 300;
    h.volunteer_id = 100;
    h.activity_id = 200;
    h.tenths = 25;
    h.created_at = 1700000100;
    tx->Volunteers().InsertHours(h);
    domain::VolunteerHours adjust;
    adjust.id = 301;
    adjust.volunteer_id = 100;
    adjust.tenths = -5;
    adjust.reason = "更正";
    adjust.created_at = 1700000200;
    tx->Volunteers().InsertHours(adjust);
    adjust.id = 302;
    adjust.tenths = 10;
    tx->Volunteers().InsertHours(adjust);  // Adjustments may repeat.
    tx->Volunteers().SetActivityState(200, domain::ActivityState::kDone);
    domain::VolunteerCertificate c;
    c.code = "ABCDEF123456";
    c.volunteer_id = 100;
    c.volunteer_name = "王小兰";
    c.team_name = "郭明义爱心团队";
    c.hours_tenths = 30;
    c.issued_at = 1700000300;
    tx->Volunteers().InsertCertificate(c);
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    domain::VolunteerHours twice;
    twice.id = 303;
    twice.volunteer_id = 100;
    twice.activity_id = 200;
    twice.tenths = 25;
    try {
      tx->Volunteers().InsertHours(twice);
      FAIL() << "credited twice";
    } catch (const domain::Conflict& e) {
      EXPECT_EQ(e.code(), "volunteer.credited");
    }
  }
  auto tx = store_->BeginRead();
  auto signups = tx->Volunteers().SignUpsOf(200);
  ASSERT_EQ(signups.size(), 2u);
  EXPECT_EQ(signups[0].volunteer_id, 100);
  EXPECT_EQ(signups[0].volunteer_name, "王小兰");
  EXPECT_TRUE(signups[0].attended);
  EXPECT_FALSE(signups[1].attended);
  auto activity = tx->Volunteers().FindActivity(200);
  ASSERT_TRUE(activity);
  EXPECT_EQ(activity->signed_up, 2);
  EXPECT_EQ(activity->state, domain::ActivityState::kDone);
  auto rows = tx->Volunteers().HoursOf(100);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].activity_title, "义务理发");
  EXPECT_EQ(rows[0].activity_date, "2026-12-05");
  EXPECT_EQ(rows[1].reason, "更正");
  EXPECT_FALSE(rows[1].activity_id);
  EXPECT_EQ(tx->Volunteers().FindVolunteer(100)->hours_tenths, 30);
  EXPECT_EQ(tx->Volunteers().FindVolunteer(101)->hours_tenths, 0);
  auto c = tx->Volunteers().FindCertificate("ABCDEF123456");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->hours_tenths, 30);
  EXPECT_EQ(c->team_name, "郭明义爱心团队");
  EXPECT_FALSE(tx->Volunteers().FindCertificate("NOPE"));
}

// As the use case does it: lock the activity, read its sign-ups, check the capacity, insert.
TEST_P(VolunteerContractTest, ConcurrentSignUpsNeverPassTheCapacity) {
  constexpr int kVolunteers = 8;
  constexpr int kCapacity = 3;
  {
    auto tx = store_->Begin();
    for (int i = 0; i < kVolunteers; ++i) {
      tx->Volunteers().InsertVolunteer(Person(100 + i, 10, "志愿者" + std::to_string(i)));
    }
    tx->Volunteers().InsertActivity(Activity(200, 10, kCapacity, "2026-12-05"));
    tx->Commit();
  }
  std::atomic<int> passed{0};
  std::atomic<int> full{0};
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < kVolunteers; ++i) {
      threads.emplace_back([this, i, &passed, &full] {
        auto tx = store_->Begin();
        tx->Volunteers().LockActivity(200);
        auto activity = tx->Volunteers().FindActivity(200);
        try {
          domain::CheckSignUp(*activity, tx->Volunteers().SignUpsOf(200), 100 + i);
        } catch (const domain::Conflict& e) {
          if (e.code() == "volunteer.full") ++full;
          return;
        }
        tx->Volunteers().InsertSignUp(SignUp(200, 100 + i));
        tx->Commit();
        ++passed;
      });
    }
  }
  EXPECT_EQ(passed.load(), kCapacity);
  EXPECT_EQ(full.load(), kVolunteers - kCapacity);
  auto tx = store_->BeginRead();
  EXPECT_EQ(tx->Volunteers().SignUpsOf(200).size(), static_cast<std::size_t>(kCapacity));
  EXPECT_EQ(tx->Volunteers().FindActivity(200)->signed_up, kCapacity);
}

MINQING_INSTANTIATE_BACKENDS(VolunteerContractTest);

}  // namespace
}  // namespace minqing::storage
