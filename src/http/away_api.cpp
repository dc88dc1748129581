// Away members (离乡不离党) and online study (网上学习), docs/api.md "Away members": each handler
// parses, calls one use case of app/away_service.hpp, serialises.
#include <string>
#include <utility>

#include "domain/away_members.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

Json OptText(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json MemberRowJson(const domain::AwayMemberRow& m) {
  return {{"member_id", m.member_id},
          {"name", m.name},
          {"phone", m.phone},
          {"org_name", m.org_name},
          {"away_to", m.away_to},
          {"last_contact", OptText(m.last_contact)},
          {"contacts", m.contacts},
          {"households", m.households},
          {"study_attended", m.study_attended},
          {"study_activities", m.study_activities},
          {"overdue", m.overdue}};
}

Json ContactJson(const domain::AwayContact& c) {
  return {{"id", c.id},
          {"member_id", c.member_id},
          {"date", c.date},
          {"way", c.way},
          {"way_label", std::string(domain::AwayContactWayLabel(c.way))},
          {"contact_by", c.contact_by},
          {"note", c.note},
          {"recorded_at", c.recorded_at},
          {"recorded_by_name", c.recorded_by_name}};
}

Json ActivityJson(const domain::StudyActivity& a) {
  return {{"id", a.id},
          {"org_id", a.org_id},
          {"org_name", a.org_name},
          {"title", a.title},
          {"material", a.material},
          {"link", a.link},
          {"opens_on", a.opens_on},
          {"closes_on", a.closes_on},
          {"created_at", a.created_at},
          {"attended", a.attended}};
}

Json AttendanceJson(const domain::StudyAttendance& a) {
  return {{"activity_id", a.activity_id},
          {"member_id", a.member_id},
          {"member_name", a.member_name},
          {"member_away", a.member_away},
          {"attended", a.attended},
          {"made_up", a.made_up},
          {"note", a.note},
          {"recorded_at", a.attended ? Json(a.recorded_at) : Json(nullptr)},
          {"recorded_by_name", a.recorded_by_name}};
}

template <typename T, typename F>
Json ArrayOf(const std::vector<T>& values, F to_json) {
  Json out = Json::array();
  for (const auto& v : values) out.push_back(to_json(v));
  return out;
}

}  // namespace

void Api::AddAwayRoutes() {
  auto& away = services_.away;
  router_.Add("GET", "/api/v1/away/members",
              {"流动党员列表：外出去向、最近联系、逾期未联系、仍联系的农户、参学情况",
               "away",
               {{"region_id", "integer", "乡镇或村（含下级）"}}},
              [&away](const RouteCall& call) {
                auto rows = away.ListMembers(ActorOf(call), QueryId(call.request, "region_id"));
                return JsonResponse(200, {{"items", ArrayOf(rows, MemberRowJson)},
                                          {"overdue_days", domain::kAwayContactOverdueDays}});
              });
  router_.Add("GET", "/api/v1/away/members/{id}/contacts", {"与该流动党员的联系记录", "away"},
              [&away](const RouteCall& call) {
                auto contacts = away.Contacts(ActorOf(call), PathId(call));
                return JsonResponse(200, {{"items", ArrayOf(contacts, ContactJson)}});
              });
  router_.Add("POST", "/api/v1/away/members/{id}/contacts",
              {"登记与流动党员的联系（电话、微信、书信、见面）", "away", {}, true, true, 201},
              [&away](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader r(body);
                app::AwayContactInput in;
                in.date = r.String("date");
                in.way = r.String("way");
                in.contact_by = r.String("contact_by");
                in.note = r.String("note");
                r.Check();
                return JsonResponse(201, ContactJson(away.LogContact(actor, id, in)));
              });
  router_.Add("GET", "/api/v1/study/activities",
              {"网上学习活动列表", "away", {{"region_id", "integer", "乡镇或村（含下级）"}}},
              [&away](const RouteCall& call) {
                auto items = away.ListActivities(ActorOf(call), QueryId(call.request, "region_id"));
                return JsonResponse(200, {{"items", ArrayOf(items, ActivityJson)}});
              });
  router_.Add("POST", "/api/v1/study/activities",
              {"发布网上学习活动（党组织、主题、内容或链接、开放期）", "away", {}, true, true, 201},
              [&away](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                Json body = Body(call);
                FieldReader r(body);
                app::StudyActivityInput in;
                in.org_id = r.Id("org_id");
                in.title = r.String("title");
                in.material = r.String("material");
                in.link = r.String("link");
                in.opens_on = r.String("opens_on");
                in.closes_on = r.String("closes_on");
                r.Check();
                return JsonResponse(201, ActivityJson(away.CreateActivity(actor, in)));
              });
  router_.Add("GET", "/api/v1/study/activities/{id}",
              {"学习活动详情与参学名单（流动党员单列）", "away"}, [&away](const RouteCall& call) {
                auto view = away.GetActivity(ActorOf(call), PathId(call));
                Json out = ActivityJson(view.activity);
                out["open"] = view.open;
                out["roster"] = ArrayOf(view.roster, AttendanceJson);
                return JsonResponse(200, out);
              });
  router_.Add(
      "POST", "/api/v1/study/activities/{id}/make-up",
      {"登记党员的线下补学（标明由登记人代录，不算本人线上签到）", "away", {}, true, true, 201},
      [&away](const RouteCall& call) {
        const app::Actor& actor = ActorOf(call);
        const domain::Id id = PathId(call);
        Json body = Body(call);
        FieldReader r(body);
        const domain::Id member_id = r.Id("member_id");
        const std::string note = r.String("note");
        r.Check();
        return JsonResponse(201, AttendanceJson(away.RecordMakeUp(actor, id, member_id, note)));
      });
  router_.Add("GET", "/api/v1/study/my", {"我的网上学习（党员本人）", "away"},
              [&away](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& s : away.MyActivities(ActorOf(call))) {
                  Json item = ActivityJson(s.activity);
                  item["open"] = s.open;
                  item["attendance"] = s.attendance ? AttendanceJson(*s.attendance) : Json(nullptr);
                  items.push_back(std::move(item));
                }
                return JsonResponse(200, {{"items", std::move(items)}});
              });
  router_.Add("POST", "/api/v1/study/activities/{id}/attend",
              {"党员本人参学签到并写学习心得（只能为自己签到）", "away", {}, true, true, 201},
              [&away](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                const domain::Id id = PathId(call);
                Json body = Body(call);
                FieldReader r(body);
                const std::string note = r.String("note");
                r.Check();
                return JsonResponse(201, AttendanceJson(away.Attend(actor, id, note)));
              });
}

}  // namespace minqing::http
