// A unit's office hours (办公时间) and deadlines counted in them. Most offices keep the standard
// 08:30–12:00 and 13:30–17:30 on working days; a 24-hour water utility keeps 00:00–24:00 every
// day, holidays included. A limit in working hours counts only the minutes inside the unit's
// periods, on the days it is open. Values are immutable; all functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/work_calendar.hpp"

namespace minqing::domain {

// One opening period of a day, in minutes since China midnight: [start, end).
struct OfficePeriod {
  int start_minute = 0;
  int end_minute = 0;
  bool operator==(const OfficePeriod&) const = default;
};

struct OfficeHours {
  std::vector<OfficePeriod> periods;  // Sorted, non-overlapping, within 0..1440.
  // Open every day (weekends and holidays too) rather than on the calendar's working days.
  bool every_day = false;

  // 08:30–12:00 and 13:30–17:30 on working days: the default of every unit.
  static OfficeHours Standard();
  // 00:00–24:00 every day.
  static OfficeHours AroundTheClock();
  bool operator==(const OfficeHours&) const = default;
};

// The text form stored per unit and typed in the browser: "08:30-12:00,13:30-17:30" (working
// days), the same prefixed with "每天 " (every day), or "24h" (around the clock). Empty text is
// the standard hours. Problems (Chinese, for the user) are appended and the standard hours
// returned when the text is malformed, overlapping or open less than an hour a day.
OfficeHours ParseOfficeHours(std::string_view text, std::vector<std::string>& problems);
// The canonical text of `hours` ("24h" for around the clock); ParseOfficeHours reads it back.
std::string FormatOfficeHours(const OfficeHours& hours);

// The deadline of a limit of `working_hours` counted inside `hours` from `accepted_at`: on the
// calendar's working days only unless hours.every_day. A limit of 0 or less is due at once.
Epoch DueAfterOfficeHours(const WorkCalendar& calendar, Epoch accepted_at, int working_hours,
                          const OfficeHours& hours);

}  // namespace minqing::domain
