// Volunteer service (志愿服务, 郭明义爱心团队): the pure rules only (no storage or routes yet; see
// the README "Volunteers (志愿服务)"). A team has volunteers (a registry resident or an outside
// person); an activity of the team has a date, a capacity and the hours it credits. A volunteer
// signs up once (Conflict "volunteer.signed_up") and not past the capacity (Conflict
// "volunteer.full"); the team leader marks attendance; a volunteer's hours are the sum of the
// credited hours of the activities they attended.
// Pure values and functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "domain/model.hpp"

namespace minqing::domain {

struct VolunteerActivity {
  Id id = 0;
  Id team_id = 0;
  std::string title;
  std::string date;  // China date 'YYYY-MM-DD'.
  std::string place;
  int capacity = 0;      // At least 1.
  int hours_tenths = 0;  // Hours credited to each attendee, in tenths (25 = 2.5 hours).
};

struct VolunteerSignUp {
  Id activity_id = 0;
  Id volunteer_id = 0;
  bool attended = false;
};

// The checks of an activity's own fields: title, date, place length, capacity 1–10000, hours
// 0.1–24.
std::vector<FieldProblem> ValidateActivity(const VolunteerActivity& activity);

// Throws Conflict "volunteer.signed_up" when `volunteer_id` is among `signups` of the activity,
// "volunteer.full" when the activity already has `capacity` sign-ups.
void CheckSignUp(const VolunteerActivity& activity, const std::vector<VolunteerSignUp>& signups,
                 Id volunteer_id);

// The volunteer's hours in tenths: the credited hours of each activity they attended.
int HoursTenthsOf(Id volunteer_id, const std::vector<VolunteerActivity>& activities,
                  const std::vector<VolunteerSignUp>& signups);

// "2.5" for 25 tenths, "3" for 30.
std::string FormatTenths(int tenths);

}  // namespace minqing::domain
