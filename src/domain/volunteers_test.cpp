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

TEST(Volunteers, SignUpPastCapacityIsRefused) {
  const VolunteerActivity a = Activity(7, 2, 20);
  std::vector<VolunteerSignUp> signups = {{7, 100, false}, {8, 101, false}};
  EXPECT_NO_THROW(CheckSignUp(a, signups, 101));  // Activity 8's sign-up does not count.
  signups.push_back({7, 101, false});
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
    CheckSignUp(a, {{7, 100, false}}, 100);
    FAIL() << "twice";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.code(), "volunteer.signed_up");
  }
}

TEST(Volunteers, HoursAreTheAttendedActivities) {
  const std::vector<VolunteerActivity> activities = {Activity(1, 5, 25), Activity(2, 5, 30),
                                                     Activity(3, 5, 40)};
  const std::vector<VolunteerSignUp> signups = {
      {1, 100, true}, {2, 100, true}, {3, 100, false}, {1, 101, true}};
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

}  // namespace
}  // namespace minqing::domain
