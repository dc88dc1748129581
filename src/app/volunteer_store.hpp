// The repository of volunteer service (志愿服务): teams, volunteers, activities, sign-ups, the
// hours ledger and issued certificates (domain/volunteers.hpp). Nothing is deleted: a volunteer
// leaves by becoming inactive, an activity by its state; ledger rows and certificates are only
// added.
// Thread-safety: as the transaction it belongs to.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/volunteers.hpp"

namespace minqing::app {

struct VolunteerTeamFilter {
  std::string region_path;              // Prefix: teams of regions in this subtree; "" for all.
  std::optional<domain::Id> leader_id;  // Or led by this account (either matches).
};

class VolunteerRepository {
 public:
  virtual ~VolunteerRepository() = default;

  virtual void InsertTeam(const domain::VolunteerTeam& team) = 0;
  // With region_name, leader_name and unit_name filled.
  virtual std::optional<domain::VolunteerTeam> FindTeam(domain::Id id) = 0;
  // By name.
  virtual std::vector<domain::VolunteerTeam> ListTeams(const VolunteerTeamFilter& filter) = 0;

  // Conflict "volunteer.duplicate" when the resident already is a volunteer of the team.
  virtual void InsertVolunteer(const domain::Volunteer& volunteer) = 0;
  virtual void SetVolunteerActive(domain::Id id, bool active) = 0;
  // With hours_tenths filled.
  virtual std::optional<domain::Volunteer> FindVolunteer(domain::Id id) = 0;
  // Of a team, by name; with hours_tenths filled.
  virtual std::vector<domain::Volunteer> VolunteersOf(domain::Id team_id) = 0;
  // The volunteer records of one registry resident (in every team).
  virtual std::vector<domain::Volunteer> VolunteersOfResident(domain::Id resident_id) = 0;

  virtual void InsertActivity(const domain::VolunteerActivity& activity) = 0;
  virtual void SetActivityState(domain::Id id, domain::ActivityState state) = 0;
  // Serialises the writers of one activity's sign-ups and attendance until the transaction ends
  // (bumps the activity row's version); call before reading the sign-ups a check compares with.
  virtual void LockActivity(domain::Id id) = 0;
  // With signed_up, team_name and region_path filled.
  virtual std::optional<domain::VolunteerActivity> FindActivity(domain::Id id) = 0;
  // Of a team, newest date first.
  virtual std::vector<domain::VolunteerActivity> ActivitiesOf(domain::Id team_id) = 0;
  // Open activities on or after `from` of teams in the subtree, soonest first.
  virtual std::vector<domain::VolunteerActivity> OpenActivities(const std::string& region_path,
                                                                const std::string& from) = 0;

  // Conflict "volunteer.signed_up" when the volunteer already signed up for the activity.
  virtual void InsertSignUp(const domain::VolunteerSignUp& signup) = 0;
  virtual void SetAttended(domain::Id activity_id, domain::Id volunteer_id) = 0;
  // With volunteer_name filled, in sign-up order.
  virtual std::vector<domain::VolunteerSignUp> SignUpsOf(domain::Id activity_id) = 0;

  // Conflict "volunteer.credited" when the activity was already credited to the volunteer.
  virtual void InsertHours(const domain::VolunteerHours& hours) = 0;
  // With activity_title and activity_date filled; oldest first.
  virtual std::vector<domain::VolunteerHours> HoursOf(domain::Id volunteer_id) = 0;

  virtual void InsertCertificate(const domain::VolunteerCertificate& certificate) = 0;
  virtual std::optional<domain::VolunteerCertificate> FindCertificate(const std::string& code) = 0;
};

}  // namespace minqing::app
