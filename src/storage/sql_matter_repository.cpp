#include "storage/sql_matter_repository.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <map>
#include <tuple>
#include <utility>

#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/search_text.hpp"
#include "domain/work_calendar.hpp"
#include "storage/lookup_query.hpp"
#include "storage/search_query.hpp"
#include "storage/sql_files.hpp"
#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

constexpr std::int64_t kMaxListLimit = 10000;

// "Open and not yet replied" exactly as the partial index matters_due_open states it (V015), so
// both planners can use that index. The "+ 0" keeps SQLite off matters_status, which its planner
// (no statistics) would otherwise prefer and then read every open matter.
constexpr std::string_view kOpenNotReplied = "m.status + 0 IN (1, 2, 3)";
// A region condition matching at least this many matters is applied as a filter while walking
// the sort index (matters_accepted, or matters_due_open for due lists) rather than as an index
// range: walking finds a page after about page_end × N / total rows, while the range reads all
// `total` rows and sorts them (2.7 s for a whole county of 1M matters on SQLite).
constexpr std::int64_t kBroadRegionRows = 20000;
constexpr std::int64_t kBroadRegionMaxPageEnd = 1000;
constexpr std::string_view kRegionRange = " WHERE m.region_path LIKE ";
constexpr std::string_view kRegionFilter = " WHERE m.region_path || '' LIKE ";
// Open: neither closed nor merged.
constexpr std::string_view kOpen = "m.status NOT IN (5, 6)";
// Up to this many candidates of a text search (SearchMatters) are read and sorted; a region that
// received up to kSmallRegionRows matters in the list's months is read through its index (by a
// list or a search).
constexpr std::int64_t kNarrowCandidates = 5000;
constexpr std::int64_t kSmallRegionRows = 20000;

std::int64_t ClampLimit(std::int64_t limit) {
  return std::clamp<std::int64_t>(limit, 0, kMaxListLimit);
}

Value OptionalBool(const std::optional<bool>& v) {
  return v ? Value(static_cast<std::int64_t>(*v ? 1 : 0)) : Value(nullptr);
}

std::int64_t Flag(bool b) { return b ? 1 : 0; }

std::optional<int> GetOptionalInt(const Row& row, std::size_t i) {
  auto v = row.GetOptionalInt64(i);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

int GetInt(const Row& row, std::size_t i) { return static_cast<int>(row.GetInt64(i)); }

domain::Matter ReadMatter(const Row& row) {
  domain::Matter m;
  m.id = row.GetInt64(0);
  m.number = row.GetText(1);
  m.type = static_cast<domain::MatterType>(row.GetInt64(2));
  m.category_id = row.GetOptionalInt64(3);
  m.category_name = row.GetText(4);
  m.channel = static_cast<domain::MatterChannel>(row.GetInt64(5));
  m.urgency = static_cast<domain::Urgency>(row.GetInt64(6));
  m.status = static_cast<domain::MatterStatus>(row.GetInt64(7));
  m.household_id = row.GetOptionalInt64(8);
  m.resident_id = row.GetOptionalInt64(9);
  m.caller_name = row.GetText(10);
  m.caller_phone = row.GetText(11);
  m.region_id = row.GetInt64(12);
  m.region_path = row.GetText(13);
  m.region_name = row.GetText(14);
  m.title = row.GetText(15);
  m.content = row.GetText(16);
  m.address = row.GetText(17);
  m.lat = row.GetOptionalDouble(18);
  m.lng = row.GetOptionalDouble(19);
  m.accepted_by = row.GetInt64(20);
  m.accepted_at = row.GetInt64(21);
  m.unit_id = row.GetOptionalInt64(22);
  m.unit_name = row.GetText(23);
  m.handler_id = row.GetOptionalInt64(24);
  m.first_unit_id = row.GetOptionalInt64(25);
  m.response_due_at = row.GetInt64(26);
  m.due_at = row.GetInt64(27);
  m.responded_at = row.GetOptionalInt64(28);
  m.replied_at = row.GetOptionalInt64(29);
  m.closed_at = row.GetOptionalInt64(30);
  m.reply = row.GetText(31);
  m.escalation_level = GetInt(row, 32);
  m.supervised = row.GetBool(33);
  m.merged_into_id = row.GetOptionalInt64(34);
  m.public_token = row.GetText(35);
  if (auto solved = row.GetOptionalInt64(36)) m.solved = *solved != 0;
  m.rating = GetOptionalInt(row, 37);
  m.rating_comment = row.GetText(38);
  m.confirmed_via = row.GetText(39);
  m.reopen_count = GetInt(row, 40);
  m.updated_at = row.GetInt64(41);
  m.extension_count = GetInt(row, 42);
  m.outcome = row.GetText(43);
  m.extension_pending = row.GetInt64(44) > 0;
  m.outcome_pending = row.GetInt64(45) > 0;
  return m;
}

}  // namespace

Params MatterParams(const domain::Matter& m) {
  return {m.id,
          m.number,
          static_cast<std::int64_t>(m.type),
          OptionalValue(m.category_id),
          static_cast<std::int64_t>(m.channel),
          static_cast<std::int64_t>(m.urgency),
          static_cast<std::int64_t>(m.status),
          OptionalValue(m.household_id),
          OptionalValue(m.resident_id),
          m.caller_name,
          m.caller_phone,
          m.region_id,
          m.region_path,
          m.title,
          m.content,
          m.address,
          OptionalValue(m.lat),
          OptionalValue(m.lng),
          m.accepted_by,
          m.accepted_at,
          OptionalValue(m.unit_id),
          OptionalValue(m.handler_id),
          OptionalValue(m.first_unit_id),
          m.response_due_at,
          m.due_at,
          OptionalValue(m.responded_at),
          OptionalValue(m.replied_at),
          OptionalValue(m.closed_at),
          m.reply,
          static_cast<std::int64_t>(m.escalation_level),
          Flag(m.supervised),
          OptionalValue(m.merged_into_id),
          m.public_token,
          OptionalBool(m.solved),
          OptionalInt(m.rating),
          m.rating_comment,
          m.confirmed_via,
          static_cast<std::int64_t>(m.reopen_count),
          m.updated_at};
}

namespace {

domain::MatterEvent ReadEvent(const Row& row) {
  domain::MatterEvent e;
  e.id = row.GetInt64(0);
  e.matter_id = row.GetInt64(1);
  e.kind = static_cast<domain::MatterEventKind>(row.GetInt64(2));
  e.at = row.GetInt64(3);
  e.user_id = row.GetOptionalInt64(4);
  e.user_name = row.GetText(5);
  e.from_unit_id = row.GetOptionalInt64(6);
  e.to_unit_id = row.GetOptionalInt64(7);
  e.text = row.GetText(8);
  e.internal = row.GetBool(9);
  e.attachment_ids = DecodeIds(row.GetText(10));
  return e;
}

domain::Attachment ReadAttachment(const Row& row) {
  domain::Attachment a;
  a.id = row.GetInt64(0);
  a.matter_id = row.GetInt64(1);
  a.event_id = row.GetOptionalInt64(2);
  a.file_name = row.GetText(3);
  a.content_type = row.GetText(4);
  a.size = row.GetInt64(5);
  a.sha256 = row.GetText(6);
  a.uploaded_at = row.GetInt64(7);
  a.uploaded_by = row.GetOptionalInt64(8);
  return a;
}

domain::MatterCategory ReadCategory(const Row& row) {
  domain::MatterCategory c;
  c.id = row.GetInt64(0);
  c.parent_id = row.GetOptionalInt64(1);
  c.name = row.GetText(2);
  c.keywords = row.GetText(3);
  c.default_unit_id = row.GetOptionalInt64(4);
  c.response_hours = GetInt(row, 5);
  c.completion_days = GetInt(row, 6);
  c.active = row.GetBool(7);
  return c;
}

Params CategoryParams(const domain::MatterCategory& c) {
  return {c.id,
          OptionalValue(c.parent_id),
          c.name,
          c.keywords,
          OptionalValue(c.default_unit_id),
          static_cast<std::int64_t>(c.response_hours),
          static_cast<std::int64_t>(c.completion_days),
          Flag(c.active)};
}

domain::RoutingRule ReadRoutingRule(const Row& row) {
  domain::RoutingRule r;
  r.id = row.GetInt64(0);
  r.category_id = row.GetInt64(1);
  r.region_path = row.GetText(2);
  r.unit_id = row.GetInt64(3);
  r.completion_days = GetOptionalInt(row, 4);
  return r;
}

domain::SupervisionOrder ReadSupervision(const Row& row) {
  domain::SupervisionOrder s;
  s.id = row.GetInt64(0);
  s.matter_id = row.GetInt64(1);
  s.issued_by = row.GetInt64(2);
  s.note = row.GetText(3);
  s.issued_at = row.GetInt64(4);
  s.due_at = row.GetInt64(5);
  s.done_at = row.GetOptionalInt64(6);
  return s;
}

Params SupervisionParams(const domain::SupervisionOrder& s) {
  return {s.id, s.matter_id, s.issued_by, s.note, s.issued_at, s.due_at, OptionalValue(s.done_at)};
}

domain::CallbackTask ReadCallbackTask(const Row& row) {
  domain::CallbackTask t;
  t.id = row.GetInt64(0);
  t.matter_id = row.GetInt64(1);
  t.created_at = row.GetInt64(2);
  t.assigned_to = row.GetOptionalInt64(3);
  t.done_at = row.GetOptionalInt64(4);
  t.outcome = row.GetText(5);
  t.matter_number = row.GetText(6);
  t.matter_title = row.GetText(7);
  t.unit_name = row.GetText(8);
  return t;
}

Params CallbackTaskParams(const domain::CallbackTask& t) {
  return {
      t.id,     t.matter_id, t.created_at, OptionalValue(t.assigned_to), OptionalValue(t.done_at),
      t.outcome};
}

domain::TimeSlot ReadTimeSlot(const Row& row) {
  domain::TimeSlot s;
  s.id = row.GetInt64(0);
  s.unit_id = row.GetInt64(1);
  s.date = row.GetText(2);
  s.start = row.GetText(3);
  s.end = row.GetText(4);
  s.capacity = GetInt(row, 5);
  s.booked = GetInt(row, 6);
  s.staff_user_id = row.GetOptionalInt64(7);
  return s;
}

domain::Appointment ReadAppointment(const Row& row) {
  domain::Appointment a;
  a.id = row.GetInt64(0);
  a.slot_id = row.GetInt64(1);
  a.matter_id = row.GetOptionalInt64(2);
  a.household_id = row.GetOptionalInt64(3);
  a.person_name = row.GetText(4);
  a.phone = row.GetText(5);
  a.purpose = row.GetText(6);
  a.status = row.GetText(7);
  a.created_at = row.GetInt64(8);
  return a;
}

Params AppointmentParams(const domain::Appointment& a) {
  return {a.id,
          a.slot_id,
          OptionalValue(a.matter_id),
          OptionalValue(a.household_id),
          a.person_name,
          a.phone,
          a.purpose,
          a.status,
          a.created_at};
}

domain::ProxyErrand ReadErrand(const Row& row) {
  domain::ProxyErrand e;
  e.id = row.GetInt64(0);
  e.matter_id = row.GetOptionalInt64(1);
  e.household_id = row.GetInt64(2);
  e.assistant_id = row.GetInt64(3);
  e.purpose = row.GetText(4);
  e.status = static_cast<domain::ErrandStatus>(row.GetInt64(5));
  e.created_at = row.GetInt64(6);
  e.updated_at = row.GetInt64(7);
  e.household_number = row.GetText(8);
  e.household_address = row.GetText(9);
  e.household_head = row.GetText(10);
  e.matter_number = row.GetText(11);
  e.assistant_name = row.GetText(12);
  return e;
}

Params ErrandParams(const domain::ProxyErrand& e) {
  return {e.id,      OptionalValue(e.matter_id),          e.household_id, e.assistant_id,
          e.purpose, static_cast<std::int64_t>(e.status), e.created_at,   e.updated_at};
}

}  // namespace

std::string_view SqlMatterRepository::Sql(sql::Query query) const {
  return QuerySql(query, conn_.dialect());
}

std::int64_t SqlMatterRepository::Exec(sql::Query query, const Params& params) {
  return RunSql(conn_, query, params);
}

void SqlMatterRepository::ExecLater(sql::Query query, const Params& params) {
  conn_.ExecuteLater(Sql(query), params);
}

std::vector<Row> SqlMatterRepository::Select(sql::Query query, const std::string& tail,
                                             const Params& params) {
  return SelectRows(conn_, query, tail, params);
}

std::int64_t SqlMatterRepository::NextMatterSerial(domain::DayNumber day) {
  auto it = day_serials_.find(day);
  if (it != day_serials_.end()) return ++it->second.handed_out;
  const std::int64_t first = conn_.Query(Sql(sql::matter_serial_next), {day}).at(0).GetInt64(0);
  day_serials_.emplace(day, DaySerials{first, first});
  return first;
}

void SqlMatterRepository::InsertMatter(const domain::Matter& matter) {
  // Sent later: the id is new and the number comes from the day's locked serial, so a conflict
  // here is a fault that fails the transaction (as storage.duplicate), never a caller's case.
  ExecLater(sql::matter_insert, MatterParams(matter));
  inserted_matters_.insert(matter.id);
}

void SqlMatterRepository::UpdateMatter(const domain::Matter& matter) {
  RenameConflict(
      [&] {
        RequireOneRow(Exec(sql::matter_update, MatterParams(matter)), "matter.not_found",
                      "诉求不存在");
      },
      "matter.exists", "工单号已存在");
}

std::optional<domain::Matter> SqlMatterRepository::FindMatter(Id id) {
  return First<domain::Matter>(Select(sql::matter_select, " WHERE m.id = $1", {id}), ReadMatter);
}

std::optional<domain::Matter> SqlMatterRepository::FindMatterByNumber(std::string_view number) {
  return First<domain::Matter>(
      Select(sql::matter_select, " WHERE m.number = $1", {std::string(number)}), ReadMatter);
}

std::vector<domain::Matter> SqlMatterRepository::ListMergedInto(Id target_id) {
  return ReadAll<domain::Matter>(
      Select(sql::matter_select, " WHERE m.merged_into_id = $1 ORDER BY m.accepted_at, m.id",
             {target_id}),
      ReadMatter);
}

namespace {

// The condition that lets PostgreSQL skip the month partitions (by id, V062) before `since`: a
// matter's id is made no earlier than its acceptance (domain::NewIdNotBefore). SQLite's tables
// are not partitioned and need none.
void AddPartitionFloor(Dialect dialect, domain::Epoch since, QueryBuilder& b) {
  if (dialect == Dialect::kPostgres) b.Where("m.id >= " + b.Param(domain::FirstIdAt(since * 1000)));
}

// The non-text conditions of a matter list, region first (so that a select can rewrite it, see
// kRegionFilter).
void AddMatterFilters(const app::MatterFilter& filter, Dialect dialect, QueryBuilder& b) {
  // Due lists of a township or more are driven by matters_due_open (open matters only) from the
  // start: a township's region range would read all its matters, open or not.
  if (!filter.region_path_prefix.empty()) {
    const bool township_or_more =
        std::count(filter.region_path_prefix.begin(), filter.region_path_prefix.end(), '/') <= 3;
    b.Where((filter.due_before && township_or_more ? "m.region_path || '' LIKE "
                                                   : "m.region_path LIKE ") +
            b.Param(PathPrefixPattern(filter.region_path_prefix)));
  }
  if (!filter.statuses.empty()) {
    std::string in;
    for (auto s : filter.statuses) {
      in += (in.empty() ? "" : ", ") + b.Param(static_cast<std::int64_t>(s));
    }
    b.Where("m.status IN (" + in + ")");
  }
  if (filter.unit_id) b.Where("m.unit_id = " + b.Param(*filter.unit_id));
  if (filter.assisting_unit_id) {
    b.Where("m.id IN (SELECT a.matter_id FROM matter_assists a WHERE a.unit_id = " +
            b.Param(*filter.assisting_unit_id) + ")");
  }
  if (filter.handler_id) b.Where("m.handler_id = " + b.Param(*filter.handler_id));
  if (!filter.category_ids.empty()) {
    std::string in;
    for (Id c : filter.category_ids) in += (in.empty() ? "" : ", ") + b.Param(c);
    b.Where("m.category_id IN (" + in + ")");
  }
  if (filter.household_id) b.Where("m.household_id = " + b.Param(*filter.household_id));
  if (!filter.number_ranges.empty()) b.Where(MatterNumberCondition(filter.number_ranges, b));
  if (filter.type) b.Where("m.type = " + b.Param(static_cast<std::int64_t>(*filter.type)));
  if (filter.accepted_from) {
    b.Where("m.accepted_at >= " + b.Param(*filter.accepted_from));
    AddPartitionFloor(dialect, *filter.accepted_from, b);
  }
  if (filter.accepted_to) b.Where("m.accepted_at < " + b.Param(*filter.accepted_to));
  if (filter.due_before) {
    b.Where(std::string(kOpenNotReplied) + " AND m.due_at < " + b.Param(*filter.due_before));
  }
  if (filter.min_escalation_level) {
    b.Where("m.escalation_level >= " +
            b.Param(static_cast<std::int64_t>(*filter.min_escalation_level)));
  }
  if (filter.supervised_only) b.Where("m.supervised = 1");
  if (!filter.outcome.empty()) {
    b.Where(
        "EXISTS (SELECT 1 FROM matter_requests q WHERE q.matter_id = m.id AND q.kind = 2 "
        "AND q.state = 2 AND q.outcome = " +
        b.Param(filter.outcome) + ")");
  }
  if (filter.pending_request) {
    b.Where(
        "EXISTS (SELECT 1 FROM matter_requests q WHERE q.matter_id = m.id AND q.state = 1 "
        "AND q.kind = " +
        b.Param(static_cast<std::int64_t>(*filter.pending_request)) + ")");
  }
}

// The region condition as a filter on each row rather than an index range.
std::string RegionAsFilter(std::string where) {
  if (where.starts_with(kRegionRange)) {
    where = std::string(kRegionFilter) + where.substr(kRegionRange.size());
  }
  return where;
}

}  // namespace

void SqlMatterRepository::AddTextChecks(const std::vector<std::string>& words, QueryBuilder& b) {
  const char* find = SubstringPositionFunction(conn_.dialect());
  for (const auto& w : words) {
    b.Where(std::string(find) +
            "((SELECT s.text FROM matter_search_text s WHERE s.matter_id = m.id), " + b.Param(w) +
            ") > 0");
  }
}

void SqlMatterRepository::AddTokenCondition(const std::string& token_query, QueryBuilder& b) {
  if (conn_.dialect() == Dialect::kSqlite) {
    b.Where("m.id IN (SELECT rowid FROM matter_search_tokens WHERE matter_search_tokens MATCH " +
            b.Param(token_query) + ")");
  } else {
    b.Where("m.id IN (SELECT matter_id FROM matter_search_text WHERE tokens @@ CAST(" +
            b.Param(token_query) + " AS tsquery))");
  }
}

domain::Page<domain::Matter> SqlMatterRepository::ListMatters(const app::MatterFilter& filter,
                                                              const domain::PageRequest& page) {
  if (!filter.text.empty()) {
    FlushPending();
    TextSearch search = PlanTextSearch(filter.text);
    if (!search.words.empty()) return SearchMatters(filter, search, page);
  }
  QueryBuilder b;
  AddMatterFilters(filter, conn_.dialect(), b);
  std::string_view order = MatterOrder(page.sort);
  domain::Page<domain::Matter> out;
  std::string where = b.Clause(false);
  if (filter.capped_total) {
    // Stops at the cap + 1th match: beyond it the list says "1万+".
    QueryBuilder capped = b;
    std::string limited =
        where + " LIMIT " + capped.Param(domain::kMatterSearchCountCap + 1) + ") c";
    out.total = Select(sql::matter_count_limited, limited, capped.params()).at(0).GetInt64(0);
  } else if (!filter.without_total) {
    out.total = Select(sql::matter_count, where, b.params()).at(0).GetInt64(0);
  }
  std::string tail = where;
  const bool walk_sort_index = page.sort.empty() || page.sort == "-accepted_at" ||
                               page.sort == "accepted_at" || filter.due_before.has_value();
  // A capped count past its cap is broad enough to walk the sort index.
  const bool broad = out.total >= kBroadRegionRows ||
                     (filter.capped_total && out.total > domain::kMatterSearchCountCap);
  std::string order_by(order);
  if (walk_sort_index && broad && page.offset + page.limit <= kBroadRegionMaxPageEnd) {
    tail = RegionAsFilter(tail);
  } else if (conn_.dialect() == Dialect::kPostgres && !filter.without_total && !broad &&
             !filter.due_before && tail.starts_with(kRegionRange) &&
             order_by.starts_with("m.accepted_at") &&
             RegionMattersInListMonths(filter) <= kSmallRegionRows) {
    // The other way round: a small region (a village, a township) is read through its index
    // and sorted. PostgreSQL would otherwise walk the (accepted_at, id) index and skip every
    // other region's rows: a village's newest 20, or a township's in one category, at 2M
    // households took 0.8–1.6 s that way, against 5–30 ms read and sorted. A large region
    // keeps the planner's choice: the walk finds a county's page of a recent period at once.
    order_by = "m.accepted_at + 0" + order_by.substr(std::string_view("m.accepted_at").size());
  }
  tail += " ORDER BY " + order_by;
  tail += Paging(page, b);
  out.items = ReadAll<domain::Matter>(Select(sql::matter_select, tail, b.params()), ReadMatter);
  return out;
}

std::int64_t SqlMatterRepository::RegionMattersInListMonths(const app::MatterFilter& filter) {
  const domain::DayNumber first_month =
      filter.accepted_from ? app::StatsMonthStart(domain::ChinaDay(*filter.accepted_from)) : 0;
  return conn_
      .Query(Sql(sql::matter_region_received),
             {std::string(domain::StatsDimensionCode(domain::StatsDimension::kRegion)) +
                  std::string(app::kStatsMonthSuffix),
              PathPrefixPattern(filter.region_path_prefix), std::int64_t{first_month}})
      .at(0)
      .GetInt64(0);
}

std::string_view SqlMatterRepository::MatterOrder(std::string_view sort) {
  return OrderBy(sort, {{"-accepted_at", "m.accepted_at DESC, m.id DESC"},
                        {"accepted_at", "m.accepted_at, m.id"},
                        {"due_at", "m.due_at, m.id"},
                        {"-escalation_level", "m.escalation_level DESC, m.due_at, m.id"},
                        {"number", "m.number"},
                        {"-updated_at", "m.updated_at DESC, m.id DESC"}});
}

// Three ways to find a page, chosen by what is cheap to know first: the number of candidates
// (matters holding every token, counted up to kNarrowCandidates) and, for a region, its number of
// matters (from its counter cells, RegionMattersInListMonths). Few candidates: read them all (the
// token index drives, the words are checked on each) and sort them. A small region: read its
// matters through the region index and check the words on each. Otherwise, for the time sorts, walk
// the sort index and check the words on each row until the page is full: many candidates means that
// a page is found after a few rows per match. The count stops at kMatterSearchCountCap + 1 matches.
domain::Page<domain::Matter> SqlMatterRepository::SearchMatters(const app::MatterFilter& filter,
                                                                const TextSearch& search,
                                                                const domain::PageRequest& page) {
  const bool sqlite = conn_.dialect() == Dialect::kSqlite;
  const std::string token_query =
      sqlite ? Fts5TokenQuery(search.tokens) : TsTokenQuery(search.tokens);
  const std::int64_t candidates =
      conn_.Query(Sql(sql::matter_search_candidates), {token_query, kNarrowCandidates + 1})
          .at(0)
          .GetInt64(0);
  domain::Page<domain::Matter> out;
  if (candidates == 0) return out;
  const bool narrow = candidates <= kNarrowCandidates;
  bool small_region = false;
  if (!narrow && !filter.region_path_prefix.empty()) {
    small_region = RegionMattersInListMonths(filter) <= kSmallRegionRows;
  }
  const bool walkable =
      page.sort.empty() || page.sort == "-accepted_at" || page.sort == "accepted_at";
  const bool by_tokens = narrow || (!small_region && !walkable);
  std::string_view order = MatterOrder(page.sort);

  // The rows that match: through the token index, or checking every word on each row.
  auto matching = [&](QueryBuilder& b) {
    AddMatterFilters(filter, conn_.dialect(), b);
    if (by_tokens) {
      AddTokenCondition(token_query, b);
      AddTextChecks(search.checked, b);
    } else {
      AddTextChecks(search.words, b);
    }
    std::string where = b.Clause(false);
    return by_tokens || !small_region ? RegionAsFilter(where) : where;
  };

  if (!filter.without_total) {
    QueryBuilder b;
    std::string tail;
    if (by_tokens || small_region) {
      tail = matching(b);
    } else {
      // Many candidates in a large scope: stream the candidates and stop at the cap.
      std::string match =
          sqlite ? "f.matter_search_tokens MATCH " + b.Param(token_query) + " AND m.id = f.rowid"
                 : "f.tokens @@ CAST(" + b.Param(token_query) + " AS tsquery)";
      b.Where(match);
      AddMatterFilters(filter, conn_.dialect(), b);
      AddTextChecks(search.checked, b);
      tail = RegionAsFilter(b.Clause(false));
    }
    tail += " LIMIT " + b.Param(domain::kMatterSearchCountCap + 1) + ") c";
    std::int64_t total =
        Select(by_tokens || small_region ? sql::matter_count_limited : sql::matter_search_count,
               tail, b.params())
            .at(0)
            .GetInt64(0);
    out.total = total;
  }
  QueryBuilder b;
  std::string tail = matching(b);
  tail += " ORDER BY " + std::string(order);
  tail += Paging(page, b);
  if (!by_tokens) {
    out.items = ReadAll<domain::Matter>(Select(sql::matter_select, tail, b.params()), ReadMatter);
    return out;
  }
  // Every candidate is sorted: sort their ids alone, then read the page's rows with their
  // category, region and unit names.
  QueryBuilder ids;
  std::string in;
  std::vector<Id> order_ids;
  for (const Row& row : Select(sql::matter_ids, tail, b.params())) {
    order_ids.push_back(row.GetInt64(0));
    in += (in.empty() ? "" : ", ") + ids.Param(order_ids.back());
  }
  if (order_ids.empty()) return out;
  std::map<Id, domain::Matter> rows;
  for (const Row& row : Select(sql::matter_select, " WHERE m.id IN (" + in + ")", ids.params())) {
    domain::Matter m = ReadMatter(row);
    rows.emplace(m.id, std::move(m));
  }
  for (Id id : order_ids) {
    if (auto it = rows.find(id); it != rows.end()) out.items.push_back(std::move(it->second));
  }
  return out;
}

std::vector<domain::Matter> SqlMatterRepository::ListOpenMattersNear(
    std::optional<Id> household_id, std::string_view region_path_prefix, domain::Epoch since,
    int limit) {
  QueryBuilder b;
  b.Where(std::string(kOpen));
  b.Where("m.accepted_at >= " + b.Param(since));
  AddPartitionFloor(conn_.dialect(), since, b);
  std::string near;
  if (household_id) near = "m.household_id = " + b.Param(*household_id);
  if (!region_path_prefix.empty()) {
    near += (near.empty() ? "" : " OR ") +
            ("m.region_path LIKE " + b.Param(PathPrefixPattern(region_path_prefix)));
  }
  if (!near.empty()) b.Where("(" + near + ")");
  std::string tail = b.Clause(false) + " ORDER BY m.accepted_at DESC, m.id DESC LIMIT " +
                     b.Param(ClampLimit(limit));
  return ReadAll<domain::Matter>(Select(sql::matter_select, tail, b.params()), ReadMatter);
}

std::vector<domain::Matter> SqlMatterRepository::ListDueBefore(domain::Epoch instant, int limit) {
  std::string tail = " WHERE " + std::string(kOpenNotReplied) +
                     " AND m.due_at < $1 ORDER BY m.due_at, m.id LIMIT $2";
  return ReadAll<domain::Matter>(Select(sql::matter_select, tail, {instant, ClampLimit(limit)}),
                                 ReadMatter);
}

std::vector<domain::Matter> SqlMatterRepository::ListAwaitingCallback(domain::Epoch replied_before,
                                                                      int limit) {
  std::string tail =
      " WHERE m.status = 4 AND m.replied_at < $1 AND NOT EXISTS (SELECT 1 FROM callback_tasks t "
      "WHERE t.matter_id = m.id AND t.created_at >= m.replied_at) "
      "ORDER BY m.replied_at, m.id LIMIT $2";
  return ReadAll<domain::Matter>(
      Select(sql::matter_select, tail, {replied_before, ClampLimit(limit)}), ReadMatter);
}

void SqlMatterRepository::IndexMatterText(Id matter_id, std::string_view document) {
  pending_texts_[matter_id] = std::string(document);
}

void SqlMatterRepository::WriteSearchDocument(Id matter_id, const std::string& document) {
  const std::string tokens = JoinTokens(domain::SearchDocumentTokens(document));
  if (conn_.dialect() == Dialect::kPostgres) {
    ExecLater(sql::matter_search_text_upsert, {matter_id, document, tokens});
    return;
  }
  // The FTS5 table keeps no copy of what it indexed: the old tokens, recomputed from the old
  // document, are what its 'delete' command removes.
  if (!inserted_matters_.contains(matter_id)) {
    auto old = conn_.Query(Sql(sql::matter_search_text_select), {matter_id});
    if (!old.empty()) {
      if (old.front().GetText(0) == document) return;
      Exec(sql::matter_search_tokens_delete,
           {matter_id, JoinTokens(domain::SearchDocumentTokens(old.front().GetText(0)))});
    }
  }
  Exec(sql::matter_search_text_upsert, {matter_id, document, tokens});
  Exec(sql::matter_search_tokens_insert, {matter_id, tokens});
}

void SqlMatterRepository::ClearSearchIndex() {
  pending_texts_.clear();
  Exec(sql::matter_search_clear, {});
  if (conn_.dialect() == Dialect::kSqlite) Exec(sql::matter_search_tokens_clear, {});
}

void SqlMatterRepository::InsertEvent(const domain::MatterEvent& e) {
  // Sent later: an event's id is new, so a conflict is a fault that fails the transaction.
  ExecLater(sql::matter_event_insert,
            {e.id, e.matter_id, static_cast<std::int64_t>(e.kind), e.at, OptionalValue(e.user_id),
             e.user_name, OptionalValue(e.from_unit_id), OptionalValue(e.to_unit_id), e.text,
             Flag(e.internal), EncodeIds(e.attachment_ids)});
}

std::vector<domain::MatterEvent> SqlMatterRepository::ListEvents(Id matter_id) {
  return ReadAll<domain::MatterEvent>(conn_.Query(Sql(sql::matter_event_select), {matter_id}),
                                      ReadEvent);
}

void SqlMatterRepository::InsertAttachment(const domain::Attachment& a, std::string_view bytes) {
  RenameConflict(
      [&] {
        Exec(sql::matter_attachment_insert,
             {a.id, a.matter_id, OptionalValue(a.event_id), a.file_name, a.content_type,
              static_cast<std::int64_t>(bytes.size()), a.sha256, a.uploaded_at,
              OptionalValue(a.uploaded_by), Base64Encode(bytes)});
      },
      "attachment.exists", "附件已存在");
}

std::optional<domain::Attachment> SqlMatterRepository::FindAttachment(Id id) {
  return First<domain::Attachment>(Select(sql::matter_attachment_select, " WHERE a.id = $1", {id}),
                                   ReadAttachment);
}

std::string SqlMatterRepository::ReadAttachmentBytes(Id id) {
  auto rows = conn_.Query(Sql(sql::matter_attachment_data), {id});
  if (rows.empty()) throw domain::NotFound("attachment.not_found", "附件不存在");
  return Base64Decode(rows.front().GetText(0), "storage.bad_attachment", "附件数据已损坏");
}

std::vector<domain::Attachment> SqlMatterRepository::ListAttachments(Id matter_id) {
  return ReadAll<domain::Attachment>(
      Select(sql::matter_attachment_select, " WHERE a.matter_id = $1 ORDER BY a.uploaded_at, a.id",
             {matter_id}),
      ReadAttachment);
}

std::vector<domain::MatterCategory> SqlMatterRepository::ListCategories() {
  return ReadAll<domain::MatterCategory>(
      Select(sql::matter_category_select, " ORDER BY c.parent_id, c.id", {}), ReadCategory);
}

std::optional<domain::MatterCategory> SqlMatterRepository::FindCategory(Id id) {
  return First<domain::MatterCategory>(
      Select(sql::matter_category_select, " WHERE c.id = $1", {id}), ReadCategory);
}

void SqlMatterRepository::InsertCategory(const domain::MatterCategory& category) {
  RenameConflict([&] { Exec(sql::matter_category_insert, CategoryParams(category)); },
                 "category.exists", "分类已存在");
}

void SqlMatterRepository::UpdateCategory(const domain::MatterCategory& category) {
  RequireOneRow(Exec(sql::matter_category_update, CategoryParams(category)), "category.not_found",
                "分类不存在");
}

std::vector<domain::RoutingRule> SqlMatterRepository::ListRoutingRules() {
  return ReadAll<domain::RoutingRule>(conn_.Query(Sql(sql::matter_routing_rule_select)),
                                      ReadRoutingRule);
}

void SqlMatterRepository::InsertRoutingRule(const domain::RoutingRule& r) {
  RenameConflict(
      [&] {
        Exec(sql::matter_routing_rule_insert,
             {r.id, r.category_id, r.region_path, r.unit_id, OptionalInt(r.completion_days)});
      },
      "routing_rule.exists", "派单规则已存在");
}

void SqlMatterRepository::DeleteRoutingRule(Id id) {
  RequireOneRow(Exec(sql::matter_routing_rule_delete, {id}), "routing_rule.not_found",
                "派单规则不存在");
}

std::vector<domain::CalendarDay> SqlMatterRepository::ListCalendarDays() {
  return ReadAll<domain::CalendarDay>(conn_.Query(Sql(sql::matter_calendar_select)),
                                      [](const Row& row) {
                                        domain::CalendarDay d;
                                        d.date = row.GetText(0);
                                        d.kind = static_cast<domain::DayKind>(row.GetInt64(1));
                                        d.name = row.GetText(2);
                                        return d;
                                      });
}

void SqlMatterRepository::UpsertCalendarDay(const domain::CalendarDay& day) {
  Exec(sql::matter_calendar_upsert, {day.date, static_cast<std::int64_t>(day.kind), day.name});
}

void SqlMatterRepository::DeleteCalendarDay(std::string_view date) {
  RequireOneRow(Exec(sql::matter_calendar_delete, {std::string(date)}), "calendar.not_found",
                "该日期不在节假日表中");
}

void SqlMatterRepository::InsertSupervision(const domain::SupervisionOrder& order) {
  RenameConflict([&] { Exec(sql::matter_supervision_insert, SupervisionParams(order)); },
                 "supervision.exists", "督办单已存在");
}

void SqlMatterRepository::UpdateSupervision(const domain::SupervisionOrder& order) {
  RequireOneRow(Exec(sql::matter_supervision_update, SupervisionParams(order)),
                "supervision.not_found", "督办单不存在");
}

std::vector<domain::SupervisionOrder> SqlMatterRepository::ListSupervisions(Id matter_id) {
  return ReadAll<domain::SupervisionOrder>(
      conn_.Query(Sql(sql::matter_supervision_select), {matter_id}), ReadSupervision);
}

void SqlMatterRepository::InsertCallbackTask(const domain::CallbackTask& task) {
  RenameConflict([&] { Exec(sql::matter_callback_insert, CallbackTaskParams(task)); },
                 "callback.exists", "回访任务已存在");
}

void SqlMatterRepository::UpdateCallbackTask(const domain::CallbackTask& task) {
  RequireOneRow(Exec(sql::matter_callback_update, CallbackTaskParams(task)), "callback.not_found",
                "回访任务不存在");
}

std::optional<domain::CallbackTask> SqlMatterRepository::FindCallbackTask(Id id) {
  return First<domain::CallbackTask>(Select(sql::matter_callback_select, " WHERE t.id = $1", {id}),
                                     ReadCallbackTask);
}

domain::Page<domain::CallbackTask> SqlMatterRepository::ListOpenCallbackTasks(
    std::string_view region_path_prefix, const domain::PageRequest& page) {
  QueryBuilder b;
  b.Where("t.done_at IS NULL");
  if (!region_path_prefix.empty()) {
    b.Where("m.region_path LIKE " + b.Param(PathPrefixPattern(region_path_prefix)));
  }
  domain::Page<domain::CallbackTask> out;
  std::string where = b.Clause(false);
  out.total = Select(sql::matter_callback_count, where, b.params()).at(0).GetInt64(0);
  std::string tail = where + " ORDER BY t.created_at, t.id" + Paging(page, b);
  out.items = ReadAll<domain::CallbackTask>(Select(sql::matter_callback_select, tail, b.params()),
                                            ReadCallbackTask);
  return out;
}

std::vector<domain::CallbackTask> SqlMatterRepository::ListCallbackTasksOfMatter(Id matter_id) {
  return ReadAll<domain::CallbackTask>(
      Select(sql::matter_callback_select, " WHERE t.matter_id = $1 ORDER BY t.created_at, t.id",
             {matter_id}),
      ReadCallbackTask);
}

void SqlMatterRepository::UpsertSignOffCode(const app::SignOffCode& code) {
  Exec(sql::matter_signoff_upsert,
       {code.matter_id, code.code_hash, code.expires_at, static_cast<std::int64_t>(code.attempts)});
}

std::optional<app::SignOffCode> SqlMatterRepository::FindSignOffCode(Id matter_id) {
  return First<app::SignOffCode>(conn_.Query(Sql(sql::matter_signoff_select), {matter_id}),
                                 [](const Row& row) {
                                   app::SignOffCode c;
                                   c.matter_id = row.GetInt64(0);
                                   c.code_hash = row.GetText(1);
                                   c.expires_at = row.GetInt64(2);
                                   c.attempts = GetInt(row, 3);
                                   return c;
                                 });
}

void SqlMatterRepository::DeleteSignOffCode(Id matter_id) {
  Exec(sql::matter_signoff_delete, {matter_id});
}

domain::Page<app::SmsMessage> SqlMatterRepository::ListSms(const domain::PageRequest& page) {
  domain::Page<app::SmsMessage> out;
  out.total = conn_.Query(Sql(sql::matter_sms_count)).at(0).GetInt64(0);
  std::int64_t limit = std::clamp<std::int64_t>(page.limit, 0, kMaxPageSize);
  std::int64_t offset = std::max<std::int64_t>(page.offset, 0);
  out.items = ReadAll<app::SmsMessage>(conn_.Query(Sql(sql::matter_sms_select), {limit, offset}),
                                       [](const Row& row) {
                                         app::SmsMessage s;
                                         s.id = row.GetInt64(0);
                                         s.phone = row.GetText(1);
                                         s.text = row.GetText(2);
                                         s.created_at = row.GetInt64(3);
                                         s.matter_id = row.GetOptionalInt64(4);
                                         return s;
                                       });
  return out;
}

void SqlMatterRepository::InsertTimeSlot(const domain::TimeSlot& s) {
  RenameConflict(
      [&] {
        Exec(sql::matter_slot_insert,
             {s.id, s.unit_id, s.date, s.start, s.end, static_cast<std::int64_t>(s.capacity),
              OptionalValue(s.staff_user_id)});
      },
      "slot.exists", "时段已存在");
}

std::optional<domain::TimeSlot> SqlMatterRepository::FindTimeSlot(Id id) {
  return First<domain::TimeSlot>(Select(sql::matter_slot_select, " WHERE s.id = $1", {id}),
                                 ReadTimeSlot);
}

std::vector<domain::TimeSlot> SqlMatterRepository::ListTimeSlots(Id unit_id,
                                                                 std::string_view from_date,
                                                                 std::string_view to_date) {
  return ReadAll<domain::TimeSlot>(Select(sql::matter_slot_select,
                                          " WHERE s.unit_id = $1 AND s.date >= $2 AND s.date <= $3"
                                          " ORDER BY s.date, s.start_time, s.id",
                                          {unit_id, std::string(from_date), std::string(to_date)}),
                                   ReadTimeSlot);
}

void SqlMatterRepository::InsertAppointment(const domain::Appointment& a) {
  RenameConflict([&] { Exec(sql::matter_appointment_insert, AppointmentParams(a)); },
                 "appointment.exists", "预约已存在");
}

void SqlMatterRepository::UpdateAppointment(const domain::Appointment& a) {
  RequireOneRow(Exec(sql::matter_appointment_update, AppointmentParams(a)), "appointment.not_found",
                "预约不存在");
}

std::optional<domain::Appointment> SqlMatterRepository::FindAppointment(Id id) {
  return First<domain::Appointment>(
      Select(sql::matter_appointment_select, " WHERE a.id = $1", {id}), ReadAppointment);
}

std::vector<domain::Appointment> SqlMatterRepository::ListAppointments(Id slot_id) {
  return ReadAll<domain::Appointment>(
      Select(sql::matter_appointment_select, " WHERE a.slot_id = $1 ORDER BY a.created_at, a.id",
             {slot_id}),
      ReadAppointment);
}

std::vector<domain::ErrandDocument> SqlMatterRepository::ListErrandDocuments(Id errand_id) {
  return ReadAll<domain::ErrandDocument>(
      conn_.Query(Sql(sql::matter_errand_document_select), {errand_id}), [](const Row& row) {
        domain::ErrandDocument d;
        d.name = row.GetText(0);
        d.copies = GetInt(row, 1);
        d.received_at = row.GetOptionalInt64(2);
        d.returned_at = row.GetOptionalInt64(3);
        return d;
      });
}

void SqlMatterRepository::ReplaceErrandDocuments(const domain::ProxyErrand& errand) {
  Exec(sql::matter_errand_document_delete, {errand.id});
  std::int64_t seq = 0;
  for (const auto& d : errand.documents) {
    Exec(sql::matter_errand_document_insert,
         {errand.id, seq++, d.name, static_cast<std::int64_t>(d.copies),
          OptionalValue(d.received_at), OptionalValue(d.returned_at)});
  }
}

void SqlMatterRepository::InsertErrand(const domain::ProxyErrand& errand) {
  RenameConflict([&] { Exec(sql::matter_errand_insert, ErrandParams(errand)); }, "errand.exists",
                 "代办已存在");
  ReplaceErrandDocuments(errand);
}

void SqlMatterRepository::UpdateErrand(const domain::ProxyErrand& errand) {
  RequireOneRow(Exec(sql::matter_errand_update, ErrandParams(errand)), "errand.not_found",
                "代办不存在");
  ReplaceErrandDocuments(errand);
}

std::optional<domain::ProxyErrand> SqlMatterRepository::FindErrand(Id id) {
  auto errand = First<domain::ProxyErrand>(
      Select(sql::matter_errand_select, " WHERE e.id = $1", {id}), ReadErrand);
  if (errand) errand->documents = ListErrandDocuments(errand->id);
  return errand;
}

std::vector<domain::ProxyErrand> SqlMatterRepository::ListErrands(std::optional<Id> household_id,
                                                                  std::optional<Id> assistant_id) {
  QueryBuilder b;
  if (household_id) b.Where("e.household_id = " + b.Param(*household_id));
  if (assistant_id) b.Where("e.assistant_id = " + b.Param(*assistant_id));
  auto errands = ReadAll<domain::ProxyErrand>(
      Select(sql::matter_errand_select,
             b.Clause(false) + " ORDER BY e.created_at DESC, e.id DESC LIMIT " +
                 b.Param(kMaxListLimit),
             b.params()),
      ReadErrand);
  for (auto& e : errands) e.documents = ListErrandDocuments(e.id);
  return errands;
}

void SqlMatterRepository::AddToCell(const app::StatsDelta& delta) {
  auto [it, fresh] =
      pending_cells_.try_emplace({delta.dimension, delta.key, delta.key2, delta.day}, delta);
  if (fresh) return;
  it->second.path = delta.path;  // The latest path wins, as in the cell's upsert.
  it->second.counters += delta.counters;
}

void SqlMatterRepository::AddStats(const std::vector<app::StatsDelta>& deltas) {
  for (const auto& d : deltas) {
    AddToCell(d);
    app::StatsDelta month = d;
    month.dimension += app::kStatsMonthSuffix;
    month.day = app::StatsMonthStart(d.day);
    AddToCell(month);
  }
}

void SqlMatterRepository::FlushPending() {
  for (auto& [day, serials] : day_serials_) {
    if (serials.handed_out == serials.stored) continue;
    ExecLater(sql::matter_serial_set, {day, serials.handed_out});
    serials.stored = serials.handed_out;
  }
  if (!pending_cells_.empty()) {
    std::string_view sql = Sql(sql::matter_stats_add);
    for (const auto& [key, d] : pending_cells_) {
      const domain::RateCounters& c = d.counters;
      conn_.ExecuteLater(sql, {d.dimension, d.key, d.key2, d.path, d.day, c.received, c.responded,
                               c.responded_on_time, c.replied, c.replied_on_time, c.rated, c.solved,
                               c.satisfied, c.reopened, c.overdue, c.extended, c.excluded});
    }
    pending_cells_.clear();
  }
  if (!pending_texts_.empty()) {
    for (const auto& [matter_id, document] : pending_texts_)
      WriteSearchDocument(matter_id, document);
    pending_texts_.clear();
  }
}

namespace {

// One SumStats read: sums per (key, key2) of `dimension` cells with day in [from, to].
void SumInto(Connection& conn, std::string_view select, std::string_view dimension,
             domain::DayNumber from, domain::DayNumber to, std::string_view path_prefix,
             std::map<std::pair<Id, Id>, domain::RateCounters>& out) {
  if (from > to) return;
  Params params = {std::string(dimension), from, to};
  std::string sql(select);
  while (!sql.empty() && (sql.back() == '\n' || sql.back() == ' ')) sql.pop_back();
  if (!path_prefix.empty()) {
    params.emplace_back(EscapeLike(path_prefix) + "%");
    sql += " AND s.path LIKE $4 ESCAPE '\\'";
  }
  sql += " GROUP BY s.key_id, s.key2";
  for (const Row& row : conn.Query(sql, params)) {
    domain::RateCounters c;
    c.received = row.GetInt64(2);
    c.responded = row.GetInt64(3);
    c.responded_on_time = row.GetInt64(4);
    c.replied = row.GetInt64(5);
    c.replied_on_time = row.GetInt64(6);
    c.rated = row.GetInt64(7);
    c.solved = row.GetInt64(8);
    c.satisfied = row.GetInt64(9);
    c.reopened = row.GetInt64(10);
    c.overdue = row.GetInt64(11);
    c.extended = row.GetInt64(12);
    c.excluded = row.GetInt64(13);
    out[{row.GetInt64(0), row.GetInt64(1)}] += c;
  }
}

}  // namespace

std::vector<app::StatsRow> SqlMatterRepository::SumStats(std::string_view dimension,
                                                         domain::DayNumber from_day,
                                                         domain::DayNumber to_day,
                                                         std::string_view path_prefix) {
  FlushPending();
  // Whole months inside the window come from the month cells, the days before the first and
  // after the last whole month from the day cells: at most 12 month cells a year plus 60 days
  // per key, whatever the window.
  std::map<std::pair<Id, Id>, domain::RateCounters> sums;
  std::string_view select = Sql(sql::matter_stats_sum);
  auto split = app::SplitStatsWindow(from_day, to_day);
  SumInto(conn_, select, dimension, split.head_from, split.head_to, path_prefix, sums);
  SumInto(conn_, select, std::string(dimension) + std::string(app::kStatsMonthSuffix),
          split.months_from, split.months_to, path_prefix, sums);
  SumInto(conn_, select, dimension, split.tail_from, split.tail_to, path_prefix, sums);
  std::vector<app::StatsRow> out;
  out.reserve(sums.size());
  for (const auto& [key, counters] : sums) out.push_back({key.first, key.second, counters});
  return out;
}

std::vector<app::DailyCount> SqlMatterRepository::DailyReceived(std::string_view dimension,
                                                                domain::DayNumber from_day,
                                                                domain::DayNumber to_day,
                                                                std::string_view path_prefix) {
  FlushPending();
  const bool by_key =
      dimension == "category" || dimension == "category_township" || dimension == "category_county";
  Params params = {std::string(dimension), from_day, to_day};
  std::string tail;
  if (!path_prefix.empty()) {
    params.emplace_back(EscapeLike(path_prefix) + "%");
    tail += " AND s.path LIKE $4 ESCAPE '\\'";
  }
  tail += by_key ? " GROUP BY s.day, s.key_id ORDER BY s.day, s.key_id"
                 : " GROUP BY s.day ORDER BY s.day";
  auto rows =
      Select(by_key ? sql::matter_stats_daily_by_key : sql::matter_stats_daily, tail, params);
  return ReadAll<app::DailyCount>(rows, [by_key](const Row& row) {
    app::DailyCount d;
    d.day = row.GetInt64(0);
    if (by_key) d.key = row.GetInt64(1);
    d.count = row.GetInt64(by_key ? 2 : 1);
    return d;
  });
}

}  // namespace minqing::storage

namespace minqing::storage {
namespace {

domain::MatterRequest ReadMatterRequest(const Row& row) {
  domain::MatterRequest r;
  r.id = row.GetInt64(0);
  r.matter_id = row.GetInt64(1);
  r.kind = static_cast<domain::MatterRequestKind>(row.GetInt64(2));
  r.state = static_cast<domain::MatterRequestState>(row.GetInt64(3));
  r.unit_id = row.GetOptionalInt64(4);
  r.requested_by = row.GetInt64(5);
  r.requested_by_name = row.GetText(6);
  r.requested_at = row.GetInt64(7);
  r.reason = row.GetText(8);
  r.old_due_at = row.GetInt64(9);
  r.new_due_at = row.GetInt64(10);
  r.outcome = domain::ParseMatterOutcome(row.GetText(11));
  r.plan = row.GetText(12);
  r.planned_date = row.GetText(13);
  r.decided_by = row.GetOptionalInt64(14);
  r.decided_by_name = row.GetText(15);
  r.decided_at = row.GetOptionalInt64(16);
  r.decision_note = row.GetText(17);
  return r;
}

}  // namespace

void SqlMatterRepository::InsertMatterRequest(const domain::MatterRequest& r) {
  const std::string outcome = r.outcome ? std::string(domain::MatterOutcomeCode(*r.outcome)) : "";
  RenameConflict(
      [&] {
        Exec(sql::matter_request_insert,
             {r.id, r.matter_id, static_cast<std::int64_t>(r.kind),
              static_cast<std::int64_t>(r.state), OptionalValue(r.unit_id), r.requested_by,
              r.requested_by_name, r.requested_at, r.reason, r.old_due_at, r.new_due_at, outcome,
              r.plan, r.planned_date, OptionalValue(r.decided_by), r.decided_by_name,
              OptionalValue(r.decided_at), r.decision_note});
      },
      "matter.request_pending", "已有同类申请待审批");
}

void SqlMatterRepository::UpdateMatterRequest(const domain::MatterRequest& r) {
  RequireOneRow(Exec(sql::matter_request_update,
                     {r.id, static_cast<std::int64_t>(r.state), r.old_due_at, r.new_due_at,
                      OptionalValue(r.decided_by), r.decided_by_name, OptionalValue(r.decided_at),
                      r.decision_note}),
                "matter.request_not_found", "申请不存在");
}

std::vector<domain::MatterRequest> SqlMatterRepository::ListMatterRequests(Id matter_id) {
  return ReadAll<domain::MatterRequest>(conn_.Query(Sql(sql::matter_request_select), {matter_id}),
                                        ReadMatterRequest);
}

}  // namespace minqing::storage
