// Reading the contact network: the village tree, coverage and a party member's own page.
#include <algorithm>
#include <map>
#include <unordered_map>
#include <vector>

#include "app/network_internal.hpp"
#include "app/network_service.hpp"
#include "domain/errors.hpp"

namespace minqing::app {

using namespace network_internal;  // NOLINT(google-build-using-namespace): this area's helpers.

VillageNetwork NetworkService::GetVillage(const Actor& actor, Id village_id) {
  auto tx = store_.BeginRead();
  VillageNetwork out;
  out.region = LoadRegion(*tx, village_id);
  if (!IsReader(actor, out.region.path)) Deny("无权访问该村的联系网络");
  VillageInput input = LoadVillageInput(*tx, out.region, actor.now);
  out.settings = input.settings;

  std::unordered_map<Id, std::vector<domain::ContactLink>> links_of_member;
  for (const auto& link : input.links) links_of_member[link.member_id].push_back(link);
  std::unordered_map<Id, const NetworkMember*> member_by_id;
  for (const auto& m : input.members) member_by_id[m.id] = &m;

  std::unordered_map<Id, domain::LeaderLink> leader_link_of_member;
  for (const auto& l : input.leader_links) leader_link_of_member[l.member_id] = l;
  std::unordered_map<Id, std::size_t> group_index;
  std::unordered_map<Id, std::size_t> group_of_leader;  // A leader's first group.
  for (const auto& org : input.orgs) {
    NetworkTreeGroup group;
    group.org = org;
    if (org.leader_member_id) {
      if (auto it = member_by_id.find(*org.leader_member_id); it != member_by_id.end()) {
        group.leader = *it->second;
        auto [pos, inserted] = group_of_leader.emplace(it->first, out.groups.size());
        if (!inserted && org.kind == domain::PartyOrgKind::kGroup &&
            out.groups[pos->second].org.kind == domain::PartyOrgKind::kBranch) {
          pos->second = out.groups.size();  // Groups before branches.
        }
      }
    }
    group_index[org.id] = out.groups.size();
    out.groups.push_back(std::move(group));
  }
  for (const auto& m : input.members) {
    auto it = group_index.find(m.org_id);
    if (it == group_index.end()) {
      domain::PartyOrg other;
      other.name = "其他党员";
      group_index[m.org_id] = out.groups.size();
      out.groups.push_back({other, std::nullopt, {}, {}});
      it = group_index.find(m.org_id);
    }
    NetworkTreeMember tree_member;
    tree_member.member = m;
    tree_member.capacity = input.capacity[m.id];
    tree_member.households = std::move(links_of_member[m.id]);
    if (auto link = leader_link_of_member.find(m.id); link != leader_link_of_member.end()) {
      tree_member.leader_link = link->second;
    }
    out.groups[it->second].members.push_back(std::move(tree_member));
  }
  for (const auto& link : input.leader_links) {
    auto it = group_of_leader.find(link.leader_member_id);
    if (it != group_of_leader.end()) out.groups[it->second].led_members.push_back(link);
  }
  out.groups.erase(std::remove_if(out.groups.begin(), out.groups.end(),
                                  [](const NetworkTreeGroup& g) {
                                    return g.members.empty() && g.led_members.empty() &&
                                           g.org.kind == domain::PartyOrgKind::kBranch;
                                  }),
                   out.groups.end());
  out.uncovered = tx->Network().ListUncovered(out.region.path, {0, 500, ""}).items;
  region_labels_.Fill(actor, out.uncovered);

  // Card codes: whoever may print the village's cards (VillageCards) reads them here too.
  std::vector<Id> missing;
  for (const auto& h : input.households) {
    if (auto code = tx->Network().FindCardCode(h.id)) {
      out.card_codes[h.id] = *code;
    } else {
      missing.push_back(h.id);
    }
  }
  tx.reset();
  if (!missing.empty()) {
    auto write = store_.Begin();
    for (Id id : missing) out.card_codes[id] = EnsureCardCode(*write, id);
    write->Commit();
  }
  return out;
}

CoverageReport NetworkService::Coverage(const Actor& actor, std::optional<Id> region_id,
                                        const domain::PageRequest& uncovered_page) {
  auto tx = store_.BeginRead();
  domain::Region region;
  if (region_id) {
    region = LoadRegion(*tx, *region_id);
  } else if (actor.user.scope_region_id) {
    region = LoadRegion(*tx, *actor.user.scope_region_id);
  } else {
    auto roots = tx->Registry().ListRegionChildren(std::nullopt);
    if (roots.empty()) throw domain::NotFound("region.not_found", "尚无区域");
    region = roots.front();
  }
  if (!IsReader(actor, region.path)) Deny("无权访问该区域的数据");
  auto& repo = tx->Network();
  CoverageReport report;
  report.region = repo.CoverageOf(region.id);
  if (report.region.region_name.empty()) report.region.region_name = region.name;
  if (region.level != domain::RegionLevel::kGroup)
    report.children = repo.CoverageByChild(region.id);
  std::map<std::int64_t, std::int64_t> histogram;
  std::int64_t with_households = 0;
  for (const auto& [member, load] : repo.MemberLoads(region.path)) {
    if (load <= 0) continue;
    ++histogram[load];
    ++with_households;
  }
  std::int64_t without = report.region.members - with_households;
  if (without > 0) histogram[0] += without;
  for (const auto& [households, members] : histogram) {
    report.load_histogram.push_back({households, members});
  }
  domain::PageRequest page = uncovered_page;
  page.limit = std::clamp<std::int64_t>(page.limit, 1, 200);
  report.uncovered = repo.ListUncovered(region.path, page);
  region_labels_.Fill(actor, report.uncovered.items);
  return report;
}

MyNetwork NetworkService::My(const Actor& actor) {
  auto tx = store_.BeginRead();
  auto member = ActingMember(*tx, actor);
  if (!member) throw domain::Forbidden("network.not_member", "当前用户不是党员");
  MyNetwork out;
  out.member = *member;
  auto& repo = tx->Network();
  auto pending = repo.ListPendingDeliveriesOfMember(member->id);
  auto events = repo.ListHouseholdEvents("", member->id, false);
  std::unordered_map<Id, std::optional<domain::Notice>> notices;
  for (const auto& link : repo.ListLinksOfMember(member->id)) {
    auto household = tx->Registry().FindHousehold(link.household_id);
    if (!household) continue;
    MyHousehold mine;
    mine.household = *household;
    if (mine.household.head_name.empty()) mine.household.head_name = link.head_name;
    mine.link_kind = link.kind;
    for (const auto& d : pending) {
      if (d.household_id != household->id) continue;
      auto notice = notices.find(d.notice_id);
      if (notice == notices.end()) {
        notice = notices.emplace(d.notice_id, repo.FindNotice(d.notice_id)).first;
      }
      MyNotice item;
      item.delivery = d;
      if (notice->second) {
        item.title = notice->second->title;
        item.kind = notice->second->kind;
        item.due_at = notice->second->due_at;
      }
      mine.pending_notices.push_back(std::move(item));
    }
    MatterFilter open;
    open.household_id = household->id;
    open.statuses = {domain::MatterStatus::kAccepted, domain::MatterStatus::kDispatched,
                     domain::MatterStatus::kInProgress, domain::MatterStatus::kReplied};
    mine.open_matters = tx->Matters().ListMatters(open, {0, 20, "-accepted_at"}).items;
    for (const auto& e : events) {
      if (e.household_id == household->id) mine.events.push_back(e);
    }
    std::stable_partition(mine.events.begin(), mine.events.end(),
                          [](const domain::HouseholdEvent& e) { return !e.attended_at; });
    VisitFilter filter;
    filter.household_id = household->id;
    auto visits = repo.ListVisits(filter, {0, 1, ""});
    if (!visits.items.empty()) mine.last_visit_at = visits.items.front().visited_at;
    filter.confirmed = true;
    auto confirmed = repo.ListVisits(filter, {0, 1, ""});
    if (!confirmed.items.empty()) mine.last_confirmed_visit_at = confirmed.items.front().visited_at;
    out.households.push_back(std::move(mine));
  }
  out.leader = LeaderOfMember(*tx, *member);
  return out;
}

}  // namespace minqing::app
