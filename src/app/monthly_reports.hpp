// Monthly ranking reports (月度通报), as a 12345 hotline centre publishes them: the units
// (承办单位) and the townships (乡镇/街道) of the month ranked on a weighted score of the three
// rates (domain/monthly_ranking.hpp: the score, the threshold, ties, month-over-month), with a
// 通报 paragraph naming the best and the worst, a PDF (tables, a bar chart of unit scores, a
// 12-month trend) and an xlsx (one sheet per ranking, one for the trend). The counters are read
// from the month cells of matter_stats through SumStats and the rates through ComputeRates, so a
// month costs a few cell reads whatever the number of matters.
//
// One report per month is kept (monthly_report_store.hpp); generating again replaces it.
//
// Who may do what:
//   - matter.export (administrators, leaders, centre staff) lists and reads reports and downloads
//     their files, whatever their region scope: the 通报 is the county's document, circulated to
//     every township and unit as the paper one is, and holds only units' and townships' counters
//     (no resident). Everyone else (handlers, assistants, members, residents) is refused.
//   - reports.manage (administrators) sets the weights and threshold and generates or
//     regenerates a month (audited monthly_report.generate, monthly_report.settings). A leader
//     cannot regenerate: a published 通报 changes only by an administrator's hand.
//   - The scheduled job and `minqing report monthly` act as the system.
// Errors: monthly_report.bad_month (400, month not YYYY-MM or not yet over),
// monthly_report.not_found (404), validation.failed with ranking.* problems for settings.
// Caches: none. Thread-safety: safe to share; each call runs in its own transaction(s).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/store.hpp"
#include "domain/monthly_ranking.hpp"

namespace minqing::app {

struct MonthlyReportOutcome {
  std::string month;
  bool generated = false;  // False: GenerateMissing found it there already.
  std::string summary;
  std::size_t pdf_bytes = 0;
  std::size_t xlsx_bytes = 0;
};

enum class MonthlyReportFile { kPdf, kXlsx };

class MonthlyReportService {
 public:
  explicit MonthlyReportService(Store& store) : store_(store) {}

  // Newest month first, without figures or files.
  std::vector<StoredMonthlyReport> List(const Actor& actor);
  // The report with its figures JSON (files left empty).
  StoredMonthlyReport Read(const Actor& actor, const std::string& month);
  // The PDF or xlsx bytes.
  std::string File(const Actor& actor, const std::string& month, MonthlyReportFile kind);

  domain::RankingSettings Settings(const Actor& actor);
  domain::RankingSettings SetSettings(const Actor& actor, const domain::RankingSettings& settings);

  // Generates (or regenerates) the report of `month` ("YYYY-MM", a month already over in China
  // time) and stores it.
  MonthlyReportOutcome Generate(const Actor& actor, const std::string& month);
  // The scheduled job: the report of the month before `now` (China time), when it is missing.
  MonthlyReportOutcome GenerateMissing(domain::Epoch now);

  // "YYYY-MM" of the month before the one holding `now` (China time).
  static std::string PreviousMonth(domain::Epoch now);

 private:
  MonthlyReportOutcome Build(const Actor& actor, const std::string& month);

  Store& store_;
};

}  // namespace minqing::app
