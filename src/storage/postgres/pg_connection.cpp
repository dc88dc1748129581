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

PgConnection::ResultPtr PgConnection::Run(std::string_view sql, const Params& params) {
  std::vector<std::optional<std::string>> texts;
  texts.reserve(params.size());
  for (const Value& v : params) {
    if (std::holds_alternative<std::nullptr_t>(v)) {
      texts.emplace_back();
    } else {
      texts.emplace_back(ValueToText(v));
    }
  }
  std::vector<const char*> values;
  values.reserve(texts.size());
  for (const auto& t : texts) values.push_back(t ? t->c_str() : nullptr);
  std::string text(sql);
  ResultPtr result(PQexecParams(conn_.get(), text.c_str(), static_cast<int>(values.size()), nullptr,
                                values.data(), nullptr, nullptr, 0));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail(result.get());
  return result;
}

std::int64_t PgConnection::Execute(std::string_view sql, const Params& params) {
  // A failed statement aborts the whole PostgreSQL transaction, while SQLite only undoes the
  // statement. A savepoint gives writes SQLite's behaviour, so a caller may catch Conflict and
  // carry on in the same transaction on either engine.
  const bool in_transaction = PQtransactionStatus(conn_.get()) == PQTRANS_INTRANS;
  if (!in_transaction) {
    ResultPtr result = Run(sql, params);
    return AffectedRows(result.get());
  }
  ExecuteScript("SAVEPOINT minqing_statement");
  ResultPtr result;
  try {
    result = Run(sql, params);
  } catch (...) {
    ExecuteScript("ROLLBACK TO SAVEPOINT minqing_statement; RELEASE SAVEPOINT minqing_statement");
    throw;
  }
  ExecuteScript("RELEASE SAVEPOINT minqing_statement");
  return AffectedRows(result.get());
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
  std::string text(sql);
  // PQexec without parameters accepts several statements in one string.
  ResultPtr result(PQexec(conn_.get(), text.c_str()));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) Fail(result.get());
}

void PgConnection::Begin(TxMode mode) {
  ExecuteScript(mode == TxMode::kRead ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                                      : "BEGIN");
}

void PgConnection::Commit() { ExecuteScript("COMMIT"); }

void PgConnection::CommitAndNotify(std::string_view channel, std::string_view payload) {
  const auto plain = [](std::string_view text, bool comma) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [&](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || (comma && c == ',');
    });
  };
  if (!plain(channel, false) || !plain(payload, true)) {
    throw std::logic_error("CommitAndNotify: channel or payload is not plain text");
  }
  // One round trip: a failed statement skips the rest of the string, so the COMMIT never runs
  // after a failed notification and the caller's error leads to its rollback.
  ExecuteScript("SELECT pg_notify('" + std::string(channel) + "', '" + std::string(payload) +
                "'); COMMIT");
}

void PgConnection::Rollback() {
  if (PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) ExecuteScript("ROLLBACK");
}

void PgConnection::CopyRows(std::string_view table, const std::vector<std::string>& columns,
                            const std::vector<Params>& rows) {
  if (rows.empty() || columns.empty()) return;
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
