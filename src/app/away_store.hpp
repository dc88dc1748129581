// The repository of away members (流动党员, domain/away_members.hpp): the branch's contact log,
// the list of away members with their last contact and study attendance, online study activities
// and their attendance. Contacts and attendance are append-only; an attendance is unique per
// activity and member. Thread-safety: as the transaction it belongs to.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/away_members.hpp"
#include "domain/model.hpp"

namespace minqing::app {

class AwayRepository {
 public:
  virtual ~AwayRepository() = default;

  virtual void InsertContact(const domain::AwayContact& contact) = 0;
  // The member's contacts, newest first, with recorded_by_name filled.
  virtual std::vector<domain::AwayContact> ContactsOf(domain::Id member_id) = 0;

  // Away members whose region lies under `region_path` (a prefix; "" for all), by name; study
  // counts cover activities of the member's region and its ancestors opened on or before `today`.
  // `overdue` is left false (the app decides it).
  virtual std::vector<domain::AwayMemberRow> ListAwayMembers(const std::string& region_path,
                                                             const std::string& today) = 0;

  virtual void InsertActivity(const domain::StudyActivity& activity) = 0;
  // With org_name and attended filled.
  virtual std::optional<domain::StudyActivity> FindActivity(domain::Id id) = 0;
  // Activities whose organisation's region lies under `region_path`, newest opening first.
  virtual std::vector<domain::StudyActivity> ListActivities(const std::string& region_path) = 0;
  // Activities whose audience includes a member living in `member_region_path` (the activity's
  // region is that path or one of its ancestors), newest opening first.
  virtual std::vector<domain::StudyActivity> ActivitiesCovering(
      const std::string& member_region_path) = 0;

  // Conflict "study.already_attended" when the member already has an attendance.
  virtual void InsertAttendance(const domain::StudyAttendance& attendance) = 0;
  virtual std::optional<domain::StudyAttendance> FindAttendance(domain::Id activity_id,
                                                                domain::Id member_id) = 0;
  // Every member of the activity's audience (region under the activity's region), away members
  // first then by name, with their attendance (attended false when none).
  virtual std::vector<domain::StudyAttendance> Roster(const domain::StudyActivity& activity) = 0;
};

}  // namespace minqing::app
