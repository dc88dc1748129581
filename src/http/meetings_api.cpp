// Meetings that decide (议事会议), docs/api.md "Meetings and decisions": meetings with attendees,
// minutes and decisions, a decision's completion by its owner or its matter (诉求), the lists
// "my decisions" and "overdue decisions", and the public list of reception days (接待日). Each
// handler calls one use case of app/meetings.hpp.
#include <optional>
#include <string>

#include "domain/meeting.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"
#include "http/matter_json.hpp"

namespace minqing::http {
namespace {

constexpr const char* kTag = "meetings";

Json Opt(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); }

Json AttendeeJson(const app::MeetingAttendee& a) {
  return {{"id", a.id},
          {"kind", a.kind},
          {"unit_id", Opt(a.unit_id)},
          {"resident_id", Opt(a.resident_id)},
          {"name", a.name},
          {"organisation", a.organisation}};
}

Json MeetingJson(const app::Meeting& m) {
  Json attendees = Json::array();
  for (const auto& a : m.attendees) attendees.push_back(AttendeeJson(a));
  return {{"id", m.id},
          {"kind", m.kind},
          {"kind_label", std::string(domain::MeetingKindLabel(m.kind))},
          {"title", m.title},
          {"date", m.date},
          {"start", m.start},
          {"end", m.end},
          {"place", m.place},
          {"region_id", m.region_id},
          {"region_name", m.region_name},
          {"host_user_id", m.host_user_id},
          {"host_name", m.host_name},
          {"host_unit_id", Opt(m.host_unit_id)},
          {"host_unit_name", m.host_unit_name},
          {"project_id", Opt(m.project_id)},
          {"minutes", m.minutes},
          {"state", m.state},
          {"slot_id", Opt(m.slot_id)},
          {"created_at", m.created_at},
          {"updated_at", m.updated_at},
          {"attendees", std::move(attendees)}};
}

Json DecisionJson(const app::DecisionView& v) {
  const auto& d = v.decision;
  return {{"id", d.id},
          {"meeting_id", d.meeting_id},
          {"meeting_title", d.meeting_title},
          {"meeting_kind", d.meeting_kind},
          {"text", d.text},
          {"owner_user_id", Opt(d.owner_user_id)},
          {"owner_user_name", d.owner_user_name},
          {"owner_unit_id", Opt(d.owner_unit_id)},
          {"owner_unit_name", d.owner_unit_name},
          {"deadline", d.deadline},
          {"state", d.state},
          {"overdue", v.overdue},
          {"result_note", d.result_note},
          {"matter_id", Opt(d.matter_id)},
          {"matter_number", d.matter_number},
          {"matter_status", d.matter_status},
          {"completed", d.completed},
          {"done_by", Opt(d.done_by)},
          {"done_at", Opt(d.done_at)},
          {"created_at", d.created_at}};
}

Json DecisionsJson(const std::vector<app::DecisionView>& list) {
  Json out = Json::array();
  for (const auto& v : list) out.push_back(DecisionJson(v));
  return out;
}

Json ViewJson(const app::MeetingView& view) {
  Json j = MeetingJson(view.meeting);
  j["decisions"] = DecisionsJson(view.decisions);
  return j;
}

app::MeetingInput MeetingInputFromJson(const Json& body) {
  FieldReader f(body);
  app::MeetingInput in;
  in.kind = f.String("kind");
  in.title = f.String("title");
  in.date = f.String("date");
  in.start = f.String("start");
  in.end = f.String("end");
  in.place = f.String("place");
  in.region_id = f.OptionalId("region_id");
  in.host_user_id = f.OptionalId("host_user_id");
  in.host_unit_id = f.OptionalId("host_unit_id");
  in.project_id = f.OptionalId("project_id");
  in.minutes = f.String("minutes");
  if (f.Has("state")) in.state = f.String("state");
  in.capacity = static_cast<int>(f.Int("capacity", 0));
  f.Check();
  if (auto it = body.find("attendees"); it != body.end() && it->is_array()) {
    for (std::size_t i = 0; i < it->size(); ++i) {
      FieldReader a((*it)[i], "attendees[" + std::to_string(i) + "].");
      app::MeetingAttendeeInput x;
      x.kind = a.String("kind");
      x.unit_id = a.OptionalId("unit_id");
      x.resident_id = a.OptionalId("resident_id");
      x.name = a.String("name");
      x.organisation = a.String("organisation");
      a.Check();
      in.attendees.push_back(std::move(x));
    }
  }
  return in;
}

}  // namespace

void Api::AddMeetingRoutes() {
  auto& meetings = services_.meetings;
  router_.Add("GET", "/api/v1/public/reception-days",
              {"公开：近期领导接待日、党代表接待", "public", {}, false},
              [&meetings](const RouteCall&) {
                Json items = Json::array();
                for (const auto& day : meetings.ReceptionDays(NowEpoch())) {
                  const auto& m = day.meeting;
                  items.push_back({{"id", m.id},
                                   {"kind", m.kind},
                                   {"kind_label", std::string(domain::MeetingKindLabel(m.kind))},
                                   {"title", m.title},
                                   {"date", m.date},
                                   {"start", m.start},
                                   {"end", m.end},
                                   {"place", m.place},
                                   {"region_name", m.region_name},
                                   {"host_name", m.host_name},
                                   {"host_unit_id", Opt(m.host_unit_id)},
                                   {"host_unit_name", m.host_unit_name},
                                   {"slot_id", Opt(m.slot_id)},
                                   {"capacity", day.capacity},
                                   {"booked", day.booked}});
                }
                return JsonResponse(200, {{"items", std::move(items)}});
              });
  router_.Add("GET", "/api/v1/meetings",
              {"议事会议列表", kTag,
               WithPaging({{"kind", "string"},
                           {"state", "string"},
                           {"from", "string"},
                           {"project_id", "integer"}})},
              [&meetings](const RouteCall& call) {
                app::MeetingFilter filter;
                filter.kind = QueryString(call.request, "kind");
                filter.state = QueryString(call.request, "state");
                filter.from_date = QueryString(call.request, "from");
                filter.project_id = QueryId(call.request, "project_id");
                Paging paging = ReadPaging(call.request);
                auto page = meetings.List(ActorOf(call), filter, paging.request);
                Json items = Json::array();
                for (const auto& m : page.items) items.push_back(MeetingJson(m));
                return JsonResponse(200, {{"items", std::move(items)},
                                          {"total", page.total},
                                          {"page", paging.page},
                                          {"page_size", paging.page_size}});
              });
  router_.Add("POST", "/api/v1/meetings", {"记录议事会议", kTag, {}, true, true, 201},
              [&meetings](const RouteCall& call) {
                return JsonResponse(201, ViewJson(meetings.Create(
                                             ActorOf(call), MeetingInputFromJson(Body(call)))));
              });
  router_.Add("GET", "/api/v1/meetings/{id}", {"议事会议：参会人员、纪要、决定", kTag},
              [&meetings](const RouteCall& call) {
                return JsonResponse(200, ViewJson(meetings.Get(ActorOf(call), PathId(call))));
              });
  router_.Add("PUT", "/api/v1/meetings/{id}",
              {"修改议事会议（含参会人员、纪要、状态）", kTag, {}, true, true},
              [&meetings](const RouteCall& call) {
                return JsonResponse(200,
                                    ViewJson(meetings.Update(ActorOf(call), PathId(call),
                                                             MeetingInputFromJson(Body(call)))));
              });
  router_.Add("POST", "/api/v1/meetings/{id}/decisions",
              {"记录会议决定（责任人或责任单位、期限）", kTag, {}, true, true, 201},
              [&meetings](const RouteCall& call) {
                Json body = Body(call);
                FieldReader f(body);
                app::DecisionInput in;
                in.text = f.String("text");
                in.owner_user_id = f.OptionalId("owner_user_id");
                in.owner_username = f.String("owner_username");
                in.owner_unit_id = f.OptionalId("owner_unit_id");
                in.deadline = f.String("deadline");
                f.Check();
                return JsonResponse(
                    201, DecisionJson(meetings.AddDecision(ActorOf(call), PathId(call), in)));
              });
  router_.Add("POST", "/api/v1/decisions/{id}/done", {"责任人标记决定已落实", kTag, {}, true, true},
              [&meetings](const RouteCall& call) {
                std::string note = BodyString(call, "note");
                return JsonResponse(200, DecisionJson(meetings.CompleteDecision(
                                             ActorOf(call), PathId(call), note)));
              });
  router_.Add("POST", "/api/v1/decisions/{id}/matter",
              {"决定转为诉求（一窗受理）", kTag, {}, true, true},
              [&meetings](const RouteCall& call) {
                return JsonResponse(
                    200, DecisionJson(meetings.DecisionToMatter(ActorOf(call), PathId(call),
                                                                MatterInputFromJson(Body(call)))));
              });
  router_.Add("GET", "/api/v1/decisions/mine", {"我负责的会议决定", kTag},
              [&meetings](const RouteCall& call) {
                return JsonResponse(200, {{"items", DecisionsJson(meetings.Mine(ActorOf(call)))}});
              });
  router_.Add(
      "GET", "/api/v1/decisions/overdue", {"逾期未落实的会议决定", kTag},
      [&meetings](const RouteCall& call) {
        return JsonResponse(200, {{"items", DecisionsJson(meetings.Overdue(ActorOf(call)))}});
      });
}

}  // namespace minqing::http
