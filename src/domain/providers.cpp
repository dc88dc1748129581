#include "domain/providers.hpp"

#include <algorithm>

#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::domain {

std::string_view ProviderStateCode(ProviderState state) {
  return state == ProviderState::kSuspended ? "suspended" : "active";
}

std::vector<FieldProblem> ValidateProviderProfile(const ServiceProvider& provider) {
  std::vector<FieldProblem> problems;
  if (provider.category_ids.empty()) {
    problems.push_back({"category_ids", "provider.categories_required", "请选择服务类别"});
  }
  if (provider.area.empty()) {
    problems.push_back({"region_ids", "provider.area_required", "请选择服务区域"});
  }
  if (Utf8Length(provider.commitments) > kMaxProviderCommitmentsChars) {
    problems.push_back({"commitments", "provider.commitments_too_long", "服务承诺过长"});
  }
  if (!ParseDate(provider.joined)) {
    problems.push_back({"joined", "provider.bad_date", "加入日期格式应为 YYYY-MM-DD"});
  }
  return problems;
}

std::optional<ProviderRefusal> ProviderDispatchRefusal(const ServiceProvider& provider,
                                                       const std::vector<Id>& category_chain,
                                                       std::string_view matter_region_path) {
  if (provider.state == ProviderState::kSuspended) {
    return ProviderRefusal{true, "provider.suspended",
                           "服务商“" + provider.unit_name + "”已被暂停，不能派单"};
  }
  const bool in_category = std::any_of(category_chain.begin(), category_chain.end(), [&](Id id) {
    return std::find(provider.category_ids.begin(), provider.category_ids.end(), id) !=
           provider.category_ids.end();
  });
  if (!in_category) {
    return ProviderRefusal{false, "provider.outside_service",
                           "该诉求的类别不在服务商“" + provider.unit_name + "”的服务类别内"};
  }
  const bool in_area = std::any_of(provider.area.begin(), provider.area.end(), [&](const auto& a) {
    return !a.region_path.empty() &&
           matter_region_path.substr(0, a.region_path.size()) == std::string_view(a.region_path);
  });
  if (!in_area) {
    return ProviderRefusal{false, "provider.outside_service",
                           "该诉求的地区不在服务商“" + provider.unit_name + "”的服务区域内"};
  }
  return std::nullopt;
}

std::optional<double> ProviderRating::Average() const {
  if (count == 0) return std::nullopt;
  return static_cast<double>(rating_sum) / static_cast<double>(count);
}

std::optional<double> ProviderRating::SatisfiedShare() const {
  if (count == 0) return std::nullopt;
  return static_cast<double>(satisfied) / static_cast<double>(count);
}

bool BelowStandard(const ProviderRating& rating, const ProviderStandard& standard) {
  if (!standard.set || rating.count == 0 || rating.count < standard.min_ratings) return false;
  // Compared in integers: satisfied / count < percent / 100.
  return rating.satisfied * 100 <
         static_cast<std::int64_t>(standard.min_satisfied_percent) * rating.count;
}

std::vector<FieldProblem> ValidateProviderStandard(const ProviderStandard& standard) {
  std::vector<FieldProblem> problems;
  if (standard.min_satisfied_percent < 0 || standard.min_satisfied_percent > 100) {
    problems.push_back(
        {"min_satisfied_percent", "provider.bad_standard", "满意率标准应在 0 到 100 之间"});
  }
  if (standard.min_ratings < 1 || standard.min_ratings > 10000) {
    problems.push_back({"min_ratings", "provider.bad_standard", "最少评价数应在 1 到 10000 之间"});
  }
  return problems;
}

}  // namespace minqing::domain
