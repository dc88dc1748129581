// Window ratings (窗口即时评价) and suggestions (意见箱) on every backend: a service is one row per
// service key and is found by its token with the clerk's and centre's names; a second rating of a
// service is refused as rating.already_rated; no one with database access can change or delete a
// rating (the schema refuses); the figures per clerk and per centre count, sum and count the low
// ratings of a period and a region; suggestions are listed by region and status and updated.
#include <gtest/gtest.h>

#include "app/store.hpp"
#include "domain/errors.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

constexpr domain::Epoch kT0 = 1767600000;  // 2026-01-05

class WindowRatingContractTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store_->Begin();
    testing::AddRegion(*tx, 1, std::nullopt, domain::RegionLevel::kCounty, "示范县", "/1/");
    testing::AddRegion(*tx, 2, 1, domain::RegionLevel::kTownship, "城关镇", "/1/2/");
    testing::AddRegion(*tx, 3, 1, domain::RegionLevel::kTownship, "河西乡", "/1/3/");
    AddUser(*tx, 10, "clerk_a", "窗口甲", 2, "/1/2/");
    AddUser(*tx, 11, "clerk_b", "窗口乙", 2, "/1/2/");
    AddUser(*tx, 12, "clerk_c", "窗口丙", 3, "/1/3/");
    tx->Registry().InsertUnit(Centre(20, "城关镇服务中心", 2));
    tx->Registry().InsertUnit(Centre(21, "河西乡服务中心", 3));
    domain::Staff staff;
    staff.id = 30;
    staff.unit_id = 20;
    staff.name = "窗口甲";
    staff.user_id = 10;
    tx->Registry().InsertStaff(staff);
    tx->Commit();
  }

  static void AddUser(app::StoreTx& tx, Id id, const std::string& username, const std::string& name,
                      Id region, const std::string& path) {
    domain::User u;
    u.id = id;
    u.username = username;
    u.display_name = name;
    u.role = domain::Role::kCentreStaff;
    u.scope_region_id = region;
    u.scope_region_path = path;
    u.created_at = kT0;
    tx.Accounts().InsertUser(u);
  }

  static domain::Unit Centre(Id id, const std::string& name, Id region) {
    domain::Unit unit;
    unit.id = id;
    unit.name = name;
    unit.kind = domain::UnitKind::kServiceCentre;
    unit.region_id = region;
    return unit;
  }

  static app::WindowService Service(Id id, Id clerk, std::optional<Id> unit,
                                    const std::string& path, domain::Epoch at) {
    app::WindowService s;
    s.id = id;
    s.token = "token-" + std::to_string(id);
    s.service_key = "matter:" + std::to_string(id);
    s.kind = "intake";
    s.clerk_id = clerk;
    s.unit_id = unit;
    s.region_path = path;
    s.served_at = at;
    return s;
  }

  void Rate(Id service, int stars, domain::Epoch at, const std::string& comment = "") {
    auto tx = store_->Begin();
    tx->WindowRatings().InsertRating({service, stars, comment, "receipt", at});
    tx->Commit();
  }

  void Sql(const std::string& sql) {
    auto lease = store_->database().Acquire();
    lease->Execute(sql, {});
  }
};

TEST_P(WindowRatingContractTest, CentreOfClerkByStaffThenByRegion) {
  auto tx = store_->BeginRead();
  auto a = tx->WindowRatings().CentreOfClerk(10, 3);  // Staff of 20, whatever the region.
  ASSERT_TRUE(a);
  EXPECT_EQ(a->first.id, 20);
  EXPECT_EQ(a->first.name, "城关镇服务中心");
  EXPECT_EQ(a->second, "/1/2/");
  auto c = tx->WindowRatings().CentreOfClerk(12, 3);  // No staff row: the region's centre.
  ASSERT_TRUE(c);
  EXPECT_EQ(c->first.id, 21);
  EXPECT_FALSE(tx->WindowRatings().CentreOfClerk(12, std::nullopt));
  auto centres = tx->WindowRatings().ListCentres();
  ASSERT_EQ(centres.size(), 2u);
  EXPECT_EQ(centres[0].first.id, 20);
  EXPECT_EQ(centres[1].second, "/1/3/");
}

TEST_P(WindowRatingContractTest, OneServicePerKeyFoundByTokenAndRatedOnce) {
  {
    auto tx = store_->Begin();
    tx->WindowRatings().InsertService(Service(100, 10, 20, "/1/2/", kT0));
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    auto again = Service(101, 10, 20, "/1/2/", kT0);
    again.service_key = "matter:100";
    EXPECT_THROW(tx->WindowRatings().InsertService(again), domain::Conflict);
  }
  {
    auto tx = store_->BeginRead();
    EXPECT_FALSE(tx->WindowRatings().FindServiceByToken("token-999"));
    auto s = tx->WindowRatings().FindServiceByToken("token-100");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->clerk_name, "窗口甲");
    EXPECT_EQ(s->unit_name, "城关镇服务中心");
    EXPECT_EQ(s->kind, "intake");
    EXPECT_FALSE(s->stars);
    EXPECT_EQ(tx->WindowRatings().FindServiceByKey("matter:100")->id, 100);
    EXPECT_EQ(tx->WindowRatings().LatestServiceOf(10, kT0)->id, 100);
    EXPECT_FALSE(tx->WindowRatings().LatestServiceOf(10, kT0 + 1));
    EXPECT_FALSE(tx->WindowRatings().LatestServiceOf(11, 0));
  }
  Rate(100, 4, kT0 + 60, "很耐心");
  {
    auto tx = store_->Begin();
    try {
      tx->WindowRatings().InsertRating({100, 1, "", "tablet", kT0 + 120});
      ADD_FAILURE() << "a second rating was stored";
    } catch (const domain::Conflict& e) {
      EXPECT_EQ(e.code(), "rating.already_rated");
    }
  }
  // Not even with database access: the schema refuses changing or deleting a rating.
  EXPECT_ANY_THROW(Sql("UPDATE window_ratings SET stars = 5"));
  EXPECT_ANY_THROW(Sql("DELETE FROM window_ratings"));
  auto tx = store_->BeginRead();
  auto s = tx->WindowRatings().FindServiceByToken("token-100");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->stars, 4);
  EXPECT_EQ(s->comment, "很耐心");
  EXPECT_EQ(s->channel, "receipt");
  EXPECT_EQ(s->rated_at, kT0 + 60);
}

TEST_P(WindowRatingContractTest, FiguresAndListsByPeriodRegionClerkAndUnit) {
  {
    auto tx = store_->Begin();
    tx->WindowRatings().InsertService(Service(1, 10, 20, "/1/2/", kT0));
    tx->WindowRatings().InsertService(Service(2, 10, 20, "/1/2/", kT0));
    tx->WindowRatings().InsertService(Service(3, 11, std::nullopt, "/1/2/", kT0));
    tx->WindowRatings().InsertService(Service(4, 12, 21, "/1/3/", kT0));
    tx->WindowRatings().InsertService(Service(5, 10, 20, "/1/2/", kT0));  // Rated later.
    tx->WindowRatings().InsertService(Service(6, 10, 20, "/1/2/", kT0));  // Never rated.
    tx->Commit();
  }
  Rate(1, 5, kT0 + 10);
  Rate(2, 2, kT0 + 20, "等太久");
  Rate(3, 1, kT0 + 30);
  Rate(4, 3, kT0 + 40);
  Rate(5, 5, kT0 + 86400);
  auto tx = store_->BeginRead();
  app::RatingFilter filter;
  filter.region_path = "/1/2/";
  filter.from = kT0;
  filter.to = kT0 + 3600;
  auto clerks = tx->WindowRatings().FiguresByClerk(filter);
  ASSERT_EQ(clerks.size(), 2u);
  EXPECT_EQ(clerks[0].id, 10);
  EXPECT_EQ(clerks[0].name, "窗口甲");
  EXPECT_EQ(clerks[0].count, 2);
  EXPECT_EQ(clerks[0].stars_sum, 7);
  EXPECT_EQ(clerks[0].low_count, 1);
  EXPECT_EQ(clerks[1].id, 11);
  EXPECT_EQ(clerks[1].low_count, 1);
  auto units = tx->WindowRatings().FiguresByUnit(filter);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].id, 20);
  EXPECT_EQ(units[0].name, "城关镇服务中心");
  EXPECT_FALSE(units[1].id);  // The clerk with no centre.
  EXPECT_EQ(units[1].count, 1);

  filter.region_path = "";
  EXPECT_EQ(tx->WindowRatings().FiguresByUnit(filter).size(), 3u);
  auto all = tx->WindowRatings().ListRated(filter, {0, 10, ""});
  EXPECT_EQ(all.total, 4);
  ASSERT_EQ(all.items.size(), 4u);
  EXPECT_EQ(all.items[0].id, 4);  // Newest rating first.
  filter.region_path = "/1/2/";
  filter.clerk_id = 10;
  auto mine = tx->WindowRatings().ListRated(filter, {0, 10, ""});
  EXPECT_EQ(mine.total, 2);
  filter.low_only = true;
  auto low = tx->WindowRatings().ListRated(filter, {0, 10, ""});
  ASSERT_EQ(low.total, 1);
  EXPECT_EQ(low.items[0].comment, "等太久");
  filter.clerk_id.reset();
  filter.low_only = false;
  filter.unit_id = 21;
  EXPECT_EQ(tx->WindowRatings().ListRated(filter, {0, 10, ""}).total, 0);  // Outside /1/2/.
}

TEST_P(WindowRatingContractTest, LatestWindowMatterOfAClerk) {
  auto matter = [](Id id, domain::MatterChannel channel, domain::Epoch at) {
    domain::Matter m;
    m.id = id;
    m.number = "20260105-0000" + std::to_string(id);
    m.channel = channel;
    m.region_id = 2;
    m.region_path = "/1/2/";
    m.title = "咨询";
    m.accepted_by = 10;
    m.accepted_at = at;
    m.response_due_at = at + 3600;
    m.due_at = at + 86400;
    m.updated_at = at;
    m.public_token = "p" + std::to_string(id);
    return m;
  };
  {
    auto tx = store_->Begin();
    tx->Matters().InsertMatter(matter(1, domain::MatterChannel::kWindow, kT0));
    tx->Matters().InsertMatter(matter(2, domain::MatterChannel::kWindow, kT0 + 100));
    tx->Matters().InsertMatter(matter(3, domain::MatterChannel::kHotline, kT0 + 200));
    tx->Commit();
  }
  auto tx = store_->BeginRead();
  EXPECT_EQ(tx->WindowRatings().LatestWindowMatterOf(10, kT0), 2);
  EXPECT_FALSE(tx->WindowRatings().LatestWindowMatterOf(10, kT0 + 101));
  EXPECT_FALSE(tx->WindowRatings().LatestWindowMatterOf(11, 0));
}

TEST_P(WindowRatingContractTest, SuggestionsByRegionAndStatus) {
  auto suggestion = [](Id id, Id unit, const std::string& path, domain::Epoch at) {
    app::Suggestion x;
    x.id = id;
    x.unit_id = unit;
    x.region_path = path;
    x.content = "大厅需要增加座椅" + std::to_string(id);
    x.status = "new";
    x.created_at = at;
    return x;
  };
  {
    auto tx = store_->Begin();
    tx->WindowRatings().InsertSuggestion(suggestion(1, 20, "/1/2/", kT0));
    tx->WindowRatings().InsertSuggestion(suggestion(2, 20, "/1/2/", kT0 + 1));
    tx->WindowRatings().InsertSuggestion(suggestion(3, 21, "/1/3/", kT0 + 2));
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    auto x = tx->WindowRatings().FindSuggestion(1);
    ASSERT_TRUE(x);
    EXPECT_EQ(x->unit_name, "城关镇服务中心");
    x->status = "answered";
    x->note = "已增加座椅";
    x->handled_by = 10;
    x->handled_at = kT0 + 50;
    tx->WindowRatings().UpdateSuggestion(*x);
    app::Suggestion missing = *x;
    missing.id = 99;
    EXPECT_THROW(tx->WindowRatings().UpdateSuggestion(missing), domain::NotFound);
    tx->Commit();
  }
  auto tx = store_->BeginRead();
  app::SuggestionFilter filter;
  filter.region_path = "/1/2/";
  auto mine = tx->WindowRatings().ListSuggestions(filter, {0, 10, ""});
  ASSERT_EQ(mine.total, 2);
  EXPECT_EQ(mine.items[0].id, 2);  // Newest first.
  EXPECT_EQ(mine.items[1].note, "已增加座椅");
  EXPECT_EQ(mine.items[1].handled_by_name, "窗口甲");
  filter.status = "new";
  EXPECT_EQ(tx->WindowRatings().ListSuggestions(filter, {0, 10, ""}).total, 1);
  filter = {};
  EXPECT_EQ(tx->WindowRatings().ListSuggestions(filter, {0, 10, ""}).total, 3);
}

MINQING_INSTANTIATE_BACKENDS(WindowRatingContractTest);

}  // namespace
}  // namespace minqing::storage
