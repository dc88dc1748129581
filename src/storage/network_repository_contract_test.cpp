// The network repository's contract (1+10 links, duties, diary, card codes): every test runs
// against each backend (SQLite in a temp file, and PostgreSQL when MINQING_TEST_PG_URL names a
// server; scripts/pg_test_server.sh starts one). Each test gets a fresh database.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/errors.hpp"
#include "domain/network.hpp"
#include "storage/sql_store.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Id;
using domain::RegionLevel;
using testing::AddRegion;
using Ids = std::vector<Id>;
using Pairs = std::vector<std::pair<Id, std::int64_t>>;

// County 1 → township 2 → village 3 (groups 31 and 32) and village 4 (no groups).
// Households: 101, 102 in group 31; 103 in group 32; 104 directly in village 3; 201, 202 in
// village 4. Members (party_members id ← resident id): 501 ← head of 101, able; 502 ← head of
// 103, away; 503 ← head of 201, cannot take households; 504 ← head of 202, able.
// Links after SeedLinks(): 501 → 101, 102; 502 → 103; 504 → 201.
// Users: 900 (admin), 901 (a member's account).
class NetworkRepositoryTest : public testing::BackendTest {
 protected:
  static constexpr const char* kVillage3 = "/1/2/3/";
  static constexpr const char* kGroup31 = "/1/2/3/31/";
  static constexpr const char* kGroup32 = "/1/2/3/32/";
  static constexpr const char* kVillage4 = "/1/2/4/";

  static void AddHousehold(app::StoreTx& tx, Id id, Id region_id, const std::string& path,
                           const std::string& address, std::optional<double> lat = std::nullopt) {
    domain::Household h;
    h.id = id;
    h.region_id = region_id;
    h.region_path = path;
    h.number = "H" + std::to_string(id);
    h.address = address;
    h.lat = lat;
    h.lng = lat ? std::optional<double>(116.5) : std::nullopt;
    h.created_at = 100;
    h.updated_at = 100;
    tx.Registry().InsertHousehold(h);
    domain::Resident r;
    r.id = id * 10;
    r.household_id = id;
    r.region_path = path;
    r.name = "户主" + std::to_string(id);
    r.relation = "户主";
    r.birth_date = "1970-01-0" + std::to_string(id % 10);
    r.created_at = 100;
    r.updated_at = 100;
    tx.Registry().InsertResident(r);
  }

  static void AddMember(app::StoreTx& tx, Id id, Id resident_id, Id org_id, const std::string& path,
                        bool away, bool can_take) {
    domain::PartyMember m;
    m.id = id;
    m.resident_id = resident_id;
    m.org_id = org_id;
    m.region_path = path;
    m.away = away;
    m.can_take_households = can_take;
    m.capacity = can_take ? 10 : 0;
    tx.Registry().InsertPartyMember(m);
  }

  static void AddUser(app::StoreTx& tx, Id id, const std::string& name, domain::Role role) {
    domain::User u;
    u.id = id;
    u.username = "u" + std::to_string(id);
    u.display_name = name;
    u.role = role;
    u.created_at = 100;
    tx.Accounts().InsertUser(u);
  }

  static domain::ContactLink Link(Id id, Id member, Id household,
                                  domain::LinkKind kind = domain::LinkKind::kBuilt) {
    domain::ContactLink l;
    l.id = id;
    l.member_id = member;
    l.household_id = household;
    l.kind = kind;
    l.created_at = 1000 + id;
    return l;
  }

  void Seed(app::StoreTx& tx) {
    AddRegion(tx, 1, std::nullopt, RegionLevel::kCounty, "饶阳县", "/1/");
    AddRegion(tx, 2, 1, RegionLevel::kTownship, "饶阳镇", "/1/2/");
    AddRegion(tx, 3, 2, RegionLevel::kVillage, "东村", kVillage3);
    AddRegion(tx, 31, 3, RegionLevel::kGroup, "一组", kGroup31);
    AddRegion(tx, 32, 3, RegionLevel::kGroup, "二组", kGroup32);
    AddRegion(tx, 4, 2, RegionLevel::kVillage, "西村", kVillage4);
    AddHousehold(tx, 101, 31, kGroup31, "东村一组1号", 38.1);
    AddHousehold(tx, 102, 31, kGroup31, "东村一组2号", 38.2);
    AddHousehold(tx, 103, 32, kGroup32, "东村二组1号");
    AddHousehold(tx, 104, 3, kVillage3, "东村村委旁");
    AddHousehold(tx, 201, 4, kVillage4, "西村1号");
    AddHousehold(tx, 202, 4, kVillage4, "西村2号");
    domain::PartyOrg east;
    east.id = 60;
    east.name = "东村党支部";
    east.region_id = 3;
    east.region_path = kVillage3;
    tx.Registry().InsertPartyOrg(east);
    domain::PartyOrg west = east;
    west.id = 61;
    west.name = "西村党支部";
    west.region_id = 4;
    west.region_path = kVillage4;
    tx.Registry().InsertPartyOrg(west);
    AddMember(tx, 501, 1010, 60, kGroup31, false, true);
    AddMember(tx, 502, 1030, 60, kGroup32, true, true);
    AddMember(tx, 503, 2010, 61, kVillage4, false, false);
    AddMember(tx, 504, 2020, 61, kVillage4, false, true);
    AddUser(tx, 900, "管理员", domain::Role::kAdmin);
    AddUser(tx, 901, "", domain::Role::kPartyMember);
  }

  void SeedLinks(app::NetworkRepository& net) {
    net.InsertLink(Link(1, 501, 101, domain::LinkKind::kPinned));
    net.InsertLink(Link(2, 501, 102, domain::LinkKind::kChosen));
    net.InsertLink(Link(3, 502, 103));
    net.InsertLink(Link(4, 504, 201));
  }

  // A transaction with the fixture (and links) in place.
  std::unique_ptr<app::StoreTx> Seeded(bool links = true) {
    auto tx = store_->Begin();
    Seed(*tx);
    if (links) SeedLinks(tx->Network());
    return tx;
  }

  static domain::Visit MakeVisit(Id id, Id household, Id visitor, domain::Epoch at) {
    domain::Visit v;
    v.id = id;
    v.household_id = household;
    v.visitor_user_id = visitor;
    v.visited_at = at;
    v.created_at = at;
    return v;
  }

  template <typename T>
  static Ids IdsOf(const std::vector<T>& items) {
    Ids out;
    for (const auto& item : items) out.push_back(item.id);
    return out;
  }
};

TEST_P(NetworkRepositoryTest, BuilderInputsCarryCoordinatesRegionAndBirthDate) {
  auto tx = Seeded(false);
  auto& net = tx->Network();
  auto households = net.ListNetworkHouseholds(kVillage3);
  ASSERT_EQ(IdsOf(households), (Ids{101, 102, 103, 104}));
  EXPECT_EQ(households[0].region_id, 31);
  ASSERT_TRUE(households[0].lat);
  EXPECT_DOUBLE_EQ(*households[0].lat, 38.1);
  EXPECT_FALSE(households[2].lat);
  EXPECT_EQ(households[3].region_id, 3);
  EXPECT_EQ(households[3].address, "东村村委旁");

  auto members = net.ListNetworkMembers(kVillage3);
  ASSERT_EQ(IdsOf(members), (Ids{501, 502}));
  EXPECT_EQ(members[0].resident_id, 1010);
  EXPECT_EQ(members[0].household_id, std::optional<Id>(101));
  EXPECT_EQ(members[0].region_id, 31);
  ASSERT_TRUE(members[0].lat);
  EXPECT_DOUBLE_EQ(*members[0].lat, 38.1);
  EXPECT_EQ(members[0].birth_date, "1970-01-01");
  EXPECT_EQ(members[0].name, "户主101");
  EXPECT_EQ(members[0].org_id, 60);
  EXPECT_FALSE(members[0].away);
  EXPECT_TRUE(members[1].away);
  EXPECT_EQ(members[1].region_id, 32);
  auto west = net.ListNetworkMembers(kVillage4);
  ASSERT_EQ(IdsOf(west), (Ids{503, 504}));
  EXPECT_FALSE(west[0].can_take_households);
  EXPECT_EQ(west[0].capacity, 0);
  EXPECT_EQ(net.ListNetworkHouseholds("/1/").size(), 6u);
  EXPECT_THROW(net.ListNetworkHouseholds("/1/' OR '1'='1"), domain::InvalidInput);
}

TEST_P(NetworkRepositoryTest, LinksAreUniquePerHouseholdAndKindsRoundTrip) {
  auto tx = Seeded();
  auto& net = tx->Network();
  try {
    net.InsertLink(Link(9, 504, 101));
    FAIL() << "a second link to household 101 was accepted";
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "link.exists");
  }
  // The failed statement left the transaction usable.
  auto link = net.FindLinkOfHousehold(101);
  ASSERT_TRUE(link);
  EXPECT_EQ(link->id, 1);
  EXPECT_EQ(link->member_id, 501);
  EXPECT_EQ(link->kind, domain::LinkKind::kPinned);
  EXPECT_EQ(link->created_at, 1001);
  EXPECT_FALSE(link->created_by);
  EXPECT_EQ(link->member_name, "户主101");
  EXPECT_EQ(link->household_number, "H101");
  EXPECT_EQ(link->household_address, "东村一组1号");
  EXPECT_EQ(link->head_name, "户主101");
  EXPECT_EQ(net.FindLinkOfHousehold(102)->kind, domain::LinkKind::kChosen);
  EXPECT_EQ(net.FindLinkOfHousehold(103)->kind, domain::LinkKind::kBuilt);
  EXPECT_FALSE(net.FindLinkOfHousehold(104));

  EXPECT_EQ(IdsOf(net.ListLinks(kVillage3)), (Ids{1, 2, 3}));
  EXPECT_EQ(IdsOf(net.ListLinks(kGroup31)), (Ids{1, 2}));
  EXPECT_EQ(IdsOf(net.ListLinks("/1/")), (Ids{1, 2, 3, 4}));
  EXPECT_EQ(IdsOf(net.ListLinksOfMember(501)), (Ids{1, 2}));

  domain::ContactLink moved = *link;
  moved.member_id = 504;
  moved.kind = domain::LinkKind::kBuilt;
  net.UpdateLink(moved);
  EXPECT_EQ(net.FindLinkOfHousehold(101)->member_id, 504);
  EXPECT_EQ(IdsOf(net.ListLinksOfMember(504)), (Ids{1, 4}));
  net.DeleteLink(1);
  EXPECT_FALSE(net.FindLinkOfHousehold(101));
  EXPECT_THROW(net.DeleteLink(1), domain::NotFound);
  moved.id = 77;
  EXPECT_THROW(net.UpdateLink(moved), domain::NotFound);
  EXPECT_THROW(net.InsertLink(Link(10, 999, 104)), domain::InvalidInput);  // No such member.

  domain::ContactLink by_admin = Link(11, 502, 104);
  by_admin.created_by = 900;
  net.BulkInsertLinks({by_admin, Link(12, 504, 202)});
  EXPECT_EQ(net.FindLinkOfHousehold(104)->created_by, std::optional<Id>(900));
  EXPECT_EQ(IdsOf(net.ListLinks(kVillage4)), (Ids{4, 12}));
  tx->Commit();
}

TEST_P(NetworkRepositoryTest, LeaderLinksAreUniquePerMember) {
  auto tx = Seeded(false);
  auto& net = tx->Network();
  domain::LeaderLink l;
  l.id = 1;
  l.leader_member_id = 501;
  l.member_id = 502;
  l.kind = domain::LinkKind::kPinned;
  l.created_at = 5;
  net.InsertLeaderLink(l);
  l.id = 2;
  l.member_id = 503;
  l.kind = domain::LinkKind::kBuilt;
  net.InsertLeaderLink(l);
  l.id = 3;
  l.leader_member_id = 504;
  try {
    net.InsertLeaderLink(l);
    FAIL() << "member 503 got a second leader";
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "leader_link.exists");
  }
  auto all = net.ListLeaderLinks("/1/");
  ASSERT_EQ(IdsOf(all), (Ids{1, 2}));
  EXPECT_EQ(all[0].leader_member_id, 501);
  EXPECT_EQ(all[0].member_id, 502);
  EXPECT_EQ(all[0].kind, domain::LinkKind::kPinned);
  EXPECT_EQ(all[0].created_at, 5);
  EXPECT_EQ(all[0].member_name, "户主103");
  EXPECT_EQ(all[1].kind, domain::LinkKind::kBuilt);
  EXPECT_EQ(IdsOf(net.ListLeaderLinks(kVillage4)), (Ids{2}));
  auto of_503 = net.FindLeaderLinkOfMember(503);
  ASSERT_TRUE(of_503);
  EXPECT_EQ(of_503->id, 2);
  EXPECT_EQ(of_503->leader_member_id, 501);
  EXPECT_FALSE(net.FindLeaderLinkOfMember(501));
  net.DeleteLeaderLink(2);
  EXPECT_FALSE(net.FindLeaderLinkOfMember(503));
  EXPECT_EQ(IdsOf(net.ListLeaderLinks("/1/")), (Ids{1}));
  EXPECT_THROW(net.DeleteLeaderLink(2), domain::NotFound);
}

TEST_P(NetworkRepositoryTest, LinkRequestLifecycle) {
  auto tx = Seeded(false);
  auto& net = tx->Network();
  domain::LinkRequest q;
  q.id = 1;
  q.member_id = 504;
  q.household_id = 202;
  q.reason = "邻居, 常来往";
  q.created_at = 10;
  net.InsertLinkRequest(q);
  q.id = 2;
  q.member_id = 501;
  q.household_id = 104;
  q.reason = "";
  q.created_at = 20;
  net.InsertLinkRequest(q);

  auto found = net.FindLinkRequest(1);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, domain::LinkRequestStatus::kPending);
  EXPECT_EQ(found->reason, "邻居, 常来往");
  EXPECT_FALSE(found->decided_by);
  EXPECT_FALSE(found->decided_at);
  EXPECT_FALSE(net.FindLinkRequest(3));
  EXPECT_EQ(IdsOf(net.ListLinkRequests("/1/", true)), (Ids{1, 2}));
  EXPECT_EQ(IdsOf(net.ListLinkRequests(kVillage4, true)), (Ids{1}));

  found->status = domain::LinkRequestStatus::kApproved;
  found->decided_by = 900;
  found->decided_at = 30;
  net.UpdateLinkRequest(*found);
  auto decided = *net.FindLinkRequest(1);
  EXPECT_EQ(decided.status, domain::LinkRequestStatus::kApproved);
  EXPECT_EQ(decided.decided_by, std::optional<Id>(900));
  EXPECT_EQ(decided.decided_at, std::optional<domain::Epoch>(30));
  EXPECT_EQ(IdsOf(net.ListLinkRequests("/1/", true)), (Ids{2}));
  EXPECT_EQ(IdsOf(net.ListLinkRequests("/1/", false)), (Ids{2, 1}));  // Newest first.
  EXPECT_EQ(IdsOf(net.ListLinkRequests("", false)), (Ids{2, 1}));
  found->id = 99;
  EXPECT_THROW(net.UpdateLinkRequest(*found), domain::NotFound);
}

TEST_P(NetworkRepositoryTest, PlansAreKeptUntilDeletedOrExpired) {
  auto tx = Seeded(false);
  auto& net = tx->Network();
  app::StoredNetworkPlan plan;
  plan.id = "0123456789abcdef01234567";
  plan.region_id = 3;
  plan.fingerprint = "18446744073709551615";  // The largest fingerprint survives as text.
  plan.body = "leaders\nHA 501 101 3 120\nLU 502 4\n";
  plan.created_at = 1000;
  plan.expires_at = 2800;
  net.InsertNetworkPlan(plan);
  app::StoredNetworkPlan other = plan;
  other.id = "fedcba9876543210fedcba98";
  other.expires_at = 1500;
  net.InsertNetworkPlan(other);
  EXPECT_THROW(net.InsertNetworkPlan(plan), domain::Conflict);  // Ids are unique.

  auto back = net.FindNetworkPlan(plan.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->region_id, 3);
  EXPECT_EQ(back->fingerprint, plan.fingerprint);
  EXPECT_EQ(back->body, plan.body);
  EXPECT_EQ(back->created_at, 1000);
  EXPECT_EQ(back->expires_at, 2800);
  EXPECT_FALSE(net.FindNetworkPlan("no-such-plan"));

  net.DeleteNetworkPlansExpiredBy(1500);  // `other` expires at 1500: gone; `plan` stays.
  EXPECT_FALSE(net.FindNetworkPlan(other.id));
  EXPECT_TRUE(net.FindNetworkPlan(plan.id));
  EXPECT_TRUE(net.DeleteNetworkPlan(plan.id));
  EXPECT_FALSE(net.DeleteNetworkPlan(plan.id));
  EXPECT_FALSE(net.FindNetworkPlan(plan.id));
}

TEST_P(NetworkRepositoryTest, SettingsUpsert) {
  auto tx = Seeded(false);
  auto& net = tx->Network();
  EXPECT_FALSE(net.FindSettings(3));
  domain::NetworkSettings s;
  s.region_id = 3;
  s.households_per_member = 12;
  net.UpsertSettings(s);
  EXPECT_EQ(net.FindSettings(3)->households_per_member, 12);
  EXPECT_EQ(net.FindSettings(3)->small_village_households, 300);
  s.households_per_member = 8;
  s.members_per_leader = 7;
  s.max_walk_metres = 1500;
  s.stability_bonus_metres = 90;
  s.small_village_households = 250;
  s.large_village_quota_percent = 85;
  net.UpsertSettings(s);
  auto back = *net.FindSettings(3);
  EXPECT_EQ(back.region_id, 3);
  EXPECT_EQ(back.households_per_member, 8);
  EXPECT_EQ(back.members_per_leader, 7);
  EXPECT_EQ(back.max_walk_metres, 1500);
  EXPECT_EQ(back.stability_bonus_metres, 90);
  EXPECT_EQ(back.small_village_households, 250);
  EXPECT_EQ(back.large_village_quota_percent, 85);
  EXPECT_FALSE(net.FindSettings(2));
  s.large_village_quota_percent = 101;
  EXPECT_THROW(net.UpsertSettings(s), domain::InvalidInput);
}

TEST_P(NetworkRepositoryTest, StationUpsert) {
  auto tx = Seeded(false);
  auto& net = tx->Network();
  EXPECT_FALSE(net.FindStation(3));
  domain::ServiceStation s;
  s.region_id = 3;
  s.place = "村委会一楼";
  s.hours = "每天 8:00—18:00";
  net.UpsertStation(s);
  auto back = *net.FindStation(3);
  EXPECT_EQ(back.place, "村委会一楼");
  EXPECT_EQ(back.hours, "每天 8:00—18:00");
  EXPECT_EQ(back.phone, "");
  EXPECT_FALSE(back.assistant_user_id);
  s.phone = "13812345678";
  s.hours = "周一至周五 8:30—17:30";
  net.UpsertStation(s);
  back = *net.FindStation(3);
  EXPECT_EQ(back.phone, "13812345678");
  EXPECT_EQ(back.hours, "周一至周五 8:30—17:30");
  EXPECT_FALSE(net.FindStation(2));
  s.region_id = 999999;  // No such region.
  EXPECT_ANY_THROW(net.UpsertStation(s));
}

TEST_P(NetworkRepositoryTest, CoverageCountsOverEachChildSubtree) {
  auto tx = Seeded();
  auto& net = tx->Network();
  auto villages = net.CoverageByChild(2);
  ASSERT_EQ(villages.size(), 2u);
  EXPECT_EQ(villages[0].region_id, 3);
  EXPECT_EQ(villages[0].region_name, "东村");
  EXPECT_EQ(villages[0].households, 4);
  EXPECT_EQ(villages[0].households_covered, 3);
  EXPECT_EQ(villages[0].members, 2);
  EXPECT_EQ(villages[0].members_involved, 2);
  EXPECT_EQ(villages[0].able_members, 1);  // 502 is away.
  EXPECT_EQ(villages[1].region_id, 4);
  EXPECT_EQ(villages[1].households, 2);
  EXPECT_EQ(villages[1].households_covered, 1);
  EXPECT_EQ(villages[1].members, 2);
  EXPECT_EQ(villages[1].members_involved, 1);
  EXPECT_EQ(villages[1].able_members, 1);  // 503 cannot take households.

  auto groups = net.CoverageByChild(3);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].region_id, 31);
  EXPECT_EQ(groups[0].households, 2);
  EXPECT_EQ(groups[0].households_covered, 2);
  EXPECT_EQ(groups[0].members_involved, 1);
  EXPECT_EQ(groups[1].region_id, 32);
  EXPECT_EQ(groups[1].households, 1);
  EXPECT_EQ(groups[1].able_members, 0);

  // A region without children, and one whose children have nothing yet.
  EXPECT_TRUE(net.CoverageByChild(4).empty());
  AddRegion(*tx, 5, 1, RegionLevel::kTownship, "空镇", "/1/5/");
  auto towns = net.CoverageByChild(1);
  ASSERT_EQ(towns.size(), 2u);
  // Children come in code, then name order; these have no codes.
  std::sort(towns.begin(), towns.end(),
            [](const auto& a, const auto& b) { return a.region_id < b.region_id; });
  EXPECT_EQ(towns[0].households, 6);
  EXPECT_EQ(towns[0].households_covered, 4);
  EXPECT_EQ(towns[0].members, 4);
  EXPECT_EQ(towns[0].members_involved, 3);
  EXPECT_EQ(towns[0].able_members, 2);
  EXPECT_EQ(towns[1].region_id, 5);
  EXPECT_EQ(towns[1].households, 0);
  EXPECT_EQ(towns[1].members, 0);

  auto town = net.CoverageOf(2);
  EXPECT_EQ(town.region_id, 2);
  EXPECT_EQ(town.region_name, "饶阳镇");
  EXPECT_EQ(town.households, 6);
  EXPECT_EQ(town.households_covered, 4);
  EXPECT_EQ(town.members, 4);
  EXPECT_EQ(town.members_involved, 3);
  EXPECT_EQ(town.able_members, 2);
  EXPECT_EQ(net.CoverageOf(31).households_covered, 2);
  EXPECT_THROW(net.CoverageOf(999), domain::NotFound);
  EXPECT_THROW(net.CoverageByChild(999), domain::NotFound);
}

TEST_P(NetworkRepositoryTest, MemberLoadsAndUncovered) {
  auto tx = Seeded();
  auto& net = tx->Network();
  EXPECT_EQ(net.MemberLoads("/1/"), (Pairs{{501, 2}, {502, 1}, {504, 1}}));
  EXPECT_EQ(net.MemberLoads(kGroup32), (Pairs{{502, 1}}));

  auto uncovered = net.ListUncovered("/1/", {});
  EXPECT_EQ(uncovered.total, 2);
  ASSERT_EQ(IdsOf(uncovered.items), (Ids{104, 202}));  // By address: 东村… before 西村….
  EXPECT_EQ(uncovered.items[0].head_name, "户主104");
  EXPECT_EQ(uncovered.items[0].region_name, "东村");
  EXPECT_EQ(uncovered.items[0].member_count, 1);
  auto page = net.ListUncovered("/1/", {1, 1, "-number"});
  EXPECT_EQ(page.total, 2);
  EXPECT_EQ(IdsOf(page.items), (Ids{104}));
  EXPECT_EQ(net.ListUncovered(kGroup31, {}).total, 0);
  EXPECT_THROW(net.ListUncovered("/1/", {0, 10, "bogus"}), domain::InvalidInput);
}

TEST_P(NetworkRepositoryTest, NoticeCreatesDeliveriesWithLinkedMembersAndCounts) {
  auto tx = Seeded();
  auto& net = tx->Network();
  domain::Notice n;
  n.id = 70;
  n.region_id = 3;  // Path taken from the region.
  n.kind = domain::NoticeKind::kOpinion;
  n.title = "征求村规民约意见";
  n.body = "请各户提出意见";
  n.published_by = 900;
  n.published_at = 5000;
  n.due_at = 9000;
  net.InsertNotice(n);

  auto found = net.FindNotice(70);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->region_path, kVillage3);
  EXPECT_EQ(found->kind, domain::NoticeKind::kOpinion);
  EXPECT_EQ(found->title, "征求村规民约意见");
  EXPECT_EQ(found->body, "请各户提出意见");
  EXPECT_EQ(found->published_by, 900);
  EXPECT_EQ(found->published_at, 5000);
  EXPECT_EQ(found->due_at, std::optional<domain::Epoch>(9000));
  EXPECT_EQ(found->households, 4);
  EXPECT_EQ(found->delivered, 0);
  EXPECT_FALSE(net.FindNotice(71));

  auto deliveries = net.ListDeliveries(70, std::nullopt);
  ASSERT_EQ(deliveries.size(), 4u);
  for (const auto& d : deliveries) {
    std::optional<Id> expected;
    if (d.household_id == 101 || d.household_id == 102) expected = 501;
    if (d.household_id == 103) expected = 502;
    EXPECT_EQ(d.member_id, expected) << d.household_id;
    EXPECT_FALSE(d.delivered_at);
  }
  EXPECT_EQ(net.ListDeliveries(70, 501).size(), 2u);
  EXPECT_EQ(net.ListPendingDeliveriesOfMember(501).size(), 2u);

  auto d = *net.FindDelivery(70, 101);
  d.delivered_at = 6000;
  d.delivered_by = 901;
  d.opinion = "同意";
  net.UpdateDelivery(d);
  auto back = *net.FindDelivery(70, 101);
  EXPECT_EQ(back.delivered_at, std::optional<domain::Epoch>(6000));
  EXPECT_EQ(back.delivered_by, std::optional<Id>(901));
  EXPECT_EQ(back.opinion, "同意");
  EXPECT_FALSE(net.FindDelivery(70, 201));
  d.household_id = 201;
  EXPECT_THROW(net.UpdateDelivery(d), domain::NotFound);

  EXPECT_EQ(net.FindNotice(70)->delivered, 1);
  auto pending = net.ListPendingDeliveriesOfMember(501);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].household_id, 102);
  EXPECT_TRUE(net.ListPendingDeliveriesOfMember(503).empty());

  domain::Notice county = n;
  county.id = 71;
  county.region_id = 1;
  county.region_path = "/1/";
  county.kind = domain::NoticeKind::kPolicy;
  county.published_at = 7000;
  county.due_at.reset();
  net.InsertNotice(county);
  EXPECT_EQ(net.FindNotice(71)->households, 6);
  EXPECT_FALSE(net.FindNotice(71)->due_at);
  EXPECT_EQ(net.ListPendingDeliveriesOfMember(501).size(), 3u);

  auto all = net.ListNotices("/1/", {});
  EXPECT_EQ(all.total, 2);
  ASSERT_EQ(IdsOf(all.items), (Ids{71, 70}));
  EXPECT_EQ(all.items[1].households, 4);
  EXPECT_EQ(all.items[1].delivered, 1);
  EXPECT_EQ(IdsOf(net.ListNotices("", {0, 20, "published_at"}).items), (Ids{70, 71}));
  auto village = net.ListNotices(kVillage3, {});
  EXPECT_EQ(village.total, 1);
  EXPECT_EQ(IdsOf(village.items), (Ids{70}));
}

TEST_P(NetworkRepositoryTest, HouseholdEventsAndUnattendedFilter) {
  auto tx = Seeded();
  auto& net = tx->Network();
  domain::HouseholdEvent e;
  e.id = 80;
  e.household_id = 101;
  e.kind = domain::HouseholdEventKind::kHospitalStay;
  e.date = "2026-03-01";
  e.note = "住院";
  e.recorded_by = 900;
  e.recorded_at = 100;
  e.member_id = 501;
  net.InsertHouseholdEvent(e);
  e.id = 81;
  e.household_id = 201;
  e.kind = domain::HouseholdEventKind::kWeddingOrFuneral;
  e.date = "2026-03-05";
  e.member_id = 504;
  e.region_path = kVillage4;
  net.InsertHouseholdEvent(e);

  auto found = *net.FindHouseholdEvent(80);
  EXPECT_EQ(found.region_path, kGroup31);  // Taken from the household.
  EXPECT_EQ(found.kind, domain::HouseholdEventKind::kHospitalStay);
  EXPECT_EQ(found.date, "2026-03-01");
  EXPECT_EQ(found.note, "住院");
  EXPECT_EQ(found.recorded_by, 900);
  EXPECT_EQ(found.member_id, std::optional<Id>(501));
  EXPECT_FALSE(found.attended_at);
  EXPECT_FALSE(net.FindHouseholdEvent(99));

  EXPECT_EQ(IdsOf(net.ListHouseholdEvents("/1/", std::nullopt, false)), (Ids{81, 80}));
  EXPECT_EQ(IdsOf(net.ListHouseholdEvents(kVillage3, std::nullopt, false)), (Ids{80}));
  EXPECT_EQ(IdsOf(net.ListHouseholdEvents("/1/", 504, false)), (Ids{81}));

  found.attended_at = 200;
  found.attendance_note = "到医院看望";
  net.UpdateHouseholdEvent(found);
  auto attended = *net.FindHouseholdEvent(80);
  EXPECT_EQ(attended.attended_at, std::optional<domain::Epoch>(200));
  EXPECT_EQ(attended.attendance_note, "到医院看望");
  EXPECT_EQ(IdsOf(net.ListHouseholdEvents("/1/", std::nullopt, true)), (Ids{81}));
  EXPECT_TRUE(net.ListHouseholdEvents("/1/", 501, true).empty());
  found.id = 99;
  EXPECT_THROW(net.UpdateHouseholdEvent(found), domain::NotFound);
}

TEST_P(NetworkRepositoryTest, VisitsInsertFiltersConfirmationAndReview) {
  auto tx = Seeded();
  auto& net = tx->Network();
  domain::Visit v = MakeVisit(1, 101, 901, 1000);
  v.visitor_kind = domain::VisitorKind::kPartyMember;
  v.member_id = 501;
  v.kind = domain::VisitKind::kFiveMustAttend;
  v.learned = "老人住院";
  v.problems = "医保报销慢";
  v.help = "代办报销";
  v.matter_ids = {11, 12};
  net.InsertVisit(v);
  net.InsertVisit(MakeVisit(2, 103, 900, 2000));
  domain::Visit correction = MakeVisit(3, 101, 901, 1000);
  correction.corrects_id = 1;
  correction.created_at = 1500;
  net.InsertVisit(correction);
  net.InsertVisit(MakeVisit(4, 201, 900, 3000));

  auto found = *net.FindVisit(1);
  EXPECT_EQ(found.region_path, kGroup31);
  EXPECT_EQ(found.visitor_user_id, 901);
  EXPECT_EQ(found.visitor_kind, domain::VisitorKind::kPartyMember);
  EXPECT_EQ(found.member_id, std::optional<Id>(501));
  EXPECT_EQ(found.kind, domain::VisitKind::kFiveMustAttend);
  EXPECT_EQ(found.visited_at, 1000);
  EXPECT_EQ(found.learned, "老人住院");
  EXPECT_EQ(found.problems, "医保报销慢");
  EXPECT_EQ(found.help, "代办报销");
  EXPECT_EQ(found.matter_ids, (Ids{11, 12}));
  EXPECT_FALSE(found.corrects_id);
  EXPECT_FALSE(found.confirmed_at);
  EXPECT_FALSE(found.grade);
  EXPECT_EQ(found.visitor_name, "u901");  // No display name: the username.
  EXPECT_EQ(found.household_address, "东村一组1号");
  EXPECT_EQ(found.head_name, "户主101");
  EXPECT_EQ(net.FindVisit(3)->corrects_id, std::optional<Id>(1));
  EXPECT_TRUE(net.FindVisit(2)->matter_ids.empty());
  EXPECT_EQ(net.FindVisit(2)->visitor_name, "管理员");
  EXPECT_FALSE(net.FindVisit(99));

  auto all = net.ListVisits({}, {});
  EXPECT_EQ(all.total, 4);
  EXPECT_EQ(IdsOf(all.items), (Ids{4, 2, 3, 1}));  // Newest first, then id.
  app::VisitFilter f;
  f.region_path_prefix = kVillage3;
  EXPECT_EQ(IdsOf(net.ListVisits(f, {}).items), (Ids{2, 3, 1}));
  f.household_id = 101;
  EXPECT_EQ(IdsOf(net.ListVisits(f, {}).items), (Ids{3, 1}));
  f = {};
  f.visitor_user_id = 900;
  EXPECT_EQ(IdsOf(net.ListVisits(f, {}).items), (Ids{4, 2}));
  f = {};
  f.from = 2000;
  f.to = 3000;
  EXPECT_EQ(IdsOf(net.ListVisits(f, {}).items), (Ids{2}));
  auto paged = net.ListVisits({}, {1, 2, ""});
  EXPECT_EQ(paged.total, 4);
  EXPECT_EQ(IdsOf(paged.items), (Ids{2, 3}));

  found.confirmed_at = 1100;
  found.confirmed_via = "phone_code";
  net.UpdateVisitConfirmation(found);
  found.grade = 4;
  found.review_comment = "记录详实";
  found.reviewed_by = 900;
  net.UpdateVisitReview(found);
  auto back = *net.FindVisit(1);
  EXPECT_EQ(back.confirmed_at, std::optional<domain::Epoch>(1100));
  EXPECT_EQ(back.confirmed_via, "phone_code");
  EXPECT_EQ(back.grade, std::optional<int>(4));
  EXPECT_EQ(back.review_comment, "记录详实");
  EXPECT_EQ(back.reviewed_by, std::optional<Id>(900));
  f = {};
  f.confirmed = true;
  EXPECT_EQ(IdsOf(net.ListVisits(f, {}).items), (Ids{1}));
  f.confirmed = false;
  EXPECT_EQ(net.ListVisits(f, {}).total, 3);
  // A confirmation by the old static card code is no proof: it lists as unconfirmed.
  auto by_card = *net.FindVisit(2);
  by_card.confirmed_at = 2100;
  by_card.confirmed_via = "card_code";
  net.UpdateVisitConfirmation(by_card);
  f.confirmed = true;
  EXPECT_EQ(IdsOf(net.ListVisits(f, {}).items), (Ids{1}));
  f.confirmed = false;
  EXPECT_EQ(net.ListVisits(f, {}).total, 3);

  found.grade = 6;
  EXPECT_THROW(net.UpdateVisitReview(found), domain::InvalidInput);
  found.id = 99;
  found.grade = 3;
  EXPECT_THROW(net.UpdateVisitReview(found), domain::NotFound);
  EXPECT_THROW(net.UpdateVisitConfirmation(found), domain::NotFound);
}

TEST_P(NetworkRepositoryTest, VisitorCandidatesByScopeAndName) {
  auto tx = Seeded();
  auto user = [&](Id id, const std::string& name, domain::Role role, Id region,
                  const std::string& path, bool active = true) {
    domain::User u;
    u.id = id;
    u.username = "v" + std::to_string(id);
    u.display_name = name;
    u.role = role;
    u.scope_region_id = region;
    u.scope_region_path = path;
    u.active = active;
    u.created_at = 100;
    tx->Accounts().InsertUser(u);
  };
  user(910, "王芳", domain::Role::kVillageAssistant, 3, kVillage3);
  user(911, "王刚", domain::Role::kPartyMember, 31, kGroup31);
  user(912, "李明", domain::Role::kPartyMember, 4, kVillage4);
  user(913, "王停", domain::Role::kPartyMember, 3, kVillage3, false);
  user(914, "王%五", domain::Role::kPartyMember, 3, kVillage3);
  auto& net = tx->Network();
  auto ids = [](const std::vector<app::VisitorCandidate>& found) {
    Ids out;
    for (const auto& c : found) out.push_back(c.user_id);
    std::sort(out.begin(), out.end());
    return out;
  };
  // In the scope, active, name contains the text; LIKE wildcards are plain characters.
  EXPECT_EQ(ids(net.ListVisitorCandidates(kVillage3, "王", 10)), (Ids{910, 911, 914}));
  EXPECT_EQ(ids(net.ListVisitorCandidates(kGroup31, "", 10)), (Ids{911}));
  EXPECT_EQ(ids(net.ListVisitorCandidates("", "李", 10)), (Ids{912}));
  EXPECT_EQ(ids(net.ListVisitorCandidates(kVillage3, "%", 10)), (Ids{914}));
  EXPECT_EQ(ids(net.ListVisitorCandidates(kVillage3, "v910", 10)), (Ids{910}));  // Username.
  EXPECT_EQ(net.ListVisitorCandidates(kVillage3, "", 1).size(), 1u);
  auto found = net.ListVisitorCandidates(kVillage3, "芳", 10);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "王芳");
  EXPECT_EQ(found[0].role, domain::Role::kVillageAssistant);
  EXPECT_EQ(found[0].region_path, kVillage3);
}

// Phone and video visits (visits.way) read back as such and never count as door visits: not in
// the visited or confirmed counts, and the household stays unvisited.
TEST_P(NetworkRepositoryTest, PhoneVisitsAreKeptApartFromDoorVisits) {
  auto tx = Seeded();
  auto& net = tx->Network();
  net.InsertVisit(MakeVisit(1, 101, 901, 1000));
  domain::Visit phone = MakeVisit(2, 102, 901, 1100);
  phone.way = "phone";
  phone.confirmed_at = 1200;
  phone.confirmed_via = "phone_code";
  net.InsertVisit(phone);
  domain::Visit video = MakeVisit(3, 103, 900, 1100);
  video.way = "video";
  net.InsertVisit(video);
  EXPECT_EQ(net.FindVisit(1)->way, "in_person");
  EXPECT_EQ(net.FindVisit(2)->way, "phone");
  EXPECT_EQ(net.FindVisit(3)->way, "video");
  EXPECT_EQ(net.VisitedHouseholdsByVillage("/1/", 0, 10000), (Pairs{{3, 1}}));
  EXPECT_EQ(net.VisitedHouseholdsByVisitor("/1/", 0, 10000), (Pairs{{901, 1}}));
  EXPECT_TRUE(net.ConfirmedHouseholdsByVillage("/1/", 0, 10000).empty());
  EXPECT_TRUE(net.ConfirmedHouseholdsByVisitor("/1/", 0, 10000).empty());
  EXPECT_EQ(IdsOf(net.ListUnvisited(kVillage3, 0, 10000, {}).items), (Ids{102, 103, 104}));
  app::VisitFilter filter;
  filter.household_id = 102;
  auto listed = net.ListVisits(filter, {});
  ASSERT_EQ(listed.items.size(), 1u);
  EXPECT_EQ(listed.items[0].way, "phone");
}

TEST_P(NetworkRepositoryTest, VisitedByVillageCountsGroupHouseholdsForTheirVillage) {
  auto tx = Seeded();
  auto& net = tx->Network();
  net.InsertVisit(MakeVisit(1, 101, 901, 1000));
  net.InsertVisit(MakeVisit(2, 101, 901, 1100));  // Same household again: counted once.
  net.InsertVisit(MakeVisit(3, 103, 900, 1200));
  net.InsertVisit(MakeVisit(4, 104, 900, 1300));
  net.InsertVisit(MakeVisit(5, 201, 900, 1400));
  net.InsertVisit(MakeVisit(6, 202, 900, 5000));  // Outside [1000, 2000).

  EXPECT_EQ(net.VisitedHouseholdsByVillage("/1/", 1000, 2000), (Pairs{{3, 3}, {4, 1}}));
  EXPECT_EQ(net.VisitedHouseholdsByVillage(kVillage3, 1000, 1200), (Pairs{{3, 1}}));
  EXPECT_EQ(net.VisitedHouseholdsByVillage("/1/", 0, 10000), (Pairs{{3, 3}, {4, 2}}));
  EXPECT_EQ(net.VisitedHouseholdsByVisitor("/1/", 1000, 2000), (Pairs{{900, 3}, {901, 1}}));
  EXPECT_EQ(net.VisitedHouseholdsByVisitor(kVillage4, 0, 10000), (Pairs{{900, 2}}));
  // Confirmed by the household: visit 3 by SMS code; visit 4 only by the old card code.
  for (auto [id, via] : {std::pair<Id, const char*>{3, "phone_code"}, {4, "card_code"}}) {
    auto visit = *net.FindVisit(id);
    visit.confirmed_at = 1500;
    visit.confirmed_via = via;
    net.UpdateVisitConfirmation(visit);
  }
  EXPECT_EQ(net.ConfirmedHouseholdsByVillage("/1/", 1000, 2000), (Pairs{{3, 1}}));
  EXPECT_EQ(net.ConfirmedHouseholdsByVisitor("/1/", 1000, 2000), (Pairs{{900, 1}}));
  EXPECT_TRUE(net.ConfirmedHouseholdsByVillage(kVillage4, 0, 10000).empty());

  auto unvisited = net.ListUnvisited("/1/", 1000, 2000, {});
  EXPECT_EQ(unvisited.total, 2);
  EXPECT_EQ(IdsOf(unvisited.items), (Ids{102, 202}));
  EXPECT_EQ(IdsOf(net.ListUnvisited(kVillage3, 1100, 1300, {}).items), (Ids{102, 104}));
  EXPECT_EQ(net.ListUnvisited("/1/", 0, 10000, {}).total, 1);
}

TEST_P(NetworkRepositoryTest, CardCodesAreUnique) {
  auto tx = Seeded(false);
  auto& net = tx->Network();
  EXPECT_FALSE(net.FindCardCode(101));
  net.UpsertCardCode(101, "K7P2QX");
  net.UpsertCardCode(102, "M3N8RT");
  EXPECT_EQ(net.FindCardCode(101), std::optional<std::string>("K7P2QX"));
  EXPECT_EQ(net.FindHouseholdByCardCode("M3N8RT"), std::optional<Id>(102));
  EXPECT_FALSE(net.FindHouseholdByCardCode("k7p2qx"));
  try {
    net.UpsertCardCode(103, "K7P2QX");
    FAIL() << "a card code was given to two households";
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "card_code.exists");
  }
  net.UpsertCardCode(101, "Z9Y8X7");  // Reissued card.
  EXPECT_EQ(net.FindCardCode(101), std::optional<std::string>("Z9Y8X7"));
  EXPECT_FALSE(net.FindHouseholdByCardCode("K7P2QX"));
  net.UpsertCardCode(103, "K7P2QX");
  EXPECT_EQ(net.FindHouseholdByCardCode("K7P2QX"), std::optional<Id>(103));
  EXPECT_THROW(net.UpsertCardCode(999, "AAAAAA"), domain::InvalidInput);
}

TEST_P(NetworkRepositoryTest, CommittedLinksAreVisibleToLaterTransactions) {
  {
    auto tx = Seeded();
    tx->Commit();
  }
  auto tx = store_->BeginRead();
  EXPECT_EQ(tx->Network().ListLinks("/1/").size(), 4u);
  EXPECT_EQ(tx->Network().CoverageOf(1).households_covered, 4);
}

MINQING_INSTANTIATE_BACKENDS(NetworkRepositoryTest);

}  // namespace
}  // namespace minqing::storage
