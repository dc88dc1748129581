// Pairing (结对共建), docs/api.md "Pairing": each handler parses, calls one use case of
// app/pairing_service.hpp, serialises.
#include <string>
#include <utility>

#include "domain/pairing.hpp"
#include "domain/work_calendar.hpp"
#include "formats/table.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

Json PairJson(const domain::Pair& p) {
  return {{"id", p.id},
          {"unit_id", p.unit_id},
          {"unit_name", p.unit_name},
          {"region_id", p.region_id},
          {"region_name", p.region_name},
          {"from", p.from},
          {"to", p.to ? Json(*p.to) : Json(nullptr)},
          {"note", p.note},
          {"created_at", p.created_at}};
}

Json NeedJson(const domain::PairNeed& n) {
  return {{"id", n.id},
          {"pair_id", n.pair_id},
          {"title", n.title},
          {"kind", domain::PairingKindCode(n.kind)},
          {"kind_label", domain::PairingKindLabel(n.kind)},
          {"detail", n.detail},
          {"state", domain::NeedStateCode(n.state)},
          {"created_at", n.created_at}};
}

Json ResourceJson(const domain::PairResource& r) {
  return {{"id", r.id},
          {"pair_id", r.pair_id},
          {"kind", domain::PairingKindCode(r.kind)},
          {"kind_label", domain::PairingKindLabel(r.kind)},
          {"description", r.description},
          {"state", domain::ResourceStateCode(r.state)},
          {"created_at", r.created_at}};
}

Json MatchJson(const domain::PairMatch& m) {
  return {{"id", m.id},
          {"pair_id", m.pair_id},
          {"need_id", m.need_id},
          {"resource_id", m.resource_id},
          {"note", m.note},
          {"created_at", m.created_at},
          {"created_by_name", m.created_by_name},
          {"done_at", m.done_at ? Json(*m.done_at) : Json(nullptr)}};
}

Json ProjectJson(const domain::PairProject& j) {
  return {{"id", j.id},
          {"pair_id", j.pair_id},
          {"title", j.title},
          {"description", j.description},
          {"state", domain::PairProjectStateCode(j.state)},
          {"project_id", j.project_id ? Json(*j.project_id) : Json(nullptr)},
          {"created_at", j.created_at},
          {"updated_at", j.updated_at}};
}

template <typename T, typename F>
Json ArrayOf(const std::vector<T>& values, F to_json) {
  Json out = Json::array();
  for (const auto& v : values) out.push_back(to_json(v));
  return out;
}

int YearParam(const RouteCall& call, domain::Epoch now) {
  const std::string text = QueryString(call.request, "year");
  if (text.empty()) return std::stoi(domain::FormatDate(domain::ChinaDay(now)).substr(0, 4));
  auto year = ParseInt(text);
  return year ? static_cast<int>(*year) : 0;
}

Json ReportJson(const app::PairReport& r) {
  return {{"pair", PairJson(r.pair)},
          {"year", r.year},
          {"needs_total", r.needs_total},
          {"needs_open", r.needs_open},
          {"needs_met_in_year", r.needs_met_in_year},
          {"resources_total", r.resources_total},
          {"resources_used_in_year", r.resources_used_in_year},
          {"met_needs", ArrayOf(r.met_needs, NeedJson)},
          {"projects_done_in_year", r.projects_done_in_year},
          {"done_projects", ArrayOf(r.done_projects, ProjectJson)}};
}

formats::Table ReportTable(const app::PairReport& r) {
  formats::Table t;
  t.header = {"项目", "数值"};
  t.rows = {{"结对单位", r.pair.unit_name},
            {"结对村", r.pair.region_name},
            {"年度", std::to_string(r.year)},
            {"需求总数", std::to_string(r.needs_total)},
            {"待对接需求", std::to_string(r.needs_open)},
            {"本年度已解决需求", std::to_string(r.needs_met_in_year)},
            {"资源总数", std::to_string(r.resources_total)},
            {"本年度已使用资源", std::to_string(r.resources_used_in_year)},
            {"本年度完成共建项目", std::to_string(r.projects_done_in_year)}};
  for (const auto& n : r.met_needs) {
    t.rows.push_back({"已解决：" + std::string(domain::PairingKindLabel(n.kind)), n.title});
  }
  for (const auto& j : r.done_projects) t.rows.push_back({"已完成共建项目", j.title});
  return t;
}

}  // namespace

void Api::AddPairingRoutes() {
  auto& pairing = services_.pairing;
  router_.Add("GET", "/api/v1/pairing/pairs",
              {"结对共建列表（单位经办人仅本单位）",
               "pairing",
               {{"region_id", "integer", "乡镇或村（含下级）"}, {"unit_id", "integer", "单位"}}},
              [&pairing](const RouteCall& call) {
                app::PairQuery query;
                query.region_id = QueryId(call.request, "region_id");
                query.unit_id = QueryId(call.request, "unit_id");
                return JsonResponse(
                    200, {{"items", ArrayOf(pairing.List(ActorOf(call), query), PairJson)}});
              });
  router_.Add("POST", "/api/v1/pairing/pairs",
              {"建立结对（同一单位与同一村期间重叠时拒绝：pairing.overlap）",
               "pairing",
               {},
               true,
               true,
               201},
              [&pairing](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                Json body = Body(call);
                FieldReader r(body);
                app::PairInput in;
                in.unit_id = r.Id("unit_id");
                in.region_id = r.Id("region_id");
                in.from = r.String("from");
                std::string to = r.String("to");
                if (!to.empty()) in.to = to;
                in.note = r.String("note");
                r.Check();
                return JsonResponse(201, PairJson(pairing.Create(actor, in)));
              });
  router_.Add("GET", "/api/v1/pairing/pairs/{id}", {"结对详情：需求、资源、对接", "pairing"},
              [&pairing](const RouteCall& call) {
                auto d = pairing.Get(ActorOf(call), PathId(call));
                Json out = PairJson(d.pair);
                out["needs"] = ArrayOf(d.needs, NeedJson);
                out["resources"] = ArrayOf(d.resources, ResourceJson);
                out["matches"] = ArrayOf(d.matches, MatchJson);
                out["projects"] = ArrayOf(d.projects, ProjectJson);
                return JsonResponse(200, out);
              });
  router_.Add("POST", "/api/v1/pairing/pairs/{id}/needs",
              {"登记村的需求（公开，不含个人信息）", "pairing", {}, true, true, 201},
              [&pairing](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader r(body);
                app::NeedInput in;
                in.title = r.String("title");
                in.kind = r.String("kind");
                in.detail = r.String("detail");
                r.Check();
                return JsonResponse(201, NeedJson(pairing.AddNeed(actor, id, in)));
              });
  router_.Add("POST", "/api/v1/pairing/pairs/{id}/resources",
              {"登记单位的资源", "pairing", {}, true, true, 201},
              [&pairing](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader r(body);
                app::ResourceInput in;
                in.kind = r.String("kind");
                in.description = r.String("description");
                r.Check();
                return JsonResponse(201, ResourceJson(pairing.AddResource(actor, id, in)));
              });
  router_.Add("POST", "/api/v1/pairing/pairs/{id}/matches",
              {"对接需求与资源（需求变为已对接，资源变为已承诺）", "pairing", {}, true, true, 201},
              [&pairing](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader r(body);
                const domain::Id need_id = r.Id("need_id");
                const domain::Id resource_id = r.Id("resource_id");
                const std::string note = r.String("note");
                r.Check();
                return JsonResponse(
                    201, MatchJson(pairing.Match(actor, id, need_id, resource_id, note)));
              });
  router_.Add("POST", "/api/v1/pairing/matches/{id}/done",
              {"对接完成（需求已解决，资源已使用）", "pairing"}, [&pairing](const RouteCall& call) {
                return JsonResponse(200,
                                    MatchJson(pairing.CompleteMatch(ActorOf(call), PathId(call))));
              });
  router_.Add("POST", "/api/v1/pairing/pairs/{id}/projects",
              {"登记共建项目（可关联民生项目 project_id）", "pairing", {}, true, true, 201},
              [&pairing](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader r(body);
                app::JointProjectInput in;
                in.title = r.String("title");
                in.description = r.String("description");
                in.project_id = r.OptionalId("project_id");
                r.Check();
                return JsonResponse(201, ProjectJson(pairing.AddProject(actor, id, in)));
              });
  router_.Add("POST", "/api/v1/pairing/joint-projects/{id}/state",
              {"共建项目状态（planned、ongoing、done）", "pairing", {}, true, true},
              [&pairing](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                const std::string state = BodyString(call, "state");
                return JsonResponse(200, ProjectJson(pairing.SetProjectState(actor, id, state)));
              });
  router_.Add("GET", "/api/v1/pairing/pairs/{id}/report",
              {"结对年度成效（JSON；format=xlsx 或 csv 时下载表格）",
               "pairing",
               {{"year", "integer", "年度，缺省为今年"}, {"format", "string", "json、xlsx、csv"}}},
              [&pairing](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                auto report = pairing.Report(actor, PathId(call), YearParam(call, actor.now));
                if (QueryString(call.request, "format").empty() ||
                    QueryString(call.request, "format") == "json") {
                  return JsonResponse(200, ReportJson(report));
                }
                return TableDownload(ReportTable(report), ExportFormat(call.request),
                                     "pairing-report", "结对共建年度成效", actor.now);
              });
  router_.Add("GET", "/api/v1/public/pairing/{id}/needs",
              {"公开：村的结对需求清单（不含个人信息）", "public", {}, false},
              [&pairing](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& p : pairing.PublicNeeds(PathId(call), NowEpoch())) {
                  items.push_back({{"unit_name", p.unit_name},
                                   {"title", p.need.title},
                                   {"kind", domain::PairingKindCode(p.need.kind)},
                                   {"kind_label", domain::PairingKindLabel(p.need.kind)},
                                   {"detail", p.need.detail},
                                   {"state", domain::NeedStateCode(p.need.state)}});
                }
                return JsonResponse(200, {{"items", items}});
              });
}

}  // namespace minqing::http
