#include "domain/scorecard.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace minqing::domain {
namespace {

struct KindInfo {
  ScoreKind kind;
  std::string_view code;
  std::string_view label;
  std::string_view unit;
};

constexpr std::array<KindInfo, 8> kKinds{{
    {ScoreKind::kVisitCoverage, "visit_coverage", "走访覆盖率", "%"},
    {ScoreKind::kConsultations, "consultations", "受理群众诉求", "件"},
    {ScoreKind::kErrandsOnTime, "errands_on_time", "代办按时办结率", "%"},
    {ScoreKind::kVillageRates, "village_rates", "本村诉求三率", "%"},
    {ScoreKind::kProsperProjects, "prosper_projects", "帮扶致富项目", "个"},
    {ScoreKind::kMeetings, "meetings", "参加村务会议", "次"},
    {ScoreKind::kWindowRating, "window_rating", "窗口服务评价", "分"},
    {ScoreKind::kOther, "other", "其他", ""},
}};

const KindInfo& Info(ScoreKind kind) {
  for (const auto& info : kKinds) {
    if (info.kind == kind) return info;
  }
  return kKinds.back();
}

}  // namespace

std::string_view ScoreKindCode(ScoreKind kind) { return Info(kind).code; }
std::string_view ScoreKindLabel(ScoreKind kind) { return Info(kind).label; }
std::string_view ScoreKindUnit(ScoreKind kind) { return Info(kind).unit; }

std::optional<ScoreKind> ParseScoreKind(std::string_view code) {
  for (const auto& info : kKinds) {
    if (info.code == code) return info.kind;
  }
  return std::nullopt;
}

const std::vector<ScoreKind>& AllScoreKinds() {
  static const std::vector<ScoreKind> kinds = [] {
    std::vector<ScoreKind> all;
    for (const auto& info : kKinds) all.push_back(info.kind);
    return all;
  }();
  return kinds;
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

std::vector<int> CompetitionRanks(const std::vector<double>& percents) {
  std::vector<std::size_t> order(percents.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return percents[a] > percents[b]; });
  std::vector<int> ranks(percents.size(), 0);
  for (std::size_t i = 0; i < order.size(); ++i) {
    const bool tied = i > 0 && std::fabs(percents[order[i]] - percents[order[i - 1]]) < 1e-9;
    ranks[order[i]] = tied ? ranks[order[i - 1]] : static_cast<int>(i) + 1;
  }
  return ranks;
}

}  // namespace minqing::domain
