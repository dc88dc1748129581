#include "domain/meeting.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

TEST(Meeting, KindsAndLabels) {
  EXPECT_TRUE(IsMeetingKind("courtyard"));
  EXPECT_FALSE(IsMeetingKind("party"));
  EXPECT_EQ(MeetingKindLabel("courtyard"), "院坝会");
  EXPECT_TRUE(IsReceptionKind("reception_day"));
  EXPECT_TRUE(IsReceptionKind("party_rep_reception"));
  EXPECT_FALSE(IsReceptionKind("joint"));
}

TEST(Meeting, FieldsListEveryProblem) {
  MeetingFields f{"joint", "小红庙管道协调", "2026-07-11", "09:00", "10:00", "社区会议室"};
  EXPECT_TRUE(CheckMeetingFields(f).empty());
  f = {"party", "", "2026-13-01", "9:00", "08:00", ""};
  EXPECT_EQ(CheckMeetingFields(f).size(), 6u);
}

TEST(Meeting, DecisionWithoutOwnerIsItsOwnError) {
  try {
    CheckDecision("挪污水井", false, false, "2026-07-20");
    FAIL() << "no error";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.code(), "meeting.decision_needs_owner");
  }
  EXPECT_NO_THROW(CheckDecision("挪污水井", true, false, "2026-07-20"));
  EXPECT_NO_THROW(CheckDecision("挪污水井", false, true, "2026-07-20"));
  EXPECT_THROW(CheckDecision("", true, false, "2026-07-20"), InvalidInput);
  EXPECT_THROW(CheckDecision("挪污水井", true, false, "7月20日"), InvalidInput);
  EXPECT_THROW(CheckDecision("挪污水井", true, true, "2026-07-20"), InvalidInput);
}

TEST(Meeting, OverdueOnlyWhenOpenAndPastTheDeadline) {
  EXPECT_TRUE(DecisionOverdue("open", "2026-07-20", "2026-07-21"));
  EXPECT_FALSE(DecisionOverdue("open", "2026-07-20", "2026-07-20"));
  EXPECT_FALSE(DecisionOverdue("done", "2026-07-20", "2026-07-21"));
  EXPECT_FALSE(DecisionOverdue("matter", "2026-07-20", "2026-07-21"));
}

}  // namespace
}  // namespace minqing::domain
