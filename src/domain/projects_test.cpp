// The rules of livelihood projects: codes, project and team member checks, the consent rule
// (a change names a visit of that household not linked to another project; never back to
// not_visited), issue classes, when an issue counts as solved, and the consent counts.
#include "domain/projects.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

std::string CodeOf(Id project, Id household, std::string_view from, std::string_view to,
                   const std::optional<ConsentVisit>& visit) {
  try {
    CheckConsentChange(project, household, from, to, visit);
  } catch (const InvalidInput& e) {
    return e.code();
  }
  return "";
}

TEST(ProjectRules, CodesAreKnown) {
  EXPECT_TRUE(IsProjectKind("old_compound"));
  EXPECT_FALSE(IsProjectKind("palace"));
  EXPECT_TRUE(IsConsentState("refused"));
  EXPECT_FALSE(IsConsentState("maybe"));
  EXPECT_TRUE(IsIssueClass("outside_project"));
  EXPECT_FALSE(IsIssueClass("outside"));
  EXPECT_TRUE(IsCadenceKind("onsite_office"));
  EXPECT_TRUE(IsTeamMemberKind("outside"));
}

TEST(ProjectRules, ProjectNeedsNameKindAndState) {
  EXPECT_TRUE(CheckProject("1号楼改造", "old_compound", "planning", "").empty());
  EXPECT_EQ(CheckProject("", "old_compound", "planning", "").size(), 1u);
  EXPECT_EQ(CheckProject("x", "palace", "finished", "").size(), 2u);
}

TEST(ProjectRules, OutsideMemberNeedsANameRegistryMemberAReference) {
  EXPECT_TRUE(CheckTeamMember("outside", false, "李工", "138").empty());
  EXPECT_FALSE(CheckTeamMember("outside", false, "", "").empty());
  EXPECT_FALSE(CheckTeamMember("account", false, "", "").empty());
  EXPECT_TRUE(CheckTeamMember("account", true, "", "").empty());
  EXPECT_FALSE(CheckTeamMember("boss", true, "x", "").empty());
}

TEST(ProjectRules, ConsentChangeNeedsAVisitOfThatHousehold) {
  ConsentVisit own{7, std::nullopt};
  EXPECT_EQ(CodeOf(1, 7, "not_visited", "refused", own), "");
  EXPECT_EQ(CodeOf(1, 7, "refused", "agreed", ConsentVisit{7, 1}), "");
  EXPECT_EQ(CodeOf(1, 7, "not_visited", "agreed", std::nullopt), "project.consent_needs_visit");
  EXPECT_EQ(CodeOf(1, 7, "not_visited", "agreed", ConsentVisit{8, std::nullopt}),
            "project.consent_needs_visit");
  EXPECT_EQ(CodeOf(1, 7, "undecided", "agreed", ConsentVisit{7, 2}), "project.consent_needs_visit");
  EXPECT_EQ(CodeOf(1, 7, "refused", "not_visited", own), "project.bad_consent");
  EXPECT_EQ(CodeOf(1, 7, "refused", "perhaps", own), "project.bad_consent");
}

TEST(ProjectRules, IssueNeedsClassOwnerAndDueDate) {
  EXPECT_TRUE(CheckIssue("in_project", "管线改造", "施工方", 1767600000).empty());
  EXPECT_EQ(CheckIssue("elsewhere", "x", "y", 1).size(), 1u);
  EXPECT_EQ(CheckIssue("after_project", "x", "", std::nullopt).size(), 2u);
}

TEST(ProjectRules, IssueIsSolvedOnlyBySignOffOrDecision) {
  IssueResolution r;
  EXPECT_FALSE(IssueSolved(r));
  r.matter_id = 5;
  r.matter_status = MatterStatus::kReplied;
  EXPECT_FALSE(IssueSolved(r));
  r.matter_status = MatterStatus::kClosed;
  EXPECT_FALSE(IssueSolved(r)) << "closed without the resident's sign-off";
  r.matter_solved = false;
  r.matter_confirmed_via = "sms_code";
  EXPECT_FALSE(IssueSolved(r)) << "the resident said not solved";
  r.matter_solved = true;
  EXPECT_TRUE(IssueSolved(r));
  IssueResolution d;
  d.decision_id = 7;
  d.decision_state = "open";
  EXPECT_FALSE(IssueSolved(d)) << "a decision still open";
  d.decision_state = "done";
  EXPECT_TRUE(IssueSolved(d)) << "marked done by its owner";
  d.decision_state = "matter";
  d.decision_matter_status = MatterStatus::kReplied;
  EXPECT_FALSE(IssueSolved(d)) << "the decision's matter not yet signed off";
  d.decision_matter_status = MatterStatus::kClosed;
  d.decision_matter_solved = true;
  EXPECT_FALSE(IssueSolved(d)) << "closed without a sign-off channel";
  d.decision_matter_confirmed_via = "sms_code";
  EXPECT_TRUE(IssueSolved(d));
}

TEST(ProjectRules, DecisionCompletedByItsOwnerOrByTheResidentsSignOff) {
  EXPECT_FALSE(DecisionCompleted("open", std::nullopt, std::nullopt, ""));
  EXPECT_TRUE(DecisionCompleted("done", std::nullopt, std::nullopt, ""));
  EXPECT_FALSE(DecisionCompleted("matter", MatterStatus::kReplied, std::nullopt, ""));
  EXPECT_FALSE(DecisionCompleted("matter", MatterStatus::kClosed, false, "resident_account"))
      << "the resident said not solved";
  EXPECT_FALSE(DecisionCompleted("matter", MatterStatus::kClosed, true, ""))
      << "closed without a sign-off";
  EXPECT_TRUE(DecisionCompleted("matter", MatterStatus::kClosed, true, "resident_account"));
}

TEST(ProjectRules, ConsentCountsAddUp) {
  ConsentCounts c;
  for (auto s : {"not_visited", "agreed", "agreed", "refused", "undecided"}) c.Add(s);
  EXPECT_EQ(c.agreed, 2);
  EXPECT_EQ(c.refused, 1);
  EXPECT_EQ(c.Total(), 5);
}

}  // namespace
}  // namespace minqing::domain
