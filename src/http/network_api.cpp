// Routes of the 1+10 network and diary area: see docs/api.md ("The 1+10 network and the diary").
// Each handler parses, calls one NetworkService use case and serialises.
#include <ctime>

#include "http/api.hpp"
#include "http/handler_util.hpp"
#include "http/network_json.hpp"

namespace minqing::http {
namespace {

int CurrentYear() {
  std::time_t t = static_cast<std::time_t>(NowEpoch() + 8 * 3600);  // China Standard Time.
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm.tm_year + 1900;
}

int QueryYear(const Request& request) {
  auto text = request.Query("year");
  if (!text) return CurrentYear();
  auto year = ParseInt(*text);
  if (!year || *year < 2000 || *year > 2100) BadParam("year");
  return static_cast<int>(*year);
}

std::optional<domain::Epoch> QueryEpoch(const Request& request, const std::string& name) {
  auto text = request.Query(name);
  if (!text || text->empty()) return std::nullopt;
  auto value = ParseInt(*text);
  if (!value) BadParam(name);
  return *value;
}

Response Pdf(std::string body, const std::string& filename) {
  Response response;
  response.status = 200;
  response.content_type = "application/pdf";
  response.body = std::move(body);
  response.headers.emplace_back("Content-Disposition", "inline; filename=\"" + filename + "\"");
  return response;
}

Response Immutable(const RouteCall&) {
  return JsonResponse(409,
                      ErrorJson("visit.immutable",
                                "民情日记只能追加，不能修改或删除；如需更正，请新增一条更正记录"));
}

}  // namespace

void Api::AddNetworkRoutes() {
  auto& network = services_.network;

  // Settings.
  router_.Add("GET", "/api/v1/network/settings/{id}", {"联系网络设置（就近继承）", "network"},
              [&network](const RouteCall& call) {
                return JsonResponse(
                    200, NetworkSettingsJson(network.GetSettings(ActorOf(call), PathId(call))));
              });
  router_.Add("PUT", "/api/v1/network/settings/{id}",
              {"修改联系网络设置", "network", {}, true, true}, [&network](const RouteCall& call) {
                domain::Id id = PathId(call);
                const app::Actor& actor = ActorOf(call);
                auto settings = NetworkSettingsFromJson(Body(call), network.GetSettings(actor, id));
                return JsonResponse(200,
                                    NetworkSettingsJson(network.PutSettings(actor, id, settings)));
              });

  // A village's service station (综合服务站).
  router_.Add("GET", "/api/v1/network/stations/{id}", {"村综合服务站", "network"},
              [&network](const RouteCall& call) {
                return JsonResponse(200,
                                    StationJson(network.GetStation(ActorOf(call), PathId(call))));
              });
  router_.Add("PUT", "/api/v1/network/stations/{id}",
              {"修改村综合服务站", "network", {}, true, true}, [&network](const RouteCall& call) {
                domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader fields(body);
                domain::ServiceStation station;
                station.place = fields.String("place");
                station.hours = fields.String("hours");
                station.phone = fields.String("phone");
                station.assistant_user_id = fields.OptionalId("assistant_user_id");
                fields.Check();
                return JsonResponse(200,
                                    StationJson(network.PutStation(ActorOf(call), id, station)));
              });

  // The village tree, the builder and links.
  router_.Add("GET", "/api/v1/network/villages/{id}", {"村联系网络：党小组→党员→联系户", "network"},
              [this, &network](const RouteCall& call) {
                return JsonResponse(
                    200, VillageNetworkJson(network.GetVillage(ActorOf(call), PathId(call)),
                                            services_.regions.Levels()));
              });
  router_.Add(
      "POST", "/api/v1/network/villages/{id}/preview",
      {"联系网络自动编排预览", "network", {}, true, false}, [&network](const RouteCall& call) {
        return JsonResponse(200, NetworkPreviewJson(network.Preview(ActorOf(call), PathId(call))));
      });
  router_.Add("POST", "/api/v1/network/plans/{plan_id}/apply", {"应用编排方案", "network"},
              [&network](const RouteCall& call) {
                return JsonResponse(
                    200, ApplyResultJson(network.Apply(ActorOf(call), call.params.at("plan_id"))));
              });
  router_.Add(
      "POST", "/api/v1/network/links", {"指定联系户（组织指定）", "network", {}, true, true, 201},
      [&network](const RouteCall& call) {
        return JsonResponse(
            201, ContactLinkJson(network.Pin(ActorOf(call), LinkInputFromJson(Body(call)))));
      });
  router_.Add("DELETE", "/api/v1/network/links/{id}",
              {"解除联系关系（联系关系或户的编号）", "network", {}, true, false, 204},
              [&network](const RouteCall& call) {
                network.DeleteLink(ActorOf(call), PathId(call));
                return NoContent();
              });
  router_.Add("POST", "/api/v1/network/leader-links",
              {"指定党小组组长联系党员（一人联十人）", "network", {}, true, true, 201},
              [&network](const RouteCall& call) {
                Json body = Body(call);
                FieldReader r(body);
                domain::Id leader = r.Id("leader_member_id");
                domain::Id member = r.Id("member_id");
                r.Check();
                return JsonResponse(
                    201, LeaderLinkJson(network.PinLeader(ActorOf(call), leader, member)));
              });
  router_.Add("DELETE", "/api/v1/network/leader-links/{member_id}",
              {"解除党员的组长联系关系", "network", {}, true, false, 204},
              [&network](const RouteCall& call) {
                network.UnlinkLeader(ActorOf(call), PathId(call, "member_id"));
                return NoContent();
              });
  router_.Add(
      "GET", "/api/v1/network/link-requests",
      {"党员认领申请", "network", {{"region_id", "integer"}, {"pending", "boolean", "只看待审批"}}},
      [&network](const RouteCall& call) {
        return JsonResponse(200, ItemsJson(network.ListLinkRequests(
                                               ActorOf(call), QueryId(call.request, "region_id"),
                                               QueryBool(call.request, "pending").value_or(true)),
                                           LinkRequestJson));
      });
  router_.Add("POST", "/api/v1/network/link-requests",
              {"党员申请联系农户（个人选择）", "network", {}, true, true, 201},
              [&network](const RouteCall& call) {
                Json body = Body(call);
                FieldReader r(body);
                domain::Id household_id = r.Id("household_id");
                std::string reason = r.String("reason");
                r.Check();
                return JsonResponse(
                    201, LinkRequestJson(network.RequestLink(ActorOf(call), household_id, reason)));
              });
  router_.Add("POST", "/api/v1/network/link-requests/{id}/decide",
              {"审批认领申请", "network", {}, true, true}, [&network](const RouteCall& call) {
                domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader r(body);
                bool approve = r.OptionalBool("approve").value_or(false);
                r.Check();
                return JsonResponse(
                    200, LinkRequestJson(network.DecideLinkRequest(ActorOf(call), id, approve)));
              });
  router_.Add("POST", "/api/v1/network/members/{id}/status",
              {"党员状态变化（去世、外出、不能联系）并给出调整预览", "network", {}, true, true},
              [&network](const RouteCall& call) {
                domain::Id id = PathId(call);
                return JsonResponse(200,
                                    NetworkPreviewJson(network.ChangeMemberStatus(
                                        ActorOf(call), id, MemberStatusInputFromJson(Body(call)))));
              });
  // Coverage and quota add up a whole county: off the I/O threads.
  router_.Add("GET", "/api/v1/network/coverage",
              WithPace({"联系网络覆盖情况", "network", WithPaging({{"region_id", "integer"}})},
                       Pace::kSlow),
              [&network](const RouteCall& call) {
                Paging paging = ReadPaging(call.request);
                return JsonResponse(
                    200, CoverageReportJson(network.Coverage(
                             ActorOf(call), QueryId(call.request, "region_id"), paging.request)));
              });
  router_.Add("GET", "/api/v1/network/my", {"我的联系户（党员）", "network"},
              [&network](const RouteCall& call) {
                return JsonResponse(200, MyNetworkJson(network.My(ActorOf(call))));
              });

  // 四到户 notices.
  router_.Add(
      "GET", "/api/v1/notices", {"四到户通知", "network", WithPaging({{"region_id", "integer"}})},
      [&network](const RouteCall& call) {
        Paging paging = ReadPaging(call.request);
        return JsonResponse(
            200, PageJson(network.ListNotices(ActorOf(call), QueryId(call.request, "region_id"),
                                              paging.request),
                          paging.page, paging.page_size, NoticeJson));
      });
  router_.Add("POST", "/api/v1/notices", {"发布四到户通知", "network", {}, true, true, 201},
              [&network](const RouteCall& call) {
                return JsonResponse(201, NoticeJson(network.PublishNotice(
                                             ActorOf(call), NoticeInputFromJson(Body(call)))));
              });
  router_.Add("GET", "/api/v1/notices/{id}", {"通知详情、送达进度与意见", "network"},
              [&network](const RouteCall& call) {
                return JsonResponse(
                    200, NoticeDetailJson(network.GetNotice(ActorOf(call), PathId(call))));
              });
  router_.Add("POST", "/api/v1/notices/{id}/deliveries/{household_id}",
              {"登记通知送达到户", "network", {}, true, true}, [&network](const RouteCall& call) {
                domain::Id id = PathId(call);
                domain::Id household_id = PathId(call, "household_id");
                Json body = Body(call);
                FieldReader r(body);
                std::string opinion = r.String("opinion");
                r.Check();
                return JsonResponse(200, NoticeDeliveryJson(network.RecordDelivery(
                                             ActorOf(call), id, household_id, opinion)));
              });

  // 五必到 events.
  router_.Add(
      "POST", "/api/v1/household-events", {"登记五必到事件", "network", {}, true, true, 201},
      [&network](const RouteCall& call) {
        return JsonResponse(201, HouseholdEventJson(network.RecordEvent(
                                     ActorOf(call), HouseholdEventInputFromJson(Body(call)))));
      });
  router_.Add("GET", "/api/v1/household-events",
              {"五必到事件",
               "network",
               {{"region_id", "integer"}, {"unattended", "boolean", "只看尚未到场的"}}},
              [&network](const RouteCall& call) {
                return JsonResponse(
                    200, ItemsJson(network.ListEvents(
                                       ActorOf(call), QueryId(call.request, "region_id"),
                                       QueryBool(call.request, "unattended").value_or(false)),
                                   HouseholdEventJson));
              });
  router_.Add("POST", "/api/v1/household-events/{id}/attend",
              {"登记到场", "network", {}, true, true}, [&network](const RouteCall& call) {
                domain::Id id = PathId(call);
                std::string note = BodyString(call, "note");
                return JsonResponse(200,
                                    HouseholdEventJson(network.Attend(ActorOf(call), id, note)));
              });

  // The diary.
  router_.Add(
      "POST", "/api/v1/visits", {"记民情日记（可一键转诉求）", "diary", {}, true, true, 201},
      [&network](const RouteCall& call) {
        app::VisitInput input = VisitInputFromJson(Body(call));
        if (input.raise_matter && !network.CanRaiseMatters()) {
          return JsonResponse(
              501, ErrorJson("visit.matters_unavailable", "诉求模块尚未启用，无法一键转为诉求"));
        }
        return JsonResponse(201, VisitJson(network.LogVisit(ActorOf(call), input)));
      });
  router_.Add("GET", "/api/v1/visits",
              {"民情日记", "diary",
               WithPaging({{"region_id", "integer"},
                           {"household_id", "integer"},
                           {"visitor", "integer", "走访人用户编号"},
                           {"from", "integer", "起始时间（含）"},
                           {"to", "integer", "截止时间（不含）"},
                           {"confirmed", "boolean"}})},
              [&network](const RouteCall& call) {
                Paging paging = ReadPaging(call.request);
                app::VisitQuery query;
                query.region_id = QueryId(call.request, "region_id");
                query.household_id = QueryId(call.request, "household_id");
                query.visitor_user_id = QueryId(call.request, "visitor");
                query.from = QueryEpoch(call.request, "from");
                query.to = QueryEpoch(call.request, "to");
                query.confirmed = QueryBool(call.request, "confirmed");
                return JsonResponse(
                    200, PageJson(network.ListVisits(ActorOf(call), query, paging.request),
                                  paging.page, paging.page_size, VisitJson));
              });
  router_.Add("GET", "/api/v1/visits/visitors",
              {"民情日记的走访人（按姓名查找，供筛选）",
               "diary",
               {{"q", "string", "姓名"}, {"region_id", "integer"}}},
              [&network](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& c :
                     network.VisitorCandidates(ActorOf(call), QueryId(call.request, "region_id"),
                                               QueryString(call.request, "q"))) {
                  items.push_back(VisitorCandidateJson(c));
                }
                return JsonResponse(200, Json{{"items", std::move(items)}});
              });
  router_.Add("GET", "/api/v1/visits/quota",
              WithPace({"走访任务完成情况（小村100%、大村80%）",
                        "diary",
                        {{"region_id", "integer"}, {"year", "integer"}}},
                       Pace::kSlow),
              [&network](const RouteCall& call) {
                return JsonResponse(200, QuotaReportJson(network.Quota(
                                             ActorOf(call), QueryId(call.request, "region_id"),
                                             QueryYear(call.request))));
              });
  router_.Add(
      "GET", "/api/v1/visits/unvisited",
      {"本年尚未走访的户", "diary", WithPaging({{"region_id", "integer"}, {"year", "integer"}})},
      [&network](const RouteCall& call) {
        Paging paging = ReadPaging(call.request);
        return JsonResponse(
            200, PageJson(network.Unvisited(ActorOf(call), QueryId(call.request, "region_id"),
                                            QueryYear(call.request), paging.request),
                          paging.page, paging.page_size, HouseholdJson));
      });
  router_.Add("GET", "/api/v1/visits/{id}", {"民情日记详情", "diary"},
              [&network](const RouteCall& call) {
                return JsonResponse(200, VisitJson(network.GetVisit(ActorOf(call), PathId(call))));
              });
  // Access first (404/403), so an outsider learns nothing from the 409.
  router_.Add("PATCH", "/api/v1/visits/{id}",
              {"民情日记不可修改（总是返回409 visit.immutable）", "diary", {}, true, true, 409},
              [&network](const RouteCall& call) {
                network.GetVisit(ActorOf(call), PathId(call));
                return Immutable(call);
              });
  router_.Add("DELETE", "/api/v1/visits/{id}",
              {"民情日记不可删除（总是返回409 visit.immutable）", "diary", {}, true, false, 409},
              [&network](const RouteCall& call) {
                network.GetVisit(ActorOf(call), PathId(call));
                return Immutable(call);
              });
  router_.Add("POST", "/api/v1/visits/{id}/review", {"点评并评分民情日记", "diary", {}, true, true},
              [&network](const RouteCall& call) {
                domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader r(body);
                auto grade = r.Int("grade", 0);
                std::string comment = r.String("comment");
                r.Check();
                return JsonResponse(200, VisitJson(network.ReviewVisit(
                                             ActorOf(call), id, static_cast<int>(grade), comment)));
              });
  router_.Add("POST", "/api/v1/visits/{id}/phone-code",
              {"向户主手机发送走访确认码", "diary", {}, true, false},
              [&network](const RouteCall& call) {
                std::string phone = network.SendVisitPhoneCode(ActorOf(call), PathId(call));
                return JsonResponse(200, {{"sent", true}, {"phone", phone}});
              });
  router_.Add("POST", "/api/v1/visits/{id}/confirm",
              {"确认走访：户主手机验证码（phone_code），或本户居民账号登录后确认（空请求体）；"
               "联系卡确认码不再作为证明",
               "diary",
               {},
               true,
               true},
              [&network](const RouteCall& call) {
                domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader r(body);
                std::string code = r.String("card_code");
                std::string phone_code = r.String("phone_code");
                r.Check();
                const app::Actor& actor = ActorOf(call);
                if (!phone_code.empty()) {
                  return JsonResponse(
                      200, VisitJson(network.ConfirmVisitByPhone(actor, id, phone_code)));
                }
                if (!code.empty()) {
                  return JsonResponse(200, VisitJson(network.ConfirmVisit(actor, id, code)));
                }
                return JsonResponse(200, VisitJson(network.ConfirmVisitByHousehold(actor, id)));
              });

  // Contact cards and public pages.
  router_.Add("GET", "/api/v1/households/{id}/card.pdf",
              WithPace({"户联系卡（PDF）", "network"}, Pace::kSlow),
              [&network](const RouteCall& call) {
                domain::Id id = PathId(call);
                return Pdf(network.HouseholdCardPdf(ActorOf(call), id),
                           "card-" + std::to_string(id) + ".pdf");
              });
  router_.Add("GET", "/api/v1/network/villages/{id}/cards.pdf",
              WithPace({"全村联系卡（PDF）", "network"}, Pace::kSlow),
              [&network](const RouteCall& call) {
                domain::Id id = PathId(call);
                return Pdf(network.VillageCardsPdf(ActorOf(call), id),
                           "cards-" + std::to_string(id) + ".pdf");
              });
  // GET /api/v1/public/board/{id}: the whole board, board_api.cpp.
  router_.Add("GET", "/api/v1/public/households/{card_code}",
              {"户公开页（联系卡二维码）", "public", {}, false}, [&network](const RouteCall& call) {
                return JsonResponse(200, PublicHouseholdJson(network.PublicHousehold(
                                             call.params.at("card_code"), NowEpoch())));
              });
  router_.Add("GET", "/api/v1/public/households/{card_code}/visits",
              {"户公开页：待本户确认的走访", "public", {}, false},
              [&network](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& v : network.PendingVisitsPublic(call.params.at("card_code"))) {
                  items.push_back(PublicVisitJson(v));
                }
                return JsonResponse(200, {{"items", std::move(items)}});
              });
  router_.Add("POST", "/api/v1/public/visits/phone-code",
              {"农户确认走访：向户主手机发送验证码", "public", {}, false, true},
              [&network](const RouteCall& call) {
                Json body = Body(call);
                FieldReader r(body);
                std::string code = r.String("card_code");
                domain::Id visit_id = r.Id("visit_id");
                r.Check();
                std::string phone = network.SendVisitPhoneCodePublic(code, visit_id, NowEpoch());
                return JsonResponse(200, {{"sent", true}, {"phone", phone}});
              });
  router_.Add(
      "POST", "/api/v1/public/visits/confirm",
      {"农户确认走访（需户主手机验证码，联系卡确认码本身不能确认）", "public", {}, false, true},
      [&network](const RouteCall& call) {
        Json body = Body(call);
        FieldReader r(body);
        std::string code = r.String("card_code");
        domain::Id visit_id = r.Id("visit_id");
        std::string phone_code = r.String("phone_code");
        r.Check();
        domain::Visit visit = network.ConfirmVisitPublic(code, visit_id, phone_code, NowEpoch());
        return JsonResponse(200, {{"visit_id", visit.id},
                                  {"confirmed", visit.confirmed_at.has_value()},
                                  {"confirmed_at", visit.confirmed_at.value_or(0)},
                                  {"confirmed_via", visit.confirmed_via}});
      });
}

}  // namespace minqing::http
