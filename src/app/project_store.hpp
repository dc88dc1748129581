// The repository of livelihood projects (民生项目): projects, their joint teams (members from the
// registry or from outside it), the households they touch with each one's consent, the diary
// visits linked to a project, one-household plans (一户一策), the weekly cadence log and the issue
// log. Lists are in a fixed order; region paths filter by prefix (a reader's scope).
// Thread-safety: as the transaction it belongs to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"

namespace minqing::app {

struct Project {
  domain::Id id = 0;
  std::string name;
  std::string kind;  // domain::kProjectKinds
  domain::Id region_id = 0;
  std::string region_path;
  std::string region_name;  // Filled by queries.
  std::string description;
  std::string state;  // domain::kProjectStates
  std::optional<domain::Id> created_by;
  domain::Epoch created_at = 0;
  domain::Epoch updated_at = 0;
};

// One member of a project's joint team. kind "outside" stands alone (name, organisation, phone);
// the other kinds name a registry resident, a party member or an account.
struct ProjectTeamMember {
  domain::Id id = 0;
  domain::Id project_id = 0;
  std::string kind;  // domain::kTeamMemberKinds
  std::optional<domain::Id> resident_id;
  std::optional<domain::Id> member_id;
  std::optional<domain::Id> user_id;
  std::string name;  // Outside people's own; for the others filled by queries from the record.
  std::string organisation;
  std::string phone;
  std::string team_role;  // 支部书记, 施工方代表, ...
  domain::Epoch created_at = 0;
};

struct ProjectHousehold {
  domain::Id project_id = 0;
  domain::Id household_id = 0;
  std::string number;       // Filled by queries.
  std::string address;      // Filled by queries.
  std::string region_path;  // Filled by queries.
  std::string consent = "not_visited";
  std::optional<domain::Id> consent_visit_id;
  std::optional<domain::Epoch> consent_at;
  domain::Epoch added_at = 0;
  std::int64_t visits = 0;  // Diary visits linked to the project, filled by queries.
};

struct ProjectVisitLink {
  domain::Id visit_id = 0;
  domain::Id project_id = 0;
  domain::Id household_id = 0;
  domain::Epoch linked_at = 0;
};

struct ProjectPlan {
  domain::Id project_id = 0;
  domain::Id household_id = 0;
  std::string needs;
  std::string measures;
  std::string owner;
  std::string status = "open";  // "open" or "done"
  domain::Epoch updated_at = 0;
};

struct ProjectCadence {
  domain::Id id = 0;
  domain::Id project_id = 0;
  std::string kind;  // domain::kCadenceKinds
  std::string week;  // "2026-W49"
  std::string held_on;
  std::string who;
  std::string log;
  std::optional<domain::Id> created_by;
  domain::Epoch created_at = 0;
};

struct ProjectIssue {
  domain::Id id = 0;
  domain::Id project_id = 0;
  std::optional<domain::Id> household_id;
  std::string issue_class;  // domain::kIssueClasses
  std::string text;
  std::string owner;
  domain::Epoch due_at = 0;
  std::optional<domain::Id> matter_id;
  std::optional<domain::Id> decision_id;  // A meeting decision (meeting_decisions).
  std::optional<domain::Id> created_by;
  domain::Epoch created_at = 0;
  domain::Epoch updated_at = 0;
  // The linked matter as it stands, filled by queries (never copied).
  std::string matter_number;
  std::optional<int> matter_status;
  std::optional<bool> matter_solved;
  std::string matter_confirmed_via;
  // The linked decision as it stands, and the matter it turned into, filled by queries.
  std::string decision_text;
  std::string decision_state;
  std::optional<int> decision_matter_status;
  std::optional<bool> decision_matter_solved;
  std::string decision_matter_confirmed_via;
  std::string decision_matter_number;
};

class ProjectRepository {
 public:
  virtual ~ProjectRepository() = default;

  virtual void InsertProject(const Project& project) = 0;
  // Writes name, kind, description, state, updated_at.
  virtual void UpdateProject(const Project& project) = 0;
  virtual std::optional<Project> FindProject(domain::Id id) = 0;
  // Projects under `region_path_prefix` ("" all), newest first.
  virtual std::vector<Project> ListProjects(const std::string& region_path_prefix) = 0;
  // Projects whose team has the account `user_id`, newest first.
  virtual std::vector<Project> ListProjectsOfTeamAccount(domain::Id user_id) = 0;

  virtual void InsertTeamMember(const ProjectTeamMember& member) = 0;
  virtual std::vector<ProjectTeamMember> ListTeamMembers(domain::Id project_id) = 0;
  virtual bool IsTeamAccount(domain::Id project_id, domain::Id user_id) = 0;

  // The ids of households under `region_path_prefix` whose address contains `address_part`
  // ("" any), by household number.
  virtual std::vector<domain::Id> HouseholdIdsMatching(const std::string& region_path_prefix,
                                                       const std::string& address_part) = 0;
  // Throws Conflict "project.household_twice" when the household is in the project already.
  virtual void InsertHousehold(const ProjectHousehold& household) = 0;
  virtual std::optional<ProjectHousehold> FindHousehold(domain::Id project_id,
                                                        domain::Id household_id) = 0;
  // By household number, with visit counts.
  virtual std::vector<ProjectHousehold> ListHouseholds(domain::Id project_id) = 0;
  // Writes consent, consent_visit_id, consent_at.
  virtual void UpdateConsent(const ProjectHousehold& household) = 0;

  virtual std::optional<ProjectVisitLink> FindVisitLink(domain::Id visit_id) = 0;
  virtual void InsertVisitLink(const ProjectVisitLink& link) = 0;

  // Inserts or replaces the plan of (project, household).
  virtual void UpsertPlan(const ProjectPlan& plan) = 0;
  virtual std::vector<ProjectPlan> ListPlans(domain::Id project_id) = 0;

  virtual void InsertCadence(const ProjectCadence& entry) = 0;
  // Newest held_on first.
  virtual std::vector<ProjectCadence> ListCadence(domain::Id project_id) = 0;

  virtual void InsertIssue(const ProjectIssue& issue) = 0;
  virtual std::optional<ProjectIssue> FindIssue(domain::Id id) = 0;
  // Writes matter_id, decision_id, updated_at.
  virtual void UpdateIssueResolution(const ProjectIssue& issue) = 0;
  // Oldest first.
  virtual std::vector<ProjectIssue> ListIssues(domain::Id project_id) = 0;
};

}  // namespace minqing::app
