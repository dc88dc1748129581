// Postings (驻村/包村) and target-responsibility agreements (目标责任书), docs/api.md "Postings":
// each handler parses, calls one use case of app/posting_service.hpp, serialises.
#include <string>
#include <utility>

#include "domain/posting.hpp"
#include "domain/work_calendar.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

Json OptText(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

Json PostingJson(const domain::Posting& p, domain::Epoch now) {
  const std::string today = domain::FormatDate(domain::ChinaDay(now));
  return {{"id", p.id},
          {"user_id", p.user_id},
          {"user_name", p.user_name},
          {"home_unit", p.home_unit},
          {"region_id", p.region_id},
          {"region_name", p.region_name},
          {"role", domain::PostingRoleCode(p.role)},
          {"role_label", domain::PostingRoleLabel(p.role)},
          {"team", p.team},
          {"from", p.from},
          {"to", OptText(p.to)},
          {"note", p.note},
          {"current", domain::PostingCurrentOn(p, today)},
          {"created_at", p.created_at},
          {"ended_at", p.ended_at ? Json(*p.ended_at) : Json(nullptr)}};
}

Json ItemsJson(const std::vector<domain::AgreementItem>& items) {
  Json out = Json::array();
  for (const auto& item : items) {
    const auto& info = domain::InfoOf(item.kind);
    out.push_back({{"kind", info.code},
                   {"kind_label", info.label},
                   {"label", item.label},
                   {"target", item.target},
                   {"unit", item.unit},
                   {"weight", item.weight}});
  }
  return out;
}

Json AgreementJson(const domain::Agreement& a) {
  return {{"id", a.id},
          {"posting_id", a.posting_id},
          {"year", a.year},
          {"title", a.title},
          {"items", ItemsJson(a.items)},
          {"signed", a.signed_on.has_value()},
          {"signed_on", OptText(a.signed_on)},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at}};
}

Json AgreementDetailJson(const app::AgreementDetail& d, domain::Epoch now) {
  Json out = AgreementJson(d.agreement);
  out["posting"] = PostingJson(d.posting, now);
  out["signed_by_name"] = d.signed_by_name;
  return out;
}

// The body of an agreement: year, title, items [{kind, label, target, unit, weight}].
app::AgreementInput AgreementInputOf(const RouteCall& call) {
  Json body = Body(call);
  FieldReader r(body);
  app::AgreementInput in;
  in.year = static_cast<int>(r.Int("year", 0));
  in.title = r.String("title");
  r.Check();
  std::vector<domain::FieldProblem> problems;
  if (body.contains("items")) {
    if (!body["items"].is_array()) {
      throw domain::InvalidInput("validation.failed", "items 应为列表",
                                 {{"items", "field.type", "应为列表"}});
    }
    std::size_t i = 0;
    for (const auto& item : body["items"]) {
      const std::string prefix = "items[" + std::to_string(i++) + "].";
      if (!item.is_object()) {
        problems.push_back({prefix, "field.type", "应为对象"});
        continue;
      }
      FieldReader f(item, prefix);
      domain::AgreementItem out;
      std::string kind = f.String("kind");
      auto parsed = domain::ParseAgreementItemKind(kind.empty() ? "custom" : kind);
      if (!parsed) problems.push_back({prefix + "kind", "agreement.bad_kind", "指标类型无效"});
      out.kind = parsed.value_or(domain::AgreementItemKind::kCustom);
      out.label = f.String("label");
      out.target = f.OptionalDouble("target").value_or(0);
      out.unit = f.String("unit");
      out.weight = f.OptionalDouble("weight").value_or(0);
      for (auto& p : f.problems()) problems.push_back(std::move(p));
      in.items.push_back(std::move(out));
    }
  }
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "输入有误", std::move(problems));
  }
  return in;
}

}  // namespace

void Api::AddPostingRoutes() {
  auto& postings = services_.postings;
  router_.Add("GET", "/api/v1/postings",
              {"驻村干部（派驻记录）列表，新的在前", "postings",
               WithPaging({{"region_id", "integer", "乡镇或村（含下级）"},
                           {"role", "string", "岗位代码"},
                           {"current", "boolean", "只看在岗"},
                           {"user_id", "integer", "账号"}})},
              [&postings](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                app::PostingQuery query;
                query.region_id = QueryId(call.request, "region_id");
                query.role = QueryString(call.request, "role");
                query.current_only = QueryBool(call.request, "current").value_or(false);
                query.user_id = QueryId(call.request, "user_id");
                Paging paging = ReadPaging(call.request);
                auto page = postings.List(actor, query, paging.request);
                Json items = Json::array();
                for (const auto& p : page.items) items.push_back(PostingJson(p, actor.now));
                return JsonResponse(200, {{"items", items},
                                          {"total", page.total},
                                          {"page", paging.page},
                                          {"page_size", paging.page_size}});
              });
  router_.Add("GET", "/api/v1/postings/candidates", {"可派驻的工作人员账号", "postings"},
              [&postings](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& c : postings.Candidates(ActorOf(call))) {
                  items.push_back({{"id", c.id},
                                   {"name", c.name},
                                   {"role", c.role},
                                   {"unit", c.unit},
                                   {"scope_name", c.scope_name}});
                }
                return JsonResponse(200, {{"items", items}});
              });
  router_.Add(
      "POST", "/api/v1/postings",
      {"派驻干部（同村同岗位期间重叠时拒绝：posting.overlap）", "postings", {}, true, true, 201},
      [&postings](const RouteCall& call) {
        const app::Actor& actor = ActorOf(call);
        Json body = Body(call);
        FieldReader r(body);
        app::PostingInput in;
        in.user_id = r.Id("user_id");
        in.region_id = r.Id("region_id");
        in.role = r.String("role");
        in.home_unit = r.String("home_unit");
        in.team = r.String("team");
        in.from = r.String("from");
        std::string to = r.String("to");
        if (!to.empty()) in.to = to;
        in.note = r.String("note");
        r.Check();
        return JsonResponse(201, PostingJson(postings.Create(actor, in), actor.now));
      });
  router_.Add("GET", "/api/v1/postings/{id}", {"派驻记录及其目标责任书", "postings"},
              [&postings](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                auto detail = postings.Get(actor, PathId(call));
                Json agreements = Json::array();
                for (const auto& a : detail.agreements) agreements.push_back(AgreementJson(a));
                Json out = PostingJson(detail.posting, actor.now);
                out["agreements"] = std::move(agreements);
                return JsonResponse(200, out);
              });
  router_.Add("POST", "/api/v1/postings/{id}/end",
              {"结束派驻（记下结束日期，记录保留）", "postings", {}, true, true},
              [&postings](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                std::string to = BodyString(call, "to");
                return JsonResponse(200, PostingJson(postings.End(actor, id, to), actor.now));
              });
  router_.Add("POST", "/api/v1/postings/{id}/agreements",
              {"起草目标责任书（每个派驻每年一份）", "postings", {}, true, true, 201},
              [&postings](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                postings.Get(actor, id);  // Refuse an unreadable posting before the body.
                return JsonResponse(201, AgreementDetailJson(postings.CreateAgreement(
                                                                 actor, id, AgreementInputOf(call)),
                                                             actor.now));
              });
  router_.Add("GET", "/api/v1/agreements/{id}", {"目标责任书", "postings"},
              [&postings](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                return JsonResponse(
                    200,
                    AgreementDetailJson(postings.GetAgreement(actor, PathId(call)), actor.now));
              });
  router_.Add("PUT", "/api/v1/agreements/{id}",
              {"修改目标责任书（签订后拒绝：agreement.signed）", "postings", {}, true, true},
              [&postings](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                postings.GetAgreement(actor, id);  // Refuse an unreadable one before the body.
                return JsonResponse(200, AgreementDetailJson(postings.UpdateAgreement(
                                                                 actor, id, AgreementInputOf(call)),
                                                             actor.now));
              });
  router_.Add("POST", "/api/v1/agreements/{id}/sign",
              {"签订目标责任书（签订后不能再修改）", "postings", {}, true, true},
              [&postings](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                std::string signed_on = BodyString(call, "signed_on");
                return JsonResponse(
                    200,
                    AgreementDetailJson(postings.SignAgreement(actor, id, signed_on), actor.now));
              });
  router_.Add("GET", "/api/v1/agreements/{id}/agreement.pdf",
              WithPace({"目标责任书（PDF，可打印）", "postings"}, Pace::kSlow),
              [&postings](const RouteCall& call) {
                const domain::Id id = PathId(call);
                Response response;
                response.status = 200;
                response.content_type = "application/pdf";
                response.body = postings.AgreementPdf(ActorOf(call), id);
                response.headers.emplace_back(
                    "Content-Disposition",
                    "inline; filename=\"agreement-" + std::to_string(id) + ".pdf\"");
                return response;
              });
  router_.Add("GET", "/api/v1/public/board/{id}/assistant",
              {"公开栏：在岗村级事务助理及其本年度已签订的目标责任书", "public", {}, false},
              [&postings](const RouteCall& call) {
                const domain::Epoch now = NowEpoch();
                app::PublicAssistant pub = postings.Public(PathId(call), now);
                Json assistant = nullptr;
                if (pub.posting) {
                  const auto& p = *pub.posting;
                  assistant = {
                      {"name", p.user_name},      {"phone", p.user_phone},
                      {"home_unit", p.home_unit}, {"role_label", domain::PostingRoleLabel(p.role)},
                      {"team", p.team},           {"from", p.from}};
                }
                Json agreement = nullptr;
                if (pub.agreement) {
                  agreement = {{"year", pub.agreement->year},
                               {"title", pub.agreement->title},
                               {"signed_on", OptText(pub.agreement->signed_on)},
                               {"items", ItemsJson(pub.agreement->items)}};
                }
                return JsonResponse(200, {{"assistant", assistant}, {"agreement", agreement}});
              });
}

}  // namespace minqing::http
