#include "http/api.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <utility>

#include "app/database_wait.hpp"
#include "domain/text.hpp"
#include "http/handler_util.hpp"
#include "http/route_permissions.hpp"
#include "log/log.hpp"

namespace minqing::http {
namespace {
std::string BearerToken(const Request& request) {
  std::string header = request.Header("authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (header.size() > kPrefix.size() && header.compare(0, kPrefix.size(), kPrefix) == 0) {
    return header.substr(kPrefix.size());
  }
  return {};
}

}  // namespace

domain::Epoch NowEpoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Response JsonResponse(int status, const Json& body) {
  Response response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

Response ErrorResponse(std::exception_ptr error) {
  try {
    std::rethrow_exception(std::move(error));
  } catch (const app::WouldWaitForDatabase&) {
    throw;  // Not an answer: the server hands the request to its workers (database_wait.hpp).
  } catch (const domain::InvalidInput& e) {
    return JsonResponse(400, ErrorJson(e.code(), e.what(), e.problems()));
  } catch (const domain::NotFound& e) {
    return JsonResponse(404, ErrorJson(e.code(), e.what()));
  } catch (const domain::Conflict& e) {
    return JsonResponse(409, ErrorJson(e.code(), e.what()));
  } catch (const domain::Forbidden& e) {
    return JsonResponse(403, ErrorJson(e.code().empty() ? "auth.forbidden" : e.code(), e.what()));
  } catch (const domain::Unauthenticated& e) {
    return JsonResponse(401, ErrorJson(e.code(), e.what(), e.problems()));
  } catch (const domain::RateLimited& e) {
    Response response = JsonResponse(429, ErrorJson(e.code(), e.what(), e.problems()));
    if (e.retry_after_seconds() > 0) {
      response.headers.emplace_back("Retry-After", std::to_string(e.retry_after_seconds()));
    }
    return response;
  } catch (const std::exception& e) {
    log::Error("minqing http: 内部错误 internal error", {{"error", std::string_view(e.what())}});
  } catch (...) {
    log::Error("minqing http: 内部错误 internal error",
               {{"error", std::string_view("unknown exception")}});
  }
  return JsonResponse(500, ErrorJson("internal", "服务器内部错误"));
}

Api::Api(app::Services& services, ApiOptions options)
    : services_(services),
      options_(options),
      public_limiter_(options.public_rate),
      suggestion_limiter_(options.suggestion_rate) {
  AddAuthRoutes();
  AddRegistryRoutes();
  AddPartyRoutes();
  AddAdminRoutes();
  AddMatterRoutes();
  AddNetworkRoutes();
  AddRosterRoutes();
  AddPartyRosterRoutes();
  AddAccountRoutes();
  AddChainRoutes();
  AddCodesRoutes();
  AddSystemRoutes();
  AddRegionTreeRoutes();
  AddMessageRoutes();
  AddSelfServiceRoutes();
  AddPostingRoutes();
  AddVoteRoutes();
  AddWindowRatingRoutes();
  AddProjectRoutes();
  AddServiceInfoRoutes();
  AddBoardRoutes();
  AddSurveyRoutes();
  AddScorecardRoutes();
  AddMeetingRoutes();
  AddPairingRoutes();
  AddAwayRoutes();
  AddTagMapRoutes();
  AddVolunteerRoutes();
  AddProviderRoutes();
  AddMonthlyReportRoutes();
  AddOpen311Routes();
}

std::string Api::SessionCookie(const std::string& token, std::int64_t max_age) const {
  std::string cookie = std::string(kSessionCookie) + "=" + token +
                       "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
                       std::to_string(std::max<std::int64_t>(max_age, 0));
  if (options_.secure_cookies) cookie += "; Secure";
  return cookie;
}

std::int64_t Api::AdmitShared(AddressRateLimiter& bucket, RateLimit rate, std::string_view purpose,
                              const std::string& subject, domain::Epoch now) const {
  app::CheckDatabaseWaitAllowed();  // Before the bucket: a request handed on counts once.
  if (const std::int64_t wait = bucket.Admit(subject); wait > 0) return wait;
  return services_.request_limits.Admit(purpose, subject,
                                        app::SharedLimitOf(rate.per_minute, rate.burst), now);
}

Response Api::SignedIn(const app::LoginResult& result, domain::Epoch now) const {
  Response response = JsonResponse(200, {{"token", result.token},
                                         {"csrf_token", result.csrf_token},
                                         {"expires_at", result.expires_at},
                                         {"user", UserJson(result.user)}});
  response.headers.emplace_back("Set-Cookie", SessionCookie(result.token, result.expires_at - now));
  return response;
}

Response Api::Handle(const Request& request, Router::Match match, Responder responder) const {
  // With a read replica, a request that may have written tells the client (cookie) and this
  // process (per session) where its reads must start from: after everything committed so far.
  const bool may_write = request.method != "GET" && request.method != "HEAD";
  std::string session_token = may_write ? BearerToken(request) : std::string();
  if (may_write && session_token.empty()) {
    session_token = request.Cookie(kSessionCookie).value_or("");
  }
  // Known once the caller is authenticated; a deferred answer reads it later.
  auto account_id = std::make_shared<std::optional<domain::Id>>();
  auto finish = [this, may_write, session_token, account_id](Response response) {
    // A route that may be cached (GET /codes) sets its own Cache-Control.
    const bool cacheable = std::any_of(response.headers.begin(), response.headers.end(),
                                       [](const auto& h) { return h.first == "Cache-Control"; });
    if (!cacheable) response.headers.emplace_back("Cache-Control", "no-store");
    if (const std::uint64_t fence = services_.store->LatestFence().position;
        may_write && fence != 0) {
      if (!session_token.empty()) session_fences_.Put(session_token, 0, NowEpoch(), fence);
      std::string cookie = std::string(kReadFenceCookie) + "=" + std::to_string(fence) +
                           "; HttpOnly; SameSite=Strict; Path=/api/; Max-Age=3600";
      if (options_.secure_cookies) cookie += "; Secure";
      response.headers.emplace_back("Set-Cookie", std::move(cookie));
    }
    response.account_id = *account_id;
    return response;
  };
  if (responder) {
    // A deferred answer is made on the server's thread, with the same error mapping.
    responder = [finish, done = std::move(responder)](ResponseMaker make) {
      done([finish, make = std::move(make)] {
        try {
          return finish(make());
        } catch (...) {
          return finish(ErrorResponse(std::current_exception()));
        }
      });
    };
  }
  try {
    Response response = Dispatch(request, std::move(match), std::move(responder), *account_id);
    return response.deferred ? response : finish(std::move(response));
  } catch (...) {
    return finish(ErrorResponse(std::current_exception()));
  }
}

Response Api::StaffPage(PageCache& cache, domain::Id id, std::uint64_t generation,
                        const app::Actor& actor, const std::function<Json()>& render) const {
  const bool staff = actor.user.role != domain::Role::kResident;
  const std::string key = std::to_string(id) + actor.user.scope_region_path;
  if (staff) {
    if (auto body = cache.Get(key, generation, actor.now)) {
      Response response;
      response.body = **body;
      return response;
    }
  }
  Response response = JsonResponse(200, render());
  if (staff) {
    cache.Put(key, generation, actor.now, std::make_shared<const std::string>(response.body));
  }
  return response;
}

app::ReadFence Api::ReadFenceOf(const Request& request, const std::string& token,
                                domain::Epoch now) const {
  app::ReadFence fence{session_fences_.Get(token, 0, now).value_or(0)};
  // The cookie only ever moves this client's own reads between the replica and the primary.
  if (auto cookie = request.Cookie(kReadFenceCookie)) {
    std::uint64_t position = 0;
    auto [end, error] = std::from_chars(cookie->data(), cookie->data() + cookie->size(), position);
    if (error == std::errc() && end == cookie->data() + cookie->size()) {
      fence = app::ReadFence::Later(fence, {position});
    }
  }
  return fence;
}

Response Api::Dispatch(const Request& request, Router::Match match, Responder responder,
                       std::optional<domain::Id>& account_id) const {
  if (match.outcome == Router::Outcome::kMethodNotAllowed) {
    return JsonResponse(405, ErrorJson("request.method_not_allowed", "不支持该请求方法"));
  }
  if (match.outcome == Router::Outcome::kNotFound) {
    throw domain::NotFound("api.not_found", "接口不存在");
  }
  RouteCall call{request, std::move(match.params), std::nullopt, {}, std::move(responder)};
  if (!match.route->doc.requires_auth) {
    // Anyone may call these, so each address is held to a human pace: guessing card codes,
    // receipt tokens or passwords at thousands a second is refused before any work is done.
    // Where reads may not wait for the database on an I/O thread, these go to the workers
    // before their address is counted, so that none is counted twice.
    app::CheckDatabaseWaitAllowed();
    if (std::int64_t wait = public_limiter_.Admit(request.client_address); wait > 0) {
      throw domain::RateLimited(
          "rate_limited", "请求过于频繁，请稍后再试", wait,
          {{"retry_after_seconds", "rate_limited.retry_after", std::to_string(wait)}});
    }
  } else {
    domain::Channel channel = domain::Channel::kApi;
    std::string token = BearerToken(request);
    if (token.empty()) {
      token = request.Cookie(kSessionCookie).value_or("");
      channel = domain::Channel::kWeb;
    }
    if (token.empty()) throw domain::Unauthenticated("auth.required", "请先登录");
    domain::Epoch now = NowEpoch();
    auto session = services_.auth.Authenticate(token, now);
    if (!session) throw domain::Unauthenticated("auth.required", "登录已失效，请重新登录");
    account_id = session->user.id;
    bool safe_method = request.method == "GET" || request.method == "HEAD";
    if (channel == domain::Channel::kWeb && !safe_method &&
        request.Header("x-csrf-token") != session->csrf_token) {
      throw domain::Forbidden("auth.csrf", "安全校验失败，请刷新页面后重试");
    }
    // The role half of the matrix, for every authenticated route, before the handler reads
    // the body; a route missing from the table is refused (fail closed).
    const RoutePermission* permission =
        FindRoutePermission(match.route->method, match.route->pattern);
    if (permission == nullptr || !RouteAllows(*permission, session->user.role)) {
      throw domain::Forbidden("auth.forbidden", "无权执行此操作");
    }
    call.actor = app::Actor{std::move(session->user), channel, now, request.request_id};
    call.actor->read_fence = ReadFenceOf(request, token, now);
    call.token = std::move(token);
  }
  return match.route->handler(call);
}

void Api::AddAuthRoutes() {
  router_.Add("GET", "/api/v1/health", {"健康检查", "system", {}, false}, [this](const RouteCall&) {
    Json body = {{"status", "ok"}, {"engine", services_.store->Engine()}};
    // The base the web UI prints receipt QR codes with (the contact cards' too); while it is
    // unset the browser uses the address it was opened at.
    if (app::PublicUrlInfo links = services_.links.Info();
        links.source != app::PublicUrlSource::kUnset) {
      body["public_url"] = links.url;
    }
    if (options_.dev_sms) body["dev_sms"] = true;
    return JsonResponse(200, body);
  });
  router_.Add("GET", "/api/v1/openapi.json", {"OpenAPI 文档", "system", {}, false},
              [this](const RouteCall&) {
                return JsonResponse(200, router_.OpenApi("minqing 民情 API", "1.0.0"));
              });
  router_.Add(
      "POST", "/api/v1/auth/login", {"登录", "auth", {}, false, true},
      [this](const RouteCall& call) {
        Json body = Body(call);
        FieldReader fields(body);
        std::string username = fields.String("username");
        std::string password = fields.String("password");
        // The web UI says so; everything else is an API client.
        std::string client = fields.String("client");
        fields.Check();
        domain::Epoch now = NowEpoch();
        return SignedIn(
            services_.auth.Login(username, password, call.request.client_address, now,
                                 client == "web" ? domain::Channel::kWeb : domain::Channel::kApi),
            now);
      });
  router_.Add("POST", "/api/v1/auth/logout", {"退出登录", "auth", {}, true, false, 204},
              [this](const RouteCall& call) {
                services_.auth.Logout(call.token);
                Response response = NoContent();
                response.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
                return response;
              });
  router_.Add("GET", "/api/v1/auth/me", {"当前用户", "auth"}, [this](const RouteCall& call) {
    auto session = services_.auth.Authenticate(call.token, ActorOf(call).now);
    if (!session) throw domain::Unauthenticated("auth.required", "登录已失效，请重新登录");
    Json permissions = Json::array();
    for (auto name : domain::PermissionNames(session->user.role)) {
      permissions.push_back(std::string(name));
    }
    return JsonResponse(200, {{"user", UserJson(session->user)},
                              {"csrf_token", session->csrf_token},
                              {"expires_at", session->expires_at},
                              {"permissions", std::move(permissions)}});
  });
  router_.Add("POST", "/api/v1/auth/password", {"修改密码", "auth", {}, true, true, 204},
              [this](const RouteCall& call) {
                Json body = Body(call);
                FieldReader fields(body);
                std::string old_password = fields.String("old_password");
                std::string new_password = fields.String("new_password");
                fields.Check();
                services_.auth.ChangeOwnPassword(ActorOf(call), old_password, new_password,
                                                 call.token);
                return NoContent();
              });
}

void Api::AddRegistryRoutes() {
  auto& registry = services_.registry;
  auto& regions = services_.regions;
  router_.Add(
      "GET", "/api/v1/regions",
      {"下级区划", "regions", {{"parent_id", "integer", "上级区划；为空时列出权限范围的顶层"}}},
      [&registry, &regions](const RouteCall& call) {
        const domain::RegionLevels levels = regions.Levels();
        return JsonResponse(
            200,
            ItemsJson(
                registry.ListRegionChildren(ActorOf(call), QueryId(call.request, "parent_id")),
                [&levels](const domain::Region& region) { return RegionJson(region, levels); }));
      });
  router_.Add("GET", "/api/v1/regions/{id}", {"区划详情及统计", "regions"},
              [&registry, &regions](const RouteCall& call) {
                domain::Id id = PathId(call);
                Json body = RegionJson(registry.GetRegion(ActorOf(call), id), regions.Levels());
                body["counts"] = CountsJson(registry.Overview(ActorOf(call), id));
                return JsonResponse(200, body);
              });
  router_.Add(
      "POST", "/api/v1/regions", {"新建区划", "regions", {}, true, true, 201},
      [&registry, &regions](const RouteCall& call) {
        return JsonResponse(
            201, RegionJson(registry.CreateRegion(ActorOf(call), RegionInputFromJson(Body(call))),
                            regions.Levels()));
      });
  router_.Add(
      "PATCH", "/api/v1/regions/{id}", {"修改区划（名称、代码、坐标）", "regions", {}, true, true},
      [&registry, &regions](const RouteCall& call) {
        return JsonResponse(200, RegionJson(registry.UpdateRegion(ActorOf(call), PathId(call),
                                                                  RegionInputFromJson(Body(call))),
                                            regions.Levels()));
      });
  // Counts over a whole county take tens of milliseconds: off the I/O threads.
  // With regions=true, also the counts of the regions the home page charts, in the same answer.
  router_.Add("GET", "/api/v1/overview",
              WithPace({"概况统计",
                        "regions",
                        {{"region_id", "integer"},
                         {"regions", "boolean", "同时返回下级区划（首页图表）及其统计"}}},
                       Pace::kSlow),
              [&registry, &regions](const RouteCall& call) {
                const auto region_id = QueryId(call.request, "region_id");
                if (!QueryBool(call.request, "regions").value_or(false)) {
                  return JsonResponse(200, CountsJson(registry.Overview(ActorOf(call), region_id)));
                }
                app::RegistryOverview overview =
                    registry.OverviewWithRegions(ActorOf(call), region_id);
                Json body = CountsJson(overview.counts);
                const domain::RegionLevels levels = regions.Levels();
                Json children = Json::array();
                for (const auto& r : overview.regions) {
                  Json region = RegionJson(r.region, levels);
                  region["counts"] = CountsJson(r.counts);
                  children.push_back(std::move(region));
                }
                body["regions"] = std::move(children);
                return JsonResponse(200, body);
              });
  router_.Add("GET", "/api/v1/tags", {"户标签", "households"}, [](const RouteCall&) {
    return JsonResponse(200, {{"items", app::KnownHouseholdTags()}});
  });
  // A county-wide name or address lookup scans: off the I/O threads.
  router_.Add(
      "GET", "/api/v1/households",
      WithPace({"户列表与一框查询", "households",
                WithPaging({{"q", "string", "姓名、拼音、首字母、电话、身份证号、户编号或地址"},
                            {"region_id", "integer"},
                            {"tag", "string", "户标签，可重复", true}})},
               Pace::kSlow),
      [&registry](const RouteCall& call) {
        Paging paging = ReadPaging(call.request);
        app::HouseholdQuery query;
        query.region_id = QueryId(call.request, "region_id");
        query.tags = call.request.QueryAll("tag");
        query.lookup = QueryString(call.request, "q");
        auto page = registry.ListHouseholds(ActorOf(call), query, paging.request);
        // A look-up that matches very many households is counted no further: "1000+". A list
        // without one counts every household.
        const bool looked_up = !domain::Trim(query.lookup).empty();
        const bool capped = looked_up && page.total > app::kHouseholdLookupCountCap;
        if (capped) page.total = app::kHouseholdLookupCountCap;
        Json out = PageJson(page, paging.page, paging.page_size, HouseholdJson);
        out["total_capped"] = capped;
        return JsonResponse(200, out);
      });
  router_.Add("GET", "/api/v1/households/{id}", {"户详情", "households"},
              [this, &registry](const RouteCall& call) {
                const auto& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                const std::uint64_t generation = services_.store->WriteGeneration();
                app::HouseholdDetail detail = registry.GetHousehold(actor, id);  // Authorises.
                return StaffPage(household_pages_, id, generation, actor, [&] {
                  Json members = Json::array();
                  for (const auto& resident : detail.members) {
                    members.push_back(ResidentJson(resident));
                  }
                  Json moves = Json::array();
                  for (const auto& move : detail.moves) moves.push_back(MoveJson(move));
                  Json history = Json::array();
                  for (const auto& entry : detail.history) history.push_back(AuditJson(entry));
                  return Json{{"household", HouseholdJson(detail.household)},
                              {"region", detail.region ? RegionJson(*detail.region,
                                                                    services_.regions.Levels())
                                                       : Json(nullptr)},
                              {"region_full_name", detail.region_full_name},
                              {"members", std::move(members)},
                              {"moves", std::move(moves)},
                              {"history", std::move(history)}};
                });
              });
  router_.Add("POST", "/api/v1/households", {"新建户", "households", {}, true, true, 201},
              [&registry](const RouteCall& call) {
                std::vector<app::ResidentInput> members;
                app::HouseholdInput input = HouseholdInputFromJson(Body(call), &members);
                return JsonResponse(
                    201, HouseholdJson(registry.CreateHousehold(ActorOf(call), input, members)));
              });
  router_.Add("PATCH", "/api/v1/households/{id}", {"修改户", "households", {}, true, true},
              [&registry](const RouteCall& call) {
                domain::Id id = PathId(call);
                app::HouseholdInput input = HouseholdInputFromJson(Body(call), nullptr);
                return JsonResponse(
                    200, HouseholdJson(registry.UpdateHousehold(ActorOf(call), id, input)));
              });
  router_.Add(
      "GET", "/api/v1/residents",
      {"居民列表", "residents",
       WithPaging(
           {{"q", "string", "姓名、拼音、首字母、电话或身份证号"}, {"region_id", "integer"}})},
      [&registry](const RouteCall& call) {
        Paging paging = ReadPaging(call.request);
        return JsonResponse(
            200, PageJson(registry.ListResidents(ActorOf(call), QueryId(call.request, "region_id"),
                                                 QueryString(call.request, "q"), paging.request),
                          paging.page, paging.page_size, ResidentJson));
      });
  router_.Add("GET", "/api/v1/residents/{id}", {"居民详情", "residents"},
              [&registry](const RouteCall& call) {
                return JsonResponse(
                    200, ResidentJson(registry.GetResident(ActorOf(call), PathId(call))));
              });
  router_.Add("POST", "/api/v1/households/{id}/residents",
              {"新增户成员", "residents", {}, true, true, 201}, [&registry](const RouteCall& call) {
                domain::Id id = PathId(call);
                return JsonResponse(
                    201, ResidentJson(registry.AddResident(ActorOf(call), id,
                                                           ResidentInputFromJson(Body(call)))));
              });
  router_.Add("PATCH", "/api/v1/residents/{id}", {"修改居民", "residents", {}, true, true},
              [&registry](const RouteCall& call) {
                domain::Id id = PathId(call);
                return JsonResponse(
                    200, ResidentJson(registry.UpdateResident(ActorOf(call), id,
                                                              ResidentInputFromJson(Body(call)))));
              });
  router_.Add(
      "POST", "/api/v1/residents/{id}/reveal", {"查看完整身份证号和电话（记入审计）", "residents"},
      [&registry](const RouteCall& call) {
        app::RevealedResident revealed = registry.RevealResident(ActorOf(call), PathId(call));
        return JsonResponse(200, {{"id_card", revealed.id_card}, {"phone", revealed.phone}});
      });
  router_.Add("POST", "/api/v1/residents/{id}/move", {"迁移居民", "residents", {}, true, true},
              [&registry](const RouteCall& call) {
                domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader fields(body);
                std::optional<domain::Id> to = fields.OptionalId("to_household_id");
                std::string reason = fields.String("reason");
                fields.Check();
                return JsonResponse(
                    200, ResidentJson(registry.MoveResident(ActorOf(call), id, to, reason)));
              });
  router_.Add(
      "POST", "/api/v1/residents/{id}/deceased",
      {"登记死亡（注销出户）", "residents", {}, true, true}, [&registry](const RouteCall& call) {
        domain::Id id = PathId(call);
        Json body = Body(call);
        FieldReader fields(body);
        std::string died_on = fields.String("died_on");
        std::string note = fields.String("note");
        fields.Check();
        return JsonResponse(
            200, ResidentJson(registry.MarkResidentDeceased(ActorOf(call), id, died_on, note)));
      });
}

void Api::AddPartyRoutes() {
  auto& registry = services_.registry;
  router_.Add("GET", "/api/v1/party/orgs", {"党组织", "party", {{"parent_id", "integer"}}},
              [&registry](const RouteCall& call) {
                return JsonResponse(
                    200, ItemsJson(registry.ListPartyOrgs(ActorOf(call),
                                                          QueryId(call.request, "parent_id")),
                                   PartyOrgJson));
              });
  router_.Add("GET", "/api/v1/party/orgs/{id}", {"党组织详情", "party"},
              [&registry](const RouteCall& call) {
                app::PartyOrgDetail detail = registry.GetPartyOrg(ActorOf(call), PathId(call));
                Json groups = Json::array();
                for (const auto& group : detail.groups) groups.push_back(PartyOrgJson(group));
                auto page_size = std::max<std::int64_t>(
                    static_cast<std::int64_t>(detail.members.items.size()), kDefaultPageSize);
                return JsonResponse(
                    200, {{"org", PartyOrgJson(detail.org)},
                          {"groups", std::move(groups)},
                          {"members", PageJson(detail.members, 1, page_size, PartyMemberJson)}});
              });
  router_.Add("POST", "/api/v1/party/orgs", {"新建党组织", "party", {}, true, true, 201},
              [&registry](const RouteCall& call) {
                return JsonResponse(201, PartyOrgJson(registry.CreatePartyOrg(
                                             ActorOf(call), PartyOrgInputFromJson(Body(call)))));
              });
  router_.Add(
      "PATCH", "/api/v1/party/orgs/{id}", {"修改党组织（名称、负责人）", "party", {}, true, true},
      [&registry](const RouteCall& call) {
        domain::Id id = PathId(call);
        Json body = Body(call);
        FieldReader fields(body);
        app::PartyOrgEdit edit;
        edit.name = fields.String("name");
        edit.leader_member_id = fields.OptionalId("leader_member_id");
        fields.Check();
        return JsonResponse(200, PartyOrgJson(registry.UpdatePartyOrg(ActorOf(call), id, edit)));
      });
  router_.Add("GET", "/api/v1/party/members",
              {"党员列表", "party",
               WithPaging({{"region_id", "integer"},
                           {"org_id", "integer"},
                           {"q", "string"},
                           {"away", "boolean", "是否流动党员"}})},
              [&registry](const RouteCall& call) {
                Paging paging = ReadPaging(call.request);
                app::PartyMemberQuery query;
                query.region_id = QueryId(call.request, "region_id");
                query.org_id = QueryId(call.request, "org_id");
                query.lookup = QueryString(call.request, "q");
                query.away = QueryBool(call.request, "away");
                return JsonResponse(
                    200, PageJson(registry.ListPartyMembers(ActorOf(call), query, paging.request),
                                  paging.page, paging.page_size, PartyMemberJson));
              });
  router_.Add("GET", "/api/v1/party/members/{id}", {"党员详情", "party"},
              [&registry](const RouteCall& call) {
                return JsonResponse(
                    200, PartyMemberJson(registry.GetPartyMember(ActorOf(call), PathId(call))));
              });
  router_.Add("POST", "/api/v1/party/members", {"新增党员", "party", {}, true, true, 201},
              [&registry](const RouteCall& call) {
                return JsonResponse(201, PartyMemberJson(registry.CreatePartyMember(
                                             ActorOf(call), PartyMemberInputFromJson(Body(call)))));
              });
  router_.Add("PATCH", "/api/v1/party/members/{id}", {"修改党员", "party", {}, true, true},
              [&registry](const RouteCall& call) {
                domain::Id id = PathId(call);
                return JsonResponse(200,
                                    PartyMemberJson(registry.UpdatePartyMember(
                                        ActorOf(call), id, PartyMemberInputFromJson(Body(call)))));
              });
}

void Api::AddAdminRoutes() {
  auto& registry = services_.registry;
  auto& auth = services_.auth;
  router_.Add("GET", "/api/v1/units", {"单位列表", "units"}, [&registry](const RouteCall& call) {
    return JsonResponse(200, ItemsJson(registry.ListUnits(ActorOf(call)), UnitJson));
  });
  router_.Add(
      "GET", "/api/v1/units/{id}", {"单位详情", "units"}, [&registry](const RouteCall& call) {
        app::UnitDetail detail = registry.GetUnit(ActorOf(call), PathId(call));
        Json staff = Json::array();
        for (const auto& person : detail.staff) staff.push_back(StaffJson(person));
        return JsonResponse(200, {{"unit", UnitJson(detail.unit)}, {"staff", std::move(staff)}});
      });
  router_.Add("POST", "/api/v1/units", {"新建单位", "units", {}, true, true, 201},
              [&registry](const RouteCall& call) {
                return JsonResponse(201, UnitJson(registry.CreateUnit(
                                             ActorOf(call), UnitInputFromJson(Body(call)))));
              });
  router_.Add("PUT", "/api/v1/units/{id}/office_hours",
              {"设置单位办公时间", "units", {}, true, true}, [&registry](const RouteCall& call) {
                domain::Id id = PathId(call);
                std::string text = BodyString(call, "office_hours");
                return JsonResponse(200,
                                    UnitJson(registry.SetUnitOfficeHours(ActorOf(call), id, text)));
              });
  router_.Add("POST", "/api/v1/units/{id}/staff", {"新增单位人员", "units", {}, true, true, 201},
              [&registry](const RouteCall& call) {
                domain::Id id = PathId(call);
                return JsonResponse(201, StaffJson(registry.AddStaff(
                                             ActorOf(call), id, StaffInputFromJson(Body(call)))));
              });
  router_.Add(
      "GET", "/api/v1/users", {"用户列表", "users", kPagingParams}, [&auth](const RouteCall& call) {
        Paging paging = ReadPaging(call.request);
        return JsonResponse(200, PageJson(auth.ListUsers(ActorOf(call), paging.request),
                                          paging.page, paging.page_size,
                                          [](const domain::User& user) { return UserJson(user); }));
      });
  router_.Add("POST", "/api/v1/users", {"新建用户", "users", {}, true, true, 201},
              [&auth](const RouteCall& call) {
                return JsonResponse(
                    201, UserJson(auth.CreateUser(ActorOf(call), UserInputFromJson(Body(call)))));
              });
  router_.Add("PATCH", "/api/v1/users/{id}", {"修改用户", "users", {}, true, true},
              [&auth](const RouteCall& call) {
                domain::Id id = PathId(call);
                return JsonResponse(200, UserJson(auth.UpdateUser(ActorOf(call), id,
                                                                  UserInputFromJson(Body(call)))));
              });
  router_.Add("GET", "/api/v1/audit",
              {"审计日志", "audit",
               WithPaging({{"entity", "string"},
                           {"entity_id", "integer"},
                           {"user_id", "integer"},
                           {"request_id", "string", "请求编号（X-Request-Id）"}})},
              [&registry](const RouteCall& call) {
                Paging paging = ReadPaging(call.request);
                app::AuditFilter filter;
                filter.entity = QueryString(call.request, "entity");
                filter.entity_id = QueryId(call.request, "entity_id");
                filter.user_id = QueryId(call.request, "user_id");
                filter.request_id = QueryString(call.request, "request_id");
                return JsonResponse(
                    200, PageJson(registry.ListAudit(ActorOf(call), filter, paging.request),
                                  paging.page, paging.page_size, AuditJson));
              });
}

}  // namespace minqing::http
