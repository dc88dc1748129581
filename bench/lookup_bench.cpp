// The registry's one-box look-up (RegistryService::ListHouseholds with a query, first page of 20,
// as the household list and the window desk call it) on a copy of a demo county, per query class:
// Chinese name, one character, pinyin, initials, phone, ID-card number, address. Each query runs
// `rounds` times after one warm-up call, as the county administrator (the widest scope) and as
// the window clerk (one township); the bench prints p50/p95 per class and actor. Its baseline is
// the smallest call there is on the same path, the first page of the list with no query.
// Besides the wall time it prints the thread CPU time (SQLite runs the query in the calling
// thread), which does not grow when other processes share the cores. A demo database made by an
// older binary gets its look-up table built first (storage::HouseholdLookupIndex, untimed).
//
// Usage: lookup_bench DEMO_DB [rounds=20]
//        (DEMO_DB: made by `minqing demo --db FILE`; it is copied, never written; or the
//        postgresql:// URL of a demo county, used as it is: on PostgreSQL the server does the
//        work, so the CPU columns are the client's only)
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/services.hpp"
#include "storage/lookup_index.hpp"
#include "storage/migrator.hpp"
#include "storage/sql_store.hpp"

namespace {

namespace app = minqing::app;
namespace domain = minqing::domain;
namespace storage = minqing::storage;
using Clock = std::chrono::steady_clock;

domain::Epoch Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct QueryClass {
  const char* name;
  std::vector<std::string> queries;
};

double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0;
  auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: lookup_bench DEMO_DB [rounds=20]\n";
    return 2;
  }
  const int rounds = argc > 2 ? std::stoi(argv[2]) : 20;
  auto dir =
      std::filesystem::temp_directory_path() / ("minqing-lookup-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string db_path = argv[1];
  if (!db_path.starts_with("postgresql://")) {
    db_path = (dir / "bench.db").string();
    std::filesystem::copy_file(argv[1], db_path);
  }

  int status = 0;
  {
    auto db = storage::OpenDatabase(db_path);
    storage::Migrate(*db, Now());
    storage::RebuildIndexIfStale(*db, storage::HouseholdLookupIndex());
    app::Services services(std::make_unique<storage::SqlStore>(std::move(db)));
    struct Who {
      const char* name;
      app::Actor actor;
    };
    std::vector<Who> actors;
    for (const char* user : {"admin", "clerk"}) {
      auto login = services.auth.Login(user, "demo123456", "127.0.0.1", Now());
      actors.push_back({user, app::Actor{login.user, domain::Channel::kWeb, Now()}});
    }
    // Values present in the demo county of seed 1 (and shapes that are, whatever the seed).
    const std::vector<QueryClass> classes = {
        {"baseline (no query)", {""}},
        {"Chinese name", {"刘凯", "王秀英", "张伟", "韩彩素", "李博辉"}},
        {"one character", {"刘", "王", "张", "韩", "凯"}},
        {"pinyin", {"liukai", "wangxiuying", "zhang", "hanzijie", "li"}},
        {"initials", {"lk", "wxy", "zw", "hzj", "lbh"}},
        {"phone", {"15942564613", "1594256", "4613", "177063", "13"}},
        {"ID-card number", {"131124199402057913", "131124199402", "057913", "13112420", "1311"}},
        {"address", {"小石楼村", "饶阳镇小桃集村", "四组470号", "470号", "村"}},
    };
    std::printf("%-22s %-6s %8s %8s %8s %8s %8s %10s\n", "class", "actor", "p50 ms", "p95 ms",
                "max ms", "cpu p50", "cpu p95", "rows(avg)");
    for (const auto& who : actors) {
      for (const auto& c : classes) {
        std::vector<double> ms;
        std::vector<double> cpu;
        std::int64_t rows = 0;
        for (const auto& q : c.queries) {
          app::HouseholdQuery query;
          query.lookup = q;
          services.registry.ListHouseholds(who.actor, query, {0, 20, ""});
          for (int i = 0; i < rounds; ++i) {
            auto start = Clock::now();
            const double cpu0 = ThreadCpuMs();
            auto page = services.registry.ListHouseholds(who.actor, query, {0, 20, ""});
            cpu.push_back(ThreadCpuMs() - cpu0);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
            rows += page.total;
          }
        }
        std::printf("%-22s %-6s %8.2f %8.2f %8.2f %8.2f %8.2f %10lld\n", c.name, who.name,
                    Percentile(ms, 0.5), Percentile(ms, 0.95), Percentile(ms, 1.0),
                    Percentile(cpu, 0.5), Percentile(cpu, 0.95),
                    static_cast<long long>(rows / static_cast<std::int64_t>(ms.size())));
      }
    }
  }
  std::filesystem::remove_all(dir);
  return status;
}
