// Scorecards (考核) of postings, docs/api.md "Scorecards": each handler parses, calls one use case
// of app/scorecards/scorecards.hpp, serialises.
#include <string>
#include <utility>

#include "domain/posting.hpp"
#include "domain/scorecard.hpp"
#include "domain/work_calendar.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

Json OptNumber(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }
Json OptInt(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); }

Json LineJson(const app::ScorecardLine& l) {
  const auto& info = domain::InfoOf(l.kind);
  return {{"kind", info.code},
          {"label", l.label},
          {"unit", l.unit},
          {"weight", l.weight},
          {"target", l.target},
          {"county_target", OptNumber(l.county_target)},
          {"agreement_target", OptNumber(l.agreement_target)},
          {"actual", OptNumber(l.actual)},
          {"count", OptInt(l.count)},
          {"of", OptInt(l.of)},
          {"source", l.source},
          {"note", l.note},
          {"entered_by", l.entered_by},
          {"entered_at", l.entered_at ? Json(*l.entered_at) : Json(nullptr)},
          {"achievement", l.achievement},
          {"points", l.points},
          {"link", l.link}};
}

Json CardJson(const app::Scorecard& c) {
  Json lines = Json::array();
  for (const auto& l : c.lines) lines.push_back(LineJson(l));
  const auto& p = c.posting;
  return {{"posting",
           {{"id", p.id},
            {"user_id", p.user_id},
            {"user_name", p.user_name},
            {"home_unit", p.home_unit},
            {"region_id", p.region_id},
            {"region_name", p.region_name},
            {"role", domain::PostingRoleCode(p.role)},
            {"role_label", domain::PostingRoleLabel(p.role)},
            {"from", p.from},
            {"to", p.to ? Json(*p.to) : Json(nullptr)}}},
          {"year", c.year},
          {"from", c.from},
          {"to", c.to},
          {"agreement_id", c.agreement_id ? Json(*c.agreement_id) : Json(nullptr)},
          {"agreement_signed_on", c.agreement_signed_on},
          {"lines", lines},
          {"points", c.points},
          {"max_points", c.max_points},
          {"percent", c.percent},
          {"may_enter", c.may_enter}};
}

// year (default: the current China year), from, to.
app::ScorecardQuery QueryOf(const Request& request, domain::Epoch now) {
  app::ScorecardQuery q;
  const std::string year = QueryString(request, "year");
  if (year.empty()) {
    q.year = std::stoi(domain::FormatDate(domain::ChinaDay(now)).substr(0, 4));
  } else {
    auto parsed = ParseInt(year);
    if (!parsed) BadParam("year");
    q.year = static_cast<int>(*parsed);
  }
  q.from = QueryString(request, "from");
  q.to = QueryString(request, "to");
  return q;
}

Json DefaultsJson(const std::vector<app::ScorecardDefault>& items) {
  Json out = Json::array();
  for (const auto& d : items) {
    const auto& info = domain::InfoOf(d.kind);
    out.push_back({{"kind", info.code},
                   {"label", info.label},
                   {"unit", info.default_unit},
                   {"weight", d.weight},
                   {"target", d.target},
                   {"computed", domain::ScoreKindComputed(d.kind)}});
  }
  return {{"items", out}};
}

const std::vector<ParamDoc>& PeriodParams() {
  static const std::vector<ParamDoc> params = {
      {"year", "integer", "年度（默认今年）"},
      {"from", "string", "开始日期 YYYY-MM-DD（默认年初）"},
      {"to", "string", "结束日期 YYYY-MM-DD（默认年末）"}};
  return params;
}

}  // namespace

void Api::AddScorecardRoutes() {
  auto& cards = services_.scorecards;
  auto ranking_params = PeriodParams();
  ranking_params.push_back({"region_id", "integer", "乡镇（或范围内任一区域），默认本人范围"});
  ranking_params.push_back({"role", "string", "岗位代码，默认 village_affairs_assistant"});
  router_.Add(
      "GET", "/api/v1/scorecards",
      WithPace({"考核排名：某乡镇同一岗位的派驻干部按总分排名", "scorecards", ranking_params},
               Pace::kSlow),
      [&cards](const RouteCall& call) {
        const app::Actor& actor = ActorOf(call);
        auto ranking =
            cards.Rank(actor, QueryId(call.request, "region_id"), QueryString(call.request, "role"),
                       QueryOf(call.request, actor.now));
        Json rows = Json::array();
        for (const auto& row : ranking.rows) {
          Json card = CardJson(row.card);
          card["rank"] = row.rank;
          rows.push_back(std::move(card));
        }
        return JsonResponse(200, {{"region_id", ranking.region_id},
                                  {"region_name", ranking.region_name},
                                  {"role", ranking.role},
                                  {"year", ranking.year},
                                  {"items", rows}});
      });
  auto export_params = ranking_params;
  export_params.push_back({"format", "string", "xlsx（默认）或 csv"});
  router_.Add("GET", "/api/v1/scorecards/export",
              WithPace({"导出考核排名及各项得分（Excel 或 CSV）", "scorecards", export_params},
                       Pace::kSlow),
              [&cards](const RouteCall& call) {
                const std::string format = ExportFormat(call.request);
                const app::Actor& actor = ActorOf(call);
                return TableDownload(cards.ExportRanking(actor, QueryId(call.request, "region_id"),
                                                         QueryString(call.request, "role"),
                                                         QueryOf(call.request, actor.now)),
                                     format, "scorecards", "考核排名", actor.now);
              });
  router_.Add("GET", "/api/v1/scorecards/settings", {"全县考核默认权重和目标", "scorecards"},
              [&cards](const RouteCall& call) {
                return JsonResponse(200, DefaultsJson(cards.Defaults(ActorOf(call))));
              });
  router_.Add("PUT", "/api/v1/scorecards/settings",
              {"设置全县考核默认权重和目标（权重之和为 100）", "scorecards", {}, true, true},
              [&cards](const RouteCall& call) {
                Json body = Body(call);
                if (!body.contains("items") || !body["items"].is_array()) {
                  throw domain::InvalidInput("validation.failed", "items 应为列表",
                                             {{"items", "field.type", "应为列表"}});
                }
                std::vector<app::ScorecardDefault> items;
                std::vector<domain::FieldProblem> problems;
                std::size_t i = 0;
                for (const auto& item : body["items"]) {
                  const std::string prefix = "items[" + std::to_string(i++) + "].";
                  if (!item.is_object()) {
                    problems.push_back({prefix, "field.type", "应为对象"});
                    continue;
                  }
                  FieldReader f(item, prefix);
                  auto kind = domain::ParseAgreementItemKind(f.String("kind"));
                  if (!kind)
                    problems.push_back({prefix + "kind", "agreement.bad_kind", "指标类型无效"});
                  app::ScorecardDefault d;
                  d.kind = kind.value_or(domain::AgreementItemKind::kCustom);
                  d.weight = f.OptionalDouble("weight").value_or(0);
                  d.target = f.OptionalDouble("target").value_or(0);
                  for (auto& p : f.problems()) problems.push_back(std::move(p));
                  items.push_back(d);
                }
                if (!problems.empty()) {
                  throw domain::InvalidInput("validation.failed", "输入有误", std::move(problems));
                }
                return JsonResponse(200, DefaultsJson(cards.SetDefaults(ActorOf(call), items)));
              });
  router_.Add("GET", "/api/v1/scorecards/{id}",
              {"一名派驻干部的考核记分卡（{id} 为派驻记录）", "scorecards", PeriodParams()},
              [&cards](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                return JsonResponse(200, CardJson(cards.Card(actor, PathId(call),
                                                             QueryOf(call.request, actor.now))));
              });
  router_.Add("PUT", "/api/v1/scorecards/{id}/manual",
              {"人工填报无数据来源的指标（year, kind, actual, note；actual 为 null 时撤销）",
               "scorecards",
               {},
               true,
               true},
              [&cards](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                Json body = Body(call);
                FieldReader r(body);
                const int year = static_cast<int>(r.Int("year", 0));
                app::ManualActualInput in;
                in.kind = r.String("kind");
                in.actual = r.OptionalDouble("actual");
                in.note = r.String("note");
                r.Check();
                return JsonResponse(200,
                                    CardJson(cards.SetManualActual(actor, PathId(call), year, in)));
              });
}

}  // namespace minqing::http
