// Window ratings (窗口即时评价) and the suggestion box (意见箱), docs/api.md "Window ratings":
// the public pages' rating and suggestion routes (no login; the suggestion box has its own,
// stricter per-address limit), the window's tablet, and the readers' statistics and lists. Each
// handler calls one use case of app/window_ratings.hpp.
#include <optional>
#include <string>

#include "domain/window_rating.hpp"
#include "domain/work_calendar.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

Json Opt(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); }

std::string KindLabel(const std::string& code) {
  auto kind = domain::ParseWindowServiceKind(code);
  return kind ? std::string(domain::WindowServiceKindLabel(*kind)) : code;
}

// What the resident's page shows: who served, where, when, and the rating once given. The token
// is the right to rate (the caller already holds it, or the matter's token that leads to it).
Json PublicServiceJson(const app::WindowService& s) {
  return {{"token", s.token},
          {"kind", s.kind},
          {"kind_label", KindLabel(s.kind)},
          {"clerk_name", s.clerk_name},
          {"unit_name", s.unit_name},
          {"matter_number", s.matter_number},
          {"served_at", s.served_at},
          {"rated", s.stars.has_value()},
          {"stars", s.stars ? Json(*s.stars) : Json(nullptr)},
          {"rated_at", Opt(s.rated_at)}};
}

Json RatedServiceJson(const app::WindowService& s) {
  return {{"id", s.id},
          {"kind", s.kind},
          {"kind_label", KindLabel(s.kind)},
          {"clerk_id", s.clerk_id},
          {"clerk_name", s.clerk_name},
          {"unit_id", Opt(s.unit_id)},
          {"unit_name", s.unit_name},
          {"matter_id", Opt(s.matter_id)},
          {"matter_number", s.matter_number},
          {"appointment_id", Opt(s.appointment_id)},
          {"served_at", s.served_at},
          {"stars", s.stars ? Json(*s.stars) : Json(nullptr)},
          {"comment", s.comment},
          {"channel", s.channel},
          {"rated_at", Opt(s.rated_at)}};
}

Json FiguresJson(const domain::RatingFigures& f) {
  return {{"count", f.count},
          {"stars_sum", f.stars_sum},
          {"average", f.Average()},
          {"low_count", f.low_count},
          {"low_share", f.LowShare()}};
}

Json FigureRowsJson(const std::vector<app::RatingFigureRow>& rows) {
  Json out = Json::array();
  for (const auto& row : rows) {
    Json j = FiguresJson(row.figures);
    j["id"] = Opt(row.id);
    j["name"] = row.name;
    out.push_back(std::move(j));
  }
  return out;
}

Json SuggestionJson(const app::Suggestion& x) {
  return {{"id", x.id},
          {"unit_id", x.unit_id},
          {"unit_name", x.unit_name},
          {"content", x.content},
          {"contact", x.contact},
          {"status", x.status},
          {"note", x.note},
          {"handled_by", Opt(x.handled_by)},
          {"handled_by_name", x.handled_by_name},
          {"handled_at", Opt(x.handled_at)},
          {"created_at", x.created_at}};
}

// The period [from, to) of the `from` and `to` query dates (China days, both included); the last
// 30 days up to today by default.
std::pair<domain::Epoch, domain::Epoch> Period(const Request& request, domain::Epoch now) {
  auto day = [&](const char* name, domain::DayNumber fallback) {
    std::string text = QueryString(request, name);
    if (text.empty()) return fallback;
    auto parsed = domain::ParseDate(text);
    if (!parsed) BadParam(name);
    return *parsed;
  };
  domain::DayNumber today = domain::ChinaDay(now);
  domain::DayNumber to = day("to", today);
  domain::DayNumber from = day("from", to - 29);
  return {domain::ChinaDayStart(from), domain::ChinaDayEnd(to) + 1};
}

std::string PathText(const RouteCall& call, const std::string& name) {
  auto it = call.params.find(name);
  return it == call.params.end() ? std::string() : it->second;
}

}  // namespace

void Api::AddWindowRatingRoutes() {
  auto& ratings = services_.window_ratings;
  // The account of a session the request carries, if any: a public route does not need one, but
  // the rating route refuses the clerk's own.
  auto caller = [this](const Request& request) -> std::optional<domain::User> {
    std::string token;
    std::string header = request.Header("authorization");
    constexpr std::string_view kPrefix = "Bearer ";
    if (header.size() > kPrefix.size() && header.compare(0, kPrefix.size(), kPrefix) == 0) {
      token = header.substr(kPrefix.size());
    } else {
      token = request.Cookie(kSessionCookie).value_or("");
    }
    if (token.empty()) return std::nullopt;
    auto session = services_.auth.Authenticate(token, NowEpoch());
    if (!session) return std::nullopt;
    return session->user;
  };

  router_.Add("GET", "/api/v1/public/window-ratings/receipt/{number}",
              {"回执二维码页：本次窗口服务的评价", "public", {{"token", "string"}}, false},
              [&ratings](const RouteCall& call) {
                std::string token = QueryString(call.request, "token");
                if (token.empty()) token = QueryString(call.request, "t");
                return JsonResponse(200, PublicServiceJson(ratings.ForReceipt(
                                             PathText(call, "number"), token, NowEpoch())));
              });
  router_.Add(
      "GET", "/api/v1/public/window-ratings/{token}",
      {"评价页：按评价码查看本次服务", "public", {}, false}, [&ratings](const RouteCall& call) {
        return JsonResponse(200, PublicServiceJson(ratings.ForToken(PathText(call, "token"))));
      });
  router_.Add("POST", "/api/v1/public/window-ratings/{token}",
              {"评价本次窗口服务（1–5 星，每次服务一次）", "public", {}, false, true, 201},
              [&ratings, caller](const RouteCall& call) {
                Json body = Body(call);
                FieldReader f(body);
                app::RatingInput input;
                input.stars = f.Int("stars", 0);
                input.comment = f.String("comment");
                std::string channel = f.String("channel");
                if (!channel.empty()) input.channel = channel;
                f.Check();
                return JsonResponse(
                    201, PublicServiceJson(ratings.Rate(PathText(call, "token"), input,
                                                        caller(call.request), NowEpoch())));
              });
  router_.Add("GET", "/api/v1/public/service-centres",
              {"意见箱：可选的服务中心", "public", {}, false}, [&ratings](const RouteCall&) {
                Json out = Json::array();
                for (const auto& [unit, path] : ratings.Centres()) {
                  out.push_back({{"id", unit.id}, {"name", unit.name}});
                }
                return JsonResponse(200, {{"items", std::move(out)}});
              });
  router_.Add(
      "POST", "/api/v1/public/suggestions",
      {"意见箱：留下意见（匿名）", "public", {}, false, true, 201},
      [this, &ratings](const RouteCall& call) {
        // Stricter than the other public routes: a box that anyone may fill is held to
        // a few entries per address, before the body is read.
        if (std::int64_t wait = AdmitShared(suggestion_limiter_, options_.suggestion_rate,
                                            "suggestion", call.request.client_address, NowEpoch());
            wait > 0) {
          throw domain::RateLimited(
              "suggestion.rate_limited", "提交意见过于频繁，请稍后再试", wait,
              {{"retry_after_seconds", "rate_limited.retry_after", std::to_string(wait)}});
        }
        Json body = Body(call);
        FieldReader f(body);
        app::SuggestionInput input;
        input.unit_id = f.Id("unit_id");
        input.content = f.String("content");
        input.contact = f.String("contact");
        f.Check();
        auto x = ratings.Suggest(input, NowEpoch());
        return JsonResponse(201, {{"id", x.id}, {"unit_name", x.unit_name}});
      });

  router_.Add("GET", "/api/v1/window-ratings/tablet", {"窗口评价器：本人最近一次服务", "ratings"},
              [&ratings](const RouteCall& call) {
                auto s = ratings.LatestForTablet(ActorOf(call));
                return JsonResponse(200, {{"service", s ? PublicServiceJson(*s) : Json(nullptr)}});
              });
  router_.Add("GET", "/api/v1/window-ratings/stats",
              {"窗口评价统计：按人员、按中心",
               "ratings",
               {{"from", "string"}, {"to", "string"}, {"region_id", "integer"}}},
              [&ratings](const RouteCall& call) {
                const auto& actor = ActorOf(call);
                auto [from, to] = Period(call.request, actor.now);
                auto stats = ratings.Stats(actor, from, to, QueryId(call.request, "region_id"));
                return JsonResponse(200, {{"from", stats.from},
                                          {"to", stats.to},
                                          {"total", FiguresJson(stats.total)},
                                          {"clerks", FigureRowsJson(stats.clerks)},
                                          {"units", FigureRowsJson(stats.units)}});
              });
  router_.Add("GET", "/api/v1/window-ratings",
              {"窗口评价明细（统计所计的评价）", "ratings",
               WithPaging({{"from", "string"},
                           {"to", "string"},
                           {"region_id", "integer"},
                           {"clerk_id", "integer"},
                           {"unit_id", "integer"},
                           {"low", "boolean"}})},
              [&ratings](const RouteCall& call) {
                const auto& actor = ActorOf(call);
                auto [from, to] = Period(call.request, actor.now);
                app::RatingFilter filter;
                filter.from = from;
                filter.to = to;
                filter.clerk_id = QueryId(call.request, "clerk_id");
                filter.unit_id = QueryId(call.request, "unit_id");
                filter.low_only = QueryBool(call.request, "low").value_or(false);
                Paging paging = ReadPaging(call.request);
                auto page =
                    ratings.List(actor, filter, QueryId(call.request, "region_id"), paging.request);
                Json items = Json::array();
                for (const auto& s : page.items) items.push_back(RatedServiceJson(s));
                return JsonResponse(200, {{"items", std::move(items)},
                                          {"total", page.total},
                                          {"page", paging.page},
                                          {"page_size", paging.page_size}});
              });
  router_.Add("GET", "/api/v1/suggestions",
              {"意见箱：意见列表", "suggestions", WithPaging({{"status", "string"}})},
              [&ratings](const RouteCall& call) {
                Paging paging = ReadPaging(call.request);
                auto page = ratings.ListSuggestions(
                    ActorOf(call), QueryString(call.request, "status"), paging.request);
                Json items = Json::array();
                for (const auto& x : page.items) items.push_back(SuggestionJson(x));
                return JsonResponse(200, {{"items", std::move(items)},
                                          {"total", page.total},
                                          {"page", paging.page},
                                          {"page_size", paging.page_size}});
              });
  router_.Add("POST", "/api/v1/suggestions/{id}/handle",
              {"意见箱：标记已阅或答复", "suggestions", {}, true, true},
              [&ratings](const RouteCall& call) {
                Json body = Body(call);
                FieldReader f(body);
                std::string status = f.String("status");
                std::string note = f.String("note");
                f.Check();
                return JsonResponse(200, SuggestionJson(ratings.HandleSuggestion(
                                             ActorOf(call), PathId(call), status, note)));
              });
}

}  // namespace minqing::http
