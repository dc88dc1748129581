// Rules over matters that use cases apply: escalation of overdue matters level by level
// (community → street/township → district/county), the three rates (三率) and the counters they
// are kept from, duplicate detection by text similarity, category suggestions from the text, and
// the per-character spacing that makes 1–2 character Chinese queries searchable. Pure;
// thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/matter.hpp"
#include "domain/region_levels.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::domain {

struct EscalationPolicy {
  // A matter is "nearly due" this many seconds before its deadline (shown on the supervisor's
  // list, not escalated).
  Epoch nearly_due_seconds = 24 * 3600;
  // Each further this many working days overdue raises the level by one more.
  int working_days_per_level = 1;
  // Highest level: 2 = district/county.
  EscalationLevel max_level = 2;
};

// Open matters past due_at are at least level 1 the moment they are overdue, one more level per
// `working_days_per_level` working days overdue, capped at max_level; otherwise 0. Replied,
// closed and merged matters do not escalate. Never lowers a level already reached.
EscalationLevel TargetEscalationLevel(const Matter& matter, Epoch now, const WorkCalendar& calendar,
                                      const EscalationPolicy& policy);
bool IsOverdue(const Matter& matter, Epoch now);
bool IsNearlyDue(const Matter& matter, Epoch now, const EscalationPolicy& policy);
// The name of the region level a matter is escalated to (0 village, 1 township, 2 county) as
// this deployment names its levels (RegionLevels: 村, 乡镇, 县; or 社区, 街道, 区 under a city).
std::string EscalationLevelLabel(EscalationLevel level, const RegionLevels& levels);

// Counters of one dimension cell (a unit, region, person or category on one day). The three
// rates are computed from sums of these, so a dashboard never scans matters.
struct RateCounters {
  std::int64_t received = 0;           // Matters dispatched to the unit (or accepted, for regions).
  std::int64_t responded = 0;          // The unit accepted them...
  std::int64_t responded_on_time = 0;  // ...within the response limit.
  std::int64_t replied = 0;
  std::int64_t replied_on_time = 0;
  std::int64_t rated = 0;      // Resident sign-offs (solved or not).
  std::int64_t solved = 0;     // Sign-offs saying "solved".
  std::int64_t satisfied = 0;  // Sign-offs rated 4 or 5.
  std::int64_t reopened = 0;   // "Not solved": counts against the unit.
  std::int64_t overdue = 0;    // Matters that became overdue.
  std::int64_t extended = 0;   // Approved extensions (延期) of the reply deadline.
  // Approved honest outcomes (办结类型: 挂账, 不属实, 不受理) that took a matter out of the
  // assessment; in the unit and person cells the approval also subtracts what the matter had
  // booked there (domain/matter_requests.hpp).
  std::int64_t excluded = 0;

  RateCounters& operator+=(const RateCounters& other);
};

// 响应率 = responded_on_time / received; 解决率 = solved / rated; 满意率 = satisfied / rated.
// Each is nullopt when its denominator is 0. An approved exclusion has already subtracted its
// matter from received (and from responded_on_time when it counted there) on the approval day, so
// a window that holds the approval but not the dispatch can see more on-time responses than
// matters received: the rate is then held to 1, never above.
struct ThreeRates {
  std::optional<double> response_rate;
  std::optional<double> resolution_rate;
  std::optional<double> satisfaction_rate;
};
ThreeRates ComputeRates(const RateCounters& counters);

// Similarity of two texts in [0, 1]: the share of the shorter text's character bigrams that the
// other text also has (CJK-aware; punctuation and spaces ignored), counted over at least 6
// bigrams so a text of a few characters cannot score high on one shared word. A complaint told
// again in other words around the same facts scores high; unrelated texts score low. Used to
// flag possible duplicates at intake.
double TextSimilarity(std::string_view a, std::string_view b);

// Categories whose keywords occur in the text, best first (more and longer hits first).
std::vector<Id> SuggestCategories(std::string_view text,
                                  const std::vector<MatterCategory>& catalogue,
                                  std::size_t max_results);

// Text prepared for a word-based full-text index: every CJK character becomes its own token
// ("停车难" → "停 车 难"); ASCII words are lower-cased and kept whole.
std::string SpaceCjk(std::string_view text);

}  // namespace minqing::domain
