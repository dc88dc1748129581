#include "domain/scorecard.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

TEST(Scorecard, ProjectsMeetingsAndCustomDutiesHaveNoDataSourceTheRestAreCounted) {
  EXPECT_TRUE(ScoreKindComputed(AgreementItemKind::kVisitCoverage));
  EXPECT_TRUE(ScoreKindComputed(AgreementItemKind::kWindowRating));
  EXPECT_TRUE(ScoreKindComputed(AgreementItemKind::kSatisfactionRate));
  EXPECT_FALSE(ScoreKindComputed(AgreementItemKind::kProsperProjects));
  EXPECT_FALSE(ScoreKindComputed(AgreementItemKind::kMeetingsAttended));
  EXPECT_FALSE(ScoreKindComputed(AgreementItemKind::kCustom));
  EXPECT_EQ(ParseAgreementItemKind("window_rating"), AgreementItemKind::kWindowRating);
}

TEST(Scorecard, ALineEarnsItsWeightTimesTheShareOfTheTargetMetCappedAtTheWeight) {
  const Scorecard card = ScoreLines({
      {AgreementItemKind::kVisitCoverage, "走访", 100, 30, 80.0},         // 80% of 100%: 24 points.
      {AgreementItemKind::kConsultations, "诉求", 20, 20, 50.0},          // Over the target: 20.
      {AgreementItemKind::kErrandsOnTime, "代办", 90, 20, std::nullopt},  // No data: 0.
      {AgreementItemKind::kMeetingsAttended, "会议", 0, 10, 5.0},         // No target: 0.
      {AgreementItemKind::kCustom, "负数", 10, 20, -3.0},  // A negative actual counts as 0.
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
