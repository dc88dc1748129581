#include "storage/sql_monthly_report_repository.hpp"

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

constexpr const char* kBadFile = "monthly_report.bad_file";
constexpr const char* kBadFileMessage = "月度通报文件已损坏";

class SqlMonthlyReportRepository final : public app::MonthlyReportRepository {
 public:
  explicit SqlMonthlyReportRepository(Connection& conn) : conn_(conn) {}

  void PutReport(const app::StoredMonthlyReport& r) override {
    RunSql(conn_, sql::monthly_report_upsert,
           {r.month, r.generated_at, OptionalValue(r.generated_by), r.summary, r.figures_json,
            Base64Encode(r.pdf), Base64Encode(r.xlsx)});
  }

  std::optional<app::StoredMonthlyReport> FindReport(const std::string& month) override {
    auto rows = QueryRows(conn_, sql::monthly_report_select, {month});
    if (rows.empty()) return std::nullopt;
    const Row& row = rows.front();
    app::StoredMonthlyReport r = ReadSummary(row);
    r.figures_json = row.GetText(4);
    r.pdf = Base64Decode(row.GetText(5), kBadFile, kBadFileMessage);
    r.xlsx = Base64Decode(row.GetText(6), kBadFile, kBadFileMessage);
    return r;
  }

  bool HasReport(const std::string& month) override {
    return !QueryRows(conn_, sql::monthly_report_exists, {month}).empty();
  }

  std::vector<app::StoredMonthlyReport> ListReports() override {
    return ReadAll<app::StoredMonthlyReport>(QueryRows(conn_, sql::monthly_report_list),
                                             ReadSummary);
  }

 private:
  static app::StoredMonthlyReport ReadSummary(const Row& row) {
    app::StoredMonthlyReport r;
    r.month = row.GetText(0);
    r.generated_at = row.GetInt64(1);
    r.generated_by = row.GetOptionalInt64(2);
    r.summary = row.GetText(3);
    return r;
  }

  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::MonthlyReportRepository> MakeSqlMonthlyReportRepository(Connection& conn) {
  return std::make_unique<SqlMonthlyReportRepository>(conn);
}

}  // namespace minqing::storage
