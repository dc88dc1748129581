#include "domain/meeting.hpp"

#include <algorithm>
#include <cctype>

#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::domain {
namespace {

struct KindRow {
  std::string_view code;
  std::string_view label;
};

constexpr KindRow kKindLabels[] = {
    {"joint", "联席会"},     {"on_site", "现场会"},           {"heart_to_heart", "交心会"},
    {"courtyard", "院坝会"}, {"reception_day", "领导接待日"}, {"party_rep_reception", "党代表接待"},
};

bool Digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

bool IsMeetingKind(std::string_view kind) {
  return std::find(std::begin(kMeetingKinds), std::end(kMeetingKinds), kind) !=
         std::end(kMeetingKinds);
}

std::string_view MeetingKindLabel(std::string_view kind) {
  for (const auto& row : kKindLabels) {
    if (row.code == kind) return row.label;
  }
  return kind;
}

bool IsReceptionKind(std::string_view kind) {
  return kind == "reception_day" || kind == "party_rep_reception";
}

bool IsMeetingState(std::string_view state) {
  return state == "planned" || state == "held" || state == "cancelled";
}

bool IsClockTime(std::string_view s) {
  return s.size() == 5 && s[2] == ':' && Digit(s[0]) && Digit(s[1]) && Digit(s[3]) && Digit(s[4]) &&
         s.substr(0, 2) < "24" && s.substr(3, 2) < "60";
}

std::vector<FieldProblem> CheckMeetingFields(const MeetingFields& f) {
  std::vector<FieldProblem> problems;
  if (!IsMeetingKind(f.kind)) problems.push_back({"kind", "meeting.bad_kind", "会议类型有误"});
  std::string title = TrimWide(f.title);
  if (title.empty() || Utf8Length(title) > kMeetingTitleMaxChars) {
    problems.push_back({"title", "meeting.bad_title", "请填写会议名称（不超过100字）"});
  }
  if (!ParseDate(f.date)) problems.push_back({"date", "date.invalid", "日期格式应为 YYYY-MM-DD"});
  if (!IsClockTime(f.start)) problems.push_back({"start", "time.invalid", "时间格式应为 HH:MM"});
  if (!IsClockTime(f.end) || f.end <= f.start) {
    problems.push_back({"end", "time.invalid", "结束时间应晚于开始时间"});
  }
  std::string place = TrimWide(f.place);
  if (place.empty() || Utf8Length(place) > kMeetingPlaceMaxChars) {
    problems.push_back({"place", "meeting.bad_place", "请填写地点（不超过100字）"});
  }
  return problems;
}

void CheckDecision(const std::string& text, bool has_owner_user, bool has_owner_unit,
                   const std::string& deadline) {
  if (!has_owner_user && !has_owner_unit) {
    throw InvalidInput("meeting.decision_needs_owner", "决定必须有责任人或责任单位",
                       {{"owner", "meeting.decision_needs_owner", "请指定责任人或责任单位"}});
  }
  std::vector<FieldProblem> problems;
  if (has_owner_user && has_owner_unit) {
    problems.push_back({"owner", "meeting.decision_one_owner", "责任人和责任单位只能选一个"});
  }
  std::string trimmed = TrimWide(text);
  if (trimmed.empty() || Utf8Length(trimmed) > kDecisionTextMaxChars) {
    problems.push_back({"text", "meeting.bad_decision_text", "请填写决定内容（不超过1000字）"});
  }
  if (!ParseDate(deadline)) {
    problems.push_back({"deadline", "date.invalid", "完成期限格式应为 YYYY-MM-DD"});
  }
  if (!problems.empty()) {
    throw InvalidInput("meeting.bad_decision", "决定内容有误", std::move(problems));
  }
}

bool DecisionOverdue(std::string_view state, std::string_view deadline, std::string_view today) {
  return state == kDecisionOpen && !deadline.empty() && deadline < today;
}

}  // namespace minqing::domain
