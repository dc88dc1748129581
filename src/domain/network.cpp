#include "domain/network.hpp"

#include <array>

#include "domain/enum_table.hpp"

namespace minqing::domain {
namespace {

constexpr EnumTable<LinkKind, 3> kLinkKinds{{{
    {LinkKind::kPinned, "pinned", "组织指定"},
    {LinkKind::kChosen, "chosen", "个人选择"},
    {LinkKind::kBuilt, "built", "系统编排"},
}}};

constexpr EnumTable<NoticeKind, 4> kNoticeKinds{{{
    {NoticeKind::kPolicy, "policy", "政策宣讲到户"},
    {NoticeKind::kResolution, "resolution", "支部决议到户"},
    {NoticeKind::kWelfare, "welfare", "公益动员到户"},
    {NoticeKind::kOpinion, "opinion", "意见征求到户"},
}}};

constexpr EnumTable<HouseholdEventKind, 5> kEventKinds{{{
    {HouseholdEventKind::kWeddingOrFuneral, "wedding_funeral", "红白大事"},
    {HouseholdEventKind::kHospitalStay, "hospital", "生病住院"},
    {HouseholdEventKind::kUrgentWork, "urgent_work", "急难险重"},
    {HouseholdEventKind::kErrand, "errand", "有事要办"},
    {HouseholdEventKind::kMoodChange, "mood_change", "思想波动"},
}}};

constexpr EnumTable<VisitKind, 4> kVisitKinds{{{
    {VisitKind::kRoutine, "routine", "日常走访"},
    {VisitKind::kFiveMustAttend, "five_must", "五必到"},
    {VisitKind::kNoticeDelivery, "notice", "四到户送达"},
    {VisitKind::kFollowUp, "follow_up", "回访跟进"},
}}};

constexpr EnumTable<VisitorKind, 3> kVisitorKinds{{{
    {VisitorKind::kPartyMember, "party_member", "党员"},
    {VisitorKind::kVillageAssistant, "village_assistant", "村级事务助理"},
    {VisitorKind::kCadre, "cadre", "干部"},
}}};

}  // namespace

std::string_view LinkKindCode(LinkKind v) { return kLinkKinds.Code(v); }
std::optional<LinkKind> ParseLinkKind(std::string_view s) { return kLinkKinds.Parse(s); }
std::string_view NoticeKindCode(NoticeKind v) { return kNoticeKinds.Code(v); }
std::optional<NoticeKind> ParseNoticeKind(std::string_view s) { return kNoticeKinds.Parse(s); }
std::string_view NoticeKindLabel(NoticeKind v) { return kNoticeKinds.Label(v); }
std::string_view HouseholdEventKindCode(HouseholdEventKind v) { return kEventKinds.Code(v); }
std::optional<HouseholdEventKind> ParseHouseholdEventKind(std::string_view s) {
  return kEventKinds.Parse(s);
}
std::string_view HouseholdEventKindLabel(HouseholdEventKind v) { return kEventKinds.Label(v); }
std::string_view VisitKindCode(VisitKind v) { return kVisitKinds.Code(v); }
std::optional<VisitKind> ParseVisitKind(std::string_view s) { return kVisitKinds.Parse(s); }
std::string_view VisitKindLabel(VisitKind v) { return kVisitKinds.Label(v); }
std::string_view VisitorKindCode(VisitorKind v) { return kVisitorKinds.Code(v); }
std::optional<VisitorKind> ParseVisitorKind(std::string_view s) { return kVisitorKinds.Parse(s); }

bool ConfirmedByHousehold(const Visit& visit) {
  return visit.confirmed_at.has_value() && visit.confirmed_via != "card_code";
}

int VisitQuotaPercent(std::int64_t households, const NetworkSettings& settings) {
  return households < settings.small_village_households ? 100
                                                        : settings.large_village_quota_percent;
}

}  // namespace minqing::domain
