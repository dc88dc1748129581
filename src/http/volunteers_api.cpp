// Volunteer service (志愿服务), docs/api.md "Volunteers": each handler parses, calls one use case
// of app/volunteer_service.hpp, serialises.
#include <string>
#include <utility>
#include <vector>

#include "domain/volunteers.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

using domain::FormatTenths;

Json TeamJson(const domain::VolunteerTeam& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"region_id", t.region_id},
          {"region_name", t.region_name},
          {"leader_user_id", t.leader_user_id ? Json(*t.leader_user_id) : Json(nullptr)},
          {"leader_name", t.leader_name},
          {"unit_id", t.unit_id ? Json(*t.unit_id) : Json(nullptr)},
          {"unit_name", t.unit_name},
          {"note", t.note},
          {"created_at", t.created_at}};
}

Json VolunteerJson(const domain::Volunteer& v) {
  return {{"id", v.id},
          {"team_id", v.team_id},
          {"resident_id", v.resident_id ? Json(*v.resident_id) : Json(nullptr)},
          {"name", v.name},
          {"phone", v.phone},
          {"joined", v.joined},
          {"active", v.active},
          {"hours", FormatTenths(v.hours_tenths)}};
}

Json ActivityJson(const domain::VolunteerActivity& a) {
  return {{"id", a.id},
          {"team_id", a.team_id},
          {"team_name", a.team_name},
          {"title", a.title},
          {"date", a.date},
          {"time", a.time},
          {"place", a.place},
          {"capacity", a.capacity},
          {"hours", FormatTenths(a.hours_tenths)},
          {"state", domain::ActivityStateCode(a.state)},
          {"signed_up", a.signed_up},
          {"free_places", a.capacity > a.signed_up ? a.capacity - a.signed_up : 0}};
}

Json SignUpJson(const domain::VolunteerSignUp& s) {
  return {{"activity_id", s.activity_id},
          {"volunteer_id", s.volunteer_id},
          {"volunteer_name", s.volunteer_name},
          {"attended", s.attended},
          {"created_at", s.created_at}};
}

Json HoursJson(const domain::VolunteerHours& h) {
  return {{"id", h.id},
          {"volunteer_id", h.volunteer_id},
          {"activity_id", h.activity_id ? Json(*h.activity_id) : Json(nullptr)},
          {"activity_title", h.activity_title},
          {"activity_date", h.activity_date},
          {"hours", FormatTenths(h.tenths)},
          {"reason", h.reason},
          {"created_at", h.created_at}};
}

template <typename T, typename F>
Json ArrayOf(const std::vector<T>& values, F to_json) {
  Json out = Json::array();
  for (const auto& v : values) out.push_back(to_json(v));
  return out;
}

Json ActivityDetailJson(const app::ActivityDetail& d) {
  Json out = ActivityJson(d.activity);
  out["signups"] = ArrayOf(d.signups, SignUpJson);
  out["can_manage"] = d.can_manage;
  return out;
}

// The "volunteer_ids" array of the body: numbers only.
std::vector<domain::Id> IdsOf(const Json& body, const char* name) {
  std::vector<domain::Id> ids;
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return ids;
  bool ok = it->is_array();
  if (ok) {
    for (const auto& v : *it) {
      if (!v.is_number_integer()) {
        ok = false;
        break;
      }
      ids.push_back(v.get<domain::Id>());
    }
  }
  if (!ok) {
    throw domain::InvalidInput("validation.failed", "输入有误",
                               {{name, "field.type", "应为志愿者编号的数组"}});
  }
  return ids;
}

}  // namespace

void Api::AddVolunteerRoutes() {
  auto& volunteers = services_.volunteers;
  router_.Add("GET", "/api/v1/volunteer-teams",
              {"志愿服务队列表（管辖范围内及本人任队长的）",
               "volunteers",
               {{"region_id", "integer", "乡镇或村（含下级）"}}},
              [&volunteers](const RouteCall& call) {
                return JsonResponse(
                    200, {{"items", ArrayOf(volunteers.ListTeams(
                                                ActorOf(call), QueryId(call.request, "region_id")),
                                            TeamJson)}});
              });
  router_.Add("POST", "/api/v1/volunteer-teams",
              {"建立志愿服务队", "volunteers", {}, true, true, 201},
              [&volunteers](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                Json body = Body(call);
                FieldReader r(body);
                app::VolunteerTeamInput in;
                in.name = r.String("name");
                in.region_id = r.Id("region_id");
                in.leader_user_id = r.OptionalId("leader_user_id");
                in.leader_username = r.String("leader_username");
                in.unit_id = r.OptionalId("unit_id");
                in.note = r.String("note");
                r.Check();
                return JsonResponse(201, TeamJson(volunteers.CreateTeam(actor, in)));
              });
  router_.Add("GET", "/api/v1/volunteer-teams/{id}", {"志愿服务队：志愿者、活动", "volunteers"},
              [&volunteers](const RouteCall& call) {
                auto d = volunteers.GetTeam(ActorOf(call), PathId(call));
                Json out = TeamJson(d.team);
                out["volunteers"] = ArrayOf(d.volunteers, VolunteerJson);
                out["activities"] = ArrayOf(d.activities, ActivityJson);
                out["can_manage"] = d.can_manage;
                return JsonResponse(200, out);
              });
  router_.Add("POST", "/api/v1/volunteer-teams/{id}/volunteers",
              {"添加志愿者（本区域居民 resident_id，或队外人员姓名、电话）",
               "volunteers",
               {},
               true,
               true,
               201},
              [&volunteers](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader r(body);
                app::VolunteerInput in;
                in.resident_id = r.OptionalId("resident_id");
                in.name = r.String("name");
                in.phone = r.String("phone");
                in.joined = r.String("joined");
                r.Check();
                return JsonResponse(201, VolunteerJson(volunteers.AddVolunteer(actor, id, in)));
              });
  router_.Add("POST", "/api/v1/volunteers/{id}/active",
              {"志愿者在队或退出（active: true/false）", "volunteers", {}, true, true},
              [&volunteers](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader r(body);
                const bool active = r.OptionalBool("active").value_or(true);
                r.Check();
                return JsonResponse(
                    200, VolunteerJson(volunteers.SetVolunteerActive(actor, id, active)));
              });
  router_.Add(
      "POST", "/api/v1/volunteer-teams/{id}/activities",
      {"发布志愿服务活动（人数上限 1–10000，时长 0.1–24 小时）", "volunteers", {}, true, true, 201},
      [&volunteers](const RouteCall& call) {
        const app::Actor& actor = ActorOf(call);
        const domain::Id id = PathId(call);
        Json body = Body(call);
        FieldReader r(body);
        app::ActivityInput in;
        in.title = r.String("title");
        in.date = r.String("date");
        in.time = r.String("time");
        in.place = r.String("place");
        in.capacity = static_cast<int>(r.Int("capacity", 0));
        in.hours = r.String("hours");
        r.Check();
        return JsonResponse(201, ActivityJson(volunteers.AddActivity(actor, id, in)));
      });
  router_.Add("GET", "/api/v1/volunteer-activities/{id}", {"活动详情：报名和签到", "volunteers"},
              [&volunteers](const RouteCall& call) {
                return JsonResponse(
                    200, ActivityDetailJson(volunteers.GetActivity(ActorOf(call), PathId(call))));
              });
  router_.Add("POST", "/api/v1/volunteer-activities/{id}/state",
              {"活动状态（open、closed、done、cancelled）", "volunteers", {}, true, true},
              [&volunteers](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                const std::string state = BodyString(call, "state");
                return JsonResponse(200,
                                    ActivityJson(volunteers.SetActivityState(actor, id, state)));
              });
  router_.Add("POST", "/api/v1/volunteer-activities/{id}/signups",
              {"报名（队长或管理人员为队员报名；居民账号为本人报名）。满员 409 volunteer.full，"
               "重复 409 volunteer.signed_up",
               "volunteers",
               {},
               true,
               true,
               201},
              [&volunteers](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader r(body);
                const domain::Id volunteer_id = r.Id("volunteer_id");
                r.Check();
                return JsonResponse(201, SignUpJson(volunteers.SignUp(actor, id, volunteer_id)));
              });
  router_.Add("POST", "/api/v1/volunteer-activities/{id}/attendance",
              {"活动后签到：为参加的志愿者记入时长（本人不能为自己签到：volunteer.self_credit）",
               "volunteers",
               {},
               true,
               true},
              [&volunteers](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                Json body = Body(call);
                const std::vector<domain::Id> ids = IdsOf(body, "volunteer_ids");
                return JsonResponse(200,
                                    ActivityDetailJson(volunteers.MarkAttendance(actor, id, ids)));
              });
  router_.Add("GET", "/api/v1/volunteers/{id}/hours", {"志愿者的服务时长台账", "volunteers"},
              [&volunteers](const RouteCall& call) {
                auto d = volunteers.Hours(ActorOf(call), PathId(call));
                Json out = VolunteerJson(d.volunteer);
                out["team_name"] = d.team_name;
                out["total"] = FormatTenths(d.total_tenths);
                out["rows"] = ArrayOf(d.rows, HoursJson);
                return JsonResponse(200, out);
              });
  router_.Add("POST", "/api/v1/volunteers/{id}/hours",
              {"人工调整时长（须填原因，记入审计）", "volunteers", {}, true, true, 201},
              [&volunteers](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader r(body);
                const std::string hours = r.String("hours");
                const std::string reason = r.String("reason");
                r.Check();
                return JsonResponse(201,
                                    HoursJson(volunteers.AdjustHours(actor, id, hours, reason)));
              });
  router_.Add("POST", "/api/v1/volunteers/{id}/certificates",
              {"出具志愿服务证明（生成验证码）", "volunteers", {}, true, false, 201},
              [&volunteers](const RouteCall& call) {
                auto c = volunteers.IssueCertificate(ActorOf(call), PathId(call));
                return JsonResponse(201, {{"code", c.code},
                                          {"volunteer_id", c.volunteer_id},
                                          {"hours", FormatTenths(c.hours_tenths)},
                                          {"issued_at", c.issued_at},
                                          {"verify_url", volunteers.VerifyUrl(c.code)}});
              });
  router_.Add("GET", "/api/v1/volunteer-certificates/{code}/pdf",
              WithPace({"志愿服务证明 PDF（含验证码和二维码）", "volunteers"}, Pace::kSlow),
              [&volunteers](const RouteCall& call) {
                const std::string code = call.params.at("code");
                Response response;
                response.status = 200;
                response.content_type = "application/pdf";
                response.body = volunteers.CertificatePdf(ActorOf(call), code);
                response.headers.emplace_back("Content-Disposition",
                                              "inline; filename=\"volunteer-" + code + ".pdf\"");
                return response;
              });
  router_.Add("GET", "/api/v1/volunteers/mine",
              {"本人的志愿服务：可报名的活动、已报名活动", "volunteers"},
              [&volunteers](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& e : volunteers.Mine(ActorOf(call)).entries) {
                  Json activities = Json::array();
                  for (std::size_t i = 0; i < e.activities.size(); ++i) {
                    Json a = ActivityJson(e.activities[i]);
                    a["mine"] = e.signed_up[i];
                    activities.push_back(std::move(a));
                  }
                  Json v = VolunteerJson(e.volunteer);
                  v["team_name"] = e.team_name;
                  v["activities"] = std::move(activities);
                  items.push_back(std::move(v));
                }
                return JsonResponse(200, {{"items", items}});
              });
  router_.Add("GET", "/api/v1/public/volunteer-certificates/{code}",
              {"公开：核验志愿服务证明（姓名部分隐去）", "public", {}, false},
              [&volunteers](const RouteCall& call) {
                auto c = volunteers.VerifyCertificate(call.params.at("code"));
                return JsonResponse(200, {{"code", c.code},
                                          {"name", c.volunteer_name},
                                          {"team_name", c.team_name},
                                          {"hours", FormatTenths(c.hours_tenths)},
                                          {"issued_at", c.issued_at}});
              });
  router_.Add("GET", "/api/v1/public/volunteer-activities/{id}",
              {"公开：区域内开放报名的志愿服务活动及余额（不含个人信息）", "public", {}, false},
              [&volunteers](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& p : volunteers.PublicActivities(PathId(call), NowEpoch())) {
                  items.push_back({{"team_name", p.activity.team_name},
                                   {"title", p.activity.title},
                                   {"date", p.activity.date},
                                   {"time", p.activity.time},
                                   {"place", p.activity.place},
                                   {"capacity", p.activity.capacity},
                                   {"hours", FormatTenths(p.activity.hours_tenths)},
                                   {"free_places", p.free_places}});
                }
                return JsonResponse(200, {{"items", items}});
              });
}

}  // namespace minqing::http
