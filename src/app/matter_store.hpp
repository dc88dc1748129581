// Storage of matters (诉求) and everything around them: the category catalogue and routing
// rules, the holiday table, timelines, attachments, supervision orders, callback tasks, sign-off
// codes, the SMS outbox, appointments, proxy errands and the counters behind the three rates.
// Reached through StoreTx::Matters(), so every call runs in the caller's transaction.
// Lookups return nullopt when nothing matches; uniqueness violations throw domain::Conflict.
// Thread-safety: as StoreTx (one thread at a time).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/matter.hpp"
#include "domain/matter_joint.hpp"
#include "domain/matter_number_lookup.hpp"
#include "domain/matter_requests.hpp"
#include "domain/matter_rules.hpp"
#include "domain/model.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {

struct MatterFilter {
  std::string region_path_prefix;              // Matters whose region_path starts with this.
  std::vector<domain::MatterStatus> statuses;  // Empty: any status.
  std::optional<domain::Id> unit_id;           // Current responsible unit.
  // Matters this unit assists (协办, matter_assists); with unit_id, both must hold.
  std::optional<domain::Id> assisting_unit_id;
  std::optional<domain::Id> handler_id;
  std::vector<domain::Id> category_ids;  // Empty: any; the caller expands subtrees.
  std::optional<domain::Id> household_id;
  // Receipt numbers (domain::MatterNumberRanges): the number falls in one of these ranges.
  std::vector<domain::MatterNumberRange> number_ranges;
  std::optional<domain::MatterType> type;
  std::optional<domain::Epoch> accepted_from;  // Inclusive.
  std::optional<domain::Epoch> accepted_to;    // Exclusive.
  // Text search: each word (split on white space) a substring of one searchable field (see
  // domain/search_text.hpp); Page::total then stops at domain::kMatterSearchCountCap + 1.
  std::string text;
  std::optional<domain::Epoch> due_before;  // Open, not replied, due_at < this (overdue lists).
  std::optional<int> min_escalation_level;
  bool supervised_only = false;
  // Leave Page::total at 0 and read only the page: lists that show a first page and no count
  // (the dashboard's overdue list), where counting every match would cost more than the page.
  bool without_total = false;
  // Count at most domain::kMatterSearchCountCap + 1 matches (the list page's "1万+"): Page::total
  // is exact up to the cap and cap + 1 beyond it. Lists whose total is only shown set it; counts
  // that are used as numbers (exports, the home page's figures) leave it.
  bool capped_total = false;
  // An approved outcome (办结类型, domain::MatterOutcomeCode: "parked", ...); "" = any.
  std::string outcome;
  // Matters with a request awaiting a decision: domain::MatterRequestKind (延期, 办结类型).
  std::optional<domain::MatterRequestKind> pending_request;
};
// MatterFilter sorts: "-accepted_at" (default), "accepted_at", "due_at", "-escalation_level",
// "number", "-updated_at".

// Counter deltas for one cell of one dimension on one day (see domain::RateCounters).
// Dimensions: "unit" (key = unit id), "region" (key = village or group region id, path = its
// region path), "person" (key = handler user id), "category" (key = category id),
// "category_township" (key = category id, key2 = township region id, path = township path),
// "category_county" (key = category id, key2 = county region id, path = county path).
struct StatsDelta {
  std::string dimension;
  domain::Id key = 0;
  domain::Id key2 = 0;
  std::string path;
  domain::DayNumber day = 0;
  domain::RateCounters counters;
};

// Month cells. AddStats books every delta twice: in its day cell and in the month cell of the
// same key, dimension + kStatsMonthSuffix ("unit@m", ...) with day = the first day of the month.
// SumStats reads the whole months of a window from the month cells and only the days before the
// first and after the last whole month from the day cells, so a year costs about 12 + 60 cells
// per key rather than 365. DailyReceived reads day cells only. Migration V016 builds the month
// cells of databases written before them.
inline constexpr std::string_view kStatsMonthSuffix = "@m";

// The first day of the month of `day`.
inline domain::DayNumber StatsMonthStart(domain::DayNumber day) {
  int year = 0, month = 0, dom = 0;
  domain::CivilFromDay(day, year, month, dom);
  return day - (dom - 1);
}

// A window [from, to] as day cells [head_from, head_to], month cells whose day lies in
// [months_from, months_to] (whole months only) and day cells [tail_from, tail_to]. Empty ranges
// have from > to; a window without a whole month is all head.
struct StatsWindow {
  domain::DayNumber head_from = 0, head_to = -1;
  domain::DayNumber months_from = 0, months_to = -1;
  domain::DayNumber tail_from = 0, tail_to = -1;
};

inline StatsWindow SplitStatsWindow(domain::DayNumber from, domain::DayNumber to) {
  StatsWindow w;
  // First whole month: from's month if from is its first day, else the next month.
  domain::DayNumber first =
      StatsMonthStart(from) == from ? from : StatsMonthStart(StatsMonthStart(from) + 31);
  // Day after the last whole month: the month start after `to` if to ends its month, else to's
  // month start.
  domain::DayNumber end = StatsMonthStart(to + 1) == to + 1 ? to + 1 : StatsMonthStart(to);
  if (from > to || first >= end) {
    w.head_from = from;
    w.head_to = to;
    return w;
  }
  w.head_from = from;
  w.head_to = first - 1;
  w.months_from = first;
  w.months_to = end - 1;
  w.tail_from = end;
  w.tail_to = to;
  return w;
}

struct StatsRow {
  domain::Id key = 0;
  domain::Id key2 = 0;
  domain::RateCounters counters;
};

struct DailyCount {
  domain::DayNumber day = 0;
  domain::Id key = 0;  // Category id for volumes by category (0 = none).
  std::int64_t count = 0;
};

struct SignOffCode {
  domain::Id matter_id = 0;
  std::string code_hash;  // SHA-256 hex of the code.
  domain::Epoch expires_at = 0;
  int attempts = 0;
};

struct SmsMessage {
  domain::Id id = 0;
  std::string phone;
  std::string text;
  domain::Epoch created_at = 0;
  std::optional<domain::Id> matter_id;
};

class MatterRepository {
 public:
  virtual ~MatterRepository() = default;

  // The next serial for matters accepted on `day` (1, 2, ...): a per-day counter row updated in
  // this transaction, so concurrent transactions never hand out the same number.
  virtual std::int64_t NextMatterSerial(domain::DayNumber day) = 0;

  // Matters. Find/List fill category_name, region_name and unit_name.
  // InsertMatter and InsertEvent write new rows that nothing else in the transaction can
  // conflict with, so a store may send them with the transaction's next read or its commit: a
  // duplicate (Conflict) or a missing region, category or matter (InvalidInput) is reported by
  // this call or by a later one of the transaction, which must then be rolled back.
  virtual void InsertMatter(const domain::Matter& matter) = 0;
  virtual void UpdateMatter(const domain::Matter& matter) = 0;
  virtual std::optional<domain::Matter> FindMatter(domain::Id id) = 0;
  virtual std::optional<domain::Matter> FindMatterByNumber(std::string_view number) = 0;
  // The duplicates merged into `target_id` (merged_into_id = target_id), oldest accepted first.
  virtual std::vector<domain::Matter> ListMergedInto(domain::Id target_id) = 0;
  virtual domain::Page<domain::Matter> ListMatters(const MatterFilter& filter,
                                                   const domain::PageRequest& page) = 0;
  // Open matters (not closed, not merged) of the household, or in the region subtree, accepted
  // since `since`, newest first, at most `limit`: candidates for duplicate detection.
  virtual std::vector<domain::Matter> ListOpenMattersNear(std::optional<domain::Id> household_id,
                                                          std::string_view region_path_prefix,
                                                          domain::Epoch since, int limit) = 0;
  // Open, not replied matters with due_at < `instant` (escalation candidates), oldest due first.
  virtual std::vector<domain::Matter> ListDueBefore(domain::Epoch instant, int limit) = 0;
  // Replied matters still unconfirmed, replied before `replied_before`, with no callback task.
  virtual std::vector<domain::Matter> ListAwaitingCallback(domain::Epoch replied_before,
                                                           int limit) = 0;
  // Keeps the text search index of a matter in step: the text is the matter's
  // domain::MatterSearchDocument (no longer spaced: the parameter keeps its old name).
  virtual void IndexMatterText(domain::Id matter_id, std::string_view spaced_text) = 0;

  // Timeline, oldest first.
  virtual void InsertEvent(const domain::MatterEvent& event) = 0;
  virtual std::vector<domain::MatterEvent> ListEvents(domain::Id matter_id) = 0;

  // Attachments: metadata and bytes (kept in the database, at most a few MB each).
  virtual void InsertAttachment(const domain::Attachment& attachment, std::string_view bytes) = 0;
  virtual std::optional<domain::Attachment> FindAttachment(domain::Id id) = 0;
  virtual std::string ReadAttachmentBytes(domain::Id id) = 0;
  virtual std::vector<domain::Attachment> ListAttachments(domain::Id matter_id) = 0;

  // The category catalogue and routing rules.
  virtual std::vector<domain::MatterCategory> ListCategories() = 0;
  virtual std::optional<domain::MatterCategory> FindCategory(domain::Id id) = 0;
  virtual void InsertCategory(const domain::MatterCategory& category) = 0;
  virtual void UpdateCategory(const domain::MatterCategory& category) = 0;
  virtual std::vector<domain::RoutingRule> ListRoutingRules() = 0;
  virtual void InsertRoutingRule(const domain::RoutingRule& rule) = 0;
  virtual void DeleteRoutingRule(domain::Id id) = 0;

  // The holiday table, ordered by date.
  virtual std::vector<domain::CalendarDay> ListCalendarDays() = 0;
  virtual void UpsertCalendarDay(const domain::CalendarDay& day) = 0;
  virtual void DeleteCalendarDay(std::string_view date) = 0;

  // Supervision orders (督办) and callback tasks (回访).
  virtual void InsertSupervision(const domain::SupervisionOrder& order) = 0;
  virtual void UpdateSupervision(const domain::SupervisionOrder& order) = 0;
  virtual std::vector<domain::SupervisionOrder> ListSupervisions(domain::Id matter_id) = 0;
  virtual void InsertCallbackTask(const domain::CallbackTask& task) = 0;
  virtual void UpdateCallbackTask(const domain::CallbackTask& task) = 0;
  virtual std::optional<domain::CallbackTask> FindCallbackTask(domain::Id id) = 0;
  // Open tasks whose matter lies in the region subtree, oldest first.
  virtual domain::Page<domain::CallbackTask> ListOpenCallbackTasks(
      std::string_view region_path_prefix, const domain::PageRequest& page) = 0;
  // Every task of one matter, open and done, oldest first.
  virtual std::vector<domain::CallbackTask> ListCallbackTasksOfMatter(domain::Id matter_id) = 0;

  // One-time sign-off codes, one per matter (a new code replaces the old one).
  virtual void UpsertSignOffCode(const SignOffCode& code) = 0;
  virtual std::optional<SignOffCode> FindSignOffCode(domain::Id matter_id) = 0;
  virtual void DeleteSignOffCode(domain::Id matter_id) = 0;

  // The SMS outbox: what the development sender "sent", newest first.
  virtual domain::Page<SmsMessage> ListSms(const domain::PageRequest& page) = 0;

  // Appointments against a centre's time slots; slots filled with their booked count.
  virtual void InsertTimeSlot(const domain::TimeSlot& slot) = 0;
  virtual std::optional<domain::TimeSlot> FindTimeSlot(domain::Id id) = 0;
  virtual std::vector<domain::TimeSlot> ListTimeSlots(domain::Id unit_id,
                                                      std::string_view from_date,
                                                      std::string_view to_date) = 0;
  virtual void InsertAppointment(const domain::Appointment& appointment) = 0;
  virtual void UpdateAppointment(const domain::Appointment& appointment) = 0;
  virtual std::optional<domain::Appointment> FindAppointment(domain::Id id) = 0;
  virtual std::vector<domain::Appointment> ListAppointments(domain::Id slot_id) = 0;

  // Proxy errands (代办) with their documents.
  virtual void InsertErrand(const domain::ProxyErrand& errand) = 0;
  virtual void UpdateErrand(const domain::ProxyErrand& errand) = 0;  // Replaces the documents.
  virtual std::optional<domain::ProxyErrand> FindErrand(domain::Id id) = 0;
  virtual std::vector<domain::ProxyErrand> ListErrands(std::optional<domain::Id> household_id,
                                                       std::optional<domain::Id> assistant_id) = 0;

  // The three-rate counters: deltas are added to their cells (INSERT ... ON CONFLICT DO UPDATE
  // SET x = x + excluded.x), so a dashboard reads only these cells, never the matters. Each delta
  // goes to its day cell and to its month cell (see kStatsMonthSuffix); `dimension` never ends
  // in the suffix.
  virtual void AddStats(const std::vector<StatsDelta>& deltas) = 0;
  // Sums per (key, key2) of a dimension over days [from_day, to_day], optionally only cells
  // whose path starts with `path_prefix`, ordered by (key, key2). Whole months come from the
  // month cells (SplitStatsWindow); the result is the same as summing the day cells.
  virtual std::vector<StatsRow> SumStats(std::string_view dimension, domain::DayNumber from_day,
                                         domain::DayNumber to_day,
                                         std::string_view path_prefix) = 0;
  // Matters received per day from the "category", "category_township", "category_county" or
  // "region" cells: volumes for the dashboard. The category dimensions give one row per day and
  // category (key = category id; "category_township" and "category_county" summed over the
  // townships or counties under `path_prefix`), ordered by
  // (day, key); "region" gives one row per day (key 0).
  virtual std::vector<DailyCount> DailyReceived(std::string_view dimension,
                                                domain::DayNumber from_day,
                                                domain::DayNumber to_day,
                                                std::string_view path_prefix) = 0;

  // Requests on a matter (延期申请, 办结类型申请). A second pending request of the same kind on
  // one matter throws domain::Conflict (matter.request_pending). Listed oldest first.
  virtual void InsertMatterRequest(const domain::MatterRequest& request) = 0;
  // Writes the decision (state, decided_*, decision_note, new_due_at) of a request.
  virtual void UpdateMatterRequest(const domain::MatterRequest& request) = 0;
  virtual std::vector<domain::MatterRequest> ListMatterRequests(domain::Id matter_id) = 0;
  // Joint handling (主办/协办) and disputes (争议), domain/matter_joint.hpp. An assist is keyed by
  // (matter, unit): Upsert adds it or replaces its progress.
  virtual void UpsertAssist(const domain::MatterAssist& assist) = 0;
  virtual void DeleteAssist(domain::Id matter_id, domain::Id unit_id) = 0;
  // The matter's assisting units, unit_name filled, in the order they were added.
  virtual std::vector<domain::MatterAssist> ListAssists(domain::Id matter_id) = 0;
  virtual void InsertDispute(const domain::MatterDispute& dispute) = 0;
  // Records the decision (decided_*) of an existing dispute; dispute.not_found otherwise.
  virtual void UpdateDispute(const domain::MatterDispute& dispute) = 0;
  virtual std::optional<domain::MatterDispute> FindDispute(domain::Id id) = 0;
  // The matter's disputes, oldest first, names and the matter's number and title filled.
  virtual std::vector<domain::MatterDispute> ListDisputes(domain::Id matter_id) = 0;
  // Pending disputes of matters in the region subtree ("" = all), oldest first.
  virtual domain::Page<domain::MatterDispute> ListPendingDisputes(
      std::string_view region_path_prefix, const domain::PageRequest& page) = 0;
};

}  // namespace minqing::app
