#include "domain/service_info.hpp"

#include <cstdio>
#include <map>

#include "domain/privacy.hpp"
#include "domain/text.hpp"

namespace minqing::domain {
namespace {

constexpr std::size_t kMaxPostChars = 40;
constexpr std::size_t kMaxLineChars = 200;
constexpr std::size_t kMaxFieldChars = 200;

void CheckLength(std::vector<FieldProblem>& problems, const std::string& field,
                 const std::string& value, std::size_t limit) {
  if (Utf8Length(value) > limit) {
    problems.push_back({field, "text.too_long", "内容过长（最多" + std::to_string(limit) + "字）"});
  }
}

}  // namespace

std::vector<FieldProblem> CheckDutyDay(DutyDay& day, const std::string& prefix) {
  std::vector<FieldProblem> problems;
  if (!IsIsoDate(day.date)) {
    problems.push_back({prefix + "date", "duty.bad_date", "日期格式应为 YYYY-MM-DD"});
  }
  if (day.leader_user_id && *day.leader_user_id <= 0) {
    problems.push_back({prefix + "leader_user_id", "duty.person_required", "请选择带班领导"});
  }
  if (day.staff.size() > kMaxDutyStaff) {
    problems.push_back({prefix + "staff", "duty.too_many",
                        "一天最多安排" + std::to_string(kMaxDutyStaff) + "名窗口人员"});
  }
  std::map<Id, std::string> windows;  // Person → the first window they hold that day.
  for (std::size_t i = 0; i < day.staff.size(); ++i) {
    DutyPost& post = day.staff[i];
    const std::string field = prefix + "staff[" + std::to_string(i) + "]";
    post.post = TrimWide(post.post);
    if (post.user_id <= 0) {
      problems.push_back({field + ".user_id", "duty.person_required", "请选择窗口人员"});
      continue;
    }
    if (post.post.empty()) {
      problems.push_back({field + ".post", "duty.post_required", "请填写窗口或岗位"});
    }
    CheckLength(problems, field + ".post", post.post, kMaxPostChars);
    auto [it, inserted] = windows.emplace(post.user_id, post.post);
    if (!inserted) {
      problems.push_back({field + ".user_id", "duty.staff_twice",
                          "同一人同一天只能在一个窗口值班（已安排在“" + it->second + "”）"});
    }
  }
  return problems;
}

bool IsEmptyDutyDay(const DutyDay& day) { return !day.leader_user_id && day.staff.empty(); }

std::string FormatBadgeNumber(int number) {
  char text[16];
  std::snprintf(text, sizeof text, "GP-%04d", number);
  return text;
}

std::vector<FieldProblem> CheckServiceGuide(ServiceGuide& guide) {
  std::vector<FieldProblem> problems;
  guide.title = TrimWide(guide.title);
  guide.place = TrimWide(guide.place);
  guide.window_name = TrimWide(guide.window_name);
  guide.fees = TrimWide(guide.fees);
  guide.office_hours = TrimWide(guide.office_hours);
  guide.phone = TrimWide(guide.phone);
  if (guide.fees.empty()) guide.fees = kDefaultGuideFees;
  auto clean = [](std::vector<std::string>& items) {
    std::vector<std::string> kept;
    for (auto& item : items) {
      std::string t = TrimWide(item);
      if (!t.empty()) kept.push_back(std::move(t));
    }
    items = std::move(kept);
  };
  clean(guide.materials);
  clean(guide.steps);
  if (guide.category_id <= 0) {
    problems.push_back({"category_id", "guide.category_required", "请选择事项分类"});
  }
  if (guide.title.empty()) problems.push_back({"title", "guide.title_required", "请填写指南标题"});
  if (guide.materials.empty()) {
    problems.push_back({"materials", "guide.materials_required", "请至少填写一项申请材料"});
  }
  if (guide.steps.empty()) {
    problems.push_back({"steps", "guide.steps_required", "请至少填写一个办理步骤"});
  }
  for (const auto* list : {&guide.materials, &guide.steps}) {
    const char* field = list == &guide.materials ? "materials" : "steps";
    if (list->size() > kMaxGuideItems) {
      problems.push_back(
          {field, "guide.too_many_items", "最多" + std::to_string(kMaxGuideItems) + "项"});
    }
    for (const auto& item : *list) CheckLength(problems, field, item, kMaxLineChars);
  }
  CheckLength(problems, "title", guide.title, 60);
  CheckLength(problems, "place", guide.place, kMaxFieldChars);
  CheckLength(problems, "window_name", guide.window_name, kMaxFieldChars);
  CheckLength(problems, "fees", guide.fees, kMaxFieldChars);
  CheckLength(problems, "office_hours", guide.office_hours, kMaxFieldChars);
  if (!guide.phone.empty() && !IsPlausiblePhone(guide.phone)) {
    problems.push_back({"phone", "phone.invalid", "电话号码格式不正确"});
  }
  return problems;
}

std::string GuideTimeLimit(const MatterCategory& category) {
  return std::to_string(category.completion_days) + "个工作日内办结（" +
         std::to_string(category.response_hours) + "个工作小时内受理）";
}

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += '\n';
    out += item;
  }
  return out;
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line = Trim(text.substr(start, end - start));
    if (!line.empty()) out.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

std::optional<ServiceGuide> ApplicableGuide(const std::vector<ServiceGuide>& guides,
                                            std::string_view region_path) {
  const ServiceGuide* best = nullptr;
  for (const auto& guide : guides) {
    if (!guide.published || guide.region_path.empty()) continue;
    if (region_path.substr(0, guide.region_path.size()) != guide.region_path) continue;
    if (best == nullptr || guide.region_path.size() > best->region_path.size()) best = &guide;
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

}  // namespace minqing::domain
