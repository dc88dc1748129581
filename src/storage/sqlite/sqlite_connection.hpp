// A Connection over one sqlite3 handle. Every connection turns on foreign keys, WAL, a 10 s busy
// timeout and synchronous=FULL, and makes LIKE case-sensitive so that LIKE 'prefix%' can use an
// index (and behaves as in PostgreSQL). Prepared statements are cached per connection, keyed
// by SQL text. Write transactions use BEGIN IMMEDIATE so writers queue on the busy timeout
// instead of failing with SQLITE_BUSY at their first write.
// Thread-safety: one thread at a time, like every Connection.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

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

  sqlite3_stmt* Prepare(std::string_view sql);
  void Bind(sqlite3_stmt* stmt, const Params& params, std::size_t first_param = 1);
  [[noreturn]] void Fail(const std::string& context);

  DbPtr db_;
  std::unordered_map<std::string, StmtPtr> statements_;
};

}  // namespace minqing::storage
