#include "app/projects.hpp"

#include <set>
#include <utility>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "domain/authz.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/network.hpp"
#include "domain/text.hpp"

namespace minqing::app {
namespace {

using domain::Permission;

constexpr std::size_t kPlanTextMaxChars = 2000;

[[noreturn]] void ProjectNotFound() { throw domain::NotFound("project.not_found", "项目不存在"); }

void ThrowProblems(const std::vector<domain::FieldProblem>& problems, const char* message) {
  if (!problems.empty()) throw domain::InvalidInput("validation.failed", message, problems);
}

std::string ProjectSnapshot(const Project& p) {
  return JsonObjectWriter()
      .Add("name", p.name)
      .Add("kind", p.kind)
      .Add("region_path", p.region_path)
      .Add("state", p.state)
      .Finish();
}

bool Solved(const ProjectIssue& issue) {
  domain::IssueResolution r;
  r.matter_id = issue.matter_id;
  if (issue.matter_status)
    r.matter_status = static_cast<domain::MatterStatus>(*issue.matter_status);
  r.matter_solved = issue.matter_solved;
  r.matter_confirmed_via = issue.matter_confirmed_via;
  r.decision_id = issue.decision_id;
  r.decision_state = issue.decision_state;
  if (issue.decision_matter_status)
    r.decision_matter_status = static_cast<domain::MatterStatus>(*issue.decision_matter_status);
  r.decision_matter_solved = issue.decision_matter_solved;
  r.decision_matter_confirmed_via = issue.decision_matter_confirmed_via;
  return domain::IssueSolved(r);
}

std::vector<ProjectIssueView> IssueViews(StoreTx& tx, domain::Id project_id) {
  std::vector<ProjectIssueView> out;
  for (auto& issue : tx.Projects().ListIssues(project_id)) {
    ProjectIssueView v;
    v.solved = Solved(issue);
    v.issue = std::move(issue);
    out.push_back(std::move(v));
  }
  return out;
}

Project Reload(StoreTx& tx, domain::Id id) {
  auto p = tx.Projects().FindProject(id);
  if (!p) ProjectNotFound();
  return *p;
}

bool IsTeamAccount(StoreTx& tx, const Actor& actor, domain::Id project_id) {
  return actor.user.id != 0 && tx.Projects().IsTeamAccount(project_id, actor.user.id);
}

}  // namespace

ProjectDashboard MakeProjectDashboard(const std::vector<ProjectHousehold>& households,
                                      const std::vector<ProjectPlan>& plans,
                                      const std::vector<ProjectIssueView>& issues,
                                      std::int64_t refusing_after) {
  ProjectDashboard d;
  d.refusing_after = refusing_after;
  for (const auto& h : households) {
    d.consent.Add(h.consent);
    ++d.households;
    d.visits += h.visits;
    if (h.consent == "refused" && h.visits >= refusing_after) d.still_refusing.push_back(h);
  }
  for (const auto& p : plans) {
    if (p.status == "done") {
      ++d.plans_done;
    } else {
      ++d.plans_open;
    }
  }
  for (const auto& v : issues) {
    ++d.issues;
    if (!v.solved) continue;
    ++d.issues_solved;
    if (v.issue.issue_class == "outside_project") ++d.outside_solved;
  }
  return d;
}

Project ProjectService::LoadForManage(StoreTx& tx, const Actor& actor, domain::Id id) {
  Require(actor, Permission::kManageProjects);
  auto p = Reload(tx, id);
  Require(actor, Permission::kManageProjects, p.region_path);
  return p;
}

Project ProjectService::LoadForRecord(StoreTx& tx, const Actor& actor, domain::Id id) {
  Require(actor, Permission::kRecordProjects);
  auto p = Reload(tx, id);
  const bool manager = domain::RoleHas(actor.user.role, Permission::kManageProjects) &&
                       domain::RegionInScope(actor.user, p.region_path);
  if (!manager && !IsTeamAccount(tx, actor, id)) {
    throw domain::Forbidden("project.not_team", "仅项目组成员或本区域管理人员可以登记");
  }
  return p;
}

std::vector<Project> ProjectService::List(const Actor& actor) {
  Require(actor, Permission::kReadProjects);
  auto tx = store_.BeginRead();
  std::vector<Project> out;
  std::set<domain::Id> seen;
  for (auto& p : tx->Projects().ListProjects(actor.user.scope_region_path)) {
    if (!domain::RegionInScope(actor.user, p.region_path)) continue;
    seen.insert(p.id);
    out.push_back(std::move(p));
  }
  for (auto& p : tx->Projects().ListProjectsOfTeamAccount(actor.user.id)) {
    if (seen.insert(p.id).second) out.push_back(std::move(p));
  }
  return out;
}

ProjectDetail ProjectService::Get(const Actor& actor, domain::Id id, std::int64_t refusing_after) {
  Require(actor, Permission::kReadProjects);
  auto tx = store_.BeginRead();
  ProjectDetail d;
  d.project = Reload(*tx, id);
  const bool in_scope = domain::RegionInScope(actor.user, d.project.region_path);
  const bool team = IsTeamAccount(*tx, actor, id);
  if (!in_scope && !team) {
    throw domain::Forbidden("auth.forbidden", "无权访问该区域的数据");
  }
  d.may_manage = in_scope && domain::RoleHas(actor.user.role, Permission::kManageProjects);
  d.may_record =
      domain::RoleHas(actor.user.role, Permission::kRecordProjects) && (d.may_manage || team);
  d.team = tx->Projects().ListTeamMembers(id);
  d.households = tx->Projects().ListHouseholds(id);
  d.plans = tx->Projects().ListPlans(id);
  d.cadence = tx->Projects().ListCadence(id);
  d.issues = IssueViews(*tx, id);
  if (domain::RoleHas(actor.user.role, Permission::kReadMeetings) && in_scope) {
    MeetingFilter filter;
    filter.project_id = id;
    d.meetings = tx->Meetings().ListMeetings(filter, {0, 100, ""}).items;
    for (const auto& m : d.meetings) {
      for (auto& decision : tx->Meetings().ListDecisionsOfMeeting(m.id)) {
        d.decisions.push_back(std::move(decision));
      }
    }
  }
  d.dashboard = MakeProjectDashboard(d.households, d.plans, d.issues,
                                     refusing_after < 1 ? 1 : refusing_after);
  return d;
}

Project ProjectService::Create(const Actor& actor, const ProjectInput& input) {
  Require(actor, Permission::kManageProjects);
  ThrowProblems(domain::CheckProject(input.name, input.kind, input.state, input.description),
                "项目信息有误");
  auto tx = store_.Begin();
  auto region = tx->Registry().FindRegion(input.region_id);
  if (!region) {
    throw domain::InvalidInput("validation.failed", "项目信息有误",
                               {{"region_id", "project.region_required", "请选择项目所在区域"}});
  }
  Require(actor, Permission::kManageProjects, region->path);
  Project p;
  p.id = domain::NewId();
  p.name = input.name;
  p.kind = input.kind;
  p.region_id = region->id;
  p.region_path = region->path;
  p.description = input.description;
  p.state = input.state;
  if (actor.user.id != 0) p.created_by = actor.user.id;
  p.created_at = actor.now;
  p.updated_at = actor.now;
  tx->Projects().InsertProject(p);
  RecordAudit(*tx, actor, "project.create", "project", p.id, "", ProjectSnapshot(p));
  auto out = Reload(*tx, p.id);
  tx->Commit();
  return out;
}

Project ProjectService::Update(const Actor& actor, domain::Id id, const ProjectInput& input) {
  ThrowProblems(domain::CheckProject(input.name, input.kind, input.state, input.description),
                "项目信息有误");
  auto tx = store_.Begin();
  auto before = LoadForManage(*tx, actor, id);
  Project p = before;
  p.name = input.name;
  p.kind = input.kind;
  p.description = input.description;
  p.state = input.state;
  p.updated_at = actor.now;
  tx->Projects().UpdateProject(p);
  RecordAudit(*tx, actor, "project.update", "project", id, ProjectSnapshot(before),
              ProjectSnapshot(p));
  auto out = Reload(*tx, id);
  tx->Commit();
  return out;
}

ProjectTeamMember ProjectService::AddTeamMember(const Actor& actor, domain::Id project_id,
                                                ProjectTeamMember m) {
  auto tx = store_.Begin();
  LoadForManage(*tx, actor, project_id);
  const bool has_ref = (m.kind == "resident" && m.resident_id) ||
                       (m.kind == "party_member" && m.member_id) ||
                       (m.kind == "account" && m.user_id);
  ThrowProblems(domain::CheckTeamMember(m.kind, has_ref, m.name, m.phone), "成员信息有误");
  if (m.kind != "resident") m.resident_id.reset();
  if (m.kind != "party_member") m.member_id.reset();
  if (m.kind != "account") m.user_id.reset();
  if (m.kind != "outside") m.name.clear();
  if (m.resident_id && !tx->Registry().FindResident(*m.resident_id)) {
    throw domain::NotFound("resident.not_found", "居民不存在");
  }
  if (m.member_id && !tx->Registry().FindPartyMember(*m.member_id)) {
    throw domain::NotFound("party.member_not_found", "党员不存在");
  }
  if (m.user_id && !tx->Accounts().FindUser(*m.user_id)) {
    throw domain::NotFound("user.not_found", "账号不存在");
  }
  m.id = domain::NewId();
  m.project_id = project_id;
  m.created_at = actor.now;
  tx->Projects().InsertTeamMember(m);
  RecordAudit(*tx, actor, "project.team_add", "project", project_id, "",
              JsonObjectWriter()
                  .Add("member_id", m.id)
                  .Add("kind", m.kind)
                  .Add("name", m.name)
                  .Add("organisation", m.organisation)
                  .Add("team_role", m.team_role)
                  .Finish());
  for (auto& member : tx->Projects().ListTeamMembers(project_id)) {
    if (member.id == m.id) m = member;
  }
  tx->Commit();
  return m;
}

std::int64_t ProjectService::AddHouseholds(const Actor& actor, domain::Id project_id,
                                           const ProjectHouseholdSelection& selection) {
  auto tx = store_.Begin();
  auto p = LoadForManage(*tx, actor, project_id);
  std::vector<domain::Id> ids;
  if (selection.region_id || !selection.address_part.empty()) {
    std::string prefix = p.region_path;
    if (selection.region_id) {
      auto region = tx->Registry().FindRegion(*selection.region_id);
      if (!region) throw domain::NotFound("region.not_found", "区域不存在");
      if (region->path.rfind(p.region_path, 0) != 0) {
        throw domain::InvalidInput("project.household_outside", "所选区域不在项目范围内");
      }
      prefix = region->path;
    }
    ids = tx->Projects().HouseholdIdsMatching(prefix, selection.address_part);
  }
  for (domain::Id id : selection.household_ids) {
    auto h = tx->Registry().FindHousehold(id);
    if (!h) throw domain::NotFound("household.not_found", "户不存在");
    if (h->region_path.rfind(p.region_path, 0) != 0) {
      throw domain::InvalidInput("project.household_outside", "该户不在项目范围内");
    }
    ids.push_back(id);
  }
  std::set<domain::Id> seen;
  for (domain::Id id : ids) {
    if (!seen.insert(id).second) {
      throw domain::Conflict("project.household_twice", "同一户不能重复加入项目");
    }
    ProjectHousehold ph;
    ph.project_id = project_id;
    ph.household_id = id;
    ph.added_at = actor.now;
    tx->Projects().InsertHousehold(ph);
  }
  RecordAudit(*tx, actor, "project.households_add", "project", project_id, "",
              JsonObjectWriter().Add("count", static_cast<std::int64_t>(ids.size())).Finish());
  tx->Commit();
  return static_cast<std::int64_t>(ids.size());
}

namespace {

// The visit `visit_id` of a project household, linked to the project in `tx` when it is not yet;
// InvalidInput "project.consent_needs_visit" when it is not a visit of that household or is
// linked to another project.
void LinkVisitIn(StoreTx& tx, const Actor& actor, domain::Id project_id,
                 std::optional<domain::Id> household_id, domain::Id visit_id) {
  auto visit = tx.Network().FindVisit(visit_id);
  if (!visit) {
    throw domain::InvalidInput("project.consent_needs_visit", "走访记录不存在");
  }
  if (household_id && visit->household_id != *household_id) {
    throw domain::InvalidInput("project.consent_needs_visit", "该走访记录不是本户的");
  }
  if (!tx.Projects().FindHousehold(project_id, visit->household_id)) {
    throw domain::NotFound("project.household_not_found", "该户不在项目中");
  }
  auto link = tx.Projects().FindVisitLink(visit_id);
  if (link) {
    if (link->project_id != project_id) {
      throw domain::InvalidInput("project.consent_needs_visit", "该走访记录已关联其他项目");
    }
    return;
  }
  ProjectVisitLink l;
  l.visit_id = visit_id;
  l.project_id = project_id;
  l.household_id = visit->household_id;
  l.linked_at = actor.now;
  tx.Projects().InsertVisitLink(l);
  RecordAudit(tx, actor, "project.visit_link", "project", project_id, "",
              JsonObjectWriter()
                  .Add("visit_id", visit_id)
                  .Add("household_id", visit->household_id)
                  .Finish());
}

}  // namespace

void ProjectService::LinkVisit(const Actor& actor, domain::Id project_id, domain::Id visit_id) {
  auto tx = store_.Begin();
  LoadForRecord(*tx, actor, project_id);
  LinkVisitIn(*tx, actor, project_id, std::nullopt, visit_id);
  tx->Commit();
}

namespace {

// Checks and writes a consent change of a project household on `input.visit_id`, linking the
// visit to the project; audited.
void ApplyConsent(StoreTx& tx, const Actor& actor, domain::Id project_id, ProjectHousehold& h,
                  const ConsentInput& input) {
  const domain::Id household_id = h.household_id;
  std::optional<domain::ConsentVisit> cv;
  if (input.visit_id) {
    if (auto visit = tx.Network().FindVisit(*input.visit_id)) {
      domain::ConsentVisit c;
      c.household_id = visit->household_id;
      if (auto link = tx.Projects().FindVisitLink(*input.visit_id)) c.project_id = link->project_id;
      cv = c;
    }
  }
  domain::CheckConsentChange(project_id, household_id, h.consent, input.consent, cv);
  LinkVisitIn(tx, actor, project_id, household_id, *input.visit_id);
  const std::string before = h.consent;
  h.consent = input.consent;
  h.consent_visit_id = input.visit_id;
  h.consent_at = actor.now;
  tx.Projects().UpdateConsent(h);
  RecordAudit(tx, actor, "project.consent", "project", project_id,
              JsonObjectWriter().Add("household_id", household_id).Add("consent", before).Finish(),
              JsonObjectWriter()
                  .Add("household_id", household_id)
                  .Add("consent", h.consent)
                  .Add("visit_id", *input.visit_id)
                  .Finish());
}

}  // namespace

ProjectHousehold ProjectService::RecordConsent(const Actor& actor, domain::Id project_id,
                                               domain::Id household_id, const ConsentInput& input) {
  auto tx = store_.Begin();
  LoadForRecord(*tx, actor, project_id);
  auto h = tx->Projects().FindHousehold(project_id, household_id);
  if (!h) throw domain::NotFound("project.household_not_found", "该户不在项目中");
  ApplyConsent(*tx, actor, project_id, *h, input);
  auto out = tx->Projects().FindHousehold(project_id, household_id);
  tx->Commit();
  return *out;
}

ProjectHousehold ProjectService::RecordVisit(const Actor& actor, domain::Id project_id,
                                             domain::Id household_id,
                                             const ProjectVisitInput& input) {
  auto tx = store_.Begin();
  LoadForRecord(*tx, actor, project_id);
  const std::string learned = domain::Trim(input.learned);
  if (learned.empty() || domain::Utf8Length(learned) > 2000) {
    throw domain::InvalidInput("visit.empty", "请填写走访了解到的情况（2000字以内）");
  }
  auto h = tx->Projects().FindHousehold(project_id, household_id);
  if (!h) throw domain::NotFound("project.household_not_found", "该户不在项目中");
  auto household = tx->Registry().FindHousehold(household_id);
  if (!household) throw domain::NotFound("project.household_not_found", "该户不在项目中");
  domain::Visit visit;
  visit.id = domain::NewId();
  visit.household_id = household_id;
  visit.region_path = household->region_path;
  visit.visitor_user_id = actor.user.id;
  visit.visitor_kind = actor.user.role == domain::Role::kVillageAssistant
                           ? domain::VisitorKind::kVillageAssistant
                           : domain::VisitorKind::kCadre;
  visit.visited_at = actor.now;
  visit.learned = learned;
  visit.created_at = actor.now;
  tx->Network().InsertVisit(visit);
  RecordAudit(*tx, actor, "visit.log", "visit", visit.id, "",
              JsonObjectWriter()
                  .Add("household_id", household_id)
                  .Add("kind", domain::VisitKindCode(visit.kind))
                  .Add("project_id", project_id)
                  .Finish());
  if (input.consent.empty()) {
    LinkVisitIn(*tx, actor, project_id, household_id, visit.id);
  } else {
    ApplyConsent(*tx, actor, project_id, *h, {input.consent, visit.id});
  }
  auto out = tx->Projects().FindHousehold(project_id, household_id);
  tx->Commit();
  return *out;
}

ProjectPlan ProjectService::SavePlan(const Actor& actor, ProjectPlan plan) {
  auto tx = store_.Begin();
  LoadForRecord(*tx, actor, plan.project_id);
  if (!tx->Projects().FindHousehold(plan.project_id, plan.household_id)) {
    throw domain::NotFound("project.household_not_found", "该户不在项目中");
  }
  std::vector<domain::FieldProblem> problems;
  if (!domain::IsPlanStatus(plan.status)) {
    problems.push_back({"status", "project.bad_status", "状态无效"});
  }
  if (plan.needs.empty() || plan.needs.size() > kPlanTextMaxChars * 3) {
    problems.push_back({"needs", "project.bad_needs", "请填写需求"});
  }
  if (plan.measures.size() > kPlanTextMaxChars * 3) {
    problems.push_back({"measures", "project.bad_measures", "措施过长"});
  }
  if (plan.owner.empty()) problems.push_back({"owner", "project.bad_owner", "请填写责任人"});
  ThrowProblems(problems, "一户一策信息有误");
  plan.updated_at = actor.now;
  tx->Projects().UpsertPlan(plan);
  RecordAudit(*tx, actor, "project.plan", "project", plan.project_id, "",
              JsonObjectWriter()
                  .Add("household_id", plan.household_id)
                  .Add("owner", plan.owner)
                  .Add("status", plan.status)
                  .Finish());
  tx->Commit();
  return plan;
}

ProjectCadence ProjectService::LogCadence(const Actor& actor, ProjectCadence c) {
  auto tx = store_.Begin();
  LoadForManage(*tx, actor, c.project_id);
  std::vector<domain::FieldProblem> problems;
  if (!domain::IsCadenceKind(c.kind)) problems.push_back({"kind", "project.bad_kind", "类别无效"});
  if (c.week.empty() || c.week.size() > 20) {
    problems.push_back({"week", "project.bad_week", "请填写周次"});
  }
  if (c.held_on.size() != 10) problems.push_back({"held_on", "project.bad_date", "请填写日期"});
  if (c.who.empty()) problems.push_back({"who", "project.bad_who", "请填写参加人"});
  if (c.log.empty() || c.log.size() > kPlanTextMaxChars * 3) {
    problems.push_back({"log", "project.bad_log", "请填写记录"});
  }
  ThrowProblems(problems, "例会记录有误");
  c.id = domain::NewId();
  if (actor.user.id != 0) c.created_by = actor.user.id;
  c.created_at = actor.now;
  tx->Projects().InsertCadence(c);
  RecordAudit(*tx, actor, "project.cadence", "project", c.project_id, "",
              JsonObjectWriter().Add("kind", c.kind).Add("week", c.week).Finish());
  tx->Commit();
  return c;
}

ProjectIssue ProjectService::AddIssue(const Actor& actor, domain::Id project_id,
                                      const IssueInput& input) {
  auto tx = store_.Begin();
  LoadForManage(*tx, actor, project_id);
  ThrowProblems(domain::CheckIssue(input.issue_class, input.text, input.owner, input.due_at),
                "问题信息有误");
  if (input.household_id && !tx->Projects().FindHousehold(project_id, *input.household_id)) {
    throw domain::NotFound("project.household_not_found", "该户不在项目中");
  }
  ProjectIssue i;
  i.id = domain::NewId();
  i.project_id = project_id;
  i.household_id = input.household_id;
  i.issue_class = input.issue_class;
  i.text = input.text;
  i.owner = input.owner;
  i.due_at = *input.due_at;
  if (actor.user.id != 0) i.created_by = actor.user.id;
  i.created_at = actor.now;
  i.updated_at = actor.now;
  tx->Projects().InsertIssue(i);
  RecordAudit(*tx, actor, "project.issue_add", "project", project_id, "",
              JsonObjectWriter()
                  .Add("issue_id", i.id)
                  .Add("class", i.issue_class)
                  .Add("owner", i.owner)
                  .Finish());
  auto out = tx->Projects().FindIssue(i.id);
  tx->Commit();
  return *out;
}

ProjectIssueView ProjectService::ResolveIssue(const Actor& actor, domain::Id issue_id,
                                              const IssueResolutionInput& input) {
  auto tx = store_.Begin();
  Require(actor, Permission::kManageProjects);
  auto issue = tx->Projects().FindIssue(issue_id);
  if (!issue) throw domain::NotFound("project.issue_not_found", "问题不存在");
  LoadForManage(*tx, actor, issue->project_id);
  const bool names_matter = input.matter_id || !input.matter_number.empty();
  if (names_matter == input.decision_id.has_value() ||
      (input.matter_id && !input.matter_number.empty())) {
    throw domain::InvalidInput("project.issue_resolution",
                               "请关联一件诉求或一项会议决定（二选一）");
  }
  const std::optional<domain::Id> decision_id = input.decision_id;
  std::optional<domain::Id> matter_id;
  if (decision_id) {
    auto d = tx->Meetings().FindDecision(*decision_id);
    if (!d) throw domain::NotFound("meeting.decision_not_found", "会议决定不存在");
    Require(actor, Permission::kReadMeetings, d->region_path);
  } else {
    auto m = input.matter_id ? tx->Matters().FindMatter(*input.matter_id)
                             : tx->Matters().FindMatterByNumber(input.matter_number);
    if (!m) throw domain::NotFound("matter.not_found", "诉求不存在");
    Require(actor, Permission::kMatterRead, m->region_path);
    matter_id = m->id;
  }
  const std::string before = JsonObjectWriter()
                                 .Add("matter_id", issue->matter_id)
                                 .Add("decision_id", issue->decision_id)
                                 .Finish();
  issue->matter_id = matter_id;
  issue->decision_id = decision_id;
  issue->updated_at = actor.now;
  tx->Projects().UpdateIssueResolution(*issue);
  RecordAudit(*tx, actor, "project.issue_resolve", "project", issue->project_id, before,
              JsonObjectWriter()
                  .Add("issue_id", issue_id)
                  .Add("matter_id", matter_id)
                  .Add("decision_id", decision_id)
                  .Finish());
  ProjectIssueView out;
  out.issue = *tx->Projects().FindIssue(issue_id);
  out.solved = Solved(out.issue);
  tx->Commit();
  return out;
}

std::vector<ProjectProgress> ProjectService::PublicProgress() {
  auto tx = store_.BeginRead();
  std::vector<ProjectProgress> out;
  for (auto& p : tx->Projects().ListProjects("")) {
    ProjectProgress g;
    g.id = p.id;
    g.name = p.name;
    g.kind = p.kind;
    g.region_name = p.region_name;
    g.state = p.state;
    auto issues = IssueViews(*tx, p.id);
    auto d = MakeProjectDashboard(tx->Projects().ListHouseholds(p.id), {}, issues, 1);
    g.consent = d.consent;
    g.issues_solved = d.issues_solved;
    g.outside_solved = d.outside_solved;
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace minqing::app
