// Postings and agreements on every backend: a posting reads back with its account and village
// names, filters by subtree, village, account, role and date; ending sets the end date; the
// second agreement of a posting and year is refused; a signed agreement's items cannot be
// replaced and stay as they were; only what the transaction commits stays.
#include <gtest/gtest.h>

#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::PostingRole;

class PostingContractTest : public testing::BackendTest {
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
    domain::User user;
    user.id = 100;
    user.username = "zhang";
    user.display_name = "张助理";
    user.role = domain::Role::kVillageAssistant;
    user.phone = "13800000001";
    user.created_at = 1700000000;
    tx->Accounts().InsertUser(user);
    user.id = 101;
    user.username = "li";
    user.display_name = "";
    tx->Accounts().InsertUser(user);
    tx->Commit();
  }

  static domain::Posting Make(domain::Id id, domain::Id user, domain::Id region, std::string path,
                              PostingRole role, std::string from,
                              std::optional<std::string> to = std::nullopt) {
    domain::Posting p;
    p.id = id;
    p.user_id = user;
    p.region_id = region;
    p.region_path = std::move(path);
    p.role = role;
    p.from = std::move(from);
    p.to = std::move(to);
    p.team = "三万工作队";
    p.home_unit = "县农业农村局";
    p.created_at = 1700000000;
    p.created_by = 100;
    return p;
  }

  static domain::Agreement Draft(domain::Id id, domain::Id posting, int year) {
    domain::Agreement a;
    a.id = id;
    a.posting_id = posting;
    a.year = year;
    a.title = "2026 年度目标责任书";
    a.created_at = 1700000000;
    a.items = {{domain::AgreementItemKind::kVisitCoverage, "走访农户覆盖率", 100, "%", 60.5},
               {domain::AgreementItemKind::kCustom, "协调修路", 1, "项", 39.5}};
    return a;
  }
};

TEST_P(PostingContractTest, PostingsReadBackAndFilter) {
  {
    auto tx = store_->Begin();
    tx->Postings().LockPostings(3, PostingRole::kVillageAffairsAssistant);
    tx->Postings().LockPostings(3, PostingRole::kVillageAffairsAssistant);
    tx->Postings().InsertPosting(
        Make(10, 100, 3, "/1/2/3/", PostingRole::kVillageAffairsAssistant, "2026-01-01"));
    tx->Postings().InsertPosting(
        Make(11, 101, 5, "/1/4/5/", PostingRole::kFirstSecretary, "2025-01-01", "2025-12-31"));
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    tx->Postings().InsertPosting(
        Make(12, 101, 3, "/1/2/3/", PostingRole::kContactCadre, "2026-01-01"));
    // Not committed.
  }
  auto tx = store_->BeginRead();
  auto p = tx->Postings().FindPosting(10);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->user_name, "张助理");
  EXPECT_EQ(p->user_phone, "13800000001");
  EXPECT_EQ(p->region_name, "东村");
  EXPECT_EQ(p->role, PostingRole::kVillageAffairsAssistant);
  EXPECT_EQ(p->team, "三万工作队");
  EXPECT_EQ(p->home_unit, "县农业农村局");
  EXPECT_EQ(p->from, "2026-01-01");
  EXPECT_FALSE(p->to);
  EXPECT_EQ(tx->Postings().FindPosting(11)->user_name, "li");  // Username without a name.
  EXPECT_FALSE(tx->Postings().FindPosting(12));

  auto all = tx->Postings().ListPostings({}, {0, 20, ""});
  EXPECT_EQ(all.total, 2);
  ASSERT_EQ(all.items.size(), 2u);
  EXPECT_EQ(all.items[0].id, 10);  // Newest start first.
  app::PostingFilter east;
  east.region_path = "/1/2/";
  EXPECT_EQ(tx->Postings().ListPostings(east, {0, 20, ""}).total, 1);
  app::PostingFilter current;
  current.current_on = "2026-06-01";
  auto now = tx->Postings().ListPostings(current, {0, 20, ""});
  ASSERT_EQ(now.items.size(), 1u);
  EXPECT_EQ(now.items[0].id, 10);
  current.current_on = "2025-12-31";
  EXPECT_EQ(tx->Postings().ListPostings(current, {0, 20, ""}).items.at(0).id, 11);
  app::PostingFilter by_role;
  by_role.role = PostingRole::kFirstSecretary;
  by_role.user_id = 101;
  EXPECT_EQ(tx->Postings().ListPostings(by_role, {0, 20, ""}).total, 1);
  by_role.region_id = 3;
  EXPECT_EQ(tx->Postings().ListPostings(by_role, {0, 20, ""}).total, 0);
  EXPECT_EQ(tx->Postings().PostingsOf(3, PostingRole::kVillageAffairsAssistant).size(), 1u);
  EXPECT_TRUE(tx->Postings().PostingsOf(3, PostingRole::kFirstSecretary).empty());
}

TEST_P(PostingContractTest, EndingSetsTheDateAndKeepsTheRow) {
  {
    auto tx = store_->Begin();
    tx->Postings().InsertPosting(
        Make(10, 100, 3, "/1/2/3/", PostingRole::kVillageAffairsAssistant, "2026-01-01"));
    tx->Postings().EndPosting(10, "2026-06-30", 1700000500, 101);
    EXPECT_THROW(tx->Postings().EndPosting(99, "2026-06-30", 1700000500, 101), domain::NotFound);
    tx->Commit();
  }
  auto tx = store_->BeginRead();
  auto p = tx->Postings().FindPosting(10);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->to.value_or(""), "2026-06-30");
  EXPECT_EQ(p->ended_at.value_or(0), 1700000500);
  EXPECT_EQ(p->ended_by.value_or(0), 101);
}

TEST_P(PostingContractTest, OneAgreementPerYearAndSignedItemsStay) {
  {
    auto tx = store_->Begin();
    tx->Postings().InsertPosting(
        Make(10, 100, 3, "/1/2/3/", PostingRole::kVillageAffairsAssistant, "2026-01-01"));
    tx->Postings().InsertAgreement(Draft(20, 10, 2026));
    tx->Postings().InsertAgreement(Draft(21, 10, 2027));
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    try {
      tx->Postings().InsertAgreement(Draft(22, 10, 2026));
      FAIL() << "a second agreement for 2026 was stored";
    } catch (const domain::Conflict& e) {
      EXPECT_EQ(e.code(), "agreement.exists");
    }
  }
  {
    auto tx = store_->Begin();
    domain::Agreement changed = Draft(20, 10, 2026);
    changed.title = "修改后";
    changed.items.pop_back();
    changed.items[0].weight = 100;
    tx->Postings().ReplaceAgreementItems(changed, 1700000100);
    tx->Postings().SignAgreement(20, "2026-03-01", 101, 1700000200);
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    domain::Agreement again = Draft(20, 10, 2026);
    try {
      tx->Postings().ReplaceAgreementItems(again, 1700000300);
      FAIL() << "a signed agreement was changed";
    } catch (const domain::Conflict& e) {
      EXPECT_EQ(e.code(), "agreement.signed");
    }
    EXPECT_THROW(tx->Postings().SignAgreement(20, "2026-03-02", 101, 1700000300), domain::Conflict);
    tx->Commit();
  }
  auto tx = store_->BeginRead();
  auto a = tx->Postings().FindAgreement(20);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->title, "修改后");
  ASSERT_EQ(a->items.size(), 1u);
  EXPECT_EQ(a->items[0].kind, domain::AgreementItemKind::kVisitCoverage);
  EXPECT_DOUBLE_EQ(a->items[0].weight, 100);
  EXPECT_EQ(a->signed_on.value_or(""), "2026-03-01");
  EXPECT_EQ(a->signed_by.value_or(0), 101);
  EXPECT_EQ(a->updated_at, 1700000200);
  auto other = tx->Postings().FindAgreementOf(10, 2027);
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->signed_on);
  ASSERT_EQ(other->items.size(), 2u);
  EXPECT_EQ(other->items[1].label, "协调修路");
  EXPECT_DOUBLE_EQ(other->items[1].weight, 39.5);
  EXPECT_FALSE(tx->Postings().FindAgreementOf(10, 2028));
  auto both = tx->Postings().AgreementsOf(10);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].year, 2027);
  EXPECT_EQ(both[1].items.size(), 1u);
}

MINQING_INSTANTIATE_BACKENDS(PostingContractTest);

}  // namespace
}  // namespace minqing::storage
