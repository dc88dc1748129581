// The leader's dashboard (RatesService::GetDashboard) as the matters table grows: a temporary
// SQLite database holds the demo county (regions, households, units, logins), a small category
// catalogue with routing rules per township, then N matters spread over the last 365 days with
// one "accepted" event each and the three-rate counter cells they produce, booked through the
// matter state machine (domain::Apply) as the use cases book them. The database grows
// from one N to the next (matters are only added), so the list runs in ascending order.
// For each N it prints the median of 20 GetDashboard calls (admin actor, county scope) for a
// 30-day and a 365-day window, the ratio to the smallest N, and the median time of the overdue
// list alone (ListMatters with due_before and without_total, as the dashboard reads it: the one
// part that reads matters rather than counters).
//
// Shortcuts, for speed: no full-text index rows (the dashboard never searches), deadlines are
// accepted_at + 7 days rather than working days, matter numbers come from an in-memory per-day
// counter (serials from 100001). Status mix as in the demo: about 25% of the last 60 days' matters
// and 1% of older ones stay open and overdue (about 5% overall); the rest are closed and rated.
//
// Usage: dashboard_bench [N list, default 20,1000000,10000000] [--keep]   (progress on stderr)
//        dashboard_bench --db PATH   measures a database kept by --keep again, without generating
//                                    (opening it applies any newer migrations first).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/actor.hpp"
#include "app/services.hpp"
#include "demo/demo_county.hpp"
#include "domain/ids.hpp"
#include "domain/matter_state_machine.hpp"
#include "domain/work_calendar.hpp"

namespace {

using minqing::domain::DayNumber;
using minqing::domain::Epoch;
using minqing::domain::Id;
namespace app = minqing::app;
namespace demo = minqing::demo;
namespace domain = minqing::domain;

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

std::vector<std::int64_t> ParseList(const std::string& s) {
  std::vector<std::int64_t> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(std::stoll(item));
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct CellKey {
  int dim;
  Id key;
  Id key2;
  DayNumber day;
  bool operator==(const CellKey&) const = default;
};
struct CellHash {
  std::size_t operator()(const CellKey& k) const {
    std::size_t h = std::hash<std::int64_t>()(k.key) * 31 + std::hash<std::int64_t>()(k.key2);
    return h * 1000003 + static_cast<std::size_t>(k.day) * 8 + static_cast<std::size_t>(k.dim);
  }
};

struct Place {
  Id household_id;
  Id region_id;
  std::string region_path;
  std::string address;
  std::string head_name;
  Id township_id;
};

class Generator {
 public:
  Generator(app::Services& services, Epoch now) : services_(services), now_(now) {
    auto tx = services_.store->Begin();
    auto& repo = tx->Matters();
    auto townships = tx->Registry().ListRegionsUnder("", domain::RegionLevel::kTownship);
    auto units = tx->Registry().ListUnits();
    std::unordered_map<std::string, Id> township_by_path;
    for (const auto& t : townships) township_by_path[t.path] = t.id;
    for (std::int64_t offset = 0;;) {
      auto page =
          tx->Registry().ListHouseholds({}, {offset, 10000, ""}).items;  // Pages are capped.
      for (const auto& h : page) {
        std::string tp = domain::TownshipPath(h.region_path, 0);
        places_.push_back({h.id, h.region_id, h.region_path, h.address, h.head_name,
                           township_by_path.count(tp) ? township_by_path[tp] : 0});
      }
      if (page.empty()) break;
      offset += static_cast<std::int64_t>(page.size());
    }
    if (auto u = tx->Accounts().FindUserByUsername("clerk")) clerk_ = u->id;
    // Twelve categories; each township routes category c to its (c mod k)-th unit.
    for (int c = 0; c < 12; ++c) {
      domain::MatterCategory cat;
      cat.id = domain::NewId();
      cat.name = "基准分类" + std::to_string(c + 1);
      cat.keywords = "基准";
      cat.completion_days = 5;
      cat.response_hours = 4;
      repo.InsertCategory(cat);
      categories_.push_back(cat.id);
    }
    for (const auto& t : townships) {
      std::vector<Id> local;
      for (const auto& u : units) {
        if (u.region_id == t.id) local.push_back(u.id);
      }
      if (local.empty()) continue;
      for (std::size_t c = 0; c < categories_.size(); ++c) {
        domain::RoutingRule rule;
        rule.id = domain::NewId();
        rule.category_id = categories_[c];
        rule.region_path = t.path;
        rule.unit_id = local[c % local.size()];
        repo.InsertRoutingRule(rule);
        unit_of_[t.id * 16 + static_cast<Id>(c)] = rule.unit_id;
      }
    }
    tx->Commit();
    std::cerr << "county: " << places_.size() << " households, " << townships.size()
              << " townships, " << unit_of_.size() << " routing rules\n";
  }

  // Adds `count` matters, committing every `batch`.
  void Add(std::int64_t count) {
    constexpr std::int64_t kBatch = 200000;
    DayNumber today = domain::ChinaDay(now_);
    auto started = Clock::now();
    for (std::int64_t done = 0; done < count;) {
      std::int64_t n = std::min(kBatch, count - done);
      auto tx = services_.store->Begin();
      auto& repo = tx->Matters();
      for (std::int64_t i = 0; i < n; ++i) AddOne(repo, today);
      tx->Commit();
      done += n;
      double s = Ms(Clock::now() - started) / 1000;
      std::cerr << "  matters +" << done << "/" << count << " (" << static_cast<int>(done / s)
                << "/s)\n";
    }
    std::vector<app::StatsDelta> deltas;
    deltas.reserve(cells_.size());
    for (auto& [k, counters] : cells_) {
      app::StatsDelta d;
      d.dimension = domain::StatsDimensionCode(static_cast<domain::StatsDimension>(k.dim));
      d.key = k.key;
      d.key2 = k.key2;
      d.day = k.day;
      d.counters = counters;
      auto path = paths_.find(k);
      if (path != paths_.end()) d.path = path->second;
      deltas.push_back(std::move(d));
    }
    auto tx = services_.store->Begin();
    tx->Matters().AddStats(deltas);
    tx->Commit();
    std::cerr << "  stats cells added: " << deltas.size() << "\n";
    cells_.clear();
    paths_.clear();
  }

 private:
  // Books the counters of one step and moves the matter to its new state.
  void Apply(domain::Matter& m, const domain::MatterCommand& command, Epoch at) {
    domain::Transition t = domain::Apply(m, command, at, 0);  // A county-rooted tree.
    if (t.refusal) throw std::logic_error("dashboard_bench: " + t.refusal->code);
    for (const auto& d : t.counters) {
      CellKey k{static_cast<int>(d.dimension), d.key, d.key2, d.day};
      cells_[k] += d.counters;
      if (!d.path.empty() && !paths_.count(k)) paths_.emplace(k, d.path);
    }
    m = std::move(t.matter);
  }

  void AddOne(app::MatterRepository& repo, DayNumber today) {
    const Place& p = places_[rng_() % places_.size()];
    std::size_t c = rng_() % categories_.size();
    DayNumber day = today - static_cast<DayNumber>(rng_() % 365);
    Epoch accepted =
        domain::ChinaDayStart(day) + 8 * 3600 + static_cast<Epoch>(rng_() % (9 * 3600));
    if (accepted > now_) accepted = now_ - 60;
    auto unit_it = unit_of_.find(p.township_id * 16 + static_cast<Id>(c));

    domain::Matter m;
    m.id = domain::NewId();
    m.type = static_cast<domain::MatterType>(1 + rng_() % 5);
    m.category_id = categories_[c];
    m.channel = static_cast<domain::MatterChannel>(1 + rng_() % 7);
    m.urgency = domain::Urgency::kNormal;
    m.household_id = p.household_id;
    m.caller_name = p.head_name;
    m.caller_phone = "1380000" + std::to_string(1000 + rng_() % 9000);
    m.region_id = p.region_id;
    m.region_path = p.region_path;
    m.title = "村口路灯坏了好几盏";
    m.content = "村口路灯坏了好几盏，晚上出行不便";
    m.address = p.address;
    m.accepted_by = clerk_;
    m.accepted_at = accepted;
    char token[33];
    std::snprintf(token, sizeof token, "%016llx%016llx", static_cast<unsigned long long>(rng_()),
                  static_cast<unsigned long long>(rng_()));
    m.public_token = token;
    // Six-digit serials from 100001 never meet the five-digit ones the demo county's own
    // matters (raised by its visits) already use.
    m.number = domain::MatterNumber(domain::FormatDate(day), 100000 + ++serials_[day]);
    m.response_due_at = accepted + 4 * 3600;
    m.due_at = accepted + 7 * 86400;
    // Accepted and dispatched at once to the township's unit for the category.
    Apply(m, domain::AcceptCommand(clerk_, false, ""), accepted);
    if (unit_it != unit_of_.end()) {
      Apply(m, domain::DispatchCommand(clerk_, unit_it->second, "", std::nullopt, ""), accepted);
    }
    Epoch responded = accepted + 3600;
    Epoch age = now_ - accepted;
    bool stuck = (rng_() % 10000) < (age < 60 * 86400 ? 2500u : 100u);
    if (responded < now_) Apply(m, domain::UnitAcceptCommand(0), responded);
    if (stuck || age < 3 * 86400) {
      m.status = domain::MatterStatus::kInProgress;  // Also when accepted less than an hour ago.
      if (m.due_at < now_) Apply(m, domain::EscalateCommand(1, "乡镇"), m.due_at + 60);
      m.updated_at = responded < now_ ? responded : accepted;
    } else {
      Apply(m, domain::ReplyCommand(0, "经核实已处理"), accepted + 2 * 86400);
      const int rating = 4 + static_cast<int>(rng_() % 2);
      Apply(m, domain::ConfirmCommand(0, true, rating, "", "sms_code"),
            accepted + 3 * 86400 - 3600);
      m.updated_at = *m.closed_at;
    }
    repo.InsertMatter(m);
    domain::MatterEvent e;
    e.id = domain::NewId();
    e.matter_id = m.id;
    e.kind = domain::MatterEventKind::kAccepted;
    e.at = accepted;
    e.user_name = "窗口";
    e.text = "受理";
    repo.InsertEvent(e);
  }

  app::Services& services_;
  Epoch now_;
  std::mt19937_64 rng_{20250101};
  std::vector<Place> places_;
  std::vector<Id> categories_;
  std::unordered_map<Id, Id> unit_of_;  // township id * 16 + category index → unit
  std::unordered_map<DayNumber, std::int64_t> serials_;
  std::unordered_map<CellKey, domain::RateCounters, CellHash> cells_;
  std::unordered_map<CellKey, std::string, CellHash> paths_;
  Id clerk_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::string list = "20,1000000,10000000";
  bool keep = false;
  std::string existing;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--keep") {
      keep = true;
    } else if (a == "--db" && i + 1 < argc) {
      existing = argv[++i];
      list = "0";
    } else {
      list = a;
    }
  }
  std::vector<std::int64_t> sizes = ParseList(list);
  constexpr int kRuns = 20;

  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() /
             ("minqing-dashboard-bench-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::path db = existing;
  if (existing.empty()) {
    std::filesystem::create_directories(dir);
    db = dir / "bench.db";
  }
  std::cerr << "database: " << db << "\n";
  int rc = 0;
  try {
    Epoch now = static_cast<Epoch>(std::time(nullptr));
    DayNumber today = domain::ChinaDay(now);
    auto t0 = Clock::now();
    app::Services services(app::OpenStore(db.string()));
    std::cerr << "opened (migrations applied): " << static_cast<int>(Ms(Clock::now() - t0))
              << " ms\n";
    std::optional<Generator> gen;
    if (existing.empty()) {
      t0 = Clock::now();
      demo::LoadDemoCounty(services, 42, now);
      std::cerr << "demo county: " << static_cast<int>(Ms(Clock::now() - t0)) << " ms\n";
      gen.emplace(services, now);
    }
    app::Actor admin = app::SystemActor(now, domain::Channel::kApi);

    std::int64_t have = 0;
    double base[2] = {0, 0};
    for (std::int64_t n : sizes) {
      auto g0 = Clock::now();
      if (gen) {
        gen->Add(n - have);
      } else {
        n = services.store->BeginRead()->Matters().ListMatters({}, {0, 1, ""}).total;
      }
      have = n;
      double gen_s = Ms(Clock::now() - g0) / 1000;
      auto bytes = std::filesystem::file_size(db);
      std::cerr << "N=" << n << " generated in " << gen_s << " s, database " << bytes / (1 << 20)
                << " MiB (+ WAL)\n";
      std::int64_t overdue_total = 0;
      double overdue_ms = 0;
      {
        std::vector<double> times;
        for (int r = 0; r < kRuns + 2; ++r) {
          auto s = Clock::now();
          auto tx = services.store->BeginRead();
          app::MatterFilter f;
          f.due_before = now;
          f.without_total = true;  // As the dashboard reads it: the first 20, no count.
          auto page = tx->Matters().ListMatters(f, {0, 20, "due_at"});
          if (r >= 2) times.push_back(Ms(Clock::now() - s));
        }
        overdue_ms = Median(times);
        auto tx = services.store->BeginRead();
        app::MatterFilter f;
        f.due_before = now;
        overdue_total = tx->Matters().ListMatters(f, {0, 1, "due_at"}).total;
      }
      for (int w = 0; w < 2; ++w) {
        int days = w == 0 ? 30 : 365;
        app::PeriodQuery period;
        period.from = domain::FormatDate(today - (days - 1));
        period.to = domain::FormatDate(today);
        std::vector<double> times;
        std::int64_t received = 0;
        for (int r = 0; r < kRuns + 2; ++r) {  // Two warm-up calls.
          auto s = Clock::now();
          app::Dashboard d = services.rates.GetDashboard(admin, period);
          received = d.totals.received;
          if (r >= 2) times.push_back(Ms(Clock::now() - s));
        }
        double ms = Median(times);
        if (base[w] == 0) base[w] = ms;
        std::printf(
            "dashboard N=%lld window=%dd ms=%.2f ratio_vs_N%lld=%.2f received=%lld "
            "overdue_list_ms=%.2f overdue_total=%lld\n",
            static_cast<long long>(n), days, ms, static_cast<long long>(sizes.front()),
            ms / base[w], static_cast<long long>(received), overdue_ms,
            static_cast<long long>(overdue_total));
        std::fflush(stdout);
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "dashboard_bench: " << e.what() << "\n";
    rc = 1;
  }
  if (keep && existing.empty()) {
    std::cerr << "kept " << dir << "\n";
  } else if (existing.empty()) {
    std::filesystem::remove_all(dir);
  }
  return rc;
}
