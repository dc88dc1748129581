#include "domain/office_hours.hpp"

#include <algorithm>
#include <cstdio>

#include "domain/text.hpp"

namespace minqing::domain {

namespace {

constexpr int kDayMinutes = 24 * 60;
constexpr std::string_view kEveryDayPrefix = "每天";

// "08:30" → 510; "24:00" → 1440; -1 when malformed.
int ParseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return -1;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (text[i] < '0' || text[i] > '9') return -1;
  }
  int hour = (text[0] - '0') * 10 + (text[1] - '0');
  int minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (minute > 59 || hour > 24 || (hour == 24 && minute != 0)) return -1;
  return hour * 60 + minute;
}

std::string FormatClock(int minutes) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

}  // namespace

OfficeHours OfficeHours::Standard() {
  return {{{8 * 60 + 30, 12 * 60}, {13 * 60 + 30, 17 * 60 + 30}}, false};
}

OfficeHours OfficeHours::AroundTheClock() { return {{{0, kDayMinutes}}, true}; }

OfficeHours ParseOfficeHours(std::string_view text, std::vector<std::string>& problems) {
  std::string trimmed = Trim(text);
  std::string_view rest = trimmed;
  if (rest.empty()) return OfficeHours::Standard();
  if (rest == "24h" || rest == "24H" || rest == "24小时") return OfficeHours::AroundTheClock();
  OfficeHours hours;
  if (rest.substr(0, kEveryDayPrefix.size()) == kEveryDayPrefix) {
    hours.every_day = true;
    rest.remove_prefix(kEveryDayPrefix.size());
  }
  std::size_t problems_before = problems.size();
  // The full-width comma (，) separates periods too.
  std::string list;
  constexpr std::string_view kWideComma = "，";
  for (std::size_t i = 0; i < rest.size();) {
    if (rest.substr(i, kWideComma.size()) == kWideComma) {
      list.push_back(',');
      i += kWideComma.size();
    } else {
      list.push_back(rest[i++]);
    }
  }
  std::size_t begin = 0;
  while (begin <= list.size()) {
    std::size_t comma = list.find(',', begin);
    if (comma == std::string::npos) comma = list.size();
    std::string piece = Trim(std::string_view(list).substr(begin, comma - begin));
    begin = comma + 1;
    if (piece.empty()) continue;
    std::size_t dash = piece.find('-');
    int start = dash == std::string::npos ? -1 : ParseClock(Trim(piece.substr(0, dash)));
    int end = dash == std::string::npos ? -1 : ParseClock(Trim(piece.substr(dash + 1)));
    if (start < 0 || end < 0) {
      problems.push_back("时段“" + piece + "”应写成 08:30-12:00");
      continue;
    }
    if (end <= start) {
      problems.push_back("时段“" + piece + "”的结束时间应晚于开始时间");
      continue;
    }
    hours.periods.push_back({start, end});
  }
  std::sort(
      hours.periods.begin(), hours.periods.end(),
      [](const OfficePeriod& a, const OfficePeriod& b) { return a.start_minute < b.start_minute; });
  int open = 0;
  for (std::size_t i = 0; i < hours.periods.size(); ++i) {
    open += hours.periods[i].end_minute - hours.periods[i].start_minute;
    if (i > 0 && hours.periods[i].start_minute < hours.periods[i - 1].end_minute) {
      problems.push_back("办公时段不能重叠");
      break;
    }
  }
  if (problems.size() == problems_before && open < 60) {
    problems.push_back("每天办公时间至少 1 小时");
  }
  if (problems.size() != problems_before) return OfficeHours::Standard();
  return hours;
}

std::string FormatOfficeHours(const OfficeHours& hours) {
  if (hours == OfficeHours::AroundTheClock()) return "24h";
  std::string out = hours.every_day ? std::string(kEveryDayPrefix) + " " : "";
  for (std::size_t i = 0; i < hours.periods.size(); ++i) {
    if (i > 0) out += ",";
    out +=
        FormatClock(hours.periods[i].start_minute) + "-" + FormatClock(hours.periods[i].end_minute);
  }
  return out;
}

Epoch DueAfterOfficeHours(const WorkCalendar& calendar, Epoch accepted_at, int working_hours,
                          const OfficeHours& hours) {
  Epoch remaining = static_cast<Epoch>(working_hours) * 3600;
  if (remaining <= 0 || hours.periods.empty()) return accepted_at;
  DayNumber day = ChinaDay(accepted_at);
  Epoch clock = accepted_at - ChinaDayStart(day);  // Seconds into the China day.
  for (int guard = 0; guard < 4000; ++guard) {
    if (hours.every_day || calendar.IsWorkingDay(day)) {
      for (const OfficePeriod& period : hours.periods) {
        Epoch start = static_cast<Epoch>(period.start_minute) * 60;
        Epoch end = static_cast<Epoch>(period.end_minute) * 60;
        Epoch from = std::max(clock, start);
        if (from >= end) continue;
        if (end - from >= remaining) return ChinaDayStart(day) + from + remaining;
        remaining -= end - from;
        clock = end;
      }
    }
    ++day;
    clock = 0;
  }
  return ChinaDayEnd(day);
}

}  // namespace minqing::domain
