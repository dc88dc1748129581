#include "storage/sql_project_repository.hpp"

#include <utility>

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

app::Project ReadProject(const Row& row) {
  app::Project p;
  p.id = row.GetInt64(0);
  p.name = row.GetText(1);
  p.kind = row.GetText(2);
  p.region_id = row.GetInt64(3);
  p.region_path = row.GetText(4);
  p.region_name = row.GetText(5);
  p.description = row.GetText(6);
  p.state = row.GetText(7);
  p.created_by = row.GetOptionalInt64(8);
  p.created_at = row.GetInt64(9);
  p.updated_at = row.GetInt64(10);
  return p;
}

app::ProjectTeamMember ReadMember(const Row& row) {
  app::ProjectTeamMember m;
  m.id = row.GetInt64(0);
  m.project_id = row.GetInt64(1);
  m.kind = row.GetText(2);
  m.resident_id = row.GetOptionalInt64(3);
  m.member_id = row.GetOptionalInt64(4);
  m.user_id = row.GetOptionalInt64(5);
  m.name = row.GetText(6);
  m.organisation = row.GetText(7);
  m.phone = row.GetText(8);
  m.team_role = row.GetText(9);
  m.created_at = row.GetInt64(10);
  return m;
}

app::ProjectHousehold ReadHousehold(const Row& row) {
  app::ProjectHousehold h;
  h.project_id = row.GetInt64(0);
  h.household_id = row.GetInt64(1);
  h.number = row.GetText(2);
  h.address = row.GetText(3);
  h.region_path = row.GetText(4);
  h.consent = row.GetText(5);
  h.consent_visit_id = row.GetOptionalInt64(6);
  h.consent_at = row.GetOptionalInt64(7);
  h.added_at = row.GetInt64(8);
  h.visits = row.GetInt64(9);
  return h;
}

app::ProjectPlan ReadPlan(const Row& row) {
  app::ProjectPlan p;
  p.project_id = row.GetInt64(0);
  p.household_id = row.GetInt64(1);
  p.needs = row.GetText(2);
  p.measures = row.GetText(3);
  p.owner = row.GetText(4);
  p.status = row.GetText(5);
  p.updated_at = row.GetInt64(6);
  return p;
}

app::ProjectCadence ReadCadence(const Row& row) {
  app::ProjectCadence c;
  c.id = row.GetInt64(0);
  c.project_id = row.GetInt64(1);
  c.kind = row.GetText(2);
  c.week = row.GetText(3);
  c.held_on = row.GetText(4);
  c.who = row.GetText(5);
  c.log = row.GetText(6);
  c.created_by = row.GetOptionalInt64(7);
  c.created_at = row.GetInt64(8);
  return c;
}

app::ProjectIssue ReadIssue(const Row& row) {
  app::ProjectIssue i;
  i.id = row.GetInt64(0);
  i.project_id = row.GetInt64(1);
  i.household_id = row.GetOptionalInt64(2);
  i.issue_class = row.GetText(3);
  i.text = row.GetText(4);
  i.owner = row.GetText(5);
  i.due_at = row.GetInt64(6);
  i.matter_id = row.GetOptionalInt64(7);
  i.decision_id = row.GetOptionalInt64(8);
  i.created_by = row.GetOptionalInt64(9);
  i.created_at = row.GetInt64(10);
  i.updated_at = row.GetInt64(11);
  i.matter_number = row.GetText(12);
  if (auto status = row.GetOptionalInt64(13)) i.matter_status = static_cast<int>(*status);
  if (auto solved = row.GetOptionalInt64(14)) i.matter_solved = *solved != 0;
  i.matter_confirmed_via = row.GetText(15);
  i.decision_text = row.GetText(16);
  i.decision_state = row.GetText(17);
  if (auto status = row.GetOptionalInt64(18)) i.decision_matter_status = static_cast<int>(*status);
  if (auto solved = row.GetOptionalInt64(19)) i.decision_matter_solved = *solved != 0;
  i.decision_matter_confirmed_via = row.GetText(20);
  i.decision_matter_number = row.GetText(21);
  return i;
}

class SqlProjectRepository final : public app::ProjectRepository {
 public:
  explicit SqlProjectRepository(Connection& conn) : conn_(conn) {}

  void InsertProject(const app::Project& p) override {
    RunSql(conn_, sql::project_insert,
           {p.id, p.name, p.kind, p.region_id, p.region_path, p.description, p.state,
            OptionalValue(p.created_by), p.created_at, p.updated_at});
  }

  void UpdateProject(const app::Project& p) override {
    RequireOneRow(RunSql(conn_, sql::project_update,
                         {p.id, p.name, p.kind, p.description, p.state, p.updated_at}),
                  "project.not_found", "项目不存在");
  }

  std::optional<app::Project> FindProject(domain::Id id) override {
    QueryBuilder b;
    b.Where("p.id = " + b.Param(id));
    return First<app::Project>(SelectRows(conn_, sql::project_select, b.WhereClause(), b.params()),
                               ReadProject);
  }

  std::vector<app::Project> ListProjects(const std::string& region_path_prefix) override {
    QueryBuilder b;
    if (!region_path_prefix.empty()) {
      b.Where("p.region_path LIKE " + b.Param(PathPrefixPattern(region_path_prefix)));
    }
    return ReadAll<app::Project>(
        SelectRows(conn_, sql::project_select,
                   b.WhereClause() + " ORDER BY p.created_at DESC, p.id DESC", b.params()),
        ReadProject);
  }

  std::vector<app::Project> ListProjectsOfTeamAccount(domain::Id user_id) override {
    QueryBuilder b;
    b.Where("p.id IN (SELECT t.project_id FROM project_team_members t WHERE t.user_id = " +
            b.Param(user_id) + ")");
    return ReadAll<app::Project>(
        SelectRows(conn_, sql::project_select,
                   b.WhereClause() + " ORDER BY p.created_at DESC, p.id DESC", b.params()),
        ReadProject);
  }

  void InsertTeamMember(const app::ProjectTeamMember& m) override {
    RunSql(conn_, sql::project_member_insert,
           {m.id, m.project_id, m.kind, OptionalValue(m.resident_id), OptionalValue(m.member_id),
            OptionalValue(m.user_id), m.name, m.organisation, m.phone, m.team_role, m.created_at});
  }

  std::vector<app::ProjectTeamMember> ListTeamMembers(domain::Id project_id) override {
    return ReadAll<app::ProjectTeamMember>(
        QueryRows(conn_, sql::project_member_select, {project_id}), ReadMember);
  }

  bool IsTeamAccount(domain::Id project_id, domain::Id user_id) override {
    return QueryRows(conn_, sql::project_member_is_account, {project_id, user_id})
               .at(0)
               .GetInt64(0) > 0;
  }

  std::vector<domain::Id> HouseholdIdsMatching(const std::string& region_path_prefix,
                                               const std::string& address_part) override {
    QueryBuilder b;
    b.Where("h.region_path LIKE " + b.Param(PathPrefixPattern(region_path_prefix)));
    if (!address_part.empty()) {
      std::string pattern(1, '%');
      pattern.append(EscapeLike(address_part));
      pattern.push_back('%');
      b.Where("h.address LIKE " + b.Param(std::move(pattern)) + " ESCAPE '\\'");
    }
    std::vector<domain::Id> out;
    for (const Row& row : SelectRows(conn_, sql::project_household_ids,
                                     b.WhereClause() + " ORDER BY h.number", b.params())) {
      out.push_back(row.GetInt64(0));
    }
    return out;
  }

  void InsertHousehold(const app::ProjectHousehold& h) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::project_household_insert,
                 {h.project_id, h.household_id, h.consent, OptionalValue(h.consent_visit_id),
                  OptionalValue(h.consent_at), h.added_at});
        },
        "project.household_twice", "该户已在项目中");
  }

  std::optional<app::ProjectHousehold> FindHousehold(domain::Id project_id,
                                                     domain::Id household_id) override {
    QueryBuilder b;
    b.Where("ph.project_id = " + b.Param(project_id));
    b.Where("ph.household_id = " + b.Param(household_id));
    return First<app::ProjectHousehold>(
        SelectRows(conn_, sql::project_household_select, b.WhereClause(), b.params()),
        ReadHousehold);
  }

  std::vector<app::ProjectHousehold> ListHouseholds(domain::Id project_id) override {
    QueryBuilder b;
    b.Where("ph.project_id = " + b.Param(project_id));
    return ReadAll<app::ProjectHousehold>(
        SelectRows(conn_, sql::project_household_select, b.WhereClause() + " ORDER BY h.number",
                   b.params()),
        ReadHousehold);
  }

  void UpdateConsent(const app::ProjectHousehold& h) override {
    RequireOneRow(RunSql(conn_, sql::project_consent_update,
                         {h.project_id, h.household_id, h.consent,
                          OptionalValue(h.consent_visit_id), OptionalValue(h.consent_at)}),
                  "project.household_not_found", "该户不在项目中");
  }

  std::optional<app::ProjectVisitLink> FindVisitLink(domain::Id visit_id) override {
    auto rows = QueryRows(conn_, sql::project_visit_select, {visit_id});
    if (rows.empty()) return std::nullopt;
    app::ProjectVisitLink link;
    link.visit_id = rows[0].GetInt64(0);
    link.project_id = rows[0].GetInt64(1);
    link.household_id = rows[0].GetInt64(2);
    link.linked_at = rows[0].GetInt64(3);
    return link;
  }

  void InsertVisitLink(const app::ProjectVisitLink& link) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::project_visit_insert,
                 {link.visit_id, link.project_id, link.household_id, link.linked_at});
        },
        "project.visit_linked", "该走访记录已关联项目");
  }

  void UpsertPlan(const app::ProjectPlan& p) override {
    RunSql(conn_, sql::project_plan_delete, {p.project_id, p.household_id});
    RunSql(conn_, sql::project_plan_insert,
           {p.project_id, p.household_id, p.needs, p.measures, p.owner, p.status, p.updated_at});
  }

  std::vector<app::ProjectPlan> ListPlans(domain::Id project_id) override {
    return ReadAll<app::ProjectPlan>(QueryRows(conn_, sql::project_plan_select, {project_id}),
                                     ReadPlan);
  }

  void InsertCadence(const app::ProjectCadence& c) override {
    RunSql(conn_, sql::project_cadence_insert,
           {c.id, c.project_id, c.kind, c.week, c.held_on, c.who, c.log,
            OptionalValue(c.created_by), c.created_at});
  }

  std::vector<app::ProjectCadence> ListCadence(domain::Id project_id) override {
    return ReadAll<app::ProjectCadence>(QueryRows(conn_, sql::project_cadence_select, {project_id}),
                                        ReadCadence);
  }

  void InsertIssue(const app::ProjectIssue& i) override {
    RunSql(conn_, sql::project_issue_insert,
           {i.id, i.project_id, OptionalValue(i.household_id), i.issue_class, i.text, i.owner,
            i.due_at, OptionalValue(i.matter_id), OptionalValue(i.decision_id),
            OptionalValue(i.created_by), i.created_at, i.updated_at});
  }

  std::optional<app::ProjectIssue> FindIssue(domain::Id id) override {
    QueryBuilder b;
    b.Where("i.id = " + b.Param(id));
    return First<app::ProjectIssue>(
        SelectRows(conn_, sql::project_issue_select, b.WhereClause(), b.params()), ReadIssue);
  }

  void UpdateIssueResolution(const app::ProjectIssue& i) override {
    RequireOneRow(
        RunSql(conn_, sql::project_issue_resolve,
               {i.id, OptionalValue(i.matter_id), OptionalValue(i.decision_id), i.updated_at}),
        "project.issue_not_found", "问题不存在");
  }

  std::vector<app::ProjectIssue> ListIssues(domain::Id project_id) override {
    QueryBuilder b;
    b.Where("i.project_id = " + b.Param(project_id));
    return ReadAll<app::ProjectIssue>(
        SelectRows(conn_, sql::project_issue_select,
                   b.WhereClause() + " ORDER BY i.created_at, i.id", b.params()),
        ReadIssue);
  }

 private:
  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::ProjectRepository> MakeSqlProjectRepository(Connection& conn) {
  return std::make_unique<SqlProjectRepository>(conn);
}

}  // namespace minqing::storage
