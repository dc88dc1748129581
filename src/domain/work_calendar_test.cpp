#include "domain/work_calendar.hpp"

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
  auto days = ParseCalendarCsv(text.str(), problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_GT(days.size(), 40u);
  return WorkCalendar(days);
}

Epoch China(const char* date, int hour, int minute = 0) {
  return ChinaDayStart(*ParseDate(date)) + hour * 3600 + minute * 60;
}

TEST(WorkCalendarTest, CivilDatesRoundTrip) {
  EXPECT_EQ(FormatDate(*ParseDate("2026-09-30")), "2026-09-30");
  EXPECT_EQ(Weekday(*ParseDate("2026-09-30")), 3);  // Wednesday.
  EXPECT_EQ(Weekday(*ParseDate("2026-10-10")), 6);  // Saturday.
  EXPECT_FALSE(ParseDate("2026-02-29").has_value());
  EXPECT_EQ(ChinaDay(China("2026-01-01", 0, 5)), *ParseDate("2026-01-01"));
}

TEST(WorkCalendarTest, WorkedExampleOfHolidaysMd) {
  auto calendar = ShippedCalendar();
  Epoch accepted = China("2026-09-30", 10);
  EXPECT_EQ(FormatDate(ChinaDay(calendar.DueAfterWorkingDays(accepted, 2))), "2026-10-09");
  EXPECT_EQ(calendar.DueAfterWorkingDays(accepted, 2), ChinaDayEnd(*ParseDate("2026-10-09")));
  // The third working day is Saturday 10-10, a make-up working day.
  EXPECT_EQ(FormatDate(ChinaDay(calendar.DueAfterWorkingDays(accepted, 3))), "2026-10-10");
  EXPECT_EQ(FormatDate(ChinaDay(calendar.DueAfterWorkingDays(accepted, 4))), "2026-10-12");
}

TEST(WorkCalendarTest, YearBoundaries) {
  auto calendar = ShippedCalendar();
  // 2025-12-31 (Wed) + 1 working day: 2026-01-01..03 are off, Sunday 01-04 is a make-up day.
  EXPECT_EQ(FormatDate(ChinaDay(calendar.DueAfterWorkingDays(China("2025-12-31", 9), 1))),
            "2026-01-04");
  EXPECT_EQ(FormatDate(ChinaDay(calendar.DueAfterWorkingDays(China("2025-12-31", 9), 2))),
            "2026-01-05");
  // Spring Festival 2026: accepted Friday 02-13; Saturday 02-14 is a make-up working day.
  EXPECT_EQ(FormatDate(ChinaDay(calendar.DueAfterWorkingDays(China("2026-02-13", 9), 1))),
            "2026-02-14");
  EXPECT_EQ(FormatDate(ChinaDay(calendar.DueAfterWorkingDays(China("2026-02-13", 9), 2))),
            "2026-02-24");
  // A year without a table still skips weekends: 2027-12-31 is a Friday.
  EXPECT_EQ(FormatDate(ChinaDay(calendar.DueAfterWorkingDays(China("2027-12-31", 9), 1))),
            "2028-01-03");
}

TEST(WorkCalendarTest, WorkingDayQueries) {
  auto calendar = ShippedCalendar();
  EXPECT_FALSE(calendar.IsWorkingDay(*ParseDate("2026-10-01")));
  EXPECT_EQ(calendar.HolidayName(*ParseDate("2026-10-01")), "国庆节");
  EXPECT_TRUE(calendar.IsWorkingDay(*ParseDate("2026-09-20")));  // Sunday make-up day.
  EXPECT_TRUE(calendar.IsWorkingDay(*ParseDate("2026-10-08")));
  EXPECT_EQ(calendar.WorkingDaysBetween(China("2026-09-30", 9), China("2026-10-12", 9)), 4);
  EXPECT_EQ(calendar.CoveredYears(), (std::vector<int>{2025, 2026}));
}

TEST(WorkCalendarTest, WorkingHours) {
  auto calendar = ShippedCalendar();
  // 16:30 on Wed 09-30 + 2 working hours: 1 h that day, then 1 h from 08:30 on Thu 10-08.
  EXPECT_EQ(calendar.DueAfterWorkingHours(China("2026-09-30", 16, 30), 2),
            China("2026-10-08", 9, 30));
  // Lunch is not counted.
  EXPECT_EQ(calendar.DueAfterWorkingHours(China("2026-10-08", 11), 2), China("2026-10-08", 14, 30));
}

TEST(WorkCalendarTest, CsvProblemsAreReportedPerLine) {
  std::vector<std::string> problems;
  auto days = ParseCalendarCsv("date,kind,name\n2027-02-30,off,x\n2027-01-01,maybe,y\n", problems);
  EXPECT_TRUE(days.empty());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].rfind("第2行", 0), 0u);
}

}  // namespace
}  // namespace minqing::domain
