// Away members (离乡不离党, 流动党员): members working away keep their branch and their link to
// home. The branch (away.read / away.manage in the member's region scope: village assistants,
// service-centre staff, administrators; leaders read) keeps a contact log with each away member
// and sees the list of away members with where they work, their last contact (flagged overdue
// after domain::kAwayContactOverdueDays), the households they still hold (to hand over through
// the network's member-status repair) and their study attendance. A party organisation in scope
// holds online study activities; a member account marks only its OWN attendance with a note
// (study.attend); a secretary may record an offline make-up study (补学), kept marked as recorded
// by them, but can never mark a member's online attendance. Every change is audited.
// Thread-safe as the Store is (no state of its own).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "domain/away_members.hpp"

namespace minqing::app {

struct AwayContactInput {
  std::string date;  // YYYY-MM-DD; "" for today (China).
  std::string way;
  std::string contact_by;
  std::string note;
};

struct StudyActivityInput {
  domain::Id org_id = 0;
  std::string title;
  std::string material;
  std::string link;
  std::string opens_on;
  std::string closes_on;
};

// An activity with its roster (every member of the audience and their attendance).
struct StudyActivityView {
  domain::StudyActivity activity;
  bool open = false;
  std::vector<domain::StudyAttendance> roster;
};

// One activity as the member sees it, with the member's own attendance.
struct MyStudy {
  domain::StudyActivity activity;
  bool open = false;
  std::optional<domain::StudyAttendance> attendance;
};

class AwayService {
 public:
  explicit AwayService(Store& store) : store_(store) {}

  // Away members in scope (or under `region_id`, which must be in scope), overdue flagged.
  std::vector<domain::AwayMemberRow> ListMembers(const Actor& actor,
                                                 std::optional<domain::Id> region_id);
  // The contact log of one member in scope, newest first.
  std::vector<domain::AwayContact> Contacts(const Actor& actor, domain::Id member_id);
  // Logs a contact with an away member in scope (away.not_away when the member is not away).
  domain::AwayContact LogContact(const Actor& actor, domain::Id member_id,
                                 const AwayContactInput& input);

  // Creates a study activity of a party organisation in scope.
  domain::StudyActivity CreateActivity(const Actor& actor, const StudyActivityInput& input);
  std::vector<domain::StudyActivity> ListActivities(const Actor& actor,
                                                    std::optional<domain::Id> region_id);
  StudyActivityView GetActivity(const Actor& actor, domain::Id activity_id);
  // A secretary's record of an offline make-up study (补学) of a member of the audience.
  domain::StudyAttendance RecordMakeUp(const Actor& actor, domain::Id activity_id,
                                       domain::Id member_id, const std::string& note);

  // The acting member's own activities (study.attend; the member's account only).
  std::vector<MyStudy> MyActivities(const Actor& actor);
  // The acting member marks their own attendance while the activity is open.
  domain::StudyAttendance Attend(const Actor& actor, domain::Id activity_id,
                                 const std::string& note);

 private:
  Store& store_;
};

}  // namespace minqing::app
