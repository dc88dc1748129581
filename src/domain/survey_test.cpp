#include "domain/survey.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace minqing::domain {
namespace {

Survey TwoQuestions() {
  Survey s;
  s.title = "三问三解：村道修缮";
  s.opens_on = "2026-12-01";
  s.closes_on = "2026-12-31";
  s.state = SurveyState::kOpen;
  s.questions.push_back(
      {QuestionKind::kMultiple, "最希望解决的问题", {"道路", "饮水", "路灯"}, true, 2});
  s.questions.push_back({QuestionKind::kRating, "对村干部的满意度", {}, true, 0});
  s.questions.push_back({QuestionKind::kText, "意见建议", {}, false, 0});
  s.questions.push_back({QuestionKind::kSingle, "是否参加议事", {"参加", "不参加"}, false, 0});
  return s;
}

bool Has(const std::vector<FieldProblem>& problems, std::string_view code) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const FieldProblem& p) { return p.code == code; });
}

TEST(SurveyTest, ValidAnswersPass) {
  auto s = TwoQuestions();
  EXPECT_TRUE(ValidateAnswers(s, {{0, {0, 2}, {}, ""}, {1, {}, 5, ""}}).empty());
  EXPECT_TRUE(
      ValidateAnswers(s, {{0, {1}, {}, ""}, {1, {}, 1, ""}, {2, {}, {}, "修路"}, {3, {1}, {}, ""}})
          .empty());
}

TEST(SurveyTest, BadAnswersAreRefusedWithCodes) {
  auto s = TwoQuestions();
  EXPECT_TRUE(Has(ValidateAnswers(s, {{0, {3}, {}, ""}, {1, {}, 3, ""}}), "survey.unknown_option"));
  EXPECT_TRUE(
      Has(ValidateAnswers(s, {{0, {0, 1, 2}, {}, ""}, {1, {}, 3, ""}}), "survey.too_many_picks"));
  EXPECT_TRUE(Has(ValidateAnswers(s, {{0, {0}, {}, ""}, {1, {}, 6, ""}}), "survey.rating_range"));
  EXPECT_TRUE(Has(ValidateAnswers(s, {{0, {0}, {}, ""}, {1, {}, 0, ""}}), "survey.rating_range"));
  EXPECT_TRUE(Has(ValidateAnswers(s, {{0, {0}, {}, ""}}), "survey.required"));
  EXPECT_TRUE(Has(ValidateAnswers(s, {{0, {}, {}, ""}, {1, {}, 2, ""}}), "survey.required"));
  EXPECT_TRUE(Has(ValidateAnswers(s, {{0, {0}, {}, ""}, {1, {}, 2, ""}, {3, {0, 1}, {}, ""}}),
                  "survey.one_pick"));
  EXPECT_TRUE(Has(ValidateAnswers(s, {{0, {0}, {}, ""}, {1, {}, 2, ""}, {9, {0}, {}, ""}}),
                  "survey.unknown_question"));
  EXPECT_TRUE(Has(ValidateAnswers(s, {{0, {0}, {}, ""}, {0, {1}, {}, ""}, {1, {}, 2, ""}}),
                  "survey.duplicate_answer"));
  EXPECT_TRUE(
      Has(ValidateAnswers(s, {{0, {0}, {}, ""}, {1, {}, {}, "很好"}}), "survey.wrong_kind"));
  EXPECT_TRUE(
      Has(ValidateAnswers(s, {{0, {0, 0}, {}, ""}, {1, {}, 2, ""}}), "survey.duplicate_pick"));
}

TEST(SurveyTest, SurveyFieldsAreChecked) {
  auto s = TwoQuestions();
  EXPECT_TRUE(ValidateSurvey(s).empty());
  s.subject = SurveySubject::kCadre;
  EXPECT_TRUE(Has(ValidateSurvey(s), "survey.cadre_required"));
  s.subject_user_id = 7;
  EXPECT_TRUE(ValidateSurvey(s).empty());
  s.closes_on = "2026-11-30";
  EXPECT_TRUE(Has(ValidateSurvey(s), "survey.bad_period"));
  s = TwoQuestions();
  s.questions[0].options = {"道路"};
  EXPECT_TRUE(Has(ValidateSurvey(s), "survey.options_count"));
  s = TwoQuestions();
  s.questions[0].options = {"道路", "道路"};
  EXPECT_TRUE(Has(ValidateSurvey(s), "survey.duplicate_option"));
  s = TwoQuestions();
  s.questions[0].max_picks = 4;
  EXPECT_TRUE(Has(ValidateSurvey(s), "survey.bad_max_picks"));
  s = TwoQuestions();
  s.questions[1].options = {"a", "b"};
  EXPECT_TRUE(Has(ValidateSurvey(s), "survey.options_not_allowed"));
}

TEST(SurveyTest, AnswersOnlyInsideThePeriodOfAnOpenSurvey) {
  auto s = TwoQuestions();
  EXPECT_FALSE(AnswerWindowRefusal(s, "2026-12-01"));
  EXPECT_FALSE(AnswerWindowRefusal(s, "2026-12-31"));
  EXPECT_EQ(AnswerWindowRefusal(s, "2026-11-30"), AnswerRefusal::kNotOpen);
  EXPECT_EQ(AnswerWindowRefusal(s, "2027-01-01"), AnswerRefusal::kClosed);
  s.state = SurveyState::kDraft;
  EXPECT_EQ(AnswerWindowRefusal(s, "2026-12-05"), AnswerRefusal::kNotOpen);
  s.state = SurveyState::kClosed;
  EXPECT_EQ(AnswerWindowRefusal(s, "2026-12-05"), AnswerRefusal::kClosed);
  EXPECT_EQ(AnswerRefusalCode(AnswerRefusal::kAlreadyAnswered), "survey.already_answered");
}

TEST(SurveyTest, RatingAverage) {
  QuestionTally t;
  t.counts = {1, 0, 0, 0, 1};
  EXPECT_DOUBLE_EQ(t.RatingAverage(), 3.0);
  EXPECT_DOUBLE_EQ(QuestionTally{}.RatingAverage(), 0.0);
}

}  // namespace
}  // namespace minqing::domain
