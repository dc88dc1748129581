#include "domain/projects.hpp"

#include <algorithm>

namespace minqing::domain {
namespace {

template <std::size_t N>
bool In(const std::string_view (&codes)[N], std::string_view code) {
  return std::find(std::begin(codes), std::end(codes), code) != std::end(codes);
}

std::size_t Chars(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool SignedOffSolved(std::optional<MatterStatus> status, std::optional<bool> solved,
                     std::string_view confirmed_via) {
  return status == MatterStatus::kClosed && solved == true && !confirmed_via.empty();
}

}  // namespace

bool IsProjectKind(std::string_view code) { return In(kProjectKinds, code); }
bool IsProjectState(std::string_view code) { return In(kProjectStates, code); }
bool IsConsentState(std::string_view code) { return In(kConsentStates, code); }
bool IsTeamMemberKind(std::string_view code) { return In(kTeamMemberKinds, code); }
bool IsCadenceKind(std::string_view code) { return In(kCadenceKinds, code); }
bool IsPlanStatus(std::string_view code) { return In(kPlanStatuses, code); }
bool IsIssueClass(std::string_view code) { return In(kIssueClasses, code); }

std::vector<FieldProblem> CheckProject(std::string_view name, std::string_view kind,
                                       std::string_view state, std::string_view description) {
  std::vector<FieldProblem> out;
  if (name.empty() || Chars(name) > kProjectNameMaxChars) {
    out.push_back({"name", "project.bad_name", "项目名称应为1至100个字"});
  }
  if (!IsProjectKind(kind)) out.push_back({"kind", "project.bad_kind", "项目类别无效"});
  if (!IsProjectState(state)) out.push_back({"state", "project.bad_state", "项目状态无效"});
  if (Chars(description) > kProjectTextMaxChars) {
    out.push_back({"description", "project.bad_description", "项目说明不能超过2000个字"});
  }
  return out;
}

std::vector<FieldProblem> CheckTeamMember(std::string_view kind, bool has_ref,
                                          std::string_view name, std::string_view phone) {
  std::vector<FieldProblem> out;
  if (!IsTeamMemberKind(kind)) {
    out.push_back({"kind", "project.bad_kind", "成员类别无效"});
    return out;
  }
  if (kind == "outside") {
    if (name.empty() || Chars(name) > kProjectNameMaxChars) {
      out.push_back({"name", "project.bad_name", "请填写成员姓名"});
    }
  } else if (!has_ref) {
    out.push_back({"ref_id", "project.bad_ref_id", "请选择成员"});
  }
  if (Chars(phone) > 30) out.push_back({"phone", "project.bad_phone", "电话过长"});
  return out;
}

void CheckConsentChange(Id project_id, Id household_id, std::string_view from, std::string_view to,
                        const std::optional<ConsentVisit>& visit) {
  if (!IsConsentState(to) || (to == "not_visited" && from != "not_visited")) {
    throw InvalidInput("project.bad_consent", "意愿状态无效");
  }
  if (!visit || visit->household_id != household_id ||
      (visit->project_id && *visit->project_id != project_id)) {
    throw InvalidInput("project.consent_needs_visit", "意愿变更须对应一次本户的走访记录");
  }
}

std::vector<FieldProblem> CheckIssue(std::string_view issue_class, std::string_view text,
                                     std::string_view owner, std::optional<Epoch> due) {
  std::vector<FieldProblem> out;
  if (!IsIssueClass(issue_class)) out.push_back({"class", "project.bad_class", "问题类别无效"});
  if (text.empty() || Chars(text) > kProjectTextMaxChars) {
    out.push_back({"text", "project.bad_text", "请填写问题内容（2000字以内）"});
  }
  if (owner.empty() || Chars(owner) > kProjectNameMaxChars) {
    out.push_back({"owner", "project.bad_owner", "请填写责任人"});
  }
  if (!due || *due <= 0) out.push_back({"due", "project.bad_due", "请填写完成期限"});
  return out;
}

bool DecisionCompleted(std::string_view state, std::optional<MatterStatus> matter_status,
                       std::optional<bool> matter_solved, std::string_view matter_confirmed_via) {
  if (state == "done") return true;
  return state == "matter" && SignedOffSolved(matter_status, matter_solved, matter_confirmed_via);
}

bool IssueSolved(const IssueResolution& r) {
  if (r.decision_id) {
    return DecisionCompleted(r.decision_state, r.decision_matter_status, r.decision_matter_solved,
                             r.decision_matter_confirmed_via);
  }
  return r.matter_id && SignedOffSolved(r.matter_status, r.matter_solved, r.matter_confirmed_via);
}

void ConsentCounts::Add(std::string_view state) {
  if (state == "undecided") {
    ++undecided;
  } else if (state == "agreed") {
    ++agreed;
  } else if (state == "refused") {
    ++refused;
  } else {
    ++not_visited;
  }
}

}  // namespace minqing::domain
