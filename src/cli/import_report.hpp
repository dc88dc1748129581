// What the sheet-import commands (minqing import, party import, accounts import) share around
// their app service's import: the mode that --dry-run and --skip-invalid ask for, the problem
// list on screen (at most kProblemsShown rows), the row count, and the last line with the exit
// code. Each command keeps its own summary of what it wrote and its own wording where it differs.
// Thread-safety: not relevant (the CLI's main thread only).
#pragma once

#include <boost/program_options.hpp>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "app/roster.hpp"

namespace minqing::cli {

// How many problems an import prints; the rest are counted, or saved with --report.
inline constexpr std::size_t kProblemsShown = 200;

// kDryRun for --dry-run, kSkipInvalid for --skip-invalid, else kAllOrNothing. Throws
// InvalidInput "cli.bad_arguments" when both are given.
app::ImportMode ImportModeOption(const boost::program_options::variables_map& vm);

// A 行/列/原因 header line and the first kProblemsShown problems, tab-separated; then a line
// saying how many are not shown.
void PrintProblemsTabbed(const std::vector<app::RosterProblem>& problems);

// "共 N 行，其中有错误 M 行 / rows: N, invalid: M".
void PrintRowCount(std::int64_t rows, std::int64_t invalid_rows);

// The exit code of an import, after its last line when nothing was written: 0 once written; a
// dry run says so and fails when a row is invalid; when invalid rows stopped the import, prints
// `refused` and fails; else prints `unchanged` (when not null) and succeeds.
int FinishImport(bool written, app::ImportMode mode, std::int64_t invalid_rows, const char* refused,
                 const char* unchanged);

}  // namespace minqing::cli
