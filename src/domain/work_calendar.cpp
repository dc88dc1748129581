#include "domain/work_calendar.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "domain/id_card.hpp"
#include "domain/office_hours.hpp"
#include "domain/text.hpp"

namespace minqing::domain {
namespace {

Epoch FloorDiv(Epoch a, Epoch b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

// Howard Hinnant's days_from_civil.
DayNumber DayFromCivil(int year, int month, int day) {
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<DayNumber>(era) * 146097 + static_cast<DayNumber>(doe) - 719468;
}

void CivilFromDay(DayNumber z, int& year, int& month, int& day_of_month) {
  z += 719468;
  const DayNumber era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const DayNumber y = static_cast<DayNumber>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day_of_month = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int>(y + (month <= 2));
}

std::optional<DayNumber> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  auto number = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  int y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!IsValidDate(y, m, d)) return std::nullopt;
  return DayFromCivil(y, m, d);
}

std::string FormatDate(DayNumber day) {
  int y = 0, m = 0, d = 0;
  CivilFromDay(day, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
  return buf;
}

int Weekday(DayNumber day) {
  // 1970-01-01 was a Thursday (4).
  DayNumber w = (day + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

DayNumber ChinaDay(Epoch instant) { return FloorDiv(instant + kChinaUtcOffsetSeconds, 86400); }
Epoch ChinaDayStart(DayNumber day) { return day * 86400 - kChinaUtcOffsetSeconds; }
Epoch ChinaDayEnd(DayNumber day) { return ChinaDayStart(day) + 86400 - 1; }

WorkCalendar::WorkCalendar(const std::vector<CalendarDay>& days) {
  for (const auto& d : days) {
    auto day = ParseDate(d.date);
    if (!day) continue;
    kinds_[*day] = d.kind;
    if (!d.name.empty()) names_[*day] = d.name;
  }
}

bool WorkCalendar::IsWorkingDay(DayNumber day) const {
  auto it = kinds_.find(day);
  if (it != kinds_.end()) return it->second == DayKind::kMakeUpWorkday;
  return Weekday(day) <= 5;
}

std::string WorkCalendar::HolidayName(DayNumber day) const {
  auto kind = kinds_.find(day);
  if (kind == kinds_.end() || kind->second != DayKind::kOff) return "";
  auto it = names_.find(day);
  return it == names_.end() ? "" : it->second;
}

Epoch WorkCalendar::DueAfterWorkingDays(Epoch accepted_at, int working_days) const {
  DayNumber day = ChinaDay(accepted_at);
  for (int counted = 0; counted < working_days;) {
    ++day;
    if (IsWorkingDay(day)) ++counted;
  }
  return ChinaDayEnd(day);
}

Epoch WorkCalendar::DueAfterWorkingHours(Epoch accepted_at, int working_hours) const {
  return DueAfterOfficeHours(*this, accepted_at, working_hours, OfficeHours::Standard());
}

int WorkCalendar::WorkingDaysBetween(Epoch from, Epoch to) const {
  if (to <= from) return 0;
  int count = 0;
  for (DayNumber day = ChinaDay(from) + 1, last = ChinaDay(to); day <= last; ++day) {
    if (IsWorkingDay(day)) ++count;
  }
  return count;
}

std::vector<int> WorkCalendar::CoveredYears() const {
  std::set<int> years;
  for (const auto& [day, kind] : kinds_) {
    int y = 0, m = 0, d = 0;
    CivilFromDay(day, y, m, d);
    years.insert(y);
  }
  return {years.begin(), years.end()};
}

std::vector<CalendarDay> ParseCalendarCsv(std::string_view text,
                                          std::vector<std::string>& problems) {
  std::vector<CalendarDay> out;
  int line_number = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#' || trimmed.rfind("date,", 0) == 0) continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (;;) {
      std::size_t comma = trimmed.find(',', start);
      fields.push_back(Trim(std::string_view(trimmed).substr(start, comma - start)));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    std::string where = "第" + std::to_string(line_number) + "行: ";
    if (fields.size() < 2 || !ParseDate(fields[0])) {
      problems.push_back(where + "日期应为YYYY-MM-DD");
      continue;
    }
    CalendarDay day;
    day.date = fields[0];
    if (fields[1] == "off" || fields[1] == "休") {
      day.kind = DayKind::kOff;
    } else if (fields[1] == "workday" || fields[1] == "班") {
      day.kind = DayKind::kMakeUpWorkday;
    } else {
      problems.push_back(where + "类型应为 off（放假）或 workday（调休上班）");
      continue;
    }
    if (fields.size() > 2) day.name = fields[2];
    out.push_back(std::move(day));
  }
  return out;
}

}  // namespace minqing::domain
