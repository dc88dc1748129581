// The village board's (公开栏) sections beyond the member → household lists: the party groups
// with their leaders, the 四到户 notices in force, the village's answered matters (no personal
// data) and the station's hours. Called by NetworkService::Board in its read transaction.
#include <algorithm>
#include <map>

#include "app/network_internal.hpp"
#include "app/network_service.hpp"

namespace minqing::app {

using namespace network_internal;  // NOLINT(google-build-using-namespace): this area's helpers.

namespace {

constexpr domain::Epoch kDay = 86400;
// How many notices of each region the board reads (newest first) before filtering.
constexpr std::int64_t kNoticeScan = 200;

// "<place>：<hours>；电话 <phone>" of the village's own station, else the county default.
std::string StationText(StoreTx& tx, Id village_id, const std::string& village_level,
                        const std::string& default_text) {
  auto station = tx.Network().FindStation(village_id);
  if (!station) return default_text;
  std::string text = (station->place.empty() ? village_level + "综合服务站" : station->place) +
                     "：" + station->hours;
  if (!station->phone.empty()) text += "；电话 " + station->phone;
  return text;
}

// The region paths whose notices reach the village: the village and each ancestor ("/1/",
// "/1/2/", "/1/2/3/").
std::vector<std::string> AncestorPaths(const std::string& path) {
  std::vector<std::string> out;
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (path[i] == '/') out.push_back(path.substr(0, i + 1));
  }
  return out;
}

// The due day of a notice: due_at is the end of that day (its last second's successor, 00:00 of
// the next day, network_duties.cpp), so the day of the second before.
std::string DueDay(domain::Epoch due_at) { return DateOf(due_at - 1); }

bool InForce(const domain::Notice& notice, domain::Epoch now, const std::string& today) {
  if (notice.published_at > now) return false;
  if (notice.due_at) return DueDay(*notice.due_at) >= today;
  return notice.published_at >= now - kBoardNoticeDays * kDay;
}

std::vector<PublicBoardNotice> CurrentNotices(StoreTx& tx, const domain::Region& village,
                                              domain::Epoch now, const std::string& today) {
  std::vector<domain::Notice> found;
  for (const auto& path : AncestorPaths(village.path)) {
    // The village's own subtree in full; an ancestor's own notices only (not its other villages').
    const bool own = path == village.path;
    auto page = tx.Network().ListNotices(path, {0, kNoticeScan, "-published_at"});
    for (auto& notice : page.items) {
      if (!own && notice.region_path != path) continue;
      if (InForce(notice, now, today)) found.push_back(std::move(notice));
    }
  }
  std::sort(found.begin(), found.end(), [](const domain::Notice& a, const domain::Notice& b) {
    return a.published_at != b.published_at ? a.published_at > b.published_at : a.id > b.id;
  });
  std::vector<PublicBoardNotice> out;
  for (const auto& n : found) {
    out.push_back({std::string(domain::NoticeKindLabel(n.kind)), n.title, n.body,
                   DateOf(n.published_at), n.due_at ? DueDay(*n.due_at) : std::string()});
  }
  return out;
}

std::vector<PublicBoardMatter> AnsweredMatters(StoreTx& tx, const domain::Region& village) {
  MatterFilter filter;
  filter.region_path_prefix = village.path;
  filter.statuses = {domain::MatterStatus::kReplied, domain::MatterStatus::kClosed};
  filter.without_total = true;
  auto page = tx.Matters().ListMatters(filter, {0, 2 * kBoardMatters, "-updated_at"});
  std::vector<PublicBoardMatter> out;
  for (const auto& m : page.items) {
    // A report (举报) stays off the board even without names: it may point at the reporter.
    if (m.type == domain::MatterType::kReport) continue;
    if (static_cast<int>(out.size()) >= kBoardMatters) break;
    PublicBoardMatter row;
    row.type_label = std::string(domain::MatterTypeLabel(m.type));
    row.category = m.category_name;
    row.status = std::string(domain::MatterStatusCode(m.status));
    row.status_label = std::string(domain::MatterStatusLabel(m.status));
    row.accepted_on = DateOf(m.accepted_at);
    const std::optional<domain::Epoch> answered = m.replied_at ? m.replied_at : m.closed_at;
    if (answered) row.answered_on = DateOf(*answered);
    if (m.closed_at) row.closed_on = DateOf(*m.closed_at);
    row.on_time = answered && (m.due_at == 0 || *answered <= m.due_at);
    row.solved = m.solved;
    row.rating = m.rating;
    out.push_back(std::move(row));
  }
  return out;
}

// The linked members grouped by their party org, with the org's leader.
std::vector<PublicBoardGroup> Groups(StoreTx& tx, const std::vector<domain::ContactLink>& links) {
  std::map<Id, std::size_t> group_of_org;
  std::map<Id, std::pair<std::size_t, std::size_t>> slot_of_member;
  std::vector<PublicBoardGroup> groups;
  for (const auto& link : links) {
    auto slot = slot_of_member.find(link.member_id);
    if (slot == slot_of_member.end()) {
      auto member = tx.Registry().FindPartyMember(link.member_id);
      const Id org_id = member ? member->org_id : 0;
      auto git = group_of_org.find(org_id);
      if (git == group_of_org.end()) {
        PublicBoardGroup group;
        if (org_id != 0) {
          auto org = tx.Registry().FindPartyOrg(org_id);
          if (org) {
            group.name = org->name;
            if (org->leader_member_id) {
              if (auto leader = tx.Registry().FindPartyMember(*org->leader_member_id)) {
                group.leader = leader->name;
              }
            }
          }
        }
        git = group_of_org.emplace(org_id, groups.size()).first;
        groups.push_back(std::move(group));
      }
      auto& members = groups[git->second].members;
      slot = slot_of_member.emplace(link.member_id, std::pair{git->second, members.size()}).first;
      members.push_back({link.member_name, {}});
    }
    groups[slot->second.first].members[slot->second.second].households.push_back(link.head_name);
  }
  return groups;
}

}  // namespace

void NetworkService::FillBoard(StoreTx& tx, const domain::Region& village, domain::Epoch now,
                               const std::string& village_level, PublicBoard& board) {
  board.today = DateOf(now);
  board.groups = Groups(tx, tx.Network().ListLinks(village.path));
  board.notices = CurrentNotices(tx, village, now, board.today);
  board.matters = AnsweredMatters(tx, village);
  board.station_hours =
      StationText(tx, village.id, village_level, DefaultStationHours(village_level));
}

}  // namespace minqing::app
