// Pairing on every backend: a pair reads back with its unit and village names and filters by
// subtree, unit and village; needs, resources and matches read back in order with their states;
// a need or a resource is matched at most once; only what the transaction commits stays.
#include <gtest/gtest.h>

#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

class PairingContractTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store_->Begin();
    testing::AddRegion(*tx, 1, std::nullopt, domain::RegionLevel::kCounty, "县", "/1/");
    testing::AddRegion(*tx, 2, 1, domain::RegionLevel::kTownship, "东镇", "/1/2/");
    testing::AddRegion(*tx, 3, 2, domain::RegionLevel::kVillage, "东村", "/1/2/3/");
    testing::AddRegion(*tx, 4, 1, domain::RegionLevel::kTownship, "西镇", "/1/4/");
    testing::AddRegion(*tx, 5, 4, domain::RegionLevel::kVillage, "西村", "/1/4/5/");
    domain::Unit unit;
    unit.id = 50;
    unit.name = "县农业农村局";
    tx->Registry().InsertUnit(unit);
    unit.id = 51;
    unit.name = "县供电公司";
    tx->Registry().InsertUnit(unit);
    tx->Commit();
  }

  static domain::Pair Make(domain::Id id, domain::Id unit, domain::Id region, std::string path,
                           std::string from, std::optional<std::string> to = std::nullopt) {
    domain::Pair p;
    p.id = id;
    p.unit_id = unit;
    p.region_id = region;
    p.region_path = std::move(path);
    p.from = std::move(from);
    p.to = std::move(to);
    p.note = "三联五帮";
    p.created_at = 1700000000;
    return p;
  }
};

TEST_P(PairingContractTest, PairsReadBackAndFilter) {
  {
    auto tx = store_->Begin();
    tx->Pairing().LockPairs(50, 3);
    tx->Pairing().InsertPair(Make(10, 50, 3, "/1/2/3/", "2026-01-01", "2026-12-31"));
    tx->Pairing().LockPairs(50, 3);  // Twice in one transaction is fine.
    tx->Pairing().InsertPair(Make(11, 50, 5, "/1/4/5/", "2027-01-01"));
    tx->Pairing().InsertPair(Make(12, 51, 3, "/1/2/3/", "2025-01-01"));
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    tx->Pairing().InsertPair(Make(13, 51, 5, "/1/4/5/", "2025-01-01"));
    // Rolled back.
  }
  auto tx = store_->BeginRead();
  auto p = tx->Pairing().FindPair(10);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->unit_name, "县农业农村局");
  EXPECT_EQ(p->region_name, "东村");
  EXPECT_EQ(p->to, std::optional<std::string>("2026-12-31"));
  EXPECT_EQ(p->note, "三联五帮");
  EXPECT_FALSE(tx->Pairing().FindPair(13));
  EXPECT_FALSE(tx->Pairing().FindPair(11)->to);
  auto all = tx->Pairing().ListPairs({});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, 11);  // Newest start first.
  app::PairFilter east;
  east.region_path = "/1/2/";
  EXPECT_EQ(tx->Pairing().ListPairs(east).size(), 2u);
  app::PairFilter same;
  same.unit_id = 50;
  same.region_id = 3;
  auto one = tx->Pairing().ListPairs(same);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].id, 10);
}

TEST_P(PairingContractTest, NeedsResourcesAndMatches) {
  {
    auto tx = store_->Begin();
    tx->Pairing().InsertPair(Make(10, 50, 3, "/1/2/3/", "2026-01-01"));
    domain::PairNeed n;
    n.id = 20;
    n.pair_id = 10;
    n.title = "修村道";
    n.kind = domain::PairingKind::kFunds;
    n.detail = "两公里";
    n.created_at = 1700000001;
    tx->Pairing().InsertNeed(n);
    n.id = 21;
    n.title = "农技培训";
    n.kind = domain::PairingKind::kSkills;
    n.created_at = 1700000002;
    tx->Pairing().InsertNeed(n);
    domain::PairResource r;
    r.id = 30;
    r.pair_id = 10;
    r.kind = domain::PairingKind::kFunds;
    r.description = "五万元";
    r.created_at = 1700000003;
    tx->Pairing().InsertResource(r);
    r.id = 31;
    r.description = "三万元";
    tx->Pairing().InsertResource(r);
    domain::PairMatch m;
    m.id = 40;
    m.pair_id = 10;
    m.need_id = 20;
    m.resource_id = 30;
    m.note = "当月到位";
    m.created_at = 1700000004;
    tx->Pairing().InsertMatch(m);
    tx->Pairing().SetNeedState(20, domain::NeedState::kMatched);
    tx->Pairing().SetResourceState(30, domain::ResourceState::kCommitted);
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    domain::PairMatch again;
    again.id = 41;
    again.pair_id = 10;
    again.need_id = 20;
    again.resource_id = 31;
    again.created_at = 1700000005;
    try {
      tx->Pairing().InsertMatch(again);
      FAIL() << "a need matched twice";
    } catch (const domain::Conflict& e) {
      EXPECT_EQ(e.code(), "pairing.need_taken");
    }
  }
  {
    auto tx = store_->Begin();
    tx->Pairing().SetMatchDone(40, 1700000100);
    tx->Pairing().SetNeedState(20, domain::NeedState::kMet);
    tx->Pairing().SetResourceState(30, domain::ResourceState::kUsed);
    EXPECT_THROW(tx->Pairing().SetNeedState(99, domain::NeedState::kMet), domain::NotFound);
  }
  auto tx = store_->BeginRead();
  auto needs = tx->Pairing().NeedsOf(10);
  ASSERT_EQ(needs.size(), 2u);
  EXPECT_EQ(needs[0].title, "修村道");
  EXPECT_EQ(needs[0].state, domain::NeedState::kMatched);  // The done transaction rolled back.
  EXPECT_EQ(needs[1].kind, domain::PairingKind::kSkills);
  auto resources = tx->Pairing().ResourcesOf(10);
  ASSERT_EQ(resources.size(), 2u);
  EXPECT_EQ(resources[0].state, domain::ResourceState::kCommitted);
  EXPECT_EQ(resources[1].state, domain::ResourceState::kAvailable);
  auto matches = tx->Pairing().MatchesOf(10);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].note, "当月到位");
  EXPECT_FALSE(matches[0].done_at);
  EXPECT_EQ(tx->Pairing().FindNeed(21)->detail, "两公里");
  EXPECT_EQ(tx->Pairing().FindResource(31)->description, "三万元");
  EXPECT_EQ(tx->Pairing().FindMatch(40)->resource_id, 30);
}

TEST_P(PairingContractTest, JointProjects) {
  {
    auto tx = store_->Begin();
    tx->Pairing().InsertPair(Make(10, 50, 3, "/1/2/3/", "2026-01-01"));
    domain::PairProject j;
    j.id = 60;
    j.pair_id = 10;
    j.title = "共建文化广场";
    j.description = "单位出资";
    j.created_at = 1700000000;
    j.updated_at = 1700000000;
    tx->Pairing().InsertProject(j);
    j.id = 61;
    j.title = "产业路";
    j.project_id = 9001;
    j.created_at = 1700000001;
    tx->Pairing().InsertProject(j);
    tx->Pairing().SetProjectState(60, domain::PairProjectState::kDone, 1700000500);
    EXPECT_THROW(tx->Pairing().SetProjectState(99, domain::PairProjectState::kDone, 1),
                 domain::NotFound);
    tx->Commit();
  }
  auto tx = store_->BeginRead();
  auto projects = tx->Pairing().ProjectsOf(10);
  ASSERT_EQ(projects.size(), 2u);
  EXPECT_EQ(projects[0].state, domain::PairProjectState::kDone);
  EXPECT_EQ(projects[0].updated_at, 1700000500);
  EXPECT_FALSE(projects[0].project_id);
  EXPECT_EQ(projects[1].project_id, std::optional<domain::Id>(9001));
  EXPECT_EQ(tx->Pairing().FindProject(61)->title, "产业路");
}

MINQING_INSTANTIATE_BACKENDS(PairingContractTest);

}  // namespace
}  // namespace minqing::storage
