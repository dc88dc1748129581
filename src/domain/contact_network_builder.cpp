#include "domain/contact_network_builder.hpp"

// LEMON's SmartDigraph copies node records whose fields it fills in later; GCC 12 with sanitizers
// and optimisation flags those copies as maybe-uninitialized.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numbers>
#include <numeric>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "domain/enum_table.hpp"
#include "domain/errors.hpp"

namespace minqing::domain {
namespace {

constexpr double kEarthRadiusM = 6371008.8;
constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;
constexpr std::int64_t kStepM = 10;
constexpr std::int64_t kUnknownNumberM = 200;
constexpr std::int64_t kOtherGroupM = 2000;
// House numbers are clamped so that 10 m per step cannot overflow on garbage input.
constexpr std::int64_t kMaxHouseNumber = 1'000'000'000;
constexpr std::int64_t kUnbounded = std::numeric_limits<std::int64_t>::max();

// A place prepared once per solve, so the inner loop does no string work and half the
// trigonometry of the haversine.
struct Point {
  bool has_coords = false;
  // Sines and cosines of half the latitude and longitude: with them the haversine of a pair
  // needs no sine call (sin(x - y) = sin x cos y - cos x sin y), which was a fifth of the time.
  double sin_half_lat = 0;
  double cos_half_lat = 1;
  double sin_half_lng = 0;
  double cos_half_lng = 1;
  double cos_lat = 1;
  int group = -1;  // Interned group key; -1 when unknown.
  bool has_number = false;
  std::int64_t number = 0;
};

class GroupTable {
 public:
  int Intern(const std::string& key) {
    if (key.empty()) return -1;
    auto [it, inserted] = ids_.try_emplace(key, static_cast<int>(ids_.size()));
    return it->second;
  }

 private:
  std::unordered_map<std::string, int> ids_;
};

Point Prepare(const NetworkPlace& place, GroupTable& groups) {
  Point p;
  if (place.lat && place.lng && std::isfinite(*place.lat) && std::isfinite(*place.lng)) {
    p.has_coords = true;
    const double lat = *place.lat * kRadiansPerDegree;
    const double lng = *place.lng * kRadiansPerDegree;
    p.sin_half_lat = std::sin(lat / 2);
    p.cos_half_lat = std::cos(lat / 2);
    p.sin_half_lng = std::sin(lng / 2);
    p.cos_half_lng = std::cos(lng / 2);
    p.cos_lat = std::cos(lat);
  }
  p.group = groups.Intern(place.group);
  if (place.house_number) {
    p.has_number = true;
    p.number = std::clamp(*place.house_number, -kMaxHouseNumber, kMaxHouseNumber);
  }
  return p;
}

std::int64_t Distance(const Point& a, const Point& b) {
  if (a.has_coords && b.has_coords) {
    const double s_lat = b.sin_half_lat * a.cos_half_lat - b.cos_half_lat * a.sin_half_lat;
    const double s_lng = b.sin_half_lng * a.cos_half_lng - b.cos_half_lng * a.sin_half_lng;
    const double h = s_lat * s_lat + a.cos_lat * b.cos_lat * s_lng * s_lng;
    return std::llround(2 * kEarthRadiusM * std::asin(std::sqrt(std::min(1.0, h))));
  }
  const std::int64_t steps =
      a.has_number && b.has_number ? kStepM * std::abs(a.number - b.number) : kUnknownNumberM;
  return a.group >= 0 && a.group == b.group ? steps : kOtherGroupM + steps;
}

// The flow problem left once fixed links are set aside: free wards to place on carers with
// residual capacity, and the existing built links that earn the stability bonus.
struct Problem {
  std::vector<Point> carer_points;
  std::vector<Point> ward_points;
  std::vector<std::int64_t> residual;      // Per carer.
  std::vector<int> free_wards;             // Ward indices, in input order.
  std::vector<std::pair<int, int>> bonus;  // (ward index, carer index) of built links.
};

struct Solution {
  std::vector<int> carer_of_free;  // Carer index per free ward, -1 when uncovered.
  NetworkSolveStats stats;
};

struct CandidateArc {
  int carer = 0;  // Index into the able carers.
  int ward = 0;   // Index into the free wards.
  std::int64_t cost = 0;
};

struct FlowResult {
  std::vector<char> used;  // Per candidate arc: carries flow.
  std::vector<std::int64_t> carer_potential;
  std::vector<std::int64_t> ward_potential;
};

// One min-cost-flow solve: source -> carer (residual capacity), carer -> ward (cost), ward ->
// sink (1), plus a source -> sink bypass whose cost is the penalty for an uncovered ward.
// NetworkSimplex rather than CostScaling: on the Raoyang-size county CostScaling took 3.3x as
// long (0.66 s against 0.20 s), and LEMON 1.3.1's CostScaling does not compile as C++20 (its
// ArrayMap calls std::allocator::construct).
FlowResult RunFlow(const std::vector<std::int64_t>& carer_capacity, int ward_count,
                   const std::vector<CandidateArc>& arcs, std::int64_t penalty) {
  using lemon::SmartDigraph;
  const int carer_count = static_cast<int>(carer_capacity.size());
  SmartDigraph graph;
  graph.reserveNode(carer_count + ward_count + 2);
  graph.reserveArc(carer_count + static_cast<int>(arcs.size()) + ward_count + 1);
  SmartDigraph::ArcMap<int> upper(graph);
  SmartDigraph::ArcMap<std::int64_t> cost(graph);
  const SmartDigraph::Node source = graph.addNode();
  const SmartDigraph::Node sink = graph.addNode();
  std::vector<SmartDigraph::Node> carer_nodes(carer_count);
  std::vector<SmartDigraph::Node> ward_nodes(ward_count);
  for (int c = 0; c < carer_count; ++c) {
    carer_nodes[c] = graph.addNode();
    const SmartDigraph::Arc arc = graph.addArc(source, carer_nodes[c]);
    upper[arc] = static_cast<int>(std::min<std::int64_t>(carer_capacity[c], ward_count));
    cost[arc] = 0;
  }
  for (int w = 0; w < ward_count; ++w) ward_nodes[w] = graph.addNode();
  std::vector<SmartDigraph::Arc> lemon_arcs;
  lemon_arcs.reserve(arcs.size());
  for (const CandidateArc& candidate : arcs) {
    const SmartDigraph::Arc arc =
        graph.addArc(carer_nodes[candidate.carer], ward_nodes[candidate.ward]);
    upper[arc] = 1;
    cost[arc] = candidate.cost;
    lemon_arcs.push_back(arc);
  }
  for (int w = 0; w < ward_count; ++w) {
    const SmartDigraph::Arc arc = graph.addArc(ward_nodes[w], sink);
    upper[arc] = 1;
    cost[arc] = 0;
  }
  const SmartDigraph::Arc bypass = graph.addArc(source, sink);
  upper[bypass] = ward_count;
  cost[bypass] = penalty;

  lemon::NetworkSimplex<SmartDigraph, int, std::int64_t> algorithm(graph);
  algorithm.upperMap(upper).costMap(cost).stSupply(source, sink, ward_count);
  if (algorithm.run() != decltype(algorithm)::OPTIMAL) {
    // The bypass makes every instance feasible and all capacities are finite, so this is a bug.
    throw Error("network.solver_failed", "联系网络求解失败");
  }
  FlowResult result;
  result.used.resize(arcs.size());
  for (std::size_t i = 0; i < arcs.size(); ++i)
    result.used[i] = static_cast<char>(algorithm.flow(lemon_arcs[i]) > 0);
  result.carer_potential.resize(carer_count);
  for (int c = 0; c < carer_count; ++c)
    result.carer_potential[c] = algorithm.potential(carer_nodes[c]);
  result.ward_potential.resize(ward_count);
  for (int w = 0; w < ward_count; ++w)
    result.ward_potential[w] = algorithm.potential(ward_nodes[w]);
  return result;
}

Solution Solve(const Problem& problem, const NetworkOptions& options) {
  Solution solution;
  const int ward_count = static_cast<int>(problem.free_wards.size());
  solution.carer_of_free.assign(ward_count, -1);
  std::vector<int> able;  // Carer indices with residual capacity.
  std::vector<std::int64_t> able_capacity;
  std::vector<int> able_of_carer(problem.carer_points.size(), -1);
  for (std::size_t c = 0; c < problem.residual.size(); ++c) {
    if (problem.residual[c] <= 0) continue;
    able_of_carer[c] = static_cast<int>(able.size());
    able.push_back(static_cast<int>(c));
    able_capacity.push_back(problem.residual[c]);
  }
  const int able_count = static_cast<int>(able.size());
  if (ward_count == 0 || able_count == 0) return solution;

  std::vector<int> free_of_ward(problem.ward_points.size(), -1);
  for (int j = 0; j < ward_count; ++j) free_of_ward[problem.free_wards[j]] = j;
  std::vector<std::pair<int, int>> bonus;  // (free ward, able carer), sorted.
  for (const auto& [w, c] : problem.bonus) {
    if (free_of_ward[w] >= 0 && able_of_carer[c] >= 0)
      bonus.emplace_back(free_of_ward[w], able_of_carer[c]);
  }
  std::sort(bonus.begin(), bonus.end());

  const std::int64_t max_distance = options.max_distance_m.value_or(kUnbounded);
  const std::int64_t stability_bonus = std::max<std::int64_t>(0, options.stability_bonus_m);
  const int k = std::max(1, options.candidates_per_ward);
  const bool prune =
      static_cast<std::int64_t>(able_count) * ward_count > options.all_arcs_up_to && able_count > k;
  solution.stats.pruned = prune;

  // Candidate arcs, grouped by ward. With pruning, `floor[j]` is a lower bound on the distance
  // of every arc left out for ward j (the k-th nearest distance), used to skip pricing.
  std::vector<CandidateArc> arcs;
  arcs.reserve(static_cast<std::size_t>(ward_count) *
               (prune ? static_cast<std::size_t>(k) + 4 : static_cast<std::size_t>(able_count)));
  std::vector<std::size_t> first_arc(ward_count + 1, 0);
  std::vector<std::int64_t> floor(ward_count, kUnbounded);
  std::vector<std::int64_t> distance(able_count);
  std::vector<int> order(able_count);
  std::vector<int> seen(able_count, -1);
  std::vector<int> has_bonus(able_count, -1);
  std::int64_t longest = 0;  // Longest allowed arc in the full graph, to size the penalty.
  auto bonus_it = bonus.begin();
  std::vector<int> bonus_carers;
  for (int j = 0; j < ward_count; ++j) {
    first_arc[j] = arcs.size();
    const Point& ward = problem.ward_points[problem.free_wards[j]];
    for (int a = 0; a < able_count; ++a) {
      distance[a] = Distance(problem.carer_points[able[a]], ward);
      if (distance[a] <= max_distance) longest = std::max(longest, distance[a]);
    }
    bonus_carers.clear();
    for (; bonus_it != bonus.end() && bonus_it->first == j; ++bonus_it) {
      has_bonus[bonus_it->second] = j;
      bonus_carers.push_back(bonus_it->second);
    }
    auto offer = [&](int a) {
      if (seen[a] == j || distance[a] > max_distance) return;
      seen[a] = j;
      arcs.push_back({a, j, distance[a] - (has_bonus[a] == j ? stability_bonus : 0)});
    };
    if (!prune) {
      for (int a = 0; a < able_count; ++a) offer(a);
      continue;
    }
    std::iota(order.begin(), order.end(), 0);
    std::nth_element(order.begin(), order.begin() + (k - 1), order.end(),
                     [&](int x, int y) { return distance[x] < distance[y]; });
    // Every carer left out is at least this far; past max_distance none could be used at all.
    floor[j] = distance[order[k - 1]] > max_distance ? kUnbounded : distance[order[k - 1]];
    for (int i = 0; i < k; ++i) offer(order[i]);
    if (ward.group >= 0) {
      for (int a = 0; a < able_count; ++a) {
        if (problem.carer_points[able[a]].group == ward.group) offer(a);
      }
    }
    for (int a : bonus_carers) offer(a);
  }
  first_arc[ward_count] = arcs.size();

  // A path that covers one more ward uses each ward at most once, so at most `ward_count` arcs
  // forward (each <= longest) and as many backward (each <= the bonus): its cost stays below
  // the penalty it saves, so no distance gain can ever pay for an uncovered ward.
  const std::int64_t penalty = (longest + stability_bonus + 1) * (ward_count + 1);
  solution.stats.uncovered_penalty = penalty;

  std::vector<std::vector<int>> added(prune ? ward_count : 0);  // Arcs added by pricing.
  FlowResult flow;
  for (;;) {
    flow = RunFlow(able_capacity, ward_count, arcs, penalty);
    if (!prune) break;
    // Column generation: an arc left out could improve the solution only if its reduced cost
    // d + pi(carer) - pi(ward) is negative.
    const std::int64_t lowest_carer_potential =
        *std::min_element(flow.carer_potential.begin(), flow.carer_potential.end());
    bool grew = false;
    for (int j = 0; j < ward_count; ++j) {
      if (floor[j] == kUnbounded || flow.ward_potential[j] - lowest_carer_potential <= floor[j]) {
        continue;
      }
      for (std::size_t i = first_arc[j]; i < first_arc[j + 1]; ++i) seen[arcs[i].carer] = -2 - j;
      for (int a : added[j]) seen[a] = -2 - j;
      const Point& ward = problem.ward_points[problem.free_wards[j]];
      for (int a = 0; a < able_count; ++a) {
        if (seen[a] == -2 - j) continue;
        const std::int64_t d = Distance(problem.carer_points[able[a]], ward);
        if (d > max_distance || d + flow.carer_potential[a] - flow.ward_potential[j] >= 0) continue;
        arcs.push_back({a, j, d});
        added[j].push_back(a);
        grew = true;
      }
    }
    if (!grew) break;
    ++solution.stats.pricing_rounds;
  }
  solution.stats.candidate_arcs = static_cast<std::int64_t>(arcs.size());
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    if (flow.used[i]) solution.carer_of_free[arcs[i].ward] = able[arcs[i].carer];
  }
  return solution;
}

struct Indexed {
  std::unordered_map<Id, int> carer_index;
  std::unordered_map<Id, int> ward_index;
  std::vector<Point> carer_points;
  std::vector<Point> ward_points;
};

Indexed Index(const NetworkInput& input) {
  Indexed indexed;
  std::vector<FieldProblem> problems;
  indexed.carer_index.reserve(input.carers.size());
  indexed.ward_index.reserve(input.wards.size());
  GroupTable groups;
  for (std::size_t i = 0; i < input.carers.size(); ++i) {
    const NetworkCarer& carer = input.carers[i];
    if (!indexed.carer_index.try_emplace(carer.id, static_cast<int>(i)).second) {
      problems.push_back(
          {"carers", "network.duplicate_carer", "联系人重复: " + std::to_string(carer.id)});
    }
    if (carer.capacity < 0) {
      problems.push_back(
          {"carers", "network.negative_capacity", "联系能力不能为负: " + std::to_string(carer.id)});
    }
    indexed.carer_points.push_back(Prepare(carer.place, groups));
  }
  for (std::size_t i = 0; i < input.wards.size(); ++i) {
    const NetworkWard& ward = input.wards[i];
    if (!indexed.ward_index.try_emplace(ward.id, static_cast<int>(i)).second) {
      problems.push_back(
          {"wards", "network.duplicate_ward", "联系对象重复: " + std::to_string(ward.id)});
    }
    indexed.ward_points.push_back(Prepare(ward.place, groups));
  }
  if (!problems.empty()) {
    throw InvalidInput("network.invalid_input", "联系网络输入有误", std::move(problems));
  }
  return indexed;
}

int Find(const std::unordered_map<Id, int>& index, Id id) {
  auto it = index.find(id);
  return it == index.end() ? -1 : it->second;
}

// A link between indexed carer and ward; kind as in NetworkLinkKind.
struct IndexedLink {
  int carer = 0;
  int ward = 0;
  NetworkLinkKind kind = NetworkLinkKind::kBuilt;
};

// Existing links without repeats; when a pair appears twice, the strongest kind wins.
std::vector<NetworkLink> Deduplicate(const std::vector<NetworkLink>& existing) {
  std::vector<NetworkLink> links = existing;
  std::sort(links.begin(), links.end(), [](const NetworkLink& x, const NetworkLink& y) {
    return std::tie(x.carer_id, x.ward_id, x.kind) < std::tie(y.carer_id, y.ward_id, y.kind);
  });
  links.erase(std::unique(links.begin(), links.end(),
                          [](const NetworkLink& x, const NetworkLink& y) {
                            return x.carer_id == y.carer_id && x.ward_id == y.ward_id;
                          }),
              links.end());
  return links;
}

std::uint64_t PairKey(int carer, int ward) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(carer)) << 32) |
         static_cast<std::uint32_t>(ward);
}

UncoveredReason ReasonFor(const Indexed& indexed, const std::vector<std::int64_t>& capacity,
                          int ward, const NetworkOptions& options) {
  if (capacity.empty()) return UncoveredReason::kNoCarers;
  bool any_able = false;
  bool any_within_reach = false;
  const std::int64_t max_distance = options.max_distance_m.value_or(kUnbounded);
  for (std::size_t c = 0; c < capacity.size(); ++c) {
    if (capacity[c] <= 0) continue;
    any_able = true;
    if (Distance(indexed.carer_points[c], indexed.ward_points[ward]) <= max_distance) {
      any_within_reach = true;
      break;
    }
  }
  if (!any_able) return UncoveredReason::kAllCarersUnable;
  if (!any_within_reach) return UncoveredReason::kNoneWithinReach;
  return UncoveredReason::kNoCapacityLeft;
}

// Turns fixed links plus the solver's choice into the plan and its diff against `existing`.
NetworkPlan Assemble(const NetworkInput& input, const Indexed& indexed,
                     const std::vector<NetworkLink>& existing,
                     const std::vector<IndexedLink>& fixed, const Problem& problem,
                     const Solution& solution, const std::vector<std::int64_t>& able_capacity,
                     const NetworkOptions& options) {
  NetworkPlan plan;
  plan.stats = solution.stats;
  std::vector<IndexedLink> links = fixed;
  for (std::size_t j = 0; j < solution.carer_of_free.size(); ++j) {
    if (solution.carer_of_free[j] >= 0) {
      links.push_back({solution.carer_of_free[j], problem.free_wards[j], NetworkLinkKind::kBuilt});
    }
  }
  std::sort(links.begin(), links.end(), [](const IndexedLink& x, const IndexedLink& y) {
    return std::tie(x.carer, x.ward) < std::tie(y.carer, y.ward);
  });

  std::unordered_map<std::uint64_t, NetworkLinkKind> before;
  before.reserve(existing.size());
  for (const NetworkLink& link : existing) {
    const int c = Find(indexed.carer_index, link.carer_id);
    const int w = Find(indexed.ward_index, link.ward_id);
    if (c >= 0 && w >= 0) before.emplace(PairKey(c, w), link.kind);
  }
  std::unordered_set<std::uint64_t> after;
  after.reserve(links.size());
  const std::int64_t stability_bonus = std::max<std::int64_t>(0, options.stability_bonus_m);
  std::vector<std::int64_t> load(input.carers.size(), 0);
  std::vector<char> covered(input.wards.size(), 0);
  plan.links.reserve(links.size());
  for (const IndexedLink& link : links) {
    NetworkLink out{input.carers[link.carer].id, input.wards[link.ward].id, link.kind,
                    Distance(indexed.carer_points[link.carer], indexed.ward_points[link.ward])};
    plan.links.push_back(out);
    plan.total_distance_m += out.distance_m;
    plan.total_cost += out.distance_m;
    ++load[link.carer];
    covered[link.ward] = 1;
    const std::uint64_t key = PairKey(link.carer, link.ward);
    after.insert(key);
    auto it = before.find(key);
    if (it == before.end()) {
      plan.diff.added.push_back(out);
    } else {
      plan.diff.kept.push_back(out);
      if (it->second == NetworkLinkKind::kBuilt) plan.total_cost -= stability_bonus;
    }
  }
  for (const NetworkLink& link : existing) {
    const int c = Find(indexed.carer_index, link.carer_id);
    const int w = Find(indexed.ward_index, link.ward_id);
    if (c >= 0 && w >= 0 && after.count(PairKey(c, w)) > 0) continue;
    NetworkLink out = link;
    out.distance_m =
        c >= 0 && w >= 0 ? Distance(indexed.carer_points[c], indexed.ward_points[w]) : 0;
    plan.diff.removed.push_back(out);
  }
  for (std::size_t w = 0; w < input.wards.size(); ++w) {
    if (covered[w]) continue;
    plan.uncovered.push_back(
        {input.wards[w].id, ReasonFor(indexed, able_capacity, static_cast<int>(w), options)});
  }
  plan.loads.reserve(input.carers.size());
  for (std::size_t c = 0; c < input.carers.size(); ++c) {
    plan.loads.push_back({input.carers[c].id, input.carers[c].capacity, load[c]});
  }
  return plan;
}

}  // namespace

std::int64_t NetworkDistanceMetres(const NetworkPlace& a, const NetworkPlace& b) {
  GroupTable groups;
  const Point pa = Prepare(a, groups);
  const Point pb = Prepare(b, groups);
  return Distance(pa, pb);
}

NetworkPlan BuildNetwork(const NetworkInput& input, const NetworkOptions& options) {
  const Indexed indexed = Index(input);
  const std::vector<NetworkLink> existing = Deduplicate(input.existing);
  std::vector<IndexedLink> fixed;
  std::vector<IndexedLink> built;
  std::vector<std::int64_t> fixed_load(input.carers.size(), 0);
  std::vector<char> covered(input.wards.size(), 0);
  for (const NetworkLink& link : existing) {
    const int c = Find(indexed.carer_index, link.carer_id);
    const int w = Find(indexed.ward_index, link.ward_id);
    if (c < 0 || w < 0) continue;  // The carer left or the ward moved: removed.
    if (link.kind == NetworkLinkKind::kBuilt) {
      built.push_back({c, w, link.kind});
    } else {
      fixed.push_back({c, w, link.kind});
      ++fixed_load[c];
      covered[w] = 1;
    }
  }
  Problem problem;
  problem.carer_points = indexed.carer_points;
  problem.ward_points = indexed.ward_points;
  std::vector<std::int64_t> capacity(input.carers.size());
  problem.residual.resize(input.carers.size());
  for (std::size_t c = 0; c < input.carers.size(); ++c) {
    capacity[c] = input.carers[c].capacity;
    problem.residual[c] = std::max<std::int64_t>(0, capacity[c] - fixed_load[c]);
  }
  for (std::size_t w = 0; w < input.wards.size(); ++w) {
    if (!covered[w]) problem.free_wards.push_back(static_cast<int>(w));
  }
  // A built link to a ward that is now pinned elsewhere earns nothing and is simply dropped.
  for (const IndexedLink& link : built) {
    if (!covered[link.ward]) problem.bonus.emplace_back(link.ward, link.carer);
  }
  const Solution solution = Solve(problem, options);
  return Assemble(input, indexed, existing, fixed, problem, solution, capacity, options);
}

NetworkPlan RepairNetwork(const NetworkInput& input, const std::vector<Id>& departed_carer_ids,
                          const NetworkOptions& options) {
  const Indexed indexed = Index(input);
  const std::vector<NetworkLink> existing = Deduplicate(input.existing);
  std::vector<char> departed(input.carers.size(), 0);
  for (Id id : departed_carer_ids) {
    const int c = Find(indexed.carer_index, id);
    if (c >= 0) departed[c] = 1;
  }
  std::vector<char> orphaned(input.wards.size(), 0);
  std::vector<std::vector<IndexedLink>> kept_by_carer(input.carers.size());
  for (const NetworkLink& link : existing) {
    const int c = Find(indexed.carer_index, link.carer_id);
    const int w = Find(indexed.ward_index, link.ward_id);
    if (w < 0) continue;
    // A departed carer's pinned and chosen links stay: only the organisation removes them.
    if (c < 0 || (departed[c] && link.kind == NetworkLinkKind::kBuilt)) {
      orphaned[w] = 1;
      continue;
    }
    kept_by_carer[c].push_back({c, w, link.kind});
  }
  std::vector<IndexedLink> fixed;
  std::vector<std::int64_t> capacity(input.carers.size());
  std::vector<std::int64_t> residual(input.carers.size());
  for (std::size_t c = 0; c < input.carers.size(); ++c) {
    capacity[c] = departed[c] ? 0 : input.carers[c].capacity;
    std::vector<IndexedLink>& links = kept_by_carer[c];
    auto excess = static_cast<std::int64_t>(links.size()) - capacity[c];
    if (excess > 0) {
      // A reduced capacity releases the farthest built links first; pins never move.
      std::stable_sort(links.begin(), links.end(), [&](const IndexedLink& x, const IndexedLink& y) {
        const bool x_built = x.kind == NetworkLinkKind::kBuilt;
        const bool y_built = y.kind == NetworkLinkKind::kBuilt;
        if (x_built != y_built) return y_built;
        return Distance(indexed.carer_points[c], indexed.ward_points[x.ward]) <
               Distance(indexed.carer_points[c], indexed.ward_points[y.ward]);
      });
      while (excess > 0 && !links.empty() && links.back().kind == NetworkLinkKind::kBuilt) {
        orphaned[links.back().ward] = 1;
        links.pop_back();
        --excess;
      }
    }
    residual[c] = std::max<std::int64_t>(0, capacity[c] - static_cast<std::int64_t>(links.size()));
    fixed.insert(fixed.end(), links.begin(), links.end());
  }
  std::vector<char> covered(input.wards.size(), 0);
  for (const IndexedLink& link : fixed) covered[link.ward] = 1;
  Problem problem;
  problem.carer_points = indexed.carer_points;
  problem.ward_points = indexed.ward_points;
  problem.residual = std::move(residual);
  for (std::size_t w = 0; w < input.wards.size(); ++w) {
    if (orphaned[w] && !covered[w]) problem.free_wards.push_back(static_cast<int>(w));
  }
  const Solution solution = Solve(problem, options);
  return Assemble(input, indexed, existing, fixed, problem, solution, capacity, options);
}

namespace {

constexpr EnumTable<UncoveredReason, 4> kUncoveredReasons{{{
    {UncoveredReason::kNoCarers, "no_members", "本村没有党员", "No party members in the village"},
    {UncoveredReason::kAllCarersUnable, "all_unable", "党员均不能联户",
     "No member is able to take households"},
    {UncoveredReason::kNoneWithinReach, "none_within_reach", "步行范围内没有可联系的党员",
     "No member within walking distance"},
    {UncoveredReason::kNoCapacityLeft, "no_capacity_left", "党员联系户数已满",
     "Every member is at capacity"},
}}};

}  // namespace

std::string_view UncoveredReasonCode(UncoveredReason reason) {
  return kUncoveredReasons.Code(reason);
}
std::string_view UncoveredReasonLabel(UncoveredReason reason) {
  return kUncoveredReasons.Label(reason);
}

namespace detail {
CodeKind UncoveredReasonCodeKind() { return kUncoveredReasons.Kind("uncovered_reason"); }
}  // namespace detail

}  // namespace minqing::domain
