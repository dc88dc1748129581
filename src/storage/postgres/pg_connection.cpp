#include "storage/postgres/pg_connection.hpp"

#include <libpq-fe.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "domain/errors.hpp"

namespace minqing::storage {
namespace {

void IgnoreNotice(void*, const char*) {}

// COPY text format: backslash escapes for the delimiter, line breaks and backslash itself.
void AppendCopyField(std::string& out, const Value& v) {
  if (std::holds_alternative<std::nullptr_t>(v)) {
    out += "\\N";
    return;
  }
  for (char c : ValueToText(v)) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

bool Succeeded(pg_result* result) {
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

// Buffered COPY data is flushed in chunks of about this size.
constexpr std::size_t kCopyChunk = 1 << 20;

}  // namespace

void PgConnection::ConnCloser::operator()(pg_conn* conn) const { PQfinish(conn); }
void PgConnection::ResultClearer::operator()(pg_result* result) const { PQclear(result); }

PgConnection::PgConnection(const std::string& url) : url_(url), conn_(PQconnectdb(url.c_str())) {
  if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) {
    std::string message = conn_ ? PQerrorMessage(conn_.get()) : "out of memory";
    throw domain::StorageError("storage.open", "无法连接数据库: " + message);
  }
  // Notices such as "relation already exists, skipping" would otherwise go to stderr.
  PQsetNoticeProcessor(conn_.get(), IgnoreNotice, nullptr);
  if (PQsetClientEncoding(conn_.get(), "UTF8") != 0) Fail(nullptr);
  // minqing's statements read a page or a few counter cells, yet at a province's size a small
  // region's list over every month partition is estimated above jit_above_cost, and compiling it
  // took 40-120 ms of a 1-7 ms query (measured at 2M households). So no JIT on these sessions.
  ResultPtr result(PQexec(conn_.get(), "SET jit = off"));
  if (!Succeeded(result.get())) Fail(result.get());
}

PgConnection::~PgConnection() = default;

void PgConnection::Fail(pg_result* result) {
  std::string message = result != nullptr ? PQresultErrorMessage(result) : "";
  if (message.empty()) message = PQerrorMessage(conn_.get());
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state != nullptr ? state : "";
  if (sqlstate == "23505") throw domain::Conflict("storage.duplicate", "记录已存在: " + message);
  if (sqlstate == "23503" || sqlstate == "23514" || sqlstate == "23502") {
    throw domain::InvalidInput("storage.constraint", "数据不符合约束: " + message);
  }
  if (sqlstate == "40001" || sqlstate == "40P01") {
    throw domain::StorageError("storage.serialization", "数据库事务冲突: " + message);
  }
  if (sqlstate.starts_with("08") || PQstatus(conn_.get()) == CONNECTION_BAD) {
    throw domain::StorageError("storage.connection_lost", "数据库连接中断: " + message);
  }
  throw domain::StorageError("storage.postgres", "数据库错误: " + message);
}

PgConnection::Statement PgConnection::MakeStatement(std::string_view sql, const Params& params) {
  Statement statement{std::string(sql), {}};
  statement.values.reserve(params.size());
  for (const Value& v : params) {
    if (std::holds_alternative<std::nullptr_t>(v)) {
      statement.values.emplace_back();
    } else {
      statement.values.emplace_back(ValueToText(v));
    }
  }
  return statement;
}

namespace {

std::vector<const char*> ValuePointers(const std::vector<std::optional<std::string>>& texts) {
  std::vector<const char*> values;
  values.reserve(texts.size());
  for (const auto& t : texts) values.push_back(t ? t->c_str() : nullptr);
  return values;
}

// More waiting statements than this are sent at once, so that the server's answers to them
// never fill the socket while the connection is still sending.
constexpr std::size_t kMaxWaiting = 256;

}  // namespace

PgConnection::ResultPtr PgConnection::Run(std::string_view sql, const Params& params) {
  if (in_transaction_) return std::move(RunPipelineOrThrow({MakeStatement(sql, params)}).back());
  ReadPendingRollback();
  const Statement statement = MakeStatement(sql, params);
  const std::vector<const char*> values = ValuePointers(statement.values);
  ResultPtr result(PQexecParams(conn_.get(), statement.sql.c_str(), static_cast<int>(values.size()),
                                nullptr, values.data(), nullptr, nullptr, 0));
  if (!Succeeded(result.get())) Fail(result.get());
  return result;
}

PgConnection::PipelineAnswer PgConnection::RunPipeline(std::vector<Statement> tail) {
  ReadPendingRollback();
  std::vector<Statement> batch = std::move(waiting_);
  waiting_.clear();
  for (Statement& statement : tail) batch.push_back(std::move(statement));
  PGconn* conn = conn_.get();
  if (PQenterPipelineMode(conn) != 1) Fail(nullptr);
  // What each message sent answers for: its statement, and whether it is that statement's
  // preparation (the statement's own execution follows it).
  struct Sent {
    std::size_t statement;
    bool preparation;
  };
  std::vector<Sent> sent;
  sent.reserve(batch.size());
  bool ok = true;
  for (std::size_t i = 0; i < batch.size() && ok; ++i) {
    const Statement& statement = batch[i];
    const std::vector<const char*> values = ValuePointers(statement.values);
    const int count = static_cast<int>(values.size());
    if (!statement.reusable) {
      ok = PQsendQueryParams(conn, statement.sql.c_str(), count, nullptr, values.data(), nullptr,
                             nullptr, 0) == 1;
      sent.push_back({i, false});
      continue;
    }
    auto [it, first_use] = prepared_.try_emplace(statement.sql);
    if (first_use) {
      it->second = "minqing_" + std::to_string(++statements_named_);
      ok = PQsendPrepare(conn, it->second.c_str(), statement.sql.c_str(), count, nullptr) == 1;
      sent.push_back({i, true});
    }
    ok = ok && PQsendQueryPrepared(conn, it->second.c_str(), count, values.data(), nullptr, nullptr,
                                   0) == 1;
    sent.push_back({i, false});
  }
  if (!ok || PQpipelineSync(conn) != 1) {
    // The connection is broken (nothing else refuses a send): report its error.
    Fail(nullptr);
  }
  // Every message yields one result and then a null; the pipeline ends with the sync's result.
  // A failed statement's successors are answered PGRES_PIPELINE_ABORTED.
  PipelineAnswer answer;
  answer.results.resize(batch.size());
  std::size_t next = 0;
  int nulls_in_a_row = 0;
  for (;;) {
    ResultPtr result(PQgetResult(conn));
    if (!result) {
      // Two nulls in a row only come from a connection that stopped answering.
      if (++nulls_in_a_row > 1 || PQstatus(conn) == CONNECTION_BAD) Fail(nullptr);
      continue;
    }
    nulls_in_a_row = 0;
    const ExecStatusType status = PQresultStatus(result.get());
    if (status == PGRES_PIPELINE_SYNC) break;
    if (next == sent.size()) Fail(result.get());
    const Sent& what = sent[next++];
    const bool succeeded = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (!answer.failed && !succeeded) answer.failed = what.statement;
    ResultPtr& slot = answer.results[what.statement];
    if (what.preparation) {
      if (succeeded) continue;
      // Not prepared (failed or skipped): prepared again next time. Its error stands for the
      // statement, whose execution is then skipped.
      prepared_.erase(batch[what.statement].sql);
      slot = std::move(result);
    } else if (!slot) {
      slot = std::move(result);
    }
  }
  if (PQexitPipelineMode(conn) != 1 || next != sent.size()) Fail(nullptr);
  return answer;
}

std::vector<PgConnection::ResultPtr> PgConnection::RunPipelineOrThrow(std::vector<Statement> tail) {
  PipelineAnswer answer = RunPipeline(std::move(tail));
  if (answer.failed) Fail(answer.results[*answer.failed].get());
  return std::move(answer.results);
}

void PgConnection::ReadPendingRollback() {
  if (!rollback_pending_) return;
  rollback_pending_ = false;
  ResultPtr first;
  while (ResultPtr result{PQgetResult(conn_.get())}) {
    if (!first) first = std::move(result);
  }
  if (!Succeeded(first.get())) Fail(first.get());
}

std::int64_t PgConnection::Execute(std::string_view sql, const Params& params) {
  if (!in_transaction_) {
    ResultPtr result = Run(sql, params);
    return AffectedRows(result.get());
  }
  // A failed statement aborts the whole PostgreSQL transaction, while SQLite only undoes the
  // statement. A savepoint gives writes SQLite's behaviour, so a caller may catch Conflict and
  // carry on in the same transaction on either engine. The three travel in one round trip.
  const std::size_t first = waiting_.size();
  PipelineAnswer answer =
      RunPipeline({MakeStatement("SAVEPOINT minqing_statement", {}), MakeStatement(sql, params),
                   MakeStatement("RELEASE SAVEPOINT minqing_statement", {})});
  if (answer.failed) {
    if (*answer.failed == first + 1) {
      ExecuteScript("ROLLBACK TO SAVEPOINT minqing_statement; RELEASE SAVEPOINT minqing_statement");
    }
    Fail(answer.results[*answer.failed].get());
  }
  return AffectedRows(answer.results[first + 1].get());
}

void PgConnection::ExecuteLater(std::string_view sql, const Params& params) {
  if (!in_transaction_) {
    Run(sql, params);
    return;
  }
  waiting_.push_back(MakeStatement(sql, params));
  // A write sent later is a plain INSERT or UPDATE by key, whose plan never depends on the
  // values: it is parsed and planned once per connection.
  waiting_.back().reusable = true;
  if (waiting_.size() >= kMaxWaiting) RunPipelineOrThrow({});
}

std::int64_t PgConnection::AffectedRows(pg_result* result) {
  const char* tuples = PQcmdTuples(result);
  return tuples != nullptr && *tuples != '\0' ? std::stoll(tuples) : 0;
}

std::vector<Row> PgConnection::Query(std::string_view sql, const Params& params) {
  ResultPtr result = Run(sql, params);
  const int n = PQntuples(result.get());
  const int columns = PQnfields(result.get());
  std::vector<Row> rows;
  rows.reserve(n);
  for (int r = 0; r < n; ++r) {
    std::vector<Value> values;
    values.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(result.get(), r, c)) {
        values.emplace_back(nullptr);
      } else {
        values.emplace_back(
            std::string(PQgetvalue(result.get(), r, c), PQgetlength(result.get(), r, c)));
      }
    }
    rows.emplace_back(std::move(values));
  }
  return rows;
}

void PgConnection::ExecuteScript(std::string_view sql) {
  if (!waiting_.empty()) RunPipelineOrThrow({});
  ReadPendingRollback();
  std::string text(sql);
  // PQexec without parameters accepts several statements in one string.
  ResultPtr result(PQexec(conn_.get(), text.c_str()));
  if (!Succeeded(result.get())) Fail(result.get());
}

void PgConnection::Begin(TxMode mode) {
  ReadPendingRollback();
  waiting_.clear();
  // The snapshot is taken by the first statement, not by BEGIN, so BEGIN may wait for it.
  waiting_.push_back(MakeStatement(
      mode == TxMode::kRead ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN", {}));
  in_transaction_ = true;
}

void PgConnection::Commit() {
  RunPipelineOrThrow({MakeStatement("COMMIT", {})});
  in_transaction_ = false;
}

void PgConnection::CommitAndNotify(std::string_view channel, std::string_view payload) {
  // One round trip: a failed statement skips the rest of the pipeline, so the COMMIT never runs
  // after a failed notification (or a failed waiting write), and the caller's error leads to its
  // rollback.
  RunPipelineOrThrow(
      {MakeStatement("SELECT pg_notify($1, $2)", {std::string(channel), std::string(payload)}),
       MakeStatement("COMMIT", {})});
  in_transaction_ = false;
}

std::optional<std::string> PgConnection::CommitAndRead(std::string_view channel,
                                                       std::string_view payload,
                                                       std::string_view read) {
  // The statement after the COMMIT runs in a transaction of its own, once the commit is done:
  // its failure is not the commit's.
  const std::size_t before = waiting_.size();
  PipelineAnswer answer = RunPipeline(
      {MakeStatement("SELECT pg_notify($1, $2)", {std::string(channel), std::string(payload)}),
       MakeStatement("COMMIT", {}), MakeStatement(read, {})});
  in_transaction_ = false;
  const std::size_t read_index = before + 2;
  if (answer.failed && *answer.failed < read_index) Fail(answer.results[*answer.failed].get());
  if (answer.failed) return std::nullopt;
  pg_result* result = answer.results[read_index].get();
  if (PQntuples(result) != 1 || PQnfields(result) != 1 || PQgetisnull(result, 0, 0)) {
    return std::nullopt;
  }
  return std::string(PQgetvalue(result, 0, 0));
}

void PgConnection::Rollback() {
  const bool nothing_sent = waiting_.size() == 1 && waiting_.front().sql.starts_with("BEGIN");
  waiting_.clear();
  const bool was_in_transaction = in_transaction_;
  in_transaction_ = false;
  if (was_in_transaction && nothing_sent) return;
  ReadPendingRollback();
  if (PQtransactionStatus(conn_.get()) == PQTRANS_IDLE) return;
  // Nobody waits for a rollback's answer: it is sent now (the server ends the transaction at
  // once) and read by this connection's next call.
  if (PQsendQuery(conn_.get(), "ROLLBACK") != 1) Fail(nullptr);
  rollback_pending_ = true;
}

void PgConnection::CopyRows(std::string_view table, const std::vector<std::string>& columns,
                            const std::vector<Params>& rows) {
  if (rows.empty() || columns.empty()) return;
  if (!waiting_.empty()) RunPipelineOrThrow({});
  ReadPendingRollback();
  std::string sql = "COPY " + std::string(table) + " (";
  for (std::size_t c = 0; c < columns.size(); ++c) sql += (c ? ", " : "") + columns[c];
  sql += ") FROM STDIN";
  ResultPtr start(PQexec(conn_.get(), sql.c_str()));
  if (!start || PQresultStatus(start.get()) != PGRES_COPY_IN) Fail(start.get());

  std::string buffer;
  bool failed = false;
  auto flush = [&] {
    if (!buffer.empty() &&
        PQputCopyData(conn_.get(), buffer.data(), static_cast<int>(buffer.size())) != 1) {
      failed = true;
    }
    buffer.clear();
  };
  for (const Params& row : rows) {
    if (row.size() != columns.size()) {
      PQputCopyEnd(conn_.get(), "row width mismatch");
      while (ResultPtr r{PQgetResult(conn_.get())}) {
      }
      throw domain::StorageError("storage.copy", "CopyRows: row width mismatch");
    }
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c) buffer += '\t';
      AppendCopyField(buffer, row[c]);
    }
    buffer += '\n';
    if (buffer.size() >= kCopyChunk) flush();
    if (failed) break;
  }
  flush();
  if (PQputCopyEnd(conn_.get(), failed ? "client failed to send data" : nullptr) != 1) {
    failed = true;
  }
  ResultPtr first;
  while (ResultPtr r{PQgetResult(conn_.get())}) {
    if (!first) first = std::move(r);
  }
  if (!first || PQresultStatus(first.get()) != PGRES_COMMAND_OK) Fail(first.get());
  if (failed) Fail(nullptr);
}

void PgConnection::BackupTo(const std::string& destination_path) {
  // fork/exec with an argument vector: no shell, so no quoting of the URL or the path.
  pid_t pid = fork();
  if (pid < 0) {
    throw domain::StorageError("storage.backup",
                               std::string("无法启动 pg_dump: ") + std::strerror(errno));
  }
  if (pid == 0) {
    const char* argv[] = {"pg_dump", "-Fc",        "-f",   destination_path.c_str(),
                          "-d",      url_.c_str(), nullptr};
    execvp("pg_dump", const_cast<char* const*>(argv));
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      throw domain::StorageError("storage.backup", "pg_dump 等待失败");
    }
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    throw domain::StorageError("storage.backup", "pg_dump 失败 (exit " + std::to_string(code) +
                                                     ")" + (code == 127 ? ": 找不到 pg_dump" : ""));
  }
}

}  // namespace minqing::storage
