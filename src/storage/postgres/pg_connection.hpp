// A Connection over one libpq connection. Parameters travel as text through PQexecParams
// (unnamed statements), so the planner sees the actual values: LIKE 'prefix%' then uses the
// text_pattern_ops indexes, which a cached generic plan would not. Read transactions are
// REPEATABLE READ READ ONLY so a page and its total come from one snapshot. Bulk rows go
// through COPY ... FROM STDIN in text format.
// Thread-safety: one thread at a time, like every Connection.
#pragma once

#include <memory>
#include <string>

#include "storage/connection.hpp"

struct pg_conn;
struct pg_result;

namespace minqing::storage {

class PgConnection final : public Connection {
 public:
  // `url` is a libpq connection URI or keyword/value string.
  explicit PgConnection(const std::string& url);
  ~PgConnection() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  std::int64_t Execute(std::string_view sql, const Params& params) override;
  std::vector<Row> Query(std::string_view sql, const Params& params) override;
  void ExecuteScript(std::string_view sql) override;
  void Begin(TxMode mode) override;
  void Commit() override;
  void CommitAndNotify(std::string_view channel, std::string_view payload) override;
  void Rollback() override;
  void CopyRows(std::string_view table, const std::vector<std::string>& columns,
                const std::vector<Params>& rows) override;
  // Runs pg_dump -Fc against this connection's URL.
  void BackupTo(const std::string& destination_path) override;

 private:
  struct ConnCloser {
    void operator()(pg_conn* conn) const;
  };
  struct ResultClearer {
    void operator()(pg_result* result) const;
  };
  using ConnPtr = std::unique_ptr<pg_conn, ConnCloser>;
  using ResultPtr = std::unique_ptr<pg_result, ResultClearer>;

  static std::int64_t AffectedRows(pg_result* result);
  ResultPtr Run(std::string_view sql, const Params& params);
  // Throws the domain error for a failed result (or the connection's last error).
  [[noreturn]] void Fail(pg_result* result);

  std::string url_;
  ConnPtr conn_;
};

}  // namespace minqing::storage
