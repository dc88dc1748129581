// A Connection over one sqlite3 handle. Every connection turns on foreign keys, WAL (checkpointed
// every 10000 pages), a 10 s busy timeout and synchronous=FULL, and makes LIKE case-sensitive so
// that LIKE 'prefix%' can use an index (and behaves as in PostgreSQL). Prepared statements are
// cached per connection, keyed by SQL text, together with the bind index of each "$n" parameter.
// The first connection of the process turns off SQLite's global memory statistics (a process-wide
// mutex on every allocation). Write transactions use BEGIN IMMEDIATE so writers queue on the busy
// timeout instead of failing with SQLITE_BUSY at their first write. A kSoleWrite transaction first
// tries, without waiting, to switch the file to a rollback journal (possible only while no other
// connection has it open) and switches back to WAL when it ends. Every connection registers the
// store's own SQL functions, minqing_find and minqing_lookup_page (connection.hpp). Thread-safety:
// one thread at a time, like every Connection.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/connection.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace minqing::storage {

class SqliteConnection final : public Connection {
 public:
  // Opens (creating if needed) the database file at `path`.
  explicit SqliteConnection(const std::string& path);
  ~SqliteConnection() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::int64_t Execute(std::string_view sql, const Params& params) override;
  std::vector<Row> Query(std::string_view sql, const Params& params) override;
  void ExecuteScript(std::string_view sql) override;
  void Begin(TxMode mode) override;
  void Commit() override;
  void Rollback() override;
  void CopyRows(std::string_view table, const std::vector<std::string>& columns,
                const std::vector<Params>& rows) override;
  void BackupTo(const std::string& destination_path) override;

 private:
  struct DbCloser {
    void operator()(sqlite3* db) const;
  };
  struct StmtFinalizer {
    void operator()(sqlite3_stmt* stmt) const;
  };
  using DbPtr = std::unique_ptr<sqlite3, DbCloser>;
  using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;
  struct Statement {
    StmtPtr stmt;
    std::vector<int> param_index;  // [n - 1]: the bind index of "$n"; 0 when the SQL lacks it.
  };
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };

  Statement& Prepare(std::string_view sql);
  void Bind(const Statement& statement, const Params& params);
  void Run(std::string_view sql);  // A cached statement without parameters or rows.
  // Sets the journal mode ("DELETE", "WAL") when it can, waiting at most `busy_timeout_ms` for
  // other connections; returns the mode in effect, or "" when it could not switch (unchanged).
  std::string SwitchJournalMode(std::string_view mode, int busy_timeout_ms);
  void EndSoleWrite();
  [[noreturn]] void Fail(const std::string& context);

  DbPtr db_;
  bool rollback_journal_ = false;  // A kSoleWrite transaction switched the file off WAL.
  std::unordered_map<std::string, Statement, TextHash, std::equal_to<>> statements_;
};

}  // namespace minqing::storage
