#include "domain/away_members.hpp"

#include <gtest/gtest.h>

#include "domain/network.hpp"

namespace minqing::domain {
namespace {

AwayContact Contact() {
  AwayContact c;
  c.date = "2026-12-01";
  c.way = "phone";
  c.contact_by = "王书记";
  c.note = "在苏州工地，身体好";
  return c;
}

TEST(AwayMembers, ContactValidates) {
  EXPECT_TRUE(CheckAwayContact(Contact(), "2026-12-03").empty());
  AwayContact bad = Contact();
  bad.way = "pigeon";
  bad.date = "2026-12-04";
  bad.contact_by = "  ";
  auto problems = CheckAwayContact(bad, "2026-12-03");
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].code, "away.date_future");
  EXPECT_EQ(problems[1].code, "away.way_invalid");
  EXPECT_EQ(problems[2].code, "away.contact_by_required");
  bad = Contact();
  bad.date = "2026-02-30";
  EXPECT_EQ(CheckAwayContact(bad, "2026-12-03").at(0).code, "away.date_invalid");
}

TEST(AwayMembers, OverdueAfterNinetyDays) {
  EXPECT_TRUE(AwayContactOverdue(std::nullopt, "2026-12-03"));
  // 2026-09-04 is 90 days before 2026-12-03: still in time; a day earlier is overdue.
  EXPECT_FALSE(AwayContactOverdue("2026-09-04", "2026-12-03"));
  EXPECT_TRUE(AwayContactOverdue("2026-09-03", "2026-12-03"));
  EXPECT_FALSE(AwayContactOverdue("2026-12-03", "2026-12-03"));
}

TEST(AwayMembers, StudyActivityValidatesAndOpens) {
  StudyActivity a;
  a.title = "学习二十届三中全会精神";
  a.material = "原文……";
  a.opens_on = "2026-12-01";
  a.closes_on = "2026-12-31";
  EXPECT_TRUE(CheckStudyActivity(a).empty());
  EXPECT_FALSE(StudyOpen(a, "2026-11-30"));
  EXPECT_TRUE(StudyOpen(a, "2026-12-01"));
  EXPECT_TRUE(StudyOpen(a, "2026-12-31"));
  EXPECT_FALSE(StudyOpen(a, "2027-01-01"));

  StudyActivity bad = a;
  bad.title = "";
  bad.material = "";
  bad.link = "ftp://x";
  bad.closes_on = "2026-11-01";
  auto problems = CheckStudyActivity(bad);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].code, "study.title_required");
  EXPECT_EQ(problems[1].code, "study.link_invalid");
  EXPECT_EQ(problems[2].code, "study.period_invalid");
  bad = a;
  bad.material = "";
  EXPECT_EQ(CheckStudyActivity(bad).at(0).code, "study.material_required");
  bad.link = "https://www.12371.cn/";
  EXPECT_TRUE(CheckStudyActivity(bad).empty());
}

TEST(AwayMembers, StudyNoteRequired) {
  EXPECT_EQ(CheckStudyNote(" ")->code, "study.note_required");
  EXPECT_FALSE(CheckStudyNote("很有收获").has_value());
  EXPECT_EQ(CheckStudyNote(std::string(3001, 'x'))->code, "text.too_long");
}

TEST(VisitWays, DoorIsDefaultPhoneIsLabelled) {
  Visit v;
  EXPECT_EQ(v.way, "in_person");
  EXPECT_TRUE(IsVisitWay("phone"));
  EXPECT_TRUE(IsVisitWay("video"));
  EXPECT_FALSE(IsVisitWay("letter"));
  EXPECT_EQ(VisitWayLabel("phone"), "电话");
  EXPECT_EQ(VisitWayLabel("in_person"), "上门");
}

}  // namespace
}  // namespace minqing::domain
