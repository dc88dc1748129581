#include "domain/monthly_ranking.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "domain/scorecard.hpp"

namespace minqing::domain {
namespace {

bool WeightValid(double w) { return std::isfinite(w) && w >= 0 && w <= 1; }

struct Scored {
  std::vector<RankedRow> ranked;
  std::vector<RankedRow> unranked;
};

Scored Score(const std::vector<RankingCandidate>& candidates, const RankingSettings& settings) {
  Scored out;
  for (const auto& c : candidates) {
    RankedRow row;
    row.key = c.key;
    row.name = c.name;
    row.counters = c.counters;
    row.rates = ComputeRates(c.counters);
    row.score = WeightedScore(row.rates, settings.weights);
    const bool rankable = row.score && c.counters.received >= settings.min_received;
    (rankable ? out.ranked : out.unranked).push_back(std::move(row));
  }
  std::vector<double> scores;
  scores.reserve(out.ranked.size());
  for (const auto& row : out.ranked) scores.push_back(*row.score);
  const std::vector<int> ranks = CompetitionRanks(scores);
  for (std::size_t i = 0; i < out.ranked.size(); ++i) out.ranked[i].rank = ranks[i];
  std::sort(out.ranked.begin(), out.ranked.end(), [](const RankedRow& a, const RankedRow& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.name != b.name ? a.name < b.name : a.key < b.key;
  });
  std::sort(out.unranked.begin(), out.unranked.end(), [](const RankedRow& a, const RankedRow& b) {
    return a.counters.received != b.counters.received ? a.counters.received > b.counters.received
           : a.name != b.name                         ? a.name < b.name
                                                      : a.key < b.key;
  });
  return out;
}

}  // namespace

std::vector<FieldProblem> ValidateRankingSettings(const RankingSettings& settings) {
  std::vector<FieldProblem> problems;
  const RankingWeights& w = settings.weights;
  const std::pair<const char*, double> weights[] = {{"weights.response", w.response},
                                                    {"weights.resolution", w.resolution},
                                                    {"weights.satisfaction", w.satisfaction}};
  bool all_valid = true;
  for (const auto& [field, value] : weights) {
    if (!WeightValid(value)) {
      problems.push_back({field, "ranking.bad_weight", "权重应在 0 至 1 之间"});
      all_valid = false;
    }
  }
  if (all_valid && std::fabs(w.response + w.resolution + w.satisfaction - 1) > 0.001) {
    problems.push_back({"weights", "ranking.weights_not_1", "三项权重之和应为 1"});
  }
  if (settings.min_received < 1 || settings.min_received > 10000) {
    problems.push_back(
        {"min_received", "ranking.bad_min_received", "参与排名的最少受理量应在 1 至 10000 之间"});
  }
  if (settings.named < 1 || settings.named > 10) {
    problems.push_back({"named", "ranking.bad_named", "通报点名数应在 1 至 10 之间"});
  }
  return problems;
}

std::optional<double> WeightedScore(const ThreeRates& rates, const RankingWeights& weights) {
  double sum = 0, weight = 0;
  const std::pair<const std::optional<double>*, double> parts[] = {
      {&rates.response_rate, weights.response},
      {&rates.resolution_rate, weights.resolution},
      {&rates.satisfaction_rate, weights.satisfaction}};
  for (const auto& [rate, w] : parts) {
    if (!rate->has_value() || w <= 0) continue;
    sum += **rate * w;
    weight += w;
  }
  if (weight <= 0) return std::nullopt;
  return std::round(sum / weight * 100 * 100) / 100;
}

MonthRanking RankMonth(const std::vector<RankingCandidate>& current,
                       const std::vector<RankingCandidate>& previous,
                       const RankingSettings& settings) {
  Scored now = Score(current, settings);
  Scored before = Score(previous, settings);
  std::map<Id, const RankedRow*> last;
  for (const auto& row : before.ranked) last[row.key] = &row;
  for (const auto& row : before.unranked) last[row.key] = &row;
  auto compare = [&](RankedRow& row) {
    auto it = last.find(row.key);
    if (it == last.end()) return;
    const RankedRow& old = *it->second;
    row.previous_score = old.score;
    row.previous_rank = old.rank;
    if (row.score && old.score)
      row.score_change = std::round((*row.score - *old.score) * 100) / 100;
    if (row.rank > 0 && old.rank > 0) row.rank_change = old.rank - row.rank;
  };
  for (auto& row : now.ranked) compare(row);
  for (auto& row : now.unranked) compare(row);

  MonthRanking out;
  // Each side names at most half the ranked rows, so no row is both praised and criticised.
  const std::size_t side =
      std::min(static_cast<std::size_t>(std::max(settings.named, 0)), now.ranked.size() / 2);
  for (std::size_t i = 0; i < side; ++i) {
    out.best.push_back(now.ranked[i].key);
    out.worst.push_back(now.ranked[now.ranked.size() - 1 - i].key);
  }
  out.ranked = std::move(now.ranked);
  out.unranked = std::move(now.unranked);
  return out;
}

}  // namespace minqing::domain
