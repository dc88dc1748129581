// Surveys and evaluations (问卷与评议; 三问三解, 三有两评): the rules of a survey without I/O.
// A survey asks the households of a region (a township or a village) ordered questions: single
// choice, multiple choice (optionally at most N picks), a rating from 1 to 5, or text; each
// required or not. It is about a subject: a topic, a project, or a cadre (an account evaluated by
// the residents, 三有两评). It goes draft → open → closed and takes answers on the China dates
// [opens_on, closes_on] while open; its questions change only in draft. One answer per household.
// Pure functions and constant tables; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "domain/model.hpp"

namespace minqing::domain {

enum class SurveyState { kDraft = 1, kOpen = 2, kClosed = 3 };
enum class SurveySubject { kTopic = 1, kProject = 2, kCadre = 3 };
enum class QuestionKind { kSingle = 1, kMultiple = 2, kRating = 3, kText = 4 };
// How an answer arrived: recorded by a party member on a visit, or by the household's own link.
enum class AnswerChannel { kMember = 1, kLink = 2 };

std::string_view SurveyStateCode(SurveyState state);
std::string_view SurveyStateLabel(SurveyState state);
std::optional<SurveyState> ParseSurveyState(std::string_view text);
std::string_view SurveySubjectCode(SurveySubject subject);
std::string_view SurveySubjectLabel(SurveySubject subject);
std::optional<SurveySubject> ParseSurveySubject(std::string_view text);
std::string_view QuestionKindCode(QuestionKind kind);
std::string_view QuestionKindLabel(QuestionKind kind);
std::optional<QuestionKind> ParseQuestionKind(std::string_view text);
std::string_view AnswerChannelCode(AnswerChannel channel);

struct SurveyQuestion {
  QuestionKind kind = QuestionKind::kSingle;
  std::string text;
  std::vector<std::string> options;  // Choice questions only.
  bool required = true;
  int max_picks = 0;  // Multiple choice: at most this many (0 = no limit).
};

struct Survey {
  Id id = 0;
  std::string title;
  std::string description;
  SurveySubject subject = SurveySubject::kTopic;
  std::string subject_text;           // The topic or project; for a cadre, what is evaluated.
  std::optional<Id> subject_user_id;  // The cadre evaluated (三有两评).
  Id region_id = 0;
  std::string region_path;
  std::string opens_on;   // "YYYY-MM-DD", China date, inclusive.
  std::string closes_on;  // "YYYY-MM-DD", China date, inclusive.
  SurveyState state = SurveyState::kDraft;
  std::string token_key;  // Secret of the households' link tokens; never leaves the server.
  std::vector<SurveyQuestion> questions;  // In order; question n is questions[n].
  std::optional<Id> created_by;
  Epoch created_at = 0;
  Epoch updated_at = 0;
  // Filled by queries.
  std::string region_name;
  std::string subject_user_name;
};

// One answer to one question, as sent: `question` is the question's index.
struct AnswerInput {
  int question = -1;
  std::vector<int> picks;     // Option indexes (choice questions).
  std::optional<int> rating;  // 1..5 (rating questions).
  std::string text;           // Text questions.
};

// Limits.
inline constexpr std::size_t kSurveyTitleMaxChars = 100;
inline constexpr std::size_t kSurveyDescriptionMaxChars = 5000;
inline constexpr std::size_t kSurveyMaxQuestions = 50;
inline constexpr std::size_t kQuestionTextMaxChars = 500;
inline constexpr std::size_t kQuestionMaxOptions = 20;
inline constexpr std::size_t kOptionMaxChars = 100;
inline constexpr std::size_t kTextAnswerMaxChars = 1000;
inline constexpr int kRatingMin = 1;
inline constexpr int kRatingMax = 5;

// The problems of a survey's editable fields and questions (fields "title", "questions[2].options"
// and so on). A cadre survey needs subject_user_id; the others must not have one.
std::vector<FieldProblem> ValidateSurvey(const Survey& survey);

// The problems of one household's answers to `survey` (fields "answers[n]" by question index):
// survey.unknown_question, survey.duplicate_answer, survey.unknown_option, survey.one_pick,
// survey.too_many_picks, survey.rating_range, survey.text_too_long, survey.required. Empty =
// valid. An answer with nothing in it counts as no answer.
std::vector<FieldProblem> ValidateAnswers(const Survey& survey,
                                          const std::vector<AnswerInput>& answers);

// Why an answer to a survey is refused before its content is read; each is counted per survey.
enum class AnswerRefusal {
  kNotOpen = 1,          // A draft, or before opens_on.
  kClosed = 2,           // Closed, or after closes_on.
  kAlreadyAnswered = 3,  // The household has answered (the first answer is kept).
  kOutsideRegion = 4,    // The household lives outside the survey's region.
  kBadToken = 5,         // The link's token is not this survey's for any household.
};
std::string_view AnswerRefusalCode(AnswerRefusal refusal);
std::string_view AnswerRefusalMessage(AnswerRefusal refusal);
inline constexpr std::array<AnswerRefusal, 5> kAnswerRefusals = {
    AnswerRefusal::kNotOpen, AnswerRefusal::kClosed, AnswerRefusal::kAlreadyAnswered,
    AnswerRefusal::kOutsideRegion, AnswerRefusal::kBadToken};

// Whether `today` ("YYYY-MM-DD", China) lies in the open survey's period: nullopt when it may be
// answered, else kNotOpen or kClosed.
std::optional<AnswerRefusal> AnswerWindowRefusal(const Survey& survey, std::string_view today);

// The tally of one question: counts per option (choice), per value 1..5 (rating), and the texts.
struct QuestionTally {
  std::vector<std::int64_t> counts;  // Choice: one per option; rating: index 0 is value 1.
  std::int64_t answered = 0;         // Households that answered this question.
  std::vector<std::string> texts;    // Text questions.
  // Rating average over the answers; 0 without answers.
  double RatingAverage() const;
};

}  // namespace minqing::domain
