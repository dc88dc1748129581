#include "domain/survey.hpp"

#include <set>

#include "domain/enum_table.hpp"
#include "domain/text.hpp"

namespace minqing::domain {
namespace {

constexpr EnumTable<SurveyState, 3> kStates{{{
    {SurveyState::kDraft, "draft", "草稿", "Draft"},
    {SurveyState::kOpen, "open", "进行中", "Open"},
    {SurveyState::kClosed, "closed", "已结束", "Closed"},
}}};

constexpr EnumTable<SurveySubject, 3> kSubjects{{{
    {SurveySubject::kTopic, "topic", "专题", "Topic"},
    {SurveySubject::kProject, "project", "项目", "Project"},
    {SurveySubject::kCadre, "cadre", "干部评议", "Cadre evaluation"},
}}};

constexpr EnumTable<QuestionKind, 4> kKinds{{{
    {QuestionKind::kSingle, "single", "单选", "Single choice"},
    {QuestionKind::kMultiple, "multiple", "多选", "Multiple choice"},
    {QuestionKind::kRating, "rating", "评分", "Rating"},
    {QuestionKind::kText, "text", "文字", "Text"},
}}};

struct RefusalRow {
  AnswerRefusal refusal;
  std::string_view code;
  std::string_view message;
};

constexpr std::array<RefusalRow, 5> kRefusals{{
    {AnswerRefusal::kNotOpen, "survey.not_open", "问卷尚未开始"},
    {AnswerRefusal::kClosed, "survey.closed", "问卷已经结束"},
    {AnswerRefusal::kAlreadyAnswered, "survey.already_answered",
     "该户已经答过本问卷，保留第一次的答卷"},
    {AnswerRefusal::kOutsideRegion, "survey.outside_region", "该户不在本问卷的调查范围内"},
    {AnswerRefusal::kBadToken, "survey.bad_token", "链接无效，请扫描发给本户的二维码"},
}};

std::string Indexed(std::string_view base, std::size_t i) {
  return std::string(base) + "[" + std::to_string(i) + "]";
}

bool IsChoice(QuestionKind kind) {
  return kind == QuestionKind::kSingle || kind == QuestionKind::kMultiple;
}

void CheckQuestion(const SurveyQuestion& q, std::size_t i, std::vector<FieldProblem>& problems) {
  const std::string field = Indexed("questions", i);
  if (Trim(q.text).empty()) {
    problems.push_back({field + ".text", "survey.question_required", "请填写题目"});
  } else if (Utf8Length(q.text) > kQuestionTextMaxChars) {
    problems.push_back({field + ".text", "survey.question_too_long", "题目不能超过500字"});
  }
  if (!IsChoice(q.kind)) {
    if (!q.options.empty()) {
      problems.push_back({field + ".options", "survey.options_not_allowed", "只有选择题有选项"});
    }
    if (q.max_picks != 0) {
      problems.push_back(
          {field + ".max_picks", "survey.max_picks_not_allowed", "只有多选题可以限制选择个数"});
    }
    return;
  }
  if (q.options.size() < 2 || q.options.size() > kQuestionMaxOptions) {
    problems.push_back({field + ".options", "survey.options_count", "选择题应有2至20个选项"});
  }
  std::set<std::string> seen;
  for (const auto& option : q.options) {
    const std::string text = Trim(option);
    if (text.empty() || Utf8Length(text) > kOptionMaxChars ||
        text.find('\n') != std::string::npos) {
      problems.push_back(
          {field + ".options", "survey.bad_option", "选项不能为空、不能换行，不能超过100字"});
      break;
    }
    if (!seen.insert(text).second) {
      problems.push_back({field + ".options", "survey.duplicate_option", "选项不能重复"});
      break;
    }
  }
  if (q.kind == QuestionKind::kSingle && q.max_picks != 0) {
    problems.push_back(
        {field + ".max_picks", "survey.max_picks_not_allowed", "只有多选题可以限制选择个数"});
  }
  if (q.max_picks < 0 ||
      (q.max_picks > 0 && static_cast<std::size_t>(q.max_picks) > q.options.size())) {
    problems.push_back(
        {field + ".max_picks", "survey.bad_max_picks", "最多可选个数应在1和选项数之间"});
  }
}

}  // namespace

std::string_view SurveyStateCode(SurveyState state) { return kStates.Code(state); }
std::string_view SurveyStateLabel(SurveyState state) { return kStates.Label(state); }
std::optional<SurveyState> ParseSurveyState(std::string_view text) { return kStates.Parse(text); }
std::string_view SurveySubjectCode(SurveySubject subject) { return kSubjects.Code(subject); }
std::string_view SurveySubjectLabel(SurveySubject subject) { return kSubjects.Label(subject); }
std::optional<SurveySubject> ParseSurveySubject(std::string_view text) {
  return kSubjects.Parse(text);
}
std::string_view QuestionKindCode(QuestionKind kind) { return kKinds.Code(kind); }
std::string_view QuestionKindLabel(QuestionKind kind) { return kKinds.Label(kind); }
std::optional<QuestionKind> ParseQuestionKind(std::string_view text) { return kKinds.Parse(text); }
std::string_view AnswerChannelCode(AnswerChannel channel) {
  return channel == AnswerChannel::kMember ? "member" : "link";
}

std::string_view AnswerRefusalCode(AnswerRefusal refusal) {
  for (const auto& row : kRefusals) {
    if (row.refusal == refusal) return row.code;
  }
  return "";
}

std::string_view AnswerRefusalMessage(AnswerRefusal refusal) {
  for (const auto& row : kRefusals) {
    if (row.refusal == refusal) return row.message;
  }
  return "";
}

std::vector<FieldProblem> ValidateSurvey(const Survey& s) {
  std::vector<FieldProblem> problems;
  if (Trim(s.title).empty()) {
    problems.push_back({"title", "survey.title_required", "请填写问卷标题"});
  } else if (Utf8Length(s.title) > kSurveyTitleMaxChars) {
    problems.push_back({"title", "survey.title_too_long", "标题不能超过100字"});
  }
  if (Utf8Length(s.description) > kSurveyDescriptionMaxChars) {
    problems.push_back({"description", "survey.description_too_long", "说明不能超过5000字"});
  }
  if (Utf8Length(s.subject_text) > kSurveyTitleMaxChars) {
    problems.push_back({"subject_text", "survey.subject_too_long", "评议对象不能超过100字"});
  }
  if (s.subject == SurveySubject::kCadre && !s.subject_user_id) {
    problems.push_back({"subject_user_id", "survey.cadre_required", "干部评议请选择被评议的干部"});
  }
  if (s.subject != SurveySubject::kCadre && s.subject_user_id) {
    problems.push_back(
        {"subject_user_id", "survey.cadre_not_allowed", "只有干部评议才选择被评议的干部"});
  }
  if (!IsIsoDate(s.opens_on)) {
    problems.push_back({"opens_on", "survey.bad_date", "请填写开始日期（年-月-日）"});
  }
  if (!IsIsoDate(s.closes_on)) {
    problems.push_back({"closes_on", "survey.bad_date", "请填写结束日期（年-月-日）"});
  } else if (IsIsoDate(s.opens_on) && s.closes_on < s.opens_on) {
    problems.push_back({"closes_on", "survey.bad_period", "结束日期不能早于开始日期"});
  }
  if (s.questions.size() > kSurveyMaxQuestions) {
    problems.push_back({"questions", "survey.too_many_questions", "问卷最多50题"});
  }
  for (std::size_t i = 0; i < s.questions.size(); ++i) CheckQuestion(s.questions[i], i, problems);
  return problems;
}

std::vector<FieldProblem> ValidateAnswers(const Survey& survey,
                                          const std::vector<AnswerInput>& answers) {
  std::vector<FieldProblem> problems;
  std::set<int> answered;
  for (const auto& a : answers) {
    if (a.question < 0 || static_cast<std::size_t>(a.question) >= survey.questions.size()) {
      problems.push_back({"answers", "survey.unknown_question", "答卷中有问卷没有的题目"});
      continue;
    }
    const auto i = static_cast<std::size_t>(a.question);
    const std::string field = Indexed("answers", i);
    if (!answered.insert(a.question).second) {
      problems.push_back({field, "survey.duplicate_answer", "同一题只能回答一次"});
      continue;
    }
    const SurveyQuestion& q = survey.questions[i];
    const bool empty = a.picks.empty() && !a.rating && Trim(a.text).empty();
    if (empty) {
      answered.erase(a.question);
      continue;
    }
    if (IsChoice(q.kind)) {
      if (a.rating || !Trim(a.text).empty()) {
        problems.push_back({field, "survey.wrong_kind", "选择题只能选择选项"});
        continue;
      }
      std::set<int> picks;
      for (int p : a.picks) {
        if (p < 0 || static_cast<std::size_t>(p) >= q.options.size()) {
          problems.push_back({field, "survey.unknown_option", "选择了不存在的选项"});
          picks.clear();
          break;
        }
        picks.insert(p);
      }
      if (picks.size() != a.picks.size()) {
        if (!picks.empty()) {
          problems.push_back({field, "survey.duplicate_pick", "同一选项只能选一次"});
        }
        continue;
      }
      if (q.kind == QuestionKind::kSingle && picks.size() > 1) {
        problems.push_back({field, "survey.one_pick", "单选题只能选一项"});
      } else if (q.max_picks > 0 && picks.size() > static_cast<std::size_t>(q.max_picks)) {
        problems.push_back(
            {field, "survey.too_many_picks", "本题最多选" + std::to_string(q.max_picks) + "项"});
      }
    } else if (q.kind == QuestionKind::kRating) {
      if (!a.rating || !a.picks.empty() || !Trim(a.text).empty()) {
        problems.push_back({field, "survey.wrong_kind", "评分题请打1至5分"});
      } else if (*a.rating < kRatingMin || *a.rating > kRatingMax) {
        problems.push_back({field, "survey.rating_range", "评分应为1至5分"});
      }
    } else {
      if (a.rating || !a.picks.empty()) {
        problems.push_back({field, "survey.wrong_kind", "文字题请填写文字"});
      } else if (Utf8Length(a.text) > kTextAnswerMaxChars) {
        problems.push_back({field, "survey.text_too_long", "回答不能超过1000字"});
      }
    }
  }
  for (std::size_t i = 0; i < survey.questions.size(); ++i) {
    if (survey.questions[i].required && !answered.contains(static_cast<int>(i))) {
      problems.push_back(
          {Indexed("answers", i), "survey.required", "第" + std::to_string(i + 1) + "题为必答题"});
    }
  }
  return problems;
}

std::optional<AnswerRefusal> AnswerWindowRefusal(const Survey& survey, std::string_view today) {
  if (survey.state == SurveyState::kDraft) return AnswerRefusal::kNotOpen;
  if (survey.state == SurveyState::kClosed) return AnswerRefusal::kClosed;
  if (today < std::string_view(survey.opens_on)) return AnswerRefusal::kNotOpen;
  if (today > std::string_view(survey.closes_on)) return AnswerRefusal::kClosed;
  return std::nullopt;
}

double QuestionTally::RatingAverage() const {
  std::int64_t n = 0;
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    n += counts[i];
    sum += counts[i] * static_cast<std::int64_t>(i + 1);
  }
  return n == 0 ? 0.0 : static_cast<double>(sum) / static_cast<double>(n);
}

}  // namespace minqing::domain
