#include "domain/scorecard.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace minqing::domain {

bool ScoreKindComputed(AgreementItemKind kind) {
  switch (kind) {
    case AgreementItemKind::kProsperProjects:
    case AgreementItemKind::kMeetingsAttended:
    case AgreementItemKind::kCustom:
      return false;
    default:
      return true;
  }
}

Scorecard ScoreLines(const std::vector<ScoreLine>& lines) {
  Scorecard card;
  for (const auto& line : lines) {
    ScoredLine scored{line, 0, 0};
    const double target = std::max(0.0, line.target);
    const double weight = std::max(0.0, line.weight);
    if (target > 0 && line.actual) {
      scored.achievement = std::min(1.0, std::max(0.0, *line.actual) / target);
    }
    scored.points = weight * scored.achievement;
    card.points += scored.points;
    card.max_points += weight;
    card.lines.push_back(std::move(scored));
  }
  return card;
}

std::vector<int> CompetitionRanks(const std::vector<double>& totals) {
  std::vector<std::size_t> order(totals.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return totals[a] > totals[b]; });
  std::vector<int> ranks(totals.size(), 0);
  for (std::size_t i = 0; i < order.size(); ++i) {
    const bool tied = i > 0 && std::fabs(totals[order[i]] - totals[order[i - 1]]) < 1e-9;
    ranks[order[i]] = tied ? ranks[order[i - 1]] : static_cast<int>(i) + 1;
  }
  return ranks;
}

}  // namespace minqing::domain
