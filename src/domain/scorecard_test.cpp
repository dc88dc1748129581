#include "domain/scorecard.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

TEST(Scorecard, EveryKindCodeRoundTripsAndHasALabel) {
  for (ScoreKind kind : AllScoreKinds()) {
    EXPECT_EQ(ParseScoreKind(ScoreKindCode(kind)), kind);
    EXPECT_FALSE(ScoreKindLabel(kind).empty());
  }
  EXPECT_EQ(AllScoreKinds().size(), 8u);
  EXPECT_EQ(ParseScoreKind("visits"), std::nullopt);
  EXPECT_EQ(ScoreKindCode(ScoreKind::kVisitCoverage), "visit_coverage");
}

TEST(Scorecard, ALineEarnsItsWeightTimesTheShareOfTheTargetMetCappedAtTheWeight) {
  const Scorecard card = ScoreLines({
      {ScoreKind::kVisitCoverage, "走访", 100, 30, 80.0},         // 80% of 100%: 24 points.
      {ScoreKind::kConsultations, "诉求", 20, 20, 50.0},          // Over the target: 20.
      {ScoreKind::kErrandsOnTime, "代办", 90, 20, std::nullopt},  // No data: 0.
      {ScoreKind::kMeetings, "会议", 0, 10, 5.0},                 // No target: 0.
      {ScoreKind::kOther, "负数", 10, 20, -3.0},                  // A negative actual counts as 0.
  });
  ASSERT_EQ(card.lines.size(), 5u);
  EXPECT_DOUBLE_EQ(card.lines[0].achievement, 0.8);
  EXPECT_DOUBLE_EQ(card.lines[0].points, 24);
  EXPECT_DOUBLE_EQ(card.lines[1].achievement, 1);
  EXPECT_DOUBLE_EQ(card.lines[1].points, 20);
  EXPECT_DOUBLE_EQ(card.lines[2].points, 0);
  EXPECT_DOUBLE_EQ(card.lines[3].points, 0);
  EXPECT_DOUBLE_EQ(card.lines[4].points, 0);
  EXPECT_DOUBLE_EQ(card.points, 44);
  EXPECT_DOUBLE_EQ(card.max_points, 100);
  EXPECT_DOUBLE_EQ(card.Percent(), 44);
  EXPECT_DOUBLE_EQ(ScoreLines({}).Percent(), 0);
}

TEST(Scorecard, RanksShareAPlaceWhenTiedAndSkipTheNext) {
  EXPECT_EQ(CompetitionRanks({70, 90, 70, 95, 10}), (std::vector<int>{3, 2, 3, 1, 5}));
  EXPECT_TRUE(CompetitionRanks({}).empty());
}

}  // namespace
}  // namespace minqing::domain
