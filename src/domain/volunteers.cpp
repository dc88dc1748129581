#include "domain/volunteers.hpp"

#include <string_view>

#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::domain {
namespace {

constexpr std::size_t kMaxTitleChars = 100;
constexpr int kMaxCapacity = 10000;
constexpr int kMaxHoursTenths = 240;
constexpr std::size_t kMaxNameChars = 50;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// 'HH:MM' with HH 00–23 and MM 00–59.
bool IsClockTime(std::string_view t) {
  if (t.size() != 5 || t[2] != ':' || !IsDigit(t[0]) || !IsDigit(t[1]) || !IsDigit(t[3]) ||
      !IsDigit(t[4])) {
    return false;
  }
  return (t[0] - '0') * 10 + (t[1] - '0') < 24 && t[3] < '6';
}

}  // namespace

std::string_view ActivityStateCode(ActivityState state) {
  switch (state) {
    case ActivityState::kOpen:
      return "open";
    case ActivityState::kClosed:
      return "closed";
    case ActivityState::kDone:
      return "done";
    case ActivityState::kCancelled:
      return "cancelled";
  }
  return "open";
}

std::optional<ActivityState> ParseActivityState(std::string_view code) {
  for (ActivityState s : {ActivityState::kOpen, ActivityState::kClosed, ActivityState::kDone,
                          ActivityState::kCancelled}) {
    if (ActivityStateCode(s) == code) return s;
  }
  return std::nullopt;
}

std::vector<FieldProblem> ValidateActivity(const VolunteerActivity& activity) {
  std::vector<FieldProblem> problems;
  if (Trim(activity.title).empty()) {
    problems.push_back({"title", "field.required", "请填写活动名称"});
  } else if (Utf8Length(activity.title) > kMaxTitleChars) {
    problems.push_back({"title", "field.too_long", "活动名称不能超过 100 个字"});
  }
  if (!ParseDate(activity.date)) {
    problems.push_back({"date", "date.invalid", "日期格式应为 YYYY-MM-DD"});
  }
  if (!activity.time.empty() && !IsClockTime(activity.time)) {
    problems.push_back({"time", "time.invalid", "时间格式应为 HH:MM"});
  }
  if (Utf8Length(activity.place) > kMaxTitleChars) {
    problems.push_back({"place", "field.too_long", "地点不能超过 100 个字"});
  }
  if (activity.capacity < 1 || activity.capacity > kMaxCapacity) {
    problems.push_back({"capacity", "volunteer.bad_capacity", "人数上限应在 1 到 10000 之间"});
  }
  if (activity.hours_tenths < 1 || activity.hours_tenths > kMaxHoursTenths) {
    problems.push_back({"hours", "volunteer.bad_hours", "服务时长应在 0.1 到 24 小时之间"});
  }
  return problems;
}

void CheckSignUp(const VolunteerActivity& activity, const std::vector<VolunteerSignUp>& signups,
                 Id volunteer_id) {
  int taken = 0;
  for (const auto& s : signups) {
    if (s.activity_id != activity.id) continue;
    if (s.volunteer_id == volunteer_id) {
      throw Conflict("volunteer.signed_up", "该志愿者已报名此活动");
    }
    ++taken;
  }
  if (taken >= activity.capacity) {
    throw Conflict("volunteer.full",
                   "活动报名人数已满（上限 " + std::to_string(activity.capacity) + " 人）");
  }
}

int HoursTenthsOf(Id volunteer_id, const std::vector<VolunteerActivity>& activities,
                  const std::vector<VolunteerSignUp>& signups) {
  int total = 0;
  for (const auto& s : signups) {
    if (s.volunteer_id != volunteer_id || !s.attended) continue;
    for (const auto& a : activities) {
      if (a.id == s.activity_id) total += a.hours_tenths;
    }
  }
  return total;
}

std::string FormatTenths(int tenths) {
  std::string out = tenths < 0 ? "-" : "";
  const int magnitude = tenths < 0 ? -tenths : tenths;
  out += std::to_string(magnitude / 10);
  if (magnitude % 10 != 0) {
    out.push_back('.');
    out.push_back(static_cast<char>('0' + magnitude % 10));
  }
  return out;
}

std::optional<int> ParseTenths(std::string_view text) {
  std::string t = Trim(text);
  bool negative = false;
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
    negative = t[0] == '-';
    t.erase(0, 1);
  }
  const std::size_t dot = t.find('.');
  const std::string whole = t.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : t.substr(dot + 1);
  if (whole.empty() || whole.size() > 5 || fraction.size() > 1 ||
      (dot != std::string::npos && fraction.empty())) {
    return std::nullopt;
  }
  int value = 0;
  for (char c : whole) {
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  value *= 10;
  if (!fraction.empty()) {
    if (!IsDigit(fraction[0])) return std::nullopt;
    value += fraction[0] - '0';
  }
  return negative ? -value : value;
}

std::vector<FieldProblem> ValidateTeam(const VolunteerTeam& team) {
  std::vector<FieldProblem> problems;
  if (Trim(team.name).empty()) {
    problems.push_back({"name", "field.required", "请填写队伍名称"});
  } else if (Utf8Length(team.name) > kMaxTitleChars) {
    problems.push_back({"name", "field.too_long", "队伍名称不能超过 100 个字"});
  }
  if (team.region_id == 0) problems.push_back({"region_id", "field.required", "请选择所属区域"});
  if (Utf8Length(team.note) > 500) {
    problems.push_back({"note", "field.too_long", "备注不能超过 500 个字"});
  }
  return problems;
}

std::vector<FieldProblem> ValidateVolunteer(const Volunteer& volunteer) {
  std::vector<FieldProblem> problems;
  if (!volunteer.resident_id) {
    if (Trim(volunteer.name).empty()) {
      problems.push_back({"name", "field.required", "请填写姓名或选择居民"});
    } else if (Utf8Length(volunteer.name) > kMaxNameChars) {
      problems.push_back({"name", "field.too_long", "姓名不能超过 50 个字"});
    }
  }
  if (!volunteer.phone.empty()) {
    bool digits = volunteer.phone.size() == 11 && volunteer.phone[0] == '1';
    for (char c : volunteer.phone) digits = digits && IsDigit(c);
    if (!digits) problems.push_back({"phone", "phone.invalid", "手机号应为 11 位数字"});
  }
  if (!ParseDate(volunteer.joined)) {
    problems.push_back({"joined", "date.invalid", "日期格式应为 YYYY-MM-DD"});
  }
  return problems;
}

void CheckOpen(const VolunteerActivity& activity) {
  if (activity.state != ActivityState::kOpen) {
    throw Conflict("volunteer.not_open", "活动未开放报名");
  }
}

void CheckNotSelf(const Volunteer& volunteer, std::optional<Id> actor_resident_id) {
  if (volunteer.resident_id && actor_resident_id && *volunteer.resident_id == *actor_resident_id) {
    throw Forbidden("volunteer.self_credit", "不能为自己签到或记入服务时长");
  }
}

std::string MaskPersonName(std::string_view name) {
  const std::size_t length = Utf8Length(name);
  if (length == 0) return "";
  std::string out = Utf8Prefix(name, 1);
  if (length == 1) return out;
  const std::size_t masked = length == 2 ? 1 : length - 2;
  for (std::size_t i = 0; i < masked; ++i) out += "*";
  if (length >= 3) {
    const std::string all(name);
    out += all.substr(Utf8Prefix(name, length - 1).size());
  }
  return out;
}

}  // namespace minqing::domain
