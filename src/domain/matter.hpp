// Matters (诉求): what a resident asks of the government, accepted once at one window (一个窗口
// 受理), routed to a handling unit, tracked to a deadline, and closed only when the resident signs
// it off (群众签字才算数). This header holds the values and the state machine; deadlines come from
// work_calendar.hpp, escalation and the three rates from matter_rules.hpp. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace minqing::domain {

// 咨询 consultation, 求助 help, 投诉 complaint, 举报 report, 建议 suggestion.
enum class MatterType {
  kConsultation = 1,
  kHelp = 2,
  kComplaint = 3,
  kReport = 4,
  kSuggestion = 5
};

// How the matter reached us.
enum class MatterChannel {
  kWindow = 1,     // 窗口
  kHotline = 2,    // 热线电话
  kStation = 3,    // 村级服务站 / 代办
  kHomeVisit = 4,  // 入户走访
  kMeeting = 5,    // 院坝会、接待日
  kOnline = 6,     // 网上
  kQrCode = 7,     // 联系卡二维码
};

// 一般, 急事急办, 特事特办.
enum class Urgency { kNormal = 1, kUrgent = 2, kSpecial = 3 };

enum class MatterStatus {
  kAccepted = 1,    // 已受理: at the window / dispatcher, not yet with a unit.
  kDispatched = 2,  // 已派单: sent to a unit, waiting for it to accept.
  kInProgress = 3,  // 办理中: the unit accepted it.
  kReplied = 4,     // 已答复: handled and answered; waiting for the resident's sign-off.
  kClosed = 5,  // 已办结: the resident confirmed (or it was answered and closed on the spot).
  kMerged = 6,  // 已合并: a duplicate that shares the outcome of another matter.
  // 已挂账: a leader approved it as hard to solve now (疑难/挂账) with a plan and a planned date;
  // open, out of the overdue escalation and of the unit's assessment (matter_requests.hpp).
  kParked = 7,
};

// Escalation level: 0 community/village, 1 street/township, 2 district/county (configurable
// names; the number of levels is the length of the region path below the county).
using EscalationLevel = int;

struct Matter {
  Id id = 0;
  std::string number;  // 工单号, e.g. "20261129-00042": the acceptance date and a daily serial.
  MatterType type = MatterType::kHelp;
  std::optional<Id> category_id;
  std::string category_name;  // Filled by queries.
  MatterChannel channel = MatterChannel::kWindow;
  Urgency urgency = Urgency::kNormal;
  MatterStatus status = MatterStatus::kAccepted;

  std::optional<Id> household_id;
  std::optional<Id> resident_id;
  std::string caller_name;   // Anonymous/unregistered callers, or a copy of the resident's name.
  std::string caller_phone;  // Where the sign-off code goes.
  Id region_id = 0;          // Where the matter is (the household's region or chosen).
  std::string region_path;
  std::string region_name;   // Filled by queries.
  std::string region_label;  // For the reader (domain/region_label.hpp); filled by use cases.

  std::string title;    // Short summary (first line of the text when empty).
  std::string content;  // What the resident said.
  std::string address;
  std::optional<double> lat;
  std::optional<double> lng;

  Id accepted_by = 0;  // The user who accepted it.
  Epoch accepted_at = 0;
  std::optional<Id> unit_id;        // The unit now responsible (first receiver stays responsible).
  std::string unit_name;            // Filled by queries.
  std::optional<Id> handler_id;     // A person in that unit, optional.
  std::optional<Id> first_unit_id;  // 首接负责: the first unit that received it.

  Epoch response_due_at = 0;  // The unit must accept (respond) by then.
  Epoch due_at = 0;           // The matter must be replied by then.
  std::optional<Epoch> responded_at;
  std::optional<Epoch> replied_at;
  std::optional<Epoch> closed_at;
  std::string reply;  // 答复: the answer given to the resident (latest).

  EscalationLevel escalation_level = 0;
  bool supervised = false;  // Has an open supervision order (督办).
  std::optional<Id> merged_into_id;
  std::string public_token;  // Random; with the number it opens the resident's public page.

  // The resident's sign-off (群众签字).
  std::optional<bool> solved;
  std::optional<int> rating;  // 1..5
  std::string rating_comment;
  std::string confirmed_via;  // "sms_code", "public_page", "callback", "window"
  int reopen_count = 0;       // Times "not solved" sent it back.
  Epoch updated_at = 0;
  // Read from its requests (domain/matter_requests.hpp), never written with the matter: approved
  // extensions (延期), the approved outcome's code (办结类型: "parked", "unfounded",
  // "out_of_scope"; "" for none), and whether an extension or an outcome awaits a decision.
  int extension_count = 0;
  std::string outcome;
  bool extension_pending = false;
  bool outcome_pending = false;
};

// Timeline entries. Internal ones are hidden from the resident's public page.
enum class MatterEventKind {
  kAccepted = 1,
  kDispatched = 2,
  kUnitAccepted = 3,  // The unit responded.
  kTransferred = 4,   // Sent on to another unit, with a reason.
  kReturned = 5,      // 退单: sent back to the dispatcher, with a reason.
  kStep = 6,          // A handling step with notes.
  kReplied = 7,
  kConfirmed = 8,  // Resident: solved.
  kReopened = 9,   // Resident: not solved.
  kCallback = 10,  // 回访 by staff.
  kEscalated = 11,
  kSupervised = 12,  // 督办 order.
  kMerged = 13,
  kNote = 14,  // Internal note.
  kAppointment = 15,
  kClosedOnSpot = 16,  // 一次性办结.
  // Extension requests (延期申请) and honest outcomes (办结类型), see matter_requests.hpp.
  kExtensionRequested = 17,
  kExtensionApproved = 18,
  kExtensionRefused = 19,
  kOutcomeProposed = 20,
  kOutcomeApproved = 21,
  kOutcomeRefused = 22,
  // Joint handling (主办/协办) and first-receiver disputes (domain/matter_joint.hpp).
  kAssistAdded = 23,     // An assisting unit (协办单位) named.
  kAssistRemoved = 24,   // An assisting unit taken off.
  kAssistAccepted = 25,  // The assisting unit signed for it.
  kAssistReported = 26,  // The assisting unit's report (协办意见).
  kDisputeRaised = 27,   // 争议: a unit that may no longer return the matter contests it.
  kDisputeDecided = 28,  // The dispatcher's arbitration.
};

struct MatterEvent {
  Id id = 0;
  Id matter_id = 0;
  MatterEventKind kind = MatterEventKind::kNote;
  Epoch at = 0;
  std::optional<Id> user_id;
  std::string user_name;  // Copied at write time.
  std::optional<Id> from_unit_id;
  std::optional<Id> to_unit_id;
  std::string text;
  bool internal = false;
  std::vector<Id> attachment_ids;
};

struct Attachment {
  Id id = 0;
  Id matter_id = 0;
  std::optional<Id> event_id;
  std::string file_name;
  std::string content_type;  // image/jpeg, image/png, image/webp, application/pdf
  std::int64_t size = 0;
  std::string sha256;
  Epoch uploaded_at = 0;
  std::optional<Id> uploaded_by;
};

// The category catalogue (a tree), with the default handling unit and limits.
struct MatterCategory {
  Id id = 0;
  std::optional<Id> parent_id;
  std::string name;
  std::string keywords;  // Space-separated words that suggest this category from a text.
  std::optional<Id> default_unit_id;
  int response_hours = 4;   // Working hours to respond (accept).
  int completion_days = 5;  // Working days to reply.
  bool active = true;
};

// category × region → unit (most specific region prefix wins).
struct RoutingRule {
  Id id = 0;
  Id category_id = 0;
  std::string region_path;  // Applies to matters in this subtree ("" = everywhere).
  Id unit_id = 0;
  std::optional<int> completion_days;  // Overrides the category's limit when set.
  std::string region_name;             // For display; filled by the use cases that list rules.
};

// 督办 order on an overdue or escalated matter.
struct SupervisionOrder {
  Id id = 0;
  Id matter_id = 0;
  Id issued_by = 0;
  std::string note;
  Epoch issued_at = 0;
  Epoch due_at = 0;
  std::optional<Epoch> done_at;
};

// A callback task (回访) for a replied matter the resident has not confirmed in time.
struct CallbackTask {
  Id id = 0;
  Id matter_id = 0;
  Epoch created_at = 0;
  std::optional<Id> assigned_to;
  std::optional<Epoch> done_at;
  std::string outcome;
  // Of the matter, filled when read (not stored with the task).
  std::string matter_number;
  std::string matter_title;
  std::string unit_name;
};

// "Fixed time, fixed matter, fixed person" (定时、定事、定人) appointments against a centre's
// slots, holidays included (节假日预约).
struct TimeSlot {
  Id id = 0;
  Id unit_id = 0;
  std::string date;   // YYYY-MM-DD
  std::string start;  // HH:MM
  std::string end;
  int capacity = 1;
  int booked = 0;  // Filled by queries.
  std::optional<Id> staff_user_id;
};

struct Appointment {
  Id id = 0;
  Id slot_id = 0;
  std::optional<Id> matter_id;
  std::optional<Id> household_id;
  std::string person_name;
  std::string phone;
  std::string purpose;
  std::string status;  // "booked", "done", "cancelled"
  Epoch created_at = 0;
};

// 代办 / 农事村办: documents carried by the village assistant to the township and back.
enum class ErrandStatus { kReceived = 1, kAtTownship = 2, kDone = 3, kReturned = 4 };

struct ErrandDocument {
  std::string name;  // 身份证复印件, 户口本, ...
  int copies = 1;
  std::optional<Epoch> received_at;
  std::optional<Epoch> returned_at;
};

struct ProxyErrand {
  Id id = 0;
  std::optional<Id> matter_id;
  Id household_id = 0;
  Id assistant_id = 0;  // The user carrying it.
  std::string purpose;
  ErrandStatus status = ErrandStatus::kReceived;
  std::vector<ErrandDocument> documents;
  Epoch created_at = 0;
  Epoch updated_at = 0;
  // Filled by reads, for display: the household, the linked matter's receipt number and the
  // assistant's name.
  std::string household_number;
  std::string household_address;
  std::string household_head;
  std::string matter_number;
  std::string assistant_name;
};

// The state machine. Every transition the use cases perform is checked here; the transitions
// themselves (new state, timeline events, three-rate counters) are in matter_state_machine.hpp.
enum class MatterAction {
  kAccept,       // a new matter → kAccepted, kClosed (answered on the spot) or kMerged
  kDispatch,     // kAccepted → kDispatched (also from kDispatched/kInProgress after a return).
  kUnitAccept,   // kDispatched → kInProgress
  kTransfer,     // kDispatched|kInProgress → kDispatched (another unit)
  kReturn,       // kDispatched|kInProgress → kAccepted
  kStep,         // kInProgress
  kReply,        // kInProgress → kReplied
  kConfirm,      // kReplied → kClosed (solved) or kInProgress (not solved)
  kCloseOnSpot,  // kAccepted → kClosed (consultations answered at once)
  kMerge,        // any open → kMerged
  kSupervise,    // any open
  kEscalate,     // open and not replied (the overdue escalation)
  // The unit asks for more time (延期) / proposes an outcome (办结类型): kDispatched|kInProgress
  // for an extension, kInProgress for an outcome; the decisions need the same states.
  kRequestExtension,
  kProposeOutcome,
};

// The dimensions the three-rate counters are kept in (matter_stats.dimension). The codes are
// stored: never rename one.
enum class StatsDimension {
  kUnit = 1,              // "unit": key = unit id
  kPerson = 2,            // "person": key = handler user id
  kRegion = 3,            // "region": key = region id, path = its region path
  kCategory = 4,          // "category": key = category id (0 = none)
  kCategoryTownship = 5,  // "category_township": key = category id, key2/path = the township
  kCategoryCounty = 6,    // "category_county": key = category id, key2/path = the county
  kAssistUnit = 11,       // "assist_unit": key = an assisting unit's id (协办, matter_joint.hpp)
};

bool IsOpen(MatterStatus status);
// Whether `action` is allowed from `status`.
bool CanPerform(MatterStatus status, MatterAction action);

std::string_view MatterTypeCode(MatterType type);  // "consultation", "help", ...
std::optional<MatterType> ParseMatterType(std::string_view code_or_label);
std::string_view MatterTypeLabel(MatterType type);          // 咨询, 求助, ...
std::string_view MatterChannelCode(MatterChannel channel);  // "window", "hotline", ...
std::optional<MatterChannel> ParseMatterChannel(std::string_view code);
std::string_view MatterChannelLabel(MatterChannel channel);
std::string_view UrgencyCode(Urgency urgency);  // "normal", "urgent", "special"
std::optional<Urgency> ParseUrgency(std::string_view code);
std::string_view UrgencyLabel(Urgency urgency);
std::string_view MatterStatusCode(MatterStatus status);  // "accepted", "dispatched", ...
std::optional<MatterStatus> ParseMatterStatus(std::string_view code);
std::string_view MatterStatusLabel(MatterStatus status);
std::string_view MatterEventKindCode(MatterEventKind kind);
std::string_view MatterEventKindLabel(MatterEventKind kind);
std::string_view StatsDimensionCode(StatsDimension dimension);  // "unit", "region", ...
std::optional<StatsDimension> ParseStatsDimension(std::string_view code);
std::string_view StatsDimensionLabel(StatsDimension dimension);  // 承办单位, 区域, ...
std::string_view ErrandStatusCode(ErrandStatus status);
std::optional<ErrandStatus> ParseErrandStatus(std::string_view code);
std::string_view ErrandStatusLabel(ErrandStatus status);

// The receipt number for the `serial`-th matter accepted on China civil date `date` (YYYY-MM-DD):
// "20261129-00042".
std::string MatterNumber(std::string_view date, std::int64_t serial);

}  // namespace minqing::domain
