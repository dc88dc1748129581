#include "domain/monthly_ranking.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

RateCounters Counters(std::int64_t received, std::int64_t on_time, std::int64_t rated,
                      std::int64_t solved, std::int64_t satisfied) {
  RateCounters c;
  c.received = received;
  c.responded = on_time;
  c.responded_on_time = on_time;
  c.rated = rated;
  c.solved = solved;
  c.satisfied = satisfied;
  return c;
}

TEST(MonthlyRankingTest, ScoreIsTheWeightedMeanOfTheRatesInPercent) {
  ThreeRates rates{0.9, 0.8, 0.5};
  // 0.3 x 90 + 0.4 x 80 + 0.3 x 50 = 27 + 32 + 15 = 74.
  EXPECT_DOUBLE_EQ(*WeightedScore(rates, {}), 74.0);
  EXPECT_DOUBLE_EQ(*WeightedScore(rates, {1, 0, 0}), 90.0);
}

TEST(MonthlyRankingTest, MissingRatesLeaveTheirWeightOut) {
  // No sign-off yet: only the response rate exists, and it is the whole score.
  EXPECT_DOUBLE_EQ(*WeightedScore({0.5, std::nullopt, std::nullopt}, {}), 50.0);
  EXPECT_FALSE(WeightedScore({}, {}).has_value());
  // A rate whose weight is 0 cannot carry the score alone.
  EXPECT_FALSE(WeightedScore({std::nullopt, 0.5, 0.5}, {1, 0, 0}).has_value());
}

TEST(MonthlyRankingTest, ScoresAreRoundedToHundredths) {
  EXPECT_DOUBLE_EQ(*WeightedScore({2.0 / 3, std::nullopt, std::nullopt}, {}), 66.67);
}

TEST(MonthlyRankingTest, SettingsAreChecked) {
  EXPECT_TRUE(ValidateRankingSettings({}).empty());
  RankingSettings bad;
  bad.weights = {0.5, 0.5, 0.5};
  auto problems = ValidateRankingSettings(bad);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, "ranking.weights_not_1");
  bad.weights = {-0.1, 0.6, 0.5};
  bad.min_received = 0;
  bad.named = 11;
  problems = ValidateRankingSettings(bad);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].field, "weights.response");
  EXPECT_EQ(problems[1].code, "ranking.bad_min_received");
  EXPECT_EQ(problems[2].code, "ranking.bad_named");
}

TEST(MonthlyRankingTest, RanksWithTiesAndSetsAsideRowsWithTooFewMatters) {
  RankingSettings settings;
  settings.min_received = 5;
  settings.named = 1;
  std::vector<RankingCandidate> now = {
      {1, "甲", Counters(10, 10, 10, 10, 10)},  // 100.
      {2, "乙", Counters(10, 5, 10, 5, 5)},     // 50.
      {3, "丙", Counters(10, 5, 10, 5, 5)},     // 50, tied.
      {4, "丁", Counters(4, 4, 4, 4, 4)},       // Too few to rank.
      {5, "戊", Counters(10, 0, 10, 0, 0)},     // 0: last.
  };
  MonthRanking r = RankMonth(now, {}, settings);
  ASSERT_EQ(r.ranked.size(), 4u);
  EXPECT_EQ(r.ranked[0].key, 1);
  EXPECT_EQ(r.ranked[0].rank, 1);
  EXPECT_EQ(r.ranked[1].rank, 2);
  EXPECT_EQ(r.ranked[2].rank, 2);
  EXPECT_EQ(r.ranked[3].key, 5);
  EXPECT_EQ(r.ranked[3].rank, 4);
  ASSERT_EQ(r.unranked.size(), 1u);
  EXPECT_EQ(r.unranked[0].key, 4);
  EXPECT_EQ(r.unranked[0].rank, 0);
  EXPECT_EQ(r.best, std::vector<Id>{1});
  EXPECT_EQ(r.worst, std::vector<Id>{5});
}

TEST(MonthlyRankingTest, MonthOverMonthComparesScoreAndRank) {
  RankingSettings settings;
  settings.min_received = 1;
  std::vector<RankingCandidate> before = {{1, "甲", Counters(10, 9, 10, 9, 9)},   // 90, 1st.
                                          {2, "乙", Counters(10, 5, 10, 5, 5)}};  // 50, 2nd.
  std::vector<RankingCandidate> now = {{1, "甲", Counters(10, 4, 10, 4, 4)},      // 40, 2nd.
                                       {2, "乙", Counters(10, 8, 10, 8, 8)},      // 80, 1st.
                                       {3, "丙", Counters(10, 6, 10, 6, 6)}};
  MonthRanking r = RankMonth(now, before, settings);
  ASSERT_EQ(r.ranked.size(), 3u);
  const RankedRow& b = r.ranked[0];
  EXPECT_EQ(b.key, 2);
  EXPECT_DOUBLE_EQ(*b.score_change, 30.0);
  EXPECT_EQ(*b.rank_change, 1);
  EXPECT_EQ(b.previous_rank, 2);
  const RankedRow& a = r.ranked[2];
  EXPECT_EQ(a.key, 1);
  EXPECT_DOUBLE_EQ(*a.score_change, -50.0);
  EXPECT_EQ(*a.rank_change, -2);
  const RankedRow& c = r.ranked[1];
  EXPECT_FALSE(c.score_change.has_value());  // New this month.
  EXPECT_FALSE(c.rank_change.has_value());
}

TEST(MonthlyRankingTest, EachSideNamesAtMostHalfTheRankedRows) {
  RankingSettings settings;
  settings.min_received = 1;
  settings.named = 3;
  std::vector<RankingCandidate> now = {{1, "甲", Counters(10, 10, 0, 0, 0)},
                                       {2, "乙", Counters(10, 5, 0, 0, 0)},
                                       {3, "丙", Counters(10, 2, 0, 0, 0)},
                                       {4, "丁", Counters(10, 1, 0, 0, 0)}};
  MonthRanking r = RankMonth(now, {}, settings);
  EXPECT_EQ(r.best, (std::vector<Id>{1, 2}));
  EXPECT_EQ(r.worst, (std::vector<Id>{4, 3}));
  now.resize(1);
  EXPECT_TRUE(RankMonth(now, {}, settings).best.empty());
  EXPECT_TRUE(RankMonth(now, {}, settings).worst.empty());
}

}  // namespace
}  // namespace minqing::domain
