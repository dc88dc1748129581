// Service providers (服务商), docs/api.md "Service providers": each handler parses, calls one use
// case of app/provider_service.hpp, serialises.
#include <string>
#include <utility>

#include "domain/providers.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

Json RatingJson(const domain::ProviderRating& r) {
  auto average = r.Average();
  auto share = r.SatisfiedShare();
  return {{"count", r.count},
          {"satisfied", r.satisfied},
          {"average", average ? Json(*average) : Json(nullptr)},
          {"satisfied_share", share ? Json(*share) : Json(nullptr)}};
}

Json ProviderJson(const domain::ServiceProvider& p) {
  Json area = Json::array();
  for (const auto& a : p.area)
    area.push_back({{"region_id", a.region_id}, {"name", a.region_name}});
  return {{"unit_id", p.unit_id},
          {"name", p.unit_name},
          {"phone", p.phone},
          {"category_ids", p.category_ids},
          {"area", area},
          {"commitments", p.commitments},
          {"joined", p.joined},
          {"state", domain::ProviderStateCode(p.state)},
          {"state_reason", p.state_reason},
          {"state_by", p.state_by ? Json(*p.state_by) : Json(nullptr)},
          {"state_at", p.state_at ? Json(*p.state_at) : Json(nullptr)},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

Json RowJson(const app::ProviderRow& row) {
  Json out = ProviderJson(row.provider);
  out["rating"] = RatingJson(row.rating);
  out["below_standard"] = row.below_standard;
  return out;
}

Json StandardJson(const domain::ProviderStandard& s) {
  return {{"set", s.set},
          {"min_satisfied_percent", s.min_satisfied_percent},
          {"min_ratings", s.min_ratings}};
}

app::ProviderPeriod PeriodOf(const RouteCall& call) {
  return {QueryString(call.request, "from"), QueryString(call.request, "to")};
}

// An array of ids (numbers or digit strings); a wrong element is a field problem.
std::vector<domain::Id> IdArray(const Json& body, const char* name,
                                std::vector<domain::FieldProblem>& problems) {
  std::vector<domain::Id> out;
  if (!body.is_object() || !body.contains(name) || body[name].is_null()) return out;
  const Json& value = body[name];
  if (!value.is_array()) {
    problems.push_back({name, "validation.type", "应为编号数组"});
    return out;
  }
  for (const Json& item : value) {
    if (item.is_number_integer()) {
      out.push_back(item.get<domain::Id>());
    } else if (auto id = item.is_string() ? ParseInt(item.get<std::string>()) : std::nullopt) {
      out.push_back(*id);
    } else {
      problems.push_back({name, "validation.type", "应为编号数组"});
    }
  }
  return out;
}

app::ProviderInput InputOf(const RouteCall& call) {
  Json body = Body(call);
  FieldReader r(body);
  app::ProviderInput in;
  in.unit_id = r.OptionalId("unit_id");
  if (body.is_object() && body.contains("new_unit") && body["new_unit"].is_object()) {
    FieldReader u(body["new_unit"], "new_unit.");
    app::NewProviderUnit unit;
    unit.name = u.String("name");
    unit.phone = u.String("phone");
    unit.region_id = u.OptionalId("region_id");
    u.Check();
    in.new_unit = unit;
  }
  in.category_ids = IdArray(body, "category_ids", r.problems());
  in.region_ids = IdArray(body, "region_ids", r.problems());
  in.commitments = r.String("commitments");
  in.joined = r.String("joined");
  r.Check();
  return in;
}

}  // namespace

void Api::AddProviderRoutes() {
  auto& providers = services_.providers;
  const std::vector<ParamDoc> period = {{"from", "string", "起始日期 YYYY-MM-DD（缺省近365天）"},
                                        {"to", "string", "截止日期 YYYY-MM-DD"}};
  router_.Add("GET", "/api/v1/providers",
              {"服务商列表：评价、低于标准标记、状态（单位经办人仅本单位）", "providers", period},
              [&providers](const RouteCall& call) {
                auto list = providers.List(ActorOf(call), PeriodOf(call));
                Json items = Json::array();
                for (const auto& row : list.items) items.push_back(RowJson(row));
                return JsonResponse(200, {{"items", items},
                                          {"standard", StandardJson(list.standard)},
                                          {"from", list.from},
                                          {"to", list.to}});
              });
  router_.Add(
      "POST", "/api/v1/providers",
      {"登记服务商（已有企业单位 unit_id，或新单位 new_unit）", "providers", {}, true, true, 201},
      [&providers](const RouteCall& call) {
        const app::Actor& actor = ActorOf(call);
        app::ProviderInput in = InputOf(call);
        return JsonResponse(201, ProviderJson(providers.Register(actor, in)));
      });
  router_.Add("GET", "/api/v1/providers/standard", {"服务商考核标准", "providers"},
              [&providers](const RouteCall& call) {
                return JsonResponse(200, StandardJson(providers.GetStandard(ActorOf(call))));
              });
  router_.Add("PUT", "/api/v1/providers/standard",
              {"设置服务商考核标准（最低满意率、最少评价数）", "providers", {}, true, true},
              [&providers](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                Json body = Body(call);
                FieldReader r(body);
                domain::ProviderStandard s;
                s.min_satisfied_percent = static_cast<int>(r.Int("min_satisfied_percent", -1));
                s.min_ratings = static_cast<int>(r.Int("min_ratings", 0));
                r.Check();
                return JsonResponse(200, StandardJson(providers.PutStandard(actor, s)));
              });
  router_.Add("GET", "/api/v1/providers/{id}",
              {"服务商详情：资料、评价、群众签字记录", "providers", period},
              [&providers](const RouteCall& call) {
                auto d = providers.Get(ActorOf(call), PathId(call), PeriodOf(call));
                Json out = RowJson(d.row);
                out["standard"] = StandardJson(d.standard);
                out["from"] = d.from;
                out["to"] = d.to;
                Json rated = Json::array();
                for (const auto& m : d.rated) {
                  rated.push_back({{"matter_id", m.matter_id},
                                   {"number", m.number},
                                   {"rating", m.rating},
                                   {"solved", m.solved},
                                   {"confirmed_via", m.confirmed_via},
                                   {"signed_at", m.signed_at}});
                }
                out["rated"] = rated;
                return JsonResponse(200, out);
              });
  router_.Add("PUT", "/api/v1/providers/{id}",
              {"修改服务商资料（类别、区域、承诺、加入日期）", "providers", {}, true, true},
              [&providers](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                app::ProviderInput in = InputOf(call);
                return JsonResponse(200, ProviderJson(providers.Update(actor, id, in)));
              });
  router_.Add("POST", "/api/v1/providers/{id}/suspend",
              {"暂停服务商（须填原因；暂停后不能派单）", "providers", {}, true, true},
              [&providers](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                const std::string reason = BodyString(call, "reason");
                return JsonResponse(200, ProviderJson(providers.Suspend(actor, id, reason)));
              });
  router_.Add("POST", "/api/v1/providers/{id}/reinstate",
              {"恢复服务商（须填原因）", "providers", {}, true, true},
              [&providers](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                const std::string reason = BodyString(call, "reason");
                return JsonResponse(200, ProviderJson(providers.Reinstate(actor, id, reason)));
              });
  router_.Add("GET", "/api/v1/public/providers",
              {"公开：在服务的服务商（类别、区域、群众评价，不含个人信息）", "public", {}, false},
              [&providers](const RouteCall&) {
                Json items = Json::array();
                for (const auto& p : providers.PublicList(NowEpoch())) {
                  items.push_back({{"name", p.name},
                                   {"categories", p.categories},
                                   {"area", p.area},
                                   {"commitments", p.commitments},
                                   {"joined", p.joined},
                                   {"rating", RatingJson(p.rating)}});
                }
                return JsonResponse(200, {{"items", items}});
              });
}

}  // namespace minqing::http
