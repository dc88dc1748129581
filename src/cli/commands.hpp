// The `minqing` subcommands. Each takes the arguments after its own name, prints its own
// --help, and returns the process exit code. Errors derived from domain::Error propagate to
// main(), which prints one clear line on stderr and exits non-zero.
#pragma once

#include <string>
#include <vector>

namespace minqing::cli {

using Args = std::vector<std::string>;

int RunServe(const Args& args);       // minqing serve --db URL [--port N] [--web DIR] ...
int RunInit(const Args& args);        // minqing init --db URL --admin-password P
int RunDemo(const Args& args);        // minqing demo --db URL [--seed N] [--serve] ...
int RunUser(const Args& args);        // minqing user add --db URL --username U --role R ...
int RunAccounts(const Args& args);    // minqing accounts import|letters|deactivate|reassign ...
int RunImport(const Args& args);      // minqing import --db URL FILE [--dry-run] [--skip-invalid]
int RunExport(const Args& args);      // minqing export --db URL FILE [--region CODE]
int RunBackup(const Args& args);      // minqing backup --db URL DEST
int RunEscalate(const Args& args);    // minqing escalate --db URL [--now "2026-10-10 09:00"]
int RunCalendar(const Args& args);    // minqing calendar import --db URL FILE.csv
int RunNetwork(const Args& args);     // minqing network build --db URL [--apply]
int RunParty(const Args& args);       // minqing party import|export --db URL FILE ...
int RunVerify(const Args& args);      // minqing verify --db URL [--start-chain]
int RunDoctor(const Args& args);      // minqing doctor --db URL [--web DIR] [--backup-dir DIR]
int RunRegions(const Args& args);     // minqing regions import|levels --db URL ...
int RunReport(const Args& args);      // minqing report monthly --db URL [--month YYYY-MM] ...
int RunPartitions(const Args& args);  // minqing partitions --db URL [--ahead N]

// The default database when --db is not given: ./minqing.db.
std::string DefaultDatabaseUrl();

// The built web UI: `requested` (--web), then MINQING_WEB_ROOT, then web/dist next to the source
// tree or the binary; empty when none has an index.html.
std::string FindWebRoot(const std::string& requested);

}  // namespace minqing::cli
