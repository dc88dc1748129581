#include "domain/posting.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

Posting Make(Id id, PostingRole role, Id region, std::string from,
             std::optional<std::string> to = std::nullopt) {
  Posting p;
  p.id = id;
  p.user_id = 7;
  p.user_name = "张助理";
  p.region_id = region;
  p.region_name = "东村";
  p.role = role;
  p.from = std::move(from);
  p.to = std::move(to);
  return p;
}

constexpr auto kAssistant = PostingRole::kVillageAffairsAssistant;

TEST(PostingTest, OpenEndedPostingOverlapsEverythingAfterItsStart) {
  std::vector<Posting> existing = {Make(1, kAssistant, 10, "2026-01-01")};
  EXPECT_NE(FindOverlap(Make(0, kAssistant, 10, "2027-06-01"), existing), nullptr);
  EXPECT_NE(FindOverlap(Make(0, kAssistant, 10, "2025-01-01", "2026-01-01"), existing), nullptr);
  EXPECT_EQ(FindOverlap(Make(0, kAssistant, 10, "2025-01-01", "2025-12-31"), existing), nullptr);
}

TEST(PostingTest, EndDayIsInclusiveSoTheNextPostingStartsTheDayAfter) {
  std::vector<Posting> existing = {Make(1, kAssistant, 10, "2026-01-01", "2026-06-30")};
  EXPECT_NE(FindOverlap(Make(0, kAssistant, 10, "2026-06-30"), existing), nullptr);
  EXPECT_EQ(FindOverlap(Make(0, kAssistant, 10, "2026-07-01"), existing), nullptr);
}

TEST(PostingTest, OtherRoleOtherVillageOrTheSamePostingDoNotCount) {
  std::vector<Posting> existing = {Make(1, kAssistant, 10, "2026-01-01")};
  EXPECT_EQ(FindOverlap(Make(0, PostingRole::kFirstSecretary, 10, "2026-03-01"), existing),
            nullptr);
  EXPECT_EQ(FindOverlap(Make(0, kAssistant, 11, "2026-03-01"), existing), nullptr);
  // Ending posting 1 is checked against the others, not against itself.
  EXPECT_EQ(FindOverlap(Make(1, kAssistant, 10, "2026-01-01", "2026-02-01"), existing), nullptr);
}

TEST(PostingTest, OverlapMessageNamesTheOtherPosting) {
  try {
    ThrowOverlap(Make(42, kAssistant, 10, "2026-01-01"));
    FAIL();
  } catch (const Conflict& e) {
    EXPECT_EQ(e.code(), "posting.overlap");
    std::string message = e.what();
    EXPECT_NE(message.find("张助理"), std::string::npos) << message;
    EXPECT_NE(message.find("42"), std::string::npos) << message;
    EXPECT_NE(message.find("村级事务助理"), std::string::npos) << message;
  }
}

TEST(PostingTest, ValidationNamesBadDatesAndAnEndBeforeTheStart) {
  Posting p = Make(0, kAssistant, 10, "2026-02-30", "2026-01-01");
  auto problems = ValidatePosting(p);
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].field, "from");
  p.from = "2026-02-01";
  problems = ValidatePosting(p);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, "posting.to_before_from");
  EXPECT_THROW(CheckEndDate(Make(1, kAssistant, 10, "2026-02-01"), "2026-01-31"), InvalidInput);
  EXPECT_NO_THROW(CheckEndDate(Make(1, kAssistant, 10, "2026-02-01"), "2026-02-01"));
  EXPECT_THROW(CheckEndDate(Make(1, kAssistant, 10, "2026-02-01", "2026-03-01"), "2026-04-01"),
               Conflict);
}

TEST(PostingTest, RoleAndKindCodesAreStable) {
  EXPECT_EQ(PostingRoleCode(PostingRole::kFirstSecretary), "first_secretary");
  EXPECT_EQ(ParsePostingRole("campaign_team_member"), PostingRole::kCampaignTeamMember);
  EXPECT_FALSE(ParsePostingRole("mayor"));
  const std::vector<std::string_view> codes = {
      "visit_coverage",  "consultations",     "errands_on_time",  "response_rate",
      "resolution_rate", "satisfaction_rate", "prosper_projects", "meetings_attended",
      "custom",          "window_rating"};
  ASSERT_EQ(AgreementItemKinds().size(), codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    EXPECT_EQ(AgreementItemKinds()[i].code, codes[i]);
    EXPECT_EQ(ParseAgreementItemKind(codes[i]), AgreementItemKinds()[i].kind);
  }
}

Agreement Draft() {
  Agreement a;
  a.year = 2026;
  a.items = {{AgreementItemKind::kVisitCoverage, "", 100, "", 60},
             {AgreementItemKind::kCustom, "协调修路", 1, "项", 40}};
  return a;
}

TEST(AgreementTest, NormaliseFillsLabelsAndUnitsAndRejectsBadItems) {
  Agreement a = Draft();
  EXPECT_TRUE(NormaliseAgreement(a).empty());
  EXPECT_EQ(a.items[0].label, "走访农户覆盖率");
  EXPECT_EQ(a.items[0].unit, "%");
  a.items[0].target = 120;
  a.items[1].label = "";
  a.items[1].weight = -1;
  auto problems = NormaliseAgreement(a);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].field, "items[0].target");
  EXPECT_EQ(problems[1].field, "items[1].label");
  EXPECT_EQ(problems[2].field, "items[1].weight");
}

TEST(AgreementTest, SigningNeedsWeightsOfHundredAndFreezesTheItems) {
  Agreement a = Draft();
  NormaliseAgreement(a);
  EXPECT_THROW(CheckSignable(a, "2026-13-01"), InvalidInput);
  a.items[1].weight = 30;
  EXPECT_THROW(CheckSignable(a, "2026-03-01"), InvalidInput);
  a.items[1].weight = 40;
  EXPECT_NO_THROW(CheckSignable(a, "2026-03-01"));
  a.signed_on = "2026-03-01";
  EXPECT_THROW(RequireAgreementEditable(a), Conflict);
  EXPECT_THROW(CheckSignable(a, "2026-03-02"), Conflict);
  Agreement empty;
  empty.year = 2026;
  EXPECT_THROW(CheckSignable(empty, "2026-03-01"), InvalidInput);
}

}  // namespace
}  // namespace minqing::domain
