// Routes of livelihood projects (民生项目): see docs/api.md ("Livelihood projects"). Staff
// create and run projects (ProjectService checks projects.read / projects.manage in the region's
// scope, projects.record for scope or team accounts); the public route gives each project's
// progress as counts only. Each handler parses, calls one ProjectService use case and
// serialises.
#include <string>
#include <vector>

#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

Json OptId(const std::optional<domain::Id>& id) { return id ? Json(*id) : Json(nullptr); }

Json ProjectJson(const app::Project& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"kind", p.kind},
          {"region_id", p.region_id},
          {"region_name", p.region_name},
          {"description", p.description},
          {"state", p.state},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

Json MemberJson(const app::ProjectTeamMember& m) {
  return {{"id", m.id},
          {"kind", m.kind},
          {"resident_id", OptId(m.resident_id)},
          {"member_id", OptId(m.member_id)},
          {"user_id", OptId(m.user_id)},
          {"name", m.name},
          {"organisation", m.organisation},
          {"phone", m.phone},
          {"team_role", m.team_role}};
}

Json HouseholdJson(const app::ProjectHousehold& h) {
  return {{"household_id", h.household_id},
          {"number", h.number},
          {"address", h.address},
          {"consent", h.consent},
          {"consent_visit_id", OptId(h.consent_visit_id)},
          {"consent_at", h.consent_at ? Json(*h.consent_at) : Json(nullptr)},
          {"visits", h.visits}};
}

Json PlanJson(const app::ProjectPlan& p) {
  return {{"household_id", p.household_id},
          {"needs", p.needs},
          {"measures", p.measures},
          {"owner", p.owner},
          {"status", p.status},
          {"updated_at", p.updated_at}};
}

Json CadenceJson(const app::ProjectCadence& c) {
  return {{"id", c.id},           {"kind", c.kind}, {"week", c.week},
          {"held_on", c.held_on}, {"who", c.who},   {"log", c.log}};
}

Json IssueJson(const app::ProjectIssue& i, bool solved) {
  return {{"id", i.id},
          {"project_id", i.project_id},
          {"household_id", OptId(i.household_id)},
          {"class", i.issue_class},
          {"text", i.text},
          {"owner", i.owner},
          {"due_at", i.due_at},
          {"matter_id", OptId(i.matter_id)},
          {"matter_number", i.matter_number},
          {"matter_status", i.matter_status ? Json(*i.matter_status) : Json(nullptr)},
          {"decision_id", OptId(i.decision_id)},
          {"decision_text", i.decision_text},
          {"decision_state", i.decision_state},
          {"decision_matter_number", i.decision_matter_number},
          {"solved", solved}};
}

Json ConsentJson(const domain::ConsentCounts& c) {
  return {{"not_visited", c.not_visited},
          {"undecided", c.undecided},
          {"agreed", c.agreed},
          {"refused", c.refused}};
}

Json DashboardJson(const app::ProjectDashboard& d) {
  Json refusing = Json::array();
  for (const auto& h : d.still_refusing) refusing.push_back(HouseholdJson(h));
  return {{"consent", ConsentJson(d.consent)},
          {"households", d.households},
          {"visits", d.visits},
          {"refusing_after", d.refusing_after},
          {"still_refusing", refusing},
          {"plans_open", d.plans_open},
          {"plans_done", d.plans_done},
          {"issues", d.issues},
          {"issues_solved", d.issues_solved},
          {"outside_solved", d.outside_solved}};
}

Json DetailJson(const app::ProjectDetail& d) {
  Json out = ProjectJson(d.project);
  Json team = Json::array();
  for (const auto& m : d.team) team.push_back(MemberJson(m));
  Json households = Json::array();
  for (const auto& h : d.households) households.push_back(HouseholdJson(h));
  Json plans = Json::array();
  for (const auto& p : d.plans) plans.push_back(PlanJson(p));
  Json cadence = Json::array();
  for (const auto& c : d.cadence) cadence.push_back(CadenceJson(c));
  Json issues = Json::array();
  for (const auto& v : d.issues) issues.push_back(IssueJson(v.issue, v.solved));
  out["team"] = team;
  out["households"] = households;
  out["plans"] = plans;
  out["cadence"] = cadence;
  out["issues"] = issues;
  Json meetings = Json::array();
  for (const auto& m : d.meetings) {
    meetings.push_back(
        {{"id", m.id}, {"kind", m.kind}, {"title", m.title}, {"date", m.date}, {"state", m.state}});
  }
  Json decisions = Json::array();
  for (const auto& x : d.decisions) {
    decisions.push_back({{"id", x.id},
                         {"meeting_id", x.meeting_id},
                         {"meeting_title", x.meeting_title},
                         {"text", x.text},
                         {"owner", x.owner_user_id ? x.owner_user_name : x.owner_unit_name},
                         {"deadline", x.deadline},
                         {"state", x.state},
                         {"matter_number", x.matter_number}});
  }
  out["meetings"] = meetings;
  out["decisions"] = decisions;
  out["dashboard"] = DashboardJson(d.dashboard);
  out["may_manage"] = d.may_manage;
  out["may_record"] = d.may_record;
  return out;
}

app::ProjectInput InputOf(const Json& body) {
  FieldReader f(body);
  app::ProjectInput in;
  in.name = f.String("name");
  in.kind = f.String("kind");
  in.region_id = f.Id("region_id");
  in.description = f.String("description");
  in.state = f.String("state");
  f.Check();
  if (in.kind.empty()) in.kind = "old_compound";
  if (in.state.empty()) in.state = "planning";
  return in;
}

std::vector<domain::Id> IdsOf(const Json& body, const char* name) {
  std::vector<domain::Id> out;
  if (!body.contains(name) || body[name].is_null()) return out;
  if (!body[name].is_array()) {
    throw domain::InvalidInput("validation.failed", "请求有误",
                               {{name, "validation.type", "应为编号数组"}});
  }
  for (const Json& v : body[name]) {
    if (!v.is_number_integer()) {
      throw domain::InvalidInput("validation.failed", "请求有误",
                                 {{name, "validation.type", "应为编号数组"}});
    }
    out.push_back(v.get<domain::Id>());
  }
  return out;
}

}  // namespace

void Api::AddProjectRoutes() {
  auto& projects = services_.projects;

  router_.Add("GET", "/api/v1/projects", {"民生项目列表", "projects"},
              [&projects](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& p : projects.List(ActorOf(call))) items.push_back(ProjectJson(p));
                return JsonResponse(200, {{"items", items}});
              });
  router_.Add("POST", "/api/v1/projects", {"新建民生项目", "projects", {}, true, true, 201},
              [&projects](const RouteCall& call) {
                return JsonResponse(
                    201, ProjectJson(projects.Create(ActorOf(call), InputOf(Body(call)))));
              });
  router_.Add("GET", "/api/v1/projects/{id}",
              {"民生项目详情（联合支部、涉及户、一户一策、问题台账、例会、看板）",
               "projects",
               {{"refusing_after", "integer"}}},
              [&projects](const RouteCall& call) {
                auto n = ParseInt(QueryString(call.request, "refusing_after"));
                return JsonResponse(
                    200, DetailJson(projects.Get(ActorOf(call), PathId(call), n.value_or(3))));
              });
  router_.Add("PUT", "/api/v1/projects/{id}", {"修改民生项目", "projects", {}, true, true},
              [&projects](const RouteCall& call) {
                return JsonResponse(200, ProjectJson(projects.Update(ActorOf(call), PathId(call),
                                                                     InputOf(Body(call)))));
              });
  router_.Add("POST", "/api/v1/projects/{id}/team",
              {"加入联合支部成员（居民、党员、账号或外单位人员）", "projects", {}, true, true, 201},
              [&projects](const RouteCall& call) {
                const Json body = Body(call);
                FieldReader f(body);
                app::ProjectTeamMember m;
                m.kind = f.String("kind");
                m.resident_id = f.OptionalId("resident_id");
                m.member_id = f.OptionalId("member_id");
                m.user_id = f.OptionalId("user_id");
                m.name = f.String("name");
                m.organisation = f.String("organisation");
                m.phone = f.String("phone");
                m.team_role = f.String("team_role");
                f.Check();
                return JsonResponse(
                    201, MemberJson(projects.AddTeamMember(ActorOf(call), PathId(call), m)));
              });
  router_.Add("POST", "/api/v1/projects/{id}/households",
              {"加入涉及户（按区域、地址或户编号）", "projects", {}, true, true},
              [&projects](const RouteCall& call) {
                const Json body = Body(call);
                FieldReader f(body);
                app::ProjectHouseholdSelection s;
                s.region_id = f.OptionalId("region_id");
                s.address_part = f.String("address");
                f.Check();
                s.household_ids = IdsOf(body, "household_ids");
                return JsonResponse(
                    200, {{"added", projects.AddHouseholds(ActorOf(call), PathId(call), s)}});
              });
  router_.Add("POST", "/api/v1/projects/{id}/visits",
              {"关联民情日记走访", "projects", {}, true, true}, [&projects](const RouteCall& call) {
                const Json body = Body(call);
                FieldReader f(body);
                const domain::Id visit_id = f.Id("visit_id");
                f.Check();
                projects.LinkVisit(ActorOf(call), PathId(call), visit_id);
                return NoContent();
              });
  router_.Add("PUT", "/api/v1/projects/{id}/consent/{household_id}",
              {"登记意愿（须对应一次走访）", "projects", {}, true, true},
              [&projects](const RouteCall& call) {
                const Json body = Body(call);
                FieldReader f(body);
                app::ConsentInput in;
                in.consent = f.String("consent");
                in.visit_id = f.OptionalId("visit_id");
                f.Check();
                return JsonResponse(
                    200, HouseholdJson(projects.RecordConsent(ActorOf(call), PathId(call),
                                                              PathId(call, "household_id"), in)));
              });
  router_.Add("POST", "/api/v1/projects/{id}/door-visits/{household_id}",
              {"项目组上门走访（记入民情日记，可同时登记意愿）", "projects", {}, true, true},
              [&projects](const RouteCall& call) {
                const Json body = Body(call);
                FieldReader f(body);
                app::ProjectVisitInput in;
                in.learned = f.String("learned");
                in.consent = f.String("consent");
                f.Check();
                return JsonResponse(
                    201, HouseholdJson(projects.RecordVisit(ActorOf(call), PathId(call),
                                                            PathId(call, "household_id"), in)));
              });
  router_.Add("PUT", "/api/v1/projects/{id}/plans/{household_id}",
              {"一户一策", "projects", {}, true, true}, [&projects](const RouteCall& call) {
                const Json body = Body(call);
                FieldReader f(body);
                app::ProjectPlan p;
                p.project_id = PathId(call);
                p.household_id = PathId(call, "household_id");
                p.needs = f.String("needs");
                p.measures = f.String("measures");
                p.owner = f.String("owner");
                p.status = f.String("status");
                f.Check();
                if (p.status.empty()) p.status = "open";
                return JsonResponse(200, PlanJson(projects.SavePlan(ActorOf(call), p)));
              });
  router_.Add("POST", "/api/v1/projects/{id}/cadence",
              {"每周例会记录（进度调度、现场办公、安全检查）", "projects", {}, true, true, 201},
              [&projects](const RouteCall& call) {
                const Json body = Body(call);
                FieldReader f(body);
                app::ProjectCadence c;
                c.project_id = PathId(call);
                c.kind = f.String("kind");
                c.week = f.String("week");
                c.held_on = f.String("held_on");
                c.who = f.String("who");
                c.log = f.String("log");
                f.Check();
                return JsonResponse(201, CadenceJson(projects.LogCadence(ActorOf(call), c)));
              });
  router_.Add("POST", "/api/v1/projects/{id}/issues",
              {"登记问题（项目内、项目外、项目后）", "projects", {}, true, true, 201},
              [&projects](const RouteCall& call) {
                const Json body = Body(call);
                FieldReader f(body);
                app::IssueInput in;
                in.issue_class = f.String("class");
                in.text = f.String("text");
                in.owner = f.String("owner");
                const std::int64_t due = f.Int("due_at", 0);
                if (due > 0) in.due_at = due;
                in.household_id = f.OptionalId("household_id");
                f.Check();
                return JsonResponse(
                    201, IssueJson(projects.AddIssue(ActorOf(call), PathId(call), in), false));
              });
  router_.Add("PUT", "/api/v1/project-issues/{id}/resolution",
              {"问题的解决方式（关联诉求或会议决定）", "projects", {}, true, true},
              [&projects](const RouteCall& call) {
                const Json body = Body(call);
                FieldReader f(body);
                app::IssueResolutionInput in;
                in.matter_id = f.OptionalId("matter_id");
                in.matter_number = f.String("matter_number");
                in.decision_id = f.OptionalId("decision_id");
                f.Check();
                auto view = projects.ResolveIssue(ActorOf(call), PathId(call), in);
                return JsonResponse(200, IssueJson(view.issue, view.solved));
              });
  router_.Add("GET", "/api/v1/public/projects",
              {"民生项目进度（公开，仅统计）", "public", {}, false}, [&projects](const RouteCall&) {
                Json items = Json::array();
                for (const auto& g : projects.PublicProgress()) {
                  items.push_back({{"id", g.id},
                                   {"name", g.name},
                                   {"kind", g.kind},
                                   {"region_name", g.region_name},
                                   {"state", g.state},
                                   {"consent", ConsentJson(g.consent)},
                                   {"issues_solved", g.issues_solved},
                                   {"outside_solved", g.outside_solved}});
                }
                return JsonResponse(200, {{"items", items}});
              });
}

}  // namespace minqing::http
