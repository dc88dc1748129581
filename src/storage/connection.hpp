// One open database connection of either engine, behind a small interface so the store's SQL
// runs unchanged on both. Statements use $1..$n placeholders. Driver errors are translated:
// unique/primary-key violations throw domain::Conflict, foreign-key and check violations throw
// domain::InvalidInput, everything else throws domain::StorageError.
// Thread-safety: a Connection is used by one thread at a time (Database hands out leases).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/value.hpp"

namespace minqing::storage {

enum class Dialect { kSqlite, kPostgres };

// kRead: a consistent read-only snapshot. kWrite: writers are serialised by the engine.
enum class TxMode { kRead, kWrite };

class Connection {
 public:
  virtual ~Connection() = default;

  virtual Dialect dialect() const = 0;

  // Runs one statement and returns the number of rows it changed. A failed statement is undone
  // on its own and the enclosing transaction stays usable, on both engines.
  virtual std::int64_t Execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs one statement and returns all its rows.
  virtual std::vector<Row> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements separated by semicolons, without parameters (migrations).
  virtual void ExecuteScript(std::string_view sql) = 0;

  virtual void Begin(TxMode mode) = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;

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
