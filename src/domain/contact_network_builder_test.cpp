#include "domain/contact_network_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <random>
#include <set>
#include <utility>

#include "domain/errors.hpp"

namespace minqing::domain {
namespace {

// Raoyang county town; offsets in metres keep the cases readable.
constexpr double kBaseLat = 38.235;
constexpr double kBaseLng = 115.74;
constexpr double kMetresPerDegreeLat = 111195.0;

NetworkPlace At(double north_m, double east_m) {
  NetworkPlace place;
  place.lat = kBaseLat + north_m / kMetresPerDegreeLat;
  place.lng =
      kBaseLng + east_m / (kMetresPerDegreeLat * std::cos(kBaseLat * std::numbers::pi / 180));
  return place;
}

NetworkCarer Carer(Id id, std::int64_t capacity, NetworkPlace place) {
  return {id, capacity, std::move(place)};
}

NetworkWard Ward(Id id, NetworkPlace place) { return {id, std::move(place)}; }

NetworkLink Link(Id carer, Id ward, NetworkLinkKind kind = NetworkLinkKind::kBuilt) {
  return {carer, ward, kind, 0};
}

std::set<std::pair<Id, Id>> Pairs(const std::vector<NetworkLink>& links) {
  std::set<std::pair<Id, Id>> pairs;
  for (const NetworkLink& link : links) pairs.emplace(link.carer_id, link.ward_id);
  return pairs;
}

std::map<Id, Id> CarerOfWard(const NetworkPlan& plan) {
  std::map<Id, Id> carer_of;
  for (const NetworkLink& link : plan.links) carer_of[link.ward_id] = link.carer_id;
  return carer_of;
}

void ExpectWithinCapacity(const NetworkInput& input, const NetworkPlan& plan) {
  std::map<Id, std::int64_t> pinned;
  for (const NetworkLink& link : input.existing) {
    if (link.kind != NetworkLinkKind::kBuilt) ++pinned[link.carer_id];
  }
  for (const CarerLoad& load : plan.loads) {
    EXPECT_LE(load.load, std::max(load.capacity, pinned[load.carer_id])) << load.carer_id;
  }
}

TEST(NetworkDistanceTest, HaversineAndProxy) {
  EXPECT_EQ(NetworkDistanceMetres(At(0, 0), At(0, 0)), 0);
  EXPECT_NEAR(static_cast<double>(NetworkDistanceMetres(At(0, 0), At(1000, 0))), 1000.0, 1.0);
  NetworkPlace a{std::nullopt, std::nullopt, "3组", 12};
  NetworkPlace b{std::nullopt, std::nullopt, "3组", 17};
  NetworkPlace c{std::nullopt, std::nullopt, "4组", 17};
  NetworkPlace d{std::nullopt, std::nullopt, "3组", std::nullopt};
  NetworkPlace e{std::nullopt, std::nullopt, "", 12};
  EXPECT_EQ(NetworkDistanceMetres(a, b), 50);
  EXPECT_EQ(NetworkDistanceMetres(a, c), 2050);
  EXPECT_EQ(NetworkDistanceMetres(a, d), 200);
  EXPECT_EQ(NetworkDistanceMetres(e, e), 2000);  // Unknown groups are never the same group.
  NetworkPlace half = At(0, 0);
  half.group = "3组";
  half.house_number = 14;
  EXPECT_EQ(NetworkDistanceMetres(a, half), 20);  // Coordinates on one side only: proxy.
}

TEST(ContactNetworkBuilderTest, AssignsNearestWithinCapacity) {
  NetworkInput input;
  input.carers = {Carer(1, 2, At(0, 0)), Carer(2, 2, At(0, 1000))};
  input.wards = {Ward(10, At(0, 50)), Ward(11, At(0, 80)), Ward(12, At(0, 950)),
                 Ward(13, At(0, 120))};
  const NetworkPlan plan = BuildNetwork(input);
  const auto carer_of = CarerOfWard(plan);
  EXPECT_EQ(carer_of.at(10), 1);
  EXPECT_EQ(carer_of.at(11), 1);
  EXPECT_EQ(carer_of.at(12), 2);
  EXPECT_EQ(carer_of.at(13), 2);  // Carer 1 is full.
  EXPECT_TRUE(plan.uncovered.empty());
  EXPECT_EQ(plan.diff.added.size(), 4u);
  EXPECT_EQ(plan.loads[0].load, 2);
  EXPECT_EQ(plan.loads[1].load, 2);
  ExpectWithinCapacity(input, plan);
}

TEST(ContactNetworkBuilderTest, CapacityNeverExceededOnRandomVillages) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> where(0, 2000);
  std::uniform_int_distribution<int> capacity(0, 8);
  for (int round = 0; round < 20; ++round) {
    NetworkInput input;
    std::int64_t total_capacity = 0;
    for (int c = 0; c < 12; ++c) {
      input.carers.push_back(Carer(c + 1, capacity(rng), At(where(rng), where(rng))));
      total_capacity += input.carers.back().capacity;
    }
    for (int w = 0; w < 80; ++w) input.wards.push_back(Ward(100 + w, At(where(rng), where(rng))));
    NetworkOptions options;
    options.all_arcs_up_to = round % 2 == 0 ? 0 : 1'000'000;  // Pruned and full.
    const NetworkPlan plan = BuildNetwork(input, options);
    ExpectWithinCapacity(input, plan);
    EXPECT_EQ(static_cast<std::int64_t>(plan.links.size()),
              std::min<std::int64_t>(80, total_capacity));
    for (const UncoveredWard& ward : plan.uncovered) {
      EXPECT_EQ(ward.reason, UncoveredReason::kNoCapacityLeft);
    }
  }
}

TEST(ContactNetworkBuilderTest, PinsKeptEvenWhenFarOrOverCapacity) {
  NetworkInput input;
  input.carers = {Carer(1, 3, At(0, 0)), Carer(2, 1, At(5000, 0))};
  input.wards = {Ward(10, At(0, 10)), Ward(11, At(0, 20)), Ward(12, At(0, 30))};
  input.existing = {Link(2, 10, NetworkLinkKind::kPinned), Link(2, 11, NetworkLinkKind::kChosen)};
  NetworkOptions options;
  options.max_distance_m = 1000;
  const NetworkPlan plan = BuildNetwork(input, options);
  const auto carer_of = CarerOfWard(plan);
  EXPECT_EQ(carer_of.at(10), 2);
  EXPECT_EQ(carer_of.at(11), 2);
  EXPECT_EQ(carer_of.at(12), 1);
  EXPECT_EQ(plan.diff.kept.size(), 2u);
  EXPECT_EQ(plan.diff.added.size(), 1u);
  EXPECT_TRUE(plan.diff.removed.empty());
  for (const NetworkLink& link : plan.links) {
    const NetworkLinkKind expected = link.ward_id == 10   ? NetworkLinkKind::kPinned
                                     : link.ward_id == 11 ? NetworkLinkKind::kChosen
                                                          : NetworkLinkKind::kBuilt;
    EXPECT_EQ(link.kind, expected) << link.ward_id;
  }
  EXPECT_EQ(plan.loads[1].load, 2);  // Over its capacity of 1, by the organisation's choice.
}

TEST(ContactNetworkBuilderTest, UnableCarersGetNoNewLinks) {
  NetworkInput input;
  input.carers = {Carer(1, 0, At(0, 0)), Carer(2, 5, At(0, 800))};
  input.wards = {Ward(10, At(0, 10)), Ward(11, At(0, 20)), Ward(12, At(0, 30))};
  input.existing = {Link(1, 10, NetworkLinkKind::kPinned), Link(1, 11)};
  const NetworkPlan plan = BuildNetwork(input);
  const auto carer_of = CarerOfWard(plan);
  EXPECT_EQ(carer_of.at(10), 1);  // The pin stays until the organisation lifts it.
  EXPECT_EQ(carer_of.at(11), 2);  // The built link to the unable member moves.
  EXPECT_EQ(carer_of.at(12), 2);
  EXPECT_EQ(Pairs(plan.diff.removed), (std::set<std::pair<Id, Id>>{{1, 11}}));
}

TEST(ContactNetworkBuilderTest, UncoveredReasons) {
  NetworkInput nobody;
  nobody.wards = {Ward(10, At(0, 0))};
  NetworkPlan plan = BuildNetwork(nobody);
  ASSERT_EQ(plan.uncovered.size(), 1u);
  EXPECT_EQ(plan.uncovered[0].reason, UncoveredReason::kNoCarers);

  NetworkInput unable = nobody;
  unable.carers = {Carer(1, 0, At(0, 0)), Carer(2, 0, At(0, 0))};
  plan = BuildNetwork(unable);
  ASSERT_EQ(plan.uncovered.size(), 1u);
  EXPECT_EQ(plan.uncovered[0].reason, UncoveredReason::kAllCarersUnable);

  NetworkInput mixed;
  mixed.carers = {Carer(1, 1, At(0, 0)), Carer(2, 0, At(0, 5000))};
  mixed.wards = {Ward(10, At(0, 100)), Ward(11, At(0, 200)), Ward(12, At(0, 5000))};
  NetworkOptions options;
  options.max_distance_m = 1000;
  plan = BuildNetwork(mixed, options);
  EXPECT_EQ(plan.links.size(), 1u);
  EXPECT_EQ(CarerOfWard(plan).at(10), 1);
  ASSERT_EQ(plan.uncovered.size(), 2u);
  EXPECT_EQ(plan.uncovered[0].ward_id, 11);
  EXPECT_EQ(plan.uncovered[0].reason, UncoveredReason::kNoCapacityLeft);
  EXPECT_EQ(plan.uncovered[1].ward_id, 12);
  EXPECT_EQ(plan.uncovered[1].reason, UncoveredReason::kNoneWithinReach);
}

TEST(ContactNetworkBuilderTest, CoverageComesBeforeDistance) {
  // The cheapest single link (1->10, 100 m) would leave ward 11 uncovered, since only carer 1
  // reaches it; covering both (1->11, 2->10) costs far more but coverage wins.
  NetworkInput input;
  input.carers = {Carer(1, 1, At(0, 0)), Carer(2, 1, At(0, 3050))};
  input.wards = {Ward(10, At(0, 100)), Ward(11, At(0, -200))};
  NetworkOptions options;
  options.max_distance_m = 3100;
  const NetworkPlan plan = BuildNetwork(input, options);
  const auto carer_of = CarerOfWard(plan);
  EXPECT_EQ(carer_of.at(10), 2);
  EXPECT_EQ(carer_of.at(11), 1);
  EXPECT_TRUE(plan.uncovered.empty());
}

NetworkInput StabilityVillage(double rival_east_m) {
  NetworkInput input;
  input.carers = {Carer(1, 5, At(0, 300)), Carer(2, 5, At(0, rival_east_m))};
  input.wards = {Ward(10, At(0, 0))};
  input.existing = {Link(1, 10)};
  return input;
}

TEST(ContactNetworkBuilderTest, RerunOnUnchangedInputChangesNothing) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> where(0, 1500);
  NetworkInput input;
  for (int c = 0; c < 30; ++c)
    input.carers.push_back(Carer(c + 1, 1 + c % 7, At(where(rng), where(rng))));
  for (int w = 0; w < 150; ++w) input.wards.push_back(Ward(100 + w, At(where(rng), where(rng))));
  input.existing = {Link(3, 100, NetworkLinkKind::kPinned)};
  const NetworkPlan first = BuildNetwork(input);
  input.existing = first.links;
  const NetworkPlan second = BuildNetwork(input);
  EXPECT_EQ(Pairs(second.links), Pairs(first.links));
  EXPECT_TRUE(second.diff.added.empty());
  EXPECT_TRUE(second.diff.removed.empty());
  EXPECT_EQ(second.diff.kept.size(), first.links.size());
  EXPECT_EQ(second.total_distance_m, first.total_distance_m);
}

TEST(ContactNetworkBuilderTest, MovesOnlyForGainsAboveTheBonus) {
  // Gain 100 m < 150 m bonus: the link stays.
  NetworkPlan plan = BuildNetwork(StabilityVillage(200));
  EXPECT_EQ(CarerOfWard(plan).at(10), 1);
  EXPECT_EQ(plan.diff.kept.size(), 1u);
  // Gain 250 m > 150 m: the link moves.
  plan = BuildNetwork(StabilityVillage(50));
  EXPECT_EQ(CarerOfWard(plan).at(10), 2);
  EXPECT_EQ(Pairs(plan.diff.removed), (std::set<std::pair<Id, Id>>{{1, 10}}));
  EXPECT_EQ(Pairs(plan.diff.added), (std::set<std::pair<Id, Id>>{{2, 10}}));
  // Without a bonus even the small gain moves it.
  NetworkOptions options;
  options.stability_bonus_m = 0;
  plan = BuildNetwork(StabilityVillage(200), options);
  EXPECT_EQ(CarerOfWard(plan).at(10), 2);
}

TEST(ContactNetworkBuilderTest, RepairOnlyTouchesOrphanedWards) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> where(0, 1500);
  NetworkInput input;
  for (int c = 0; c < 10; ++c) input.carers.push_back(Carer(c + 1, 8, At(where(rng), where(rng))));
  for (int w = 0; w < 60; ++w) input.wards.push_back(Ward(100 + w, At(where(rng), where(rng))));
  const NetworkPlan first = BuildNetwork(input);
  ASSERT_TRUE(first.uncovered.empty());
  input.existing = first.links;
  // Carer 4 dies, carer 7's capacity drops to 2.
  input.carers[6].capacity = 2;
  const NetworkPlan repaired = RepairNetwork(input, {4});
  const auto before = CarerOfWard(first);
  const auto after = CarerOfWard(repaired);
  std::int64_t seven_before = 0;
  for (const auto& [ward, carer] : before) seven_before += carer == 7;
  ASSERT_GT(seven_before, 2);
  std::set<Id> orphaned;
  std::int64_t seven_kept = 0;
  for (const auto& [ward, carer] : before) {
    if (carer == 7 && after.at(ward) == 7) ++seven_kept;
    if (carer == 4 || (carer == 7 && after.at(ward) != 7)) {
      orphaned.insert(ward);
      continue;
    }
    EXPECT_EQ(after.at(ward), carer) << "ward " << ward << " moved although not orphaned";
  }
  EXPECT_EQ(seven_kept, 2);
  EXPECT_EQ(repaired.diff.removed.size(), orphaned.size());
  EXPECT_EQ(repaired.diff.added.size(), orphaned.size());
  for (const NetworkLink& link : repaired.diff.added) {
    EXPECT_TRUE(orphaned.count(link.ward_id)) << link.ward_id;
    EXPECT_NE(link.carer_id, 4);
    EXPECT_NE(link.carer_id, 7);
  }
  for (const NetworkLink& link : repaired.diff.removed)
    EXPECT_TRUE(link.carer_id == 4 || link.carer_id == 7);
  EXPECT_EQ(repaired.loads[3].load, 0);
  EXPECT_EQ(repaired.loads[6].load, 2);
  ExpectWithinCapacity(input, repaired);
  EXPECT_TRUE(repaired.uncovered.empty());
}

TEST(ContactNetworkBuilderTest, RepairKeepsADepartedCarersPinnedLinks) {
  // Carer 1 is marked away: the built link to ward 10 moves to carer 2, the pin to ward 11 stays.
  NetworkInput input;
  input.carers = {Carer(1, 5, At(0, 0)), Carer(2, 5, At(0, 10))};
  input.wards = {Ward(10, At(0, 20)), Ward(11, At(0, 30))};
  input.existing = {Link(1, 10), Link(1, 11, NetworkLinkKind::kPinned)};
  const NetworkPlan plan = RepairNetwork(input, {1});
  const auto carer_of = CarerOfWard(plan);
  EXPECT_EQ(carer_of.at(10), 2);
  EXPECT_EQ(carer_of.at(11), 1);
  ASSERT_EQ(plan.diff.removed.size(), 1u);
  EXPECT_EQ(plan.diff.removed[0].ward_id, 10);
}

TEST(ContactNetworkBuilderTest, RepairIgnoresGainsElsewhere) {
  // Ward 11 sits far from its carer, but it is not orphaned: a repair leaves it alone.
  NetworkInput input;
  input.carers = {Carer(1, 5, At(0, 0)), Carer(2, 5, At(0, 2000)), Carer(3, 5, At(0, 10))};
  input.wards = {Ward(10, At(0, 20)), Ward(11, At(0, 30))};
  input.existing = {Link(1, 10), Link(2, 11)};
  const NetworkPlan plan = RepairNetwork(input, {1});
  const auto carer_of = CarerOfWard(plan);
  EXPECT_EQ(carer_of.at(10), 3);
  EXPECT_EQ(carer_of.at(11), 2);
}

TEST(ContactNetworkBuilderTest, GroupLeaderLayerReusesTheSolver) {
  // 一人联十人: two leaders of capacity 10, fifteen members in two clusters of 9 and 6.
  NetworkInput input;
  input.carers = {Carer(1, 10, At(0, 0)), Carer(2, 10, At(0, 3000))};
  for (int m = 0; m < 9; ++m) input.wards.push_back(Ward(100 + m, At(m * 10, 0)));
  for (int m = 0; m < 6; ++m) input.wards.push_back(Ward(200 + m, At(m * 10, 3000)));
  const NetworkPlan plan = BuildNetwork(input);
  for (const NetworkLink& link : plan.links) EXPECT_EQ(link.carer_id, link.ward_id < 200 ? 1 : 2);
  EXPECT_EQ(plan.loads[0].load, 9);
  EXPECT_EQ(plan.loads[1].load, 6);
}

TEST(ContactNetworkBuilderTest, RejectsDuplicatesAndNegativeCapacity) {
  NetworkInput input;
  input.carers = {Carer(1, 1, At(0, 0)), Carer(1, 1, At(0, 0))};
  EXPECT_THROW(BuildNetwork(input), InvalidInput);
  input.carers = {Carer(1, -1, At(0, 0))};
  EXPECT_THROW(BuildNetwork(input), InvalidInput);
  input.carers = {Carer(1, 1, At(0, 0))};
  input.wards = {Ward(2, At(0, 0)), Ward(2, At(0, 0))};
  EXPECT_THROW(BuildNetwork(input), InvalidInput);
}

TEST(ContactNetworkBuilderTest, DropsLinksToUnknownCarersAndWards) {
  NetworkInput input;
  input.carers = {Carer(1, 2, At(0, 0))};
  input.wards = {Ward(10, At(0, 10))};
  input.existing = {Link(9, 10, NetworkLinkKind::kPinned), Link(1, 99)};
  const NetworkPlan plan = BuildNetwork(input);
  EXPECT_EQ(Pairs(plan.links), (std::set<std::pair<Id, Id>>{{1, 10}}));
  EXPECT_EQ(Pairs(plan.diff.removed), (std::set<std::pair<Id, Id>>{{9, 10}, {1, 99}}));
}

// Exhaustive search over every assignment of the free wards (each to a carer with room left
// within reach, or uncovered), minimising (uncovered wards, cost) lexicographically.
struct Exact {
  std::int64_t uncovered = 0;
  std::int64_t cost = 0;
};

Exact BruteForce(const NetworkInput& input, const NetworkOptions& options) {
  const std::size_t carers = input.carers.size();
  std::vector<std::int64_t> room(carers);
  for (std::size_t c = 0; c < carers; ++c) room[c] = input.carers[c].capacity;
  std::set<Id> pinned_wards;
  std::set<std::pair<Id, Id>> built;
  std::int64_t fixed_cost = 0;
  for (const NetworkLink& link : input.existing) {
    if (link.kind == NetworkLinkKind::kBuilt) {
      built.emplace(link.carer_id, link.ward_id);
      continue;
    }
    for (std::size_t c = 0; c < carers; ++c) {
      if (input.carers[c].id != link.carer_id) continue;
      --room[c];
      for (const NetworkWard& ward : input.wards) {
        if (ward.id == link.ward_id) {
          fixed_cost += NetworkDistanceMetres(input.carers[c].place, ward.place);
        }
      }
    }
    pinned_wards.insert(link.ward_id);
  }
  std::vector<const NetworkWard*> free;
  for (const NetworkWard& ward : input.wards) {
    if (!pinned_wards.count(ward.id)) free.push_back(&ward);
  }
  Exact best{1 << 30, 0};
  Exact current;
  auto search = [&](auto&& self, std::size_t j) -> void {
    if (j == free.size()) {
      if (std::tie(current.uncovered, current.cost) < std::tie(best.uncovered, best.cost)) {
        best = current;
      }
      return;
    }
    ++current.uncovered;
    self(self, j + 1);
    --current.uncovered;
    for (std::size_t c = 0; c < carers; ++c) {
      if (room[c] <= 0) continue;
      const std::int64_t d = NetworkDistanceMetres(input.carers[c].place, free[j]->place);
      if (options.max_distance_m && d > *options.max_distance_m) continue;
      const std::int64_t cost =
          d - (built.count({input.carers[c].id, free[j]->id}) ? options.stability_bonus_m : 0);
      --room[c];
      current.cost += cost;
      self(self, j + 1);
      current.cost -= cost;
      ++room[c];
    }
  };
  search(search, 0);
  best.cost += fixed_cost;
  return best;
}

NetworkPlace RandomPlace(std::mt19937& rng) {
  std::uniform_real_distribution<double> where(0, 1500);
  std::uniform_int_distribution<int> group(1, 3);
  std::uniform_int_distribution<int> number(1, 60);
  NetworkPlace place;
  if (std::uniform_int_distribution<int>(0, 4)(rng) > 0) place = At(where(rng), where(rng));
  place.group = std::to_string(group(rng)) + "组";
  if (std::uniform_int_distribution<int>(0, 5)(rng) > 0) place.house_number = number(rng);
  return place;
}

TEST(ContactNetworkBuilderTest, MatchesBruteForceOnRandomSmallVillages) {
  std::mt19937 rng(20240601);
  std::uniform_int_distribution<int> carer_count(2, 4);
  std::uniform_int_distribution<int> ward_count(3, 7);
  std::uniform_int_distribution<int> capacity(0, 3);
  std::uniform_int_distribution<int> coin(0, 9);
  for (int round = 0; round < 200; ++round) {
    NetworkInput input;
    const int carers = carer_count(rng);
    const int wards = ward_count(rng);
    for (int c = 0; c < carers; ++c)
      input.carers.push_back(Carer(c + 1, capacity(rng), RandomPlace(rng)));
    for (int w = 0; w < wards; ++w) input.wards.push_back(Ward(100 + w, RandomPlace(rng)));
    std::set<Id> linked;
    for (int w = 0; w < wards; ++w) {
      const int roll = coin(rng);
      if (roll >= 4) continue;
      const Id carer = 1 + static_cast<Id>(rng() % carers);
      // Rolls 0 pins, 1 chooses, 2-3 leave a built link from a previous run.
      const auto kind = roll == 0   ? NetworkLinkKind::kPinned
                        : roll == 1 ? NetworkLinkKind::kChosen
                                    : NetworkLinkKind::kBuilt;
      input.existing.push_back(Link(carer, 100 + w, kind));
    }
    NetworkOptions options;
    if (round % 3 == 1) options.max_distance_m = 900;
    if (round % 5 == 2) options.stability_bonus_m = 400;
    const Exact exact = BruteForce(input, options);
    for (int variant = 0; variant < 2; ++variant) {
      NetworkOptions run = options;
      if (variant >= 1) {  // Force pruning to one candidate so pricing must find the rest.
        run.candidates_per_ward = 1;
        run.all_arcs_up_to = 0;
      }
      const NetworkPlan plan = BuildNetwork(input, run);
      ASSERT_EQ(static_cast<std::int64_t>(plan.uncovered.size()), exact.uncovered)
          << "round " << round << " variant " << variant;
      ASSERT_EQ(plan.total_cost, exact.cost) << "round " << round << " variant " << variant;
      ExpectWithinCapacity(input, plan);
    }
  }
}

TEST(ContactNetworkBuilderTest, PrunedAndFullArcsAgreeOnALargeVillage) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> where(0, 3000);
  NetworkInput input;
  for (int c = 0; c < 80; ++c)
    input.carers.push_back(Carer(c + 1, c % 9, At(where(rng), where(rng))));
  for (int w = 0; w < 450; ++w) input.wards.push_back(Ward(1000 + w, At(where(rng), where(rng))));
  NetworkOptions full;
  full.all_arcs_up_to = 1'000'000'000;
  NetworkOptions pruned;
  pruned.all_arcs_up_to = 0;
  pruned.candidates_per_ward = 3;
  const NetworkPlan a = BuildNetwork(input, full);
  const NetworkPlan b = BuildNetwork(input, pruned);
  EXPECT_FALSE(a.stats.pruned);
  EXPECT_TRUE(b.stats.pruned);
  EXPECT_LT(b.stats.candidate_arcs, a.stats.candidate_arcs);
  EXPECT_EQ(a.uncovered.size(), b.uncovered.size());
  EXPECT_EQ(a.total_cost, b.total_cost);
}

}  // namespace
}  // namespace minqing::domain
