#include "domain/matter_rules.hpp"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "domain/text.hpp"

namespace minqing::domain {
namespace {

bool IsCjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

bool IsWordChar(char32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
}

std::set<std::u32string> Bigrams(std::string_view text) {
  std::vector<char32_t> kept;
  for (char32_t cp : CodePoints(text)) {
    if (IsCjk(cp) || IsWordChar(cp)) kept.push_back(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
  }
  std::set<std::u32string> out;
  if (kept.size() == 1) out.insert(std::u32string(1, kept[0]));
  for (std::size_t i = 0; i + 1 < kept.size(); ++i)
    out.insert(std::u32string{kept[i], kept[i + 1]});
  return out;
}

}  // namespace

bool IsOverdue(const Matter& matter, Epoch now) {
  if (!IsOpen(matter.status) || matter.status == MatterStatus::kReplied) return false;
  if (matter.status == MatterStatus::kParked) return false;  // 挂账: left the deadline behind.
  return matter.due_at > 0 && now > matter.due_at;
}

bool IsNearlyDue(const Matter& matter, Epoch now, const EscalationPolicy& policy) {
  if (!IsOpen(matter.status) || matter.status == MatterStatus::kReplied) return false;
  if (matter.status == MatterStatus::kParked) return false;
  return matter.due_at > 0 && now <= matter.due_at &&
         now > matter.due_at - policy.nearly_due_seconds;
}

EscalationLevel TargetEscalationLevel(const Matter& matter, Epoch now, const WorkCalendar& calendar,
                                      const EscalationPolicy& policy) {
  EscalationLevel level = 0;
  if (IsOverdue(matter, now)) {
    // Whole working days elapsed since the deadline: up to the end of yesterday.
    int days_overdue = calendar.WorkingDaysBetween(matter.due_at, ChinaDayStart(ChinaDay(now)) - 1);
    int per_level = std::max(1, policy.working_days_per_level);
    level = std::min(policy.max_level, 1 + days_overdue / per_level);
  }
  return std::max(level, matter.escalation_level);
}

std::string EscalationLevelLabel(EscalationLevel level, const RegionLevels& levels) {
  switch (level) {
    case 0:
      return levels.Name(RegionLevel::kVillage);
    case 1:
      return levels.Name(RegionLevel::kTownship);
    default:
      return levels.Name(RegionLevel::kCounty);
  }
}

RateCounters& RateCounters::operator+=(const RateCounters& o) {
  received += o.received;
  responded += o.responded;
  responded_on_time += o.responded_on_time;
  replied += o.replied;
  replied_on_time += o.replied_on_time;
  rated += o.rated;
  solved += o.solved;
  satisfied += o.satisfied;
  reopened += o.reopened;
  overdue += o.overdue;
  extended += o.extended;
  excluded += o.excluded;
  return *this;
}

ThreeRates ComputeRates(const RateCounters& c) {
  ThreeRates r;
  if (c.received > 0) {
    r.response_rate = std::min(1.0, static_cast<double>(c.responded_on_time) / c.received);
  }
  if (c.rated > 0) {
    r.resolution_rate = static_cast<double>(c.solved) / c.rated;
    r.satisfaction_rate = static_cast<double>(c.satisfied) / c.rated;
  }
  return r;
}

double TextSimilarity(std::string_view a, std::string_view b) {
  auto x = Bigrams(a);
  auto y = Bigrams(b);
  if (x.empty() || y.empty()) return 0.0;
  std::size_t common = 0;
  for (const auto& g : x) common += y.count(g);
  // Over the shorter text, so a short complaint repeated inside a longer one reads as the same
  // matter; a text of a few characters cannot claim a match on one shared word.
  constexpr std::size_t kMinBigrams = 6;
  const std::size_t shorter = std::max({std::min(x.size(), y.size()), kMinBigrams});
  return static_cast<double>(common) / static_cast<double>(shorter);
}

std::vector<Id> SuggestCategories(std::string_view text,
                                  const std::vector<MatterCategory>& catalogue,
                                  std::size_t max_results) {
  std::vector<std::pair<std::size_t, Id>> scored;
  for (const auto& category : catalogue) {
    if (!category.active) continue;
    std::size_t score = 0;
    std::string_view words = category.keywords;
    while (!words.empty()) {
      std::size_t space = words.find(' ');
      std::string_view word = words.substr(0, space);
      if (!word.empty() && text.find(word) != std::string_view::npos) score += word.size();
      words = space == std::string_view::npos ? std::string_view() : words.substr(space + 1);
    }
    if (score > 0) scored.emplace_back(score, category.id);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& l, const auto& r) { return l.first > r.first; });
  std::vector<Id> out;
  for (std::size_t i = 0; i < scored.size() && i < max_results; ++i)
    out.push_back(scored[i].second);
  return out;
}

std::string SpaceCjk(std::string_view text) {
  std::string out;
  bool in_word = false;
  for (char32_t cp : CodePoints(text)) {
    if (IsCjk(cp)) {
      if (!out.empty()) out.push_back(' ');
      AppendUtf8(out, cp);
      in_word = false;
    } else if (IsWordChar(cp)) {
      if (!in_word && !out.empty()) out.push_back(' ');
      AppendUtf8(out, cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
      in_word = true;
    } else {
      in_word = false;
    }
  }
  return out;
}

}  // namespace minqing::domain
