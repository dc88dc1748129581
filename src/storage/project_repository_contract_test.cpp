// Livelihood projects (民生项目) on every backend: a project is found with its region's name and
// listed by region prefix; team members from outside the registry stand alone while registry
// ones take their names from their records; a household is in a project once
// (project.household_twice); households are matched by region and address; diary visits linked
// to a project are counted per household and a visit is linked to one project only; plans are
// replaced; the issue log reads the linked matter's state as it stands.
#include <gtest/gtest.h>

#include "app/store.hpp"
#include "domain/errors.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

constexpr domain::Epoch kT0 = 1767600000;  // 2026-01-05

class ProjectContractTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store_->Begin();
    testing::AddRegion(*tx, 1, std::nullopt, domain::RegionLevel::kCounty, "示范县", "/1/");
    testing::AddRegion(*tx, 2, 1, domain::RegionLevel::kTownship, "城关镇", "/1/2/");
    testing::AddRegion(*tx, 3, 1, domain::RegionLevel::kTownship, "河西乡", "/1/3/");
    AddHousehold(*tx, 100, 2, "/1/2/", "H100", "广外街道1号楼101");
    AddHousehold(*tx, 101, 2, "/1/2/", "H101", "广外街道1号楼102");
    AddHousehold(*tx, 102, 2, "/1/2/", "H102", "广外街道2号楼101");
    AddHousehold(*tx, 103, 3, "/1/3/", "H103", "河西村1组");
    domain::User u;
    u.id = 10;
    u.username = "clerk";
    u.display_name = "张干部";
    u.role = domain::Role::kCentreStaff;
    u.scope_region_id = 2;
    u.scope_region_path = "/1/2/";
    u.created_at = kT0;
    tx->Accounts().InsertUser(u);
    tx->Projects().InsertProject(MakeProject(50, "1号楼改造", 2, "/1/2/"));
    tx->Commit();
  }

  static void AddHousehold(app::StoreTx& tx, Id id, Id region, const std::string& path,
                           const std::string& number, const std::string& address) {
    domain::Household h;
    h.id = id;
    h.region_id = region;
    h.region_path = path;
    h.number = number;
    h.address = address;
    h.created_at = kT0;
    h.updated_at = kT0;
    tx.Registry().InsertHousehold(h);
  }

  static app::Project MakeProject(Id id, const std::string& name, Id region,
                                  const std::string& path) {
    app::Project p;
    p.id = id;
    p.name = name;
    p.kind = "old_compound";
    p.region_id = region;
    p.region_path = path;
    p.state = "planning";
    p.created_at = kT0;
    p.updated_at = kT0;
    return p;
  }

  static void AddVisit(app::StoreTx& tx, Id id, Id household) {
    domain::Visit v;
    v.id = id;
    v.household_id = household;
    v.region_path = "/1/2/";
    v.visitor_user_id = 10;
    v.visitor_kind = domain::VisitorKind::kCadre;
    v.visited_at = kT0;
    v.created_at = kT0;
    tx.Network().InsertVisit(v);
  }

  static app::ProjectHousehold In(Id project, Id household) {
    app::ProjectHousehold h;
    h.project_id = project;
    h.household_id = household;
    h.added_at = kT0;
    return h;
  }
};

TEST_P(ProjectContractTest, ProjectsAreFoundAndListedByRegion) {
  auto tx = store_->Begin();
  tx->Projects().InsertProject(MakeProject(51, "河西道路", 3, "/1/3/"));
  auto p = tx->Projects().FindProject(50);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->region_name, "城关镇");
  EXPECT_EQ(p->state, "planning");
  EXPECT_EQ(tx->Projects().ListProjects("").size(), 2u);
  auto under = tx->Projects().ListProjects("/1/2/");
  ASSERT_EQ(under.size(), 1u);
  EXPECT_EQ(under[0].id, 50);
  p->state = "in_progress";
  tx->Projects().UpdateProject(*p);
  EXPECT_EQ(tx->Projects().FindProject(50)->state, "in_progress");
  EXPECT_FALSE(tx->Projects().FindProject(999));
}

TEST_P(ProjectContractTest, TeamTakesOutsidePeopleAndAccounts) {
  auto tx = store_->Begin();
  app::ProjectTeamMember outside;
  outside.id = 60;
  outside.project_id = 50;
  outside.kind = "outside";
  outside.name = "李工";
  outside.organisation = "某建设公司";
  outside.phone = "13800000000";
  outside.team_role = "施工方代表";
  outside.created_at = kT0;
  tx->Projects().InsertTeamMember(outside);
  app::ProjectTeamMember account;
  account.id = 61;
  account.project_id = 50;
  account.kind = "account";
  account.user_id = 10;
  account.created_at = kT0 + 1;
  tx->Projects().InsertTeamMember(account);
  auto team = tx->Projects().ListTeamMembers(50);
  ASSERT_EQ(team.size(), 2u);
  EXPECT_EQ(team[0].name, "李工");
  EXPECT_EQ(team[0].organisation, "某建设公司");
  EXPECT_EQ(team[1].name, "张干部");
  EXPECT_TRUE(tx->Projects().IsTeamAccount(50, 10));
  EXPECT_FALSE(tx->Projects().IsTeamAccount(50, 11));
  ASSERT_EQ(tx->Projects().ListProjectsOfTeamAccount(10).size(), 1u);
}

TEST_P(ProjectContractTest, HouseholdIsInAProjectOnce) {
  auto tx = store_->Begin();
  tx->Projects().InsertHousehold(In(50, 100));
  try {
    tx->Projects().InsertHousehold(In(50, 100));
    FAIL() << "a household added twice";
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "project.household_twice");
  }
}

TEST_P(ProjectContractTest, HouseholdsMatchByRegionAndAddress) {
  auto tx = store_->Begin();
  EXPECT_EQ(tx->Projects().HouseholdIdsMatching("/1/2/", ""), (std::vector<Id>{100, 101, 102}));
  EXPECT_EQ(tx->Projects().HouseholdIdsMatching("/1/2/", "1号楼"), (std::vector<Id>{100, 101}));
  EXPECT_EQ(tx->Projects().HouseholdIdsMatching("/1/", "河西"), (std::vector<Id>{103}));
  EXPECT_TRUE(tx->Projects().HouseholdIdsMatching("/1/2/", "100%").empty());
}

TEST_P(ProjectContractTest, VisitsAreCountedPerHouseholdAndConsentIsKept) {
  auto tx = store_->Begin();
  tx->Projects().InsertHousehold(In(50, 100));
  tx->Projects().InsertHousehold(In(50, 101));
  AddVisit(*tx, 200, 100);
  AddVisit(*tx, 201, 100);
  tx->Projects().InsertVisitLink({200, 50, 100, kT0});
  tx->Projects().InsertVisitLink({201, 50, 100, kT0});
  EXPECT_THROW(tx->Projects().InsertVisitLink({201, 50, 100, kT0}), domain::Conflict);
  auto link = tx->Projects().FindVisitLink(201);
  ASSERT_TRUE(link);
  EXPECT_EQ(link->project_id, 50);
  auto h = tx->Projects().FindHousehold(50, 100);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->visits, 2);
  EXPECT_EQ(h->consent, "not_visited");
  h->consent = "refused";
  h->consent_visit_id = 201;
  h->consent_at = kT0 + 5;
  tx->Projects().UpdateConsent(*h);
  auto all = tx->Projects().ListHouseholds(50);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].number, "H100");
  EXPECT_EQ(all[0].consent, "refused");
  EXPECT_EQ(all[0].consent_visit_id, 201);
  EXPECT_EQ(all[1].visits, 0);
}

TEST_P(ProjectContractTest, PlansAreReplacedAndCadenceListed) {
  auto tx = store_->Begin();
  tx->Projects().InsertHousehold(In(50, 100));
  app::ProjectPlan plan{50, 100, "加装扶手", "施工方负责", "李工", "open", kT0};
  tx->Projects().UpsertPlan(plan);
  plan.status = "done";
  tx->Projects().UpsertPlan(plan);
  auto plans = tx->Projects().ListPlans(50);
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].status, "done");
  app::ProjectCadence c;
  c.id = 70;
  c.project_id = 50;
  c.kind = "safety_inspection";
  c.week = "2026-W02";
  c.held_on = "2026-01-06";
  c.who = "李工、张干部";
  c.log = "脚手架检查合格";
  c.created_at = kT0;
  tx->Projects().InsertCadence(c);
  auto log = tx->Projects().ListCadence(50);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].log, "脚手架检查合格");
}

TEST_P(ProjectContractTest, IssuesReadTheLinkedMatterAndDecision) {
  auto tx = store_->Begin();
  app::ProjectIssue i;
  i.id = 80;
  i.project_id = 50;
  i.issue_class = "outside_project";
  i.text = "楼道灯坏了";
  i.owner = "物业";
  i.due_at = kT0 + 86400;
  i.created_at = kT0;
  i.updated_at = kT0;
  tx->Projects().InsertIssue(i);
  auto found = tx->Projects().FindIssue(80);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->matter_id);
  EXPECT_FALSE(found->matter_status);
  app::Meeting meeting;
  meeting.id = 90;
  meeting.kind = "joint";
  meeting.title = "联席会议";
  meeting.date = "2026-01-08";
  meeting.region_id = 2;
  meeting.region_path = "/1/2/";
  meeting.start = "09:00";
  meeting.end = "10:00";
  meeting.place = "社区议事厅";
  meeting.host_user_id = 10;
  meeting.project_id = 50;
  meeting.state = "held";
  meeting.created_by = 10;
  meeting.created_at = kT0;
  meeting.updated_at = kT0;
  tx->Meetings().InsertMeeting(meeting);
  app::MeetingDecision decision;
  decision.id = 91;
  decision.meeting_id = 90;
  decision.text = "楼道灯由物业更换";
  decision.owner_user_id = 10;
  decision.deadline = "2026-01-20";
  decision.state = "open";
  decision.region_path = "/1/2/";
  decision.created_at = kT0;
  tx->Meetings().InsertDecision(decision);
  found->decision_id = 91;
  tx->Projects().UpdateIssueResolution(*found);
  auto issues = tx->Projects().ListIssues(50);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].decision_id, std::optional<Id>(91));
  EXPECT_EQ(issues[0].decision_text, "楼道灯由物业更换");
  EXPECT_EQ(issues[0].decision_state, "open");
  EXPECT_FALSE(issues[0].decision_matter_status);
  EXPECT_EQ(issues[0].issue_class, "outside_project");
}

MINQING_INSTANTIATE_BACKENDS(ProjectContractTest);

}  // namespace
}  // namespace minqing::storage
