// Service providers on every backend: a provider reads back with its unit, categories and area;
// a unit is a provider at most once; a profile update replaces the lists; the state moves with
// who and when; the ratings count only the residents' sign-offs (sms_code, resident_account,
// callback) of matters now at a provider, by the time of the latest sign-off.
#include <gtest/gtest.h>

#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

constexpr Id kCategoryLowIncome = 201;  // Seeded.
constexpr Id kCategoryParking = 306;    // Seeded.

class ProviderContractTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store_->Begin();
    testing::AddRegion(*tx, 1, std::nullopt, domain::RegionLevel::kCounty, "县", "/1/");
    testing::AddRegion(*tx, 2, 1, domain::RegionLevel::kTownship, "东镇", "/1/2/");
    testing::AddRegion(*tx, 3, 2, domain::RegionLevel::kVillage, "东村", "/1/2/3/");
    testing::AddRegion(*tx, 4, 1, domain::RegionLevel::kTownship, "西镇", "/1/4/");
    for (auto [id, name] :
         {std::pair<Id, const char*>{50, "安居家政"}, std::pair<Id, const char*>{51, "便民维修"},
          std::pair<Id, const char*>{52, "县民政局"}}) {
      domain::Unit unit;
      unit.id = id;
      unit.name = name;
      unit.kind = id == 52 ? domain::UnitKind::kBureau : domain::UnitKind::kCompany;
      tx->Registry().InsertUnit(unit);
    }
    tx->Commit();
  }

  static domain::ServiceProvider Make(Id unit_id) {
    domain::ServiceProvider p;
    p.unit_id = unit_id;
    p.category_ids = {kCategoryParking, kCategoryLowIncome};
    p.area = {{2, "", ""}};
    p.commitments = "两小时内响应";
    p.joined = "2026-03-01";
    p.created_at = p.updated_at = 1700000000;
    p.created_by = p.updated_by = 9;
    return p;
  }

  // A matter now at `unit_id`, signed off at `at` with `rating` through `via`.
  static void AddRated(app::StoreTx& tx, Id id, Id unit_id, int rating, const std::string& via,
                       domain::Epoch at) {
    domain::Matter m;
    m.id = id;
    m.number = "20260105-" + std::to_string(10000 + id).substr(1);
    m.region_id = 3;
    m.region_path = "/1/2/3/";
    m.status = domain::MatterStatus::kClosed;
    m.title = "诉求";
    m.accepted_by = 7;
    m.accepted_at = at - 1000;
    m.response_due_at = at;
    m.due_at = at;
    m.updated_at = at;
    m.unit_id = unit_id;
    m.rating = rating;
    m.solved = true;
    m.confirmed_via = via;
    m.closed_at = at;
    tx.Matters().InsertMatter(m);
    domain::MatterEvent e;
    e.id = id * 10;
    e.matter_id = id;
    e.kind = domain::MatterEventKind::kConfirmed;
    e.at = at;
    tx.Matters().InsertEvent(e);
  }
};

TEST_P(ProviderContractTest, ProviderReadsBackWithListsAndIsUnique) {
  {
    auto tx = store_->Begin();
    tx->Providers().InsertProvider(Make(50));
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    tx->Providers().InsertProvider(Make(51));
    // Rolled back.
  }
  {
    auto tx = store_->Begin();
    EXPECT_THROW(
        {
          try {
            tx->Providers().InsertProvider(Make(50));
          } catch (const domain::Conflict& e) {
            EXPECT_EQ(e.code(), "provider.exists");
            throw;
          }
        },
        domain::Conflict);
  }
  auto tx = store_->BeginRead();
  EXPECT_FALSE(tx->Providers().FindProvider(51));
  EXPECT_FALSE(tx->Providers().FindProvider(52));
  auto p = tx->Providers().FindProvider(50);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->unit_name, "安居家政");
  EXPECT_EQ(p->category_ids, (std::vector<Id>{kCategoryLowIncome, kCategoryParking}));
  ASSERT_EQ(p->area.size(), 1u);
  EXPECT_EQ(p->area[0].region_path, "/1/2/");
  EXPECT_EQ(p->area[0].region_name, "东镇");
  EXPECT_EQ(p->commitments, "两小时内响应");
  EXPECT_EQ(p->joined, "2026-03-01");
  EXPECT_EQ(p->state, domain::ProviderState::kActive);
  EXPECT_EQ(p->created_by, std::optional<Id>(9));
  EXPECT_EQ(tx->Providers().ListProviders().size(), 1u);
}

TEST_P(ProviderContractTest, UpdateReplacesListsAndStateRecordsWhoAndWhen) {
  {
    auto tx = store_->Begin();
    tx->Providers().InsertProvider(Make(50));
    tx->Providers().InsertProvider(Make(51));
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    domain::ServiceProvider p = Make(50);
    p.category_ids = {kCategoryParking};
    p.area = {{3, "", ""}, {4, "", ""}};
    p.commitments = "一小时内响应";
    p.updated_at = 1700000100;
    tx->Providers().UpdateProfile(p);
    tx->Providers().SetState(51, domain::ProviderState::kSuspended, "满意率过低", 8, 1700000200);
    tx->Commit();
  }
  auto tx = store_->BeginRead();
  auto p = tx->Providers().FindProvider(50);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->category_ids, (std::vector<Id>{kCategoryParking}));
  ASSERT_EQ(p->area.size(), 2u);
  EXPECT_EQ(p->area[0].region_path, "/1/2/3/");
  EXPECT_EQ(p->area[1].region_path, "/1/4/");
  EXPECT_EQ(p->commitments, "一小时内响应");
  EXPECT_EQ(p->updated_at, 1700000100);
  auto s = tx->Providers().FindProvider(51);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->state, domain::ProviderState::kSuspended);
  EXPECT_EQ(s->state_reason, "满意率过低");
  EXPECT_EQ(s->state_by, std::optional<Id>(8));
  EXPECT_EQ(s->state_at, std::optional<domain::Epoch>(1700000200));
  // The list is by unit name and carries each provider's own lists.
  auto all = tx->Providers().ListProviders();
  ASSERT_EQ(all.size(), 2u);
  for (const auto& one : all) EXPECT_FALSE(one.category_ids.empty());
}

TEST_P(ProviderContractTest, RatingsCountOnlyResidentsSignOffsInThePeriod) {
  {
    auto tx = store_->Begin();
    tx->Providers().InsertProvider(Make(50));
    AddRated(*tx, 1, 50, 5, "sms_code", 1000);
    AddRated(*tx, 2, 50, 3, "resident_account", 2000);
    AddRated(*tx, 3, 50, 4, "callback", 3000);
    AddRated(*tx, 4, 50, 5, "window", 3000);    // Closed on the spot: not the resident's word.
    AddRated(*tx, 5, 50, 1, "sms_code", 9000);  // Outside the period.
    AddRated(*tx, 6, 52, 1, "sms_code", 2000);  // Not a provider.
    tx->Commit();
  }
  auto tx = store_->BeginRead();
  auto ratings = tx->Providers().Ratings(500, 5000);
  ASSERT_EQ(ratings.size(), 1u);
  const auto& r = ratings.at(50);
  EXPECT_EQ(r.count, 3);
  EXPECT_EQ(r.rating_sum, 12);
  EXPECT_EQ(r.satisfied, 2);
  auto rated = tx->Providers().RatedMatters(50, 500, 5000);
  ASSERT_EQ(rated.size(), 3u);
  EXPECT_EQ(rated[0].matter_id, 3);  // Newest first.
  EXPECT_EQ(rated[0].confirmed_via, "callback");
  EXPECT_EQ(rated[2].rating, 5);
  EXPECT_TRUE(rated[2].solved);
  EXPECT_TRUE(tx->Providers().Ratings(10000, 20000).empty());
}

MINQING_INSTANTIATE_BACKENDS(ProviderContractTest);

}  // namespace
}  // namespace minqing::storage
