#include "domain/office_hours.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace minqing::domain {
namespace {

WorkCalendar ShippedCalendar() {
  std::ifstream in(std::string(MINQING_SOURCE_DIR) + "/data/holidays.csv");
  std::stringstream text;
  text << in.rdbuf();
  std::vector<std::string> problems;
  return WorkCalendar(ParseCalendarCsv(text.str(), problems));
}

Epoch China(const char* date, int hour, int minute = 0) {
  return ChinaDayStart(*ParseDate(date)) + hour * 3600 + minute * 60;
}

OfficeHours Parsed(const char* text) {
  std::vector<std::string> problems;
  OfficeHours hours = ParseOfficeHours(text, problems);
  EXPECT_TRUE(problems.empty()) << text << ": " << (problems.empty() ? "" : problems[0]);
  return hours;
}

TEST(OfficeHoursTest, StandardHoursKeepTheCalendarsDeadlines) {
  auto calendar = ShippedCalendar();
  for (Epoch at : {China("2026-09-30", 16, 30), China("2026-10-08", 11), China("2026-02-13", 9)}) {
    for (int h : {1, 2, 4, 8, 30}) {
      EXPECT_EQ(DueAfterOfficeHours(calendar, at, h, OfficeHours::Standard()),
                calendar.DueAfterWorkingHours(at, h));
    }
  }
  EXPECT_EQ(Parsed(""), OfficeHours::Standard());
  EXPECT_EQ(Parsed("08:30-12:00,13:30-17:30"), OfficeHours::Standard());
}

TEST(OfficeHoursTest, AroundTheClockCountsNightsWeekendsAndHolidays) {
  auto calendar = ShippedCalendar();
  auto water = Parsed("24h");
  EXPECT_EQ(water, OfficeHours::AroundTheClock());
  // 16:30 on Wed 09-30 + 2 h: 18:30 the same evening (a standard office: 09:30 on 10-08).
  EXPECT_EQ(DueAfterOfficeHours(calendar, China("2026-09-30", 16, 30), 2, water),
            China("2026-09-30", 18, 30));
  // 23:00 before National Day + 3 h: 02:00 on the holiday itself.
  EXPECT_EQ(DueAfterOfficeHours(calendar, China("2026-09-30", 23), 3, water),
            China("2026-10-01", 2));
  // Saturday 10-03 (holiday) + 24 h: the same time on Sunday.
  EXPECT_EQ(DueAfterOfficeHours(calendar, China("2026-10-03", 10), 24, water),
            China("2026-10-04", 10));
}

TEST(OfficeHoursTest, CustomHoursOnWorkingDaysOrEveryDay) {
  auto calendar = ShippedCalendar();
  // Long hours on working days: 1 h left on 09-30, then the holiday week is skipped.
  auto long_days = Parsed("07:00-19:00");
  EXPECT_EQ(DueAfterOfficeHours(calendar, China("2026-09-30", 18), 2, long_days),
            China("2026-10-08", 8));
  // The same hours every day: the holiday morning counts.
  auto every_day = Parsed("每天 07:00-19:00");
  EXPECT_TRUE(every_day.every_day);
  EXPECT_EQ(DueAfterOfficeHours(calendar, China("2026-09-30", 18), 2, every_day),
            China("2026-10-01", 8));
  // Accepted before opening: counting starts at opening.
  EXPECT_EQ(DueAfterOfficeHours(calendar, China("2026-10-08", 5), 1, long_days),
            China("2026-10-08", 8));
  // The make-up working day Saturday 10-10 counts for working-day hours.
  EXPECT_EQ(DueAfterOfficeHours(calendar, China("2026-10-09", 18, 30), 2, long_days),
            China("2026-10-10", 8, 30));
  EXPECT_EQ(DueAfterOfficeHours(calendar, China("2026-10-09", 18), 0, long_days),
            China("2026-10-09", 18));
}

TEST(OfficeHoursTest, TextRoundTripsAndBadTextIsExplained) {
  for (const char* text : {"24h", "07:00-19:00", "每天 08:00-12:00,14:00-18:00"}) {
    EXPECT_EQ(FormatOfficeHours(Parsed(text)), text);
  }
  EXPECT_EQ(Parsed("14:00-18:00，08:00-12:00"), Parsed("08:00-12:00,14:00-18:00"));
  for (const char* bad : {"8:30-12:00", "12:00-08:00", "08:00-12:00,11:00-13:00", "08:00-08:30",
                          "9点到5点", "25:00-26:00"}) {
    std::vector<std::string> problems;
    EXPECT_EQ(ParseOfficeHours(bad, problems), OfficeHours::Standard()) << bad;
    EXPECT_FALSE(problems.empty()) << bad;
  }
}

}  // namespace
}  // namespace minqing::domain
