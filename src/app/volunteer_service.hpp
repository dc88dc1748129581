// Volunteer service (志愿服务, 郭明义爱心团队): the use cases. Rules in domain/volunteers.hpp,
// storage in volunteer_store.hpp, the certificate's PDF in volunteer_certificate_pdf.hpp.
//
// Who may do what (domain/authz.cpp):
//   - volunteers.manage: admin, leader, centre_staff and village_assistant create teams of
//     regions in their scope and, in that scope, everything a team leader may do, plus manual
//     hours adjustments (with a reason).
//   - volunteers.read: staff and party members read the teams of regions in their scope; the team
//     leader (the team's leader account, any role holding volunteers.read) also reads their own
//     team wherever it is and adds volunteers and activities, changes an activity's state, signs
//     volunteers up, marks attendance and issues certificates.
//   - volunteers.join: a party member's or resident's account whose resident is a volunteer of the
//     team sees that team's open activities (Mine), signs itself up and reads its own hours and
//     certificates; nothing else.
//   - Nobody marks their own attendance or credits their own hours (Forbidden
//     "volunteer.self_credit"), not even a team leader or a manager who is also a volunteer.
//   - The public verification of a certificate (VerifyCertificate) shows the masked name, the
//     team, the hours and the date at issue; the public activity list shows no person.
// Scope is checked before the object's state and before the input. Every change is audited.
// Sign-ups and attendance of one activity are serialised on the activity row (LockActivity), so
// two sign-ups for its last place cannot both pass.
// Thread-safety: safe to share; each call runs in its own transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/public_links.hpp"
#include "app/store.hpp"
#include "domain/volunteers.hpp"

namespace minqing::app {

struct VolunteerTeamInput {
  std::string name;
  Id region_id = 0;
  std::optional<Id> leader_user_id;
  std::string leader_username;  // Instead of leader_user_id.
  std::optional<Id> unit_id;
  std::string note;
};

struct VolunteerInput {
  std::optional<Id> resident_id;  // A registry resident; else name (and phone).
  std::string name;
  std::string phone;
  std::string joined;  // 'YYYY-MM-DD'; empty = today.
};

struct ActivityInput {
  std::string title;
  std::string date;
  std::string time;
  std::string place;
  int capacity = 0;
  std::string hours;  // Decimal text, "2.5".
};

struct VolunteerTeamDetail {
  domain::VolunteerTeam team;
  std::vector<domain::Volunteer> volunteers;
  std::vector<domain::VolunteerActivity> activities;
  bool can_manage = false;  // The caller may change the team (leader or manager in scope).
};

struct ActivityDetail {
  domain::VolunteerActivity activity;
  std::vector<domain::VolunteerSignUp> signups;
  bool can_manage = false;
};

struct VolunteerHoursDetail {
  domain::Volunteer volunteer;
  std::string team_name;
  int total_tenths = 0;
  std::vector<domain::VolunteerHours> rows;
};

// What a resident's account sees: its volunteer records, their teams' open activities (with
// whether it signed up) and its hours.
struct MyVolunteering {
  struct Entry {
    domain::Volunteer volunteer;
    std::string team_name;
    std::vector<domain::VolunteerActivity> activities;
    std::vector<bool> signed_up;  // Per activity.
  };
  std::vector<Entry> entries;
};

// A public line: an open activity with free places, no person named.
struct PublicActivity {
  domain::VolunteerActivity activity;
  int free_places = 0;
};

class VolunteerService {
 public:
  VolunteerService(Store& store, PublicLinks& links) : store_(store), links_(links) {}

  std::vector<domain::VolunteerTeam> ListTeams(const Actor& actor, std::optional<Id> region_id);
  // InvalidInput on bad fields, an unknown leader account or a unit not of kind volunteer_team.
  domain::VolunteerTeam CreateTeam(const Actor& actor, const VolunteerTeamInput& input);
  VolunteerTeamDetail GetTeam(const Actor& actor, Id team_id);
  // Conflict "volunteer.duplicate" when the resident already is a volunteer of the team.
  domain::Volunteer AddVolunteer(const Actor& actor, Id team_id, const VolunteerInput& input);
  domain::Volunteer SetVolunteerActive(const Actor& actor, Id volunteer_id, bool active);
  domain::VolunteerActivity AddActivity(const Actor& actor, Id team_id, const ActivityInput& input);
  ActivityDetail GetActivity(const Actor& actor, Id activity_id);
  domain::VolunteerActivity SetActivityState(const Actor& actor, Id activity_id,
                                             const std::string& state);
  // The team leader or a manager signs any active volunteer of the team up; a volunteers.join
  // account only its own volunteer record. Conflict "volunteer.full", "volunteer.signed_up",
  // "volunteer.not_open", "volunteer.inactive".
  domain::VolunteerSignUp SignUp(const Actor& actor, Id activity_id, Id volunteer_id);
  // Marks the listed signed-up volunteers attended and credits each the activity's hours once;
  // the activity becomes done. Conflict "volunteer.not_yet" before the activity's date,
  // "volunteer.not_open" when cancelled; Forbidden "volunteer.self_credit" when one of them is the
  // caller; InvalidInput "volunteer.not_signed_up" for one who did not sign up. All or nothing.
  ActivityDetail MarkAttendance(const Actor& actor, Id activity_id,
                                const std::vector<Id>& volunteer_ids);
  // A manual adjustment (volunteers.manage in the team's scope), reason required.
  domain::VolunteerHours AdjustHours(const Actor& actor, Id volunteer_id, const std::string& hours,
                                     const std::string& reason);
  VolunteerHoursDetail Hours(const Actor& actor, Id volunteer_id);
  MyVolunteering Mine(const Actor& actor);
  // Issues a certificate (leader or manager, or the volunteer's own account): a new code.
  domain::VolunteerCertificate IssueCertificate(const Actor& actor, Id volunteer_id);
  // The PDF of an issued certificate, for a caller who may read the volunteer's hours.
  std::string CertificatePdf(const Actor& actor, const std::string& code);
  // No authorisation: NotFound "volunteer.certificate_not_found".
  domain::VolunteerCertificate VerifyCertificate(const std::string& code);
  // No authorisation: the open activities from today on of teams in the region's subtree.
  std::vector<PublicActivity> PublicActivities(Id region_id, domain::Epoch now);
  // <public base>/vc/<code>.
  std::string VerifyUrl(const std::string& code) const;

 private:
  Store& store_;
  PublicLinks& links_;
};

}  // namespace minqing::app
