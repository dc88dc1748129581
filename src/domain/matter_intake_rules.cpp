#include "domain/matter_intake_rules.hpp"

#include <algorithm>

#include "domain/privacy.hpp"
#include "domain/text.hpp"

namespace minqing::domain {

CheckedIntake CheckIntakeForm(const IntakeForm& form, const IntakeFiler& filer) {
  CheckedIntake out;
  auto& problems = out.problems;
  out.type = ParseMatterType(form.type);
  if (!out.type) problems.push_back({"type", "matter.bad_type", "请选择诉求类型"});
  out.channel = ParseMatterChannel(form.channel.empty() ? "window" : form.channel);
  if (!out.channel) problems.push_back({"channel", "matter.bad_channel", "受理渠道无效"});
  out.urgency = ParseUrgency(form.urgency.empty() ? "normal" : form.urgency);
  if (!out.urgency) problems.push_back({"urgency", "matter.bad_urgency", "紧急程度无效"});
  if (filer.resident && out.channel != MatterChannel::kQrCode) out.channel = MatterChannel::kOnline;
  out.content = Trim(form.content);
  if (out.content.empty()) {
    problems.push_back({"content", "matter.content_required", "请填写诉求内容"});
  }
  if (Utf8Length(out.content) > kMaxMatterContentChars) {
    problems.push_back({"content", "matter.content_too_long", "诉求内容不能超过2000字"});
  }
  out.title = Trim(form.title);
  if (Utf8Length(out.title) > kMaxMatterTitleChars) {
    problems.push_back({"title", "matter.title_too_long", "标题不能超过100字"});
  }
  if (out.title.empty()) {
    out.title = Utf8Prefix(out.content.substr(0, out.content.find('\n')), kDerivedTitleChars);
  }
  out.caller_phone = Trim(form.caller_phone);
  if (!out.caller_phone.empty() && !IsPlausiblePhone(out.caller_phone)) {
    problems.push_back({"caller_phone", "phone.invalid", "电话号码格式不正确"});
  }
  if (form.backfill && !filer.admin) {
    problems.push_back({"accepted_at", "matter.backfill_admin_only", "只有管理员可以补录受理时间"});
  }
  if (form.answer_on_spot && out.type && *out.type != MatterType::kConsultation) {
    problems.push_back(
        {"answer_on_spot", "matter.on_spot_consultation", "只有咨询类诉求可以当场办结"});
  }
  if (form.lat && (*form.lat < -90 || *form.lat > 90)) {
    problems.push_back({"lat", "coordinates.invalid", "纬度无效"});
  }
  if (form.lng && (*form.lng < -180 || *form.lng > 180)) {
    problems.push_back({"lng", "coordinates.invalid", "经度无效"});
  }
  return out;
}

std::optional<RoutingRule> MatchRoutingRule(const std::vector<RoutingRule>& rules,
                                            std::optional<Id> category_id,
                                            std::string_view region_path) {
  if (!category_id) return std::nullopt;
  std::optional<RoutingRule> best;
  for (const auto& rule : rules) {
    if (rule.category_id != *category_id) continue;
    if (region_path.compare(0, rule.region_path.size(), rule.region_path) != 0) continue;
    if (!best || rule.region_path.size() > best->region_path.size()) best = rule;
  }
  return best;
}

std::optional<Id> RouteUnit(const std::vector<RoutingRule>& rules, const Matter& matter,
                            const MatterCategory* category) {
  if (auto rule = MatchRoutingRule(rules, matter.category_id, matter.region_path)) {
    return rule->unit_id;
  }
  if (!matter.category_id || category == nullptr) return std::nullopt;
  return category->default_unit_id;
}

MatterLimits LimitsFor(const MatterCategory* category, const std::optional<RoutingRule>& rule,
                       Urgency urgency) {
  MatterLimits limits;
  if (category != nullptr) {
    limits.response_hours = category->response_hours;
    limits.completion_days = category->completion_days;
  }
  if (rule && rule->completion_days) limits.completion_days = *rule->completion_days;
  if (urgency == Urgency::kUrgent) {
    limits.response_hours = std::max(1, limits.response_hours / 2);
    limits.completion_days = std::min(limits.completion_days, 1);
  } else if (urgency == Urgency::kSpecial) {
    limits.response_hours = 1;
    limits.completion_days = 0;
  }
  return limits;
}

MatterDeadlines DeadlinesFor(const MatterLimits& limits, Epoch accepted_at,
                             const WorkCalendar& calendar, const OfficeHours& unit_hours) {
  return {DueAfterOfficeHours(calendar, accepted_at, limits.response_hours, unit_hours),
          calendar.DueAfterWorkingDays(accepted_at, limits.completion_days)};
}

}  // namespace minqing::domain
