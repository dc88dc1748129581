// The survey repository (问卷与评议) on every backend: a survey and its ordered questions
// round-trip and are replaced on update, a household's marker is stored once (a second is a
// Conflict), counters add up per village, question and choice, texts keep no order of answering,
// refusals are counted, and households are counted per village. No answer table has a household
// column.
#include <gtest/gtest.h>

#include <algorithm>

#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

constexpr Id kCounty = 1, kTown = 2, kVillage = 3, kOtherVillage = 4, kOtherTown = 5;
constexpr char kTownPath[] = "/1/2/";
constexpr char kVillagePath[] = "/1/2/3/";
constexpr char kOtherPath[] = "/1/2/4/";

class SurveyContractTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store_->Begin();
    testing::AddRegion(*tx, kCounty, std::nullopt, domain::RegionLevel::kCounty, "县", "/1/");
    testing::AddRegion(*tx, kTown, kCounty, domain::RegionLevel::kTownship, "镇", kTownPath);
    testing::AddRegion(*tx, kVillage, kTown, domain::RegionLevel::kVillage, "东村", kVillagePath);
    testing::AddRegion(*tx, kOtherVillage, kTown, domain::RegionLevel::kVillage, "西村",
                       kOtherPath);
    testing::AddRegion(*tx, kOtherTown, kCounty, domain::RegionLevel::kTownship, "乡", "/1/5/");
    domain::User u;
    u.id = 900;
    u.username = "cadre";
    u.display_name = "王干部";
    u.role = domain::Role::kVillageAssistant;
    u.created_at = 100;
    tx->Accounts().InsertUser(u);
    for (Id h : {100, 101, 102}) {
      domain::Household household;
      household.id = h;
      household.region_id = h == 102 ? kOtherVillage : kVillage;
      household.region_path = h == 102 ? kOtherPath : kVillagePath;
      household.number = "H" + std::to_string(h);
      household.created_at = 100;
      household.updated_at = 100;
      tx->Registry().InsertHousehold(household);
    }
    tx->Commit();
  }

  static domain::Survey MakeSurvey(Id id) {
    domain::Survey s;
    s.id = id;
    s.title = "三有两评";
    s.description = "请对驻村干部评议";
    s.subject = domain::SurveySubject::kCadre;
    s.subject_user_id = 900;
    s.region_id = kTown;
    s.region_path = kTownPath;
    s.opens_on = "2026-12-01";
    s.closes_on = "2026-12-31";
    s.state = domain::SurveyState::kDraft;
    s.token_key = "secret";
    s.questions = {
        {domain::QuestionKind::kMultiple, "有什么", {"有思路", "有作为", "有实绩"}, true, 2},
        {domain::QuestionKind::kRating, "满意度", {}, true, 0},
        {domain::QuestionKind::kText, "建议", {}, false, 0}};
    s.created_at = 500;
    s.updated_at = 500;
    return s;
  }
};

TEST_P(SurveyContractTest, SurveyAndQuestionsRoundTripAndAreReplaced) {
  {
    auto tx = store_->Begin();
    tx->Surveys().InsertSurvey(MakeSurvey(10));
    tx->Commit();
  }
  {
    auto tx = store_->BeginRead();
    auto s = tx->Surveys().FindSurvey(10);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->title, "三有两评");
    EXPECT_EQ(s->subject, domain::SurveySubject::kCadre);
    EXPECT_EQ(s->subject_user_id, 900);
    EXPECT_EQ(s->subject_user_name, "王干部");
    EXPECT_EQ(s->region_name, "镇");
    EXPECT_EQ(s->token_key, "secret");
    ASSERT_EQ(s->questions.size(), 3u);
    EXPECT_EQ(s->questions[0].options, (std::vector<std::string>{"有思路", "有作为", "有实绩"}));
    EXPECT_EQ(s->questions[0].max_picks, 2);
    EXPECT_TRUE(s->questions[0].options.size() == 3 && s->questions[1].options.empty());
    EXPECT_FALSE(s->questions[2].required);
    EXPECT_FALSE(tx->Surveys().FindSurvey(11));
  }
  {
    auto tx = store_->Begin();
    auto s = MakeSurvey(10);
    s.title = "三有两评（修订）";
    s.state = domain::SurveyState::kOpen;
    s.questions = {{domain::QuestionKind::kSingle, "满意吗", {"满意", "不满意"}, true, 0}};
    tx->Surveys().UpdateSurvey(s);
    tx->Commit();
  }
  auto tx = store_->BeginRead();
  auto s = tx->Surveys().FindSurvey(10);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->title, "三有两评（修订）");
  ASSERT_EQ(s->questions.size(), 1u);
  EXPECT_EQ(s->questions[0].kind, domain::QuestionKind::kSingle);
  EXPECT_EQ(tx->Surveys().ListSurveys(kTownPath).size(), 1u);
  EXPECT_EQ(tx->Surveys().ListSurveys("/1/5/").size(), 0u);
  EXPECT_EQ(tx->Surveys().ListOpenFor(kVillagePath).size(), 1u);
  EXPECT_EQ(tx->Surveys().ListOpenFor("/1/5/7/").size(), 0u);
}

TEST_P(SurveyContractTest, AHouseholdAnswersOnceAndAnswersCountPerVillage) {
  {
    auto tx = store_->Begin();
    tx->Surveys().InsertSurvey(MakeSurvey(10));
    tx->Surveys().InsertResponse(
        {10, 100, kVillage, "2026-12-05", domain::AnswerChannel::kMember, 900, std::nullopt});
    tx->Surveys().InsertResponse(
        {10, 102, kOtherVillage, "2026-12-06", domain::AnswerChannel::kLink, {}, {}});
    tx->Surveys().AddCount(10, kVillage, 0, 0);
    tx->Surveys().AddCount(10, kVillage, 0, 1);
    tx->Surveys().AddCount(10, kOtherVillage, 0, 0);
    tx->Surveys().AddCount(10, kOtherVillage, 0, 1);
    tx->Surveys().AddCount(10, kOtherVillage, 1, 4);
    tx->Surveys().InsertText(10, kVillage, 2, "修路");
    tx->Surveys().InsertText(10, kOtherVillage, 2, "装路灯");
    tx->Surveys().CountRefusal(10, "survey.already_answered");
    tx->Surveys().CountRefusal(10, "survey.already_answered");
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    EXPECT_THROW(tx->Surveys().InsertResponse(
                     {10, 100, kVillage, "2026-12-07", domain::AnswerChannel::kLink, {}, {}}),
                 domain::Conflict);
  }
  auto tx = store_->BeginRead();
  auto first = tx->Surveys().FindResponse(10, 100);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->answered_on, "2026-12-05");
  EXPECT_EQ(first->channel, domain::AnswerChannel::kMember);
  EXPECT_EQ(first->recorded_by, 900);
  EXPECT_FALSE(tx->Surveys().FindResponse(10, 101));
  auto by_village = tx->Surveys().ResponsesByVillage(10);
  EXPECT_EQ(by_village[kVillage], 1);
  EXPECT_EQ(by_village[kOtherVillage], 1);
  auto counts = tx->Surveys().Counts(10);
  auto count_of = [&](Id village, int question, int choice) {
    for (const auto& c : counts) {
      if (c.village_id == village && c.question == question && c.choice == choice) {
        return c.answers;
      }
    }
    return std::int64_t{0};
  };
  EXPECT_EQ(count_of(kVillage, 0, 1), 1);
  EXPECT_EQ(count_of(kOtherVillage, 0, 0), 1);
  EXPECT_EQ(count_of(kOtherVillage, 1, 4), 1);
  EXPECT_EQ(count_of(kVillage, 1, 4), 0);
  auto texts = tx->Surveys().Texts(10);
  ASSERT_EQ(texts.size(), 2u);
  std::vector<std::string> bodies{texts[0].body, texts[1].body};
  std::sort(bodies.begin(), bodies.end());
  EXPECT_EQ(bodies, (std::vector<std::string>{"修路", "装路灯"}));
  EXPECT_EQ(tx->Surveys().Refusals(10)["survey.already_answered"], 2);
  auto households = tx->Surveys().HouseholdsByVillage(kTownPath);
  EXPECT_EQ(households[kVillage], 2);
  EXPECT_EQ(households[kOtherVillage], 1);
  EXPECT_EQ(tx->Surveys().HouseholdsByVillage(kVillagePath).size(), 1u);
}

MINQING_INSTANTIATE_BACKENDS(SurveyContractTest);

}  // namespace
}  // namespace minqing::storage
