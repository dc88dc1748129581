// regions: the region tree's levels and its import from the statistical division codes
// (统计用区划代码).
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "app/id_node_lease.hpp"
#include "app/services.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "domain/codes.hpp"
#include "domain/errors.hpp"
#include "formats/table.hpp"

namespace minqing::cli {
namespace po = boost::program_options;

namespace {

constexpr const char* kUsage =
    "用法 Usage:\n"
    "  minqing regions import --db URL FILE.xlsx|FILE.csv [--dry-run] [--root CODE]\n"
    "      导入区划树：列为 区划代码（12位；组、网格为村代码加3位）、名称，可选 层级、上级代码\n"
    "      import a region tree: code (12 digits; groups 15), name, optional level, parent code\n"
    "  minqing regions levels --db URL [--set 市,区,街道,社区,网格] [--set-en City,...]\n"
    "      查看或修改区域层级名称 / show or set the level names\n";

void PrintLevels(const domain::RegionLevels& levels) {
  for (const auto& l : levels.levels) {
    std::cout << "  " << domain::RegionLevelCode(l.level) << "\t" << l.name << "\t" << l.name_en
              << "\n";
  }
}

int RunRegionImport(const Args& args) {
  po::options_description options("minqing regions import");
  options.add_options()("db", po::value<std::string>()->default_value(DefaultDatabaseUrl()),
                        "数据库 / database")("file", po::value<std::string>()->required(),
                                             "区划文件 .csv 或 .xlsx / file")(
      "dry-run", "只校验不写入 / validate only, write nothing")(
      "root", po::value<std::string>()->default_value(""),
      "只导入此代码及其下级 / only this code's subtree");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  if (!ParseOptions(args, options, vm, kUsage, &positional)) return 0;
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  const app::Actor actor = app::SystemActor(Now(), domain::Channel::kImport);
  services.regions.RequireImport(actor);
  formats::Table table = formats::ReadTable(vm["file"].as<std::string>());
  app::RegionImportOptions import_options;
  import_options.dry_run = vm.count("dry-run") > 0;
  import_options.root_code = vm["root"].as<std::string>();
  app::RegionImportReport report = services.regions.Import(actor, table, import_options);
  for (const auto& p : report.problems) {
    std::cout << "第 " << p.row << " 行";
    if (!p.column.empty()) std::cout << "【" << p.column << "】";
    std::cout << "：" << p.reason << "\n";
  }
  std::printf(
      "共 %lld 行，有错误 %lld 行，不在 --root 下跳过 %lld 行 / rows %lld, invalid %lld, "
      "skipped %lld\n",
      static_cast<long long>(report.rows), static_cast<long long>(report.invalid_rows),
      static_cast<long long>(report.skipped), static_cast<long long>(report.rows),
      static_cast<long long>(report.invalid_rows), static_cast<long long>(report.skipped));
  if (report.invalid_rows > 0) {
    std::cout << "有错误，未导入任何数据 / nothing imported because of the problems above\n";
    return 1;
  }
  std::printf("%s：新建 %lld，改名 %lld，不变 %lld / created %lld, renamed %lld, unchanged %lld\n",
              report.written ? "已导入 imported" : "试运行，未写入 dry run",
              static_cast<long long>(report.created), static_cast<long long>(report.renamed),
              static_cast<long long>(report.unchanged), static_cast<long long>(report.created),
              static_cast<long long>(report.renamed), static_cast<long long>(report.unchanged));
  return 0;
}

int RunRegionLevels(const Args& args) {
  po::options_description options("minqing regions levels");
  options.add_options()("db", po::value<std::string>()->default_value(DefaultDatabaseUrl()),
                        "数据库 / database")("set", po::value<std::string>(),
                                             "层级名称，自上而下 / level names, top first")(
      "set-en", po::value<std::string>()->default_value(""), "英文名称 / English names");
  po::variables_map vm;
  if (!ParseOptions(args, options, vm, kUsage)) return 0;
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  if (vm.count("set")) {
    PrintLevels(services.regions.SetLevels(app::SystemActor(Now()), vm["set"].as<std::string>(),
                                           vm["set-en"].as<std::string>()));
    std::cout << "已保存 / saved\n";
    return 0;
  }
  PrintLevels(services.regions.Levels());
  return 0;
}

}  // namespace

int RunRegions(const Args& args) {
  if (args.empty() || (args[0] != "import" && args[0] != "levels")) {
    std::cout << kUsage;
    return args.empty() || (args[0] != "--help" && args[0] != "-h") ? 2 : 0;
  }
  Args rest(args.begin() + 1, args.end());
  return args[0] == "import" ? RunRegionImport(rest) : RunRegionLevels(rest);
}

}  // namespace minqing::cli
