// Which cached data areas (app::DataArea) a write transaction may have changed, read from the
// text of its statements, so that SqlStore can advance only those areas' generations. The SQL
// is the store's own (sql/queries and the repositories), so a statement's first words name its
// table: "INSERT [OR ...] INTO t", "REPLACE INTO t", "UPDATE [OR ...] t", "DELETE FROM t".
// Anything the reader cannot place (WITH, PRAGMA, a script, an unknown table) counts for every
// area, so an unexpected statement costs cache hits, never a stale answer; the table list must
// name the area of every table a cache reads (a test pins it). This relies on the schema having no
// cascading foreign keys and no triggers that write (the audit log's triggers only refuse).
// Thread-safety: the functions are pure; an AreaTrackingConnection belongs to its transaction.
#pragma once

#include <string_view>

#include "storage/connection.hpp"

namespace minqing::storage {

// The app::DataArea bits `table` belongs to; 0 for tables no cache reads (matters, visits, the
// audit log ...); every bit for a table this list does not know.
unsigned AreasOfTable(std::string_view table);

// The app::DataArea bits a statement may change: 0 for SELECT and transaction control.
unsigned AreasWrittenBy(std::string_view sql);

// Forwards every call to `inner` and remembers the areas its statements may change.
class AreaTrackingConnection final : public Connection {
 public:
  explicit AreaTrackingConnection(Connection& inner) : inner_(inner) {}

  unsigned written_areas() const { return written_areas_; }

  Dialect dialect() const override { return inner_.dialect(); }
  std::int64_t Execute(std::string_view sql, const Params& params = {}) override;
  void ExecuteLater(std::string_view sql, const Params& params = {}) override;
  std::vector<Row> Query(std::string_view sql, const Params& params = {}) override;
  void ExecuteScript(std::string_view sql) override;
  void Begin(TxMode mode) override { inner_.Begin(mode); }
  void Commit() override { inner_.Commit(); }
  void CommitAndNotify(std::string_view channel, std::string_view payload) override {
    inner_.CommitAndNotify(channel, payload);
  }
  std::optional<std::string> CommitAndRead(std::string_view channel, std::string_view payload,
                                           std::string_view read) override {
    return inner_.CommitAndRead(channel, payload, read);
  }
  void Rollback() override { inner_.Rollback(); }
  void CopyRows(std::string_view table, const std::vector<std::string>& columns,
                const std::vector<Params>& rows) override;
  void BackupTo(const std::string& destination_path) override { inner_.BackupTo(destination_path); }

 private:
  Connection& inner_;
  unsigned written_areas_ = 0;
};

}  // namespace minqing::storage
