// The repository of meetings that decide (议事会议), their attendees and decisions (决定).
// Region paths filter by prefix (a reader's scope). Thread-safety: as the transaction it belongs
// to.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"

namespace minqing::app {

struct MeetingAttendee {
  domain::Id id = 0;
  std::string kind;  // "unit", "member", "resident", "outside"
  std::optional<domain::Id> unit_id;
  std::optional<domain::Id> resident_id;
  std::string name;  // The unit's or person's name; free text for outside people.
  std::string organisation;
};

struct Meeting {
  domain::Id id = 0;
  std::string kind;  // domain::kMeetingKinds
  std::string title;
  std::string date;  // YYYY-MM-DD
  std::string start;
  std::string end;
  std::string place;
  domain::Id region_id = 0;
  std::string region_path;
  std::string region_name;  // Filled by queries.
  domain::Id host_user_id = 0;
  std::string host_name;  // Filled by queries.
  std::optional<domain::Id> host_unit_id;
  std::string host_unit_name;  // Filled by queries.
  std::optional<domain::Id> project_id;
  std::string minutes;
  std::string state;  // planned, held, cancelled
  std::optional<domain::Id> slot_id;
  domain::Id created_by = 0;
  domain::Epoch created_at = 0;
  domain::Epoch updated_at = 0;
  std::vector<MeetingAttendee> attendees;  // Filled by FindMeeting only.
};

struct MeetingDecision {
  domain::Id id = 0;
  domain::Id meeting_id = 0;
  std::string meeting_title;  // Filled by queries.
  std::string meeting_kind;   // Filled by queries.
  std::string text;
  std::optional<domain::Id> owner_user_id;
  std::string owner_user_name;  // Filled by queries.
  std::optional<domain::Id> owner_unit_id;
  std::string owner_unit_name;  // Filled by queries.
  std::string deadline;         // YYYY-MM-DD
  std::string state;            // open, done, matter
  std::string result_note;
  std::optional<domain::Id> matter_id;
  std::string matter_number;  // Filled by queries.
  std::string matter_status;  // Filled by queries: the matter's status code.
  // Filled by queries: done by its owner, or its matter signed off solved by the resident
  // (domain::DecisionCompleted).
  bool completed = false;
  std::string region_path;
  std::optional<domain::Id> done_by;
  std::optional<domain::Epoch> done_at;
  domain::Epoch created_at = 0;
};

struct MeetingFilter {
  std::string region_path;  // Prefix; "" everything.
  std::string kind;         // "" any.
  std::string state;        // "" any.
  std::string from_date;    // "" any; inclusive.
  std::optional<domain::Id> project_id;
};

struct DecisionFilter {
  std::string region_path;  // Prefix; "" everything.
  std::optional<domain::Id> owner_user_id;
  std::optional<domain::Id> owner_unit_id;  // With owner_user_id: either matches.
  std::string state;                        // "" any.
  std::string deadline_before;              // "" any; exclusive.
};

class MeetingRepository {
 public:
  virtual ~MeetingRepository() = default;

  // Writes the meeting and its attendees.
  virtual void InsertMeeting(const Meeting& meeting) = 0;
  // Writes the meeting's fields and replaces its attendees.
  virtual void UpdateMeeting(const Meeting& meeting) = 0;
  // With its attendees.
  virtual std::optional<Meeting> FindMeeting(domain::Id id) = 0;
  // By date (newest first), without attendees.
  virtual domain::Page<Meeting> ListMeetings(const MeetingFilter& filter,
                                             const domain::PageRequest& page) = 0;

  virtual void InsertDecision(const MeetingDecision& decision) = 0;
  virtual std::optional<MeetingDecision> FindDecision(domain::Id id) = 0;
  // Writes state, result_note, matter_id, done_by and done_at when the stored state is
  // `expected_state`; false when it is not (someone else moved it first).
  virtual bool UpdateDecisionState(const MeetingDecision& decision,
                                   const std::string& expected_state) = 0;
  // Oldest first.
  virtual std::vector<MeetingDecision> ListDecisionsOfMeeting(domain::Id meeting_id) = 0;
  // By deadline, then id.
  virtual std::vector<MeetingDecision> ListDecisions(const DecisionFilter& filter, int limit) = 0;
};

}  // namespace minqing::app
