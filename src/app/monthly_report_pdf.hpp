// The figures of one monthly ranking report (月度通报, monthly_reports.hpp) and their renderings:
// the PDF (A4 portrait: heading, the 通报 paragraph, the county's totals, a bar chart of the
// ranked units' scores, the 12-month trend of the county's score and rates, the two ranking
// tables with month-over-month arrows, the rows not ranked), the xlsx sheets (单位排名, 乡镇排名,
// 未参与排名, 月度趋势) and the JSON the web page reads.
// Thread-safety: plain functions; the PDF is drawn under PdfDocument's lock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/monthly_ranking.hpp"
#include "formats/table.hpp"

namespace minqing::app {

struct MonthlyTrendPoint {
  std::string month;  // "2026-11".
  domain::RateCounters counters;
  domain::ThreeRates rates;
  std::optional<double> score;
};

struct MonthlyReportFigures {
  std::string month;  // "2026-11".
  std::string title;  // "2026年11月诉求办理三率排名通报".
  domain::Epoch generated_at = 0;
  domain::RankingSettings settings;
  domain::RateCounters totals;  // The county's matters of the month (accepted).
  domain::ThreeRates rates;
  std::optional<double> score;
  domain::MonthRanking units;
  domain::MonthRanking townships;
  std::vector<MonthlyTrendPoint> trend;  // The 12 months up to this one, oldest first.
  std::string notice;                    // The 通报 paragraph.
};

// "87.5%", or "—" without a denominator.
std::string MonthlyPercent(const std::optional<double>& rate);

// The PDF bytes. Throws domain::StorageError when cairo fails.
std::string RenderMonthlyReportPdf(const MonthlyReportFigures& figures);

// The xlsx sheets, in order: 单位排名, 乡镇排名, 未参与排名, 月度趋势.
std::vector<formats::NamedTable> MonthlyReportSheets(const MonthlyReportFigures& figures);

// The figures as JSON text: {"month", "title", "generated_at", "settings": {"weights": {...},
// "min_received", "named"}, "totals": {...counters, rates, score}, "notice", "units": {"ranked":
// [row], "unranked": [row], "best": [name], "worst": [name]}, "townships": {...}, "trend":
// [{"month", "received", "response_rate", ..., "score"}]}; a row: {"key", "name", "received",
// "responded_on_time", "rated", "solved", "satisfied", "response_rate", "resolution_rate",
// "satisfaction_rate", "score", "rank" (null when not ranked), "previous_score",
// "previous_rank", "score_change", "rank_change"}. Rates are fractions, scores 0..100.
std::string MonthlyReportJson(const MonthlyReportFigures& figures);

}  // namespace minqing::app
