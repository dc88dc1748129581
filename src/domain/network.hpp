// The 1+10 contact network (一人联十人、十人联百户) and its activity: links of party members to
// households (党员联系户) and of party-group leaders to members, link requests (personal choice,
// approved by the organisation), per-region network settings, the duties 四到户 (notices delivered
// to every household) and 五必到 (being present at household events), and the people's-conditions
// diary (民情日记) of visits with confirmation by the household and supervisors' grades.
// Plain values; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace minqing::domain {

// How a link came to be: designated by the organisation (kept by every builder run), chosen by
// the member and approved (kept like a pin), or made by the builder (kept unless moving it gains
// clearly).
enum class LinkKind { kPinned = 1, kChosen = 2, kBuilt = 3 };

// A party member looking after a household (党员联系户).
struct ContactLink {
  Id id = 0;
  Id member_id = 0;
  Id household_id = 0;
  LinkKind kind = LinkKind::kBuilt;
  Epoch created_at = 0;
  std::optional<Id> created_by;
  // Filled by queries.
  std::string member_name;
  std::string household_number;
  std::string household_address;
  std::string head_name;
};

// A party-group leader looking after a member (一人联十人).
struct LeaderLink {
  Id id = 0;
  Id leader_member_id = 0;
  Id member_id = 0;
  LinkKind kind = LinkKind::kBuilt;
  Epoch created_at = 0;
  std::string member_name;  // Filled by queries.
};

enum class LinkRequestStatus { kPending = 1, kApproved = 2, kRejected = 3 };

// A member asking to look after a household (personal choice), decided by the organisation.
struct LinkRequest {
  Id id = 0;
  Id member_id = 0;
  Id household_id = 0;
  std::string reason;
  LinkRequestStatus status = LinkRequestStatus::kPending;
  Epoch created_at = 0;
  std::optional<Id> decided_by;
  std::optional<Epoch> decided_at;
};

// Per-region settings (the nearest ancestor's settings apply): sizes are settings, not constants.
// A village's service station (综合服务站): where it is, when it is open (free text, as residents
// read it on the contact card), its phone and the village affairs assistant (村级事务助理) posted
// there.
struct ServiceStation {
  Id region_id = 0;
  std::string place;
  std::string hours;
  std::string phone;
  std::optional<Id> assistant_user_id;
};

struct NetworkSettings {
  Id region_id = 0;
  int households_per_member = 10;  // Default capacity of an able member.
  int members_per_leader = 10;
  int max_walk_metres = 3000;        // Links farther than this are not proposed.
  int stability_bonus_metres = 150;  // A re-run moves a built link only when it gains more.
  // A village with fewer households than this is "small": every household must be visited each
  // year (100%); a larger one at least `large_village_quota_percent` of its households.
  int small_village_households = 300;
  int large_village_quota_percent = 80;
};

// 四到户: what is delivered to every household through the network.
enum class NoticeKind {
  kPolicy = 1,      // 政策宣讲到户
  kResolution = 2,  // 支部决议到户
  kWelfare = 3,     // 公益动员到户
  kOpinion = 4,     // 意见征求到户 (collects each household's opinion)
};

struct Notice {
  Id id = 0;
  Id region_id = 0;
  std::string region_path;
  NoticeKind kind = NoticeKind::kPolicy;
  std::string title;
  std::string body;
  Id published_by = 0;
  Epoch published_at = 0;
  std::optional<Epoch> due_at;
  // Filled by queries.
  std::int64_t households = 0;
  std::int64_t delivered = 0;
};

struct NoticeDelivery {
  Id notice_id = 0;
  Id household_id = 0;
  std::optional<Id> member_id;  // The linked member expected to deliver it.
  std::optional<Epoch> delivered_at;
  std::optional<Id> delivered_by;
  std::string opinion;  // The household's opinion when the notice solicits one.
};

// 五必到: events at a linked household where the member must be present.
enum class HouseholdEventKind {
  kWeddingOrFuneral = 1,  // 红白大事
  kHospitalStay = 2,      // 生病住院
  kUrgentWork = 3,        // 急难险重
  kErrand = 4,            // 有事要办
  kMoodChange = 5,        // 思想波动
};

struct HouseholdEvent {
  Id id = 0;
  Id household_id = 0;
  std::string region_path;
  HouseholdEventKind kind = HouseholdEventKind::kErrand;
  std::string date;  // YYYY-MM-DD the event happens / happened.
  std::string note;
  Id recorded_by = 0;
  Epoch recorded_at = 0;
  std::optional<Id> member_id;  // The linked member prompted.
  std::optional<Epoch> attended_at;
  std::string attendance_note;
};

enum class VisitKind { kRoutine = 1, kFiveMustAttend = 2, kNoticeDelivery = 3, kFollowUp = 4 };
enum class VisitorKind { kPartyMember = 1, kVillageAssistant = 2, kCadre = 3 };

// One entry of the people's-conditions diary (民情日记). Append-only once its day has passed;
// a correction is a new entry whose `corrects_id` names the old one.
struct Visit {
  Id id = 0;
  Id household_id = 0;
  std::string region_path;
  Id visitor_user_id = 0;
  VisitorKind visitor_kind = VisitorKind::kPartyMember;
  std::optional<Id> member_id;
  VisitKind kind = VisitKind::kRoutine;
  Epoch visited_at = 0;
  std::string learned;         // What was learned (民情).
  std::string problems;        // Problems found.
  std::string help;            // Help given.
  std::vector<Id> matter_ids;  // Matters raised from this visit.
  std::optional<Id> corrects_id;
  std::optional<Id> household_event_id;
  std::optional<Id> notice_id;
  // How the visit was made (VisitWays): "in_person" at the door (the default, and every entry
  // written before ways existed), "phone" (电话走访) or "video". Only door visits count towards the
  // visit quotas and confirmed door visits.
  std::string way = "in_person";
  // Confirmation by the household: "phone_code" (one-time code to the head's phone),
  // "household_account" (the household's own login), or "card_code" (static card code, kept for
  // entries confirmed before it stopped counting as proof).
  std::optional<Epoch> confirmed_at;
  std::string confirmed_via;
  Epoch created_at = 0;
  // Supervisor's review.
  std::optional<int> grade;  // 1..5
  std::string review_comment;
  std::optional<Id> reviewed_by;
  // Filled by queries.
  std::string visitor_name;
  std::string household_address;
  std::string head_name;
};

// Coverage of the network in one region (village, township or county).
struct CoverageRow {
  Id region_id = 0;
  std::string region_name;
  std::int64_t households = 0;
  std::int64_t households_covered = 0;
  std::int64_t members = 0;
  std::int64_t members_involved = 0;  // Members with at least one household.
  std::int64_t able_members = 0;
};

// Visit quota progress of one village for a year.
struct QuotaRow {
  Id region_id = 0;
  std::string region_name;
  std::int64_t households = 0;
  std::int64_t visited = 0;    // Distinct households visited in the year.
  std::int64_t confirmed = 0;  // Of those, households with a visit the household confirmed.
  int quota_percent = 100;
  bool small = true;
};

std::string_view LinkKindCode(LinkKind kind);  // "pinned", "chosen", "built"
std::optional<LinkKind> ParseLinkKind(std::string_view code);
std::string_view NoticeKindCode(NoticeKind kind);  // "policy", "resolution", "welfare", "opinion"
std::optional<NoticeKind> ParseNoticeKind(std::string_view code);
std::string_view NoticeKindLabel(NoticeKind kind);
std::string_view HouseholdEventKindCode(HouseholdEventKind kind);
std::optional<HouseholdEventKind> ParseHouseholdEventKind(std::string_view code);
std::string_view HouseholdEventKindLabel(HouseholdEventKind kind);
std::string_view VisitKindCode(VisitKind kind);  // "routine", "five_must", "notice", "follow_up"
std::optional<VisitKind> ParseVisitKind(std::string_view code);
std::string_view VisitKindLabel(VisitKind kind);
std::string_view VisitorKindCode(VisitorKind kind);  // "party_member", "village_assistant", "cadre"
std::optional<VisitorKind> ParseVisitorKind(std::string_view code);

// The ways a diary visit is made: at the door (上门), by phone (电话), by video call (视频).
inline constexpr std::string_view kVisitWays[] = {"in_person", "phone", "video"};
bool IsVisitWay(std::string_view way);
std::string_view VisitWayLabel(std::string_view way);  // "上门", "电话", "视频"

// True when the household itself confirmed the visit (one-time phone code or its own account);
// an old "card_code" confirmation is no proof: the member holds the card.
bool ConfirmedByHousehold(const Visit& visit);

// The share of households a village must visit in a year under the settings.
int VisitQuotaPercent(std::int64_t households, const NetworkSettings& settings);

}  // namespace minqing::domain
