// Durable intake without HTTP: N client threads call IntakeService::Accept (the group-committed
// path the API uses) on a copy of a demo database for a fixed time, as the window clerk, and the
// bench prints matters per second. Its baseline, measured in the same run on the same file, is
// the smallest durable write there is: N threads submitting jobs that each bump one counter row
// through an IntakeBatcher of their own (one transaction per batch, synchronous=FULL). The ratio
// says how much of the commit floor the full intake keeps (matter row and indexes, event, audit
// entry, counter cells, search text).
//
// Throughput on a shared machine varies by ±15% from run to run, so the bench also prints what
// one matter costs, which varies far less: process CPU time and bytes written to the database
// files (WAL and checkpoints, from /proc/self/io). A change to the write path (for example the
// audit chain) is judged by these beside the ratio.
//
// Usage: matter_intake_bench DEMO_DB [threads=32] [seconds=5]
//        (DEMO_DB: made by `minqing demo --db FILE`; it is copied, never written)
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "app/actor.hpp"
#include "app/intake_batcher.hpp"
#include "app/services.hpp"
#include "domain/ids.hpp"
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

// Process CPU time (user + system) in microseconds.
double CpuMicros() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto micros = [](const timeval& t) { return t.tv_sec * 1e6 + static_cast<double>(t.tv_usec); };
  return micros(usage.ru_utime) + micros(usage.ru_stime);
}

// Bytes this process has written through write calls ("wchar" in /proc/self/io).
double BytesWritten() {
  std::ifstream io("/proc/self/io");
  std::string key;
  double value = 0;
  while (io >> key >> value) {
    if (key == "wchar:") return value;
  }
  return 0;
}

struct Result {
  double per_second = 0;
  std::uint64_t done = 0;
};

template <typename Call>
Result Drive(int threads, double seconds, Call call) {
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0};
  std::vector<std::jthread> clients;
  auto start = Clock::now();
  for (int t = 0; t < threads; ++t) {
    clients.emplace_back([&, t] {
      std::uint64_t mine = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        call(t, mine);
        ++mine;
      }
      done.fetch_add(mine);
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  clients.clear();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  return {static_cast<double>(done.load()) / elapsed, done.load()};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: matter_intake_bench DEMO_DB [threads=32] [seconds=5]\n";
    return 2;
  }
  const int threads = argc > 2 ? std::stoi(argv[2]) : 32;
  const double seconds = argc > 3 ? std::stod(argv[3]) : 5;
  auto dir =
      std::filesystem::temp_directory_path() / ("minqing-intake-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto db_path = (dir / "bench.db").string();
  std::filesystem::copy_file(argv[1], db_path);

  auto db = storage::OpenDatabase(db_path);
  storage::Migrate(*db, Now());
  app::Services services(std::make_unique<storage::SqlStore>(std::move(db)));
  auto login = services.auth.Login("clerk", "demo123456", "127.0.0.1", Now());
  app::Actor clerk{login.user, domain::Channel::kWeb, Now()};
  auto households = services.registry.ListHouseholds(clerk, {}, {0, 1, ""});
  if (households.items.empty()) {
    std::cerr << "no households in " << argv[1] << '\n';
    return 1;
  }
  const auto& household = households.items.front();
  std::optional<domain::Id> category;
  for (const auto& c : services.catalogue.ListCategories(clerk)) {
    if (c.name == "道路交通") category = c.id;
  }
  app::MatterInput input;
  input.type = "report";
  input.category_id = category;
  input.channel = "window";
  input.household_id = household.id;
  input.title = "村口路灯坏了";
  input.content = "村口路灯坏了好几盏，晚上出行不便，请尽快维修";
  input.address = household.address;

  app::IntakeBatcher floor_batcher(*services.store, {});
  auto floor = Drive(threads, seconds, [&](int, std::uint64_t) {
    floor_batcher.Submit([](app::StoreTx& tx) -> std::shared_ptr<void> {
      tx.Matters().NextMatterSerial(0);  // Day 0 (1970-01-01): no real matter is numbered there.
      return nullptr;
    });
  });
  std::printf("commit_floor: threads=%d writes_per_second=%.0f commits=%llu\n", threads,
              floor.per_second, static_cast<unsigned long long>(floor_batcher.commits()));

  const double cpu_before = CpuMicros();
  const double bytes_before = BytesWritten();
  auto accept = Drive(threads, seconds, [&](int, std::uint64_t) {
    app::Actor actor = clerk;
    actor.now = Now();
    services.intake.Accept(actor, input);
  });
  std::printf("accept: threads=%d matters_per_second=%.0f matters=%llu\n", threads,
              accept.per_second, static_cast<unsigned long long>(accept.done));
  const double matters = std::max<double>(1, static_cast<double>(accept.done));
  std::printf("accept cost: cpu_us_per_matter=%.0f bytes_written_per_matter=%.0f\n",
              (CpuMicros() - cpu_before) / matters, (BytesWritten() - bytes_before) / matters);
  std::printf("accept ratio=%.2f (durable intake / commit floor, same file and threads)\n",
              accept.per_second / floor.per_second);

  std::filesystem::remove_all(dir);
  return 0;
}
