// Volunteer service (志愿服务, 郭明义爱心团队): the pure rules (use cases in
// app/volunteer_service.hpp; README "Volunteers (志愿服务)"). A team has volunteers (a registry
// resident or an outside person); an activity of the team has a date, a capacity and the hours it
// credits. A volunteer signs up once (Conflict "volunteer.signed_up") and not past the capacity
// (Conflict "volunteer.full"); the team leader marks attendance; a volunteer's hours are the sum of
// the hours ledger (one row per attended activity, plus manual adjustments with a reason).
// Pure values and functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "domain/model.hpp"

namespace minqing::domain {

enum class ActivityState { kOpen = 1, kClosed = 2, kDone = 3, kCancelled = 4 };

std::string_view ActivityStateCode(ActivityState state);  // "open", "closed", "done", "cancelled"
std::optional<ActivityState> ParseActivityState(std::string_view code);

struct VolunteerTeam {
  Id id = 0;
  std::string name;
  Id region_id = 0;
  std::string region_path;
  std::optional<Id> leader_user_id;  // The team leader's account.
  std::optional<Id> unit_id;         // A registry unit of kind volunteer_team, if any.
  std::string note;
  Epoch created_at = 0;
  std::string region_name;  // Filled by reads.
  std::string leader_name;  // Filled by reads: the account's display name.
  std::string unit_name;    // Filled by reads.
};

// A volunteer of a team: a registry resident (resident_id, name copied from the registry) or a
// person outside the registry (name and phone).
struct Volunteer {
  Id id = 0;
  Id team_id = 0;
  std::optional<Id> resident_id;
  std::string name;
  std::string phone;
  std::string joined;  // China date 'YYYY-MM-DD'.
  bool active = true;
  Epoch created_at = 0;
  int hours_tenths = 0;  // Filled by reads: the ledger's sum.
};

struct VolunteerActivity {
  Id id = 0;
  Id team_id = 0;
  std::string title;
  std::string date;  // China date 'YYYY-MM-DD'.
  std::string time;  // 'HH:MM' or empty.
  std::string place;
  int capacity = 0;      // At least 1.
  int hours_tenths = 0;  // Hours credited to each attendee, in tenths (25 = 2.5 hours).
  ActivityState state = ActivityState::kOpen;
  Epoch created_at = 0;
  int signed_up = 0;        // Filled by reads: the number of sign-ups.
  std::string team_name;    // Filled by reads.
  std::string region_path;  // Filled by reads: the team's.
};

struct VolunteerSignUp {
  Id activity_id = 0;
  Id volunteer_id = 0;
  bool attended = false;
  Epoch created_at = 0;
  std::optional<Id> created_by;
  std::string volunteer_name;  // Filled by reads.
};

// One row of a volunteer's hours ledger: the credit of an attended activity (activity_id set) or
// a manual adjustment (reason required; may be negative).
struct VolunteerHours {
  Id id = 0;
  Id volunteer_id = 0;
  std::optional<Id> activity_id;
  int tenths = 0;
  std::string reason;
  Epoch created_at = 0;
  std::optional<Id> created_by;
  std::string activity_title;  // Filled by reads.
  std::string activity_date;   // Filled by reads.
};

// A certificate (志愿服务证明) as issued: the verification code and what it stated.
struct VolunteerCertificate {
  std::string code;
  Id volunteer_id = 0;
  std::string volunteer_name;
  std::string team_name;
  int hours_tenths = 0;
  Epoch issued_at = 0;
  std::optional<Id> issued_by;
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

// "2.5" for 25 tenths, "3" for 30, "-1.5" for -15.
std::string FormatTenths(int tenths);

// Tenths from a decimal text with at most one decimal ("2.5" → 25, "-1" → -10); nullopt when it is
// not one.
std::optional<int> ParseTenths(std::string_view text);

// The checks of a team's name and a volunteer's fields (name required unless resident_id, phone
// of 11 digits when given, joined a date).
std::vector<FieldProblem> ValidateTeam(const VolunteerTeam& team);
std::vector<FieldProblem> ValidateVolunteer(const Volunteer& volunteer);

// Throws Conflict "volunteer.not_open" unless the activity is open.
void CheckOpen(const VolunteerActivity& activity);

// Throws Forbidden "volunteer.self_credit" when the acting account is the volunteer itself (its
// resident_id is the volunteer's): nobody marks their own attendance or credits their own hours.
void CheckNotSelf(const Volunteer& volunteer, std::optional<Id> actor_resident_id);

// "郭*义" for 郭明义, "张*" for 张三: the first character and the last of three or more, the rest
// masked (the public verification page).
std::string MaskPersonName(std::string_view name);

}  // namespace minqing::domain
