#include "storage/sql_survey_repository.hpp"

#include <sodium.h>

#include <utility>

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

domain::Survey ReadSurvey(const Row& row) {
  domain::Survey s;
  s.id = row.GetInt64(0);
  s.title = row.GetText(1);
  s.description = row.GetText(2);
  s.subject = static_cast<domain::SurveySubject>(row.GetInt64(3));
  s.subject_text = row.GetText(4);
  s.subject_user_id = row.GetOptionalInt64(5);
  s.region_id = row.GetInt64(6);
  s.region_path = row.GetText(7);
  s.opens_on = row.GetText(8);
  s.closes_on = row.GetText(9);
  s.state = static_cast<domain::SurveyState>(row.GetInt64(10));
  s.token_key = row.GetText(11);
  s.created_by = row.GetOptionalInt64(12);
  s.created_at = row.GetInt64(13);
  s.updated_at = row.GetInt64(14);
  s.region_name = row.GetText(15);
  s.subject_user_name = row.GetText(16);
  return s;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out.push_back('\n');
    out += lines[i];
  }
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find('\n', start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// A random positive id: text answers are listed by it, in no order of answering.
Id RandomId() {
  std::int64_t id = 0;
  randombytes_buf(&id, sizeof id);
  id &= 0x3FFFFFFFFFFFFFFF;
  return id == 0 ? 1 : id;
}

class SqlSurveyRepository final : public app::SurveyRepository {
 public:
  explicit SqlSurveyRepository(Connection& conn) : conn_(conn) {}

  void InsertSurvey(const domain::Survey& s) override {
    RunSql(conn_, sql::survey_insert,
           {s.id, s.title, s.description, static_cast<std::int64_t>(s.subject), s.subject_text,
            OptionalValue(s.subject_user_id), s.region_id, s.region_path, s.opens_on, s.closes_on,
            static_cast<std::int64_t>(s.state), s.token_key, OptionalValue(s.created_by),
            s.created_at, s.updated_at});
    InsertQuestions(s);
  }

  void UpdateSurvey(const domain::Survey& s) override {
    RequireOneRow(RunSql(conn_, sql::survey_update,
                         {s.id, s.title, s.description, static_cast<std::int64_t>(s.subject),
                          s.subject_text, OptionalValue(s.subject_user_id), s.opens_on, s.closes_on,
                          static_cast<std::int64_t>(s.state), s.updated_at}),
                  "survey.not_found", "问卷不存在");
    RunSql(conn_, sql::survey_questions_delete, {s.id});
    InsertQuestions(s);
  }

  std::optional<domain::Survey> FindSurvey(Id id) override {
    auto survey = First<domain::Survey>(
        SelectRows(conn_, sql::survey_select, " WHERE s.id = $1", {id}), ReadSurvey);
    if (survey) LoadQuestions(*survey);
    return survey;
  }

  std::vector<domain::Survey> ListSurveys(std::string_view region_path_prefix) override {
    return ReadAll<domain::Survey>(
        SelectRows(conn_, sql::survey_select,
                   " WHERE s.region_path LIKE $1 ORDER BY s.created_at DESC, s.id DESC LIMIT 500",
                   {PathPrefixPattern(region_path_prefix)}),
        ReadSurvey);
  }

  std::vector<domain::Survey> ListOpenFor(std::string_view household_path) override {
    // The surveys whose region path is a prefix of the household's path.
    auto all = ReadAll<domain::Survey>(
        SelectRows(conn_, sql::survey_select,
                   " WHERE s.state = $1 ORDER BY s.created_at DESC, s.id DESC LIMIT 500",
                   {static_cast<std::int64_t>(domain::SurveyState::kOpen)}),
        ReadSurvey);
    std::vector<domain::Survey> out;
    for (auto& s : all) {
      if (household_path.substr(0, s.region_path.size()) != s.region_path) continue;
      LoadQuestions(s);
      out.push_back(std::move(s));
    }
    return out;
  }

  std::optional<app::SurveyResponse> FindResponse(Id survey_id, Id household_id) override {
    auto rows = QueryRows(conn_, sql::survey_response_select, {survey_id, household_id});
    if (rows.empty()) return std::nullopt;
    const Row& row = rows.front();
    app::SurveyResponse r;
    r.survey_id = row.GetInt64(0);
    r.household_id = row.GetInt64(1);
    r.village_id = row.GetInt64(2);
    r.answered_on = row.GetText(3);
    r.channel = static_cast<domain::AnswerChannel>(row.GetInt64(4));
    r.recorded_by = row.GetOptionalInt64(5);
    r.visit_id = row.GetOptionalInt64(6);
    return r;
  }

  void InsertResponse(const app::SurveyResponse& r) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::survey_response_insert,
                 {r.survey_id, r.household_id, r.village_id, r.answered_on,
                  static_cast<std::int64_t>(r.channel), OptionalValue(r.recorded_by),
                  OptionalValue(r.visit_id)});
        },
        "survey.already_answered", "该户已经答过本问卷，保留第一次的答卷");
  }

  std::map<Id, std::int64_t> ResponsesByVillage(Id survey_id) override {
    std::map<Id, std::int64_t> out;
    for (const Row& row : QueryRows(conn_, sql::survey_responses_by_village, {survey_id})) {
      out[row.GetInt64(0)] = row.GetInt64(1);
    }
    return out;
  }

  void AddCount(Id survey_id, Id village_id, int question, int choice) override {
    RunSql(conn_, sql::survey_count_add,
           {survey_id, village_id, std::int64_t{question}, std::int64_t{choice}});
  }

  std::vector<app::SurveyCount> Counts(Id survey_id) override {
    std::vector<app::SurveyCount> out;
    for (const Row& row : QueryRows(conn_, sql::survey_counts_select, {survey_id})) {
      out.push_back({row.GetInt64(0), static_cast<int>(row.GetInt64(1)),
                     static_cast<int>(row.GetInt64(2)), row.GetInt64(3)});
    }
    return out;
  }

  void InsertText(Id survey_id, Id village_id, int question, std::string_view body) override {
    RunSql(conn_, sql::survey_text_insert,
           {RandomId(), survey_id, village_id, std::int64_t{question}, std::string(body)});
  }

  std::vector<app::SurveyText> Texts(Id survey_id) override {
    std::vector<app::SurveyText> out;
    for (const Row& row : QueryRows(conn_, sql::survey_texts_select, {survey_id})) {
      out.push_back({row.GetInt64(0), static_cast<int>(row.GetInt64(1)), row.GetText(2)});
    }
    return out;
  }

  void CountRefusal(Id survey_id, std::string_view reason) override {
    RunSql(conn_, sql::survey_refusal_add, {survey_id, std::string(reason)});
  }

  std::map<std::string, std::int64_t> Refusals(Id survey_id) override {
    std::map<std::string, std::int64_t> out;
    for (const Row& row : QueryRows(conn_, sql::survey_refusals_select, {survey_id})) {
      out[row.GetText(0)] = row.GetInt64(1);
    }
    return out;
  }

  std::map<Id, std::int64_t> HouseholdsByVillage(std::string_view region_path_prefix) override {
    std::map<Id, std::int64_t> out;
    for (const Row& village :
         QueryRows(conn_, sql::survey_villages_under, {PathPrefixPattern(region_path_prefix)})) {
      const auto n =
          QueryRows(conn_, sql::survey_households_under, {PathPrefixPattern(village.GetText(1))})
              .at(0)
              .GetInt64(0);
      if (n > 0) out[village.GetInt64(0)] = n;
    }
    return out;
  }

 private:
  void InsertQuestions(const domain::Survey& s) {
    for (std::size_t i = 0; i < s.questions.size(); ++i) {
      const auto& q = s.questions[i];
      RunSql(conn_, sql::survey_question_insert,
             {s.id, static_cast<std::int64_t>(i), static_cast<std::int64_t>(q.kind), q.text,
              JoinLines(q.options), std::int64_t{q.required ? 1 : 0}, std::int64_t{q.max_picks}});
    }
  }

  void LoadQuestions(domain::Survey& s) {
    s.questions.clear();
    for (const Row& row : QueryRows(conn_, sql::survey_questions_select, {s.id})) {
      domain::SurveyQuestion q;
      q.kind = static_cast<domain::QuestionKind>(row.GetInt64(0));
      q.text = row.GetText(1);
      q.options = SplitLines(row.GetText(2));
      q.required = row.GetInt64(3) != 0;
      q.max_picks = static_cast<int>(row.GetInt64(4));
      s.questions.push_back(std::move(q));
    }
  }

  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::SurveyRepository> MakeSqlSurveyRepository(Connection& conn) {
  return std::make_unique<SqlSurveyRepository>(conn);
}

}  // namespace minqing::storage
