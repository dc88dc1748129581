#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "domain/errors.hpp"

namespace {

void PrintUsage() {
  std::cout << "minqing — 民情 · 联系服务群众平台\n\n"
               "用法 Usage: minqing <command> [options]\n\n"
               "  serve    启动服务 / run the web server and API\n"
               "  init     初始化数据库并创建管理员 / create the schema and an admin\n"
               "  demo     生成演示县数据 / generate the demo county\n"
               "  user     用户管理 / user administration (user add ...)\n"
               "  accounts 批量账号：导入、激活通知书、停用、调整 / accounts in bulk\n"
               "  import   导入户籍花名册 CSV/XLSX / import a household roster\n"
               "  export   导出户籍花名册 / export the household roster\n"
               "  backup   在线备份 / consistent backup while serving\n"
               "  escalate 逾期升级与回访任务 / escalate overdue matters (idempotent)\n"
               "  calendar 节假日表导入 / calendar import FILE.csv\n"
               "  network  党员联系户自动编排 / network build [--apply]\n"
               "  party    党员花名册导入导出 / party import|export FILE\n"
               "  verify   校验防篡改记录 / verify the audit chain [--start-chain]\n"
               "  regions  区划树导入与层级名称 / regions import FILE, regions levels\n"
               "  report   月度通报 / report monthly --month YYYY-MM [--pdf F --xlsx F]\n"
               "  doctor   检查部署并说明如何修复 / check a deployment and say what to fix\n"
               "  partitions 按月分区（PostgreSQL）/ month partitions on PostgreSQL\n\n"
               "每个命令都支持 --help。Every command takes --help.\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace minqing;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    PrintUsage();
    return args.empty() ? 2 : 0;
  }
  std::string command = args[0];
  cli::Args rest(args.begin() + 1, args.end());
  try {
    if (command == "serve") return cli::RunServe(rest);
    if (command == "init") return cli::RunInit(rest);
    if (command == "demo") return cli::RunDemo(rest);
    if (command == "user") return cli::RunUser(rest);
    if (command == "accounts") return cli::RunAccounts(rest);
    if (command == "import") return cli::RunImport(rest);
    if (command == "export") return cli::RunExport(rest);
    if (command == "backup") return cli::RunBackup(rest);
    if (command == "escalate") return cli::RunEscalate(rest);
    if (command == "calendar") return cli::RunCalendar(rest);
    if (command == "network") return cli::RunNetwork(rest);
    if (command == "party") return cli::RunParty(rest);
    if (command == "verify") return cli::RunVerify(rest);
    if (command == "doctor") return cli::RunDoctor(rest);
    if (command == "regions") return cli::RunRegions(rest);
    if (command == "report") return cli::RunReport(rest);
    if (command == "partitions") return cli::RunPartitions(rest);
    std::cerr << "minqing: 未知命令 unknown command '" << command << "'\n";
    PrintUsage();
    return 2;
  } catch (const domain::InvalidInput& e) {
    std::cerr << "minqing: " << e.what() << " [" << e.code() << "]\n";
    for (const auto& p : e.problems()) {
      std::cerr << "  " << p.field << ": " << p.message << "\n";
    }
    return 1;
  } catch (const domain::Error& e) {
    std::cerr << "minqing: " << e.what() << " [" << e.code() << "]\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "minqing: " << e.what() << "\n";
    return 1;
  }
}
