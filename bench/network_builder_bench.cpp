// The 1+10 contact-network builder on generated counties, village by village:
//   1. Raoyang's size (~200 villages, ~56,000 households, ~9,200 members; target < 1 s), with
//      the solver and pruning variants, a re-run (stability) and a repair after departures;
//   2. a county of 2,000,000 households of the same shape (target < 60 s).
// Each prints ratios against baselines measured in the same run on the same villages: computing
// every member x household distance once, and a greedy nearest-member assignment (whose cost
// gap to the optimum is printed too). (CostScaling was measured here too, 3.3x slower than
// NetworkSimplex, and dropped: see contact_network_builder.cpp.) Single-threaded; villages are
// generated on the fly and generation is not timed.
//
// Usage: network_builder_bench [--county-only]
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <numbers>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/contact_network_builder.hpp"

namespace {

using minqing::domain::BuildNetwork;
using minqing::domain::Id;
using minqing::domain::NetworkCarer;
using minqing::domain::NetworkInput;
using minqing::domain::NetworkLink;
using minqing::domain::NetworkLinkKind;
using minqing::domain::NetworkOptions;
using minqing::domain::NetworkPlace;
using minqing::domain::NetworkPlan;
using minqing::domain::NetworkWard;
using minqing::domain::RepairNetwork;

constexpr double kMetresPerDegree = 111195.0;
// Raoyang: 56,000 households, ~9,200 rural members over ~200 villages.
constexpr double kMembersPerHousehold = 9200.0 / 56000.0;
constexpr double kUnableShare = 0.10;
constexpr double kNoCoordinatesShare = 0.08;
constexpr double kPinnedShare = 0.02;

using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// A village of 120–440 households in 4–8 groups (clusters about 150 m across, up to 1 km from
// the village centre), members living among them, 10% of members unable, 8% of households
// without coordinates (group and house number only) and 2% pinned by the organisation.
NetworkInput MakeVillage(std::uint64_t seed, Id* next_id) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::normal_distribution<double> scatter(0, 150);
  const double centre_lat = 38.0 + unit(rng) * 0.5;
  const double centre_lng = 115.5 + unit(rng) * 0.5;
  const double metres_per_degree_lng =
      kMetresPerDegree * std::cos(centre_lat * std::numbers::pi / 180);
  const int households = 120 + static_cast<int>(unit(rng) * 320);
  const int groups = 4 + static_cast<int>(unit(rng) * 5);
  std::vector<std::pair<double, double>> group_centres;
  group_centres.reserve(groups);
  for (int g = 0; g < groups; ++g) {
    group_centres.emplace_back((unit(rng) - 0.5) * 2000, (unit(rng) - 0.5) * 2000);
  }
  NetworkInput input;
  std::vector<int> house_numbers(groups, 0);
  for (int h = 0; h < households; ++h) {
    const int g = static_cast<int>(unit(rng) * groups);
    NetworkPlace place;
    place.group = std::to_string(g + 1) + "组";
    place.house_number = ++house_numbers[g];
    if (unit(rng) >= kNoCoordinatesShare) {
      place.lat = centre_lat + (group_centres[g].first + scatter(rng)) / kMetresPerDegree;
      place.lng = centre_lng + (group_centres[g].second + scatter(rng)) / metres_per_degree_lng;
    }
    input.wards.push_back({(*next_id)++, std::move(place)});
  }
  const int members = std::max(1, static_cast<int>(std::lround(households * kMembersPerHousehold)));
  for (int m = 0; m < members; ++m) {
    const NetworkWard& home = input.wards[static_cast<std::size_t>(unit(rng) * households)];
    // Able members take 5–10 households (a per-region setting in the product).
    const std::int64_t capacity =
        unit(rng) < kUnableShare ? 0 : 5 + static_cast<int>(unit(rng) * 6);
    input.carers.push_back({(*next_id)++, capacity, home.place});
  }
  for (const NetworkWard& ward : input.wards) {
    if (unit(rng) >= kPinnedShare) continue;
    const NetworkCarer& carer = input.carers[static_cast<std::size_t>(unit(rng) * members)];
    if (carer.capacity > 0)
      input.existing.push_back({carer.id, ward.id, NetworkLinkKind::kPinned, 0});
  }
  return input;
}

// The baselines' distances: the builder's formula (haversine, or the group/house-number proxy)
// on places prepared once per village, so the baselines pay no per-call set-up.
struct Point {
  bool has_coords = false;
  double lat = 0;
  double lng = 0;
  double cos_lat = 1;
  int group = -1;
  bool has_number = false;
  std::int64_t number = 0;
};

Point Prepare(const NetworkPlace& place, std::unordered_map<std::string, int>& groups) {
  Point p;
  if (place.lat && place.lng) {
    p.has_coords = true;
    p.lat = *place.lat * std::numbers::pi / 180;
    p.lng = *place.lng * std::numbers::pi / 180;
    p.cos_lat = std::cos(p.lat);
  }
  if (!place.group.empty()) {
    p.group = groups.try_emplace(place.group, static_cast<int>(groups.size())).first->second;
  }
  if (place.house_number) {
    p.has_number = true;
    p.number = *place.house_number;
  }
  return p;
}

std::int64_t Distance(const Point& a, const Point& b) {
  if (a.has_coords && b.has_coords) {
    const double s_lat = std::sin((b.lat - a.lat) / 2);
    const double s_lng = std::sin((b.lng - a.lng) / 2);
    const double h = s_lat * s_lat + a.cos_lat * b.cos_lat * s_lng * s_lng;
    return std::llround(2 * 6371008.8 * std::asin(std::sqrt(std::min(1.0, h))));
  }
  const std::int64_t steps =
      a.has_number && b.has_number ? 10 * std::abs(a.number - b.number) : 200;
  return a.group >= 0 && a.group == b.group ? steps : 2000 + steps;
}

struct Prepared {
  std::vector<Point> carers;
  std::vector<Point> wards;
};

Prepared PrepareVillage(const NetworkInput& input) {
  Prepared prepared;
  std::unordered_map<std::string, int> groups;
  for (const NetworkCarer& carer : input.carers)
    prepared.carers.push_back(Prepare(carer.place, groups));
  for (const NetworkWard& ward : input.wards) prepared.wards.push_back(Prepare(ward.place, groups));
  return prepared;
}

// Greedy baseline: households in order, each to the nearest member with room left.
struct GreedyResult {
  std::int64_t covered = 0;
  std::int64_t cost = 0;
};

GreedyResult Greedy(const NetworkInput& input) {
  const Prepared points = PrepareVillage(input);
  GreedyResult result;
  std::vector<std::int64_t> room;
  for (const NetworkCarer& carer : input.carers) room.push_back(carer.capacity);
  std::vector<char> pinned(input.wards.size(), 0);
  // Ids are dense and ascending within a generated village, so a pin maps to indices directly.
  const Id first_ward = input.wards.front().id;
  const Id first_carer = input.carers.front().id;
  for (const NetworkLink& link : input.existing) {
    const auto c = static_cast<std::size_t>(link.carer_id - first_carer);
    const auto w = static_cast<std::size_t>(link.ward_id - first_ward);
    --room[c];
    pinned[w] = 1;
    ++result.covered;
    result.cost += Distance(points.carers[c], points.wards[w]);
  }
  for (std::size_t w = 0; w < input.wards.size(); ++w) {
    if (pinned[w]) continue;
    std::int64_t best = -1;
    std::int64_t best_distance = 0;
    for (std::size_t c = 0; c < input.carers.size(); ++c) {
      if (room[c] <= 0) continue;
      const std::int64_t d = Distance(points.carers[c], points.wards[w]);
      if (best < 0 || d < best_distance) {
        best = static_cast<std::int64_t>(c);
        best_distance = d;
      }
    }
    if (best < 0) continue;
    --room[best];
    ++result.covered;
    result.cost += best_distance;
  }
  return result;
}

// Baseline: every member x household distance once, the floor of any exact method.
std::int64_t AllDistances(const NetworkInput& input) {
  const Prepared points = PrepareVillage(input);
  std::int64_t sum = 0;
  for (const Point& ward : points.wards) {
    for (const Point& carer : points.carers) sum += Distance(carer, ward);
  }
  return sum;
}

struct Totals {
  std::int64_t villages = 0;
  std::int64_t households = 0;
  std::int64_t members = 0;
  std::int64_t able_members = 0;
  std::int64_t covered = 0;
  std::int64_t members_involved = 0;
  std::int64_t cost = 0;
  std::int64_t arcs = 0;
  std::int64_t pricing_rounds = 0;
  double seconds = 0;
};

void Add(Totals& totals, const NetworkInput& input, const NetworkPlan& plan, double seconds) {
  ++totals.villages;
  totals.households += static_cast<std::int64_t>(input.wards.size());
  totals.members += static_cast<std::int64_t>(input.carers.size());
  for (const NetworkCarer& carer : input.carers) totals.able_members += carer.capacity > 0;
  totals.covered += static_cast<std::int64_t>(input.wards.size() - plan.uncovered.size());
  for (const auto& load : plan.loads) totals.members_involved += load.load > 0;
  totals.cost += plan.total_distance_m;
  totals.arcs += plan.stats.candidate_arcs;
  totals.pricing_rounds += plan.stats.pricing_rounds;
  totals.seconds += seconds;
}

template <typename F>
double Time(F&& f) {
  const auto start = Clock::now();
  f();
  return Seconds(Clock::now() - start);
}

void RunCounty(const char* name, std::int64_t target_households, bool variants) {
  NetworkOptions full_options;
  full_options.all_arcs_up_to = std::int64_t{1} << 40;

  Totals built;
  Totals full;
  double rerun_seconds = 0;
  double repair_seconds = 0;
  std::int64_t rerun_changes = 0;
  std::int64_t repair_added = 0;
  std::int64_t repair_removed = 0;
  double distance_seconds = 0;
  double greedy_seconds = 0;
  std::int64_t greedy_covered = 0;
  std::int64_t greedy_cost = 0;
  std::int64_t sink = 0;
  Id next_id = 1;
  std::uint64_t seed = 20240601;
  std::int64_t households = 0;
  while (households < target_households) {
    const NetworkInput village = MakeVillage(seed++, &next_id);
    households += static_cast<std::int64_t>(village.wards.size());
    NetworkPlan plan;
    // Time() runs before Add() reads `plan`: arguments are evaluated before the call.
    Add(built, village, plan, Time([&] { plan = BuildNetwork(village); }));
    distance_seconds += Time([&] { sink += AllDistances(village); });
    GreedyResult greedy;
    greedy_seconds += Time([&] { greedy = Greedy(village); });
    greedy_covered += greedy.covered;
    greedy_cost += greedy.cost;
    if (!variants) continue;

    NetworkPlan other;
    Add(full, village, other, Time([&] { other = BuildNetwork(village, full_options); }));

    NetworkInput again = village;
    again.existing = plan.links;
    rerun_seconds += Time([&] { other = BuildNetwork(again); });
    rerun_changes += static_cast<std::int64_t>(other.diff.added.size() + other.diff.removed.size());

    // About 3% of members leave (die, move away, become unable) between two runs.
    std::vector<Id> departed;
    for (std::size_t c = 0; c < village.carers.size(); c += 33)
      departed.push_back(village.carers[c].id);
    repair_seconds += Time([&] { other = RepairNetwork(again, departed); });
    repair_added += static_cast<std::int64_t>(other.diff.added.size());
    repair_removed += static_cast<std::int64_t>(other.diff.removed.size());
  }

  std::printf("== %s: villages=%lld households=%lld members=%lld able=%lld\n", name,
              static_cast<long long>(built.villages), static_cast<long long>(built.households),
              static_cast<long long>(built.members), static_cast<long long>(built.able_members));
  std::printf(
      "builder (NetworkSimplex, pruned k=10): %.3f s  covered=%lld (%.1f%%)  "
      "members_involved=%lld (%.1f%% of all members)  arcs=%lld  pricing_rounds=%lld  "
      "total_distance=%lld m\n",
      built.seconds, static_cast<long long>(built.covered),
      100.0 * static_cast<double>(built.covered) / static_cast<double>(built.households),
      static_cast<long long>(built.members_involved),
      100.0 * static_cast<double>(built.members_involved) / static_cast<double>(built.members),
      static_cast<long long>(built.arcs), static_cast<long long>(built.pricing_rounds),
      static_cast<long long>(built.cost));
  std::printf("baseline all distances: %.3f s  ratio=%.2f (builder / distances)\n",
              distance_seconds, built.seconds / distance_seconds);
  std::printf(
      "baseline greedy nearest: %.3f s  ratio=%.2f (builder / greedy)  covered=%lld  "
      "cost_gap=%+.1f%% (greedy distance vs optimal)  coverage_gap=%lld households\n",
      greedy_seconds, built.seconds / greedy_seconds, static_cast<long long>(greedy_covered),
      100.0 * static_cast<double>(greedy_cost - built.cost) / static_cast<double>(built.cost),
      static_cast<long long>(built.covered - greedy_covered));
  if (variants) {
    std::printf("variant all arcs: %.3f s  ratio=%.2f  arcs=%lld  same_cost=%s\n", full.seconds,
                full.seconds / built.seconds, static_cast<long long>(full.arcs),
                full.cost == built.cost ? "yes" : "NO");
    std::printf("re-run on its own result: %.3f s  links_changed=%lld\n", rerun_seconds,
                static_cast<long long>(rerun_changes));
    std::printf("repair after ~3%% of members left: %.3f s  removed=%lld added=%lld\n",
                repair_seconds, static_cast<long long>(repair_removed),
                static_cast<long long>(repair_added));
  }
  std::printf("(checksum %lld)\n", static_cast<long long>(sink % 1000));
}

}  // namespace

int main(int argc, char** argv) {
  const bool county_only = argc > 1 && std::strcmp(argv[1], "--county-only") == 0;
  RunCounty("Raoyang-size county (target < 1 s)", 56000, true);
  if (!county_only) RunCounty("2M-household county (target < 60 s)", 2'000'000, false);
  return 0;
}
