// Scorecards (考评记分卡): a cadre's duties scored against targets. Each line is one duty (a kind
// with a target, a weight and the actual figure counted from the records); its achievement is
// actual / target, capped at 1, and it earns weight x achievement points. A line without a target
// (0) or without data earns nothing. Pure values; no I/O. Thread-safety: plain functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minqing::domain {

// The duties a scorecard counts. The codes are stored (agreement items, county weights) and sent
// by the API; never renumber or rename them.
enum class ScoreKind {
  kVisitCoverage,    // "visit_coverage": % of the village's households visited and confirmed.
  kConsultations,    // "consultations": matters accepted at the village's station.
  kErrandsOnTime,    // "errands_on_time": % of errands (代办) completed by their deadline.
  kVillageRates,     // "village_rates": the village's matters, mean of the three rates (三率), %.
  kProsperProjects,  // "prosper_projects": help-to-prosper projects (entered by the county).
  kMeetings,         // "meetings": village meetings attended (entered by the county).
  kWindowRating,     // "window_rating": mean window rating, 1-5.
  kOther,            // "other": a duty written in words; its actual is entered by hand.
};

std::string_view ScoreKindCode(ScoreKind kind);
std::optional<ScoreKind> ParseScoreKind(std::string_view code);
std::string_view ScoreKindLabel(ScoreKind kind);  // Chinese, for screens and sheets.
// The unit its figures are given in: "%", "件", "个", "次", "分", "".
std::string_view ScoreKindUnit(ScoreKind kind);
const std::vector<ScoreKind>& AllScoreKinds();

struct ScoreLine {
  ScoreKind kind = ScoreKind::kOther;
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

// Standard competition ranks (1, 2, 2, 4) of `percents`, highest first; equal within 1e-9 ties.
std::vector<int> CompetitionRanks(const std::vector<double>& percents);

}  // namespace minqing::domain
