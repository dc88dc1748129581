// The storage contract: every test runs against each backend (SQLite in a temp file, and
// PostgreSQL when MINQING_TEST_PG_URL names a server; scripts/pg_test_server.sh starts one).
// Each test gets a fresh database.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>

#include "domain/errors.hpp"
#include "storage/lookup_index.hpp"
#include "storage/lookup_query.hpp"
#include "storage/migrator.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/sql_files.hpp"
#include "storage/sql_helpers.hpp"
#include "storage/sql_store.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Household;
using domain::Id;
using domain::Region;
using domain::RegionLevel;
using domain::Resident;
using testing::MakeRegion;

class StoreContractTest : public testing::BackendTest {
 protected:
  static Household MakeHousehold(domain::Id id, domain::Id region_id, std::string path,
                                 std::string number, std::string address,
                                 std::vector<std::string> tags = {}, domain::Epoch updated = 100) {
    Household h;
    h.id = id;
    h.region_id = region_id;
    h.region_path = std::move(path);
    h.number = std::move(number);
    h.address = std::move(address);
    h.tags = std::move(tags);
    h.created_at = 100;
    h.updated_at = updated;
    return h;
  }

  static Resident MakeResident(domain::Id id, std::optional<domain::Id> household, std::string path,
                               std::string name, std::string pinyin, std::string initials,
                               std::string relation = "户主", std::string birth = "1970-01-01",
                               std::string id_card = "", std::string phone = "") {
    Resident r;
    r.id = id;
    r.household_id = household;
    r.region_path = std::move(path);
    r.name = std::move(name);
    r.pinyin = std::move(pinyin);
    r.initials = std::move(initials);
    r.relation = std::move(relation);
    r.birth_date = std::move(birth);
    r.id_card = std::move(id_card);
    r.phone = std::move(phone);
    r.created_at = 100;
    r.updated_at = 100;
    return r;
  }

  // County 1 → townships 2, 5 → villages 3, 4 (under 2) and 6 (under 5).
  void SeedRegions(app::StoreTx& tx) {
    tx.Registry().InsertRegion(
        MakeRegion(1, std::nullopt, RegionLevel::kCounty, "青县", "/1/", "130922"));
    tx.Registry().InsertRegion(
        MakeRegion(2, 1, RegionLevel::kTownship, "清州镇", "/1/2/", "130922100"));
    tx.Registry().InsertRegion(MakeRegion(3, 2, RegionLevel::kVillage, "东村", "/1/2/3/"));
    tx.Registry().InsertRegion(MakeRegion(4, 2, RegionLevel::kVillage, "西村", "/1/2/4/"));
    tx.Registry().InsertRegion(MakeRegion(5, 1, RegionLevel::kTownship, "金牛镇", "/1/5/"));
    tx.Registry().InsertRegion(MakeRegion(6, 5, RegionLevel::kVillage, "南村", "/1/5/6/"));
  }

  // Three households with residents, for list tests.
  void SeedHouseholds(app::StoreTx& tx) {
    SeedRegions(tx);
    tx.Registry().InsertHousehold(
        MakeHousehold(10, 3, "/1/2/3/", "H001", "东村一街1号", {"低保", "残疾"}, 300));
    tx.Registry().InsertHousehold(
        MakeHousehold(11, 4, "/1/2/4/", "H002", "西村二街5号", {"五保"}, 200));
    tx.Registry().InsertHousehold(
        MakeHousehold(12, 6, "/1/5/6/", "H100", "南村100%号", {"低保"}, 100));
    tx.Registry().InsertResident(MakeResident(100, 10, "/1/2/3/", "王景云", "wang jing yun", "wjy",
                                              "户主", "1960-05-01", "13092219600501001X",
                                              "13800001111"));
    tx.Registry().InsertResident(
        MakeResident(101, 10, "/1/2/3/", "李芳", "li fang", "lf", "配偶", "1962-03-02"));
    tx.Registry().InsertResident(
        MakeResident(102, 10, "/1/2/3/", "王小明", "wang xiao ming", "wxm", "子", "1990-07-07"));
    tx.Registry().InsertResident(MakeResident(103, 11, "/1/2/4/", "张伟", "zhang wei", "zw", "户主",
                                              "1975-01-01", "", "13911112222"));
    tx.Registry().InsertResident(MakeResident(104, 12, "/1/5/6/", "赵磊", "zhao lei", "zl"));
  }

  domain::Page<Household> LookUp(const std::string& q, const std::string& prefix = "",
                                 domain::PageRequest page = {0, 500, ""}) {
    app::HouseholdFilter f;
    f.lookup = q;
    f.region_path_prefix = prefix;
    auto tx = store_->BeginRead();
    return tx->Registry().ListHouseholds(f, page);
  }

  std::vector<domain::Id> LookUpIds(const std::string& q, const std::string& prefix = "") {
    std::vector<domain::Id> out;
    for (const auto& h : LookUp(q, prefix).items) out.push_back(h.id);
    return out;
  }

  std::vector<domain::Id> HouseholdIds(const app::HouseholdFilter& f,
                                       domain::PageRequest page = {}) {
    auto tx = store_->BeginRead();
    std::vector<domain::Id> out;
    for (const auto& h : tx->Registry().ListHouseholds(f, page).items) out.push_back(h.id);
    return out;
  }
};

using Ids = std::vector<domain::Id>;

TEST_P(StoreContractTest, MigrationsAreRecordedAndIdempotent) {
  EXPECT_EQ(Migrate(store_->database(), 1700000001), 0);
  auto conn = store_->database().Acquire();
  auto rows = conn->Query("SELECT COUNT(*) FROM schema_migrations", {});
  EXPECT_EQ(rows.at(0).GetInt64(0),
            static_cast<std::int64_t>(Migrations(store_->database().dialect()).size()));
  EXPECT_GE(rows.at(0).GetInt64(0), 3);
  EXPECT_EQ(store_->Engine(), IsPostgres() ? "postgresql" : "sqlite");
}

// What caches key on: a commit advances the areas whose tables it wrote and the overall
// generation; reads and rolled-back writes advance nothing.
TEST_P(StoreContractTest, AreaGenerationsFollowTheTablesACommitWrote) {
  using app::DataArea;
  struct Seen {
    std::uint64_t all, registry, accounts, catalogue;
  };
  auto seen = [&] {
    return Seen{store_->WriteGeneration(), store_->AreaGeneration(DataArea::kRegistry),
                store_->AreaGeneration(DataArea::kAccounts),
                store_->AreaGeneration(DataArea::kCatalogue)};
  };
  Seen before = seen();
  {
    auto tx = store_->Begin();
    SeedHouseholds(*tx);
    tx->Commit();
  }
  Seen after = seen();
  EXPECT_EQ(after.all, before.all + 1);
  EXPECT_EQ(after.registry, before.registry + 1);
  EXPECT_EQ(after.accounts, before.accounts);
  EXPECT_EQ(after.catalogue, before.catalogue);

  before = after;
  {
    auto tx = store_->Begin();
    domain::AuditEntry entry;
    entry.id = 900;
    entry.at = 100;
    entry.action = "matter.accept";
    entry.entity = "matter";
    entry.entity_id = 1;
    entry.channel = "api";
    tx->AppendAudit(entry);
    tx->Commit();
  }
  after = seen();
  EXPECT_EQ(after.all, before.all + 1);
  EXPECT_EQ(after.registry, before.registry) << "an audit entry is not registry data";
  EXPECT_EQ(after.accounts, before.accounts);
  EXPECT_EQ(after.catalogue, before.catalogue);

  before = after;
  {
    auto tx = store_->Begin();
    domain::User user;
    user.id = 901;
    user.username = "area_test";
    user.password_hash = "x";
    user.created_at = 100;
    tx->Accounts().InsertUser(user);
    domain::MatterCategory category;
    category.id = 902;
    category.name = "测试分类";
    tx->Matters().InsertCategory(category);
    tx->Commit();
  }
  after = seen();
  EXPECT_EQ(after.registry, before.registry);
  EXPECT_EQ(after.accounts, before.accounts + 1);
  EXPECT_EQ(after.catalogue, before.catalogue + 1);

  before = after;
  {
    auto tx = store_->Begin();
    auto h = tx->Registry().FindHousehold(10);
    ASSERT_TRUE(h);
    h->address = "东村一街9号";
    tx->Registry().UpdateHousehold(*h);
  }  // Rolled back.
  {
    auto tx = store_->BeginRead();
    EXPECT_TRUE(tx->Registry().FindHousehold(10));
  }
  after = seen();
  EXPECT_EQ(after.all, before.all);
  EXPECT_EQ(after.registry, before.registry);
}

TEST_P(StoreContractTest, RegionTreeAndCounts) {
  {
    auto tx = store_->Begin();
    SeedHouseholds(*tx);
    tx->Commit();
  }
  auto tx = store_->BeginRead();
  auto roots = tx->Registry().ListRegionChildren(std::nullopt);
  ASSERT_EQ(roots.size(), 1u);
  EXPECT_EQ(roots[0].name, "青县");
  EXPECT_EQ(roots[0].child_count, 2);
  EXPECT_FALSE(roots[0].parent_id.has_value());
  auto towns = tx->Registry().ListRegionChildren(1);
  ASSERT_EQ(towns.size(), 2u);
  EXPECT_EQ(towns[0].child_count + towns[1].child_count, 3);

  auto villages = tx->Registry().ListRegionsUnder("/1/2/", RegionLevel::kVillage);
  ASSERT_EQ(villages.size(), 2u);
  EXPECT_EQ(villages[0].id, 3);
  EXPECT_EQ(villages[1].id, 4);
  EXPECT_EQ(tx->Registry().ListRegionsUnder("/1/", std::nullopt).size(), 6u);
  EXPECT_EQ(tx->Registry().ListRegionsUnder("/1/2/", std::nullopt).front().id, 2);

  auto by_code = tx->Registry().FindRegionByCode("130922100");
  ASSERT_TRUE(by_code);
  EXPECT_EQ(by_code->id, 2);
  EXPECT_FALSE(tx->Registry().FindRegionByCode("999"));
  EXPECT_FALSE(tx->Registry().FindRegion(999));

  auto counts = tx->Registry().CountUnder("/1/2/");
  EXPECT_EQ(counts.households, 2);
  EXPECT_EQ(counts.residents, 4);
  EXPECT_EQ(counts.villages, 2);
  EXPECT_EQ(tx->Registry().CountUnder("/1/").households, 3);
  EXPECT_THROW(tx->Registry().CountUnder("/1/' OR 1=1"), domain::InvalidInput);
}

TEST_P(StoreContractTest, RegionUpdateAndOptionalCoordinates) {
  auto tx = store_->Begin();
  SeedRegions(*tx);
  Region r = *tx->Registry().FindRegion(3);
  EXPECT_FALSE(r.lat.has_value());
  r.name = "东村社区";
  r.lat = 38.5812345678;
  r.lng = 116.8;
  tx->Registry().UpdateRegion(r);
  Region back = *tx->Registry().FindRegion(3);
  EXPECT_EQ(back.name, "东村社区");
  ASSERT_TRUE(back.lat);
  EXPECT_DOUBLE_EQ(*back.lat, 38.5812345678);
  EXPECT_EQ(back.path, "/1/2/3/");
  r.id = 999;
  EXPECT_THROW(tx->Registry().UpdateRegion(r), domain::NotFound);
  EXPECT_THROW(tx->Registry().InsertRegion(MakeRegion(3, 2, RegionLevel::kVillage, "dup", "/x/")),
               domain::Conflict);
}

TEST_P(StoreContractTest, HouseholdInsertFindUpdateAndUniqueNumber) {
  auto tx = store_->Begin();
  SeedHouseholds(*tx);
  auto h = tx->Registry().FindHousehold(10);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->number, "H001");
  EXPECT_EQ(h->region_name, "东村");
  EXPECT_EQ(h->tags, (std::vector<std::string>{"低保", "残疾"}));
  EXPECT_FALSE(h->lat.has_value());
  EXPECT_TRUE(tx->Registry().FindHouseholdByNumber("H002"));
  EXPECT_FALSE(tx->Registry().FindHouseholdByNumber("H999"));
  EXPECT_FALSE(tx->Registry().FindHousehold(999));

  h->address = "东村一街2号";
  h->tags = {};
  h->lat = 38.1;
  h->updated_at = 500;
  tx->Registry().UpdateHousehold(*h);
  auto back = tx->Registry().FindHousehold(10);
  EXPECT_EQ(back->address, "东村一街2号");
  EXPECT_TRUE(back->tags.empty());
  EXPECT_EQ(back->updated_at, 500);
  ASSERT_TRUE(back->lat);

  try {
    tx->Registry().InsertHousehold(MakeHousehold(13, 3, "/1/2/3/", "H001", "x"));
    FAIL() << "duplicate number accepted";
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "household.exists");
  }
  // A foreign key violation is the caller's input error.
  EXPECT_THROW(tx->Registry().InsertHousehold(MakeHousehold(14, 999, "/9/", "H014", "x")),
               domain::InvalidInput);
}

TEST_P(StoreContractTest, HouseholdListFiltersLookupSortAndPaging) {
  {
    auto tx = store_->Begin();
    SeedHouseholds(*tx);
    tx->Commit();
  }
  app::HouseholdFilter all;
  EXPECT_EQ(HouseholdIds(all), (Ids{10, 11, 12}));

  app::HouseholdFilter f;
  f.region_path_prefix = "/1/2/";
  EXPECT_EQ(HouseholdIds(f), (Ids{10, 11}));

  f = {};
  f.tags = {"低保"};
  EXPECT_EQ(HouseholdIds(f), (Ids{10, 12}));
  f.tags = {"低保", "残疾"};
  EXPECT_EQ(HouseholdIds(f), (Ids{10}));
  f.tags = {"低"};
  EXPECT_EQ(HouseholdIds(f), Ids{});

  auto lookup = [&](std::string q, std::string prefix = "") {
    app::HouseholdFilter l;
    l.lookup = std::move(q);
    l.region_path_prefix = std::move(prefix);
    return HouseholdIds(l);
  };
  EXPECT_EQ(lookup("小明"), (Ids{10}));      // Name substring, not the head.
  EXPECT_EQ(lookup("wangjing"), (Ids{10}));  // Pinyin prefix without spaces.
  EXPECT_EQ(lookup("WJY"), (Ids{10}));       // Initials, case-insensitive.
  EXPECT_EQ(lookup("zw"), (Ids{11}));
  EXPECT_EQ(lookup("00001"), (Ids{10}));         // Phone substring.
  EXPECT_EQ(lookup("19600501001x"), (Ids{10}));  // ID card substring, lower x.
  EXPECT_EQ(lookup("h00"), (Ids{10, 11}));       // Household number prefix.
  EXPECT_EQ(lookup("H100"), (Ids{12}));          // Exact number.
  EXPECT_EQ(lookup("二街"), (Ids{11}));          // Address fragment.
  EXPECT_EQ(lookup("100%"), (Ids{12}));          // Wildcards are literal.
  EXPECT_EQ(lookup("%"), (Ids{12}));
  EXPECT_EQ(lookup("_"), Ids{});
  EXPECT_EQ(lookup("wang", "/1/5/"), Ids{});  // Region prefix applies too.
  EXPECT_EQ(lookup("zhao", "/1/5/"), (Ids{12}));

  domain::PageRequest page;
  page.sort = "-updated_at";
  EXPECT_EQ(HouseholdIds(all, page), (Ids{10, 11, 12}));
  page.sort = "updated_at";
  EXPECT_EQ(HouseholdIds(all, page), (Ids{12, 11, 10}));
  page.sort = "-number";
  page.limit = 2;
  page.offset = 1;
  EXPECT_EQ(HouseholdIds(all, page), (Ids{11, 10}));
  page.sort = "number; DROP TABLE households";
  EXPECT_THROW(HouseholdIds(all, page), domain::InvalidInput);

  auto tx = store_->BeginRead();
  domain::PageRequest one;
  one.limit = 1;
  auto result = tx->Registry().ListHouseholds(all, one);
  EXPECT_EQ(result.total, 3);
  ASSERT_EQ(result.items.size(), 1u);
  EXPECT_EQ(result.items[0].head_name, "王景云");
  EXPECT_EQ(result.items[0].member_count, 3);
  EXPECT_EQ(result.items[0].region_name, "东村");
}

// The one-box look-up's order (lookup_query.hpp): exact name with the head first, then other
// exact names, head-of-household prefixes, other prefixes, then the rest; and the member who
// matched when it is not the head.
TEST_P(StoreContractTest, HouseholdLookupRanksExactNamesAndHeadsFirstAndNamesTheMatch) {
  {
    auto tx = store_->Begin();
    SeedRegions(*tx);
    auto add = [&](domain::Id id, std::string number, std::string address) {
      tx->Registry().InsertHousehold(MakeHousehold(id, 3, "/1/2/3/", number, address));
    };
    // Numbers in the reverse of the expected order, so a list by number would fail.
    add(20, "H201", "东村1号");    // Head 小刘凯: a substring.
    add(21, "H202", "刘凯庄2号");  // Address only.
    add(22, "H203", "东村3号");    // A son 刘凯华: prefix, not the head.
    add(23, "H204", "东村4号");    // Head 刘凯明: head prefix.
    add(24, "H205", "东村5号");    // Spouse 刘凯: exact, not the head.
    add(25, "H206", "东村6号");    // Head 刘凯: exact head.
    auto person = [&](domain::Id id, domain::Id household, std::string name, std::string pinyin,
                      std::string initials, std::string relation) {
      tx->Registry().InsertResident(MakeResident(id, household, "/1/2/3/", std::move(name),
                                                 std::move(pinyin), std::move(initials),
                                                 std::move(relation)));
    };
    person(200, 20, "小刘凯", "xiao liu kai", "xlk", "户主");
    person(201, 21, "赵六", "zhao liu", "zl", "户主");
    person(202, 22, "王五", "wang wu", "ww", "户主");
    person(203, 22, "刘凯华", "liu kai hua", "lkh", "子");
    person(204, 23, "刘凯明", "liu kai ming", "lkm", "户主");
    person(205, 24, "张三", "zhang san", "zs", "户主");
    person(206, 24, "刘凯", "liu kai", "lk", "配偶");
    person(207, 25, "刘凯", "liu kai", "lk", "户主");
    person(208, 25, "韩彩素", "han cai su", "hcs", "配偶");
    tx->Commit();
  }
  auto lookup = [&](std::string q, domain::PageRequest page = {}) {
    app::HouseholdFilter f;
    f.lookup = std::move(q);
    auto tx = store_->BeginRead();
    return tx->Registry().ListHouseholds(f, page);
  };
  auto ids = [](const domain::Page<domain::Household>& page) {
    Ids out;
    for (const auto& h : page.items) out.push_back(h.id);
    return out;
  };
  auto found = lookup("刘凯");
  EXPECT_EQ(ids(found), (Ids{25, 24, 23, 22, 20, 21}));
  EXPECT_EQ(found.total, 6);
  std::vector<std::string> matched;
  for (const auto& h : found.items) matched.push_back(h.matched_name + "/" + h.matched_relation);
  EXPECT_EQ(matched, (std::vector<std::string>{"/", "刘凯/配偶", "/", "刘凯华/子", "/", "/"}));
  EXPECT_EQ(found.items[0].head_name, "刘凯");

  // Pinyin ranks the same way: the full pinyin is exact, a longer one a prefix.
  EXPECT_EQ(ids(lookup("liukai")), (Ids{25, 24, 23, 22}));
  EXPECT_EQ(ids(lookup("liukai")).size(), 4u);
  auto spouse = lookup("韩彩素");
  ASSERT_EQ(ids(spouse), (Ids{25}));
  EXPECT_EQ(spouse.items[0].matched_name, "韩彩素");
  EXPECT_EQ(spouse.items[0].matched_relation, "配偶");

  // Pages cut the ranked list, and the total stays the whole count.
  domain::PageRequest second;
  second.offset = 2;
  second.limit = 2;
  auto page = lookup("刘凯", second);
  EXPECT_EQ(ids(page), (Ids{23, 22}));
  EXPECT_EQ(page.total, 6);
  second.offset = 10;
  page = lookup("刘凯", second);
  EXPECT_TRUE(page.items.empty());
  EXPECT_EQ(page.total, 6);
  // An explicit sort keeps its order.
  domain::PageRequest by_number;
  by_number.sort = "number";
  EXPECT_EQ(ids(lookup("刘凯", by_number)), (Ids{20, 21, 22, 23, 24, 25}));
}

TEST_P(StoreContractTest, ResidentsListAndHouseholdOrder) {
  auto tx = store_->Begin();
  SeedHouseholds(*tx);
  // A second child older than the spouse: the head still comes first, then by birth date.
  tx->Registry().InsertResident(
      MakeResident(105, 10, "/1/2/3/", "王大明", "wang da ming", "wdm", "子", "1961-01-01"));
  auto members = tx->Registry().ListHouseholdResidents(10);
  ASSERT_EQ(members.size(), 4u);
  EXPECT_EQ(members[0].id, 100);
  EXPECT_EQ(members[1].id, 105);
  EXPECT_EQ(members[2].id, 101);
  EXPECT_EQ(members[3].id, 102);
  EXPECT_EQ(members[0].pinyin, "wang jing yun");
  EXPECT_EQ(members[0].initials, "wjy");

  auto found = tx->Registry().FindResidentByIdCard("13092219600501001X");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, 100);
  EXPECT_FALSE(tx->Registry().FindResidentByIdCard(""));

  // Unhoused residents are allowed.
  tx->Registry().InsertResident(
      MakeResident(106, std::nullopt, "", "孙悟空", "sun wu kong", "swk"));
  EXPECT_FALSE(tx->Registry().FindResident(106)->household_id.has_value());
  EXPECT_THROW(tx->Registry().InsertResident(MakeResident(107, 10, "/1/2/3/", "x", "x", "x", "子",
                                                          "2000-01-01", "13092219600501001X")),
               domain::Conflict);

  app::ResidentFilter rf;
  rf.region_path_prefix = "/1/2/";
  auto page = tx->Registry().ListResidents(rf, {});
  EXPECT_EQ(page.total, 5);
  ASSERT_EQ(page.items.size(), 5u);
  EXPECT_EQ(page.items.front().name, "李芳");  // li < wang < zhang.
  EXPECT_EQ(page.items.back().name, "张伟");
  rf.lookup = "wang";
  EXPECT_EQ(tx->Registry().ListResidents(rf, {}).total, 3);
  rf.lookup = "13911";
  EXPECT_EQ(tx->Registry().ListResidents(rf, {}).items.at(0).id, 103);
  domain::PageRequest by_birth;
  by_birth.sort = "-birth_date";
  rf.lookup = "";
  EXPECT_EQ(tx->Registry().ListResidents(rf, by_birth).items.at(0).id, 102);

  Resident r = *tx->Registry().FindResident(104);
  r.household_id = 11;
  r.region_path = "/1/2/4/";
  r.relation = "子";
  r.updated_at = 900;
  tx->Registry().UpdateResident(r);
  EXPECT_EQ(tx->Registry().FindResident(104)->region_path, "/1/2/4/");
  EXPECT_EQ(tx->Registry().ListHouseholdResidents(11).size(), 2u);
}

TEST_P(StoreContractTest, MovesNewestFirst) {
  auto tx = store_->Begin();
  SeedHouseholds(*tx);
  tx->Registry().InsertMove({1, 104, 12, 11, "婚迁", 1000, std::nullopt});
  tx->Registry().InsertMove({2, 103, 11, std::nullopt, "外出", 2000, std::nullopt});
  tx->Registry().InsertMove({3, 102, std::nullopt, 10, "出生", 500, std::nullopt});
  auto moves = tx->Registry().ListHouseholdMoves(11);
  ASSERT_EQ(moves.size(), 2u);
  EXPECT_EQ(moves[0].id, 2);
  EXPECT_FALSE(moves[0].to_household_id.has_value());
  EXPECT_EQ(moves[1].id, 1);
  EXPECT_EQ(moves[1].reason, "婚迁");
  EXPECT_EQ(tx->Registry().ListHouseholdMoves(10).size(), 1u);
}

TEST_P(StoreContractTest, PartyOrgsAndMembers) {
  auto tx = store_->Begin();
  SeedHouseholds(*tx);
  domain::PartyOrg branch{
      20, std::nullopt, domain::PartyOrgKind::kBranch, "东村党支部", 3, "/1/2/3/", std::nullopt, 0};
  domain::PartyOrg group{21,           20, domain::PartyOrgKind::kGroup, "第一党小组", 3, "/1/2/3/",
                         std::nullopt, 0};
  domain::PartyOrg other{
      22, std::nullopt, domain::PartyOrgKind::kBranch, "南村党支部", 6, "/1/5/6/", std::nullopt, 0};
  tx->Registry().InsertPartyOrg(branch);
  tx->Registry().InsertPartyOrg(group);
  tx->Registry().InsertPartyOrg(other);
  domain::PartyMember m;
  m.id = 30;
  m.resident_id = 100;
  m.org_id = 20;
  m.region_path = "/1/2/3/";
  m.joined_on = "1990-07-01";
  tx->Registry().InsertPartyMember(m);
  m.id = 31;
  m.resident_id = 102;
  m.org_id = 21;
  m.away = true;
  m.status = domain::MemberStatus::kProbationary;
  m.joined_on = "2015-07-01";
  tx->Registry().InsertPartyMember(m);
  m.id = 32;
  m.resident_id = 104;
  m.org_id = 22;
  m.away = false;
  m.region_path = "/1/5/6/";
  tx->Registry().InsertPartyMember(m);
  m.id = 33;
  EXPECT_THROW(tx->Registry().InsertPartyMember(m),
               domain::Conflict);  // Resident 104 is already a member.

  branch.leader_member_id = 30;
  tx->Registry().UpdatePartyOrg(branch);
  auto org = tx->Registry().FindPartyOrg(20);
  ASSERT_TRUE(org);
  EXPECT_EQ(org->leader_member_id, 30);
  EXPECT_EQ(org->member_count, 2);  // A branch counts its groups' members.
  EXPECT_EQ(tx->Registry().FindPartyOrg(21)->member_count, 1);

  auto branches = tx->Registry().ListPartyOrgs(std::nullopt, "");
  ASSERT_EQ(branches.size(), 2u);
  EXPECT_EQ(tx->Registry().ListPartyOrgs(std::nullopt, "/1/2/").size(), 1u);
  EXPECT_EQ(tx->Registry().ListPartyOrgs(20, "").at(0).id, 21);

  app::PartyMemberFilter f;
  f.org_id = 20;
  auto page = tx->Registry().ListPartyMembers(f, {});
  EXPECT_EQ(page.total, 2);
  f.org_id = 21;
  EXPECT_EQ(tx->Registry().ListPartyMembers(f, {}).total, 1);
  f = {};
  f.away = true;
  auto away = tx->Registry().ListPartyMembers(f, {});
  ASSERT_EQ(away.total, 1);
  EXPECT_EQ(away.items[0].name, "王小明");
  EXPECT_EQ(away.items[0].org_name, "第一党小组");
  EXPECT_EQ(away.items[0].status, domain::MemberStatus::kProbationary);
  f = {};
  f.region_path_prefix = "/1/5/";
  EXPECT_EQ(tx->Registry().ListPartyMembers(f, {}).items.at(0).id, 32);
  f = {};
  f.lookup = "wjy";
  EXPECT_EQ(tx->Registry().ListPartyMembers(f, {}).items.at(0).id, 30);
  f.lookup = "1111";
  EXPECT_EQ(tx->Registry().ListPartyMembers(f, {}).items.at(0).phone, "13800001111");
  domain::PageRequest by_joined;
  by_joined.sort = "joined_on";
  EXPECT_EQ(tx->Registry().ListPartyMembers({}, by_joined).items.at(0).id, 30);

  auto by_resident = tx->Registry().FindPartyMemberByResident(102);
  ASSERT_TRUE(by_resident);
  EXPECT_TRUE(by_resident->away);
  by_resident->capacity = 5;
  by_resident->can_take_households = false;
  tx->Registry().UpdatePartyMember(*by_resident);
  auto back = tx->Registry().FindPartyMember(31);
  EXPECT_EQ(back->capacity, 5);
  EXPECT_FALSE(back->can_take_households);
  EXPECT_EQ(tx->Registry().CountUnder("/1/").party_members, 3);
}

TEST_P(StoreContractTest, UnitsAndStaff) {
  auto tx = store_->Begin();
  SeedRegions(*tx);
  tx->Registry().InsertUnit(
      {40, "县民政局", domain::UnitKind::kBureau, std::nullopt, "0317-1", "", 0});
  tx->Registry().InsertUnit(
      {41, "清州镇便民服务中心", domain::UnitKind::kServiceCentre, 2, "0317-2", "24h", 0});
  tx->Registry().InsertStaff({50, 40, "刘科长", "科长", "139", std::nullopt});
  tx->Registry().InsertStaff({51, 40, "陈干事", "干事", "138", std::nullopt});
  auto units = tx->Registry().ListUnits();
  ASSERT_EQ(units.size(), 2u);
  std::int64_t staff = 0;
  for (const auto& u : units) staff += u.staff_count;
  EXPECT_EQ(staff, 2);
  EXPECT_EQ(tx->Registry().FindUnit(41)->region_id, 2);
  EXPECT_EQ(tx->Registry().ListStaff(40).size(), 2u);
  auto s = *tx->Registry().FindStaff(51);
  s.title = "副科长";
  tx->Registry().UpdateStaff(s);
  EXPECT_EQ(tx->Registry().FindStaff(51)->title, "副科长");
  auto u = *tx->Registry().FindUnit(40);
  // A unit inserted without office hours keeps the standard ones; they are stored as given.
  EXPECT_EQ(u.office_hours, "08:30-12:00,13:30-17:30");
  EXPECT_EQ(tx->Registry().FindUnit(41)->office_hours, "24h");
  u.phone = "0317-9";
  u.office_hours = "每天 07:00-19:00";
  tx->Registry().UpdateUnit(u);
  EXPECT_EQ(tx->Registry().FindUnit(40)->phone, "0317-9");
  EXPECT_EQ(tx->Registry().FindUnit(40)->office_hours, "每天 07:00-19:00");
}

TEST_P(StoreContractTest, UsersAndSessions) {
  auto tx = store_->Begin();
  SeedRegions(*tx);
  domain::User u;
  u.id = 60;
  u.username = "admin";
  u.display_name = "管理员";
  u.role = domain::Role::kAdmin;
  u.password_hash = "$argon2id$v=19$...";
  u.created_at = 10;
  tx->Accounts().InsertUser(u);
  u.id = 61;
  u.username = "zhang";
  u.role = domain::Role::kVillageAssistant;
  u.scope_region_id = 3;
  u.scope_region_path = "/1/2/3/";
  tx->Accounts().InsertUser(u);
  u.id = 62;
  try {
    tx->Accounts().InsertUser(u);
    FAIL() << "duplicate username accepted";
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "user.exists");
  }
  auto found = tx->Accounts().FindUserByUsername("zhang");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->scope_region_path, "/1/2/3/");
  EXPECT_EQ(found->password_hash, "$argon2id$v=19$...");
  EXPECT_TRUE(found->active);
  found->active = false;
  tx->Accounts().UpdateUser(*found);
  EXPECT_FALSE(tx->Accounts().FindUser(61)->active);
  auto users = tx->Accounts().ListUsers({});
  EXPECT_EQ(users.total, 2);
  EXPECT_EQ(users.items.at(0).username, "admin");

  tx->Accounts().InsertSession({"hash-a", 60, "csrf-a", 100, 200});
  tx->Accounts().InsertSession({"hash-b", 60, "csrf-b", 100, 400});
  tx->Accounts().InsertSession({"hash-c", 61, "csrf-c", 100, 400});
  EXPECT_EQ(tx->Accounts().FindSession("hash-a")->csrf_token, "csrf-a");
  EXPECT_EQ(tx->Accounts().DeleteExpiredSessions(300), 1);
  EXPECT_FALSE(tx->Accounts().FindSession("hash-a"));
  tx->Accounts().DeleteSession("hash-b");
  EXPECT_FALSE(tx->Accounts().FindSession("hash-b"));
  tx->Accounts().DeleteSessionsOfUser(61);
  EXPECT_FALSE(tx->Accounts().FindSession("hash-c"));
}

// A matter's page asks whether its household can sign it off with its own account.
TEST_P(StoreContractTest, UsersOfAHousehold) {
  auto tx = store_->Begin();
  SeedHouseholds(*tx);
  domain::User u;
  u.id = 70;
  u.username = "resident_a";
  u.role = domain::Role::kResident;
  u.resident_id = 101;
  u.created_at = 10;
  tx->Accounts().InsertUser(u);
  u.id = 71;
  u.username = "member_a";
  u.role = domain::Role::kPartyMember;
  u.resident_id = 100;
  tx->Accounts().InsertUser(u);
  u.id = 72;
  u.username = "staff";
  u.role = domain::Role::kCentreStaff;
  u.resident_id.reset();
  tx->Accounts().InsertUser(u);
  auto users = tx->Accounts().ListUsersOfHousehold(10);
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].id, 70);
  EXPECT_EQ(users[0].role, domain::Role::kResident);
  EXPECT_EQ(users[1].id, 71);
  EXPECT_TRUE(tx->Accounts().ListUsersOfHousehold(11).empty());
}

TEST_P(StoreContractTest, AuditLogIsAppendOnly) {
  {
    auto tx = store_->Begin();
    for (int i = 1; i <= 3; ++i) {
      tx->AppendAudit({i, 1000 + i, 60, "admin", "household.update", "household", 10, "{}",
                       "{\"n\":" + std::to_string(i) + "}", "web", ""});
    }
    tx->AppendAudit({4, 999, std::nullopt, "", "system.start", "", 0, "", "", "system", ""});
    tx->Commit();
  }
  {
    auto tx = store_->BeginRead();
    app::AuditFilter f;
    f.entity = "household";
    f.entity_id = 10;
    auto page = tx->ListAudit(f, {});
    EXPECT_EQ(page.total, 3);
    EXPECT_EQ(page.items.at(0).id, 3);  // Newest first.
    EXPECT_EQ(tx->ListAudit({}, {}).total, 4);
    EXPECT_FALSE(tx->ListAudit({}, {}).items.back().user_id.has_value());
  }
  auto conn = store_->database().Acquire();
  EXPECT_THROW(conn->Execute("UPDATE audit_log SET action = 'x' WHERE id = 1", {}), domain::Error);
  EXPECT_THROW(conn->Execute("DELETE FROM audit_log WHERE id = 1", {}), domain::Error);
  EXPECT_EQ(conn->Query("SELECT action FROM audit_log WHERE id = 1", {}).at(0).GetText(0),
            "household.update");
}

TEST_P(StoreContractTest, BulkInsertsAndCounts) {
  constexpr int kHouseholds = 3000;
  {
    auto tx = store_->Begin();
    std::vector<Region> regions = {
        MakeRegion(1, std::nullopt, RegionLevel::kCounty, "县", "/1/"),
        MakeRegion(2, 1, RegionLevel::kTownship, "镇", "/1/2/"),
        MakeRegion(3, 2, RegionLevel::kVillage, "村\t\"引号\"\\", "/1/2/3/")};
    tx->Registry().BulkInsertRegions(regions);
    std::vector<Household> households;
    std::vector<Resident> residents;
    for (int i = 0; i < kHouseholds; ++i) {
      households.push_back(MakeHousehold(1000 + i, 3, "/1/2/3/", "B" + std::to_string(i),
                                         "地址\n" + std::to_string(i), {"低保"}));
      residents.push_back(MakeResident(100000 + 2 * i, 1000 + i, "/1/2/3/",
                                       "户主" + std::to_string(i), "hu zhu", "hz"));
      residents.push_back(
          MakeResident(100001 + 2 * i, 1000 + i, "/1/2/3/", "成员", "cheng yuan", "cy", "子", ""));
    }
    households[5].lat = 38.25;
    tx->Registry().BulkInsertHouseholds(households);
    tx->Registry().BulkInsertResidents(residents);
    tx->Registry().BulkInsertPartyOrgs(
        {{20, std::nullopt, domain::PartyOrgKind::kBranch, "支部", 3, "/1/2/3/", std::nullopt, 0}});
    domain::PartyMember m;
    m.id = 30;
    m.resident_id = 100000;
    m.org_id = 20;
    m.region_path = "/1/2/3/";
    tx->Registry().BulkInsertPartyMembers({m});
    tx->Commit();
  }
  auto tx = store_->BeginRead();
  auto counts = tx->Registry().CountUnder("/1/");
  EXPECT_EQ(counts.households, kHouseholds);
  EXPECT_EQ(counts.residents, 2 * kHouseholds);
  EXPECT_EQ(counts.party_members, 1);
  EXPECT_EQ(counts.villages, 1);
  EXPECT_EQ(tx->Registry().FindRegion(3)->name, "村\t\"引号\"\\");
  auto h = tx->Registry().FindHousehold(1005);
  EXPECT_EQ(h->address, "地址\n5");
  EXPECT_DOUBLE_EQ(h->lat.value_or(0), 38.25);
  EXPECT_FALSE(tx->Registry().FindHousehold(1006)->lat.has_value());
  EXPECT_EQ(h->tags, std::vector<std::string>{"低保"});
  EXPECT_EQ(tx->Registry().ListHouseholdResidents(1005).at(0).name, "户主5");
  app::HouseholdFilter f;
  f.lookup = "hz";
  // Every household's look-up row is written: PostgreSQL counts past 1,000 matches no further.
  EXPECT_EQ(tx->Registry().ListHouseholds(f, {}).total,
            IsPostgres() ? app::kHouseholdLookupCountCap + 1 : kHouseholds);
  f.lookup = "户主2999";
  EXPECT_EQ(tx->Registry().ListHouseholds(f, {}).total, 1);
}

// The statements of the registry's droppable indexes, as the catalogue lists them.
std::vector<std::string> RegistryIndexes(Database& db) {
  auto conn = db.Acquire();
  std::vector<std::string> out;
  for (const char* table : {"households", "residents", "household_lookup"}) {
    for (const auto& row : QueryRows(*conn, sql::table_indexes, {std::string(table)})) {
      out.push_back(row.GetText(1));
    }
    for (const auto& row : QueryRows(*conn, sql::table_foreign_keys, {std::string(table)})) {
      out.push_back(row.GetText(0) + " " + row.GetText(1));
    }
  }
  return out;
}

// A first roster's load: the indexes are dropped while the rows go in and built again at the
// end, the same as before; the rows are found through them and the look-up table is written.
// A rollback puts the indexes back, and a duplicate ID card fails the end of the load.
TEST_P(StoreContractTest, BulkLoadDropsTheIndexesAndBuildsThemAgain) {
  const std::vector<std::string> indexes = RegistryIndexes(store_->database());
  EXPECT_GE(indexes.size(), 10U);
  // PostgreSQL drops the residents' key to households too, and never the households' key to
  // regions, which would lock a table every screen reads.
  const auto keys_to = [&](const std::string& parent) {
    return std::count_if(indexes.begin(), indexes.end(), [&](const std::string& s) {
      return s.find("REFERENCES " + parent + "(") != std::string::npos;
    });
  };
  EXPECT_EQ(keys_to("households"), IsPostgres() ? 1 : 0);
  EXPECT_EQ(keys_to("regions"), 0);
  auto load = [](app::StoreTx& tx, domain::Id first_household, const std::string& card_of_last) {
    std::vector<Household> households;
    std::vector<Resident> residents;
    for (int i = 0; i < 50; ++i) {
      const domain::Id id = first_household + i;
      households.push_back(MakeHousehold(id, 3, "/1/2/3/", "L" + std::to_string(id), "址", {}));
      residents.push_back(MakeResident(id * 10, id, "/1/2/3/", "刘" + std::to_string(i), "liu", "l",
                                       "户主", "",
                                       i == 49 ? card_of_last : "CARD" + std::to_string(id)));
    }
    tx.Registry().BeginBulkLoad();
    tx.Registry().BulkInsertHouseholds(households);
    tx.Registry().BulkInsertResidents(residents);
  };
  {
    auto tx = store_->Begin();
    SeedRegions(*tx);
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    // The last resident repeats the first's ID card: with the unique index in place the insert
    // would fail; without it the load goes in and building the index again fails.
    load(*tx, 5000, "CARD5000");
    EXPECT_THROW(tx->Registry().EndBulkLoad(), domain::Conflict);
  }
  EXPECT_EQ(RegistryIndexes(store_->database()), indexes);
  EXPECT_FALSE(store_->BeginRead()->Registry().FindHousehold(5000));
  {
    auto tx = store_->Begin();
    load(*tx, 6000, "CARD-LAST");
    tx->Registry().EndBulkLoad();
    tx->Commit();
  }
  EXPECT_EQ(RegistryIndexes(store_->database()), indexes);
  // The foreign keys hold during a load too: a resident of no household fails it, at its insert
  // (SQLite) or when the key is added back (PostgreSQL).
  EXPECT_ANY_THROW({
    auto orphan = store_->Begin();
    orphan->Registry().BeginBulkLoad();
    orphan->Registry().BulkInsertResidents(
        {MakeResident(777, 424242, "/1/2/3/", "无户", "wu hu", "wh", "户主", "", "ORPHAN")});
    orphan->Registry().EndBulkLoad();
  });
  EXPECT_EQ(RegistryIndexes(store_->database()), indexes);
  auto tx = store_->BeginRead();
  EXPECT_EQ(tx->Registry().ListHouseholdResidents(6007).at(0).name, "刘7");
  app::HouseholdFilter f;
  f.lookup = "刘49";
  auto found = tx->Registry().ListHouseholds(f, {});
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.items.at(0).id, 6049);
}

// Every row of household_lookup, in household order, each column as text.
std::vector<std::vector<std::string>> LookupRows(Connection& conn) {
  std::vector<std::vector<std::string>> out;
  for (const auto& row :
       conn.Query("SELECT household_id, region_path, number, number_key, address_key, names, "
                  "pinyins, initials, phones, id_cards FROM household_lookup ORDER BY household_id",
                  {})) {
    std::vector<std::string> values = {std::to_string(row.GetInt64(0))};
    for (std::size_t c = 1; c < 10; ++c) values.push_back(row.GetText(c));
    out.push_back(std::move(values));
  }
  return out;
}

// A bulk load writes the look-up rows of the households it adds (on SQLite from the inserted
// values, as they arrive): they are the rows a refresh reads back from the tables, also for a
// household whose residents come in a later call than the one after its own, for one without
// residents, and for numbers and addresses with upper-case letters (ASCII, full-width and
// accented) and line breaks.
TEST_P(StoreContractTest, BulkLoadWritesTheLookUpRowsARefreshWouldWrite) {
  {
    auto tx = store_->Begin();
    SeedRegions(*tx);
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    tx->Registry().BeginBulkLoad();
    std::vector<Household> first;
    std::vector<Resident> first_residents;
    for (int i = 0; i < 20; ++i) {
      const domain::Id id = 7000 + i;
      // Letters beyond ASCII: a full-width one, which PostgreSQL's lower() folds (the load
      // leaves such a household to the database), and caseless ideographs and middle dots.
      const std::string address = i == 7   ? "Ｂ栋Ａ单元·东"
                                  : i == 8 ? "ÉCOLE路"
                                           : "XX路" + std::to_string(i) + "号\nB栋";
      first.push_back(MakeHousehold(id, 3, "/1/2/3/", "Ab" + std::to_string(i), address, {}));
      if (i == 3) continue;  // No residents.
      first_residents.push_back(MakeResident(id * 10, id, "/1/2/3/", "陈" + std::to_string(i),
                                             "chen", "C", "户主", "", "C" + std::to_string(id),
                                             "1380000" + std::to_string(1000 + i)));
      first_residents.push_back(
          MakeResident(id * 10 + 1, id, "/1/2/3/", "陈\n二", "chen er", "CE", "子"));
    }
    tx->Registry().BulkInsertHouseholds(first);
    tx->Registry().BulkInsertResidents(first_residents);
    tx->Registry().BulkInsertHouseholds(
        {MakeHousehold(7100, 4, "/1/2/4/", "Z1", "后来", {"五保"})});
    // The second call brings a third member of an earlier household, and the newest one's own.
    tx->Registry().BulkInsertResidents(
        {MakeResident(70052, 7005, "/1/2/3/", "晚到", "wan dao", "WD", "孙"),
         MakeResident(71000, 7100, "/1/2/4/", "周", "zhou", "Z", "户主")});
    tx->Registry().EndBulkLoad();
    tx->Commit();
  }
  auto conn = store_->database().Acquire();
  const auto loaded = LookupRows(*conn);
  ASSERT_EQ(loaded.size(), 21U);
  conn->Begin(TxMode::kWrite);
  std::vector<domain::Id> ids;
  for (const auto& row : loaded) ids.push_back(std::stoll(row[0]));
  RefreshHouseholdLookup(*conn, ids);
  const auto refreshed = LookupRows(*conn);
  conn->Rollback();
  EXPECT_EQ(loaded, refreshed);
  EXPECT_NE(loaded.at(5)[5].find("晚到"), std::string::npos);
  auto tx = store_->BeginRead();
  app::HouseholdFilter f;
  f.lookup = "晚到";
  auto found = tx->Registry().ListHouseholds(f, {});
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.items.at(0).id, 7005);
  f.lookup = "ab1";
  EXPECT_GE(tx->Registry().ListHouseholds(f, {}).total, 1);
  f.lookup = "单元·东";
  found = tx->Registry().ListHouseholds(f, {});
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.items.at(0).id, 7007);
}

// The keys an import loads once: every household's number and every resident's ID-card number
// (residents without one left out), in pages by id.
TEST_P(StoreContractTest, HouseholdKeysAndResidentIdCardsArePaged) {
  {
    auto tx = store_->Begin();
    SeedRegions(*tx);
    std::vector<Household> households;
    std::vector<Resident> residents;
    for (int i = 0; i < 25; ++i) {
      households.push_back(
          MakeHousehold(2000 + i, 3, "/1/2/3/", "K" + std::to_string(i), "址", {}));
      residents.push_back(MakeResident(300000 + i, 2000 + i, "/1/2/3/", "甲", "jia", "j", "户主",
                                       "", i % 5 == 0 ? "" : "ID" + std::to_string(i)));
    }
    residents.push_back(
        MakeResident(300100, std::nullopt, "", "迁出", "qian chu", "qc", "", "", "IDGONE"));
    tx->Registry().BulkInsertHouseholds(households);
    tx->Registry().BulkInsertResidents(residents);
    tx->Commit();
  }
  auto tx = store_->BeginRead();
  std::vector<app::HouseholdKey> keys;
  for (domain::Id after = 0;;) {
    auto page = tx->Registry().ListHouseholdKeys(after, 7);
    keys.insert(keys.end(), page.begin(), page.end());
    if (page.size() < 7) break;
    after = page.back().id;
  }
  std::int64_t ours = 0;
  for (const auto& k : keys) {
    if (k.id >= 2000 && k.id < 2025) {
      ++ours;
      EXPECT_EQ(k.number, "K" + std::to_string(k.id - 2000));
      EXPECT_EQ(k.region_id, 3);
    }
  }
  EXPECT_EQ(ours, 25);
  std::vector<app::ResidentIdCard> cards;
  for (domain::Id after = 0;;) {
    auto page = tx->Registry().ListResidentIdCards(after, 6);
    cards.insert(cards.end(), page.begin(), page.end());
    if (page.size() < 6) break;
    after = page.back().id;
  }
  std::int64_t with_card = 0;
  bool gone = false;
  for (const auto& c : cards) {
    EXPECT_FALSE(c.id_card.empty());
    if (c.id >= 300000 && c.id < 300025) {
      ++with_card;
      EXPECT_EQ(c.household_id.value_or(0), c.id - 300000 + 2000);
    }
    if (c.id == 300100) gone = !c.household_id.has_value() && c.id_card == "IDGONE";
  }
  EXPECT_EQ(with_card, 20);
  EXPECT_TRUE(gone);
}

TEST_P(StoreContractTest, BulkInsertDuplicateIsConflict) {
  auto tx = store_->Begin();
  SeedRegions(*tx);
  EXPECT_THROW(
      tx->Registry().BulkInsertRegions({MakeRegion(7, 1, RegionLevel::kTownship, "x", "/1/7/"),
                                        MakeRegion(7, 1, RegionLevel::kTownship, "y", "/1/8/")}),
      domain::Conflict);
}

TEST_P(StoreContractTest, TransactionRollsBackWithoutCommit) {
  {
    auto tx = store_->Begin();
    SeedRegions(*tx);
  }
  EXPECT_FALSE(store_->BeginRead()->Registry().FindRegion(1));
  {
    auto tx = store_->Begin();
    SeedRegions(*tx);
    tx->Commit();
  }
  EXPECT_TRUE(store_->BeginRead()->Registry().FindRegion(1));
  // A failed statement leaves the connection usable for the next transaction.
  {
    auto tx = store_->Begin();
    EXPECT_THROW(
        tx->Registry().InsertRegion(MakeRegion(1, std::nullopt, RegionLevel::kCounty, "x", "/9/")),
        domain::Conflict);
  }
  EXPECT_EQ(store_->BeginRead()->Registry().FindRegion(1)->name, "青县");
}

TEST_P(StoreContractTest, BackupProducesUsableCopy) {
  {
    auto tx = store_->Begin();
    SeedHouseholds(*tx);
    tx->Commit();
  }
  std::filesystem::path dest =
      std::filesystem::temp_directory_path() /
      ("minqing-backup-" + std::to_string(getpid()) + (IsPostgres() ? ".dump" : ".db"));
  store_->Backup(dest.string());
  ASSERT_TRUE(std::filesystem::exists(dest));
  EXPECT_GT(std::filesystem::file_size(dest), 0u);
  // Readable by the owner only; an existing file is never overwritten.
  EXPECT_EQ(std::filesystem::status(dest).permissions(),
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const auto size = std::filesystem::file_size(dest);
  try {
    store_->Backup(dest.string());
    ADD_FAILURE() << "a backup overwrote an existing file";
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "backup.exists");
  }
  EXPECT_EQ(std::filesystem::file_size(dest), size);
  if (IsPostgres()) {
    std::ifstream in(dest, std::ios::binary);
    std::string magic(5, '\0');
    in.read(magic.data(), 5);
    EXPECT_EQ(magic, "PGDMP");
  } else {
    auto copy = app::OpenStore(dest.string());
    EXPECT_EQ(copy->BeginRead()->Registry().CountUnder("/1/").residents, 5);
  }
  std::filesystem::remove(dest);
}

// The look-up's conditions (sql_registry_repository.cpp, lookup_query.hpp) read by hand.
struct Expected {
  std::vector<Id> ids;
  std::map<Id, std::string> matched;  // Household → "name/relation" of a matching non-head.
};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

Expected BruteForce(const std::string& raw, const std::string& prefix,
                    const std::vector<Household>& households,
                    const std::vector<Resident>& residents) {
  const std::string q = AsciiLower(raw);
  std::string q_upper = q;
  std::replace(q_upper.begin(), q_upper.end(), 'x', 'X');
  std::string compact;
  bool letters = true;
  bool digits = true;
  bool non_ascii = false;
  for (char c : q) {
    if (c == ' ') continue;
    compact += c;
    if (static_cast<unsigned char>(c) >= 0x80) non_ascii = true;
    if (!(c >= 'a' && c <= 'z')) letters = false;
    if (!((c >= '0' && c <= '9') || c == 'x')) digits = false;
  }
  letters = letters && !compact.empty();
  digits = digits && !compact.empty() && compact.front() >= '0' && compact.front() <= '9';
  struct Ranked {
    int rank;
    std::string number;
    Id id;
  };
  std::vector<Ranked> ranked;
  Expected out;
  for (const auto& h : households) {
    if (!h.region_path.starts_with(prefix)) continue;
    const std::string number = AsciiLower(h.number);
    bool match = number.starts_with(q) || Contains(AsciiLower(h.address), q);
    int rank = number == q ? 0 : 4;
    struct Best {
      int rank;
      bool head;
      std::string named;
    };
    std::optional<Best> best;
    for (const auto& r : residents) {
      if (r.household_id != h.id) continue;
      std::string key;
      for (char c : AsciiLower(r.pinyin)) {
        if (c != ' ') key += c;
      }
      const bool hit =
          (non_ascii && Contains(r.name, q)) ||
          (letters && (key.starts_with(compact) || AsciiLower(r.initials).starts_with(compact))) ||
          (digits && (Contains(r.phone, q) || Contains(r.id_card, q_upper)));
      if (!hit) continue;
      match = true;
      const bool exact = (non_ascii && r.name == q) || (letters && key == compact) ||
                         (digits && (r.phone == q || r.id_card == q_upper));
      const bool starts = (non_ascii && r.name.starts_with(q)) ||
                          (letters && key.starts_with(compact)) ||
                          (digits && (r.phone.starts_with(q) || r.id_card.starts_with(q_upper)));
      const bool head = r.relation == "户主";
      const int own = exact ? (head ? 0 : 1) : starts ? (head ? 2 : 3) : 4;
      rank = std::min(rank, own);
      // The page names the best matching member (lowest rank, the head first, then by id).
      if (!best || own < best->rank || (own == best->rank && head && !best->head)) {
        best = Best{own, head, r.name + "/" + r.relation};
      }
    }
    if (best && !best->head) out.matched[h.id] = best->named;
    if (match) ranked.push_back({rank, h.number, h.id});
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return std::tie(a.rank, a.number, a.id) < std::tie(b.rank, b.number, b.id);
  });
  for (const auto& r : ranked) out.ids.push_back(r.id);
  return out;
}

// Migrations V070 and V071: rows written before them lose the pieces only their members' pinyin
// keys and initials held (a letter pair, a code point of an unusual pinyin), and keep those that
// another column holds too; the rows come out as LookupPiecesVector writes them now.
TEST_P(StoreContractTest, MigrationsV070AndV071LeaveTheOldRowsPinyinPiecesOut) {
  if (!IsPostgres()) GTEST_SKIP() << "the look-up pieces are PostgreSQL's";
  {
    auto tx = store_->Begin();
    SeedRegions(*tx);
    tx->Registry().InsertHousehold(MakeHousehold(1, 3, "/1/2/3/", "HW-1", "Wa巷7号"));
    tx->Registry().InsertResident(MakeResident(11, 1, "/1/2/3/", "王伟", "wang wei", "ww"));
    tx->Registry().InsertResident(MakeResident(12, 1, "/1/2/3/", "吕", "lü", "l", "子"));
    tx->Commit();
  }
  auto conn = store_->database().Acquire();
  auto pieces = [&] {
    return conn->Query("SELECT CAST(pieces AS TEXT) FROM household_lookup WHERE household_id = 1")
        .at(0)
        .GetText(0);
  };
  const std::string now = pieces();
  EXPECT_NE(now.find("'wa'"), std::string::npos) << now;  // The address's.
  EXPECT_EQ(now.find("'ng'"), std::string::npos) << now;
  // The row as the look-up table's version 2 wrote it, with the pinyin's and initials' pieces.
  conn->Execute(
      "UPDATE household_lookup SET pieces = pieces || CAST('an ng gw we ei ww lü ü' AS TSVECTOR)");
  ASSERT_NE(pieces(), now);
  for (const auto& m : Migrations(store_->database().dialect())) {
    if (m.version != 70 && m.version != 71) continue;
    conn->Begin(TxMode::kWrite);
    conn->ExecuteScript(m.sql);
    conn->Commit();
  }
  EXPECT_EQ(pieces(), now);
  // The look-up still finds the household by its pinyin, initials and address, now through the
  // residents' indexes, which hold the region.
  for (const std::string q : {"wangwei", "ww", "wang", "wa", "wei"}) {
    const auto found = LookUp(q, "/1/2/");
    EXPECT_EQ(found.total, q == "wei" ? 0 : 1) << q;
  }
  for (const char* index : {"residents_pinyin", "residents_initials"}) {
    const std::string def =
        conn->Query("SELECT indexdef FROM pg_indexes WHERE indexname = $1", {std::string(index)})
            .at(0)
            .GetText(0);
    EXPECT_NE(def.find("INCLUDE (household_id, region_path)"), std::string::npos) << def;
  }
  EXPECT_EQ(conn->Query("SELECT COUNT(*) FROM pg_indexes WHERE indexname = "
                        "'household_lookup_pieces' AND indexdef LIKE '%USING gin (pieces)'")
                .at(0)
                .GetInt64(0),
            1);
}

// Generated households whose names share rare characters, 〇 and a CJK Extension B character,
// whose phones, ID cards, numbers and addresses share digits: every query's result, order, total
// and named member match the conditions read by hand, and digits that would only appear across
// two fields (one member's phone followed by another's, a phone followed by an ID card) match
// nothing.
TEST_P(StoreContractTest, HouseholdLookupTableFindsWhatTheConditionsFind) {
  // "Li" puts Latin letters in names and addresses, where a Latin query finds them through the
  // pieces and its members' pinyin through the residents' indexes.
  const std::vector<std::string> chars = {"王", "李", "刘", "凯", "〇", "𠀀",
                                          "彧", "秀", "英", "A",  "Li"};
  const std::vector<std::string> syllables = {"wang", "li", "liu", "kai", "ling", "yu", "xiu"};
  const std::vector<std::string> relations = {"户主", "配偶", "子", "女"};
  std::mt19937 rng(7);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  auto digits = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + pick(4));
    return s;
  };
  std::vector<Household> households;
  std::vector<Resident> residents;
  {
    auto tx = store_->Begin();
    SeedRegions(*tx);
    Id resident_id = 1000;
    for (Id id = 1; id <= 120; ++id) {
      const bool east = id % 3 != 0;
      Household h = MakeHousehold(id, east ? 3 : 6, east ? "/1/2/3/" : "/1/5/6/",
                                  (id % 7 == 0 ? "H" : "13") + digits(4),
                                  chars[pick(chars.size())] + "村" + digits(2) + "号");
      if (std::any_of(households.begin(), households.end(),
                      [&](const Household& o) { return o.number == h.number; })) {
        h.number += "-" + std::to_string(id);
      }
      tx->Registry().InsertHousehold(h);
      households.push_back(h);
      const std::size_t members = pick(4);  // Some households have nobody.
      for (std::size_t m = 0; m < members; ++m) {
        Resident r;
        r.id = resident_id++;
        r.household_id = id;
        r.region_path = h.region_path;
        std::string pinyin;
        for (std::size_t k = 0, n = 1 + pick(3); k < n; ++k) {
          r.name += chars[pick(chars.size())];
          pinyin += (pinyin.empty() ? "" : " ") + syllables[pick(syllables.size())];
        }
        r.pinyin = pinyin;
        for (std::size_t k = 0; k < pinyin.size(); ++k) {
          if (k == 0 || pinyin[k - 1] == ' ') r.initials += pinyin[k];
        }
        r.sex = domain::Sex::kMale;
        r.relation = relations[m == 0 ? 0 : pick(relations.size())];
        r.phone = pick(3) == 0 ? "" : "13" + digits(9);
        r.id_card = pick(3) == 0 ? "" : "1311" + digits(13) + (pick(2) ? "X" : "1");
        r.created_at = 100;
        r.updated_at = 100;
        tx->Registry().InsertResident(r);
        residents.push_back(r);
      }
    }
    tx->Commit();
  }
  std::set<std::string> queries = {"王",  "〇",  "𠀀",     "𠀀王", "刘凯", "A",     "a王",  "村",
                                   "号",  "13",  "1311",   "x",    "1x",   "l",     "li",   "liu",
                                   "LK",  "wk",  "lingyu", "h",    "H0",   "130",   "%",    "_",
                                   "王 ", "2号", "村1",    "秀英", "0",    "00000", "13x1", "𠀀〇"};
  for (const auto& r : residents) {
    queries.insert(r.name);
    if (!r.phone.empty()) {
      queries.insert(r.phone);
      queries.insert(r.phone.substr(3, 5));
    }
    if (!r.id_card.empty()) {
      queries.insert(r.id_card.substr(10));
      queries.insert(AsciiLower(r.id_card.substr(12)));
    }
  }
  // Across fields: the end of one member's value and the start of the next one's.
  for (std::size_t i = 0; i + 1 < residents.size(); ++i) {
    const auto& a = residents[i];
    const auto& b = residents[i + 1];
    if (a.household_id != b.household_id || a.phone.empty() || b.phone.empty()) continue;
    const std::string across = a.phone.substr(7) + b.phone.substr(0, 4);
    if (!Contains(a.phone + " " + b.phone, across)) queries.insert(across);
    if (!b.id_card.empty()) queries.insert(b.phone.substr(8) + b.id_card.substr(0, 4));
  }
  for (const auto& h : households) {
    queries.insert(h.number.substr(0, 4));
    if (h.id % 5 == 0) queries.insert(h.number);
  }
  // PostgreSQL finds a page by one of several paths, chosen by thresholds (LookupTuning) far above
  // this roster's size: lowered, the same answers must come from each of them. With few_matches
  // at 2 nearly every query has "many" matches; rank_set_rows at 1,000 reads every rank through
  // its residents or matches, and at 0 walks the households in number order (a Latin query then
  // has no households from its members' pinyin either); member_scan_rows at 5 leaves most Latin
  // queries within the region to the region's households.
  const LookupTuning defaults = CurrentLookupTuning();
  struct RestoreTuning {
    LookupTuning saved;
    ~RestoreTuning() { SetLookupTuningForTesting(saved); }
  } restore{defaults};
  const std::vector<std::pair<std::string, LookupTuning>> tunings = {
      {"default", defaults},
      {"ranks through their sets", {2, 1000, 10000, 100000}},
      {"ranks walked", {2, 0, 10000, 100000}},
      {"mixed", {2, 3, 10000, 5}}};
  for (const auto& [label, tuning] : tunings) {
    SetLookupTuningForTesting(tuning);
    int compared = 0;
    for (const char* prefix : {"", "/1/2/"}) {
      for (const auto& q : queries) {
        Expected expected = BruteForce(q, prefix, households, residents);
        auto found = LookUp(q, prefix);
        std::vector<Id> ids;
        for (const auto& h : found.items) {
          ids.push_back(h.id);
          const std::string named =
              h.matched_name.empty() ? "" : h.matched_name + "/" + h.matched_relation;
          EXPECT_EQ(named, expected.matched[h.id])
              << label << ": query " << q << " household " << h.id;
        }
        EXPECT_EQ(ids, expected.ids) << label << ": query '" << q << "' under '" << prefix << "'";
        EXPECT_EQ(found.total, static_cast<std::int64_t>(expected.ids.size())) << label << q;
        ++compared;
      }
    }
    EXPECT_GT(compared, 300) << label;
    // Pages of three, each starting inside or past a rank, make up the whole list.
    for (const std::string q : {"王", "li", "秀", "wang", "村"}) {
      const auto all = LookUp(q);
      std::vector<Id> whole;
      for (const auto& h : all.items) whole.push_back(h.id);
      std::vector<Id> paged;
      for (std::int64_t offset = 0; offset < all.total + 3; offset += 3) {
        for (const auto& h : LookUp(q, "", {offset, 3, ""}).items) paged.push_back(h.id);
      }
      EXPECT_EQ(paged, whole) << label << ": pages of " << q;
    }
  }
  // Past few_matches a total is counted up to the cap and one more ("1000+" past the cap), by a
  // count of its own or, when the cap is not above few_matches, by the first scan.
  const std::int64_t all_wang =
      static_cast<std::int64_t>(BruteForce("王", "", households, residents).ids.size());
  ASSERT_GT(all_wang, 5);
  for (const LookupTuning& tuning : {LookupTuning{2, 3, 4, 100}, LookupTuning{4, 3, 4, 100}}) {
    SetLookupTuningForTesting(tuning);
    const auto capped = LookUp("王");
    EXPECT_EQ(capped.total, IsPostgres() ? 5 : all_wang);
    EXPECT_EQ(capped.items.size(), static_cast<std::size_t>(all_wang));  // The page is whole.
  }
  // Up to few_matches (4 here), every total is exact.
  for (const auto& q : queries) {
    const auto expected =
        static_cast<std::int64_t>(BruteForce(q, "", households, residents).ids.size());
    if (expected <= 4) {
      EXPECT_EQ(LookUp(q).total, expected) << q;
    }
  }
  SetLookupTuningForTesting(defaults);
  // A page of the ranked list, and the total beyond the last page.
  auto all = LookUp("13");
  auto page = LookUp("13", "", {5, 3, ""});
  ASSERT_EQ(page.items.size(), 3u);
  EXPECT_EQ(page.items[0].id, all.items[5].id);
  EXPECT_EQ(page.total, all.total);
  auto beyond = LookUp("13", "", {all.total + 5, 3, ""});
  EXPECT_TRUE(beyond.items.empty());
  EXPECT_EQ(beyond.total, all.total);
}

// Each write that changes what a look-up matches moves the table with it.
TEST_P(StoreContractTest, HouseholdLookupTableFollowsEdits) {
  {
    auto tx = store_->Begin();
    SeedRegions(*tx);
    tx->Registry().InsertHousehold(MakeHousehold(1, 3, "/1/2/3/", "H001", "东村1号"));
    tx->Registry().InsertHousehold(MakeHousehold(2, 6, "/1/5/6/", "H002", "南村2号"));
    tx->Registry().InsertResident(MakeResident(10, 1, "/1/2/3/", "韩彩素", "han cai su", "hcs",
                                               "配偶", "1970-01-01", "", "15900001111"));
    tx->Commit();
  }
  EXPECT_EQ(LookUpIds("韩彩素"), (std::vector<Id>{1}));
  {
    // Renamed: found by the new name, not the old one, within the same transaction too.
    auto tx = store_->Begin();
    auto r = *tx->Registry().FindResident(10);
    r.name = "韩彩霞";
    r.pinyin = "han cai xia";
    tx->Registry().UpdateResident(r);
    EXPECT_EQ(tx->Registry().ListHouseholds({"", {}, "彩霞"}, {}).total, 1);
    tx->Commit();
  }
  EXPECT_TRUE(LookUpIds("韩彩素").empty());
  EXPECT_EQ(LookUpIds("韩彩霞"), (std::vector<Id>{1}));
  EXPECT_EQ(LookUpIds("hancaixia"), (std::vector<Id>{1}));
  EXPECT_TRUE(LookUpIds("hancaisu").empty());
  {
    // Moved to the other household: found there, and the first household no longer.
    auto tx = store_->Begin();
    auto r = *tx->Registry().FindResident(10);
    r.household_id = 2;
    r.region_path = "/1/5/6/";
    tx->Registry().UpdateResident(r);
    tx->Commit();
  }
  EXPECT_EQ(LookUpIds("15900001111"), (std::vector<Id>{2}));
  EXPECT_EQ(LookUpIds("韩彩霞", "/1/2/"), std::vector<Id>{});
  {
    // Moved out of every household: found nowhere.
    auto tx = store_->Begin();
    auto r = *tx->Registry().FindResident(10);
    r.household_id.reset();
    tx->Registry().UpdateResident(r);
    tx->Commit();
  }
  EXPECT_TRUE(LookUpIds("韩彩霞").empty());
  {
    // A household's number, address and region.
    auto tx = store_->Begin();
    auto h = *tx->Registry().FindHousehold(1);
    h.number = "Q777";
    h.address = "北街9号";
    h.region_id = 6;
    h.region_path = "/1/5/6/";
    tx->Registry().UpdateHousehold(h);
    tx->Commit();
  }
  EXPECT_EQ(LookUpIds("q77"), (std::vector<Id>{1}));
  EXPECT_TRUE(LookUpIds("H001").empty());
  EXPECT_EQ(LookUpIds("北街"), (std::vector<Id>{1}));
  EXPECT_TRUE(LookUpIds("东村").empty());
  EXPECT_EQ(LookUpIds("北街", "/1/5/"), (std::vector<Id>{1}));
  EXPECT_TRUE(LookUpIds("北街", "/1/2/").empty());
  {
    // The bulk paths (roster import, demo county).
    auto tx = store_->Begin();
    tx->Registry().BulkInsertHouseholds({MakeHousehold(3, 3, "/1/2/3/", "H003", "西街3号")});
    tx->Registry().BulkInsertResidents(
        {MakeResident(11, 3, "/1/2/3/", "李博辉", "li bo hui", "lbh")});
    tx->Commit();
  }
  EXPECT_EQ(LookUpIds("李博辉"), (std::vector<Id>{3}));
  EXPECT_EQ(LookUpIds("lbh"), (std::vector<Id>{3}));
  {
    // A transaction rolled back leaves the table as it was.
    auto tx = store_->Begin();
    auto h = *tx->Registry().FindHousehold(3);
    h.address = "东街8号";
    tx->Registry().UpdateHousehold(h);
  }
  EXPECT_EQ(LookUpIds("西街"), (std::vector<Id>{3}));
  EXPECT_TRUE(LookUpIds("东街").empty());
}

// A store whose table is stale (after migration V033 or a change of the rules) rebuilds it in
// batches, and the look-up finds what it found before.
TEST_P(StoreContractTest, HouseholdLookupTableRebuildsWhenStale) {
  auto db = OpenDatabase(url_);
  const DerivedIndex& index = HouseholdLookupIndex();
  EXPECT_FALSE(IndexIsCurrent(*db, index));  // Migrated, never built: a fresh store builds it.
  EXPECT_EQ(RebuildIndexIfStale(*db, index, 2), 0);
  EXPECT_TRUE(IndexIsCurrent(*db, index));
  {
    auto tx = store_->Begin();
    SeedRegions(*tx);
    for (Id id = 1; id <= 5; ++id) {
      tx->Registry().InsertHousehold(
          MakeHousehold(id, 3, "/1/2/3/", "H00" + std::to_string(id), "东村" + std::to_string(id)));
    }
    tx->Commit();
  }
  EXPECT_EQ(LookUpIds("东村").size(), 5u);
  {
    auto lease = db->Acquire();
    lease->Execute("DELETE FROM household_lookup", {});
    lease->Execute("UPDATE search_index_state SET version = 0 WHERE name = 'household_lookup'", {});
  }
  EXPECT_TRUE(LookUpIds("东村").empty());
  EXPECT_FALSE(IndexIsCurrent(*db, index));
  EXPECT_EQ(RebuildIndexIfStale(*db, index, 2), 5);
  EXPECT_TRUE(IndexIsCurrent(*db, index));
  EXPECT_EQ(RebuildIndexIfStale(*db, index, 2), 0);
  EXPECT_EQ(LookUpIds("东村").size(), 5u);
  // A rebuild cut short after household 2 resumes with household 3.
  {
    auto lease = db->Acquire();
    lease->Execute("DELETE FROM household_lookup WHERE household_id > 2", {});
    lease->Execute("UPDATE search_index_state SET version = 0 WHERE name = 'household_lookup'", {});
    lease->Execute(
        "INSERT INTO search_index_state (name, version) "
        "VALUES ('household_lookup.rebuilt_through', 2)",
        {});
  }
  EXPECT_EQ(RebuildIndexIfStale(*db, index, 2), 3);
  EXPECT_EQ(LookUpIds("东村").size(), 5u);
  EXPECT_EQ(RebuildIndex(*db, index, 4), 5);
  EXPECT_EQ(LookUpIds("东村3"), (std::vector<Id>{3}));
}

MINQING_INSTANTIATE_BACKENDS(StoreContractTest);

}  // namespace
}  // namespace minqing::storage
