// app::MatterRepository over one leased Connection (the enclosing SqlStoreTx's transaction), with
// the SQL in sql/queries/matter_*.sql and the schema in migrations V010–V014. The same SQL runs
// on SQLite and PostgreSQL except the text search's token index (domain/search_text.hpp, migration
// V027): a contentless FTS5 table of unigram and bigram tokens in SQLite, a tsvector column with a
// GIN index in PostgreSQL; both beside the matter's normalised search document, which confirms
// the words the tokens do not decide. Attachment bytes are
// stored base64-encoded in a TEXT column and decoded on read. Uniqueness violations throw
// domain::Conflict, foreign-key and check violations domain::InvalidInput, updates of a missing
// row domain::NotFound. Stats deltas (AddStats) and search texts (IndexMatterText) are buffered
// and written by FlushPending(), which the enclosing transaction calls before it commits and
// which the reads of those tables call first: a group commit then writes each counter cell once
// per transaction, and the FTS5 rows come last, because every later statement of the transaction
// that opens a savepoint makes FTS5 flush its pending terms into a new segment.
// Thread-safety: as the transaction (one thread at a time).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "app/matter_store.hpp"
#include "storage/connection.hpp"
#include "storage/search_query.hpp"
#include "storage/sql_helpers.hpp"
#include "storage/sql_query_names.hpp"

namespace minqing::storage {

// A matter's values in the column order of matter_insert.sql (bulk loads copy the same columns).
Params MatterParams(const domain::Matter& m);

class SqlMatterRepository final : public app::MatterRepository {
 public:
  explicit SqlMatterRepository(Connection& conn) : conn_(conn) {}

  std::int64_t NextMatterSerial(domain::DayNumber day) override;

  void InsertMatter(const domain::Matter& matter) override;
  void UpdateMatter(const domain::Matter& matter) override;
  std::optional<domain::Matter> FindMatter(domain::Id id) override;
  std::optional<domain::Matter> FindMatterByNumber(std::string_view number) override;
  std::vector<domain::Matter> ListMergedInto(domain::Id target_id) override;
  // Sorts: see app::MatterFilter; an unknown sort throws domain::InvalidInput.
  domain::Page<domain::Matter> ListMatters(const app::MatterFilter& filter,
                                           const domain::PageRequest& page) override;
  std::vector<domain::Matter> ListOpenMattersNear(std::optional<domain::Id> household_id,
                                                  std::string_view region_path_prefix,
                                                  domain::Epoch since, int limit) override;
  std::vector<domain::Matter> ListDueBefore(domain::Epoch instant, int limit) override;
  // "No callback task" means none created since the matter was (last) replied.
  std::vector<domain::Matter> ListAwaitingCallback(domain::Epoch replied_before,
                                                   int limit) override;
  // Buffered until FlushPending(); the last document given for a matter wins.
  void IndexMatterText(domain::Id matter_id, std::string_view document) override;
  // Empties the search index (documents and tokens), for a rebuild.
  void ClearSearchIndex();

  void InsertEvent(const domain::MatterEvent& event) override;
  std::vector<domain::MatterEvent> ListEvents(domain::Id matter_id) override;

  void InsertAttachment(const domain::Attachment& attachment, std::string_view bytes) override;
  std::optional<domain::Attachment> FindAttachment(domain::Id id) override;
  // Throws domain::NotFound when there is no such attachment.
  std::string ReadAttachmentBytes(domain::Id id) override;
  std::vector<domain::Attachment> ListAttachments(domain::Id matter_id) override;

  std::vector<domain::MatterCategory> ListCategories() override;
  std::optional<domain::MatterCategory> FindCategory(domain::Id id) override;
  void InsertCategory(const domain::MatterCategory& category) override;
  void UpdateCategory(const domain::MatterCategory& category) override;
  std::vector<domain::RoutingRule> ListRoutingRules() override;
  void InsertRoutingRule(const domain::RoutingRule& rule) override;
  void DeleteRoutingRule(domain::Id id) override;

  std::vector<domain::CalendarDay> ListCalendarDays() override;
  void UpsertCalendarDay(const domain::CalendarDay& day) override;
  void DeleteCalendarDay(std::string_view date) override;

  void InsertSupervision(const domain::SupervisionOrder& order) override;
  void UpdateSupervision(const domain::SupervisionOrder& order) override;
  std::vector<domain::SupervisionOrder> ListSupervisions(domain::Id matter_id) override;
  void InsertCallbackTask(const domain::CallbackTask& task) override;
  void UpdateCallbackTask(const domain::CallbackTask& task) override;
  std::optional<domain::CallbackTask> FindCallbackTask(domain::Id id) override;
  domain::Page<domain::CallbackTask> ListOpenCallbackTasks(
      std::string_view region_path_prefix, const domain::PageRequest& page) override;
  std::vector<domain::CallbackTask> ListCallbackTasksOfMatter(domain::Id matter_id) override;

  void UpsertSignOffCode(const app::SignOffCode& code) override;
  std::optional<app::SignOffCode> FindSignOffCode(domain::Id matter_id) override;
  void DeleteSignOffCode(domain::Id matter_id) override;

  domain::Page<app::SmsMessage> ListSms(const domain::PageRequest& page) override;

  void InsertTimeSlot(const domain::TimeSlot& slot) override;
  std::optional<domain::TimeSlot> FindTimeSlot(domain::Id id) override;
  // Slots of the unit with from_date <= date <= to_date; booked counts appointments not
  // cancelled.
  std::vector<domain::TimeSlot> ListTimeSlots(domain::Id unit_id, std::string_view from_date,
                                              std::string_view to_date) override;
  void InsertAppointment(const domain::Appointment& appointment) override;
  void UpdateAppointment(const domain::Appointment& appointment) override;
  std::optional<domain::Appointment> FindAppointment(domain::Id id) override;
  std::vector<domain::Appointment> ListAppointments(domain::Id slot_id) override;

  void InsertErrand(const domain::ProxyErrand& errand) override;
  void UpdateErrand(const domain::ProxyErrand& errand) override;
  std::optional<domain::ProxyErrand> FindErrand(domain::Id id) override;
  // Newest first; both filters optional.
  std::vector<domain::ProxyErrand> ListErrands(std::optional<domain::Id> household_id,
                                               std::optional<domain::Id> assistant_id) override;

  // Buffered until FlushPending(); deltas of one cell are added up.
  void AddStats(const std::vector<app::StatsDelta>& deltas) override;
  // Ordered by key, key2.
  std::vector<app::StatsRow> SumStats(std::string_view dimension, domain::DayNumber from_day,
                                      domain::DayNumber to_day,
                                      std::string_view path_prefix) override;
  // Per day, and per key as well for "category" and "category_township"; ordered by day, key.
  std::vector<app::DailyCount> DailyReceived(std::string_view dimension, domain::DayNumber from_day,
                                             domain::DayNumber to_day,
                                             std::string_view path_prefix) override;

  void InsertMatterRequest(const domain::MatterRequest& request) override;
  void UpdateMatterRequest(const domain::MatterRequest& request) override;
  std::vector<domain::MatterRequest> ListMatterRequests(domain::Id matter_id) override;
  // Joint handling and disputes (sql_matter_joint.cpp).
  void UpsertAssist(const domain::MatterAssist& assist) override;
  void DeleteAssist(domain::Id matter_id, domain::Id unit_id) override;
  std::vector<domain::MatterAssist> ListAssists(domain::Id matter_id) override;
  void InsertDispute(const domain::MatterDispute& dispute) override;
  void UpdateDispute(const domain::MatterDispute& dispute) override;
  std::optional<domain::MatterDispute> FindDispute(domain::Id id) override;
  std::vector<domain::MatterDispute> ListDisputes(domain::Id matter_id) override;
  domain::Page<domain::MatterDispute> ListPendingDisputes(std::string_view region_path_prefix,
                                                          const domain::PageRequest& page) override;

  // Writes the buffered counter cells, then the buffered search texts. Called by the transaction
  // before its commit; safe to call at any time (a no-op when nothing is buffered).
  void FlushPending();

 private:
  using CellKey = std::tuple<std::string, domain::Id, domain::Id, domain::DayNumber>;

  void AddToCell(const app::StatsDelta& delta);
  void WriteSearchDocument(domain::Id matter_id, const std::string& document);
  static std::string_view MatterOrder(std::string_view sort);
  // How many matters the filter's region received from the month of the list's first day on
  // (every month without one), from its month counter cells ("region@m"): about what reading the
  // region through its index reads in the month partitions the list reads. It only chooses a
  // plan, so where the cells differ from the rows (archived months stay counted) does not matter;
  // it reads a few hundred cells, where counting the rows was planned once per month partition.
  std::int64_t RegionMattersInListMonths(const app::MatterFilter& filter);
  void AddTokenCondition(const std::string& token_query, QueryBuilder& b);
  void AddTextChecks(const std::vector<std::string>& words, QueryBuilder& b);
  domain::Page<domain::Matter> SearchMatters(const app::MatterFilter& filter,
                                             const TextSearch& search,
                                             const domain::PageRequest& page);
  std::string_view Sql(sql::Query query) const;
  std::int64_t Exec(sql::Query query, const Params& params);
  // A write whose failure fails the transaction, sent with the next read or the commit.
  void ExecLater(sql::Query query, const Params& params);
  // A select file followed by fixed clauses from the .cpp file.
  std::vector<Row> Select(sql::Query query, const std::string& tail, const Params& params);
  std::vector<domain::ErrandDocument> ListErrandDocuments(domain::Id errand_id);
  void ReplaceErrandDocuments(const domain::ProxyErrand& errand);

  Connection& conn_;
  std::map<CellKey, app::StatsDelta> pending_cells_;  // Day and month cells, in key order.
  std::map<domain::Id, std::string> pending_texts_;
  // Matters inserted by this transaction: they have no search row to replace yet.
  std::set<domain::Id> inserted_matters_;
  // The last matter serial this transaction handed out per day, and the last one stored. The
  // first serial of a day locks the day's row (until the commit), so the ones after it are
  // counted here and stored once by FlushPending.
  struct DaySerials {
    std::int64_t handed_out = 0;
    std::int64_t stored = 0;
  };
  std::map<domain::DayNumber, DaySerials> day_serials_;
};

}  // namespace minqing::storage
