// The `minqing` subcommands. Each takes the arguments after its own name, prints its own
// --help, and returns the process exit code. Errors derived from domain::Error propagate to
// main(), which prints one clear line on stderr and exits non-zero.
#pragma once

#include <string>
#include <vector>

namespace minqing::cli {

using Args = std::vector<std::string>;

int RunServe(const Args& args);     // minqing serve --db URL [--port N] [--web DIR] ...
int RunInit(const Args& args);      // minqing init --db URL --admin-password P
int RunDemo(const Args& args);      // minqing demo --db URL [--seed N] [--serve] ...
int RunUser(const Args& args);      // minqing user add --db URL --username U --role R ...
int RunImport(const Args& args);    // minqing import --db URL FILE [--dry-run] [--skip-invalid]
int RunExport(const Args& args);    // minqing export --db URL FILE [--region CODE]
int RunBackup(const Args& args);    // minqing backup --db URL DEST
int RunEscalate(const Args& args);  // minqing escalate --db URL [--now "2026-10-10 09:00"]
int RunCalendar(const Args& args);  // minqing calendar import --db URL FILE.csv
int RunNetwork(const Args& args);   // minqing network build --db URL [--apply]
int RunVerify(const Args& args);    // minqing verify --db URL [--start-chain]

// The default database when --db is not given: ./minqing.db.
std::string DefaultDatabaseUrl();

}  // namespace minqing::cli
