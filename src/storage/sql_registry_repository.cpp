#include "storage/sql_registry_repository.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/errors.hpp"
#include "domain/office_hours.hpp"
#include "storage/lookup_index.hpp"
#include "storage/lookup_query.hpp"
#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

static_assert(LookupTuning{}.count_cap == app::kHouseholdLookupCountCap);

std::string PinyinKey(std::string_view pinyin) {
  std::string out;
  for (char c : AsciiLower(pinyin)) {
    if (c != ' ') out += c;
  }
  return out;
}

// The resident conditions of a look-up, for residents aliased as `r`.
std::string ResidentLookupCondition(const Lookup& q, QueryBuilder& b) {
  std::vector<std::string> parts;
  if (!q.pinyin_prefix.empty()) {
    std::string p = b.Param(q.pinyin_prefix);
    parts.push_back("r.pinyin_key LIKE " + p);
    parts.push_back("r.initials LIKE " + p);
  }
  if (q.is_number) {
    // ID cards are stored with an upper-case X (GB 11643); matching the upper-cased query
    // spares a lower() call on every row of the scan.
    std::string upper = q.substring;
    std::replace(upper.begin(), upper.end(), 'x', 'X');
    std::string p = b.Param(q.substring);
    parts.push_back("r.phone LIKE " + p + " ESCAPE '\\'");
    parts.push_back("r.id_card LIKE " + (upper == q.substring ? p : b.Param(upper)) +
                    " ESCAPE '\\'");
  }
  // Names are Chinese: a Latin or numeric query would only force a scan of every resident.
  if (q.has_non_ascii) {
    parts.push_back("r.name LIKE " + b.Param(q.substring) + " ESCAPE '\\'");
  }
  if (parts.empty()) return "(1 = 0)";
  std::string out = "(";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? " OR " : "") + parts[i];
  return out + ")";
}

// How a resident's value is compared with the query in MemberValueCondition.
enum class MemberValue { kEqual, kStartsWith };

// The residents aliased `r` whose name (a Chinese query) or pinyin key (a Latin one) equals the
// query or starts with it. The residents' indexes answer each (V069).
std::string MemberValueCondition(const Lookup& q, MemberValue how, QueryBuilder& b) {
  if (q.has_non_ascii) {
    return how == MemberValue::kEqual ? "r.name = " + b.Param(q.exact)
                                      : "r.name LIKE " + b.Param(q.prefix) + " ESCAPE '\\'";
  }
  if (how == MemberValue::kEqual) return "r.pinyin_key = " + b.Param(q.pinyin_key);
  return "r.pinyin_key LIKE " + b.Param(q.pinyin_prefix);
}

// The households, once for each resident (up to `limit` rows), of the residents whose name (a
// Chinese query) or pinyin or initials (a Latin one) start with the query. The pinyin and the
// initials are two scans, each of one index alone (V069 and V070: they hold the household);
// ORed, they were one bitmap scan that read the table (3 ms warm, 128 ms cold for 2,038
// residents at 2M households, against 0.5 ms).
std::string MemberHouseholdsSql(const Lookup& q, std::int64_t limit, QueryBuilder& b) {
  auto residents = [](const std::string& condition) {
    return "SELECT r.household_id FROM residents r WHERE " + condition +
           " AND r.household_id IS NOT NULL";
  };
  std::string sql = residents(MemberValueCondition(q, MemberValue::kStartsWith, b));
  if (!q.has_non_ascii) {
    sql += " UNION ALL " + residents("r.initials LIKE " + b.Param(q.pinyin_prefix));
  }
  return sql + " LIMIT " + b.Param(limit);
}

// The LookupRank (lookup_query.hpp) of a matching resident aliased as `r`, as an SQL expression.
std::string ResidentRankExpression(const Lookup& q, QueryBuilder& b) {
  std::vector<std::string> exact;
  std::vector<std::string> prefix;
  if (q.has_non_ascii) {
    exact.push_back("r.name = " + b.Param(q.exact));
    prefix.push_back("r.name LIKE " + b.Param(q.prefix) + " ESCAPE '\\'");
  }
  if (!q.pinyin_key.empty()) {
    exact.push_back("r.pinyin_key = " + b.Param(q.pinyin_key));
    prefix.push_back("r.pinyin_key LIKE " + b.Param(q.pinyin_prefix));
  }
  if (q.is_number) {
    std::string upper_prefix = q.prefix;
    std::replace(upper_prefix.begin(), upper_prefix.end(), 'x', 'X');
    exact.push_back("r.phone = " + b.Param(q.exact) + " OR r.id_card = " + b.Param(q.exact_upper));
    prefix.push_back("r.phone LIKE " + b.Param(q.prefix) + " ESCAPE '\\' OR r.id_card LIKE " +
                     b.Param(upper_prefix) + " ESCAPE '\\'");
  }
  auto any = [](const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "(" : " OR (") + p + ")";
    return out.empty() ? std::string("1 = 0") : out;
  };
  const std::string head = "r.relation = '户主'";
  return "CASE WHEN " + any(exact) + " THEN (CASE WHEN " + head + " THEN 0 ELSE 1 END) WHEN " +
         any(prefix) + " THEN (CASE WHEN " + head + " THEN 2 ELSE 3 END) ELSE 4 END";
}

// The one-box look-up over household_lookup aliased `x` (lookup_index.hpp): the condition that a
// household matches and its LookupRank, as SQL expressions. Each is the look-up's condition on
// residents (ResidentLookupCondition, ResidentRankExpression) and on households (RankedLookup)
// read off the household's row: a member's value contains the query when the member column does,
// equals it when the column holds "\n", the member's mark, the query and "\n", and starts with it
// when the column holds "\n", the mark and the query.
class IndexedLookupSql {
 public:
  IndexedLookupSql(const Lookup& q, Dialect dialect)
      : q_(q), find_(std::string(SubstringPositionFunction(dialect)) + "(") {}

  // The household matches.
  std::string Match(QueryBuilder& b) const {
    const std::string exact = b.Param(q_.exact);
    std::string out = "(" + find_ + "x.number_key, " + exact + ") = 1 OR " + find_ +
                      "x.address_key, " + exact + ") > 0";
    if (q_.has_non_ascii) out += " OR " + find_ + "x.names, " + exact + ") > 0";
    if (!q_.pinyin_key.empty()) {
      const std::string key = b.Param(q_.pinyin_key);
      for (const char* column : {"x.pinyins", "x.initials"}) {
        // The plain instr() first: most rows fail it, and it is the cheapest test.
        out += std::string(" OR (") + find_ + column + ", " + key + ") > 0 AND (" +
               Has(b, column, std::string(kHead) + q_.pinyin_key) + " OR " +
               Has(b, column, std::string(kOther) + q_.pinyin_key) + "))";
      }
    }
    if (q_.is_number) {
      out += " OR " + find_ + "x.phones, " + exact + ") > 0 OR " + find_ + "x.id_cards, " +
             (q_.exact_upper == q_.exact ? exact : b.Param(q_.exact_upper)) + ") > 0";
    }
    return out + ")";
  }

  // PostgreSQL: a condition every matching household meets, answered by the GIN index on its
  // look-up pieces (V063, LookupPiecesQuery) and, for a Latin query, by the primary key: the
  // pieces hold no pinyin or initials (LookupPiecesVector), so the households whose member's
  // pinyin or initials start with the query come as `member_households`, read from the residents'
  // indexes (nullopt when they were too many to list). "" when the condition would hold for every
  // household, or for too many to list.
  std::string Candidates(QueryBuilder& b,
                         const std::optional<std::vector<Id>>& member_households) const {
    std::vector<std::string> values = {q_.exact};
    if (q_.is_number && q_.exact_upper != q_.exact) values.push_back(q_.exact_upper);
    if (!q_.pinyin_key.empty() && !member_households) return "";
    if (std::any_of(values.begin(), values.end(), [](const auto& v) { return v.empty(); })) {
      return "";
    }
    const std::string pieces = LookupPiecesQuery(values);
    if (pieces.empty()) return "";
    std::string out = "x.pieces @@ CAST(" + b.Param(pieces) + " AS tsquery)";
    if (q_.pinyin_key.empty() || member_households->empty()) return out;
    // One array parameter: a bitmap scan of the primary key for all of them, ORed with the
    // pieces' bitmap.
    return "(" + out + " OR x.household_id = ANY(CAST(" +
           b.Param("{" + EncodeIds(*member_households) + "}") + " AS BIGINT[])))";
  }

  // Its LookupRank.
  std::string Rank(QueryBuilder& b) const {
    std::vector<std::string> ranks[4];  // Exact head, exact, prefix head, prefix.
    ranks[0].push_back("x.number_key = " + b.Param(q_.exact));
    auto add = [&](std::string_view column, const std::string& value) {
      const std::string head = std::string(kHead) + value;
      const std::string other = std::string(kOther) + value;
      ranks[0].push_back(Has(b, column, head + "\n"));
      ranks[1].push_back(Has(b, column, other + "\n"));
      ranks[2].push_back(Has(b, column, head));
      ranks[3].push_back(Has(b, column, other));
    };
    if (q_.has_non_ascii) add("x.names", q_.exact);
    if (!q_.pinyin_key.empty()) add("x.pinyins", q_.pinyin_key);
    if (q_.is_number) {
      add("x.phones", q_.exact);
      add("x.id_cards", q_.exact_upper);
    }
    std::string out = "CASE";
    for (int rank = 0; rank < 4; ++rank) {
      std::string any;
      for (const auto& p : ranks[rank]) any += (any.empty() ? "" : " OR ") + p;
      if (!any.empty()) out += " WHEN " + any + " THEN " + std::to_string(rank);
    }
    return out + " ELSE 4 END";
  }

  // False when `lookup` holds a character the member columns use as a separator or mark.
  static bool Fits(std::string_view lookup) {
    return std::none_of(lookup.begin(), lookup.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20; });
  }

 private:
  static constexpr std::string_view kHead = "\n\x01";
  static constexpr std::string_view kOther = "\n\x02";

  std::string Has(QueryBuilder& b, std::string_view column, const std::string& text) const {
    return find_ + std::string(column) + ", " + b.Param(text) + ") > 0";
  }

  const Lookup& q_;
  std::string find_;
};

domain::Region ReadRegion(const Row& row) {
  domain::Region r;
  r.id = row.GetInt64(0);
  r.parent_id = row.GetOptionalInt64(1);
  r.level = static_cast<domain::RegionLevel>(row.GetInt64(2));
  r.code = row.GetText(3);
  r.name = row.GetText(4);
  r.path = row.GetText(5);
  r.lat = row.GetOptionalDouble(6);
  r.lng = row.GetOptionalDouble(7);
  r.child_count = row.GetInt64(8);
  return r;
}

Params RegionParams(const domain::Region& r) {
  return {r.id,
          OptionalValue(r.parent_id),
          static_cast<std::int64_t>(r.level),
          r.code,
          r.name,
          r.path,
          OptionalValue(r.lat),
          OptionalValue(r.lng)};
}

Params HouseholdParams(const domain::Household& h) {
  return {h.id,         h.region_id,          h.region_path,        h.number,
          h.address,    OptionalValue(h.lat), OptionalValue(h.lng), EncodeTags(h.tags),
          h.created_at, h.updated_at};
}

domain::Resident ReadResident(const Row& row) {
  domain::Resident r;
  r.id = row.GetInt64(0);
  r.household_id = row.GetOptionalInt64(1);
  r.region_path = row.GetText(2);
  r.name = row.GetText(3);
  r.sex = static_cast<domain::Sex>(row.GetInt64(4));
  r.birth_date = row.GetText(5);
  r.id_card = row.GetText(6);
  r.phone = row.GetText(7);
  r.relation = row.GetText(8);
  r.pinyin = row.GetText(9);
  r.initials = row.GetText(10);
  r.created_at = row.GetInt64(11);
  r.updated_at = row.GetInt64(12);
  r.village_committee = row.GetInt64(13) != 0;
  r.villager_rep = row.GetInt64(14) != 0;
  return r;
}

Params ResidentParams(const domain::Resident& r) {
  return {r.id,
          OptionalValue(r.household_id),
          r.region_path,
          r.name,
          static_cast<std::int64_t>(r.sex),
          r.birth_date,
          r.id_card,
          r.phone,
          r.relation,
          r.pinyin,
          PinyinKey(r.pinyin),
          AsciiLower(r.initials),
          r.created_at,
          r.updated_at,
          std::int64_t{r.village_committee ? 1 : 0},
          std::int64_t{r.villager_rep ? 1 : 0}};
}

domain::ResidentMove ReadMove(const Row& row) {
  domain::ResidentMove m;
  m.id = row.GetInt64(0);
  m.resident_id = row.GetInt64(1);
  m.from_household_id = row.GetOptionalInt64(2);
  m.to_household_id = row.GetOptionalInt64(3);
  m.reason = row.GetText(4);
  m.at = row.GetInt64(5);
  m.by_user_id = row.GetOptionalInt64(6);
  return m;
}

domain::PartyOrg ReadPartyOrg(const Row& row) {
  domain::PartyOrg o;
  o.id = row.GetInt64(0);
  o.parent_id = row.GetOptionalInt64(1);
  o.kind = static_cast<domain::PartyOrgKind>(row.GetInt64(2));
  o.name = row.GetText(3);
  o.region_id = row.GetInt64(4);
  o.region_path = row.GetText(5);
  o.leader_member_id = row.GetOptionalInt64(6);
  o.member_count = row.GetInt64(7);
  return o;
}

Params PartyOrgParams(const domain::PartyOrg& o) {
  return {o.id,
          OptionalValue(o.parent_id),
          static_cast<std::int64_t>(o.kind),
          o.name,
          o.region_id,
          o.region_path,
          OptionalValue(o.leader_member_id)};
}

domain::PartyMember ReadPartyMember(const Row& row) {
  domain::PartyMember m;
  m.id = row.GetInt64(0);
  m.resident_id = row.GetInt64(1);
  m.org_id = row.GetInt64(2);
  m.region_path = row.GetText(3);
  m.status = static_cast<domain::MemberStatus>(row.GetInt64(4));
  m.away = row.GetBool(5);
  m.can_take_households = row.GetBool(6);
  m.capacity = row.GetInt64(7);
  m.joined_on = row.GetText(8);
  m.name = row.GetText(9);
  m.phone = row.GetText(10);
  m.org_name = row.GetText(11);
  m.away_to = row.GetText(12);
  return m;
}

Params PartyMemberParams(const domain::PartyMember& m) {
  return {m.id,
          m.resident_id,
          m.org_id,
          m.region_path,
          static_cast<std::int64_t>(m.status),
          std::int64_t{m.away ? 1 : 0},
          std::int64_t{m.can_take_households ? 1 : 0},
          m.capacity,
          m.joined_on,
          m.away_to};
}

domain::Unit ReadUnit(const Row& row) {
  domain::Unit u;
  u.id = row.GetInt64(0);
  u.name = row.GetText(1);
  u.kind = static_cast<domain::UnitKind>(row.GetInt64(2));
  u.region_id = row.GetOptionalInt64(3);
  u.phone = row.GetText(4);
  u.office_hours = row.GetText(5);
  u.staff_count = row.GetInt64(6);
  return u;
}

domain::Staff ReadStaff(const Row& row) {
  domain::Staff s;
  s.id = row.GetInt64(0);
  s.unit_id = row.GetInt64(1);
  s.name = row.GetText(2);
  s.title = row.GetText(3);
  s.phone = row.GetText(4);
  s.user_id = row.GetOptionalInt64(5);
  return s;
}

template <typename T, typename Fn>
std::vector<Params> ToRows(const std::vector<T>& items, Fn fn) {
  std::vector<Params> out;
  out.reserve(items.size());
  for (const T& item : items) out.push_back(fn(item));
  return out;
}

// Households per step when EndBulkLoad writes the look-up table again.
constexpr std::int64_t kLookupRebuildBatch = 5000;

class RegistryRepository final : public SqlRegistryRepository {
 public:
  explicit RegistryRepository(Connection& conn) : conn_(conn) {}

  void FlushPending() override { lookup_refresh_.Flush(conn_); }

  void BeginBulkLoad() override {
    if (!suspended_indexes_.empty()) throw std::logic_error("BeginBulkLoad: already begun");
    RunSql(conn_, sql::bulk_load_begin, {});
    for (const char* table : {"households", "residents", "household_lookup"}) {
      for (const auto& row : QueryRows(conn_, sql::table_indexes, {std::string(table)})) {
        const std::string name = row.GetText(0);
        if (!IsPlainIdentifier(name)) throw std::runtime_error("BeginBulkLoad: index " + name);
        conn_.Execute("DROP INDEX " + name);
        suspended_indexes_.push_back({table, row.GetText(1)});
      }
    }
    for (const char* table : {"households", "residents"}) {
      for (const auto& row : QueryRows(conn_, sql::table_foreign_keys, {std::string(table)})) {
        const std::string name = row.GetText(0);
        if (!IsPlainIdentifier(name)) throw std::runtime_error("BeginBulkLoad: key " + name);
        conn_.Execute("ALTER TABLE " + std::string(table) + " DROP CONSTRAINT " + name);
        suspended_keys_.push_back({table, "ALTER TABLE " + std::string(table) + " ADD CONSTRAINT " +
                                              name + " " + row.GetText(1)});
      }
    }
    bulk_loading_ = true;
    // The look-up rows of the added households are written from the values in hand when the
    // engine's lower() folds the ASCII letters as AsciiLower does. SQLite's folds nothing else;
    // PostgreSQL's follows the database's locale, so there a household whose number or address
    // holds a letter beyond ASCII (LowerIsAsciiLower) is read back from the tables at the end,
    // and every household is when the locale folds even ASCII its own way.
    const auto folded = QueryRows(conn_, sql::lower_ascii_letters, {});
    lookup_from_inserts_ =
        !folded.empty() && folded.front().GetText(0) == "abcdefghijklmnopqrstuvwxyz";
    lower_beyond_ascii_ = conn_.dialect() != Dialect::kSqlite;
  }
  void EndBulkLoad() override {
    // The look-up rows are read from households and residents by household id, so theirs
    // come back first; the look-up table's own once its rows are in. The rows were written with
    // the inserts, and only households whose residents came late or whose text the database must
    // fold are read back; when the database folds even ASCII its own way, the whole look-up
    // table is written again, in household id order, instead of the rows of each household
    // touched (a million ids kept in memory): the registry held no more households than the
    // load added.
    WritePendingLookupRows();
    RunSql(conn_, sql::bulk_index_build_begin, {});
    RunSql(conn_, sql::bulk_index_sort_threads, {});
    for (const auto& index : suspended_indexes_) {
      if (index.table != "household_lookup") conn_.Execute(index.create);
    }
    // Each key checks every row again, with one join, once the indexes are back.
    for (const auto& key : suspended_keys_) conn_.Execute(key.create);
    suspended_keys_.clear();
    RunSql(conn_, sql::bulk_load_analyze, {});
    if (lookup_from_inserts_) {
      RefreshHouseholdLookup(conn_, std::move(stale_lookup_));
      stale_lookup_.clear();
    } else {
      const DerivedIndex& lookup = HouseholdLookupIndex();
      lookup.clear(conn_);
      for (std::int64_t after = 0;;) {
        const std::vector<std::int64_t> ids = lookup.index_batch(conn_, after, kLookupRebuildBatch);
        if (ids.empty()) break;
        after = ids.back();
      }
    }
    for (const auto& index : suspended_indexes_) {
      if (index.table == "household_lookup") conn_.Execute(index.create);
    }
    RunSql(conn_, sql::bulk_index_sort_threads_end, {});
    RunSql(conn_, sql::bulk_index_build_end, {});
    suspended_indexes_.clear();
    bulk_loading_ = false;
    lookup_from_inserts_ = false;
    lower_beyond_ascii_ = false;
  }

  // Regions.
  std::optional<domain::Region> FindRegion(Id id) override {
    return First<domain::Region>(SelectRows(conn_, sql::region_select, " WHERE r.id = $1", {id}),
                                 ReadRegion);
  }
  std::optional<domain::Region> FindRegionByCode(std::string_view code) override {
    return First<domain::Region>(
        SelectRows(conn_, sql::region_select, " WHERE r.code = $1 ORDER BY r.id LIMIT 1",
                   {std::string(code)}),
        ReadRegion);
  }
  std::vector<domain::Region> ListRegionChildren(std::optional<Id> parent_id) override {
    if (parent_id) {
      return ReadAll<domain::Region>(
          SelectRows(conn_, sql::region_select,
                     " WHERE r.parent_id = $1 ORDER BY r.code, r.name, r.id", {*parent_id}),
          ReadRegion);
    }
    return ReadAll<domain::Region>(
        SelectRows(conn_, sql::region_select,
                   " WHERE r.parent_id IS NULL ORDER BY r.code, r.name, r.id", {}),
        ReadRegion);
  }
  std::vector<domain::Region> ListRegionsUnder(std::string_view path_prefix,
                                               std::optional<domain::RegionLevel> level) override {
    QueryBuilder b;
    b.Where("r.path LIKE " + b.Param(PathPrefixPattern(path_prefix)));
    if (level) b.Where("r.level = " + b.Param(static_cast<std::int64_t>(*level)));
    return ReadAll<domain::Region>(
        SelectRows(conn_, sql::region_select, b.WhereClause() + " ORDER BY r.path", b.params()),
        ReadRegion);
  }
  void InsertRegion(const domain::Region& region) override {
    RenameConflict([&] { RunSql(conn_, sql::region_insert, RegionParams(region)); },
                   "region.exists", "区域已存在");
  }
  void UpdateRegion(const domain::Region& r) override {
    RequireOneRow(RunSql(conn_, sql::region_update,
                         {r.id, r.name, r.code, OptionalValue(r.lat), OptionalValue(r.lng)}),
                  "region.not_found", "区域不存在");
  }
  domain::RegionLevels LoadRegionLevels() override {
    domain::RegionLevels out;
    for (const auto& row : QueryRows(conn_, sql::region_levels_select, {})) {
      out.levels.push_back(
          {static_cast<domain::RegionLevel>(row.GetInt64(0)), row.GetText(1), row.GetText(2)});
    }
    return out;
  }
  void ReplaceRegionLevels(const domain::RegionLevels& levels) override {
    RunSql(conn_, sql::region_levels_delete, {});
    for (const auto& l : levels.levels) {
      RunSql(conn_, sql::region_levels_insert,
             {static_cast<std::int64_t>(l.level), l.name, l.name_en});
    }
  }
  std::vector<domain::RegionLevel> RegionLevelsInUse() override {
    std::vector<domain::RegionLevel> out;
    for (const auto& row : QueryRows(conn_, sql::region_levels_used, {})) {
      out.push_back(static_cast<domain::RegionLevel>(row.GetInt64(0)));
    }
    return out;
  }
  app::RegistryCounts CountUnder(std::string_view path_prefix) override {
    auto rows = QueryRows(conn_, sql::count_under, {PathPrefixPattern(path_prefix)});
    app::RegistryCounts c;
    c.households = rows.at(0).GetInt64(0);
    c.residents = rows.at(0).GetInt64(1);
    c.party_members = rows.at(0).GetInt64(2);
    c.villages = rows.at(0).GetInt64(3);
    return c;
  }

  // Households.
  std::optional<domain::Household> FindHousehold(Id id) override {
    return First<domain::Household>(
        SelectRows(conn_, sql::household_select, " WHERE h.id = $1", {id}), ReadHousehold);
  }
  std::optional<domain::Household> FindHouseholdByNumber(std::string_view number) override {
    return First<domain::Household>(
        SelectRows(conn_, sql::household_select, " WHERE h.number = $1", {std::string(number)}),
        ReadHousehold);
  }
  domain::Page<domain::Household> ListHouseholds(const app::HouseholdFilter& filter,
                                                 const domain::PageRequest& page) override {
    QueryBuilder b;
    std::string path;
    if (!filter.region_path_prefix.empty()) {
      path = b.Param(PathPrefixPattern(filter.region_path_prefix));
      b.Where("h.region_path LIKE " + path);
    }
    for (const auto& tag : filter.tags) {
      b.Where("h.tags LIKE " + b.Param("%," + EscapeLike(tag) + ",%") + " ESCAPE '\\'");
    }
    if (!filter.lookup.empty()) {
      Lookup q = ClassifyLookup(filter.lookup);
      if (page.sort.empty() && IndexedLookupSql::Fits(filter.lookup)) {
        return IndexedLookup(q, filter, page);
      }
      if (page.sort.empty()) return RankedLookup(q, path, b, page);
      std::string residents = "h.id IN (SELECT r.household_id FROM residents r WHERE ";
      if (!path.empty()) residents += "r.region_path LIKE " + path + " AND ";
      residents += ResidentLookupCondition(q, b) + ")";
      b.Where("(" + residents + " OR lower(h.number) LIKE " + b.Param(q.prefix) +
              " ESCAPE '\\' OR lower(h.address) LIKE " + b.Param(q.substring) + " ESCAPE '\\')");
    }
    std::string_view order = OrderBy(page.sort, {{"number", "h.number, h.id"},
                                                 {"-number", "h.number DESC, h.id DESC"},
                                                 {"address", "h.address, h.id"},
                                                 {"-address", "h.address DESC, h.id DESC"},
                                                 {"updated_at", "h.updated_at, h.id"},
                                                 {"-updated_at", "h.updated_at DESC, h.id DESC"},
                                                 {"created_at", "h.created_at, h.id"},
                                                 {"-created_at", "h.created_at DESC, h.id DESC"}});
    return ListPage<domain::Household>(conn_, sql::household_select, sql::household_count, b, order,
                                       page, ReadHousehold);
  }
  // A look-up in rank order (LookupRank, then household number) through the look-up table, one
  // row per household. On PostgreSQL up to LookupTuning::few_matches matches are read, then ranked
  // and sorted by id. More are counted up to the cap (not again by default), and the page comes
  // from PageByRank (a name or pinyin) or from ranking every match in a second scan.
  domain::Page<domain::Household> IndexedLookup(const Lookup& q, const app::HouseholdFilter& filter,
                                                const domain::PageRequest& page) {
    lookup_refresh_.Flush(conn_);
    const LookupTuning& tuning = CurrentLookupTuning();
    QueryBuilder b;
    std::string from = " FROM household_lookup x";
    const std::string region_pattern = filter.region_path_prefix.empty()
                                           ? std::string()
                                           : PathPrefixPattern(filter.region_path_prefix);
    if (!region_pattern.empty()) b.Where("x.region_path LIKE " + b.Param(region_pattern));
    if (!filter.tags.empty()) from += " JOIN households h ON h.id = x.household_id";
    for (const auto& tag : filter.tags) {
      b.Where("h.tags LIKE " + b.Param("%," + EscapeLike(tag) + ",%") + " ESCAPE '\\'");
    }
    if (conn_.dialect() == Dialect::kSqlite)
      return AggregatedLookup(q, filter.lookup, from, b, page);
    IndexedLookupSql lookup(q, conn_.dialect());
    const QueryBuilder scope = b;
    // A Latin query's households through their members' pinyin and initials, when few.
    std::optional<std::vector<Id>> member_households;
    if (!q.pinyin_key.empty()) {
      member_households = MemberHouseholdsStartingSo(q, region_pattern, tuning.rank_set_rows);
    }
    // The candidates from the pieces' index (and those households), then the look-up's own
    // conditions on each.
    if (std::string candidates = lookup.Candidates(b, member_households); !candidates.empty()) {
      b.Where(candidates);
    }
    domain::Page<domain::Household> out;
    // A name or pinyin look-up without a region is answered through the residents' indexes
    // (V069: they hold the household too). Within a region those would be read past every other
    // region's namesakes (210 ms for "王" in a county at 2M households, where ranking the
    // county's matches takes about 100 ms), and a county's matches are mostly few.
    const bool by_rank = region_pattern.empty() && (q.has_non_ascii || !q.pinyin_key.empty());
    // Such a name or pinyin that the members of many households start with (a surname, "wang")
    // has many matches. The pieces' index would read long posting lists to say so: 90-150 ms for
    // a common name at 2M households.
    const bool many_start_so =
        by_rank && filter.tags.empty() &&
        (member_households
             ? static_cast<std::int64_t>(member_households->size()) > tuning.few_matches
             : MembersStartingSo(q, tuning.few_matches + 1));
    // Otherwise the matches when there are few; a scan that stops early when there are many.
    std::vector<Id> matches;
    if (!many_start_so) {
      // PostgreSQL wants exactly the parameters a statement uses: each statement gets its own.
      QueryBuilder first = b;
      first.Where(lookup.Match(first));
      for (const auto& row : conn_.Query("SELECT x.household_id" + from + first.WhereClause() +
                                             " LIMIT " + first.Param(tuning.few_matches + 1),
                                         first.params())) {
        matches.push_back(row.GetInt64(0));
      }
    }
    QueryBuilder ranked;
    std::string where;
    if (!many_start_so && matches.size() <= static_cast<std::size_t>(tuning.few_matches)) {
      out.total = static_cast<std::int64_t>(matches.size());
      for (Id id : matches) where += (where.empty() ? "" : ", ") + ranked.Param(id);
      where = " WHERE x.household_id IN (" + where + ")";
    } else {
      // A surname alone matches one household in 25 at 2M households: counting every match took
      // 1.1 s, ranking them all 0.9 s, and counting up to 10,000 still 190 ms.
      if (tuning.count_cap <= tuning.few_matches) {
        out.total = tuning.count_cap + 1;  // There are more than few_matches.
      } else {
        QueryBuilder count = b;
        count.Where(lookup.Match(count));
        out.total = conn_
                        .Query("SELECT COUNT(*) FROM (SELECT 1" + from + count.WhereClause() +
                                   " LIMIT " + count.Param(tuning.count_cap + 1) + ") c",
                               count.params())
                        .at(0)
                        .GetInt64(0);
      }
      if (out.total <= page.offset) return out;
      // Otherwise (within a region, or a number) every match is ranked, as below.
      if (by_rank) {
        std::vector<Id> ids = PageByRank(q, lookup, from, scope, b, out.total, page);
        if (!ids.empty()) out.items = PageItems(q, ids);
        return out;
      }
      ranked = b;
      ranked.Where(lookup.Match(ranked));
      where = ranked.WhereClause();
    }
    if (out.total <= page.offset) return out;
    std::vector<Id> ids;
    std::string select = "SELECT x.household_id, " + lookup.Rank(ranked) + " AS rk";
    select += from;
    select += where;
    select += " ORDER BY rk, x.number, x.household_id" + Paging(page, ranked);
    for (const auto& row : conn_.Query(select, ranked.params())) {
      ids.push_back(row.GetInt64(0));
    }
    if (ids.empty()) return out;
    out.items = PageItems(q, ids);
    return out;
  }
  // Whether the members of at least `households` households start their name (a Chinese query)
  // or their pinyin or initials (a Latin one) with the query: each of them matches it. Reads up to
  // three residents a household from the residents' indexes alone.
  bool MembersStartingSo(const Lookup& q, std::int64_t households) {
    QueryBuilder b;
    const std::string sql = MemberHouseholdsSql(q, households * 3, b);
    std::unordered_set<Id> found;
    for (const Row& row : conn_.Query(sql, b.params())) found.insert(row.GetInt64(0));
    return static_cast<std::int64_t>(found.size()) >= households;
  }
  // The households (each once) of the residents whose pinyin or initials start with the Latin
  // query `q`, within the region when `region_pattern` is not empty; nullopt when more than
  // `residents` residents do, or, within a region, when more than
  // LookupTuning::member_scan_rows residents of the whole province start either so.
  std::optional<std::vector<Id>> MemberHouseholdsStartingSo(const Lookup& q,
                                                            const std::string& region_pattern,
                                                            std::int64_t residents) {
    QueryBuilder b;
    std::vector<Id> ids;
    if (region_pattern.empty()) {
      const std::string sql = MemberHouseholdsSql(q, residents + 1, b);
      const std::vector<Row> rows = conn_.Query(sql, b.params());
      if (static_cast<std::int64_t>(rows.size()) > residents) return std::nullopt;
      for (const Row& row : rows) ids.push_back(row.GetInt64(0));
    } else {
      // Each index is read for at most member_scan_rows entries: how many were read, and the
      // region's households among them.
      const std::string budget = b.Param(CurrentLookupTuning().member_scan_rows);
      const std::string region = b.Param(region_pattern);
      auto scan = [&](const std::string& condition) {
        return "SELECT COUNT(*), COALESCE(string_agg(CAST(s.household_id AS TEXT), ',') FILTER "
               "(WHERE s.region_path LIKE " +
               region +
               "), '') FROM (SELECT r.household_id, r.region_path FROM residents r WHERE " +
               condition + " AND r.household_id IS NOT NULL LIMIT " + budget + ") s";
      };
      const std::string sql = scan(MemberValueCondition(q, MemberValue::kStartsWith, b)) +
                              " UNION ALL " + scan("r.initials LIKE " + b.Param(q.pinyin_prefix));
      for (const Row& row : conn_.Query(sql, b.params())) {
        if (row.GetInt64(0) >= CurrentLookupTuning().member_scan_rows) return std::nullopt;
        for (Id id : DecodeIds(row.GetText(1))) ids.push_back(id);
      }
      if (static_cast<std::int64_t>(ids.size()) > residents) return std::nullopt;
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }
  // The page of a name or pinyin look-up with many matches (PostgreSQL), one LookupRank at a time
  // until it is full, each rank in household number order. Ranks 0-1 are households with the
  // query's number or a member whose name (pinyin) is the query, ranks 2-3 ones with a member whose
  // name (pinyin) starts with it: each is read through those residents (the residents' indexes
  // on name and pinyin_key) when they are few (LookupTuning::rank_set_rows), the rest (rank 4)
  // through the matches when `total` was counted and is that small. A larger rank walks the
  // look-up table in number order (its index on number), where its households are dense enough to
  // fill a page soon: "王" finds no household of rank 0 or 1 among a province's residents at once,
  // and a page of rank 2 after a few hundred rows. For a look-up without a region: `scope` holds
  // the tag conditions, `matching` those and the candidates from the pieces' index.
  std::vector<Id> PageByRank(const Lookup& q, const IndexedLookupSql& lookup,
                             const std::string& from, const QueryBuilder& scope,
                             const QueryBuilder& matching, std::int64_t total,
                             const domain::PageRequest& page) {
    const LookupTuning& tuning = CurrentLookupTuning();
    // The residents whose name (pinyin) equals, or starts with, the query.
    auto residents = [&](QueryBuilder& b, bool equal) {
      return "SELECT r.household_id FROM residents r WHERE " +
             MemberValueCondition(q, equal ? MemberValue::kEqual : MemberValue::kStartsWith, b);
    };
    std::optional<bool> few_equal;
    std::optional<bool> few_starting;
    auto few = [&](std::optional<bool>& known, bool equal) {
      if (!known) {
        QueryBuilder b;
        const std::string count = "SELECT COUNT(*) FROM (" + residents(b, equal) + " LIMIT " +
                                  b.Param(tuning.rank_set_rows + 1) + ") c";
        known = conn_.Query(count, b.params()).at(0).GetInt64(0) <= tuning.rank_set_rows;
      }
      return *known;
    };
    // The households of one rank, as a statement on `b` (a copy of scope or matching).
    auto households_of_rank = [&](int rank, QueryBuilder& b) {
      if (rank <= 1 && few(few_equal, true)) {
        b.Where("x.household_id IN (" + residents(b, true) +
                " UNION ALL SELECT y.household_id FROM household_lookup y WHERE y.number_key = " +
                b.Param(q.exact) + ")");
      } else if ((rank == 2 || rank == 3) && few(few_starting, false)) {
        b.Where("x.household_id IN (" + residents(b, false) + ")");
      } else if (rank == 4) {
        b.Where(lookup.Match(b));
      }
      const std::string ranked = lookup.Rank(b);
      return "SELECT s.household_id FROM (SELECT x.household_id, x.number, " + ranked + " AS rk" +
             from + b.WhereClause() + ") s WHERE s.rk = " + std::to_string(rank);
    };
    std::int64_t offset = std::max<std::int64_t>(page.offset, 0);
    std::int64_t wanted = std::clamp<std::int64_t>(page.limit, 0, kMaxPageSize);
    std::vector<Id> ids;
    for (int rank = 0; rank <= 4 && wanted > 0; ++rank) {
      // Through the matches only when they were counted (not past the cap) and are few.
      const bool through_matches =
          rank == 4 && total <= tuning.count_cap && total <= tuning.rank_set_rows;
      QueryBuilder b = through_matches ? matching : scope;
      const std::string households = households_of_rank(rank, b);
      const std::string sql = households + " ORDER BY s.number, s.household_id LIMIT " +
                              b.Param(wanted) + " OFFSET " + b.Param(offset);
      const std::vector<Row> rows = conn_.Query(sql, b.params());
      for (const Row& row : rows) ids.push_back(row.GetInt64(0));
      wanted -= static_cast<std::int64_t>(rows.size());
      if (!rows.empty() || offset == 0) {
        offset = 0;
        continue;
      }
      // The page starts past this rank: skip all of it.
      QueryBuilder c = through_matches ? matching : scope;
      const std::string counted = "SELECT COUNT(*) FROM (" + households_of_rank(rank, c) + ") n";
      offset -= std::min(offset, conn_.Query(counted, c.params()).at(0).GetInt64(0));
    }
    return ids;
  }
  // SQLite: the same answer from one scan, in which the aggregate minqing_lookup_page
  // (connection.hpp) ranks each row in the reader's scope, counts the matches and keeps the
  // page's households in the order of `ORDER BY rk, x.number, x.household_id`.
  domain::Page<domain::Household> AggregatedLookup(const Lookup& q, const std::string& raw,
                                                   const std::string& from, QueryBuilder& b,
                                                   const domain::PageRequest& page) {
    const std::int64_t offset = std::max<std::int64_t>(page.offset, 0);
    const std::int64_t limit = std::clamp<std::int64_t>(page.limit, 0, kMaxPageSize);
    const std::string query = b.Param(raw);
    const std::string keep = b.Param(offset + limit);
    // SQLite copies every text column it reads: the columns the query cannot match are not read.
    auto column = [](bool read, const char* name) { return read ? name : "''"; };
    const bool number = q.is_number;
    const bool pinyin = !q.pinyin_key.empty();
    const std::string select = std::string("SELECT ") + kLookupPageFunction + "(" + query + ", " +
                               keep + ", x.household_id, x.number, x.number_key, x.address_key, " +
                               column(q.has_non_ascii, "x.names") + ", " +
                               column(pinyin, "x.pinyins") + ", " + column(pinyin, "x.initials") +
                               ", " + column(number, "x.phones") + ", " +
                               column(number, "x.id_cards") + ")";
    const std::string result =
        conn_.Query(select + from + b.WhereClause(), b.params()).at(0).GetText(0);
    // The total, then the kept households in order (EncodeIds).
    const std::vector<Id> values = DecodeIds(result);
    domain::Page<domain::Household> out;
    out.total = values.at(0);
    const auto first = static_cast<std::size_t>(
        std::min<std::int64_t>(1 + offset, static_cast<std::int64_t>(values.size())));
    const std::vector<Id> ids(values.begin() + static_cast<std::ptrdiff_t>(first), values.end());
    if (!ids.empty()) out.items = PageItems(q, ids);
    return out;
  }
  // A look-up in rank order as above, with the look-up's conditions on the households and
  // residents tables: the households that match are
  // ranked and counted in one pass over residents and households, the page is read by id, and
  // the member who matched is named when it is not the head.
  domain::Page<domain::Household> RankedLookup(const Lookup& q, const std::string& path,
                                               QueryBuilder& b, const domain::PageRequest& page) {
    std::string residents = "SELECT r.household_id AS hid, " + ResidentRankExpression(q, b) +
                            " AS rk FROM residents r WHERE r.household_id IS NOT NULL AND ";
    if (!path.empty()) residents += "r.region_path LIKE " + path + " AND ";
    residents += ResidentLookupCondition(q, b);
    std::string exact = b.Param(q.exact);
    std::string households = "SELECT h2.id AS hid, CASE WHEN lower(h2.number) = " + exact +
                             " THEN 0 ELSE 4 END AS rk FROM households h2 WHERE ";
    if (!path.empty()) households += "h2.region_path LIKE " + path + " AND ";
    households += "(lower(h2.number) LIKE " + b.Param(q.prefix) +
                  " ESCAPE '\\' OR lower(h2.address) LIKE " + b.Param(q.substring) +
                  " ESCAPE '\\')";
    std::string ranked =
        "SELECT h.id, x.rk, COUNT(*) OVER () FROM (SELECT u.hid, MIN(u.rk) AS rk "
        "FROM (" +
        residents + " UNION ALL " + households +
        ") u GROUP BY u.hid) x JOIN households h ON h.id = x.hid" + b.WhereClause() +
        " ORDER BY x.rk, h.number, h.id";
    const Params base_params = b.params();
    auto rows = conn_.Query(ranked + Paging(page, b), b.params());
    domain::Page<domain::Household> out;
    if (rows.empty()) {
      if (page.offset > 0) {
        QueryBuilder first;
        first.params() = base_params;
        auto one = conn_.Query(ranked + Paging({0, 1, ""}, first), first.params());
        if (!one.empty()) out.total = one.front().GetInt64(2);
      }
      return out;
    }
    out.total = rows.front().GetInt64(2);
    std::vector<Id> ids;
    for (const auto& row : rows) ids.push_back(row.GetInt64(0));
    out.items = PageItems(q, ids);
    return out;
  }
  // The households `ids`, in that order, each naming its best matching member when that is not
  // the head.
  std::vector<domain::Household> PageItems(const Lookup& q, const std::vector<Id>& ids) {
    QueryBuilder id_params;
    std::string in;
    for (Id id : ids) in += (in.empty() ? "" : ", ") + id_params.Param(id);
    std::map<Id, domain::Household> found;
    for (const auto& row : SelectRows(conn_, sql::household_select, " WHERE h.id IN (" + in + ")",
                                      id_params.params())) {
      domain::Household h = ReadHousehold(row);
      found.emplace(h.id, std::move(h));
    }
    // The best matching member of each household on the page: lowest rank, the head first.
    QueryBuilder m;
    std::string members_in;
    for (Id id : ids) members_in += (members_in.empty() ? "" : ", ") + m.Param(id);
    std::string members = "SELECT r.household_id, r.name, r.relation, " +
                          ResidentRankExpression(q, m) + " FROM residents r WHERE " +
                          "r.household_id IN (" + members_in + ") AND " +
                          ResidentLookupCondition(q, m) + " ORDER BY r.id";
    struct Best {
      std::int64_t rank = 0;
      bool head = false;
      std::string name;
      std::string relation;
    };
    std::map<Id, Best> best;
    for (const auto& row : conn_.Query(members, m.params())) {
      Best candidate{row.GetInt64(3), row.GetText(2) == "户主", row.GetText(1), row.GetText(2)};
      auto [it, inserted] = best.emplace(row.GetInt64(0), candidate);
      if (!inserted && (candidate.rank < it->second.rank || (candidate.rank == it->second.rank &&
                                                             candidate.head && !it->second.head))) {
        it->second = std::move(candidate);
      }
    }
    std::vector<domain::Household> out;
    for (Id id : ids) {
      auto it = found.find(id);
      if (it == found.end()) continue;
      domain::Household h = std::move(it->second);
      if (auto b_it = best.find(h.id); b_it != best.end() && !b_it->second.head) {
        h.matched_name = b_it->second.name;
        h.matched_relation = b_it->second.relation;
      }
      out.push_back(std::move(h));
    }
    return out;
  }
  void InsertHousehold(const domain::Household& h) override {
    RenameConflict([&] { RunSql(conn_, sql::household_insert, HouseholdParams(h)); },
                   "household.exists", "户编号已存在");
    lookup_refresh_.Touch(h.id);
  }
  void UpdateHousehold(const domain::Household& h) override {
    RenameConflict(
        [&] {
          RequireOneRow(
              RunSql(conn_, sql::household_update,
                     {h.id, h.region_id, h.region_path, h.number, h.address, OptionalValue(h.lat),
                      OptionalValue(h.lng), EncodeTags(h.tags), h.updated_at}),
              "household.not_found", "户不存在");
        },
        "household.exists", "户编号已存在");
    lookup_refresh_.Touch(h.id);
  }

  // Residents.
  std::optional<domain::Resident> FindResident(Id id) override {
    return First<domain::Resident>(
        SelectRows(conn_, sql::resident_select, " WHERE r.id = $1", {id}), ReadResident);
  }
  std::optional<domain::Resident> FindResidentByIdCard(std::string_view id_card) override {
    if (id_card.empty()) return std::nullopt;
    return First<domain::Resident>(
        // `id_card <> ''` lets both engines use the partial unique index (V034).
        SelectRows(conn_, sql::resident_select, " WHERE r.id_card = $1 AND r.id_card <> ''",
                   {std::string(id_card)}),
        ReadResident);
  }
  std::vector<domain::Resident> ListHouseholdResidents(Id household_id) override {
    return ReadAll<domain::Resident>(QueryRows(conn_, sql::household_residents, {household_id}),
                                     ReadResident);
  }
  std::vector<domain::Resident> ListResidentsByPhone(std::string_view phone) override {
    if (phone.empty()) return {};
    return ReadAll<domain::Resident>(
        QueryRows(conn_, sql::residents_by_phone, {std::string(phone)}), ReadResident);
  }
  domain::Page<domain::Resident> ListResidents(const app::ResidentFilter& filter,
                                               const domain::PageRequest& page) override {
    QueryBuilder b;
    if (!filter.region_path_prefix.empty()) {
      b.Where("r.region_path LIKE " + b.Param(PathPrefixPattern(filter.region_path_prefix)));
    }
    if (!filter.lookup.empty()) b.Where(ResidentLookupCondition(ClassifyLookup(filter.lookup), b));
    // Names sort by pinyin: the order residents expect, and the same on both engines whatever
    // the database collation.
    std::string_view order =
        OrderBy(page.sort, {{"name", "r.pinyin_key, r.name, r.id"},
                            {"-name", "r.pinyin_key DESC, r.name DESC, r.id DESC"},
                            {"birth_date", "r.birth_date, r.id"},
                            {"-birth_date", "r.birth_date DESC, r.id DESC"}});
    return ListPage<domain::Resident>(conn_, sql::resident_select, sql::resident_count, b, order,
                                      page, ReadResident);
  }
  void InsertResident(const domain::Resident& r) override {
    RenameConflict([&] { RunSql(conn_, sql::resident_insert, ResidentParams(r)); },
                   "resident.exists", "该身份证号的居民已存在");
    if (r.household_id) lookup_refresh_.Touch(*r.household_id);
  }
  void UpdateResident(const domain::Resident& r) override {
    // The household the resident leaves loses its member's values.
    for (const auto& row : QueryRows(conn_, sql::resident_household, {r.id})) {
      if (auto from = row.GetOptionalInt64(0)) lookup_refresh_.Touch(*from);
    }
    if (r.household_id) lookup_refresh_.Touch(*r.household_id);
    RenameConflict(
        [&] {
          RequireOneRow(RunSql(conn_, sql::resident_update,
                               {r.id, OptionalValue(r.household_id), r.region_path, r.name,
                                static_cast<std::int64_t>(r.sex), r.birth_date, r.id_card, r.phone,
                                r.relation, r.pinyin, PinyinKey(r.pinyin), AsciiLower(r.initials),
                                r.updated_at, std::int64_t{r.village_committee ? 1 : 0},
                                std::int64_t{r.villager_rep ? 1 : 0}}),
                        "resident.not_found", "居民不存在");
        },
        "resident.exists", "该身份证号的居民已存在");
  }
  void InsertMove(const domain::ResidentMove& m) override {
    RunSql(conn_, sql::move_insert,
           {m.id, m.resident_id, OptionalValue(m.from_household_id),
            OptionalValue(m.to_household_id), m.reason, m.at, OptionalValue(m.by_user_id)});
  }
  std::vector<domain::ResidentMove> ListHouseholdMoves(Id household_id) override {
    return ReadAll<domain::ResidentMove>(QueryRows(conn_, sql::household_moves, {household_id}),
                                         ReadMove);
  }

  // Party organisations and members.
  std::optional<domain::PartyOrg> FindPartyOrg(Id id) override {
    return First<domain::PartyOrg>(
        SelectRows(conn_, sql::party_org_select, " WHERE o.id = $1", {id}), ReadPartyOrg);
  }
  std::vector<domain::PartyOrg> ListPartyOrgs(std::optional<Id> parent_id,
                                              std::string_view region_path_prefix) override {
    QueryBuilder b;
    if (parent_id) {
      b.Where("o.parent_id = " + b.Param(*parent_id));
    } else {
      b.Where("o.parent_id IS NULL");
    }
    if (!region_path_prefix.empty()) {
      b.Where("o.region_path LIKE " + b.Param(PathPrefixPattern(region_path_prefix)));
    }
    return ReadAll<domain::PartyOrg>(
        SelectRows(conn_, sql::party_org_select, b.WhereClause() + " ORDER BY o.name, o.id",
                   b.params()),
        ReadPartyOrg);
  }
  std::vector<domain::PartyOrg> ListPartyOrgsUnder(std::string_view region_path_prefix) override {
    QueryBuilder b;
    b.Where("o.region_path LIKE " + b.Param(PathPrefixPattern(region_path_prefix)));
    return ReadAll<domain::PartyOrg>(
        SelectRows(conn_, sql::party_org_select, b.WhereClause() + " ORDER BY o.name, o.id",
                   b.params()),
        ReadPartyOrg);
  }
  void InsertPartyOrg(const domain::PartyOrg& o) override {
    RunSql(conn_, sql::party_org_insert, PartyOrgParams(o));
  }
  void UpdatePartyOrg(const domain::PartyOrg& o) override {
    RequireOneRow(RunSql(conn_, sql::party_org_update, PartyOrgParams(o)), "party_org.not_found",
                  "党组织不存在");
  }
  std::optional<domain::PartyMember> FindPartyMember(Id id) override {
    return First<domain::PartyMember>(
        SelectRows(conn_, sql::party_member_select, " WHERE m.id = $1", {id}), ReadPartyMember);
  }
  std::optional<domain::PartyMember> FindPartyMemberByResident(Id resident_id) override {
    return First<domain::PartyMember>(
        SelectRows(conn_, sql::party_member_select, " WHERE m.resident_id = $1", {resident_id}),
        ReadPartyMember);
  }
  domain::Page<domain::PartyMember> ListPartyMembers(const app::PartyMemberFilter& filter,
                                                     const domain::PageRequest& page) override {
    QueryBuilder b;
    if (!filter.region_path_prefix.empty()) {
      b.Where("m.region_path LIKE " + b.Param(PathPrefixPattern(filter.region_path_prefix)));
    }
    if (filter.org_id) {
      std::string p = b.Param(*filter.org_id);
      b.Where("(m.org_id = " + p + " OR m.org_id IN (SELECT c.id FROM party_orgs c WHERE " +
              "c.parent_id = " + p + "))");
    }
    if (filter.away) b.Where("m.away = " + b.Param(std::int64_t{*filter.away ? 1 : 0}));
    if (!filter.lookup.empty()) {
      Lookup q = ClassifyLookup(filter.lookup);
      // Members are looked up by name, pinyin and phone, not by ID card.
      q.is_number = false;
      std::string condition = ResidentLookupCondition(q, b);
      if (ClassifyLookup(filter.lookup).is_number) {
        condition = "(" + condition + " OR r.phone LIKE " + b.Param(q.substring) + " ESCAPE '\\')";
      }
      b.Where(condition);
    }
    std::string_view order =
        OrderBy(page.sort, {{"name", "r.pinyin_key, r.name, m.id"},
                            {"-name", "r.pinyin_key DESC, r.name DESC, m.id DESC"},
                            {"joined_on", "m.joined_on, m.id"},
                            {"-joined_on", "m.joined_on DESC, m.id DESC"}});
    return ListPage<domain::PartyMember>(conn_, sql::party_member_select, sql::party_member_count,
                                         b, order, page, ReadPartyMember);
  }
  void InsertPartyMember(const domain::PartyMember& m) override {
    RenameConflict([&] { RunSql(conn_, sql::party_member_insert, PartyMemberParams(m)); },
                   "party_member.exists", "该居民已是党员");
  }
  void UpdatePartyMember(const domain::PartyMember& m) override {
    RenameConflict(
        [&] {
          RequireOneRow(RunSql(conn_, sql::party_member_update, PartyMemberParams(m)),
                        "party_member.not_found", "党员不存在");
        },
        "party_member.exists", "该居民已是党员");
  }

  // Units and staff.
  std::optional<domain::Unit> FindUnit(Id id) override {
    return First<domain::Unit>(SelectRows(conn_, sql::unit_select, " WHERE u.id = $1", {id}),
                               ReadUnit);
  }
  std::vector<domain::Unit> ListUnits() override {
    return ReadAll<domain::Unit>(SelectRows(conn_, sql::unit_select, " ORDER BY u.name, u.id", {}),
                                 ReadUnit);
  }
  void InsertUnit(const domain::Unit& u) override {
    RunSql(conn_, sql::unit_insert,
           {u.id, u.name, static_cast<std::int64_t>(u.kind), OptionalValue(u.region_id), u.phone,
            u.office_hours.empty() ? domain::FormatOfficeHours(domain::OfficeHours::Standard())
                                   : u.office_hours});
  }
  void UpdateUnit(const domain::Unit& u) override {
    RequireOneRow(RunSql(conn_, sql::unit_update,
                         {u.id, u.name, static_cast<std::int64_t>(u.kind),
                          OptionalValue(u.region_id), u.phone, u.office_hours}),
                  "unit.not_found", "单位不存在");
  }
  std::vector<domain::Staff> ListStaff(Id unit_id) override {
    return ReadAll<domain::Staff>(
        SelectRows(conn_, sql::staff_select, " WHERE s.unit_id = $1 ORDER BY s.name, s.id",
                   {unit_id}),
        ReadStaff);
  }
  std::optional<domain::Staff> FindStaff(Id id) override {
    return First<domain::Staff>(SelectRows(conn_, sql::staff_select, " WHERE s.id = $1", {id}),
                                ReadStaff);
  }
  void InsertStaff(const domain::Staff& s) override {
    RunSql(conn_, sql::staff_insert,
           {s.id, s.unit_id, s.name, s.title, s.phone, OptionalValue(s.user_id)});
  }
  void UpdateStaff(const domain::Staff& s) override {
    RequireOneRow(RunSql(conn_, sql::staff_update,
                         {s.id, s.unit_id, s.name, s.title, s.phone, OptionalValue(s.user_id)}),
                  "staff.not_found", "工作人员不存在");
  }

  // Bulk loading.
  std::vector<app::HouseholdKey> ListHouseholdKeys(Id after_id, std::int64_t limit) override {
    std::vector<app::HouseholdKey> out;
    for (const auto& row : QueryRows(conn_, sql::household_keys, {after_id, limit})) {
      out.push_back({row.GetInt64(0), row.GetInt64(1), row.GetText(2)});
    }
    return out;
  }
  std::vector<app::ResidentIdCard> ListResidentIdCards(Id after_id, std::int64_t limit) override {
    std::vector<app::ResidentIdCard> out;
    for (const auto& row : QueryRows(conn_, sql::resident_id_cards, {after_id, limit})) {
      out.push_back({row.GetInt64(0), row.GetOptionalInt64(1), row.GetText(2)});
    }
    return out;
  }

  void BulkInsertRegions(const std::vector<domain::Region>& rows) override {
    conn_.CopyRows("regions", {"id", "parent_id", "level", "code", "name", "path", "lat", "lng"},
                   ToRows(rows, RegionParams));
  }
  void BulkInsertHouseholds(const std::vector<domain::Household>& rows) override {
    conn_.CopyRows("households",
                   {"id", "region_id", "region_path", "number", "address", "lat", "lng", "tags",
                    "created_at", "updated_at"},
                   ToRows(rows, HouseholdParams));
    if (lookup_from_inserts_) {
      for (const auto& h : rows) {
        if (lower_beyond_ascii_ && !(LowerIsAsciiLower(h.number) && LowerIsAsciiLower(h.address))) {
          stale_lookup_.push_back(h.id);
          continue;
        }
        pending_lookup_index_.emplace(h.id, pending_lookup_.size());
        pending_lookup_.emplace_back(h.id, h.region_path, h.number, AsciiLower(h.number),
                                     AsciiLower(h.address));
      }
      return;
    }
    if (bulk_loading_) return;  // EndBulkLoad writes the whole look-up table.
    for (const auto& h : rows) lookup_refresh_.Touch(h.id);
  }
  void BulkInsertResidents(const std::vector<domain::Resident>& rows) override {
    conn_.CopyRows("residents",
                   {"id", "household_id", "region_path", "name", "sex", "birth_date", "id_card",
                    "phone", "relation", "pinyin", "pinyin_key", "initials", "created_at",
                    "updated_at", "village_committee", "villager_rep"},
                   ToRows(rows, ResidentParams));
    if (lookup_from_inserts_) {
      for (const auto& r : rows) {
        if (!r.household_id) continue;
        auto it = pending_lookup_index_.find(*r.household_id);
        if (it == pending_lookup_index_.end()) {
          // Its household's row is already written (or the household was there before).
          stale_lookup_.push_back(*r.household_id);
          continue;
        }
        const std::string pinyin_key = PinyinKey(r.pinyin);
        const std::string initials = AsciiLower(r.initials);
        pending_lookup_[it->second].AddMember(r.relation == "户主",
                                              {r.name, pinyin_key, initials, r.phone, r.id_card});
      }
      WritePendingLookupRows();
      return;
    }
    if (bulk_loading_) return;
    for (const auto& r : rows) {
      if (r.household_id) lookup_refresh_.Touch(*r.household_id);
    }
  }
  void BulkInsertPartyOrgs(const std::vector<domain::PartyOrg>& rows) override {
    conn_.CopyRows(
        "party_orgs",
        {"id", "parent_id", "kind", "name", "region_id", "region_path", "leader_member_id"},
        ToRows(rows, PartyOrgParams));
  }
  void BulkInsertPartyMembers(const std::vector<domain::PartyMember>& rows) override {
    conn_.CopyRows("party_members",
                   {"id", "resident_id", "org_id", "region_path", "status", "away",
                    "can_take_households", "capacity", "joined_on", "away_to"},
                   ToRows(rows, PartyMemberParams));
  }

 private:
  // An index or foreign key BeginBulkLoad dropped: its table and the statement that builds it
  // again.
  struct SuspendedIndex {
    std::string table;
    std::string create;
  };
  // The look-up rows of households added since the last call, with the members added so far: a
  // bulk load's caller passes each household's residents in the call after its own.
  void WritePendingLookupRows() {
    std::vector<Params> rows;
    rows.reserve(pending_lookup_.size());
    for (HouseholdLookupRow& row : pending_lookup_) rows.push_back(std::move(row).Finish());
    WriteHouseholdLookupRows(conn_, rows);
    pending_lookup_.clear();
    pending_lookup_index_.clear();
  }
  static bool IsPlainIdentifier(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
  }

  Connection& conn_;
  HouseholdLookupRefresh lookup_refresh_;
  std::vector<SuspendedIndex> suspended_indexes_;
  std::vector<SuspendedIndex> suspended_keys_;  // Foreign keys (PostgreSQL), as ALTER TABLE.
  bool bulk_loading_ = false;
  // A bulk load writes look-up rows from the inserted values (BeginBulkLoad)...
  bool lookup_from_inserts_ = false;
  // ... except for households whose text the engine's lower() may fold beyond ASCII.
  bool lower_beyond_ascii_ = false;
  std::vector<HouseholdLookupRow> pending_lookup_;
  std::unordered_map<Id, std::size_t> pending_lookup_index_;  // Household id -> pending_lookup_.
  std::vector<Id> stale_lookup_;  // Households whose residents came after their row was written.
};

}  // namespace

std::unique_ptr<SqlRegistryRepository> MakeSqlRegistryRepository(Connection& conn) {
  return std::make_unique<RegistryRepository>(conn);
}

}  // namespace minqing::storage
