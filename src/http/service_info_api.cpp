// On duty and public service information (docs/api.md, "On duty and service guides"): centres'
// duty rosters (值班表) and badges (工作牌), service guides (办事指南 / 明白纸), and their public
// pages. Each handler parses, calls one ServiceInfoService use case and serialises.
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

Response Pdf(std::string body, const std::string& filename) {
  Response response;
  response.status = 200;
  response.content_type = "application/pdf";
  response.body = std::move(body);
  response.headers.emplace_back("Content-Disposition", "inline; filename=\"" + filename + "\"");
  return response;
}

Json DutyDayJson(const domain::DutyDay& day) {
  Json staff = Json::array();
  for (const auto& p : day.staff) {
    staff.push_back({{"user_id", p.user_id},
                     {"name", p.name},
                     {"post", p.post},
                     {"badge_number", domain::FormatBadgeNumber(p.badge_number)}});
  }
  Json leader = nullptr;
  if (day.leader_user_id) {
    leader = {{"user_id", *day.leader_user_id},
              {"name", day.leader_name},
              {"badge_number", domain::FormatBadgeNumber(day.leader_badge_number)}};
  }
  return {{"date", day.date}, {"leader", std::move(leader)}, {"staff", std::move(staff)}};
}

Json DutyRosterJson(const app::DutyRoster& roster) {
  Json days = Json::array();
  Json today = nullptr;
  for (const auto& day : roster.days) {
    days.push_back(DutyDayJson(day));
    if (day.date == roster.today) today = days.back();
  }
  return {
      {"unit", {{"id", roster.unit.id}, {"name", roster.unit.name}, {"phone", roster.unit.phone}}},
      {"region_name", roster.region_name},
      {"from", roster.from},
      {"today", roster.today},
      {"today_duty", std::move(today)},
      {"days", std::move(days)},
      {"public_url", roster.public_url}};
}

// The days of a PUT body: {"days": [{"date", "leader_user_id", "staff": [{"user_id", "post"}]}]}.
std::vector<domain::DutyDay> DutyDaysFromJson(const Json& body) {
  std::vector<domain::FieldProblem> problems;
  std::vector<domain::DutyDay> days;
  auto id_of = [&](const Json& value, const std::string& field) -> std::optional<domain::Id> {
    if (value.is_null()) return std::nullopt;
    if (value.is_number_integer()) return value.get<domain::Id>();
    problems.push_back({field, "request.bad_type", "应为账号编号"});
    return std::nullopt;
  };
  const Json* list = body.contains("days") ? &body.at("days") : nullptr;
  if (list == nullptr || !list->is_array()) {
    throw domain::InvalidInput("validation.failed", "值班安排有误，未保存",
                               {{"days", "duty.days_required", "请至少填写一天的值班"}});
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& item = (*list)[i];
    const std::string prefix = "days[" + std::to_string(i) + "].";
    if (!item.is_object()) {
      problems.push_back({prefix, "request.bad_type", "应为对象"});
      continue;
    }
    domain::DutyDay day;
    if (item.contains("date") && item["date"].is_string()) {
      day.date = item["date"].get<std::string>();
    } else {
      problems.push_back({prefix + "date", "duty.bad_date", "日期格式应为 YYYY-MM-DD"});
    }
    if (item.contains("leader_user_id")) {
      day.leader_user_id = id_of(item["leader_user_id"], prefix + "leader_user_id");
    }
    if (item.contains("staff")) {
      if (!item["staff"].is_array()) {
        problems.push_back({prefix + "staff", "request.bad_type", "应为列表"});
      } else {
        for (std::size_t j = 0; j < item["staff"].size(); ++j) {
          const Json& s = item["staff"][j];
          const std::string field = prefix + "staff[" + std::to_string(j) + "]";
          if (!s.is_object()) {
            problems.push_back({field, "request.bad_type", "应为对象"});
            continue;
          }
          domain::DutyPost post;
          post.user_id =
              s.contains("user_id") ? id_of(s["user_id"], field + ".user_id").value_or(0) : 0;
          if (s.contains("post") && s["post"].is_string()) post.post = s["post"].get<std::string>();
          day.staff.push_back(std::move(post));
        }
      }
    }
    days.push_back(std::move(day));
  }
  if (!problems.empty()) {
    throw domain::InvalidInput("validation.failed", "值班安排有误，未保存", problems);
  }
  return days;
}

std::vector<domain::Id> IdList(const std::string& text) {
  std::vector<domain::Id> ids;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    auto id = ParseInt(text.substr(start, end - start));
    if (!id || *id <= 0) BadParam("user_ids");
    ids.push_back(*id);
    start = end + 1;
  }
  return ids;
}

Json CategoryBrief(const domain::MatterCategory& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"completion_days", c.completion_days},
          {"response_hours", c.response_hours}};
}

Json GuideJson(const app::GuideView& view) {
  const domain::ServiceGuide& g = view.guide;
  return {{"id", g.id},
          {"category", CategoryBrief(view.category)},
          {"region_id", g.region_id},
          {"region_name", g.region_name},
          {"title", g.title},
          {"materials", g.materials},
          {"steps", g.steps},
          {"place", g.place},
          {"window_name", g.window_name},
          {"fees", g.fees},
          {"office_hours", g.office_hours},
          {"phone", g.phone},
          {"time_limit", view.time_limit},
          {"published", g.published},
          {"status", g.published ? "published" : "draft"},
          {"updated_at", g.updated_at},
          {"editable", view.editable},
          {"public_url", view.public_url}};
}

// The public form of a guide: no editing fields.
Json PublicGuideJson(const app::GuideView& view) {
  Json json = GuideJson(view);
  json.erase("editable");
  json.erase("published");
  json.erase("status");
  return json;
}

app::GuideInput GuideInputFromJson(const Json& body) {
  FieldReader r(body);
  app::GuideInput in;
  in.region_id = r.OptionalId("region_id");
  in.category_id = r.Id("category_id");
  in.title = r.String("title");
  in.materials = r.Strings("materials");
  in.steps = r.Strings("steps");
  in.place = r.String("place");
  in.window_name = r.String("window_name");
  in.fees = r.String("fees");
  in.office_hours = r.String("office_hours");
  in.phone = r.String("phone");
  in.published = r.OptionalBool("published").value_or(false);
  r.Check();
  return in;
}

}  // namespace

void Api::AddServiceInfoRoutes() {
  auto& info = services_.service_info;
  // Staff: duty rosters.
  router_.Add(
      "GET", "/api/v1/units/{id}/duty",
      {"服务中心值班表（默认本周）", "service_info", {{"from", "string"}, {"days", "integer"}}},
      [&info](const RouteCall& call) {
        std::string days = QueryString(call.request, "days");
        auto n = days.empty() ? std::optional<std::int64_t>(7) : ParseInt(days);
        if (!n) BadParam("days");
        return JsonResponse(200, DutyRosterJson(info.Duty(ActorOf(call), PathId(call),
                                                          QueryString(call.request, "from"),
                                                          static_cast<int>(*n))));
      });
  router_.Add("PUT", "/api/v1/units/{id}/duty",
              {"保存值班安排（一天或一周）", "service_info", {}, true, true},
              [&info](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                domain::Id id = PathId(call);
                // Scope before the body: a centre out of scope is refused without reading it.
                info.DutyCandidates(actor, id);
                return JsonResponse(
                    200, DutyRosterJson(info.SaveDuty(actor, id, DutyDaysFromJson(Body(call)))));
              });
  router_.Add("POST", "/api/v1/units/{id}/duty/copy-week",
              {"复制一周的值班安排", "service_info", {}, true, true},
              [&info](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                domain::Id id = PathId(call);
                info.DutyCandidates(actor, id);
                Json body = Body(call);
                FieldReader r(body);
                std::string from = r.String("from_week");
                std::string to = r.String("to_week");
                r.Check();
                return JsonResponse(200, DutyRosterJson(info.CopyDutyWeek(actor, id, from, to)));
              });
  router_.Add("GET", "/api/v1/units/{id}/duty/candidates", {"可安排值班的人员", "service_info"},
              [&info](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& c : info.DutyCandidates(ActorOf(call), PathId(call))) {
                  items.push_back({{"user_id", c.user_id}, {"name", c.name}, {"role", c.role}});
                }
                return JsonResponse(200, {{"items", std::move(items)}});
              });
  router_.Add(
      "GET", "/api/v1/units/{id}/duty/badges.pdf",
      WithPace({"工作牌（PDF）", "service_info", {{"date", "string"}, {"user_ids", "string"}}},
               Pace::kSlow),
      [&info](const RouteCall& call) {
        domain::Id id = PathId(call);
        std::string date = QueryString(call.request, "date");
        return Pdf(
            info.BadgesPdf(ActorOf(call), id, date, IdList(QueryString(call.request, "user_ids"))),
            "badges-" + std::to_string(id) + ".pdf");
      });
  // Staff: service guides.
  router_.Add("GET", "/api/v1/guides", {"办事指南（本辖区及上级，含草稿）", "service_info"},
              [&info](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& g : info.ListGuides(ActorOf(call))) items.push_back(GuideJson(g));
                return JsonResponse(200, {{"items", std::move(items)}});
              });
  router_.Add("POST", "/api/v1/guides", {"新建办事指南", "service_info", {}, true, true, 201},
              [&info](const RouteCall& call) {
                return JsonResponse(201, GuideJson(info.CreateGuide(
                                             ActorOf(call), GuideInputFromJson(Body(call)))));
              });
  router_.Add("GET", "/api/v1/guides/{id}", {"办事指南", "service_info"},
              [&info](const RouteCall& call) {
                return JsonResponse(200, GuideJson(info.GetGuide(ActorOf(call), PathId(call))));
              });
  router_.Add("PUT", "/api/v1/guides/{id}",
              {"修改、发布或撤回办事指南", "service_info", {}, true, true},
              [&info](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                domain::Id id = PathId(call);
                info.GetGuide(actor, id);  // Scope before the body.
                return JsonResponse(
                    200, GuideJson(info.UpdateGuide(actor, id, GuideInputFromJson(Body(call)))));
              });
  router_.Add("GET", "/api/v1/guides/{id}/guide.pdf",
              WithPace({"办事指南明白纸（PDF，含草稿）", "service_info"}, Pace::kSlow),
              [&info](const RouteCall& call) {
                domain::Id id = PathId(call);
                return Pdf(info.GuidePdf(ActorOf(call), id),
                           "guide-" + std::to_string(id) + ".pdf");
              });
  // Public pages.
  router_.Add("GET", "/api/v1/public/centres/{id}/duty",
              {"公开：服务中心今日值班和本周安排", "public", {}, false},
              [&info](const RouteCall& call) {
                return JsonResponse(200, DutyRosterJson(info.PublicDuty(PathId(call), NowEpoch())));
              });
  router_.Add(
      "GET", "/api/v1/public/regions/{id}/guides",
      {"公开：某地（县、乡镇或村）适用的办事指南", "public", {}, false},
      [&info](const RouteCall& call) {
        app::PublicGuideList list = info.PublicGuides(PathId(call));
        Json items = Json::array();
        for (const auto& entry : list.items) {
          items.push_back({{"category", CategoryBrief(entry.category)},
                           {"guide", entry.guide ? PublicGuideJson(*entry.guide) : Json(nullptr)}});
        }
        return JsonResponse(200, {{"region", {{"id", list.region.id}, {"name", list.region.name}}},
                                  {"items", std::move(items)}});
      });
  router_.Add("GET", "/api/v1/public/guides/{id}", {"公开：办事指南", "public", {}, false},
              [&info](const RouteCall& call) {
                return JsonResponse(200, PublicGuideJson(info.PublicGuide(PathId(call))));
              });
  router_.Add("GET", "/api/v1/public/guides/{id}/guide.pdf",
              WithPace({"公开：办事指南明白纸（PDF）", "public", {}, false}, Pace::kSlow),
              [&info](const RouteCall& call) {
                domain::Id id = PathId(call);
                return Pdf(info.PublicGuidePdf(id), "guide-" + std::to_string(id) + ".pdf");
              });
}

}  // namespace minqing::http
