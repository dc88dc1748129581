// One open database connection of either engine, behind a small interface so the store's SQL
// runs unchanged on both. Statements use $1..$n placeholders. Driver errors are translated:
// unique/primary-key violations throw domain::Conflict, foreign-key and check violations throw
// domain::InvalidInput, everything else throws domain::StorageError.
// Thread-safety: a Connection is used by one thread at a time (Database hands out leases).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "storage/value.hpp"

namespace minqing::storage {

enum class Dialect { kSqlite, kPostgres };

// The name of the engine's function that gives the 1-based position of a substring in a text, or
// 0 when it does not occur: comparisons with 0 and 1 read the same on both engines. On SQLite it
// is minqing_find, which every SqliteConnection registers: SQLite's instr() compares at every
// character (about 5 ns a character here) where minqing_find uses memmem(); it counts bytes, not
// characters, so only `= 0`, `> 0` and `= 1` are meaningful.
constexpr const char* SubstringPositionFunction(Dialect dialect) {
  return dialect == Dialect::kSqlite ? "minqing_find" : "strpos";
}

// SQLite only: an aggregate that ranks household_lookup rows for the one-box look-up and
// returns the number of matches and the first page's households (LookupPage in
// sqlite_connection.cpp; arguments: the query, how many to keep, then household_id, number,
// number_key, address_key, names, pinyins, initials, phones and id_cards).
inline constexpr const char* kLookupPageFunction = "minqing_lookup_page";

// kRead: a consistent read-only snapshot. kWrite: writers are serialised by the engine.
// kSoleWrite: kWrite for a process that expects to be the database's only user (a command-line
// import); on SQLite, when no other connection has the file open, the transaction writes through
// a rollback journal instead of the WAL (SqliteConnection::Begin).
enum class TxMode { kRead, kWrite, kSoleWrite };

class Connection {
 public:
  virtual ~Connection() = default;

  virtual Dialect dialect() const = 0;

  // Runs one statement and returns the number of rows it changed. A failed statement is undone
  // on its own and the enclosing transaction stays usable, on both engines.
  virtual std::int64_t Execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs a write whose outcome the caller does not read, possibly later: the statement may wait
  // in the connection and travel with the next statement, commit or rollback (PostgreSQL sends
  // them together in one pipeline, one round trip). So a failure may be reported by that later
  // call instead, and then, unlike Execute(), it leaves the transaction unusable: the caller
  // must roll back (which discards statements still waiting). Use it only for statements whose
  // failure means the transaction's failure (no caller catches it to carry on). Outside a
  // transaction, and on engines without pipelining, it is Execute().
  virtual void ExecuteLater(std::string_view sql, const Params& params = {}) {
    static_cast<void>(Execute(sql, params));
  }
  // Runs one statement and returns all its rows.
  virtual std::vector<Row> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements separated by semicolons, without parameters (migrations).
  virtual void ExecuteScript(std::string_view sql) = 0;

  virtual void Begin(TxMode mode) = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;
  // Commits and tells the database's sessions listening on `channel` (PostgreSQL's NOTIFY, sent
  // with the commit in the same round trip; nothing is sent when the commit fails). `channel` is
  // an identifier and `payload` letters, digits and commas, both from code. Engines without
  // notifications just commit.
  virtual void CommitAndNotify(std::string_view channel, std::string_view payload) {
    static_cast<void>(channel);
    static_cast<void>(payload);
    Commit();
  }
  // CommitAndNotify, then `read` (a statement of one row and one column, from code) after the
  // commit, in the same round trip on PostgreSQL: its value as text, or nullopt when it failed or
  // answered NULL; the commit stands either way. Engines without pipelining run it afterwards.
  virtual std::optional<std::string> CommitAndRead(std::string_view channel,
                                                   std::string_view payload,
                                                   std::string_view read) {
    CommitAndNotify(channel, payload);
    try {
      const std::vector<Row> rows = Query(read);
      if (rows.size() != 1 || rows.front().IsNull(0)) return std::nullopt;
      return rows.front().GetText(0);
    } catch (const domain::Error&) {
      return std::nullopt;
    }
  }

  // Bulk insert through the engine's fastest path (batched multi-row INSERT in SQLite, COPY in
  // PostgreSQL). `table` and `columns` come from code, never from users. Each row has one value
  // per column. Unlike Execute(), a failure here leaves a PostgreSQL transaction aborted: the
  // caller must roll back.
  virtual void CopyRows(std::string_view table, const std::vector<std::string>& columns,
                        const std::vector<Params>& rows) = 0;

  // Writes a consistent copy of the whole database to `destination_path`.
  virtual void BackupTo(const std::string& destination_path) = 0;
};

}  // namespace minqing::storage
