#include "cli/import_report.hpp"

#include <cstdio>
#include <iostream>

#include "domain/errors.hpp"

namespace minqing::cli {

app::ImportMode ImportModeOption(const boost::program_options::variables_map& vm) {
  if (vm.count("dry-run") && vm.count("skip-invalid")) {
    throw domain::InvalidInput("cli.bad_arguments",
                               "--dry-run 与 --skip-invalid 不能同时使用 / choose one");
  }
  return vm.count("dry-run")        ? app::ImportMode::kDryRun
         : vm.count("skip-invalid") ? app::ImportMode::kSkipInvalid
                                    : app::ImportMode::kAllOrNothing;
}

void PrintProblemsTabbed(const std::vector<app::RosterProblem>& problems) {
  std::cout << "行\t列\t原因\n";
  for (std::size_t i = 0; i < problems.size() && i < kProblemsShown; ++i) {
    const auto& p = problems[i];
    std::cout << p.row << "\t" << p.column << "\t" << p.reason << "\n";
  }
  if (problems.size() > kProblemsShown) {
    std::cout << "…… 另有 " << problems.size() - kProblemsShown << " 个问题未显示\n";
  }
}

void PrintRowCount(std::int64_t rows, std::int64_t invalid_rows) {
  std::printf("共 %lld 行，其中有错误 %lld 行 / rows: %lld, invalid: %lld\n",
              static_cast<long long>(rows), static_cast<long long>(invalid_rows),
              static_cast<long long>(rows), static_cast<long long>(invalid_rows));
}

int FinishImport(bool written, app::ImportMode mode, std::int64_t invalid_rows, const char* refused,
                 const char* unchanged) {
  if (written) return 0;
  if (mode == app::ImportMode::kDryRun) {
    std::cout << "试运行，未写入任何数据 / dry run: nothing written\n";
    return invalid_rows > 0 ? 1 : 0;
  }
  if (invalid_rows > 0) {
    std::cout << refused;
    return 1;
  }
  if (unchanged != nullptr) std::cout << unchanged;
  return 0;
}

}  // namespace minqing::cli
