// Routes of surveys and evaluations (问卷与评议): see docs/api.md ("Surveys"). Staff routes
// create, edit, open, close, print and read results (SurveyService checks surveys.manage /
// surveys.read in the region's scope); members record the answers of their linked households
// (surveys.record); the public routes serve a household's answer page and take its answer.
// Each handler parses, calls one SurveyService use case and serialises.
#include <string>
#include <vector>

#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

Json QuestionJson(const domain::SurveyQuestion& q) {
  return {{"kind", std::string(domain::QuestionKindCode(q.kind))},
          {"text", q.text},
          {"options", q.options},
          {"required", q.required},
          {"max_picks", q.max_picks}};
}

Json SurveyJson(const domain::Survey& s) {
  Json questions = Json::array();
  for (const auto& q : s.questions) questions.push_back(QuestionJson(q));
  return {{"id", s.id},
          {"title", s.title},
          {"description", s.description},
          {"subject", std::string(domain::SurveySubjectCode(s.subject))},
          {"subject_label", std::string(domain::SurveySubjectLabel(s.subject))},
          {"subject_text", s.subject_text},
          {"subject_user_id", s.subject_user_id ? Json(*s.subject_user_id) : Json(nullptr)},
          {"subject_user_name", s.subject_user_name},
          {"region_id", s.region_id},
          {"region_name", s.region_name},
          {"opens_on", s.opens_on},
          {"closes_on", s.closes_on},
          {"state", std::string(domain::SurveyStateCode(s.state))},
          {"state_label", std::string(domain::SurveyStateLabel(s.state))},
          {"questions", questions},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

Json ViewJson(const app::SurveyView& v) {
  Json out = SurveyJson(v.survey);
  out["households"] = v.households;
  out["answered"] = v.answered;
  out["response_rate"] =
      v.households == 0 ? 0.0 : static_cast<double>(v.answered) / static_cast<double>(v.households);
  out["may_manage"] = v.may_manage;
  return out;
}

Json TallyJson(const domain::Survey& s, std::size_t i, const domain::QuestionTally& t,
               bool with_texts) {
  Json out = {{"question", i}, {"answered", t.answered}, {"counts", t.counts}};
  if (s.questions[i].kind == domain::QuestionKind::kRating) out["average"] = t.RatingAverage();
  if (with_texts && s.questions[i].kind == domain::QuestionKind::kText) out["texts"] = t.texts;
  return out;
}

Json ResultsJson(const app::SurveyResults& r) {
  const auto& s = r.view.survey;
  Json overall = Json::array();
  for (std::size_t i = 0; i < r.overall.size(); ++i) {
    overall.push_back(TallyJson(s, i, r.overall[i], true));
  }
  Json villages = Json::array();
  for (const auto& v : r.villages) {
    Json questions = Json::array();
    for (std::size_t i = 0; i < v.questions.size(); ++i) {
      questions.push_back(TallyJson(s, i, v.questions[i], false));
    }
    villages.push_back(
        {{"village_id", v.village_id},
         {"village_name", v.village_name},
         {"households", v.households},
         {"answered", v.answered},
         {"response_rate",
          v.households == 0 ? 0.0
                            : static_cast<double>(v.answered) / static_cast<double>(v.households)},
         {"questions", questions}});
  }
  Json texts = Json::array();
  for (const auto& t : r.texts) {
    texts.push_back({{"question", t.question}, {"village_name", t.village_name}, {"text", t.text}});
  }
  Json refusals = Json::object();
  for (auto reason : domain::kAnswerRefusals) {
    const std::string code(domain::AnswerRefusalCode(reason));
    auto it = r.refusals.find(code);
    refusals[code] = it == r.refusals.end() ? 0 : it->second;
  }
  return {{"survey", ViewJson(r.view)},
          {"overall", overall},
          {"villages", villages},
          {"texts", texts},
          {"refusals", refusals}};
}

[[noreturn]] void BadField(const std::string& field, const std::string& message) {
  throw domain::InvalidInput("validation.failed", "问卷信息有误",
                             {{field, "validation.type", message}});
}

std::vector<domain::SurveyQuestion> QuestionsOf(const Json& body) {
  std::vector<domain::SurveyQuestion> out;
  if (!body.contains("questions") || body["questions"].is_null()) return out;
  const Json& list = body["questions"];
  if (!list.is_array()) BadField("questions", "题目应为数组");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string prefix = "questions[" + std::to_string(i) + "].";
    if (!list[i].is_object()) BadField("questions", "题目应为对象");
    FieldReader fields(list[i], prefix);
    domain::SurveyQuestion q;
    const std::string kind = fields.String("kind");
    auto parsed = domain::ParseQuestionKind(kind);
    if (!parsed) {
      throw domain::InvalidInput(
          "validation.failed", "问卷信息有误",
          {{prefix + "kind", "survey.bad_kind", "题型应为 single、multiple、rating 或 text"}});
    }
    q.kind = *parsed;
    q.text = fields.String("text");
    q.options = fields.Strings("options");
    q.required = fields.OptionalBool("required").value_or(true);
    q.max_picks = static_cast<int>(fields.Int("max_picks", 0));
    fields.Check();
    out.push_back(std::move(q));
  }
  return out;
}

app::SurveyInput InputOf(const Json& body) {
  FieldReader fields(body);
  app::SurveyInput in;
  in.title = fields.String("title");
  in.description = fields.String("description");
  const std::string subject = fields.String("subject");
  in.subject_text = fields.String("subject_text");
  in.subject_user_id = fields.OptionalId("subject_user_id");
  in.region_id = fields.Id("region_id");
  in.opens_on = fields.String("opens_on");
  in.closes_on = fields.String("closes_on");
  fields.Check();
  auto parsed = domain::ParseSurveySubject(subject.empty() ? "topic" : subject);
  if (!parsed) {
    throw domain::InvalidInput(
        "validation.failed", "问卷信息有误",
        {{"subject", "survey.bad_subject", "评议对象应为 topic、project 或 cadre"}});
  }
  in.subject = *parsed;
  in.questions = QuestionsOf(body);
  return in;
}

std::vector<domain::AnswerInput> AnswersOf(const Json& body) {
  std::vector<domain::AnswerInput> out;
  if (!body.contains("answers") || !body["answers"].is_array()) {
    throw domain::InvalidInput("validation.failed", "答卷有误",
                               {{"answers", "validation.type", "答卷应为数组"}});
  }
  for (const Json& a : body["answers"]) {
    if (!a.is_object() || !a.contains("question") || !a["question"].is_number_integer()) {
      throw domain::InvalidInput("validation.failed", "答卷有误",
                                 {{"answers", "validation.type", "每个回答应注明题号"}});
    }
    domain::AnswerInput in;
    in.question = a["question"].get<int>();
    if (a.contains("picks") && !a["picks"].is_null()) {
      if (!a["picks"].is_array()) {
        throw domain::InvalidInput("validation.failed", "答卷有误",
                                   {{"answers", "validation.type", "选项应为数组"}});
      }
      for (const Json& p : a["picks"]) {
        if (!p.is_number_integer()) {
          throw domain::InvalidInput("validation.failed", "答卷有误",
                                     {{"answers", "validation.type", "选项应为整数"}});
        }
        in.picks.push_back(p.get<int>());
      }
    }
    if (a.contains("rating") && !a["rating"].is_null()) {
      if (!a["rating"].is_number_integer()) {
        throw domain::InvalidInput("validation.failed", "答卷有误",
                                   {{"answers", "survey.rating_range", "评分应为1至5分"}});
      }
      in.rating = a["rating"].get<int>();
    }
    if (a.contains("text") && a["text"].is_string()) in.text = a["text"].get<std::string>();
    out.push_back(std::move(in));
  }
  return out;
}

formats::Table ResultsTable(const app::SurveyResults& r) {
  formats::Table table;
  table.header = {"村（社区）", "题号", "题目", "选项/分值", "户数"};
  const auto& s = r.view.survey;
  auto add = [&](const std::string& village, const std::vector<domain::QuestionTally>& tallies) {
    for (std::size_t i = 0; i < tallies.size() && i < s.questions.size(); ++i) {
      const auto& q = s.questions[i];
      const auto& t = tallies[i];
      const std::string number = std::to_string(i + 1);
      table.rows.push_back({village, number, q.text, "作答", std::to_string(t.answered)});
      for (std::size_t c = 0; c < t.counts.size(); ++c) {
        std::string label = q.kind == domain::QuestionKind::kRating ? std::to_string(c + 1) + "分"
                                                                    : q.options.at(c);
        table.rows.push_back({village, number, q.text, label, std::to_string(t.counts[c])});
      }
    }
  };
  add("合计", r.overall);
  for (const auto& v : r.villages) add(v.village_name, v.questions);
  for (const auto& t : r.texts) {
    const auto i = static_cast<std::size_t>(t.question);
    table.rows.push_back({t.village_name, std::to_string(i + 1),
                          i < s.questions.size() ? s.questions[i].text : "", t.text, ""});
  }
  return table;
}

}  // namespace

void Api::AddSurveyRoutes() {
  auto& surveys = services_.surveys;

  router_.Add(
      "GET", "/api/v1/surveys", {"问卷与评议列表", "surveys", {{"region_id", "integer"}}},
      [&surveys](const RouteCall& call) {
        Json items = Json::array();
        for (const auto& v : surveys.List(ActorOf(call), QueryId(call.request, "region_id"))) {
          items.push_back(ViewJson(v));
        }
        return JsonResponse(200, {{"items", items}});
      });
  router_.Add("POST", "/api/v1/surveys", {"新建问卷（草稿）", "surveys", {}, true, true, 201},
              [&surveys](const RouteCall& call) {
                return JsonResponse(201,
                                    ViewJson(surveys.Create(ActorOf(call), InputOf(Body(call)))));
              });
  router_.Add("GET", "/api/v1/surveys/{id}", {"问卷详情", "surveys"},
              [&surveys](const RouteCall& call) {
                return JsonResponse(200, ViewJson(surveys.Get(ActorOf(call), PathId(call))));
              });
  router_.Add("PUT", "/api/v1/surveys/{id}",
              {"修改问卷草稿（标题、说明、对象、时间、题目）", "surveys", {}, true, true},
              [&surveys](const RouteCall& call) {
                return JsonResponse(200, ViewJson(surveys.Update(ActorOf(call), PathId(call),
                                                                 InputOf(Body(call)))));
              });
  router_.Add("POST", "/api/v1/surveys/{id}/open", {"开始问卷", "surveys"},
              [&surveys](const RouteCall& call) {
                return JsonResponse(200, ViewJson(surveys.Open(ActorOf(call), PathId(call))));
              });
  router_.Add("POST", "/api/v1/surveys/{id}/close", {"结束问卷", "surveys"},
              [&surveys](const RouteCall& call) {
                return JsonResponse(200, ViewJson(surveys.Close(ActorOf(call), PathId(call))));
              });
  router_.Add("GET", "/api/v1/surveys/{id}/results",
              {"问卷结果：各题统计、分村统计、文字回答、答卷率", "surveys"},
              [&surveys](const RouteCall& call) {
                return JsonResponse(200, ResultsJson(surveys.Results(ActorOf(call), PathId(call))));
              });
  router_.Add(
      "GET", "/api/v1/surveys/{id}/results/export",
      WithPace({"导出问卷结果（xlsx 或 csv）", "surveys", {{"format", "string"}}}, Pace::kSlow),
      [&surveys](const RouteCall& call) {
        const std::string format = ExportFormat(call.request);
        const app::Actor& actor = ActorOf(call);
        return TableDownload(ResultsTable(surveys.Results(actor, PathId(call))), format,
                             "survey-results", "问卷结果", actor.now);
      });
  router_.Add(
      "GET", "/api/v1/surveys/{id}/slips.pdf",
      WithPace({"入户问卷码（PDF，每户一张，含二维码）", "surveys", {{"village_id", "integer"}}},
               Pace::kSlow),
      [&surveys](const RouteCall& call) {
        const domain::Id id = PathId(call);
        Response response;
        response.status = 200;
        response.content_type = "application/pdf";
        response.body = surveys.SlipsPdf(ActorOf(call), id, QueryId(call.request, "village_id"));
        response.headers.emplace_back("Content-Disposition", "inline; filename=\"survey-slips-" +
                                                                 std::to_string(id) + ".pdf\"");
        response.headers.emplace_back("Cache-Control", "no-store");
        return response;
      });
  router_.Add(
      "GET", "/api/v1/surveys/{id}/links",
      {"各户答卷链接（与入户问卷码相同）", "surveys", {{"village_id", "integer"}}},
      [&surveys](const RouteCall& call) {
        Json items = Json::array();
        for (const auto& link :
             surveys.Links(ActorOf(call), PathId(call), QueryId(call.request, "village_id"))) {
          items.push_back(
              {{"household_id", link.household_id}, {"label", link.label}, {"url", link.url}});
        }
        Response response = JsonResponse(200, {{"items", items}});
        response.headers.emplace_back("Cache-Control", "no-store");
        return response;
      });
  router_.Add("GET", "/api/v1/households/{id}/surveys",
              {"党员：联系户可答的问卷（含是否已答）", "surveys"},
              [&surveys](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& hs : surveys.ForHousehold(ActorOf(call), PathId(call))) {
                  Json item = SurveyJson(hs.survey);
                  item["answered_on"] = hs.answered_on ? Json(*hs.answered_on) : Json(nullptr);
                  items.push_back(std::move(item));
                }
                return JsonResponse(200, {{"items", items}});
              });
  router_.Add("POST", "/api/v1/surveys/{id}/answers",
              {"党员为联系户录入答卷（每户一份）", "surveys", {}, true, true, 201},
              [&surveys](const RouteCall& call) {
                Json body = Body(call);
                FieldReader fields(body);
                const domain::Id household_id = fields.Id("household_id");
                const auto visit_id = fields.OptionalId("visit_id");
                fields.Check();
                surveys.Record(ActorOf(call), PathId(call), household_id, visit_id,
                               AnswersOf(body));
                return JsonResponse(201, {{"accepted", true}, {"message", "答卷已录入"}});
              });

  // Public: a household's answer page and its answer.
  router_.Add("GET", "/api/v1/public/surveys/{id}",
              {"入户问卷页（凭本户链接）", "public", {{"t", "string"}}, false},
              [&surveys](const RouteCall& call) {
                auto page = surveys.PublicPage(PathId(call), QueryString(call.request, "t"));
                Json out = SurveyJson(page.survey);
                out.erase("subject_user_id");
                out["village_name"] = page.village_name;
                out["answered_on"] = page.answered_on ? Json(*page.answered_on) : Json(nullptr);
                return JsonResponse(200, out);
              });
  router_.Add(
      "POST", "/api/v1/public/surveys/{id}/answers",
      {"本户答卷（每户一份）", "public", {}, false, true, 201}, [&surveys](const RouteCall& call) {
        Json body = Body(call);
        FieldReader fields(body);
        const std::string token = fields.String("t");
        fields.Check();
        surveys.Answer(PathId(call), token, AnswersOf(body), NowEpoch());
        return JsonResponse(201, {{"accepted", true}, {"message", "提交成功，感谢您的参与"}});
      });
}

}  // namespace minqing::http
