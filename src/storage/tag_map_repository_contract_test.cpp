// Statistics by tag and the map on every backend: tagged households group by region and tag set
// with their residents; matters of tagged households count in the period by status, merged
// duplicates and untagged households left out; a corrected diary entry counts once; the map's
// households filter by subtree and tag, the unlocated are listed; a matter without coordinates
// takes its household's; the filters (category, status, tag) and the point look-ups hold.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "domain/network.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Id;
using domain::RegionLevel;

constexpr domain::Epoch kDay = 86400;
constexpr domain::Epoch kT0 = 1780000000;

class TagMapContractTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store_->Begin();
    testing::AddRegion(*tx, 1, std::nullopt, RegionLevel::kCounty, "县", "/1/");
    testing::AddRegion(*tx, 2, 1, RegionLevel::kTownship, "东镇", "/1/2/");
    testing::AddRegion(*tx, 3, 2, RegionLevel::kVillage, "东村", "/1/2/3/");
    testing::AddRegion(*tx, 4, 1, RegionLevel::kTownship, "西镇", "/1/4/");
    testing::AddRegion(*tx, 6, 4, RegionLevel::kVillage, "西村", "/1/4/6/");
    domain::MatterCategory c;
    c.id = 70;
    c.name = "低保救助";
    tx->Matters().InsertCategory(c);
    c.id = 71;
    c.name = "道路";
    tx->Matters().InsertCategory(c);
    domain::User u;
    u.id = 900;
    u.username = "assistant";
    u.role = domain::Role::kVillageAssistant;
    u.created_at = 100;
    tx->Accounts().InsertUser(u);
    AddHousehold(*tx, 101, 3, "/1/2/3/", {"低保", "残疾"}, 38.1, 115.1, 2);
    AddHousehold(*tx, 102, 3, "/1/2/3/", {"低保"}, 38.2, 115.2, 1);
    AddHousehold(*tx, 103, 6, "/1/4/6/", {"五保"}, std::nullopt, std::nullopt, 1);
    AddHousehold(*tx, 104, 6, "/1/4/6/", {}, 38.4, 115.4, 3);
    // Household 101: two open, one closed, one merged, one before the period.
    AddMatter(*tx, 1, 101, 3, "/1/2/3/", 1, 70, kT0);
    AddMatter(*tx, 2, 101, 3, "/1/2/3/", 3, 71, kT0 + kDay);
    AddMatter(*tx, 3, 101, 3, "/1/2/3/", 5, 70, kT0 + 2 * kDay);
    AddMatter(*tx, 4, 101, 3, "/1/2/3/", 6, 70, kT0 + 2 * kDay);
    AddMatter(*tx, 5, 101, 3, "/1/2/3/", 5, 70, kT0 - 40 * kDay);
    // Household 103 (no coordinates), 104 (untagged); a matter of its own place.
    AddMatter(*tx, 6, 103, 6, "/1/4/6/", 4, 70, kT0);
    AddMatter(*tx, 7, 104, 6, "/1/4/6/", 1, 71, kT0);
    AddMatter(*tx, 8, std::nullopt, 6, "/1/4/6/", 1, 71, kT0, 38.5, 115.5);
    AddVisit(*tx, 1, 101, "/1/2/3/", kT0, std::nullopt);
    AddVisit(*tx, 2, 101, "/1/2/3/", kT0 + 10, 1);  // corrects visit 1
    AddVisit(*tx, 3, 103, "/1/4/6/", kT0, std::nullopt);
    AddVisit(*tx, 4, 104, "/1/4/6/", kT0, std::nullopt);
    tx->Commit();
  }

  static void AddHousehold(app::StoreTx& tx, Id id, Id region, const std::string& path,
                           std::vector<std::string> tags, std::optional<double> lat,
                           std::optional<double> lng, int residents) {
    domain::Household h;
    h.id = id;
    h.region_id = region;
    h.region_path = path;
    h.number = "H" + std::to_string(id);
    h.address = "地址" + std::to_string(id);
    h.tags = std::move(tags);
    h.lat = lat;
    h.lng = lng;
    h.created_at = h.updated_at = 100;
    tx.Registry().InsertHousehold(h);
    for (int i = 0; i < residents; ++i) {
      domain::Resident r;
      r.id = id * 10 + i;
      r.household_id = id;
      r.region_path = path;
      r.name = i == 0 ? "户主" + std::to_string(id) : "家人";
      r.relation = i == 0 ? "户主" : "子";
      r.created_at = r.updated_at = 100;
      tx.Registry().InsertResident(r);
    }
  }

  static void AddMatter(app::StoreTx& tx, Id id, std::optional<Id> household, Id region,
                        const std::string& path, int status, Id category, domain::Epoch at,
                        std::optional<double> lat = std::nullopt,
                        std::optional<double> lng = std::nullopt) {
    domain::Matter m;
    m.id = id;
    m.number = "20260105-" + std::to_string(10000 + id).substr(1);
    m.household_id = household;
    m.region_id = region;
    m.region_path = path;
    m.status = static_cast<domain::MatterStatus>(status);
    m.category_id = category;
    m.title = "诉求" + std::to_string(id);
    m.caller_name = "张三";
    m.lat = lat;
    m.lng = lng;
    m.accepted_by = 7;
    m.accepted_at = at;
    m.response_due_at = at + kDay;
    m.due_at = at + 5 * kDay;
    m.updated_at = at;
    tx.Matters().InsertMatter(m);
  }

  static void AddVisit(app::StoreTx& tx, Id id, Id household, const std::string& path,
                       domain::Epoch at, std::optional<Id> corrects) {
    domain::Visit v;
    v.id = id;
    v.household_id = household;
    v.region_path = path;
    v.visitor_user_id = 900;
    v.visitor_kind = domain::VisitorKind::kVillageAssistant;
    v.visited_at = at;
    v.created_at = at;
    v.corrects_id = corrects;
    tx.Network().InsertVisit(v);
  }

  static app::MapMatterFilter Period() {
    app::MapMatterFilter f;
    f.from = kT0 - kDay;
    f.to = kT0 + 3 * kDay;
    return f;
  }
};

TEST_P(TagMapContractTest, GroupsTaggedHouseholdsWithTheirResidents) {
  auto tx = store_->BeginRead();
  auto groups = tx->TagMap().TagHouseholds("");
  std::sort(groups.begin(), groups.end(),
            [](const auto& a, const auto& b) { return a.households > b.households; });
  ASSERT_EQ(groups.size(), 3u);  // Untagged household 104 left out.
  std::int64_t households = 0, residents = 0;
  for (const auto& g : groups) {
    households += g.households;
    residents += g.residents;
  }
  EXPECT_EQ(households, 3);
  EXPECT_EQ(residents, 4);
  auto west = tx->TagMap().TagHouseholds("/1/4/");
  ASSERT_EQ(west.size(), 1u);
  EXPECT_EQ(west[0].region_path, "/1/4/6/");
  EXPECT_EQ(west[0].tags, std::vector<std::string>{"五保"});
  EXPECT_EQ(west[0].residents, 1);
}

TEST_P(TagMapContractTest, CountsMattersOfTaggedHouseholdsInThePeriodByStatus) {
  auto tx = store_->BeginRead();
  std::map<int, std::int64_t> east;
  for (const auto& g : tx->TagMap().TagMatters("/1/2/", kT0 - kDay, kT0 + 3 * kDay)) {
    EXPECT_EQ(g.tags, (std::vector<std::string>{"低保", "残疾"}));
    east[g.status] += g.count;
  }
  // Merged (6) and the matter before the period left out.
  EXPECT_EQ(east, (std::map<int, std::int64_t>{{1, 1}, {3, 1}, {5, 1}}));
  std::int64_t all = 0;
  for (const auto& g : tx->TagMap().TagMatters("", kT0 - kDay, kT0 + 3 * kDay)) all += g.count;
  EXPECT_EQ(all, 4);  // 3 of household 101, 1 of 103; none of untagged 104 or without household.
}

TEST_P(TagMapContractTest, CountsAVisitAndItsCorrectionOnce) {
  auto tx = store_->BeginRead();
  std::int64_t all = 0;
  for (const auto& g : tx->TagMap().TagVisits("", kT0 - kDay, kT0 + kDay)) all += g.count;
  EXPECT_EQ(all, 2);  // Visit 1 (corrected by 2) and visit 3; visit 4 is to untagged 104.
  EXPECT_TRUE(tx->TagMap().TagVisits("", kT0 + kDay, kT0 + 2 * kDay).empty());
}

TEST_P(TagMapContractTest, MapHouseholdsFilterBySubtreeAndTagAndListTheUnlocated) {
  auto tx = store_->BeginRead();
  EXPECT_EQ(tx->TagMap().MapHouseholds("", "").size(), 4u);
  auto poor = tx->TagMap().MapHouseholds("", "低保");
  ASSERT_EQ(poor.size(), 2u);
  EXPECT_TRUE(poor[0].lat.has_value());
  auto west = tx->TagMap().MapHouseholds("/1/4/", "");
  ASSERT_EQ(west.size(), 2u);
  auto unlocated = tx->TagMap().UnlocatedHouseholds("", "", 10);
  ASSERT_EQ(unlocated.size(), 1u);
  EXPECT_EQ(unlocated[0].number, "H103");
  EXPECT_EQ(unlocated[0].head_name, "户主103");
  EXPECT_TRUE(tx->TagMap().UnlocatedHouseholds("/1/2/", "", 10).empty());
}

TEST_P(TagMapContractTest, MapMattersTakeTheHouseholdsCoordinatesAndFilter) {
  auto tx = store_->BeginRead();
  auto all = tx->TagMap().MapMatters(Period());
  ASSERT_EQ(all.size(), 6u);  // 1, 2, 3, 6, 7, 8 (4 merged, 5 before the period).
  int located = 0;
  for (const auto& m : all) {
    if (m.lat) ++located;
  }
  EXPECT_EQ(located, 5);  // Matter 6's household 103 has no coordinates.
  auto f = Period();
  f.category_id = 71;
  EXPECT_EQ(tx->TagMap().MapMatters(f).size(), 3u);
  f = Period();
  f.statuses = {1, 2, 3};
  EXPECT_EQ(tx->TagMap().MapMatters(f).size(), 4u);
  f = Period();
  f.tag = "残疾";
  EXPECT_EQ(tx->TagMap().MapMatters(f).size(), 3u);
  f = Period();
  f.region_prefix = "/1/4/";
  EXPECT_EQ(tx->TagMap().MapMatters(f).size(), 3u);
}

TEST_P(TagMapContractTest, FindsWhatLiesAtAPoint) {
  auto tx = store_->BeginRead();
  const app::MapBox near_101{38.0999, 38.1001, 115.0999, 115.1001};
  auto households = tx->TagMap().HouseholdsIn("", "", near_101, 20);
  ASSERT_EQ(households.size(), 1u);
  EXPECT_EQ(households[0].number, "H101");
  EXPECT_TRUE(tx->TagMap().HouseholdsIn("/1/4/", "", near_101, 20).empty());
  auto matters = tx->TagMap().MattersIn(Period(), near_101, 20);
  ASSERT_EQ(matters.size(), 3u);
  EXPECT_EQ(matters[0].id, 3);  // Newest first.
  EXPECT_EQ(matters[0].category_name, "低保救助");
  EXPECT_EQ(matters[0].household_number, "H101");
  EXPECT_EQ(matters[0].region_name, "东村");
  const app::MapBox own{38.4999, 38.5001, 115.4999, 115.5001};
  auto own_matters = tx->TagMap().MattersIn(Period(), own, 20);
  ASSERT_EQ(own_matters.size(), 1u);
  EXPECT_EQ(own_matters[0].id, 8);
}

MINQING_INSTANTIATE_BACKENDS(TagMapContractTest);

}  // namespace
}  // namespace minqing::storage
