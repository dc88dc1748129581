// minqing partitions: on PostgreSQL, makes the month partitions of matters, their events and the
// audit log up to --ahead months from now (the server's daily job keeps three), with
// --archive-before YYYY-MM moves the older months of matters (with what is part of them) and of
// the audit log into the schema minqing_archive (each recorded in the audit log; --archive picks
// the tables), and lists every partition with its estimated rows and size. On SQLite it says that
// nothing is partitioned.
#include <boost/program_options.hpp>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>
#include <string>

#include "app/audit.hpp"
#include "app/id_node_lease.hpp"
#include "app/store.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace minqing::cli {
namespace po = boost::program_options;

int RunPartitions(const Args& args) {
  po::options_description options("minqing partitions");
  AddDbOption(options);
  options.add_options()("ahead", po::value<int>()->default_value(3),
                        "提前建立的月数 / months ahead to make (0-24)")(
      "archive-before", po::value<std::string>()->default_value(""),
      "把此月（YYYY-MM）以前的分区移入 minqing_archive / archive the months before YYYY-MM")(
      "archive", po::value<std::string>()->default_value("matters,audit_log"),
      "归档哪些表：matters、audit_log 或两者（逗号分隔）/ the tables to archive: matters, "
      "audit_log or both (comma-separated)");
  po::variables_map vm;
  if (!ParseOptions(
          args, options, vm,
          "按月分区（PostgreSQL）/ month partitions on PostgreSQL: minqing partitions "
          "--db URL [--ahead 3] [--archive-before YYYY-MM [--archive matters,audit_log]]")) {
    return 0;
  }
  const int ahead = vm["ahead"].as<int>();
  if (ahead < 0 || ahead > 24) {
    std::cerr << "minqing: --ahead 应在 0 到 24 之间 / --ahead must be 0-24\n";
    return 2;
  }
  auto store = app::OpenStore(vm["db"].as<std::string>());
  if (store->Engine() != "postgresql") {
    std::cout << "SQLite 数据库不分区 / a SQLite database is not partitioned\n";
    return 0;
  }
  const app::IdNodeLease id_node(*store, ProcessLeaseHolder(0), Now);
  const int made = store->EnsureMonthPartitions(Now(), ahead);
  std::cout << "新建分区 / partitions made: " << made << "\n";
  if (const auto& before = vm["archive-before"].as<std::string>(); !before.empty()) {
    std::set<std::string> requested;
    std::stringstream list(vm["archive"].as<std::string>());
    for (std::string table; std::getline(list, table, ',');) {
      if (table != "matters" && table != "audit_log") {
        std::cerr << "minqing: --archive 只能是 matters 或 audit_log / --archive takes matters "
                     "and audit_log: "
                  << table << "\n";
        return 2;
      }
      requested.insert(table);
    }
    // Matters first: when they are refused (open ones before the month) the command stops before
    // it has archived anything.
    for (const std::string table : {"matters", "audit_log"}) {
      if (!requested.contains(table)) continue;
      const int archived = store->ArchiveMonthPartitions(table, before);
      auto tx = store->Begin();
      app::RecordAudit(
          *tx, app::SystemActor(Now()), "partitions.archive", table, 0, "",
          "{\"before\":\"" + before + "\",\"partitions\":" + std::to_string(archived) + "}");
      tx->Commit();
      std::cout << (table == "matters" ? "已归档诉求分区 / matter partitions archived: "
                                       : "已归档审计日志分区 / audit log partitions archived: ")
                << archived << "\n";
    }
  }
  std::cout << std::left << std::setw(16) << "表 table" << std::setw(28) << "分区 partition"
            << std::setw(10) << "月 month" << std::right << std::setw(14) << "约行数 rows~"
            << std::setw(14) << "大小 MB"
            << "\n";
  for (const app::MonthPartition& p : store->MonthPartitions()) {
    std::cout << std::left << std::setw(16) << p.table << std::setw(28) << p.partition
              << std::setw(10) << (p.month.empty() ? "早期 early" : p.month) << std::right
              << std::setw(14) << p.estimated_rows << std::setw(14) << std::fixed
              << std::setprecision(1) << static_cast<double>(p.bytes) / (1024.0 * 1024.0)
              << (p.archived ? "  已归档 archived" : "") << "\n";
  }
  return 0;
}

}  // namespace minqing::cli
