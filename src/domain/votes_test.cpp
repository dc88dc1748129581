#include "domain/votes.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

VoteSession OpenSession() {
  VoteSession s;
  s.title = "2026年度述职评议";
  s.year = 2026;
  s.opens_at = 1000;
  s.closes_at = 2000;
  s.state = VoteState::kOpen;
  return s;
}

TEST(VotesTest, BallotsOnlyInTheOpenPeriodOfAnOpenSession) {
  VoteSession s = OpenSession();
  EXPECT_EQ(BallotWindowRefusal(s, 999), BallotRefusal::kNotOpen);
  EXPECT_FALSE(BallotWindowRefusal(s, 1000));
  EXPECT_FALSE(BallotWindowRefusal(s, 1999));
  EXPECT_EQ(BallotWindowRefusal(s, 2000), BallotRefusal::kClosed);
  s.state = VoteState::kDraft;
  EXPECT_EQ(BallotWindowRefusal(s, 1500), BallotRefusal::kNotOpen);
  s.state = VoteState::kClosed;
  EXPECT_EQ(BallotWindowRefusal(s, 1500), BallotRefusal::kClosed);
  s.state = VoteState::kPublished;
  EXPECT_EQ(BallotWindowRefusal(s, 1500), BallotRefusal::kClosed);
}

TEST(VotesTest, RefusalsHaveStableCodesAndChineseMessages) {
  for (auto r : kBallotRefusals) {
    EXPECT_EQ(BallotRefusalCode(r).substr(0, 5), "vote.");
    EXPECT_FALSE(BallotRefusalMessage(r).empty());
    EXPECT_EQ(ParseBallotRefusal(BallotRefusalCode(r)), r);
  }
  EXPECT_EQ(BallotRefusalCode(BallotRefusal::kCodeUsed), "vote.code_used");
}

TEST(VotesTest, ChoicesParseByCodeOrLabel) {
  EXPECT_EQ(ParseVoteChoice("satisfied"), VoteChoice::kSatisfied);
  EXPECT_EQ(ParseVoteChoice("基本满意"), VoteChoice::kBasic);
  EXPECT_EQ(ParseVoteChoice("不满意"), VoteChoice::kUnsatisfied);
  EXPECT_FALSE(ParseVoteChoice("弃权"));
}

TEST(VotesTest, SatisfactionRateCountsSatisfiedAndBasic) {
  VoteTally t;
  EXPECT_EQ(t.SatisfactionRate(), 0);
  t[VoteChoice::kSatisfied] = 6;
  t[VoteChoice::kBasic] = 2;
  t[VoteChoice::kUnsatisfied] = 2;
  EXPECT_EQ(t.Total(), 10);
  EXPECT_DOUBLE_EQ(t.SatisfactionRate(), 0.8);
  EXPECT_EQ(t.Of(VoteChoice::kBasic), 2);
}

TEST(VotesTest, CodesNormaliseAsPrinted) {
  EXPECT_EQ(NormalizeVoteCode(" abcde-fghjk "), "ABCDEFGHJK");
  EXPECT_EQ(FormatVoteCode("ABCDEFGHJK"), "ABCDE-FGHJK");
  for (char c : std::string("01OIL")) {
    EXPECT_EQ(kVoteCodeAlphabet.find(c), std::string_view::npos) << c;
  }
}

TEST(VotesTest, ValidationNamesTheField) {
  VoteSession s = OpenSession();
  EXPECT_TRUE(ValidateVoteSession(s).empty());
  s.title = " ";
  s.closes_at = s.opens_at;
  auto problems = ValidateVoteSession(s);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].field, "title");
  EXPECT_EQ(problems[1].code, "vote.bad_period");
}

}  // namespace
}  // namespace minqing::domain
