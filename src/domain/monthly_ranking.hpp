// Monthly ranking (月度通报排名) of units (承办单位) and townships (乡镇/街道) by a weighted score
// of the three rates (三率, matter_rules.hpp ComputeRates), with the change against the previous
// month (环比). Pure values; no I/O. Thread-safety: plain functions.
//
// Rules:
//   - Score (0..100) = 100 x the weighted mean of the rates that have a denominator: the weights
//     of missing rates (no sign-off yet, so no 解决率/满意率) are left out and the others scaled to
//     sum to 1. No rate at all: no score. Rounded to 0.01, and ranks are taken on the rounded
//     score, so what is printed and the order agree.
//   - Only a row with at least `min_received` matters received in the month (and a score) is
//     ranked; the others are listed apart (参考, not ranked). Ranks are standard competition ranks
//     (1, 2, 2, 4).
//   - Month-over-month: the previous month is ranked by the same rules; a row's score change is
//     this score minus last month's (both must exist), its rank change is last rank minus this
//     rank (positive: moved up), when it was ranked both months.
//   - Named in the 通报: the first `named` ranked rows as best and the last `named` as worst,
//     each side at most half the ranked rows (2 ranked: one each; 1 ranked: nobody named).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "domain/matter_rules.hpp"
#include "domain/model.hpp"

namespace minqing::domain {

struct RankingWeights {
  double response = 0.3;      // 响应率.
  double resolution = 0.4;    // 解决率.
  double satisfaction = 0.3;  // 满意率.
};

struct RankingSettings {
  RankingWeights weights;
  int min_received = 5;  // Matters received in the month to be ranked.
  int named = 3;         // Best and worst rows named in the 通报.
};

// Problems of settings an administrator entered: each weight in [0, 1] and their sum 1 (within
// 0.001); min_received 1..10000; named 1..10. Empty when valid.
std::vector<FieldProblem> ValidateRankingSettings(const RankingSettings& settings);

// The score of `rates` under `weights`, as described above; nullopt when no rate exists.
std::optional<double> WeightedScore(const ThreeRates& rates, const RankingWeights& weights);

struct RankingCandidate {
  Id key = 0;
  std::string name;
  RateCounters counters;
};

struct RankedRow {
  Id key = 0;
  std::string name;
  RateCounters counters;
  ThreeRates rates;
  std::optional<double> score;
  int rank = 0;  // 0: not ranked.
  std::optional<double> previous_score;
  int previous_rank = 0;  // 0: not ranked (or absent) last month.
  std::optional<double> score_change;
  std::optional<int> rank_change;  // Positive: moved up.
};

struct MonthRanking {
  std::vector<RankedRow> ranked;    // By rank, then name.
  std::vector<RankedRow> unranked;  // Too few received or no score: by received, descending.
  std::vector<Id> best;             // Keys named best, best first.
  std::vector<Id> worst;            // Keys named worst, worst first.
};

// Ranks `current` (this month) with the changes against `previous` (last month), matched by key.
MonthRanking RankMonth(const std::vector<RankingCandidate>& current,
                       const std::vector<RankingCandidate>& previous,
                       const RankingSettings& settings);

}  // namespace minqing::domain
