#include "app/matters/intake.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "app/matters/test_fixture.hpp"
#include "domain/ids.hpp"

namespace minqing::app {
namespace {

TEST_F(MattersTest, IntakeGivesNumberDeadlinesOverNationalDayAndReceipt) {
  auto result = AcceptParking(At("2026-09-30", 10));
  const auto& m = result.matter;
  EXPECT_EQ(m.number.substr(0, 9), "20260930-");
  EXPECT_EQ(m.number, "20260930-00001");
  EXPECT_EQ(m.status, MatterStatus::kAccepted);
  EXPECT_EQ(m.region_id, village_a_.id);
  EXPECT_EQ(m.caller_name, "王景云");
  // 2 working days: 10-01..10-07 off, 10-08 day 1, 10-09 day 2.
  EXPECT_EQ(m.due_at, ChinaDayEnd(*domain::ParseDate("2026-10-09")));
  EXPECT_EQ(result.receipt.token.size(), 32u);
  EXPECT_NE(result.receipt.public_path.find(m.number), std::string::npos);
  auto second = AcceptParking(At("2026-09-30", 11), "另一件事");
  EXPECT_EQ(second.matter.number, "20260930-00002");
}

TEST_F(MattersTest, IntakeValidatesInput) {
  MatterInput input;
  input.type = "nonsense";
  input.household_id = household_a_.id;
  input.caller_phone = "12";
  try {
    intake().Accept(clerk_, input);
    FAIL();
  } catch (const domain::InvalidInput& e) {
    std::set<std::string> fields;
    for (const auto& p : e.problems()) fields.insert(p.field);
    EXPECT_TRUE(fields.count("type"));
    EXPECT_TRUE(fields.count("content"));
    EXPECT_TRUE(fields.count("caller_phone"));
  }
  // The assistant of village A may not take matters for village B.
  MatterInput other;
  other.type = "help";
  other.household_id = household_b_.id;
  other.content = "求助";
  EXPECT_THROW(intake().Accept(assistant_, other), domain::Forbidden);
}

// A clerk's paper register is backfilled by an administrator (补录) with the day it was taken in;
// a date ahead of now (a typo in the year) is refused, and does not date later ids ahead.
TEST_F(MattersTest, AnAdministratorBackfillsAPastAcceptanceButNotAFutureOne) {
  Actor admin = admin_;
  admin.now = At("2026-10-10", 9);
  MatterInput input;
  input.type = "help";
  input.household_id = household_a_.id;
  input.content = "补录：纸质登记的求助";
  input.accepted_at = At("2026-10-08", 15);
  auto past = intake().Accept(admin, input).matter;
  EXPECT_EQ(past.accepted_at, At("2026-10-08", 15));
  EXPECT_GE(domain::IdTimeMs(past.id), past.accepted_at * 1000);

  input.accepted_at = At("2062-10-08", 15);
  try {
    intake().Accept(admin, input);
    FAIL() << "a future acceptance was taken";
  } catch (const domain::InvalidInput& e) {
    ASSERT_EQ(e.problems().size(), 1U);
    EXPECT_EQ(e.problems()[0].field, "accepted_at");
    EXPECT_EQ(e.problems()[0].code, "matter.accepted_in_future");
  }
  EXPECT_LT(domain::IdTimeMs(domain::NewId()), At("2030-01-01", 0) * 1000);
}

// An intake reads the household, its residents, the region and the category from caches kept
// across intakes (intakes write matters only); a write to any of them is seen by the next one.
TEST_F(MattersTest, IntakeSeesRegistryAndCatalogueChangesAtOnce) {
  auto first = AcceptParking(At("2026-09-01", 9)).matter;
  EXPECT_EQ(first.region_id, village_a_.id);
  EXPECT_EQ(first.address, "东关村1号");
  EXPECT_EQ(first.caller_phone, "13812345678");
  EXPECT_EQ(first.caller_name, "王景云");

  HouseholdInput moved;
  moved.region_id = village_b_.id;
  moved.address = "西关村8号";
  moved.number = household_a_.number;
  services_->registry.UpdateHousehold(admin_, household_a_.id, moved);
  auto head = services_->registry.GetHousehold(admin_, household_a_.id).members.at(0);
  ResidentInput renamed;
  renamed.name = "王景云";
  renamed.id_card = domain::MakeIdCard("131124", "19700101", 11);
  renamed.phone = "13900009999";
  renamed.relation = "户主";
  services_->registry.UpdateResident(admin_, head.id, renamed);
  // The same second: the caches' time limit cannot be what makes the change seen.
  auto second = AcceptParking(At("2026-09-01", 9)).matter;
  EXPECT_EQ(second.region_id, village_b_.id);
  EXPECT_EQ(second.region_path, village_b_.path);
  EXPECT_EQ(second.address, "西关村8号");
  EXPECT_EQ(second.caller_phone, "13900009999");

  CategoryInput closed;
  closed.name = category_.name;
  closed.active = false;
  catalogue().UpdateCategory(admin_, category_.id, closed);
  try {
    AcceptParking(At("2026-09-01", 9));
    FAIL() << "an inactive category was accepted";
  } catch (const domain::InvalidInput& e) {
    ASSERT_FALSE(e.problems().empty());
    EXPECT_EQ(e.problems().front().code, "category.not_found");
  }
}

TEST_F(MattersTest, PreviewFindsDuplicatesAndSuggestsCategories) {
  auto first = AcceptParking(At("2026-09-01", 9));
  auto preview = intake().PreviewIntake(WithNow(clerk_, At("2026-09-02", 9)), household_a_.id,
                                        std::nullopt, "小区门口有人占道停车，车位不够用");
  ASSERT_FALSE(preview.duplicates.empty());
  EXPECT_EQ(preview.duplicates.front().matter.id, first.matter.id);
  EXPECT_GE(preview.duplicates.front().similarity, 0.35);
  ASSERT_FALSE(preview.suggested_categories.empty());
  EXPECT_EQ(preview.suggested_categories.front().id, category_.id);
  EXPECT_EQ(preview.household_open_matters.size(), 1u);
  // Merging at intake: the new matter shares the first one's outcome.
  MatterInput dup;
  dup.type = "complaint";
  dup.household_id = household_a_.id;
  dup.content = "门口占道停车";
  dup.merge_into_id = first.matter.id;
  auto merged = intake().Accept(WithNow(clerk_, At("2026-09-02", 9)), dup);
  EXPECT_EQ(merged.matter.status, MatterStatus::kMerged);
  handling().Dispatch(WithNow(clerk_, At("2026-09-02", 10)), first.matter.id, std::nullopt,
                      std::nullopt, "");
  handling().UnitAccept(WithNow(handler1_, At("2026-09-02", 11)), first.matter.id);
  handling().Reply(WithNow(handler1_, At("2026-09-02", 12)), first.matter.id, "已处理");
  auto view = sign_off().GetPublic(first.matter.number, first.receipt.token, At("2026-09-02", 13));
  sign_off().SendPublicCode(first.matter.number, first.receipt.token, At("2026-09-02", 13));
  SignOffInput ok{LastCode(), true, 5, "很好"};
  sign_off().ConfirmOnPublicPage(first.matter.number, first.receipt.token, ok,
                                 At("2026-09-02", 13));
  auto after = queries().GetMatter(admin_, merged.matter.id).matter;
  EXPECT_EQ(after.status, MatterStatus::kClosed);
  EXPECT_EQ(after.rating, std::optional<int>(5));
  // The target's detail lists its duplicates.
  auto target = queries().GetMatter(admin_, first.matter.id);
  ASSERT_EQ(target.merged.size(), 1u);
  EXPECT_EQ(target.merged.front().id, merged.matter.id);
  EXPECT_TRUE(queries().GetMatter(admin_, merged.matter.id).merged.empty());
}

TEST_F(MattersTest, ConsultationAnsweredOnTheSpotIsClosed) {
  MatterInput input;
  input.type = "consultation";
  input.household_id = household_a_.id;
  input.content = "低保怎么申请";
  input.answer_on_spot = true;
  input.reply = "带户口本到社会事务服务中心窗口申请";
  auto m = intake().Accept(clerk_, input).matter;
  EXPECT_EQ(m.status, MatterStatus::kClosed);
  EXPECT_EQ(m.confirmed_via, "window");
  input.type = "complaint";
  EXPECT_THROW(intake().Accept(clerk_, input), domain::InvalidInput);
}

TEST_F(MattersTest, GroupCommitUnderConcurrency) {
  constexpr int kThreads = 8, kPerThread = 50;
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::set<std::string> numbers;
  std::vector<Id> ids;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int j = 0; j < kPerThread; ++j) {
        MatterInput input;
        input.type = "help";
        input.household_id = i % 2 ? household_a_.id : household_b_.id;
        input.content = "并发受理 " + std::to_string(i) + "-" + std::to_string(j);
        auto r = intake().Accept(WithNow(admin_, At("2026-09-01", 9)), input);
        std::lock_guard lock(mutex);
        numbers.insert(r.matter.number);
        ids.push_back(r.matter.id);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(numbers.size(), static_cast<std::size_t>(kThreads * kPerThread));
  MatterQuery all;
  EXPECT_EQ(queries().ListMatters(admin_, all, {0, 1, ""}).total, kThreads * kPerThread);
  // One bad item in a batch fails alone.
  MatterInput bad;
  bad.type = "help";
  bad.household_id = 999;
  bad.content = "x";
  EXPECT_THROW(intake().Accept(admin_, bad), domain::NotFound);
}

}  // namespace
}  // namespace minqing::app
