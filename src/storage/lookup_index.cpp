#include "storage/lookup_index.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "storage/sql_files.hpp"
#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

// Ids per statement: an IN list of this many parameters.
constexpr std::size_t kRefreshBatch = 500;
// names, pinyins, initials, phones, id_cards: the member columns, in the order
// household_lookup_members.sql reads their values from its third column on.
constexpr std::size_t kMemberColumns = 5;

}  // namespace

const DerivedIndex& HouseholdLookupIndex() {
  static const DerivedIndex index{
      "household_lookup", kLookupIndexVersion,
      [](Connection& conn) { RunSql(conn, sql::household_lookup_clear, {}); },
      [](Connection& conn, std::int64_t after, std::int64_t batch) {
        std::vector<std::int64_t> ids;
        for (const Row& row : QueryRows(conn, sql::household_keys, {after, batch})) {
          ids.push_back(row.GetInt64(0));
        }
        RefreshHouseholdLookup(conn, ids);
        return ids;
      }};
  return index;
}

void HouseholdLookupRefresh::Flush(Connection& conn) {
  if (pending_.empty()) return;
  RefreshHouseholdLookup(conn, std::move(pending_));
  pending_.clear();
}

void RefreshHouseholdLookup(Connection& conn, std::vector<domain::Id> household_ids) {
  std::sort(household_ids.begin(), household_ids.end());
  household_ids.erase(std::unique(household_ids.begin(), household_ids.end()), household_ids.end());
  const std::string_view remove = QuerySql(sql::household_lookup_delete, conn.dialect());
  const std::string_view households = QuerySql(sql::household_lookup_households, conn.dialect());
  const std::string_view members = QuerySql(sql::household_lookup_members, conn.dialect());
  for (std::size_t from = 0; from < household_ids.size(); from += kRefreshBatch) {
    const std::size_t to = std::min(household_ids.size(), from + kRefreshBatch);
    QueryBuilder b;
    std::string in = " (";
    for (std::size_t i = from; i < to; ++i)
      in += (i > from ? ", " : "") + b.Param(household_ids[i]);
    in += ")";
    conn.Execute(std::string(remove) + in, b.params());
    // Member columns of each household, in resident id order.
    std::map<domain::Id, std::array<std::string, kMemberColumns>> values;
    for (const Row& row :
         conn.Query(std::string(members) + in + " ORDER BY r.household_id, r.id", b.params())) {
      auto& columns = values[row.GetInt64(0)];
      const char mark = row.GetText(1) == "户主" ? '\x01' : '\x02';
      for (std::size_t c = 0; c < kMemberColumns; ++c) {
        std::string& column = columns[c];
        column += '\n';
        column += mark;
        for (char ch : row.GetText(2 + c)) column += ch == '\n' ? '\x03' : ch;
      }
    }
    std::vector<Params> rows;
    for (const Row& row : conn.Query(std::string(households) + in, b.params())) {
      Params p = {row.GetInt64(0), row.GetText(1), row.GetText(2), row.GetText(3), row.GetText(4)};
      auto it = values.find(row.GetInt64(0));
      for (std::size_t c = 0; c < kMemberColumns; ++c) {
        p.emplace_back(it == values.end() ? std::string() : it->second[c] + '\n');
      }
      rows.push_back(std::move(p));
    }
    conn.CopyRows("household_lookup",
                  {"household_id", "region_path", "number", "number_key", "address_key", "names",
                   "pinyins", "initials", "phones", "id_cards"},
                  rows);
  }
}

}  // namespace minqing::storage
