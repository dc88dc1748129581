#include "domain/network.hpp"

#include <array>

namespace minqing::domain {
namespace {

template <typename E>
struct Row {
  E value;
  std::string_view code;
  std::string_view label;
};

template <typename E, std::size_t N>
const Row<E>* Find(const std::array<Row<E>, N>& rows, E v) {
  for (const auto& r : rows) {
    if (r.value == v) return &r;
  }
  return nullptr;
}

template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<Row<E>, N>& rows, std::string_view s) {
  for (const auto& r : rows) {
    if (r.code == s || r.label == s) return r.value;
  }
  return std::nullopt;
}

constexpr std::array<Row<LinkKind>, 3> kLinkKinds = {{
    {LinkKind::kPinned, "pinned", "组织指定"},
    {LinkKind::kChosen, "chosen", "个人选择"},
    {LinkKind::kBuilt, "built", "系统编排"},
}};

constexpr std::array<Row<NoticeKind>, 4> kNoticeKinds = {{
    {NoticeKind::kPolicy, "policy", "政策宣讲到户"},
    {NoticeKind::kResolution, "resolution", "支部决议到户"},
    {NoticeKind::kWelfare, "welfare", "公益动员到户"},
    {NoticeKind::kOpinion, "opinion", "意见征求到户"},
}};

constexpr std::array<Row<HouseholdEventKind>, 5> kEventKinds = {{
    {HouseholdEventKind::kWeddingOrFuneral, "wedding_funeral", "红白大事"},
    {HouseholdEventKind::kHospitalStay, "hospital", "生病住院"},
    {HouseholdEventKind::kUrgentWork, "urgent_work", "急难险重"},
    {HouseholdEventKind::kErrand, "errand", "有事要办"},
    {HouseholdEventKind::kMoodChange, "mood_change", "思想波动"},
}};

constexpr std::array<Row<VisitKind>, 4> kVisitKinds = {{
    {VisitKind::kRoutine, "routine", "日常走访"},
    {VisitKind::kFiveMustAttend, "five_must", "五必到"},
    {VisitKind::kNoticeDelivery, "notice", "四到户送达"},
    {VisitKind::kFollowUp, "follow_up", "回访跟进"},
}};

constexpr std::array<Row<VisitorKind>, 3> kVisitorKinds = {{
    {VisitorKind::kPartyMember, "party_member", "党员"},
    {VisitorKind::kVillageAssistant, "village_assistant", "村级事务助理"},
    {VisitorKind::kCadre, "cadre", "干部"},
}};

}  // namespace

std::string_view LinkKindCode(LinkKind v) { return Find(kLinkKinds, v)->code; }
std::optional<LinkKind> ParseLinkKind(std::string_view s) { return Parse(kLinkKinds, s); }
std::string_view NoticeKindCode(NoticeKind v) { return Find(kNoticeKinds, v)->code; }
std::optional<NoticeKind> ParseNoticeKind(std::string_view s) { return Parse(kNoticeKinds, s); }
std::string_view NoticeKindLabel(NoticeKind v) { return Find(kNoticeKinds, v)->label; }
std::string_view HouseholdEventKindCode(HouseholdEventKind v) { return Find(kEventKinds, v)->code; }
std::optional<HouseholdEventKind> ParseHouseholdEventKind(std::string_view s) {
  return Parse(kEventKinds, s);
}
std::string_view HouseholdEventKindLabel(HouseholdEventKind v) {
  return Find(kEventKinds, v)->label;
}
std::string_view VisitKindCode(VisitKind v) { return Find(kVisitKinds, v)->code; }
std::optional<VisitKind> ParseVisitKind(std::string_view s) { return Parse(kVisitKinds, s); }
std::string_view VisitKindLabel(VisitKind v) { return Find(kVisitKinds, v)->label; }
std::string_view VisitorKindCode(VisitorKind v) { return Find(kVisitorKinds, v)->code; }
std::optional<VisitorKind> ParseVisitorKind(std::string_view s) { return Parse(kVisitorKinds, s); }

int VisitQuotaPercent(std::int64_t households, const NetworkSettings& settings) {
  return households < settings.small_village_households ? 100
                                                        : settings.large_village_quota_percent;
}

}  // namespace minqing::domain
