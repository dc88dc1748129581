// report monthly: the monthly ranking report (月度通报) of a month, generated (or regenerated) and
// stored as the scheduled job in `minqing serve` does, optionally also written to files.
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>

#include "app/id_node_lease.hpp"
#include "app/services.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "domain/errors.hpp"

namespace minqing::cli {
namespace po = boost::program_options;

namespace {

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw domain::StorageError("file.unwritable", "文件无法写入：" + path);
}

}  // namespace

int RunReport(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] != "monthly") {
    std::cout << "用法 Usage: minqing report monthly [--month YYYY-MM] [--db URL] [--pdf FILE] "
                 "[--xlsx FILE]\n"
                 "  生成（或重新生成）并保存某月的月度通报，缺省为上个月 / generate and store "
                 "the monthly ranking report (default: last month)\n";
    return args.empty() || args[0] != "monthly" ? 2 : 0;
  }
  Args rest(args.begin() + 1, args.end());
  po::options_description options("minqing report monthly");
  options.add_options()("db", po::value<std::string>()->default_value(DefaultDatabaseUrl()),
                        "数据库 / database")(
      "month", po::value<std::string>()->default_value(""),
      "月份 YYYY-MM（缺省为上个月）/ month, default last month")(
      "pdf", po::value<std::string>()->default_value(""), "另存 PDF 到此文件 / also write the PDF")(
      "xlsx", po::value<std::string>()->default_value(""),
      "另存 Excel 到此文件 / also write the xlsx");
  po::variables_map vm;
  if (!ParseOptions(rest, options, vm, "月度通报 / monthly ranking report")) return 0;
  const domain::Epoch now = Now();
  std::string month = vm["month"].as<std::string>();
  if (month.empty()) month = app::MonthlyReportService::PreviousMonth(now);
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  const app::Actor system = app::SystemActor(now);
  const app::MonthlyReportOutcome outcome = services.monthly_reports.Generate(system, month);
  std::cout << "月度通报 monthly report " << outcome.month << " 已生成并保存 generated and stored "
            << "in the database (monthly_reports)\n"
            << "  " << outcome.summary << "\n"
            << "  PDF " << outcome.pdf_bytes << " bytes, xlsx " << outcome.xlsx_bytes << " bytes\n";
  const std::string pdf = vm["pdf"].as<std::string>();
  if (!pdf.empty()) {
    WriteFile(pdf,
              services.monthly_reports.File(system, outcome.month, app::MonthlyReportFile::kPdf));
    std::cout << "  PDF → " << pdf << "\n";
  }
  const std::string xlsx = vm["xlsx"].as<std::string>();
  if (!xlsx.empty()) {
    WriteFile(xlsx,
              services.monthly_reports.File(system, outcome.month, app::MonthlyReportFile::kXlsx));
    std::cout << "  xlsx → " << xlsx << "\n";
  }
  return 0;
}

}  // namespace minqing::cli
