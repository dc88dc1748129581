#include "domain/matter.hpp"

#include <array>
#include <cstdio>

#include "domain/enum_table.hpp"

namespace minqing::domain {
namespace {

constexpr EnumTable<MatterType, 5> kTypes{{{
    {MatterType::kConsultation, "consultation", "咨询", "Consultation"},
    {MatterType::kHelp, "help", "求助", "Help"},
    {MatterType::kComplaint, "complaint", "投诉", "Complaint"},
    {MatterType::kReport, "report", "举报", "Report"},
    {MatterType::kSuggestion, "suggestion", "建议", "Suggestion"},
}}};

constexpr EnumTable<MatterChannel, 7> kChannels{{{
    {MatterChannel::kWindow, "window", "窗口受理", "Window"},
    {MatterChannel::kHotline, "hotline", "热线电话", "Hotline"},
    {MatterChannel::kStation, "station", "村级服务站代办", "Village station"},
    {MatterChannel::kHomeVisit, "home_visit", "入户走访", "Home visit"},
    {MatterChannel::kMeeting, "meeting", "院坝会/接待日", "Meeting"},
    {MatterChannel::kOnline, "online", "网上", "Online"},
    {MatterChannel::kQrCode, "qr_code", "联系卡二维码", "Contact-card QR"},
}}};

constexpr EnumTable<Urgency, 3> kUrgencies{{{
    {Urgency::kNormal, "normal", "一般", "Normal"},
    {Urgency::kUrgent, "urgent", "急事急办", "Urgent"},
    {Urgency::kSpecial, "special", "特事特办", "Special"},
}}};

constexpr EnumTable<MatterStatus, 7> kStatuses{{{
    {MatterStatus::kAccepted, "accepted", "已受理", "Accepted"},
    {MatterStatus::kDispatched, "dispatched", "已派单", "Dispatched"},
    {MatterStatus::kInProgress, "in_progress", "办理中", "In progress"},
    {MatterStatus::kReplied, "replied", "已答复待确认", "Replied"},
    {MatterStatus::kClosed, "closed", "已办结", "Closed"},
    {MatterStatus::kMerged, "merged", "已合并", "Merged"},
    {MatterStatus::kParked, "parked", "已挂账", "Parked (hard case)"},
}}};

constexpr EnumTable<MatterEventKind, 28> kEventKinds{{{
    {MatterEventKind::kAccepted, "accepted", "受理", "Accepted"},
    {MatterEventKind::kDispatched, "dispatched", "派单", "Dispatched"},
    {MatterEventKind::kUnitAccepted, "unit_accepted", "承办单位签收", "Accepted by the unit"},
    {MatterEventKind::kTransferred, "transferred", "转办", "Transferred"},
    {MatterEventKind::kReturned, "returned", "退单", "Returned"},
    {MatterEventKind::kStep, "step", "办理", "Handling step"},
    {MatterEventKind::kReplied, "replied", "答复", "Replied"},
    {MatterEventKind::kConfirmed, "confirmed", "群众确认", "Confirmed by the resident"},
    {MatterEventKind::kReopened, "reopened", "群众认为未解决，重新办理",
     "Reopened: the resident found it unresolved"},
    {MatterEventKind::kCallback, "callback", "回访", "Callback"},
    {MatterEventKind::kEscalated, "escalated", "逾期升级", "Escalated when overdue"},
    {MatterEventKind::kSupervised, "supervised", "督办", "Supervised"},
    {MatterEventKind::kMerged, "merged", "合并", "Merged"},
    {MatterEventKind::kNote, "note", "内部备注", "Internal note"},
    {MatterEventKind::kAppointment, "appointment", "预约", "Appointment"},
    {MatterEventKind::kClosedOnSpot, "closed_on_spot", "当场办结", "Closed on the spot"},
    {MatterEventKind::kExtensionRequested, "extension_requested", "申请延期",
     "Extension requested"},
    {MatterEventKind::kExtensionApproved, "extension_approved", "同意延期", "Extension approved"},
    {MatterEventKind::kExtensionRefused, "extension_refused", "不同意延期", "Extension refused"},
    {MatterEventKind::kOutcomeProposed, "outcome_proposed", "申请办结类型", "Outcome proposed"},
    {MatterEventKind::kOutcomeApproved, "outcome_approved", "同意办结类型", "Outcome approved"},
    {MatterEventKind::kOutcomeRefused, "outcome_refused", "不同意办结类型", "Outcome refused"},
    {MatterEventKind::kAssistAdded, "assist_added", "增加协办单位", "Assisting unit added"},
    {MatterEventKind::kAssistRemoved, "assist_removed", "撤销协办单位", "Assisting unit removed"},
    {MatterEventKind::kAssistAccepted, "assist_accepted", "协办单位签收",
     "Accepted by an assisting unit"},
    {MatterEventKind::kAssistReported, "assist_reported", "协办意见", "Assisting report"},
    {MatterEventKind::kDisputeRaised, "dispute_raised", "提出争议", "Dispute raised"},
    {MatterEventKind::kDisputeDecided, "dispute_decided", "争议裁定", "Dispute arbitrated"},
}}};

constexpr EnumTable<StatsDimension, 7> kStatsDimensions{{{
    {StatsDimension::kUnit, "unit", "承办单位", "Handling unit"},
    {StatsDimension::kPerson, "person", "承办人", "Handler"},
    {StatsDimension::kRegion, "region", "区域", "Region"},
    {StatsDimension::kCategory, "category", "诉求分类", "Category"},
    {StatsDimension::kCategoryTownship, "category_township", "乡镇诉求分类",
     "Category by township"},
    {StatsDimension::kCategoryCounty, "category_county", "县级诉求分类", "Category by county"},
    {StatsDimension::kAssistUnit, "assist_unit", "协办单位", "Assisting unit"},
}}};

constexpr EnumTable<ErrandStatus, 4> kErrandStatuses{{{
    {ErrandStatus::kReceived, "received", "助理已收件", "Received"},
    {ErrandStatus::kAtTownship, "at_township", "已送乡镇办理", "At township"},
    {ErrandStatus::kDone, "done", "已办好", "Done"},
    {ErrandStatus::kReturned, "returned", "材料已交还", "Returned"},
}}};

}  // namespace

namespace detail {
std::vector<CodeKind> MatterCodeKinds() {
  return {kTypes.Kind("matter_type"),
          kChannels.Kind("matter_channel"),
          kUrgencies.Kind("urgency"),
          kStatuses.Kind("matter_status"),
          kEventKinds.Kind("matter_event_kind"),
          kErrandStatuses.Kind("errand_status")};
}
}  // namespace detail

bool IsOpen(MatterStatus status) {
  return status != MatterStatus::kClosed && status != MatterStatus::kMerged;
}

bool CanPerform(MatterStatus status, MatterAction action) {
  using S = MatterStatus;
  switch (action) {
    case MatterAction::kDispatch:
      return status == S::kAccepted;
    case MatterAction::kUnitAccept:
      return status == S::kDispatched;
    case MatterAction::kTransfer:
    case MatterAction::kReturn:
      return status == S::kDispatched || status == S::kInProgress;
    case MatterAction::kStep:
      return status == S::kInProgress || status == S::kDispatched || status == S::kParked;
    case MatterAction::kReply:
      return status == S::kInProgress;
    case MatterAction::kConfirm:
      return status == S::kReplied;
    case MatterAction::kCloseOnSpot:
      return status == S::kAccepted;
    case MatterAction::kMerge:
      return IsOpen(status) && status != S::kParked;
    case MatterAction::kSupervise:
      return IsOpen(status);
    case MatterAction::kAccept:
      return status == S::kAccepted;
    case MatterAction::kEscalate:
      return IsOpen(status) && status != S::kReplied && status != S::kParked;
    case MatterAction::kRequestExtension:
      return status == S::kDispatched || status == S::kInProgress;
    case MatterAction::kProposeOutcome:
      return status == S::kInProgress;
  }
  return false;
}

std::string_view MatterTypeCode(MatterType v) { return kTypes.Code(v); }
std::optional<MatterType> ParseMatterType(std::string_view s) { return kTypes.Parse(s); }
std::string_view MatterTypeLabel(MatterType v) { return kTypes.Label(v); }
std::string_view MatterChannelCode(MatterChannel v) { return kChannels.Code(v); }
std::optional<MatterChannel> ParseMatterChannel(std::string_view s) { return kChannels.Parse(s); }
std::string_view MatterChannelLabel(MatterChannel v) { return kChannels.Label(v); }
std::string_view UrgencyCode(Urgency v) { return kUrgencies.Code(v); }
std::optional<Urgency> ParseUrgency(std::string_view s) { return kUrgencies.Parse(s); }
std::string_view UrgencyLabel(Urgency v) { return kUrgencies.Label(v); }
std::string_view MatterStatusCode(MatterStatus v) { return kStatuses.Code(v); }
std::optional<MatterStatus> ParseMatterStatus(std::string_view s) { return kStatuses.Parse(s); }
std::string_view MatterStatusLabel(MatterStatus v) { return kStatuses.Label(v); }
std::string_view MatterEventKindCode(MatterEventKind v) { return kEventKinds.Code(v); }
std::string_view MatterEventKindLabel(MatterEventKind v) { return kEventKinds.Label(v); }
std::string_view StatsDimensionCode(StatsDimension v) { return kStatsDimensions.Code(v); }
std::optional<StatsDimension> ParseStatsDimension(std::string_view s) {
  return kStatsDimensions.Parse(s);
}
std::string_view StatsDimensionLabel(StatsDimension v) { return kStatsDimensions.Label(v); }
std::string_view ErrandStatusCode(ErrandStatus v) { return kErrandStatuses.Code(v); }
std::optional<ErrandStatus> ParseErrandStatus(std::string_view s) {
  return kErrandStatuses.Parse(s);
}
std::string_view ErrandStatusLabel(ErrandStatus v) { return kErrandStatuses.Label(v); }

std::string MatterNumber(std::string_view date, std::int64_t serial) {
  std::string compact;
  for (char c : date) {
    if (c != '-') compact.push_back(c);
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), "-%05lld", static_cast<long long>(serial));
  return compact + buf;
}

}  // namespace minqing::domain
