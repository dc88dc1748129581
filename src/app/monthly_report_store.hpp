// The repository of monthly ranking reports (月度通报, monthly_reports.hpp): one row per month
// with the figures as JSON (for the web page) and the PDF and xlsx bytes as generated.
// Thread-safety: as the transaction it belongs to.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"

namespace minqing::app {

struct StoredMonthlyReport {
  std::string month;  // "2026-11".
  domain::Epoch generated_at = 0;
  std::optional<domain::Id> generated_by;  // None: the scheduled job or the command line.
  std::string figures_json;
  std::string summary;  // One line for the list (e.g. "承办单位 12 个排名，乡镇 8 个").
  std::string pdf;      // Bytes; empty in list results.
  std::string xlsx;     // Bytes; empty in list results.
};

class MonthlyReportRepository {
 public:
  virtual ~MonthlyReportRepository() = default;
  // Creates or replaces the report of `report.month`.
  virtual void PutReport(const StoredMonthlyReport& report) = 0;
  // The report with its figures and files, or nullopt.
  virtual std::optional<StoredMonthlyReport> FindReport(const std::string& month) = 0;
  // Whether a report of `month` exists (reads no figures or files).
  virtual bool HasReport(const std::string& month) = 0;
  // Every report without figures or files, newest month first.
  virtual std::vector<StoredMonthlyReport> ListReports() = 0;
};

}  // namespace minqing::app
