// A Connection over one libpq connection. Parameters travel as text in unnamed statements, so
// the planner sees the actual values: LIKE 'prefix%' then uses the text_pattern_ops indexes,
// which a cached generic plan would not. Read transactions are REPEATABLE READ READ ONLY so a
// page and its total come from one snapshot. Bulk rows go through COPY ... FROM STDIN in text
// format.
// Round trips: inside a transaction, statements travel in libpq's pipeline mode. BEGIN and the
// ExecuteLater() writes wait in the connection and go with the next statement that needs an
// answer, or with the COMMIT; Execute()'s savepoint, statement and release go together. A
// rollback is sent without waiting for its answer, which the connection's next call reads first.
// So a transaction of reads costs one round trip per read, and a write transaction whose writes
// wait costs one for each read and one for the commit.
// Thread-safety: one thread at a time, like every Connection.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

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
  void ExecuteLater(std::string_view sql, const Params& params) override;
  std::vector<Row> Query(std::string_view sql, const Params& params) override;
  void ExecuteScript(std::string_view sql) override;
  void Begin(TxMode mode) override;
  void Commit() override;
  void CommitAndNotify(std::string_view channel, std::string_view payload) override;
  std::optional<std::string> CommitAndRead(std::string_view channel, std::string_view payload,
                                           std::string_view read) override;
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

  // A statement to send: its text and its parameters as text (nullopt: SQL NULL).
  struct Statement {
    std::string sql;
    std::vector<std::optional<std::string>> values;
    // Sent as a named prepared statement (prepared on first use on this connection).
    bool reusable = false;
  };
  // What a pipeline answered: one result per statement sent, and the index of the first that
  // failed (every later one was skipped by the server), if any.
  struct PipelineAnswer {
    std::vector<ResultPtr> results;
    std::optional<std::size_t> failed;
  };

  static Statement MakeStatement(std::string_view sql, const Params& params);
  static std::int64_t AffectedRows(pg_result* result);
  ResultPtr Run(std::string_view sql, const Params& params);
  // Sends the waiting statements followed by `tail` in one pipeline and reads every answer.
  // The waiting statements are gone afterwards, sent or not.
  PipelineAnswer RunPipeline(std::vector<Statement> tail);
  // Runs the waiting statements followed by `tail`; throws the first failure.
  std::vector<ResultPtr> RunPipelineOrThrow(std::vector<Statement> tail);
  // Reads the answer of a rollback sent without waiting, if one is due.
  void ReadPendingRollback();
  // Throws the domain error for a failed result (or the connection's last error).
  [[noreturn]] void Fail(pg_result* result);

  std::string url_;
  ConnPtr conn_;
  // Begin() was called and neither Commit() nor Rollback() since.
  bool in_transaction_ = false;
  // Statements not yet sent (BEGIN, ExecuteLater writes); only inside a transaction.
  std::vector<Statement> waiting_;
  bool rollback_pending_ = false;
  // Prepared statements of this connection by their SQL text.
  std::unordered_map<std::string, std::string> prepared_;
  std::uint64_t statements_named_ = 0;
};

}  // namespace minqing::storage
