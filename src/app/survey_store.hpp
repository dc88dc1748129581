// The repository of surveys (问卷与评议): surveys and their questions, the "household has
// answered" markers, the answers as per-village counters and texts, and the refusal counters. No
// stored row ties an answer to a household: a marker says who answered and when (a China date),
// the counters and texts say what was answered in which village.
// Thread-safety: as the transaction it belongs to.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"
#include "domain/survey.hpp"

namespace minqing::app {

// A household's "has answered" marker.
struct SurveyResponse {
  domain::Id survey_id = 0;
  domain::Id household_id = 0;
  domain::Id village_id = 0;
  std::string answered_on;  // "YYYY-MM-DD", China.
  domain::AnswerChannel channel = domain::AnswerChannel::kMember;
  std::optional<domain::Id> recorded_by;
  std::optional<domain::Id> visit_id;
};

// One counter row: the village, question, choice (0 = answered the question; option n → n + 1;
// rating v → v) and its count.
struct SurveyCount {
  domain::Id village_id = 0;
  int question = 0;
  int choice = 0;
  std::int64_t answers = 0;
};

struct SurveyText {
  domain::Id village_id = 0;
  int question = 0;
  std::string body;
};

class SurveyRepository {
 public:
  virtual ~SurveyRepository() = default;

  // Inserts the survey with its questions.
  virtual void InsertSurvey(const domain::Survey& survey) = 0;
  // Updates every stored field but id, region, token key and creation, and replaces the questions;
  // NotFound "survey.not_found" if absent.
  virtual void UpdateSurvey(const domain::Survey& survey) = 0;
  // With its questions, region name and the cadre's name.
  virtual std::optional<domain::Survey> FindSurvey(domain::Id id) = 0;
  // Surveys whose region lies under `region_path_prefix` ("" = all), newest first, without
  // questions.
  virtual std::vector<domain::Survey> ListSurveys(std::string_view region_path_prefix) = 0;
  // Open surveys whose region contains the household's region path `household_path`, newest
  // first, with questions.
  virtual std::vector<domain::Survey> ListOpenFor(std::string_view household_path) = 0;

  virtual std::optional<SurveyResponse> FindResponse(domain::Id survey_id,
                                                     domain::Id household_id) = 0;
  // Inserts the marker; Conflict "survey.already_answered" if the household has one.
  virtual void InsertResponse(const SurveyResponse& response) = 0;
  // Markers per village: village id → households that answered.
  virtual std::map<domain::Id, std::int64_t> ResponsesByVillage(domain::Id survey_id) = 0;

  // Adds one to the counter (survey, village, question, choice).
  virtual void AddCount(domain::Id survey_id, domain::Id village_id, int question, int choice) = 0;
  virtual std::vector<SurveyCount> Counts(domain::Id survey_id) = 0;
  virtual void InsertText(domain::Id survey_id, domain::Id village_id, int question,
                          std::string_view body) = 0;
  // In random-id order (no order of answering).
  virtual std::vector<SurveyText> Texts(domain::Id survey_id) = 0;

  virtual void CountRefusal(domain::Id survey_id, std::string_view reason) = 0;
  virtual std::map<std::string, std::int64_t> Refusals(domain::Id survey_id) = 0;

  // Households under `region_path_prefix` per village: village id → households. Villages with
  // none are absent.
  virtual std::map<domain::Id, std::int64_t> HouseholdsByVillage(
      std::string_view region_path_prefix) = 0;
};

}  // namespace minqing::app
