// Meetings that decide (议事会议): joint, on-site, heart-to-heart and courtyard meetings, leaders'
// reception days and party representatives' reception, with attendees, minutes and decisions.
//
// Contract: meetings.read lists and reads meetings and decisions whose region lies in the
// caller's scope; meetings.manage records them there (a reception day's host unit must lie in
// scope too). Each decision has text, exactly one owner (an account or a unit; none is refused
// with InvalidInput "meeting.decision_needs_owner", nothing written) and a China-date deadline,
// and its owner is told (notification rule "meeting_decision_assigned"). A decision is followed
// either as a task (open -> done, marked by its owner alone: the account, or a handler of the
// owner unit; anyone else, an administrator included, is refused with Forbidden
// "meeting.not_decision_owner") or as a matter (诉求) accepted through IntakeService and linked
// back, whose own state (up to the resident's sign-off) is shown with the decision. A reception
// day with a host unit and places opens a time slot at that unit (the existing appointments:
// residents book it through POST /api/v1/slots/{id}/appointments); the public list shows the
// coming reception days. Every change is audited, in the transaction of the change.
//
// Caches: none. Thread-safety: every method may be called concurrently from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/matters/intake.hpp"
#include "app/notifications.hpp"
#include "app/store.hpp"

namespace minqing::app {

struct MeetingAttendeeInput {
  std::string kind;  // "unit", "member", "resident", "outside"
  std::optional<Id> unit_id;
  std::optional<Id> resident_id;
  std::string name;  // Outside people (and optional for the others: the record's name is used).
  std::string organisation;
};

struct MeetingInput {
  std::string kind;
  std::string title;
  std::string date;
  std::string start;
  std::string end;
  std::string place;
  std::optional<Id> region_id;     // Default: the caller's scope region.
  std::optional<Id> host_user_id;  // Default: the caller.
  std::optional<Id> host_unit_id;
  std::optional<Id> project_id;  // A livelihood project (民生项目); an unknown one is refused.
  std::string minutes;
  std::string state = "planned";
  int capacity = 0;  // Reception days: places to book (a slot at the host unit when > 0).
  std::vector<MeetingAttendeeInput> attendees;
};

struct DecisionInput {
  std::string text;
  std::optional<Id> owner_user_id;
  std::string owner_username;  // Instead of owner_user_id: the owner's account by its name.
  std::optional<Id> owner_unit_id;
  std::string deadline;  // YYYY-MM-DD (China)
};

// A decision with what the reader needs: whether it is overdue today.
struct DecisionView {
  MeetingDecision decision;
  bool overdue = false;
};

struct MeetingView {
  Meeting meeting;
  std::vector<DecisionView> decisions;
};

// A coming reception day as the public page shows it.
struct ReceptionDay {
  Meeting meeting;
  int capacity = 0;
  int booked = 0;
};

class MeetingService {
 public:
  MeetingService(Store& store, IntakeService& intake, Notifier* notifier)
      : store_(store), intake_(intake), notifier_(notifier) {}

  domain::Page<Meeting> List(const Actor& actor, MeetingFilter filter,
                             const domain::PageRequest& page);
  MeetingView Get(const Actor& actor, Id meeting_id);
  MeetingView Create(const Actor& actor, const MeetingInput& input);
  // Replaces the fields and attendees (the slot of a reception day stays as it is).
  MeetingView Update(const Actor& actor, Id meeting_id, const MeetingInput& input);

  DecisionView AddDecision(const Actor& actor, Id meeting_id, const DecisionInput& input);
  // The owner marks the decision done, with a result note (required).
  DecisionView CompleteDecision(const Actor& actor, Id decision_id, const std::string& note);
  // meetings.manage and matter.intake: accepts `matter` (channel "meeting" unless given; title
  // and content default to the decision's) through the intake and links it to the decision.
  DecisionView DecisionToMatter(const Actor& actor, Id decision_id, MatterInput matter);

  // The caller's decisions (own account, or own unit's), open first by deadline.
  std::vector<DecisionView> Mine(const Actor& actor);
  // Open decisions past their deadline in the caller's scope.
  std::vector<DecisionView> Overdue(const Actor& actor);

  // Public: planned reception days from today on.
  std::vector<ReceptionDay> ReceptionDays(domain::Epoch now);

 private:
  Meeting Build(StoreTx& tx, const Actor& actor, const MeetingInput& input, Meeting meeting);
  DecisionView ViewOf(const MeetingDecision& d, domain::Epoch now) const;

  Store& store_;
  IntakeService& intake_;
  Notifier* notifier_;
};

}  // namespace minqing::app
