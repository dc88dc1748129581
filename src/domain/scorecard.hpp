// Scorecards (考评记分卡): a cadre's duties scored against targets. Each line is one duty (an
// agreement item kind of domain/posting.hpp, the one catalogue of kinds, with a target, a weight
// and the actual figure counted from the records); its achievement is actual / target, capped at
// 1, and it earns weight x achievement points. Every kind is "higher is better" (coverage, counts,
// rates, average stars). A line without a target (0) or without data earns nothing.
// Pure values; no I/O. Thread-safety: plain functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/posting.hpp"

namespace minqing::domain {

// Whether minqing counts the kind's actual from its own records; the others (help-to-prosper
// projects, meetings, custom duties) have no data source yet and take a manual actual (人工填报).
bool ScoreKindComputed(AgreementItemKind kind);

struct ScoreLine {
  AgreementItemKind kind = AgreementItemKind::kCustom;
  std::string label;             // The agreement's wording, or the kind's label.
  double target = 0;             // In the kind's unit; 0: no target.
  double weight = 0;             // Points the line is worth when the target is met.
  std::optional<double> actual;  // Absent: no data.
};

struct ScoredLine {
  ScoreLine line;
  double achievement = 0;  // 0..1.
  double points = 0;       // weight x achievement.
};

struct Scorecard {
  std::vector<ScoredLine> lines;
  double points = 0;      // The sum of the lines' points.
  double max_points = 0;  // The sum of the weights.
  // points / max_points as a percentage, 0 when nothing is weighted.
  double Percent() const { return max_points > 0 ? points * 100.0 / max_points : 0; }
};

// Scores every line; a negative target, weight or actual is treated as 0.
Scorecard ScoreLines(const std::vector<ScoreLine>& lines);

// Standard competition ranks (1, 2, 2, 4) of `totals`, highest first; equal within 1e-9 ties.
std::vector<int> CompetitionRanks(const std::vector<double>& totals);

}  // namespace minqing::domain
