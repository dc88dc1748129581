// Service providers (服务商, the companies behind a hotline such as 宁波 81890): a provider is a
// registry unit (UnitKind::kCompany) with a profile: the matter categories it serves, its service
// area (regions), its commitments (response time, price terms), the day it joined and its state
// (active, or suspended by the county with a reason). Matters go to a provider as to any unit,
// but only when it is active (ProviderDispatchRefusal: "provider.suspended") and the matter lies
// in its categories and area ("provider.outside_service"). Its rating comes only from the
// residents' sign-offs of the matters it handled (ProviderRating); the county's standard
// (ProviderStandard) flags providers below it (低于标准).
// Pure values and functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "domain/model.hpp"

namespace minqing::domain {

enum class ProviderState { kActive = 1, kSuspended = 2 };

std::string_view ProviderStateCode(ProviderState state);  // "active", "suspended"

// One region of a provider's service area; a matter in its subtree is in the area.
struct ProviderArea {
  Id region_id = 0;
  std::string region_path;  // Filled by reads.
  std::string region_name;  // Filled by reads.
};

struct ServiceProvider {
  Id unit_id = 0;
  std::string unit_name;  // Filled by reads.
  std::string phone;      // The unit's phone (filled by reads).
  std::vector<Id> category_ids;
  std::vector<ProviderArea> area;
  std::string commitments;  // 服务承诺: response time, price terms.
  std::string joined;       // China date 'YYYY-MM-DD'.
  ProviderState state = ProviderState::kActive;
  std::string state_reason;  // Why it was suspended (or reinstated).
  std::optional<Id> state_by;
  std::optional<Epoch> state_at;
  Epoch created_at = 0;
  std::optional<Id> created_by;
  Epoch updated_at = 0;
  std::optional<Id> updated_by;
};

inline constexpr std::size_t kMaxProviderCommitmentsChars = 2000;
inline constexpr std::size_t kMaxProviderReasonChars = 500;

// Problems of a profile as entered: at least one category and one region, commitments within
// kMaxProviderCommitmentsChars, joined a valid date. Empty when it is fine.
std::vector<FieldProblem> ValidateProviderProfile(const ServiceProvider& provider);

// Why a matter may not go to this provider, or nullopt when it may. `category_chain` is the
// matter's category and its ancestors (empty for a matter without a category).
struct ProviderRefusal {
  bool conflict = false;  // 409 (suspended) rather than 400 (outside the service).
  std::string code;
  std::string message;
};
std::optional<ProviderRefusal> ProviderDispatchRefusal(const ServiceProvider& provider,
                                                       const std::vector<Id>& category_chain,
                                                       std::string_view matter_region_path);

// The residents' sign-offs of the matters a provider handled, over a period.
struct ProviderRating {
  std::int64_t count = 0;       // Sign-offs with a rating.
  std::int64_t rating_sum = 0;  // Sum of the 1..5 ratings.
  std::int64_t satisfied = 0;   // Rated 4 or 5.
  std::optional<double> Average() const;
  std::optional<double> SatisfiedShare() const;  // 0..1
};

// The county's level (服务商考核标准): a provider with at least min_ratings sign-offs whose
// satisfied share is below min_satisfied_percent is below the standard. Not set: nobody is.
struct ProviderStandard {
  int min_satisfied_percent = 0;  // 0..100
  int min_ratings = 0;            // >= 1 when set
  bool set = false;
};
bool BelowStandard(const ProviderRating& rating, const ProviderStandard& standard);
std::vector<FieldProblem> ValidateProviderStandard(const ProviderStandard& standard);

}  // namespace minqing::domain
