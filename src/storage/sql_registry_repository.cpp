#include "storage/sql_registry_repository.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "storage/lookup_query.hpp"
#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

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
          r.updated_at};
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
          m.joined_on};
}

domain::Unit ReadUnit(const Row& row) {
  domain::Unit u;
  u.id = row.GetInt64(0);
  u.name = row.GetText(1);
  u.kind = static_cast<domain::UnitKind>(row.GetInt64(2));
  u.region_id = row.GetOptionalInt64(3);
  u.phone = row.GetText(4);
  u.staff_count = row.GetInt64(5);
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

class SqlRegistryRepository final : public app::RegistryRepository {
 public:
  explicit SqlRegistryRepository(Connection& conn) : conn_(conn) {}

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
  // A look-up in rank order (LookupRank, then household number): the households that match are
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
    QueryBuilder ids;
    std::string in;
    for (const auto& row : rows) in += (in.empty() ? "" : ", ") + ids.Param(row.GetInt64(0));
    std::map<Id, domain::Household> found;
    for (const auto& row :
         SelectRows(conn_, sql::household_select, " WHERE h.id IN (" + in + ")", ids.params())) {
      domain::Household h = ReadHousehold(row);
      found.emplace(h.id, std::move(h));
    }
    // The best matching member of each household on the page: lowest rank, the head first.
    QueryBuilder m;
    std::string members_in;
    for (const auto& row : rows) {
      members_in += (members_in.empty() ? "" : ", ") + m.Param(row.GetInt64(0));
    }
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
    for (const auto& row : rows) {
      auto it = found.find(row.GetInt64(0));
      if (it == found.end()) continue;
      domain::Household h = std::move(it->second);
      if (auto b_it = best.find(h.id); b_it != best.end() && !b_it->second.head) {
        h.matched_name = b_it->second.name;
        h.matched_relation = b_it->second.relation;
      }
      out.items.push_back(std::move(h));
    }
    return out;
  }
  void InsertHousehold(const domain::Household& h) override {
    RenameConflict([&] { RunSql(conn_, sql::household_insert, HouseholdParams(h)); },
                   "household.exists", "户编号已存在");
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
  }

  // Residents.
  std::optional<domain::Resident> FindResident(Id id) override {
    return First<domain::Resident>(
        SelectRows(conn_, sql::resident_select, " WHERE r.id = $1", {id}), ReadResident);
  }
  std::optional<domain::Resident> FindResidentByIdCard(std::string_view id_card) override {
    if (id_card.empty()) return std::nullopt;
    return First<domain::Resident>(
        SelectRows(conn_, sql::resident_select, " WHERE r.id_card = $1", {std::string(id_card)}),
        ReadResident);
  }
  std::vector<domain::Resident> ListHouseholdResidents(Id household_id) override {
    return ReadAll<domain::Resident>(QueryRows(conn_, sql::household_residents, {household_id}),
                                     ReadResident);
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
  }
  void UpdateResident(const domain::Resident& r) override {
    RenameConflict(
        [&] {
          RequireOneRow(RunSql(conn_, sql::resident_update,
                               {r.id, OptionalValue(r.household_id), r.region_path, r.name,
                                static_cast<std::int64_t>(r.sex), r.birth_date, r.id_card, r.phone,
                                r.relation, r.pinyin, PinyinKey(r.pinyin), AsciiLower(r.initials),
                                r.updated_at}),
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
           {u.id, u.name, static_cast<std::int64_t>(u.kind), OptionalValue(u.region_id), u.phone});
  }
  void UpdateUnit(const domain::Unit& u) override {
    RequireOneRow(RunSql(conn_, sql::unit_update,
                         {u.id, u.name, static_cast<std::int64_t>(u.kind),
                          OptionalValue(u.region_id), u.phone}),
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
  void BulkInsertRegions(const std::vector<domain::Region>& rows) override {
    conn_.CopyRows("regions", {"id", "parent_id", "level", "code", "name", "path", "lat", "lng"},
                   ToRows(rows, RegionParams));
  }
  void BulkInsertHouseholds(const std::vector<domain::Household>& rows) override {
    conn_.CopyRows("households",
                   {"id", "region_id", "region_path", "number", "address", "lat", "lng", "tags",
                    "created_at", "updated_at"},
                   ToRows(rows, HouseholdParams));
  }
  void BulkInsertResidents(const std::vector<domain::Resident>& rows) override {
    conn_.CopyRows(
        "residents",
        {"id", "household_id", "region_path", "name", "sex", "birth_date", "id_card", "phone",
         "relation", "pinyin", "pinyin_key", "initials", "created_at", "updated_at"},
        ToRows(rows, ResidentParams));
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
                    "can_take_households", "capacity", "joined_on"},
                   ToRows(rows, PartyMemberParams));
  }

 private:
  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::RegistryRepository> MakeSqlRegistryRepository(Connection& conn) {
  return std::make_unique<SqlRegistryRepository>(conn);
}

}  // namespace minqing::storage
