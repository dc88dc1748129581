#include "domain/volunteers.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

VolunteerActivity Activity(Id id, int capacity, int hours_tenths) {
  VolunteerActivity a;
  a.id = id;
  a.team_id = 1;
  a.title = "义务理发";
  a.date = "2026-12-05";
  a.place = "村委会";
  a.capacity = capacity;
  a.hours_tenths = hours_tenths;
  return a;
}

VolunteerSignUp S(Id activity, Id volunteer, bool attended) {
  VolunteerSignUp s;
  s.activity_id = activity;
  s.volunteer_id = volunteer;
  s.attended = attended;
  return s;
}

TEST(Volunteers, SignUpPastCapacityIsRefused) {
  const VolunteerActivity a = Activity(7, 2, 20);
  std::vector<VolunteerSignUp> signups = {S(7, 100, false), S(8, 101, false)};
  EXPECT_NO_THROW(CheckSignUp(a, signups, 101));  // Activity 8's sign-up does not count.
  signups.push_back(S(7, 101, false));
  try {
    CheckSignUp(a, signups, 102);
    FAIL() << "past capacity";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.code(), "volunteer.full");
  }
}

TEST(Volunteers, SigningUpTwiceIsRefused) {
  const VolunteerActivity a = Activity(7, 5, 20);
  try {
    CheckSignUp(a, {S(7, 100, false)}, 100);
    FAIL() << "twice";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.code(), "volunteer.signed_up");
  }
}

TEST(Volunteers, HoursAreTheAttendedActivities) {
  const std::vector<VolunteerActivity> activities = {Activity(1, 5, 25), Activity(2, 5, 30),
                                                     Activity(3, 5, 40)};
  const std::vector<VolunteerSignUp> signups = {S(1, 100, true), S(2, 100, true), S(3, 100, false),
                                                S(1, 101, true)};
  EXPECT_EQ(HoursTenthsOf(100, activities, signups), 55);
  EXPECT_EQ(HoursTenthsOf(101, activities, signups), 25);
  EXPECT_EQ(HoursTenthsOf(102, activities, signups), 0);
  EXPECT_EQ(FormatTenths(55), "5.5");
  EXPECT_EQ(FormatTenths(30), "3");
}

TEST(Volunteers, ActivityFieldsAreChecked) {
  EXPECT_TRUE(ValidateActivity(Activity(1, 5, 20)).empty());
  VolunteerActivity bad = Activity(1, 0, 0);
  bad.title = " ";
  bad.date = "2026-02-30";
  EXPECT_EQ(ValidateActivity(bad).size(), 4u);
}

TEST(Volunteers, TenthsParseAndFormat) {
  EXPECT_EQ(ParseTenths("2.5"), 25);
  EXPECT_EQ(ParseTenths(" 3 "), 30);
  EXPECT_EQ(ParseTenths("-1.5"), -15);
  EXPECT_EQ(ParseTenths("0.1"), 1);
  EXPECT_FALSE(ParseTenths(""));
  EXPECT_FALSE(ParseTenths("1.25"));
  EXPECT_FALSE(ParseTenths("1."));
  EXPECT_FALSE(ParseTenths("abc"));
  EXPECT_FALSE(ParseTenths("1e3"));
  EXPECT_EQ(FormatTenths(-15), "-1.5");
  EXPECT_EQ(FormatTenths(0), "0");
}

TEST(Volunteers, NobodyCreditsThemselves) {
  Volunteer v;
  v.resident_id = 42;
  try {
    CheckNotSelf(v, 42);
    FAIL() << "own attendance";
  } catch (const Forbidden& e) {
    EXPECT_EQ(e.code(), "volunteer.self_credit");
  }
  EXPECT_NO_THROW(CheckNotSelf(v, 43));
  EXPECT_NO_THROW(CheckNotSelf(v, std::nullopt));
  Volunteer outside;  // Not in the registry: no account can be theirs.
  EXPECT_NO_THROW(CheckNotSelf(outside, 42));
}

TEST(Volunteers, TeamVolunteerAndStateChecks) {
  Volunteer v;
  v.joined = "2026-12-01";
  EXPECT_EQ(ValidateVolunteer(v).size(), 1u);  // An outside person needs a name.
  v.name = "李四";
  v.phone = "1380000";
  EXPECT_EQ(ValidateVolunteer(v).size(), 1u);
  v.phone = "13800001234";
  EXPECT_TRUE(ValidateVolunteer(v).empty());
  VolunteerTeam t;
  EXPECT_EQ(ValidateTeam(t).size(), 2u);
  EXPECT_EQ(ParseActivityState("cancelled"), ActivityState::kCancelled);
  EXPECT_FALSE(ParseActivityState("gone"));
  VolunteerActivity a = Activity(1, 5, 20);
  a.time = "25:00";
  EXPECT_EQ(ValidateActivity(a).size(), 1u);
  a.time = "09:30";
  EXPECT_TRUE(ValidateActivity(a).empty());
  a.state = ActivityState::kClosed;
  EXPECT_THROW(CheckOpen(a), Conflict);
}

TEST(Volunteers, NamesAreMaskedForThePublic) {
  EXPECT_EQ(MaskPersonName("郭明义"), "郭*义");
  EXPECT_EQ(MaskPersonName("张三"), "张*");
  EXPECT_EQ(MaskPersonName("欧阳娜娜"), "欧**娜");
  EXPECT_EQ(MaskPersonName("王"), "王");
}

}  // namespace
}  // namespace minqing::domain
