#include "domain/network.hpp"

#include <array>

#include "domain/enum_table.hpp"

namespace minqing::domain {
namespace {

constexpr EnumTable<LinkKind, 3> kLinkKinds{{{
    {LinkKind::kPinned, "pinned", "组织指定", "Pinned"},
    {LinkKind::kChosen, "chosen", "个人选择", "Chosen"},
    {LinkKind::kBuilt, "built", "系统编排", "Built"},
}}};

constexpr EnumTable<NoticeKind, 4> kNoticeKinds{{{
    {NoticeKind::kPolicy, "policy", "政策宣讲到户", "Policy explained"},
    {NoticeKind::kResolution, "resolution", "支部决议到户", "Branch resolution"},
    {NoticeKind::kWelfare, "welfare", "公益动员到户", "Public-welfare mobilisation"},
    {NoticeKind::kOpinion, "opinion", "意见征求到户", "Opinions solicited"},
}}};

constexpr EnumTable<HouseholdEventKind, 5> kEventKinds{{{
    {HouseholdEventKind::kWeddingOrFuneral, "wedding_funeral", "红白大事", "Wedding or funeral"},
    {HouseholdEventKind::kHospitalStay, "hospital", "生病住院", "Hospital stay"},
    {HouseholdEventKind::kUrgentWork, "urgent_work", "急难险重", "Urgent heavy work"},
    {HouseholdEventKind::kErrand, "errand", "有事要办", "Errand to run"},
    {HouseholdEventKind::kMoodChange, "mood_change", "思想波动", "Change of mood"},
}}};

constexpr EnumTable<VisitKind, 4> kVisitKinds{{{
    {VisitKind::kRoutine, "routine", "日常走访", "Routine"},
    {VisitKind::kFiveMustAttend, "five_must", "五必到", "Must-attend event"},
    {VisitKind::kNoticeDelivery, "notice", "四到户送达", "Notice delivery"},
    {VisitKind::kFollowUp, "follow_up", "回访跟进", "Follow-up"},
}}};

constexpr EnumTable<VisitorKind, 3> kVisitorKinds{{{
    {VisitorKind::kPartyMember, "party_member", "党员", "Party member"},
    {VisitorKind::kVillageAssistant, "village_assistant", "村级事务助理", "Village assistant"},
    {VisitorKind::kCadre, "cadre", "干部", "Cadre"},
}}};

}  // namespace

namespace detail {
std::vector<CodeKind> NetworkCodeKinds() {
  return {kLinkKinds.Kind("link_kind"), kNoticeKinds.Kind("notice_kind"),
          kEventKinds.Kind("household_event_kind"), kVisitKinds.Kind("visit_kind"),
          kVisitorKinds.Kind("visitor_kind")};
}
}  // namespace detail

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
bool IsVisitWay(std::string_view way) {
  for (auto w : kVisitWays) {
    if (w == way) return true;
  }
  return false;
}

std::string_view VisitWayLabel(std::string_view way) {
  if (way == "in_person") return "上门";
  if (way == "phone") return "电话";
  if (way == "video") return "视频";
  return way;
}

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
