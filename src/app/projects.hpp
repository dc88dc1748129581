// Livelihood projects (民生项目, seed practice 1: the joint branches of Beijing Guangwai).
//
// A project (name, kind, region, description, state) touches households chosen by region subtree,
// by address text or by a list of ids; a household added twice is refused
// (Conflict "project.household_twice") and nothing of that request is written. Its joint team
// (联合党支部) takes registry residents, party members, accounts and people from outside the
// registry (name, organisation, phone, role in the team). Each household has a consent state
// (not_visited, undecided, agreed, refused); a change names a diary visit (民情日记, the network's
// visits) of that household, which it links to the project (InvalidInput
// "project.consent_needs_visit" otherwise); visits linked to the project are counted per
// household. One-household plans (一户一策), the weekly cadence log (progress review, on-site
// office day, safety inspection) and the issue log (in_project / outside_project /
// after_project, owner, due date) complete it. An issue is solved when its linked matter is
// closed by the resident's sign-off (read from the matter, never copied) or when a meeting
// decision it names is followed to completion (done by its owner, or its matter signed off).
//
// Authorisation: projects.read in the project's region scope (or as a team account);
// projects.manage in scope for everything else; projects.record (consent, visits, plans) in scope
// with projects.manage, or as an account on the project's team. Every change is audited
// (entity "project"). The public view shows counts only (no household names or addresses).
//
// Caches: none. Thread-safety: every method may be called concurrently from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/meeting_store.hpp"
#include "app/store.hpp"
#include "domain/projects.hpp"

namespace minqing::app {

struct ProjectInput {
  std::string name;
  std::string kind = "old_compound";
  domain::Id region_id = 0;  // Ignored by Update (a project keeps its region).
  std::string description;
  std::string state = "planning";
};

// Which households to add: every household under `region_id` (a region inside the project's),
// those among them whose address contains `address_part`, and/or the ids listed.
struct ProjectHouseholdSelection {
  std::optional<domain::Id> region_id;
  std::string address_part;
  std::vector<domain::Id> household_ids;
};

struct ConsentInput {
  std::string consent;
  std::optional<domain::Id> visit_id;
};

// A door visit made for the project by a member of its team (民情日记 entry, linked to the
// project), with the household's consent as it stands after the visit ("" leaves it).
struct ProjectVisitInput {
  std::string learned;
  std::string consent;
};

struct ProjectDashboard {
  domain::ConsentCounts consent;
  std::int64_t households = 0;
  std::int64_t visits = 0;
  // Households still refusing after at least `refusing_after` visits.
  std::int64_t refusing_after = 0;
  std::vector<ProjectHousehold> still_refusing;
  std::int64_t plans_open = 0;
  std::int64_t plans_done = 0;
  std::int64_t issues = 0;
  std::int64_t issues_solved = 0;
  std::int64_t outside_solved = 0;  // Problems outside the project, solved (办成的项目外问题).
};

struct IssueResolutionInput {
  std::optional<domain::Id> matter_id;
  std::string matter_number;  // Instead of matter_id: the matter's receipt number.
  std::optional<domain::Id> decision_id;
};

struct ProjectIssueView {
  ProjectIssue issue;
  bool solved = false;
};

struct ProjectDetail {
  Project project;
  std::vector<ProjectTeamMember> team;
  std::vector<ProjectHousehold> households;
  std::vector<ProjectPlan> plans;
  std::vector<ProjectCadence> cadence;
  std::vector<ProjectIssueView> issues;
  // The meetings that name the project (newest first, at most 100) and their decisions, for
  // readers with meetings.read in the project's region; empty otherwise.
  std::vector<Meeting> meetings;
  std::vector<MeetingDecision> decisions;
  ProjectDashboard dashboard;
  bool may_manage = false;
  bool may_record = false;
};

// The public progress of a project: no household names or addresses.
struct ProjectProgress {
  domain::Id id = 0;
  std::string name;
  std::string kind;
  std::string region_name;
  std::string state;
  domain::ConsentCounts consent;
  std::int64_t issues_solved = 0;
  std::int64_t outside_solved = 0;
};

struct IssueInput {
  std::string issue_class;
  std::string text;
  std::string owner;
  std::optional<domain::Epoch> due_at;
  std::optional<domain::Id> household_id;
};

// Computes the dashboard from a project's lists (`refusing_after` visits: see ProjectDashboard).
ProjectDashboard MakeProjectDashboard(const std::vector<ProjectHousehold>& households,
                                      const std::vector<ProjectPlan>& plans,
                                      const std::vector<ProjectIssueView>& issues,
                                      std::int64_t refusing_after);

class ProjectService {
 public:
  explicit ProjectService(Store& store) : store_(store) {}

  // projects.read: projects in the caller's scope and those whose team has the caller.
  std::vector<Project> List(const Actor& actor);
  // projects.read (scope or team). `refusing_after` defaults to 3 visits.
  ProjectDetail Get(const Actor& actor, domain::Id id, std::int64_t refusing_after = 3);
  // projects.manage in the region's scope. InvalidInput "validation.failed".
  Project Create(const Actor& actor, const ProjectInput& input);
  Project Update(const Actor& actor, domain::Id id, const ProjectInput& input);

  // projects.manage. InvalidInput "validation.failed"; NotFound for a registry record named.
  ProjectTeamMember AddTeamMember(const Actor& actor, domain::Id project_id,
                                  ProjectTeamMember member);
  // projects.manage. The households added (their count); Conflict "project.household_twice";
  // InvalidInput "project.household_outside" for a household outside the project's region.
  std::int64_t AddHouseholds(const Actor& actor, domain::Id project_id,
                             const ProjectHouseholdSelection& selection);
  // projects.record: links a diary visit of a project household to the project (counted).
  void LinkVisit(const Actor& actor, domain::Id project_id, domain::Id visit_id);
  // projects.record: a consent change on a visit (see the header).
  ProjectHousehold RecordConsent(const Actor& actor, domain::Id project_id, domain::Id household_id,
                                 const ConsentInput& input);
  // projects.record (a team account, or a manager in scope): writes a diary entry for a project
  // household (visitor: the caller; a village assistant's kind for assistants, a cadre's for
  // everyone else), links it to the project and, when `consent` is given, records the consent on
  // it, all in one transaction. InvalidInput "visit.empty" (1..2000 characters), the consent
  // rules' errors, NotFound "project.household_not_found".
  ProjectHousehold RecordVisit(const Actor& actor, domain::Id project_id, domain::Id household_id,
                               const ProjectVisitInput& input);
  // projects.record: the household's plan (一户一策).
  ProjectPlan SavePlan(const Actor& actor, ProjectPlan plan);
  // projects.manage: a cadence log line.
  ProjectCadence LogCadence(const Actor& actor, ProjectCadence entry);
  // projects.manage.
  ProjectIssue AddIssue(const Actor& actor, domain::Id project_id, const IssueInput& input);
  // projects.manage: resolved by an existing matter readable by the caller, named by id or by
  // receipt number (solved when it is signed off), or by a meeting decision readable by the
  // caller (meetings.read in its region; solved when it is followed to completion); exactly one
  // of the two, else InvalidInput "project.issue_resolution"; an unknown one is NotFound.
  ProjectIssueView ResolveIssue(const Actor& actor, domain::Id issue_id,
                                const IssueResolutionInput& input);

  // Public: the progress of every project (counts only).
  std::vector<ProjectProgress> PublicProgress();

 private:
  Project LoadForManage(StoreTx& tx, const Actor& actor, domain::Id id);
  Project LoadForRecord(StoreTx& tx, const Actor& actor, domain::Id id);

  Store& store_;
};

}  // namespace minqing::app
