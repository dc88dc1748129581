// The builder of the "1+10" contact network (党员联系户, Hebei Raoyang): for one village (or any
// area) it assigns wards to carers — households to party members, or, in the group-leader layer
// (一人联十人), members to party-group leaders — as a minimum-cost flow solved with LEMON.
//
// Contract, in order of priority:
//   1. Pinned (designated by the organisation) and chosen (asked for by a member and approved)
//      links are kept as they are, however far, even when they exceed the carer's capacity.
//   2. As many wards as possible are covered: every ward gets at most one new link, and no carer
//      takes new links beyond max(0, capacity - pinned and chosen links). Capacity 0 marks an
//      unable carer (elderly, ill, working away — 流动): no new link goes to them.
//   3. Among maximum-coverage assignments, the total walking distance is minimal, where an
//      existing built link costs its distance minus `stability_bonus_m`: a re-run moves a link
//      only when that gains more than the bonus. With a positive bonus, a re-run on unchanged
//      input returns the same links.
// The result is exact (not a heuristic) even when only the k nearest carers are offered to each
// ward: arcs left out are priced against the solver's dual values and added back until none
// could improve the solution.
//
// Pure: no I/O. Sizes (households per member, members per leader) come in as capacities, so
// they are per-region settings of the caller. Thread-safety: the functions are reentrant and
// share no state; villages may be solved in parallel on different threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace minqing::domain {

// Where a carer or ward lives. Coordinates give haversine metres; without them on both sides a
// proxy from the group/grid key (组/网格) and house number stands in (see NetworkDistanceMetres).
struct NetworkPlace {
  std::optional<double> lat;
  std::optional<double> lng;
  std::string group;                         // Group or grid key; empty when unknown.
  std::optional<std::int64_t> house_number;  // 门牌号 within the group.
};

// One who looks after others: a party member (for households) or a group leader (for members).
struct NetworkCarer {
  Id id = 0;
  std::int64_t capacity = 0;  // Wards the carer can look after in total; 0 = unable.
  NetworkPlace place;         // For a member: their own household's place.
};

// One who is looked after: a household, or a party member in the group-leader layer.
struct NetworkWard {
  Id id = 0;
  NetworkPlace place;
};

enum class NetworkLinkKind {
  kPinned = 1,  // Designated by the organisation: always kept.
  kChosen = 2,  // Asked for by the member and approved: kept like a pin.
  kBuilt = 3,   // Made by the builder: kept unless moving it gains more than the bonus.
};

struct NetworkLink {
  Id carer_id = 0;
  Id ward_id = 0;
  NetworkLinkKind kind = NetworkLinkKind::kBuilt;
  std::int64_t distance_m = 0;  // Filled in results; ignored in inputs.
};

struct NetworkOptions {
  // Cost reduction for keeping an existing built link, in metres of walking.
  std::int64_t stability_bonus_m = 150;
  // Links longer than this are not made (pinned and chosen links are exempt).
  std::optional<std::int64_t> max_distance_m;
  // Nearest carers offered to each ward in large villages (all carers of the ward's group and
  // the ward's existing carers are offered too). Only a speed knob: the result stays exact.
  int candidates_per_ward = 10;
  // Villages with at most this many carer x ward pairs get every arc and skip the pricing pass.
  std::int64_t all_arcs_up_to = 4096;
};

// One village's (or one party group's) carers, wards and current links. Links naming a carer or
// ward that is not in the input are removed in the result (the member left, the household moved).
struct NetworkInput {
  std::vector<NetworkCarer> carers;
  std::vector<NetworkWard> wards;
  std::vector<NetworkLink> existing;
};

enum class UncoveredReason {
  kNoCarers = 1,         // The village has no carer at all.
  kAllCarersUnable = 2,  // Every carer has capacity 0.
  kNoneWithinReach = 3,  // No able carer within max_distance_m.
  kNoCapacityLeft = 4,   // Able carers within reach exist, but their capacity is used up.
};
std::string_view UncoveredReasonCode(UncoveredReason reason);  // "no_members", "all_unable", ...
std::string_view UncoveredReasonLabel(UncoveredReason reason);

struct UncoveredWard {
  Id ward_id = 0;
  UncoveredReason reason = UncoveredReason::kNoCapacityLeft;
};

struct CarerLoad {
  Id carer_id = 0;
  std::int64_t capacity = 0;
  std::int64_t load = 0;  // Links in the result, pins included (may exceed capacity by pins).
};

// The preview shown before a plan is applied. Each existing link (deduplicated) is in exactly one
// of kept and removed; each result link is in exactly one of kept and added.
struct NetworkDiff {
  std::vector<NetworkLink> added;
  std::vector<NetworkLink> removed;
  std::vector<NetworkLink> kept;
};

struct NetworkSolveStats {
  std::int64_t candidate_arcs = 0;     // Carer -> ward arcs given to the solver (last round).
  int pricing_rounds = 0;              // Re-solves after adding arcs left out by the pruning.
  bool pruned = false;                 // Whether only nearest carers were offered.
  std::int64_t uncovered_penalty = 0;  // Cost of leaving one ward uncovered in the flow.
};

struct NetworkPlan {
  std::vector<NetworkLink> links;  // The whole network after the plan, in input carer order.
  NetworkDiff diff;
  std::vector<UncoveredWard> uncovered;  // In input ward order.
  std::vector<CarerLoad> loads;          // In input carer order.
  // Sum of link distances, minus the stability bonus for each kept built link: the objective
  // minimised after coverage.
  std::int64_t total_cost = 0;
  std::int64_t total_distance_m = 0;  // Sum of link distances.
  NetworkSolveStats stats;
};

// Builds the whole network of one village from scratch, keeping pins and (through the bonus)
// existing built links. Throws InvalidInput for duplicate carer or ward ids or a negative
// capacity.
NetworkPlan BuildNetwork(const NetworkInput& input, const NetworkOptions& options = {});

// Repairs the network after carers died, moved away or became unable: every built link of a carer
// in `departed_carer_ids` (every link of one missing from the input) is removed, and so are a
// carer's farthest built links beyond a reduced capacity; pinned and chosen links of a carer in the
// input are never removed (the organisation removes them itself); only the wards so orphaned get
// new links. Every other link stays fixed, whatever the gain of moving it. Throws like
// BuildNetwork.
NetworkPlan RepairNetwork(const NetworkInput& input, const std::vector<Id>& departed_carer_ids,
                          const NetworkOptions& options = {});

// Walking distance in whole metres: haversine on a sphere of 6,371,008.8 m when both places have
// coordinates. Otherwise a proxy, because village registers often lack coordinates but have
// groups and house numbers: in the same (non-empty) group, 10 m per house-number step, or 200 m
// when a number is missing; in another or an unknown group, 2,000 m plus 10 m per house-number
// step (neighbouring groups often continue the numbering), or 2,200 m when a number is missing.
std::int64_t NetworkDistanceMetres(const NetworkPlace& a, const NetworkPlace& b);

}  // namespace minqing::domain
