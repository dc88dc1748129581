// The builder side of NetworkService: settings, preview/apply (both layers: members → households
// and group leaders → members), member status repairs and the county build.
#include "app/network_service.hpp"

#include <algorithm>
#include <chrono>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "app/audit.hpp"
#include "app/network_internal.hpp"
#include "app/network_notify.hpp"
#include "domain/authz.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/privacy.hpp"
#include "domain/text.hpp"

namespace minqing::app {

using namespace network_internal;  // NOLINT(google-build-using-namespace): this area's helpers.

namespace {

constexpr domain::Epoch kPlanLifetime = 30 * 60;
constexpr std::int64_t kRegistryDefaultCapacity = 10;
constexpr int kUnableAge = 75;

std::uint64_t Mix(std::uint64_t hash, std::int64_t value) {
  auto v = static_cast<std::uint64_t>(value);
  for (int i = 0; i < 8; ++i) {
    hash ^= (v >> (i * 8)) & 0xFF;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::optional<std::int64_t> HouseNumber(std::string_view address) {
  std::size_t end = address.size();
  while (end > 0 && !(address[end - 1] >= '0' && address[end - 1] <= '9')) --end;
  if (end == 0) return std::nullopt;
  std::size_t start = end;
  while (start > 0 && address[start - 1] >= '0' && address[start - 1] <= '9') --start;
  if (end - start > 9) return std::nullopt;
  return std::stoll(std::string(address.substr(start, end - start)));
}

int AgeAt(const std::string& birth_date, domain::Epoch now) {
  if (birth_date.size() < 4) return 0;
  return YearOf(now) - std::stoi(birth_date.substr(0, 4));
}

domain::NetworkLinkKind ToBuilderKind(domain::LinkKind kind) {
  switch (kind) {
    case domain::LinkKind::kPinned:
      return domain::NetworkLinkKind::kPinned;
    case domain::LinkKind::kChosen:
      return domain::NetworkLinkKind::kChosen;
    case domain::LinkKind::kBuilt:
      break;
  }
  return domain::NetworkLinkKind::kBuilt;
}

domain::LinkKind FromBuilderKind(domain::NetworkLinkKind kind) {
  switch (kind) {
    case domain::NetworkLinkKind::kPinned:
      return domain::LinkKind::kPinned;
    case domain::NetworkLinkKind::kChosen:
      return domain::LinkKind::kChosen;
    case domain::NetworkLinkKind::kBuilt:
      break;
  }
  return domain::LinkKind::kBuilt;
}

std::string ReasonCode(domain::UncoveredReason reason) {
  switch (reason) {
    case domain::UncoveredReason::kNoCarers:
      return "no_members";
    case domain::UncoveredReason::kAllCarersUnable:
      return "all_unable";
    case domain::UncoveredReason::kNoneWithinReach:
      return "none_within_reach";
    case domain::UncoveredReason::kNoCapacityLeft:
      break;
  }
  return "no_capacity_left";
}

std::string RandomPlanId() {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  std::uint64_t a = rng(), b = rng();
  for (int i = 0; i < 16; ++i) id += kHex[(a >> (i * 4)) & 0xF];
  for (int i = 0; i < 8; ++i) id += kHex[(b >> (i * 4)) & 0xF];
  return id;
}

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

domain::NetworkOptions OptionsOf(const domain::NetworkSettings& settings) {
  domain::NetworkOptions options;
  options.stability_bonus_m = settings.stability_bonus_metres;
  if (settings.max_walk_metres > 0) options.max_distance_m = settings.max_walk_metres;
  return options;
}

}  // namespace

struct NetworkService::StoredPlan {
  Id region_id = 0;
  std::uint64_t fingerprint = 0;
  domain::NetworkPlan plan;
  std::optional<domain::NetworkPlan> leader_plan;
};

namespace {

// A plan as network_plans.body keeps it: what Apply writes and reports, one line per item.
//   "leaders" when the plan has a leader layer, first;
//   "<layer><what> carer ward kind distance" for a link of the diff, layer "H" (households) or
//   "L" (leaders), what "A" added, "R" removed, "K" kept;
//   "<layer>U ward reason" for a ward left uncovered.
void EncodeLayer(std::string& out, char layer, const domain::NetworkPlan& plan) {
  auto links = [&](char what, const std::vector<domain::NetworkLink>& list) {
    for (const auto& l : list) {
      out += layer;
      out += what;
      out += ' ' + std::to_string(l.carer_id) + ' ' + std::to_string(l.ward_id) + ' ' +
             std::to_string(static_cast<int>(l.kind)) + ' ' + std::to_string(l.distance_m) + '\n';
    }
  };
  links('A', plan.diff.added);
  links('R', plan.diff.removed);
  links('K', plan.diff.kept);
  for (const auto& u : plan.uncovered) {
    out += layer;
    out +=
        "U " + std::to_string(u.ward_id) + ' ' + std::to_string(static_cast<int>(u.reason)) + '\n';
  }
}

std::string EncodePlan(const domain::NetworkPlan& plan, const domain::NetworkPlan* leader_plan) {
  std::string out = leader_plan ? "leaders\n" : "";
  EncodeLayer(out, 'H', plan);
  if (leader_plan) EncodeLayer(out, 'L', *leader_plan);
  return out;
}

// Throws std::runtime_error on a body EncodePlan did not write (a damaged row).
void DecodePlan(const std::string& body, domain::NetworkPlan& plan,
                std::optional<domain::NetworkPlan>& leader_plan) {
  std::istringstream lines(body);
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    if (first && line == "leaders") {
      leader_plan.emplace();
      first = false;
      continue;
    }
    first = false;
    std::istringstream fields(line);
    std::string tag;
    fields >> tag;
    if (tag.size() != 2 || (tag[0] != 'H' && tag[0] != 'L') || (tag[0] == 'L' && !leader_plan)) {
      throw std::runtime_error("network plan: bad line " + line);
    }
    domain::NetworkPlan& layer = tag[0] == 'H' ? plan : *leader_plan;
    if (tag[1] == 'U') {
      domain::UncoveredWard u;
      int reason = 0;
      if (!(fields >> u.ward_id >> reason))
        throw std::runtime_error("network plan: bad line " + line);
      u.reason = static_cast<domain::UncoveredReason>(reason);
      layer.uncovered.push_back(u);
      continue;
    }
    domain::NetworkLink l;
    int kind = 0;
    if (!(fields >> l.carer_id >> l.ward_id >> kind >> l.distance_m)) {
      throw std::runtime_error("network plan: bad line " + line);
    }
    l.kind = static_cast<domain::NetworkLinkKind>(kind);
    if (tag[1] == 'A') {
      layer.diff.added.push_back(l);
    } else if (tag[1] == 'R') {
      layer.diff.removed.push_back(l);
    } else if (tag[1] == 'K') {
      layer.diff.kept.push_back(l);
    } else {
      throw std::runtime_error("network plan: bad line " + line);
    }
  }
}

}  // namespace

NetworkService::NetworkService(Store& store) : store_(store) {}
NetworkService::~NetworkService() = default;

// ---------------------------------------------------------------------------------------------
// Settings.

namespace {

bool MayAssistStation(const domain::User& user, const domain::Region& village) {
  return user.active && user.role == domain::Role::kVillageAssistant &&
         village.path.starts_with(user.scope_region_path);
}

// Accounts are few (a county has about 10,000): they are read in pages and filtered here.
std::vector<StationAssistant> StationAssistants(StoreTx& tx, const domain::Region& village) {
  std::vector<StationAssistant> out;
  domain::PageRequest page{0, 1000, ""};
  for (;;) {
    auto users = tx.Accounts().ListUsers(page);
    for (const auto& user : users.items) {
      if (!MayAssistStation(user, village)) continue;
      std::string scope;
      if (user.scope_region_id) {
        if (auto region = tx.Registry().FindRegion(*user.scope_region_id)) scope = region->name;
      }
      out.push_back(
          {user.id, user.display_name.empty() ? user.username : user.display_name, scope});
    }
    page.offset += static_cast<std::int64_t>(users.items.size());
    if (users.items.empty() || page.offset >= users.total) break;
  }
  std::sort(out.begin(), out.end(), [](const StationAssistant& a, const StationAssistant& b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
  });
  return out;
}

}  // namespace

StationView NetworkService::GetStation(const Actor& actor, Id village_id) {
  const std::string village_level = VillageLevelName();
  auto tx = store_.BeginRead();
  domain::Region village = LoadRegion(*tx, village_id);
  if (!IsReader(actor, village.path)) Deny();
  StationView view;
  view.default_hours = DefaultStationHours(village_level);
  view.station.region_id = village.id;
  if (auto station = tx->Network().FindStation(village.id)) {
    view.station = *station;
    view.stored = true;
    if (station->assistant_user_id) {
      if (auto user = tx->Accounts().FindUser(*station->assistant_user_id)) {
        view.assistant_name = user->display_name.empty() ? user->username : user->display_name;
      }
    }
  }
  if (village.level == domain::RegionLevel::kVillage) {
    view.assistants = StationAssistants(*tx, village);
  }
  return view;
}

StationView NetworkService::PutStation(const Actor& actor, Id village_id,
                                       const domain::ServiceStation& input) {
  const std::string village_level = VillageLevelName();
  {
    auto tx = store_.BeginRead();
    domain::Region village = LoadRegion(*tx, village_id);
    RequireOrganiser(actor, village.path);
    if (village.level != domain::RegionLevel::kVillage) {
      throw domain::InvalidInput("network.not_village", "请选择一个" + village_level);
    }
  }
  domain::ServiceStation station;
  station.region_id = village_id;
  station.place = Trim(input.place);
  station.hours = Trim(input.hours);
  station.phone = Trim(input.phone);
  station.assistant_user_id = input.assistant_user_id;
  std::vector<domain::FieldProblem> problems;
  if (station.hours.empty()) {
    problems.push_back({"hours", "station.hours_required", "请填写服务站开放时间"});
  } else if (domain::Utf8Length(station.hours) > 100) {
    problems.push_back({"hours", "station.hours_too_long", "开放时间不能超过100字"});
  }
  if (domain::Utf8Length(station.place) > 100) {
    problems.push_back({"place", "station.place_too_long", "地点不能超过100字"});
  }
  if (!station.phone.empty() && !domain::IsPlausiblePhone(station.phone)) {
    problems.push_back({"phone", "phone.invalid", "电话号码格式不正确"});
  }
  auto tx = store_.Begin();
  if (station.assistant_user_id) {
    auto user = tx->Accounts().FindUser(*station.assistant_user_id);
    if (!user) {
      problems.push_back({"assistant_user_id", "user.not_found", "助理账号不存在"});
    } else if (!MayAssistStation(*user, LoadRegion(*tx, village_id))) {
      problems.push_back({"assistant_user_id", "station.assistant_not_eligible",
                          "服务站助理应为管辖本" + village_level + "的在用村助理账号"});
    }
  }
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "服务站信息有误", std::move(problems));
  }
  auto snapshot = [](const std::optional<domain::ServiceStation>& s) {
    if (!s) return std::string();
    return JsonObjectWriter()
        .Add("place", s->place)
        .Add("hours", s->hours)
        .Add("phone", s->phone)
        .Add("assistant_user_id", s->assistant_user_id)
        .Finish();
  };
  const std::string before = snapshot(tx->Network().FindStation(village_id));
  tx->Network().UpsertStation(station);
  RecordAudit(*tx, actor, "network.station", "region", village_id, before, snapshot(station));
  tx->Commit();
  return GetStation(actor, village_id);
}

domain::NetworkSettings NetworkService::GetSettings(const Actor& actor, Id region_id) {
  auto tx = store_.BeginRead();
  domain::Region region = LoadRegion(*tx, region_id);
  if (!IsReader(actor, region.path) && actor.user.role != domain::Role::kPartyMember) Deny();
  domain::NetworkSettings settings = EffectiveSettings(*tx, region.path, region.id);
  return settings;
}

domain::NetworkSettings NetworkService::PutSettings(const Actor& actor, Id region_id,
                                                    const domain::NetworkSettings& input) {
  std::vector<domain::FieldProblem> problems;
  auto check = [&](int value, int lo, int hi, const char* field) {
    if (value < lo || value > hi) {
      problems.push_back({field, "network.setting_out_of_range",
                          "取值应在" + std::to_string(lo) + "到" + std::to_string(hi) + "之间"});
    }
  };
  check(input.households_per_member, 1, 100, "households_per_member");
  check(input.members_per_leader, 1, 100, "members_per_leader");
  check(input.max_walk_metres, 0, 100000, "max_walk_metres");
  check(input.stability_bonus_metres, 0, 10000, "stability_bonus_metres");
  check(input.small_village_households, 0, 1000000, "small_village_households");
  check(input.large_village_quota_percent, 1, 100, "large_village_quota_percent");
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "设置有误", std::move(problems));
  }
  auto tx = store_.Begin();
  domain::Region region = LoadRegion(*tx, region_id);
  RequireOrganiser(actor, region.path);
  domain::NetworkSettings before = EffectiveSettings(*tx, region.path, region.id);
  domain::NetworkSettings settings = input;
  settings.region_id = region.id;
  tx->Network().UpsertSettings(settings);
  auto snapshot = [](const domain::NetworkSettings& s) {
    return JsonObjectWriter()
        .Add("households_per_member", static_cast<std::int64_t>(s.households_per_member))
        .Add("members_per_leader", static_cast<std::int64_t>(s.members_per_leader))
        .Add("max_walk_metres", static_cast<std::int64_t>(s.max_walk_metres))
        .Add("stability_bonus_metres", static_cast<std::int64_t>(s.stability_bonus_metres))
        .Add("small_village_households", static_cast<std::int64_t>(s.small_village_households))
        .Add("large_village_quota_percent",
             static_cast<std::int64_t>(s.large_village_quota_percent))
        .Finish();
  };
  RecordAudit(*tx, actor, "network.settings", "region", region.id, snapshot(before),
              snapshot(settings));
  tx->Commit();
  return settings;
}

// ---------------------------------------------------------------------------------------------
// Builder inputs and plans.

NetworkService::VillageInput NetworkService::LoadVillageInput(StoreTx& tx,
                                                              const domain::Region& village,
                                                              domain::Epoch now) {
  VillageInput in;
  in.village = village;
  in.settings = EffectiveSettings(tx, village.path, village.id);
  auto& repo = tx.Network();
  in.households = repo.ListNetworkHouseholds(village.path);
  in.members = repo.ListNetworkMembers(village.path);
  in.links = repo.ListLinks(village.path);

  std::uint64_t fp = in.fingerprint;
  in.builder.wards.reserve(in.households.size());
  for (const auto& h : in.households) {
    domain::NetworkWard ward;
    ward.id = h.id;
    ward.place = {h.lat, h.lng, std::to_string(h.region_id), HouseNumber(h.address)};
    in.builder.wards.push_back(std::move(ward));
    fp = Mix(fp, h.id);
  }
  std::unordered_map<Id, std::optional<std::int64_t>> member_house_number;
  for (const auto& m : in.members) {
    std::int64_t capacity = m.capacity;
    if (capacity == kRegistryDefaultCapacity) capacity = in.settings.households_per_member;
    if (!m.can_take_households || m.away || AgeAt(m.birth_date, now) > kUnableAge) capacity = 0;
    capacity = std::max<std::int64_t>(capacity, 0);
    in.capacity[m.id] = capacity;
    domain::NetworkCarer carer;
    carer.id = m.id;
    carer.capacity = capacity;
    carer.place = {m.lat, m.lng, std::to_string(m.region_id), std::nullopt};
    in.builder.carers.push_back(std::move(carer));
    fp = Mix(Mix(fp, m.id), capacity);
  }
  for (const auto& link : in.links) {
    in.builder.existing.push_back({link.member_id, link.household_id, ToBuilderKind(link.kind), 0});
    fp = Mix(Mix(Mix(Mix(fp, link.id), link.member_id), link.household_id),
             static_cast<std::int64_t>(link.kind));
  }

  // The leader layer (一人联十人): the leaders of the village's party groups (or of its branches
  // when it has no groups) look after the other members, nearest first. A village branch may sit
  // under a township's 党委 (a party roster's path), so every org in the village counts.
  in.orgs = tx.Registry().ListPartyOrgsUnder(village.path);
  in.leader_links = repo.ListLeaderLinks(village.path);
  std::unordered_map<Id, const NetworkMember*> member_by_id;
  for (const auto& m : in.members) member_by_id[m.id] = &m;
  bool has_groups = std::any_of(in.orgs.begin(), in.orgs.end(), [](const domain::PartyOrg& o) {
    return o.kind == domain::PartyOrgKind::kGroup;
  });
  std::set<Id> leaders;
  for (const auto& org : in.orgs) {
    if (has_groups && org.kind != domain::PartyOrgKind::kGroup) continue;
    auto it = org.leader_member_id ? member_by_id.find(*org.leader_member_id) : member_by_id.end();
    if (it == member_by_id.end()) {
      in.leaderless.push_back(org);
      continue;
    }
    if (!leaders.insert(it->first).second) continue;
    const NetworkMember& m = *it->second;
    domain::NetworkCarer carer;
    carer.id = m.id;
    carer.capacity = m.away || !m.can_take_households ? 0 : in.settings.members_per_leader;
    carer.place = {m.lat, m.lng, std::to_string(m.region_id), std::nullopt};
    fp = Mix(Mix(fp, carer.id), carer.capacity);
    in.leader_builder.carers.push_back(std::move(carer));
  }
  for (const auto& m : in.members) {
    if (leaders.count(m.id)) continue;
    in.leader_builder.wards.push_back(
        {m.id, {m.lat, m.lng, std::to_string(m.region_id), std::nullopt}});
  }
  for (const auto& link : in.leader_links) {
    in.leader_builder.existing.push_back(
        {link.leader_member_id, link.member_id, ToBuilderKind(link.kind), 0});
    fp = Mix(Mix(Mix(Mix(fp, link.id), link.leader_member_id), link.member_id),
             static_cast<std::int64_t>(link.kind));
  }
  in.fingerprint = fp;
  return in;
}

NetworkPreview NetworkService::StorePlan(const VillageInput& input, const domain::NetworkPlan& plan,
                                         const domain::NetworkPlan* leader_plan, double solve_ms,
                                         domain::Epoch now) {
  std::unordered_map<Id, const NetworkMember*> members;
  for (const auto& m : input.members) members[m.id] = &m;
  std::unordered_map<Id, const NetworkHousehold*> households;
  for (const auto& h : input.households) households[h.id] = &h;
  std::unordered_map<Id, const domain::ContactLink*> link_of_household;
  for (const auto& l : input.links) link_of_household[l.household_id] = &l;

  auto to_plan_link = [&](const domain::NetworkLink& link, bool existing) {
    PlanLink out;
    out.member_id = link.carer_id;
    out.household_id = link.ward_id;
    out.kind = FromBuilderKind(link.kind);
    out.distance_m = link.distance_m;
    if (auto it = members.find(link.carer_id); it != members.end()) {
      out.member_name = it->second->name;
    }
    if (auto it = households.find(link.ward_id); it != households.end()) {
      out.household_address = it->second->address;
    }
    if (existing) {
      if (auto it = link_of_household.find(link.ward_id);
          it != link_of_household.end() && it->second->member_id == link.carer_id) {
        out.link_id = it->second->id;
        if (out.member_name.empty()) out.member_name = it->second->member_name;
        if (out.household_address.empty()) out.household_address = it->second->household_address;
      }
    }
    return out;
  };

  NetworkPreview preview;
  preview.region_id = input.village.id;
  for (const auto& l : plan.diff.added) preview.added.push_back(to_plan_link(l, false));
  for (const auto& l : plan.diff.removed) preview.removed.push_back(to_plan_link(l, true));
  for (const auto& l : plan.diff.kept) preview.kept.push_back(to_plan_link(l, true));
  for (const auto& u : plan.uncovered) {
    PlanUncovered out;
    out.household_id = u.ward_id;
    if (auto it = households.find(u.ward_id); it != households.end()) {
      out.address = it->second->address;
    }
    out.reason = ReasonCode(u.reason);
    preview.uncovered.push_back(std::move(out));
  }
  for (const auto& load : plan.loads) {
    PlanLoad out;
    out.member_id = load.carer_id;
    out.capacity = load.capacity;
    out.households = load.load;
    if (auto it = members.find(load.carer_id); it != members.end()) out.name = it->second->name;
    preview.loads.push_back(std::move(out));
  }
  preview.total_metres = plan.total_distance_m;
  preview.solve_ms = solve_ms;

  if (leader_plan) {
    std::unordered_map<Id, const domain::LeaderLink*> leader_link_of_member;
    for (const auto& l : input.leader_links) leader_link_of_member[l.member_id] = &l;
    auto name_of = [&](Id id) {
      auto it = members.find(id);
      return it == members.end() ? std::string() : it->second->name;
    };
    auto to_leader_link = [&](const domain::NetworkLink& link, bool existing) {
      PlanLeaderLink out;
      out.leader_member_id = link.carer_id;
      out.leader_name = name_of(link.carer_id);
      out.member_id = link.ward_id;
      out.member_name = name_of(link.ward_id);
      out.kind = FromBuilderKind(link.kind);
      out.distance_m = link.distance_m;
      if (existing) {
        if (auto it = leader_link_of_member.find(link.ward_id);
            it != leader_link_of_member.end() && it->second->leader_member_id == link.carer_id) {
          out.link_id = it->second->id;
          if (out.member_name.empty()) out.member_name = it->second->member_name;
        }
      }
      return out;
    };
    LeaderPreview leaders;
    for (const auto& l : leader_plan->diff.added) leaders.added.push_back(to_leader_link(l, false));
    for (const auto& l : leader_plan->diff.removed) {
      leaders.removed.push_back(to_leader_link(l, true));
    }
    for (const auto& l : leader_plan->diff.kept) leaders.kept.push_back(to_leader_link(l, true));
    for (const auto& u : leader_plan->uncovered) {
      leaders.uncovered.push_back({u.ward_id, name_of(u.ward_id), ReasonCode(u.reason)});
    }
    for (const auto& load : leader_plan->loads) {
      leaders.loads.push_back({load.carer_id, name_of(load.carer_id), load.capacity, load.load});
    }
    leaders.groups_without_leader = input.leaderless;
    preview.leaders = std::move(leaders);
  }

  // Kept in the database, not in this process: a deployment's other server processes apply it.
  preview.plan_id = RandomPlanId();
  StoredNetworkPlan stored;
  stored.id = preview.plan_id;
  stored.region_id = input.village.id;
  stored.fingerprint = std::to_string(input.fingerprint);
  stored.body = EncodePlan(plan, leader_plan);
  stored.created_at = now;
  stored.expires_at = now + kPlanLifetime;
  auto tx = store_.Begin();
  tx->Network().DeleteNetworkPlansExpiredBy(now);
  tx->Network().InsertNetworkPlan(stored);
  tx->Commit();
  return preview;
}

ApplyResult NetworkService::WritePlan(StoreTx& tx, const Actor& actor, const VillageInput& input,
                                      const domain::NetworkPlan& plan,
                                      const domain::NetworkPlan* leader_plan, bool audit) {
  auto& repo = tx.Network();
  std::unordered_map<Id, const domain::ContactLink*> link_of_household;
  for (const auto& l : input.links) link_of_household[l.household_id] = &l;
  ApplyResult result;
  result.region_id = input.village.id;
  for (const auto& removed : plan.diff.removed) {
    auto it = link_of_household.find(removed.ward_id);
    if (it == link_of_household.end() || it->second->member_id != removed.carer_id) continue;
    repo.DeleteLink(it->second->id);
    ++result.removed;
  }
  std::vector<domain::ContactLink> added;
  added.reserve(plan.diff.added.size());
  for (const auto& link : plan.diff.added) {
    domain::ContactLink row;
    row.id = domain::NewId();
    row.member_id = link.carer_id;
    row.household_id = link.ward_id;
    row.kind = FromBuilderKind(link.kind);
    row.created_at = actor.now;
    if (actor.user.id != 0) row.created_by = actor.user.id;
    added.push_back(std::move(row));
  }
  if (!added.empty()) repo.BulkInsertLinks(added);
  result.added = static_cast<std::int64_t>(added.size());
  result.kept = static_cast<std::int64_t>(plan.diff.kept.size());
  if (leader_plan) {
    std::unordered_map<Id, const domain::LeaderLink*> leader_link_of_member;
    for (const auto& l : input.leader_links) leader_link_of_member[l.member_id] = &l;
    for (const auto& removed : leader_plan->diff.removed) {
      auto it = leader_link_of_member.find(removed.ward_id);
      if (it == leader_link_of_member.end() || it->second->leader_member_id != removed.carer_id) {
        continue;
      }
      repo.DeleteLeaderLink(it->second->id);
      ++result.leader_removed;
    }
    for (const auto& link : leader_plan->diff.added) {
      domain::LeaderLink row;
      row.id = domain::NewId();
      row.leader_member_id = link.carer_id;
      row.member_id = link.ward_id;
      row.kind = FromBuilderKind(link.kind);
      row.created_at = actor.now;
      repo.InsertLeaderLink(row);
      ++result.leader_added;
    }
    result.leader_kept = static_cast<std::int64_t>(leader_plan->diff.kept.size());
  }
  if (audit) {
    RecordAudit(tx, actor, "network.apply", "region", input.village.id, "",
                JsonObjectWriter()
                    .Add("added", result.added)
                    .Add("removed", result.removed)
                    .Add("kept", result.kept)
                    .Add("uncovered", static_cast<std::int64_t>(plan.uncovered.size()))
                    .Add("leader_added", result.leader_added)
                    .Add("leader_removed", result.leader_removed)
                    .Add("leader_kept", result.leader_kept)
                    .Finish());
  }
  return result;
}

NetworkPreview NetworkService::Preview(const Actor& actor, Id village_id) {
  const std::string village_level = VillageLevelName();
  auto tx = store_.BeginRead();
  domain::Region village = LoadRegion(*tx, village_id);
  if (village.level != domain::RegionLevel::kVillage) {
    throw domain::InvalidInput("network.not_village", "请选择一个" + village_level);
  }
  RequireOrganiser(actor, village.path);
  VillageInput input = LoadVillageInput(*tx, village, actor.now);
  auto start = std::chrono::steady_clock::now();
  domain::NetworkPlan plan = domain::BuildNetwork(input.builder, OptionsOf(input.settings));
  domain::NetworkPlan leader_plan =
      domain::BuildNetwork(input.leader_builder, OptionsOf(input.settings));
  return StorePlan(input, plan, &leader_plan, MillisSince(start), actor.now);
}

ApplyResult NetworkService::Apply(const Actor& actor, const std::string& plan_id) {
  const auto not_found = [] {
    return domain::NotFound("network.plan_not_found", "方案不存在或已过期，请重新预览");
  };
  auto tx = store_.Begin();
  const std::optional<StoredNetworkPlan> row = tx->Network().FindNetworkPlan(plan_id);
  if (!row || row->expires_at <= actor.now) throw not_found();
  domain::Region village = LoadRegion(*tx, row->region_id);
  RequireOrganiser(actor, village.path);
  StoredPlan stored;
  DecodePlan(row->body, stored.plan, stored.leader_plan);
  VillageInput input = LoadVillageInput(*tx, village, actor.now);
  if (std::to_string(input.fingerprint) != row->fingerprint) {
    throw domain::Conflict("network.plan_stale",
                           "预览之后本村的户、党员或联系关系已有变化，请重新预览");
  }
  // Applied once: of two processes applying the same plan at once, the second deletes nothing.
  if (!tx->Network().DeleteNetworkPlan(plan_id)) throw not_found();
  ApplyResult result = WritePlan(*tx, actor, input, stored.plan,
                                 stored.leader_plan ? &*stored.leader_plan : nullptr, true);
  NotifyPlanApplied(notifier_, *tx, actor, stored.plan,
                    stored.leader_plan ? &*stored.leader_plan : nullptr);
  tx->Commit();
  return result;
}

CountyBuildResult NetworkService::BuildCounty(const Actor& actor, bool apply,
                                              std::optional<Id> region_id) {
  auto start = std::chrono::steady_clock::now();
  CountyBuildResult result;
  result.applied = apply;
  std::vector<domain::Region> villages;
  {
    auto tx = store_.BeginRead();
    std::string prefix = actor.user.scope_region_path;
    if (region_id) prefix = LoadRegion(*tx, *region_id).path;
    RequireOrganiser(actor, prefix);
    villages = tx->Registry().ListRegionsUnder(prefix, domain::RegionLevel::kVillage);
  }
  // One transaction per township (villages are ordered by path, so a township's are adjacent).
  std::size_t i = 0;
  while (i < villages.size()) {
    std::optional<Id> township = villages[i].parent_id;
    auto tx = apply ? store_.Begin() : store_.BeginRead();
    std::int64_t added = 0, removed = 0;
    for (; i < villages.size() && villages[i].parent_id == township; ++i) {
      VillageInput input = LoadVillageInput(*tx, villages[i], actor.now);
      auto solve_start = std::chrono::steady_clock::now();
      domain::NetworkPlan plan = domain::BuildNetwork(input.builder, OptionsOf(input.settings));
      domain::NetworkPlan leader_plan =
          domain::BuildNetwork(input.leader_builder, OptionsOf(input.settings));
      result.solve_ms += MillisSince(solve_start);
      result.leader_links += static_cast<std::int64_t>(leader_plan.links.size());
      result.members_unled += static_cast<std::int64_t>(leader_plan.uncovered.size());
      ++result.villages;
      result.households += static_cast<std::int64_t>(input.households.size());
      result.links += static_cast<std::int64_t>(plan.links.size());
      result.uncovered += static_cast<std::int64_t>(plan.uncovered.size());
      result.added += static_cast<std::int64_t>(plan.diff.added.size());
      result.removed += static_cast<std::int64_t>(plan.diff.removed.size());
      added += static_cast<std::int64_t>(plan.diff.added.size());
      removed += static_cast<std::int64_t>(plan.diff.removed.size());
      if (apply) WritePlan(*tx, actor, input, plan, &leader_plan, false);
    }
    if (apply) {
      RecordAudit(*tx, actor, "network.build", "region", township.value_or(0), "",
                  JsonObjectWriter().Add("added", added).Add("removed", removed).Finish());
      tx->Commit();
    }
  }
  result.total_ms = MillisSince(start);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Member status repairs.

NetworkPreview NetworkService::ChangeMemberStatus(const Actor& actor, Id member_id,
                                                  const MemberStatusInput& status) {
  domain::PartyMember member;
  {
    auto tx = store_.Begin();
    auto found = tx->Registry().FindPartyMember(member_id);
    if (!found) throw domain::NotFound("party_member.not_found", "党员不存在");
    member = *found;
    const domain::PartyMember before_change = member;
    RequireOrganiser(actor, member.region_path);
    std::string before = Snapshot(member);
    if (status.away) member.away = *status.away;
    if (status.can_take_households) member.can_take_households = *status.can_take_households;
    if (status.capacity) {
      if (*status.capacity < 0 || *status.capacity > 100) {
        throw domain::InvalidInput(
            "validation.failed", "输入有误",
            {{"capacity", "network.capacity_invalid", "联系户数应在0到100之间"}});
      }
      member.capacity = *status.capacity;
    }
    if (status.deceased) {
      member.can_take_households = false;
      member.capacity = 0;
    }
    tx->Registry().UpdatePartyMember(member);
    RecordAudit(*tx, actor, status.deceased ? "party_member.deceased" : "party_member.status",
                "party_member", member.id, before, Snapshot(member));
    NotifyMemberStatus(notifier_, *tx, actor, before_change, member, status.deceased);
    tx->Commit();
  }
  const std::string village_level = VillageLevelName();
  auto tx = store_.BeginRead();
  auto village = VillageOf(*tx, member.region_path);
  if (!village) throw domain::InvalidInput("network.not_village", "该党员不在任何" + village_level);
  VillageInput input = LoadVillageInput(*tx, *village, actor.now);
  std::vector<Id> departed;
  if (status.deceased || member.away || !member.can_take_households) departed.push_back(member.id);
  auto start = std::chrono::steady_clock::now();
  domain::NetworkPlan plan =
      domain::RepairNetwork(input.builder, departed, OptionsOf(input.settings));
  return StorePlan(input, plan, nullptr, MillisSince(start), actor.now);
}

}  // namespace minqing::app
