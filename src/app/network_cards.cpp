// Contact cards, the public board (公开栏) and the household's public page of NetworkService.
#include <algorithm>
#include <map>
#include <random>
#include <tuple>

#include "app/contact_card_pdf.hpp"
#include "app/network_internal.hpp"
#include "app/network_service.hpp"
#include "app/posting_service.hpp"
#include "app/region_tree.hpp"
#include "domain/errors.hpp"

namespace minqing::app {

using namespace network_internal;  // NOLINT(google-build-using-namespace): this area's helpers.

namespace {

// No 0/O, 1/I/L: easy to read out over the phone and to type from a card.
constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
constexpr int kCodeLength = 6;

std::string RandomCardCode() {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  std::uniform_int_distribution<std::size_t> pick(0, kCodeAlphabet.size() - 1);
  std::string code;
  for (int i = 0; i < kCodeLength; ++i) code += kCodeAlphabet[pick(rng)];
  return code;
}

std::pair<std::string, std::string> VillageAssistant(StoreTx& tx, Id village_id,
                                                     domain::Epoch now) {
  // The current village affairs assistant posting (驻村) first, then the assistant named on the
  // village's station, else the village's first assistant account.
  if (auto posting = PostingService::CurrentAssistant(tx, village_id, now)) {
    return {posting->user_name, posting->user_phone};
  }
  if (auto station = tx.Network().FindStation(village_id); station && station->assistant_user_id) {
    if (auto user = tx.Accounts().FindUser(*station->assistant_user_id); user && user->active) {
      return {user->display_name.empty() ? user->username : user->display_name, user->phone};
    }
  }
  for (std::int64_t offset = 0;; offset += 200) {
    auto page = tx.Accounts().ListUsers({offset, 200, ""});
    for (const auto& user : page.items) {
      if (user.role == domain::Role::kVillageAssistant && user.active &&
          user.scope_region_id == village_id) {
        return {user.display_name.empty() ? user.username : user.display_name, user.phone};
      }
    }
    if (page.items.size() < 200) break;
  }
  return {};
}

std::string HeadName(StoreTx& tx, const domain::Household& household) {
  if (!household.head_name.empty()) return household.head_name;
  auto residents = tx.Registry().ListHouseholdResidents(household.id);
  return residents.empty() ? std::string() : residents.front().name;
}

// "王**": the surname and a star per further character.
std::string MaskedName(const std::string& name) {
  if (name.empty()) return name;
  std::size_t first = 1;
  while (first < name.size() && (static_cast<unsigned char>(name[first]) & 0xC0) == 0x80) ++first;
  std::string out = name.substr(0, first);
  for (std::size_t i = first; i < name.size(); ++i) {
    if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80) out += "*";
  }
  return out;
}

}  // namespace

std::string NetworkService::EnsureCardCode(StoreTx& tx, Id household_id) {
  auto& repo = tx.Network();
  if (auto code = repo.FindCardCode(household_id)) return *code;
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::string code = RandomCardCode();
    if (repo.FindHouseholdByCardCode(code)) continue;
    repo.UpsertCardCode(household_id, code);
    return code;
  }
  throw domain::Conflict("card.code_exhausted", "无法生成联系卡确认码");
}

ContactCardData NetworkService::CardOf(StoreTx& tx, const domain::Household& household,
                                       const std::string& village_name,
                                       const std::string& assistant_name,
                                       const std::string& assistant_phone,
                                       const std::string& village_level) {
  ContactCardData card;
  card.village_level = village_level;
  card.household_id = household.id;
  card.village_name = village_name;
  card.household_address = household.address;
  card.head_name = HeadName(tx, household);
  card.assistant_name = assistant_name;
  card.assistant_phone = assistant_phone;
  card.station_hours = DefaultStationHours(village_level);
  if (auto village = VillageOf(tx, household.region_path)) {
    if (auto station = tx.Network().FindStation(village->id)) {
      card.station_hours =
          (station->place.empty() ? village_level + "综合服务站" : station->place) + "：" +
          station->hours;
      if (!station->phone.empty()) card.station_hours += "；电话 " + station->phone;
    }
  }
  if (auto code = tx.Network().FindCardCode(household.id)) card.card_code = *code;
  card.public_url =
      (links_ ? links_->Base() : std::string(PublicLinks::kDefaultBase)) + "/h/" + card.card_code;
  if (auto link = tx.Network().FindLinkOfHousehold(household.id)) {
    if (auto member = tx.Registry().FindPartyMember(link->member_id)) {
      card.member_name = member->name;
      card.member_phone = member->phone;
      // The leader who looks after this member (一人联十人), else the leader of their group.
      if (auto leader = LeaderOfMember(tx, *member)) {
        card.leader_name = leader->name;
        card.leader_phone = leader->phone;
      } else {
        card.member_leads_group = LeadsAGroup(tx, *member);
      }
    }
  }
  return card;
}

std::string NetworkService::VillageLevelName() {
  const domain::RegionLevels levels =
      levels_ ? levels_() : ConfiguredRegionLevels(*store_.BeginRead());
  return levels.Name(domain::RegionLevel::kVillage);
}

std::vector<ContactCardData> NetworkService::VillageCards(const Actor& actor, Id village_id) {
  const std::string village_level = VillageLevelName();
  auto tx = store_.Begin();
  domain::Region village = LoadRegion(*tx, village_id);
  if (!IsReader(actor, village.path)) Deny("无权打印该村的联系卡");
  if (village.level != domain::RegionLevel::kVillage) {
    throw domain::InvalidInput("network.not_village", "请选择一个" + village_level);
  }
  auto [assistant_name, assistant_phone] = VillageAssistant(*tx, village.id, actor.now);
  std::vector<ContactCardData> cards;
  for (const auto& h : tx->Network().ListNetworkHouseholds(village.path)) {
    EnsureCardCode(*tx, h.id);
    auto household = tx->Registry().FindHousehold(h.id);
    if (!household) continue;
    cards.push_back(
        CardOf(*tx, *household, village.name, assistant_name, assistant_phone, village_level));
  }
  tx->Commit();
  return cards;
}

std::string NetworkService::VillageCardsPdf(const Actor& actor, Id village_id) {
  return RenderContactCardsPdf(VillageCards(actor, village_id));
}

std::string NetworkService::HouseholdCardPdf(const Actor& actor, Id household_id) {
  ContactCardData card;
  const std::string village_level = VillageLevelName();
  {
    auto tx = store_.Begin();
    domain::Household household = LoadHousehold(*tx, household_id);
    RequireHouseholdAccess(*tx, actor, household);
    auto village = VillageOf(*tx, household.region_path);
    std::string village_name = village ? village->name : household.region_name;
    auto [assistant_name, assistant_phone] = village ? VillageAssistant(*tx, village->id, actor.now)
                                                     : std::pair<std::string, std::string>();
    EnsureCardCode(*tx, household.id);
    card = CardOf(*tx, household, village_name, assistant_name, assistant_phone, village_level);
    tx->Commit();
  }
  return RenderContactCardsPdf({card});
}

PublicBoard NetworkService::Board(Id village_id, domain::Epoch now) {
  const std::string village_level = VillageLevelName();
  auto tx = store_.BeginRead();
  domain::Region village = LoadRegion(*tx, village_id);
  if (village.level != domain::RegionLevel::kVillage) {
    throw domain::NotFound("region.not_found", village_level + "不存在");
  }
  PublicBoard board;
  board.village_name = village.name;
  std::tie(board.assistant_name, board.assistant_phone) = VillageAssistant(*tx, village.id, now);
  std::map<Id, std::size_t> index;
  for (const auto& link : tx->Network().ListLinks(village.path)) {
    auto it = index.find(link.member_id);
    if (it == index.end()) {
      it = index.emplace(link.member_id, board.members.size()).first;
      board.members.push_back({link.member_name, {}});
    }
    board.members[it->second].households.push_back(link.head_name);
  }
  FillBoard(*tx, village, now, village_level, board);
  return board;
}

ContactCardData NetworkService::PublicHousehold(const std::string& card_code, domain::Epoch now) {
  std::string code = Trim(card_code);
  std::transform(code.begin(), code.end(), code.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const std::string village_level = VillageLevelName();
  auto tx = store_.BeginRead();
  auto household_id = tx->Network().FindHouseholdByCardCode(code);
  if (!household_id) throw domain::NotFound("card.not_found", "联系卡不存在");
  domain::Household household = LoadHousehold(*tx, *household_id);
  auto village = VillageOf(*tx, household.region_path);
  auto [assistant_name, assistant_phone] =
      village ? VillageAssistant(*tx, village->id, now) : std::pair<std::string, std::string>();
  ContactCardData card = CardOf(*tx, household, village ? village->name : household.region_name,
                                assistant_name, assistant_phone, village_level);
  // The public page shows names, not the household's full address or head.
  card.household_address.clear();
  card.head_name = MaskedName(card.head_name);
  return card;
}

}  // namespace minqing::app
