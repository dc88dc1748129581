// Party storage for the party roster (issue 14), on SQLite and PostgreSQL: a member's 流动去向
// (away_to) through insert, bulk insert (COPY in PostgreSQL) and update, and every org inside a
// region whatever its parent (ListPartyOrgsUnder).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Id;
using testing::AddRegion;

class PartyRepositoryTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store_->Begin();
    AddRegion(*tx, 1, std::nullopt, domain::RegionLevel::kCounty, "饶阳县", "/1/");
    AddRegion(*tx, 2, 1, domain::RegionLevel::kTownship, "饶阳镇", "/1/2/");
    AddRegion(*tx, 3, 2, domain::RegionLevel::kVillage, "小石楼村", "/1/2/3/");
    domain::Household h;
    h.id = 10;
    h.region_id = 3;
    h.region_path = "/1/2/3/";
    h.number = "H1";
    tx->Registry().InsertHousehold(h);
    for (Id id : {11, 12}) {
      domain::Resident r;
      r.id = id;
      r.household_id = 10;
      r.region_path = "/1/2/3/";
      r.name = id == 11 ? "王景云" : "李秀英";
      tx->Registry().InsertResident(r);
    }
    using domain::PartyOrgKind;
    for (const domain::PartyOrg& org :
         {domain::PartyOrg{20, std::nullopt, PartyOrgKind::kBranch, "饶阳镇党委", 2, "/1/2/",
                           std::nullopt, 0},
          domain::PartyOrg{21, 20, PartyOrgKind::kBranch, "小石楼村党支部", 3, "/1/2/3/",
                           std::nullopt, 0},
          domain::PartyOrg{22, 21, PartyOrgKind::kGroup, "一组党小组", 3, "/1/2/3/", std::nullopt,
                           0}}) {
      tx->Registry().InsertPartyOrg(org);
    }
    tx->Commit();
  }
};

TEST_P(PartyRepositoryTest, AwayToIsStoredByInsertBulkInsertAndUpdate) {
  auto tx = store_->Begin();
  domain::PartyMember m;
  m.id = 30;
  m.resident_id = 11;
  m.org_id = 22;
  m.region_path = "/1/2/3/";
  m.away = true;
  m.away_to = "北京市朝阳区";
  tx->Registry().InsertPartyMember(m);
  domain::PartyMember bulk = m;
  bulk.id = 31;
  bulk.resident_id = 12;
  bulk.away_to = "天津";
  tx->Registry().BulkInsertPartyMembers({bulk});
  tx->Commit();

  auto read = store_->Begin();
  EXPECT_EQ(read->Registry().FindPartyMember(30)->away_to, "北京市朝阳区");
  EXPECT_EQ(read->Registry().FindPartyMemberByResident(12)->away_to, "天津");
  m.away = false;
  m.away_to = "";
  read->Registry().UpdatePartyMember(m);
  EXPECT_EQ(read->Registry().FindPartyMember(30)->away_to, "");
  read->Commit();
}

TEST_P(PartyRepositoryTest, OrgsUnderARegionWhateverTheirParent) {
  auto tx = store_->BeginRead();
  auto village = tx->Registry().ListPartyOrgsUnder("/1/2/3/");
  std::set<std::string> names;
  for (const auto& org : village) names.insert(org.name);
  EXPECT_EQ(names, (std::set<std::string>{"一组党小组", "小石楼村党支部"}));
  EXPECT_EQ(tx->Registry().ListPartyOrgsUnder("/1/").size(), 3u);
  EXPECT_EQ(tx->Registry().ListPartyOrgsUnder("").size(), 3u);
  EXPECT_TRUE(tx->Registry().ListPartyOrgs(std::nullopt, "/1/2/3/").empty());
}

MINQING_INSTANTIATE_BACKENDS(PartyRepositoryTest);

}  // namespace
}  // namespace minqing::storage
