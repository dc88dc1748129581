// Working days (工作日) under the official holiday and make-up-workday table (放假调休): Monday to
// Friday are working days unless the table marks them off; a weekend day the table marks as a
// make-up working day (调休上班) is a working day. The table is data (administrators add each
// year's notice), never compiled in. Dates are civil dates in China Standard Time (UTC+8);
// instants are epoch seconds. Thread-safety: a WorkCalendar is immutable after construction and
// may be shared by any number of threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace minqing::domain {

// A civil date as days since 1970-01-01.
using DayNumber = std::int64_t;

inline constexpr std::int64_t kChinaUtcOffsetSeconds = 8 * 3600;

DayNumber DayFromCivil(int year, int month, int day);
void CivilFromDay(DayNumber day, int& year, int& month, int& day_of_month);
// "YYYY-MM-DD" ↔ day number; ParseDate returns nullopt for malformed or impossible dates.
std::optional<DayNumber> ParseDate(std::string_view text);
std::string FormatDate(DayNumber day);
// 1 = Monday ... 7 = Sunday.
int Weekday(DayNumber day);
// The civil date (in China) of an instant, and the instants that begin / end a civil day.
DayNumber ChinaDay(Epoch instant);
Epoch ChinaDayStart(DayNumber day);
Epoch ChinaDayEnd(DayNumber day);  // Last second of the day (23:59:59).

enum class DayKind { kOff = 1, kMakeUpWorkday = 2 };

// One row of the table: a date the notice makes a holiday, or a weekend date made a workday.
struct CalendarDay {
  std::string date;  // YYYY-MM-DD
  DayKind kind = DayKind::kOff;
  std::string name;  // 国庆节, 春节, ...
};

class WorkCalendar {
 public:
  WorkCalendar() = default;
  explicit WorkCalendar(const std::vector<CalendarDay>& days);

  bool IsWorkingDay(DayNumber day) const;
  // The holiday name of a day that is off by the table, or empty.
  std::string HolidayName(DayNumber day) const;

  // The deadline of a limit counted in working days: counting starts the working day after the
  // day of `accepted_at`; the deadline is the end (23:59:59 China time) of the n-th working day.
  // n == 0 means the end of the acceptance day itself.
  Epoch DueAfterWorkingDays(Epoch accepted_at, int working_days) const;
  // A limit in working hours: 08:30–12:00 and 13:30–17:30 on working days (7.5 h a day).
  Epoch DueAfterWorkingHours(Epoch accepted_at, int working_hours) const;
  // Working days from the day after `from` up to and including the day of `to` (0 if to <= from).
  int WorkingDaysBetween(Epoch from, Epoch to) const;

  // Years the table covers (any row in that year); deadlines beyond them still count
  // weekends but no holidays, and callers may warn.
  std::vector<int> CoveredYears() const;

 private:
  std::map<DayNumber, DayKind> kinds_;
  std::map<DayNumber, std::string> names_;
};

// Parses the table format of shared/holidays.md style rows we ship in data/holidays.csv:
// "date,kind,name" with kind "off" or "workday"; '#' lines and blank lines are skipped.
// Returns problems as "line N: reason" strings instead of throwing.
std::vector<CalendarDay> ParseCalendarCsv(std::string_view text,
                                          std::vector<std::string>& problems);

}  // namespace minqing::domain
