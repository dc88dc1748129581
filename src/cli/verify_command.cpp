// minqing verify: recomputes the tamper-evident record (the audit chain, the published daily
// heads and the matter/visit cross-checks) and, with --start-chain, starts it on an older
// database. Exit codes: 0 intact, 1 tampered (the first problem is printed), 3 never chained.
#include <boost/program_options.hpp>
#include <iostream>

#include "app/services.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace minqing::cli {
namespace po = boost::program_options;

namespace {

constexpr int kTampered = 1;
constexpr int kNeverChained = 3;

std::string ShortHash(const std::string& hash) { return hash.substr(0, 16); }

}  // namespace

int RunVerify(const Args& args) {
  po::options_description options("minqing verify");
  options.add_options()("db", po::value<std::string>()->default_value(DefaultDatabaseUrl()),
                        "数据库 / database")(
      "start-chain", "从现在起建立审计链（旧数据库）/ start the chain from now (older database)");
  po::variables_map vm;
  if (!ParseOptions(args, options, vm,
                    "校验防篡改记录 / verify the tamper-evident record: minqing verify --db URL "
                    "[--start-chain]\n退出码 exit code: 0 完好 intact, 1 被篡改 tampered, "
                    "3 未建链 never chained")) {
    return 0;
  }
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  if (vm.count("start-chain") > 0) {
    auto tx = services.store->Begin();
    bool was_started = tx->AuditChainHead().started_at.has_value();
    std::int64_t sealed = tx->StartAuditChain(Now());
    tx->Commit();
    std::cout << (was_started ? "审计链已存在 / chain already started"
                              : "审计链已从现在开始 / chain started from now")
              << "; 补记办结与走访确认 sealed closures and confirmations: " << sealed << "\n";
  }
  domain::ChainReport r = services.store->BeginRead()->VerifyAuditChain();
  if (!r.started) {
    std::cout << "此数据库从未建立审计链（创建于审计链之前），现有审计记录 " << r.pre_chain_entries
              << " 条未受保护。\n"
              << "This database was never chained (it was created before the chain); its "
              << r.pre_chain_entries << " audit rows are not covered.\n"
              << "从现在起建立 / start it from now: minqing verify --db "
              << vm["db"].as<std::string>() << " --start-chain\n";
    return kNeverChained;
  }
  if (!r.intact) {
    std::cout << "审计链被篡改 / TAMPERED: " << r.problem;
    if (r.problem_entry_id) std::cout << " [entry id " << *r.problem_entry_id << "]";
    if (r.problem_seq) std::cout << " [position " << *r.problem_seq << "]";
    std::cout << "\n";
    return kTampered;
  }
  std::cout << "审计链完好 / chain intact: " << r.entries << " entries, head #" << r.head.seq << " "
            << ShortHash(r.head.hash) << "…; cross-checked " << r.matters_checked << " matters and "
            << r.visits_checked << " visits; " << r.published_checked << " published heads match; "
            << r.pre_chain_entries << " rows older than the chain, " << r.uncovered_closures
            << " closures from before it (not covered)\n";
  return 0;
}

}  // namespace minqing::cli
