// Small pieces shared by the SQL repositories (sql_store.cpp and sql_*_repository.cpp): running
// a named query file, building list queries from fixed fragments with numbered parameters,
// whitelisted sorts, paging, LIKE escaping, region-path prefixes, the text encodings of tag and
// id lists, reading rows into values, and naming a uniqueness rule in a Conflict.
// Thread-safety: pure functions; a QueryBuilder belongs to one query.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "domain/model.hpp"
#include "storage/connection.hpp"
#include "storage/sql_query_names.hpp"
#include "storage/value.hpp"

namespace minqing::storage {

inline constexpr std::int64_t kMaxPageSize = 10000;

// Applies `fn`, replacing the generic duplicate error with one that names the rule broken.
template <typename Fn>
void RenameConflict(Fn&& fn, const char* code, const char* message) {
  try {
    fn();
  } catch (const domain::Conflict&) {
    throw domain::Conflict(code, message);
  }
}

// Throws NotFound when an UPDATE or DELETE changed no row.
void RequireOneRow(std::int64_t changed, const char* code, const char* message);

std::string AsciiLower(std::string_view s);
// Escapes LIKE wildcards for use with ESCAPE '\'.
std::string EscapeLike(std::string_view s);
// Region paths are "/1/23/": only digits and slashes, so a prefix needs no escaping and stays
// usable by an index range scan (SQLite skips the LIKE optimisation when ESCAPE is given). An
// empty prefix matches every path. Anything else throws InvalidInput "region.bad_path".
std::string PathPrefixPattern(std::string_view prefix);

// Tags as ",低保,残疾," (so a tag filter is LIKE '%,低保,%'); ids as "1,2,3".
std::string EncodeTags(const std::vector<std::string>& tags);
std::vector<std::string> DecodeTags(const std::string& text);
std::string EncodeIds(const std::vector<domain::Id>& ids);
std::vector<domain::Id> DecodeIds(const std::string& text);

Value OptionalInt(const std::optional<int>& v);

// Bytes kept in TEXT columns (the query layer's values have no blob type) travel as base64
// (RFC 4648, with padding). Decoding throws StorageError(error_code, error_message) on a
// character outside the alphabet.
std::string Base64Encode(std::string_view bytes);
std::string Base64Decode(std::string_view text, const char* error_code, const char* error_message);

// Numbered parameters and WHERE fragments for a list query. Fragments are fixed text from the
// repositories; user values only ever go in as parameters.
class QueryBuilder {
 public:
  std::string Param(Value v);
  void Where(std::string fragment) { where_.push_back(std::move(fragment)); }
  // " WHERE a AND b", or "" without fragments.
  std::string WhereClause() const { return Clause(false); }
  // Continues a WHERE already present in the select file (" AND a AND b") when `continues`.
  std::string Clause(bool continues) const;
  Params& params() { return params_; }
  const Params& params() const { return params_; }

 private:
  Params params_;
  std::vector<std::string> where_;
};

struct SortOption {
  std::string_view name;
  std::string_view order_by;
};

// The ORDER BY text of a whitelisted sort; the first option is the default. Throws
// InvalidInput "page.bad_sort" for any other name.
std::string_view OrderBy(std::string_view sort, std::initializer_list<SortOption> options);

// " LIMIT $n OFFSET $m" with the page clamped to [0, kMaxPageSize].
std::string Paging(const domain::PageRequest& page, QueryBuilder& b);

// A household row in the column order of household_select.sql (which
// network_household_select.sql repeats).
domain::Household ReadHousehold(const Row& row);

// An audit entry from columns 0-9 (id, at, user_id, username, action, entity, entity_id, before,
// after, channel), the order of audit_list.sql; the chain's reads take the rest themselves.
domain::AuditEntry ReadAudit(const Row& row);

template <typename T, typename Reader>
std::vector<T> ReadAll(const std::vector<Row>& rows, Reader read) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(read(row));
  return out;
}

template <typename T, typename Reader>
std::optional<T> First(const std::vector<Row>& rows, Reader read) {
  if (rows.empty()) return std::nullopt;
  return read(rows.front());
}

// Runs queries/<query>.sql (the dialect's text) on `conn`; the number of rows it changed.
std::int64_t RunSql(Connection& conn, sql::Query query, const Params& params);
// All rows of queries/<query>.sql.
std::vector<Row> QueryRows(Connection& conn, sql::Query query, const Params& params = {});
// A select file followed by fixed clauses from the repository (WHERE, ORDER BY, LIMIT).
std::vector<Row> SelectRows(Connection& conn, sql::Query select, const std::string& tail,
                            const Params& params);

// One page of a list: `count` and `select` (files whose SQL ends before its WHERE) followed by
// the builder's WHERE clause; the items in `order`, then paged.
template <typename T, typename Reader>
domain::Page<T> ListPage(Connection& conn, sql::Query select, sql::Query count, QueryBuilder& b,
                         std::string_view order, const domain::PageRequest& page, Reader read) {
  domain::Page<T> out;
  out.total = SelectRows(conn, count, b.WhereClause(), b.params()).at(0).GetInt64(0);
  std::string tail = b.WhereClause() + " ORDER BY " + std::string(order);
  tail += Paging(page, b);
  out.items = ReadAll<T>(SelectRows(conn, select, tail, b.params()), read);
  return out;
}

}  // namespace minqing::storage
