#include "app/region_labels.hpp"

#include <gtest/gtest.h>

#include "app/matters/test_fixture.hpp"
#include "domain/id_card.hpp"

namespace minqing::app {
namespace {

// A group (二组 "一组") under village A with one household, and a matter of that household
// dispatched to unit 1 (the parking category's routing rule covers village A's subtree).
class RegionLabelsTest : public MattersTest {
 protected:
  void SetUp() override {
    MattersTest::SetUp();
    group_ = Region(village_a_.id, "group", "", "一组");
    household_ = Household(group_.id, "东关村一组3号", "赵振国",
                           domain::MakeIdCard("131124", "19650303", 33));
    MatterInput input;
    input.type = "complaint";
    input.category_id = category_.id;
    input.household_id = household_.id;
    input.content = "门口有人长期占道停车";
    matter_ = intake().Accept(WithNow(clerk_, kNow), input).matter;
    handling().Dispatch(WithNow(clerk_, kNow + 60), matter_.id, std::nullopt, std::nullopt, "");
  }

  std::string ListedMatterLabel(const Actor& reader) {
    for (const auto& m : queries().ListMatters(reader, {}, {0, 50, ""}).items) {
      if (m.id == matter_.id) return m.region_label;
    }
    ADD_FAILURE() << "matter not listed for " << reader.user.username;
    return "";
  }

  std::string ListedHouseholdLabel(const Actor& reader) {
    for (const auto& h : services_->registry.ListHouseholds(reader, {}, {0, 50, ""}).items) {
      if (h.id == household_.id) return h.region_label;
    }
    ADD_FAILURE() << "household not listed for " << reader.user.username;
    return "";
  }

  domain::Region group_;
  domain::Household household_;
  domain::Matter matter_;
};

TEST_F(RegionLabelsTest, CountyReaderReadsTownshipVillageAndGroup) {
  EXPECT_EQ(ListedMatterLabel(leader_), "饶阳镇 东关村 一组");
  EXPECT_EQ(queries().GetMatter(leader_, matter_.id).matter.region_label, "饶阳镇 东关村 一组");
  EXPECT_EQ(ListedHouseholdLabel(admin_), "饶阳镇 东关村 一组");
  EXPECT_EQ(services_->registry.GetHousehold(admin_, household_.id).household.region_label,
            "饶阳镇 东关村 一组");
}

TEST_F(RegionLabelsTest, TownshipReaderReadsVillageAndGroup) {
  EXPECT_EQ(ListedMatterLabel(clerk_), "东关村 一组");
  EXPECT_EQ(ListedHouseholdLabel(clerk_), "东关村 一组");
}

TEST_F(RegionLabelsTest, VillageAssistantStillReadsTheVillage) {
  EXPECT_EQ(ListedMatterLabel(assistant_), "东关村 一组");
  EXPECT_EQ(ListedHouseholdLabel(assistant_), "东关村 一组");
  EXPECT_EQ(queries().GetMatter(assistant_, matter_.id).matter.region_label, "东关村 一组");
}

TEST_F(RegionLabelsTest, UnitHandlerReadsTheTownship) {
  EXPECT_EQ(ListedMatterLabel(handler1_), "饶阳镇 东关村 一组");
}

TEST_F(RegionLabelsTest, CachedMatterPageIsLabelledForEachReader) {
  // The first read fills the page cache; the second reader must not get the first one's label.
  EXPECT_EQ(queries().GetMatter(leader_, matter_.id).matter.region_label, "饶阳镇 东关村 一组");
  EXPECT_EQ(queries().GetMatter(clerk_, matter_.id).matter.region_label, "东关村 一组");
  EXPECT_EQ(queries().GetMatter(leader_, matter_.id).matter.region_label, "饶阳镇 东关村 一组");
}

TEST_F(RegionLabelsTest, WorkbenchAndDashboardOverdueListAreLabelled) {
  const domain::Epoch later = kNow + 60 * 86400;  // Long past the two-working-day deadline.
  auto work = queries().GetWorkload(WithNow(clerk_, later));
  ASSERT_FALSE(work.most_urgent.empty());
  EXPECT_EQ(work.most_urgent.front().region_label, "东关村 一组");
  auto dashboard = rates().GetDashboard(WithNow(leader_, later), {});
  ASSERT_FALSE(dashboard.overdue.empty());
  EXPECT_EQ(dashboard.overdue.front().region_label, "饶阳镇 东关村 一组");
}

TEST_F(RegionLabelsTest, RenameIsReadAtOnce) {
  EXPECT_EQ(ListedMatterLabel(leader_), "饶阳镇 东关村 一组");  // Loads the names.
  RegionInput rename;
  rename.name = "东关新村";
  rename.code = village_a_.code;
  EXPECT_EQ(services_->registry.UpdateRegion(admin_, village_a_.id, rename).name, "东关新村");
  EXPECT_EQ(ListedMatterLabel(leader_), "饶阳镇 东关新村 一组");
  EXPECT_EQ(queries().GetMatter(leader_, matter_.id).matter.region_label, "饶阳镇 东关新村 一组");
  EXPECT_EQ(ListedHouseholdLabel(admin_), "饶阳镇 东关新村 一组");
  EXPECT_EQ(services_->registry.GetHousehold(admin_, household_.id).household.region_label,
            "饶阳镇 东关新村 一组");
}

TEST_F(RegionLabelsTest, RenameNeedsANameAndTheRightToManageRegions) {
  RegionInput blank;
  EXPECT_THROW(services_->registry.UpdateRegion(admin_, village_a_.id, blank),
               domain::InvalidInput);
  RegionInput rename;
  rename.name = "东关新村";
  EXPECT_THROW(services_->registry.UpdateRegion(assistant_, village_a_.id, rename),
               domain::Forbidden);
}

TEST_F(RegionLabelsTest, RegionsCreatedAfterTheFirstReadAreNamed) {
  EXPECT_EQ(ListedHouseholdLabel(admin_), "饶阳镇 东关村 一组");  // Loads the names.
  auto group2 = Region(village_b_.id, "group", "", "二组");
  auto later =
      Household(group2.id, "西关村二组5号", "钱玉兰", domain::MakeIdCard("131124", "19750505", 55));
  bool found = false;
  for (const auto& h : services_->registry.ListHouseholds(admin_, {}, {0, 50, ""}).items) {
    if (h.id == later.id) {
      EXPECT_EQ(h.region_label, "饶阳镇 西关村 二组");
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(RegionLabelsTest, RegionsAboveTheGroupShowWhatTheyHave) {
  // household_a_ lives in village A itself.
  auto listed = services_->registry.ListHouseholds(admin_, {}, {0, 50, ""}).items;
  for (const auto& h : listed) {
    if (h.id == household_a_.id) {
      EXPECT_EQ(h.region_label, "饶阳镇 东关村");
    }
  }
  for (const auto& h : services_->registry.ListHouseholds(assistant_, {}, {0, 50, ""}).items) {
    if (h.id == household_a_.id) {
      EXPECT_EQ(h.region_label, "东关村");
    }
  }
}

}  // namespace
}  // namespace minqing::app
