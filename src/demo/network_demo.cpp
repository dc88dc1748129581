#include "demo/network_demo.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "app/audit.hpp"
#include "app/network_internal.hpp"
#include "app/services.hpp"

namespace minqing::demo {

using app::Actor;
using app::JsonObjectWriter;
using app::NetworkMember;
using app::SystemActor;
using domain::Id;
namespace network_internal = app::network_internal;

namespace {

// Raoyang: 92% of rural members take part. A few able members end up with no household (their
// neighbours are closer to others), so a little more than 92% are made able.
constexpr double kInvolvedShare = 0.922;
constexpr double kCapacitySlack = 1.03;  // Able capacity per village: 3% above its households.
constexpr std::int64_t kMaxDemoCapacity = 15;

std::uint64_t Scramble(std::int64_t id) {
  auto x = static_cast<std::uint64_t>(id) * 0x9E3779B97F4A7C15ULL;
  return x ^ (x >> 31);
}

}  // namespace

app::CountyBuildResult LoadDemoNetwork(app::Services& services, domain::Epoch now) {
  Actor system = SystemActor(now, domain::Channel::kSystem);
  const int year = network_internal::YearOf(now);
  auto able = [&](const NetworkMember& m) {
    int age = m.birth_date.size() >= 4 ? year - std::stoi(m.birth_date.substr(0, 4)) : 0;
    return m.can_take_households && !m.away && m.capacity > 0 && age <= 75;
  };
  {
    auto tx = services.store->Begin();
    auto villages = tx->Registry().ListRegionsUnder("", domain::RegionLevel::kVillage);
    struct Village {
      std::int64_t households = 0;
      std::vector<NetworkMember> members;
    };
    std::vector<Village> data;
    std::int64_t total = 0, able_count = 0;
    std::vector<const NetworkMember*> returnable;
    data.reserve(villages.size());
    for (const auto& v : villages) {
      Village village;
      village.households =
          static_cast<std::int64_t>(tx->Network().ListNetworkHouseholds(v.path).size());
      village.members = tx->Network().ListNetworkMembers(v.path);
      data.push_back(std::move(village));
    }
    for (const auto& v : data) {
      for (const auto& m : v.members) {
        ++total;
        if (able(m)) ++able_count;
      }
    }
    // Members working away (流动) who came back home make up the share: in the demo, as in
    // Raoyang, most away members still keep in touch with a few households.
    std::set<Id> returned;
    std::int64_t missing =
        static_cast<std::int64_t>(std::ceil(kInvolvedShare * total)) - able_count;
    if (missing > 0) {
      std::vector<const NetworkMember*> candidates;
      for (const auto& v : data) {
        for (const auto& m : v.members) {
          int age = m.birth_date.size() >= 4 ? year - std::stoi(m.birth_date.substr(0, 4)) : 0;
          if (!able(m) && age <= 75) candidates.push_back(&m);
        }
      }
      std::sort(candidates.begin(), candidates.end(),
                [](const auto* a, const auto* b) { return Scramble(a->id) < Scramble(b->id); });
      for (std::size_t i = 0; i < candidates.size() && missing > 0; ++i, --missing) {
        returned.insert(candidates[i]->id);
      }
    }
    // Each village's able capacity is fitted to its households, so that nearly every able member
    // takes some households instead of a few taking all.
    std::int64_t changed = 0;
    for (auto& v : data) {
      std::unordered_map<Id, std::int64_t> base;
      std::int64_t sum = 0;
      for (const auto& m : v.members) {
        std::int64_t c = 0;
        if (returned.count(m.id)) {
          c = 5 + static_cast<std::int64_t>(Scramble(m.id) % 4);  // 5–8 households.
        } else if (able(m)) {
          c = m.capacity;
        }
        if (c > 0) {
          base[m.id] = c;
          sum += c;
        }
      }
      double factor = sum > 0 ? kCapacitySlack * static_cast<double>(v.households) / sum : 1.0;
      for (const auto& m : v.members) {
        auto it = base.find(m.id);
        if (it == base.end()) continue;
        std::int64_t capacity = std::clamp<std::int64_t>(
            std::llround(static_cast<double>(it->second) * factor), 1, kMaxDemoCapacity);
        if (capacity == m.capacity && !returned.count(m.id)) continue;
        auto member = tx->Registry().FindPartyMember(m.id);
        if (!member) continue;
        member->capacity = capacity;
        if (returned.count(m.id)) {
          member->away = false;
          member->can_take_households = true;
        }
        tx->Registry().UpdatePartyMember(*member);
        ++changed;
      }
    }
    RecordAudit(*tx, system, "demo.network_capacities", "region",
                villages.empty() ? 0 : villages.front().id, "",
                JsonObjectWriter()
                    .Add("members", total)
                    .Add("returned_home", static_cast<std::int64_t>(returned.size()))
                    .Add("capacities_changed", changed)
                    .Finish());
    tx->Commit();
  }
  return services.network.BuildCounty(system, true);
}

}  // namespace minqing::demo
