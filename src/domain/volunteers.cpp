#include "domain/volunteers.hpp"

#include <string_view>

#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::domain {
namespace {

constexpr std::size_t kMaxTitleChars = 100;
constexpr int kMaxCapacity = 10000;
constexpr int kMaxHoursTenths = 240;

}  // namespace

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
  std::string out = std::to_string(tenths / 10);
  if (tenths % 10 != 0) {
    out.push_back('.');
    out.push_back(static_cast<char>('0' + tenths % 10));
  }
  return out;
}

}  // namespace minqing::domain
