// demo, import and export: the commands that move data in and out in bulk.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>

#include "app/id_node_lease.hpp"
#include "app/roster.hpp"
#include "app/services.hpp"
#include "cli/commands.hpp"
#include "cli/import_report.hpp"
#include "cli/options.hpp"
#include "demo/demo_county.hpp"
#include "domain/errors.hpp"
#include "formats/table.hpp"

namespace minqing::cli {
namespace po = boost::program_options;

namespace {

// Terminal columns of UTF-8 text: CJK characters take two.
std::size_t DisplayWidth(std::string_view text) {
  std::size_t width = 0;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      ++width;
    } else if ((byte & 0xC0) != 0x80) {
      width += 2;
    }
  }
  return width;
}

std::string Pad(const std::string& text, std::size_t width) {
  std::size_t w = DisplayWidth(text);
  return text + std::string(w < width ? width - w : 0, ' ');
}

// A progress bar on a terminal; a line every tenth otherwise (logs, CI).
class Progress {
 public:
  Progress() : tty_(isatty(STDERR_FILENO) == 1) {}
  void Update(std::int64_t done, std::int64_t total) {
    if (total <= 0) return;
    int percent = static_cast<int>(done * 100 / total);
    if (tty_) {
      constexpr int kWidth = 30;
      int filled = percent * kWidth / 100;
      std::fprintf(stderr, "\r校验 checking [%s%s] %3d%% %lld/%lld 行",
                   std::string(filled, '#').c_str(), std::string(kWidth - filled, ' ').c_str(),
                   percent, static_cast<long long>(done), static_cast<long long>(total));
      if (done >= total) std::fputc('\n', stderr);
      std::fflush(stderr);
    } else if (percent / 10 > last_tenth_ || done >= total) {
      last_tenth_ = percent / 10;
      std::fprintf(stderr, "校验 checking: %lld/%lld 行 (%d%%)\n", static_cast<long long>(done),
                   static_cast<long long>(total), percent);
    }
  }

 private:
  bool tty_;
  int last_tenth_ = 0;
};

// The first few changes of each kind, as the browser's preview lists them.
void PrintChanges(const app::RosterChanges& changes) {
  constexpr std::size_t kShown = 20;
  auto print = [](const char* title, const std::vector<app::RosterChange>& list) {
    if (list.empty()) return;
    std::cout << title << "\n";
    for (std::size_t i = 0; i < list.size() && i < kShown; ++i) {
      const auto& c = list[i];
      std::cout << "  " << c.household_number << " " << c.name;
      for (const auto& f : c.changes) {
        std::cout << "  " << f.column << "：" << f.before << " → " << f.after;
      }
      std::cout << "\n";
    }
    if (list.size() > kShown) std::cout << "  ……\n";
  };
  print("变更的户 households changed:", changes.households_changed);
  print("变更的居民 residents changed:", changes.residents_changed);
  print("迁出的居民 residents moved out:", changes.residents_moved_out);
}

void PrintProblems(const std::vector<app::RosterProblem>& problems) {
  std::size_t shown = std::min(problems.size(), kProblemsShown);
  std::size_t column_width = DisplayWidth("列");
  for (std::size_t i = 0; i < shown; ++i) {
    column_width = std::max(column_width, DisplayWidth(problems[i].column));
  }
  std::cout << Pad("行", 8) << Pad("列", column_width + 2) << "原因\n";
  std::cout << std::string(8 + column_width + 2 + 20, '-') << "\n";
  for (std::size_t i = 0; i < shown; ++i) {
    std::cout << Pad(std::to_string(problems[i].row), 8)
              << Pad(problems[i].column, column_width + 2) << problems[i].reason << "\n";
  }
  if (problems.size() > shown) {
    std::cout << "…… 另有 " << problems.size() - shown
              << " 个问题未显示，用 --report 文件.csv 保存全部 / use --report to save all\n";
  }
}

}  // namespace

int RunDemo(const Args& args) {
  po::options_description options("minqing demo");
  AddDbOption(options);
  options.add_options()("seed", po::value<std::uint64_t>()->default_value(1),
                        "随机种子，相同种子生成相同的县 / seed: same seed, same county")(
      "serve", "生成后启动服务 / run the server afterwards")(
      "port", po::value<int>()->default_value(8080), "--serve 的端口 / port for --serve");
  po::variables_map vm;
  if (!ParseOptions(
          args, options, vm,
          "生成演示县（饶阳县规模：约 5.6 万户、18 万人、9 千党员）并创建演示账号\n"
          "Generate the demo county (Raoyang-sized) and demo logins; the database must have no "
          "households.\n用法 usage: minqing demo --db minqing.db [--seed N] [--serve]",
          nullptr)) {
    return 0;
  }
  const std::string db = vm["db"].as<std::string>();
  bool serve = vm.count("serve") > 0;
  {
    app::Services services(app::OpenStore(db));
    const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
    auto existing = services.store->BeginRead()->Registry().CountUnder("").households;
    if (existing > 0 && !serve) {
      std::cerr << "minqing: 数据库 " << db << " 已有 " << existing
                << " 户数据，演示数据只能载入空数据库。请换一个 --db 文件。\n"
                << "The database already has households; use a new --db file.\n";
      return 1;
    }
    if (existing > 0) {
      std::cout << "数据库已有数据，跳过生成 / database not empty, skipping generation\n";
    } else {
      auto started = std::chrono::steady_clock::now();
      demo::DemoSummary s = demo::LoadDemoCounty(services, vm["seed"].as<std::uint64_t>(), Now());
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const domain::RegionLevels levels = services.regions.Levels();
      std::printf(
          "演示县已生成 demo county loaded in %.1f s (%s):\n"
          "  %s %lld  %s %lld  %s %lld\n  户 %lld  居民 %lld\n"
          "  党组织 %lld  党员 %lld\n  单位 %lld  工作人员 %lld\n\n",
          seconds, services.store->Engine().c_str(),
          levels.Name(domain::RegionLevel::kTownship).c_str(), static_cast<long long>(s.townships),
          levels.Name(domain::RegionLevel::kVillage).c_str(), static_cast<long long>(s.villages),
          levels.Name(domain::RegionLevel::kGroup).c_str(), static_cast<long long>(s.groups),
          static_cast<long long>(s.households), static_cast<long long>(s.residents),
          static_cast<long long>(s.party_orgs), static_cast<long long>(s.party_members),
          static_cast<long long>(s.units), static_cast<long long>(s.staff));
      std::cout << "演示账号 demo logins（密码 password: " << demo::kDemoPassword << "）\n";
      for (const auto& login : s.logins) {
        std::cout << "  " << Pad(login.username, 11) << Pad(login.role, 18) << login.description
                  << "\n";
      }
      for (const auto& name : s.skipped_logins) {
        std::cout << "  " << Pad(name, 11) << "已存在，未修改 / already existed, kept\n";
      }
      std::cout.flush();
    }
  }
  if (serve) return RunServe({"--db", db, "--port", std::to_string(vm["port"].as<int>())});
  return 0;
}

int RunImport(const Args& args) {
  po::options_description options("minqing import");
  AddDbOption(options);
  options.add_options()("file", po::value<std::string>()->required(),
                        "花名册文件 .csv 或 .xlsx / roster file")(
      "dry-run", "只校验不写入 / validate only, write nothing")(
      "skip-invalid", "跳过有错误的户，导入其余 / import the valid households, skip the others")(
      "report", po::value<std::string>(),
      "把问题清单写入 .csv 或 .xlsx / write the problems to this file");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  std::string usage =
      "导入户籍花名册：每行一名居民，列为 / import a household roster, one resident per row:\n  ";
  for (const auto& column : app::RosterColumns()) usage += column + " ";
  usage +=
      "\n默认任何一行有错则全部不导入 / by default nothing is imported if any row is invalid.\n"
      "用法 usage: minqing import --db minqing.db 花名册.xlsx [--dry-run] [--skip-invalid] "
      "[--report 问题.csv]";
  if (!ParseOptions(args, options, vm, usage.c_str(), &positional)) return 0;
  app::ImportOptions import_options;
  import_options.mode = ImportModeOption(vm);
  import_options.sole_user = true;

  const std::string file = vm["file"].as<std::string>();
  // Streamed, twice (check, then write): memory does not grow with the file, so no size cap.
  if (!std::ifstream(file, std::ios::binary)) {
    throw domain::InvalidInput("file.unreadable", "文件无法读取：" + file);
  }
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  app::RosterService& roster = services.roster;
  Progress progress;
  import_options.progress = [&](std::int64_t done, std::int64_t total) {
    progress.Update(done, total);
  };
  auto started = std::chrono::steady_clock::now();
  app::ImportReport report = roster.Import(
      app::SystemActor(Now(), domain::Channel::kImport),
      [&file] { return formats::OpenTable(file, formats::StreamingLimits()); }, import_options);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (!report.problems.empty()) {
    std::cout << "\n发现 " << report.problems.size() << " 个问题，涉及 " << report.invalid_rows
              << " 行 / problems found:\n";
    PrintProblems(report.problems);
    if (vm.count("report")) {
      formats::Table problems;
      problems.header = {"行", "列", "原因"};
      for (const auto& p : report.problems) {
        problems.rows.push_back({std::to_string(p.row), p.column, p.reason});
      }
      formats::WriteTable(vm["report"].as<std::string>(), problems);
      std::cout << "问题清单已写入 report written to " << vm["report"].as<std::string>() << "\n";
    }
    std::cout << "\n";
  }
  PrintRowCount(report.rows, report.invalid_rows);
  const char* verb = report.written ? "已导入 imported" : "可导入 importable";
  std::printf("%s：新户 %lld，追加居民的已有户 %lld，居民 %lld；跳过的户 %lld（%.1f s）\n", verb,
              static_cast<long long>(report.households_created),
              static_cast<long long>(report.households_extended),
              static_cast<long long>(report.residents_created),
              static_cast<long long>(report.households_skipped), seconds);
  if (report.bulk_loaded) {
    std::printf("首次装载：索引在写完后一次建立 bulk load: indexes built once at the end\n");
  }
  if (report.households_changed + report.residents_changed + report.residents_moved_out > 0) {
    std::printf("更新 updated：户 %lld，居民 %lld；迁出 moved out %lld\n",
                static_cast<long long>(report.households_changed),
                static_cast<long long>(report.residents_changed),
                static_cast<long long>(report.residents_moved_out));
    PrintChanges(report.changes);
  }
  return FinishImport(report.written, import_options.mode, report.invalid_rows,
                      "有错误，未导入任何数据。修正后重试，或用 --skip-invalid 导入其余的户。\n"
                      "Nothing imported because of the problems above; fix them or use "
                      "--skip-invalid.\n",
                      "文件中没有可导入的数据 / nothing to import\n");
}

int RunExport(const Args& args) {
  po::options_description options("minqing export");
  AddDbOption(options);
  options.add_options()("file", po::value<std::string>()->required(),
                        "输出文件 .csv 或 .xlsx / output file")(
      "region", po::value<std::string>()->default_value(""),
      "只导出此区域（12 位代码）/ only this region (statistical code)");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  if (!ParseOptions(
          args, options, vm,
          "导出户籍花名册（含完整身份证号，操作会记入审计日志）/ export the household roster "
          "(full ID-card numbers; audited)\n用法 usage: minqing export --db minqing.db "
          "花名册.xlsx [--region 131124100201]",
          &positional)) {
    return 0;
  }
  const std::string file = vm["file"].as<std::string>();
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  app::RosterService& roster = services.roster;
  auto started = std::chrono::steady_clock::now();
  formats::Table table =
      roster.Export(app::SystemActor(Now(), domain::Channel::kCli), vm["region"].as<std::string>());
  formats::WriteTable(file, table);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::set<std::string> households;
  std::int64_t residents = 0;
  for (const auto& row : table.rows) {
    households.insert(row[0]);
    residents += row[4].empty() ? 0 : 1;
  }
  std::printf("已导出 exported %zu 户 households, %lld 人 residents → %s (%.1f s)\n",
              households.size(), static_cast<long long>(residents), file.c_str(), seconds);
  return 0;
}

}  // namespace minqing::cli
