// The rules of a matter's intake (受理) that need no store: checking the fields of an intake form,
// routing a matter to a unit by category × region, and its two deadlines from the category's
// limits, a routing rule's override, the urgency and the working-day calendar. The use case reads
// the household, region, category and rules, and calls these. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "domain/matter.hpp"
#include "domain/office_hours.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::domain {

inline constexpr std::size_t kMaxMatterContentChars = 2000;
inline constexpr std::size_t kMaxMatterTitleChars = 100;
// The title made from the content's first line when none is given.
inline constexpr std::size_t kDerivedTitleChars = 30;

// The fields of an intake form that are checked on their own, as typed.
struct IntakeForm {
  std::string type;     // Code or label; required.
  std::string channel;  // "" = window.
  std::string urgency;  // "" = normal.
  std::string title;
  std::string content;
  std::string caller_phone;
  std::optional<double> lat;
  std::optional<double> lng;
  bool backfill = false;        // An acceptance time was given (补录).
  bool answer_on_spot = false;  // Answered and closed at the window.
};

// Who files it: residents report online or by the contact card's QR code; only administrators
// backfill an acceptance time.
struct IntakeFiler {
  bool resident = false;
  bool admin = false;
};

// The checked form: parsed codes (nullopt where invalid), trimmed texts, the title (derived from
// the content's first line when empty) and every problem found, in the order the form lists them.
struct CheckedIntake {
  std::optional<MatterType> type;
  std::optional<MatterChannel> channel;
  std::optional<Urgency> urgency;
  std::string title;
  std::string content;
  std::string caller_phone;
  std::vector<FieldProblem> problems;
};
CheckedIntake CheckIntakeForm(const IntakeForm& form, const IntakeFiler& filer);

// The routing rule for a category in a region: the one with the longest region path that is a
// prefix of `region_path` (the first such rule on ties); none without a category.
std::optional<RoutingRule> MatchRoutingRule(const std::vector<RoutingRule>& rules,
                                            std::optional<Id> category_id,
                                            std::string_view region_path);

// The unit a matter goes to: its routing rule's unit, else its category's default unit.
// `category` is the matter's category as stored (active or not), null when it has none or the
// category no longer exists.
std::optional<Id> RouteUnit(const std::vector<RoutingRule>& rules, const Matter& matter,
                            const MatterCategory* category);

// Limits before they become deadlines: the category's (4 working hours, 5 working days without
// one), the rule's completion days when it sets them; urgent halves the hours (at least 1) and
// allows at most 1 day; special allows 1 hour and the same day.
struct MatterLimits {
  int response_hours = 4;
  int completion_days = 5;
};
MatterLimits LimitsFor(const MatterCategory* category, const std::optional<RoutingRule>& rule,
                       Urgency urgency);

struct MatterDeadlines {
  Epoch response_due_at = 0;  // The unit must accept by then.
  Epoch due_at = 0;           // The matter must be replied by then.
};
// The response limit counts working hours inside the handling unit's office hours (a 24-hour
// unit counts around the clock); the completion limit counts working days.
MatterDeadlines DeadlinesFor(const MatterLimits& limits, Epoch accepted_at,
                             const WorkCalendar& calendar,
                             const OfficeHours& unit_hours = OfficeHours::Standard());

}  // namespace minqing::domain
