// minqing party import|export: the party roster (党员花名册) in and out, as the browser's
// 党员管理 → 导入/导出党员花名册 does. See app/party_roster.hpp for the columns and the rules.
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "app/id_node_lease.hpp"
#include "app/party_roster.hpp"
#include "app/services.hpp"
#include "cli/commands.hpp"
#include "cli/import_report.hpp"
#include "cli/options.hpp"
#include "domain/errors.hpp"
#include "formats/table.hpp"

namespace minqing::cli {
namespace po = boost::program_options;

namespace {

int RunPartyImport(const Args& args) {
  po::options_description options("minqing party import");
  AddDbOption(options);
  options.add_options()("file", po::value<std::string>()->required(),
                        "党员花名册 .csv 或 .xlsx / party roster file")(
      "dry-run", "只校验不写入 / validate only, write nothing")(
      "skip-invalid", "跳过有错误的行，导入其余 / import the valid rows, skip the others");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  std::string usage =
      "导入党员花名册：每行一名党员，列为 / import a party roster, one member per row:\n  ";
  for (const auto& column : app::PartyRosterColumns()) usage += column + " ";
  usage +=
      "\n党员须已在户籍登记中（先导入户籍花名册）/ members must be registry residents first.\n"
      "默认任何一行有错则全部不导入 / by default nothing is imported if any row is invalid.\n"
      "用法 usage: minqing party import --db minqing.db 党员花名册.xlsx [--dry-run] "
      "[--skip-invalid]";
  if (!ParseOptions(args, options, vm, usage.c_str(), &positional)) return 0;
  const app::ImportMode mode = ImportModeOption(vm);
  formats::Table table = formats::ReadTable(vm["file"].as<std::string>());
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  app::PartyImportReport report =
      services.party_roster.Import(app::SystemActor(Now(), domain::Channel::kImport), table, mode);
  if (!report.problems.empty()) {
    std::cout << "发现 " << report.problems.size() << " 个问题，涉及 " << report.invalid_rows
              << " 行 / problems found:\n";
    PrintProblemsTabbed(report.problems);
    std::cout << "\n";
  }
  PrintRowCount(report.rows, report.invalid_rows);
  std::printf(
      "%s：新建党组织 %lld，新党员 %lld，更新党员 %lld，设组长 %lld，更新电话 %lld；跳过的行 "
      "%lld\n",
      report.written ? "已导入 imported" : "可导入 importable",
      static_cast<long long>(report.orgs_created), static_cast<long long>(report.members_created),
      static_cast<long long>(report.members_updated), static_cast<long long>(report.leaders_set),
      static_cast<long long>(report.phones_updated), static_cast<long long>(report.rows_skipped));
  return FinishImport(report.written, mode, report.invalid_rows,
                      "有错误，未导入任何数据。修正后重试，或用 --skip-invalid 导入其余的行。\n"
                      "Nothing imported because of the problems above; fix them or use "
                      "--skip-invalid.\n",
                      "没有需要写入的变化 / nothing to change\n");
}

int RunPartyExport(const Args& args) {
  po::options_description options("minqing party export");
  AddDbOption(options);
  options.add_options()("file", po::value<std::string>()->required(),
                        "输出文件 .csv 或 .xlsx / output file");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  if (!ParseOptions(args, options, vm,
                    "导出党员花名册（含完整身份证号，操作会记入审计日志；可再导入）/ export the "
                    "party roster (full ID-card numbers; audited; re-importable)\n用法 usage: "
                    "minqing party export --db minqing.db 党员花名册.xlsx",
                    &positional)) {
    return 0;
  }
  const std::string file = vm["file"].as<std::string>();
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  formats::Table table =
      services.party_roster.Export(app::SystemActor(Now(), domain::Channel::kCli));
  formats::WriteTable(file, table);
  std::size_t members = 0;
  for (const auto& row : table.rows) members += row[1].empty() ? 0 : 1;
  std::printf("已导出 exported %zu 名党员 members → %s\n", members, file.c_str());
  return 0;
}

}  // namespace

int RunParty(const Args& args) {
  if (!args.empty() && args[0] == "import")
    return RunPartyImport(Args(args.begin() + 1, args.end()));
  if (!args.empty() && args[0] == "export")
    return RunPartyExport(Args(args.begin() + 1, args.end()));
  std::cout << "用法 usage:\n"
               "  minqing party import --db URL 党员花名册.xlsx [--dry-run] [--skip-invalid]\n"
               "  minqing party export --db URL 党员花名册.xlsx\n";
  const bool help = !args.empty() && (args[0] == "--help" || args[0] == "-h");
  return help ? 0 : 2;
}

}  // namespace minqing::cli
