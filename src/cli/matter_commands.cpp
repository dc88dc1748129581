// escalate and calendar: the matter commands (诉求逾期升级, 节假日表导入).
#include <boost/program_options.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/id_node_lease.hpp"
#include "app/services.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "domain/errors.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::cli {
namespace po = boost::program_options;

namespace {

// "2026-10-10 09:00" (China time) or "2026-10-10" (00:00) or epoch seconds.
domain::Epoch ParseNow(const std::string& text) {
  if (!text.empty() && text.find('-') == std::string::npos) return std::stoll(text);
  auto day = domain::ParseDate(text.substr(0, 10));
  if (!day) throw domain::InvalidInput("cli.bad_arguments", "时间格式应为 \"YYYY-MM-DD HH:MM\"");
  domain::Epoch at = domain::ChinaDayStart(*day);
  if (text.size() >= 16) {
    at += std::stoi(text.substr(11, 2)) * 3600 + std::stoi(text.substr(14, 2)) * 60;
  }
  return at;
}

}  // namespace

int RunEscalate(const Args& args) {
  po::options_description options("minqing escalate");
  options.add_options()("db", po::value<std::string>()->default_value(DefaultDatabaseUrl()),
                        "数据库 / database")(
      "now", po::value<std::string>()->default_value(""),
      "按此时间计算（\"YYYY-MM-DD HH:MM\"，中国时间）/ evaluate at this time");
  po::variables_map vm;
  if (!ParseOptions(args, options, vm, "逾期升级与回访任务（幂等）/ escalate overdue matters"))
    return 0;
  const auto& now_text = vm["now"].as<std::string>();
  domain::Epoch now = now_text.empty() ? Now() : ParseNow(now_text);
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  auto report = services.handling.RunEscalation(app::SystemActor(now));
  std::cout << "升级 escalated: " << report.escalated << "\n临期 nearly due: " << report.nearly_due
            << "\n新回访任务 callbacks created: " << report.callbacks_created << "\n";
  return 0;
}

int RunCalendar(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] != "import") {
    std::cout << "用法 Usage: minqing calendar import --db URL FILE.csv\n"
                 "  FILE.csv: date,kind,name（kind 为 off 放假 或 workday 调休上班）\n";
    return args.empty() || args[0] != "import" ? 2 : 0;
  }
  Args rest(args.begin() + 1, args.end());
  po::options_description options("minqing calendar import");
  options.add_options()("db", po::value<std::string>()->default_value(DefaultDatabaseUrl()),
                        "数据库 / database")("file", po::value<std::string>()->required(),
                                             "CSV 文件 / file");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  if (!ParseOptions(rest, options, vm, "导入节假日表 / import the holiday table", &positional)) {
    return 0;
  }
  std::ifstream in(vm["file"].as<std::string>(), std::ios::binary);
  if (!in) {
    throw domain::InvalidInput("cli.bad_arguments",
                               "无法读取文件: " + vm["file"].as<std::string>());
  }
  std::stringstream text;
  text << in.rdbuf();
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  auto rows = services.catalogue.ImportCalendar(app::SystemActor(Now()), text.str());
  std::cout << "已导入 imported: " << rows << " 行 rows\n";
  return 0;
}

}  // namespace minqing::cli
