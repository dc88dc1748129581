#include "storage/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <memory>
#include <mutex>
#include <tuple>

#include "domain/errors.hpp"
#include "storage/lookup_query.hpp"
#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

// How long a statement waits for another connection's lock before failing with SQLITE_BUSY.
constexpr int kBusyTimeoutMs = 10000;

// Resets a cached statement however the caller leaves, so its next use starts clean and it
// does not hold a read snapshot open.
class StmtReset {
 public:
  explicit StmtReset(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~StmtReset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  StmtReset(const StmtReset&) = delete;
  StmtReset& operator=(const StmtReset&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

[[noreturn]] void ThrowForCode(int code, const std::string& message) {
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      throw domain::Conflict("storage.duplicate", "记录已存在: " + message);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      throw domain::InvalidInput("storage.constraint", "数据不符合约束: " + message);
    default:
      // Another connection held the lock past the busy timeout: the statement may succeed when
      // tried again (counted with serialisation failures, see observed_connection.hpp).
      if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
        throw domain::StorageError("storage.busy", "数据库忙: " + message);
      }
      throw domain::StorageError("storage.sqlite", "数据库错误: " + message);
  }
}

// minqing_find(haystack, needle) (SubstringPositionFunction in connection.hpp): the 1-based byte
// position of `needle` in `haystack`, 0 when absent, NULL when either is NULL. In valid UTF-8 a
// match can start only at a character, so it is 0, 1 or greater exactly when instr() is.
void FindSubstring(sqlite3_context* context, int, sqlite3_value** args) {
  if (sqlite3_value_type(args[0]) == SQLITE_NULL || sqlite3_value_type(args[1]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const auto* haystack = sqlite3_value_text(args[0]);
  const int haystack_size = sqlite3_value_bytes(args[0]);
  const auto* needle = sqlite3_value_text(args[1]);
  const int needle_size = sqlite3_value_bytes(args[1]);
  if (haystack == nullptr || needle == nullptr) {
    sqlite3_result_error_nomem(context);
    return;
  }
  const void* found = ::memmem(haystack, static_cast<std::size_t>(haystack_size), needle,
                               static_cast<std::size_t>(needle_size));
  sqlite3_result_int64(
      context, found == nullptr ? 0 : static_cast<const unsigned char*>(found) - haystack + 1);
}

std::string_view TextOf(sqlite3_value* value) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
  if (text == nullptr) return {};
  return {text, static_cast<std::size_t>(sqlite3_value_bytes(value))};
}

// minqing_lookup_page(query, keep, household_id, number, number_key, address_key, names, pinyins,
// initials, phones, id_cards) (kLookupPageFunction in connection.hpp): an aggregate over
// household_lookup rows that ranks each row for the one-box look-up `query`
// (LookupRowMatcher), counts the matches and keeps the first `keep` in the order (rank, number,
// household_id), bytewise as SQLite's ORDER BY; its result is the total and the kept households'
// ids in that order, as EncodeIds writes them. One pass, and nothing but the page leaves SQLite.
class LookupPage {
 public:
  LookupPage(std::string_view query, std::int64_t keep)
      : matcher_(ClassifyLookup(query)),
        keep_(static_cast<std::size_t>(std::max<std::int64_t>(keep, 0))) {}

  void Add(const LookupRow& row, std::int64_t id, std::string_view number) {
    const auto rank = matcher_.Rank(row);
    if (!rank) return;
    ++total_;
    if (keep_ == 0) return;
    const auto r = static_cast<int>(*rank);
    if (kept_.size() == keep_) {
      const Kept& last = kept_.front();
      if (!last.After(r, number, id)) return;
      std::pop_heap(kept_.begin(), kept_.end());
      kept_.pop_back();
    }
    kept_.push_back({r, std::string(number), id});
    std::push_heap(kept_.begin(), kept_.end());
  }

  std::string Result() {
    std::sort_heap(kept_.begin(), kept_.end());
    std::vector<std::int64_t> values{total_};
    for (const auto& k : kept_) values.push_back(k.id);
    return EncodeIds(values);
  }

 private:
  struct Kept {
    int rank;
    std::string number;
    std::int64_t id;
    // Whether this household comes after (r, n, i) in the page's order.
    bool After(int r, std::string_view n, std::int64_t i) const {
      return std::make_tuple(r, n, i) < std::make_tuple(rank, std::string_view(number), id);
    }
    bool operator<(const Kept& o) const { return o.After(rank, number, id); }
  };
  LookupRowMatcher matcher_;
  std::size_t keep_;
  std::int64_t total_ = 0;
  std::vector<Kept> kept_;  // A max-heap: the last kept household on top.
};

// What SQLite keeps for one minqing_lookup_page aggregation (zeroed before its first row).
struct LookupPageSlot {
  LookupPage* page;
};

void LookupPageStep(sqlite3_context* context, int, sqlite3_value** args) {
  auto* slot =
      static_cast<LookupPageSlot*>(sqlite3_aggregate_context(context, sizeof(LookupPageSlot)));
  if (slot == nullptr) {
    sqlite3_result_error_nomem(context);
    return;
  }
  try {
    if (slot->page == nullptr) {
      slot->page = new LookupPage(TextOf(args[0]), sqlite3_value_int64(args[1]));
    }
    slot->page->Add({TextOf(args[4]), TextOf(args[5]), TextOf(args[6]), TextOf(args[7]),
                     TextOf(args[8]), TextOf(args[9]), TextOf(args[10])},
                    sqlite3_value_int64(args[2]), TextOf(args[3]));
  } catch (const std::exception& e) {
    sqlite3_result_error(context, e.what(), -1);
  }
}

void LookupPageFinal(sqlite3_context* context) {
  auto* slot = static_cast<LookupPageSlot*>(sqlite3_aggregate_context(context, 0));
  std::unique_ptr<LookupPage> page(slot != nullptr ? slot->page : nullptr);
  try {
    const std::string result = page ? page->Result() : "0";
    sqlite3_result_text(context, result.data(), static_cast<int>(result.size()), SQLITE_TRANSIENT);
  } catch (const std::exception& e) {
    sqlite3_result_error(context, e.what(), -1);
  }
}

// Batches for CopyRows stay well under SQLite's variable limit (32,766 since 3.32).
constexpr std::size_t kMaxParamsPerBatch = 8000;

// The database holds full ID numbers: its files are readable by their owner only. Called right
// after SQLite has opened (and, for a new database, created) the main file and before anything is
// written, so the -wal and -shm files, which SQLite creates with the main file's mode, are 0600
// too; files left group- or world-readable by an older version are narrowed. Only chmod(): opening
// and closing a descriptor of our own on the database would drop the POSIX locks SQLite's other
// connections in this process hold on it (close() releases every lock of the process on that
// file), and with them the protection of the write-ahead log.
void KeepPrivate(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return;
  for (const std::string& file : {path, path + "-wal", path + "-shm"}) {
    struct stat info {};
    if (::stat(file.c_str(), &info) == 0 && (info.st_mode & 077) != 0) {
      ::chmod(file.c_str(), info.st_mode & 0700);
    }
  }
}

}  // namespace

void SqliteConnection::DbCloser::operator()(sqlite3* db) const { sqlite3_close_v2(db); }
void SqliteConnection::StmtFinalizer::operator()(sqlite3_stmt* stmt) const {
  sqlite3_finalize(stmt);
}

SqliteConnection::SqliteConnection(const std::string& path) {
  static std::once_flag configured;
  std::call_once(configured, [] {
    // Must precede sqlite3_initialize(); when something else has initialised SQLite already the
    // call fails harmlessly and statistics stay on.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  db_.reset(raw);
  if (rc != SQLITE_OK) {
    std::string message = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    throw domain::StorageError("storage.open", "无法打开数据库 " + path + ": " + message);
  }
  KeepPrivate(path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  if (sqlite3_create_function_v2(raw, SubstringPositionFunction(Dialect::kSqlite), 2, flags,
                                 nullptr, FindSubstring, nullptr, nullptr, nullptr) != SQLITE_OK ||
      sqlite3_create_function_v2(raw, kLookupPageFunction, 11, flags, nullptr, nullptr,
                                 LookupPageStep, LookupPageFinal, nullptr) != SQLITE_OK) {
    throw domain::StorageError("storage.open",
                               "无法注册数据库函数: " + std::string(sqlite3_errmsg(raw)));
  }
  ExecuteScript(
      "PRAGMA foreign_keys = ON;"
      "PRAGMA journal_mode = WAL;"
      "PRAGMA synchronous = FULL;"
      "PRAGMA case_sensitive_like = ON;"
      // queries/bulk_index_build_end.sql sets this value back after a bulk load.
      "PRAGMA cache_size = -65536;"
      // A checkpoint copies each page once however often it was rewritten since the last one;
      // the hot pages (the last leaf of every index) are rewritten by every commit, so a
      // longer log (about 40 MB) means far fewer copies than SQLite's default of 1000 pages.
      "PRAGMA wal_autocheckpoint = 10000;");
}

SqliteConnection::~SqliteConnection() {
  // Statements must be finalised before the handle closes.
  statements_.clear();
}

void SqliteConnection::Fail(const std::string& context) {
  ThrowForCode(sqlite3_extended_errcode(db_.get()), context + sqlite3_errmsg(db_.get()));
}

SqliteConnection::Statement& SqliteConnection::Prepare(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &raw, nullptr) != SQLITE_OK) {
    Fail("");
  }
  Statement statement{StmtPtr(raw), {}};
  for (int index = 1; index <= sqlite3_bind_parameter_count(raw); ++index) {
    const char* name = sqlite3_bind_parameter_name(raw, index);
    if (name == nullptr || name[0] != '$') continue;
    std::string_view digits(name + 1);
    std::size_t n = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (error != std::errc() || end != digits.data() + digits.size() || n == 0) continue;
    if (statement.param_index.size() < n) statement.param_index.resize(n, 0);
    statement.param_index[n - 1] = index;
  }
  return statements_.emplace(std::string(sql), std::move(statement)).first->second;
}

void SqliteConnection::Bind(const Statement& statement, const Params& params) {
  sqlite3_stmt* stmt = statement.stmt.get();
  const std::size_t bound = std::min(params.size(), statement.param_index.size());
  for (std::size_t i = 0; i < bound; ++i) {
    const int index = statement.param_index[i];
    // A parameter the statement does not use is harmless; PostgreSQL would reject it, though.
    if (index == 0) continue;
    const Value& v = params[i];
    int rc = SQLITE_OK;
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, index, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt, index, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
    } else {
      rc = sqlite3_bind_null(stmt, index);
    }
    if (rc != SQLITE_OK) Fail("bind: ");
  }
}

void SqliteConnection::Run(std::string_view sql) {
  sqlite3_stmt* stmt = Prepare(sql).stmt.get();
  StmtReset reset(stmt);
  int rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) Fail("");
}

std::int64_t SqliteConnection::Execute(std::string_view sql, const Params& params) {
  Statement& statement = Prepare(sql);
  sqlite3_stmt* stmt = statement.stmt.get();
  StmtReset reset(stmt);
  Bind(statement, params);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) Fail("");
  return sqlite3_changes64(db_.get());
}

std::vector<Row> SqliteConnection::Query(std::string_view sql, const Params& params) {
  Statement& statement = Prepare(sql);
  sqlite3_stmt* stmt = statement.stmt.get();
  StmtReset reset(stmt);
  Bind(statement, params);
  std::vector<Row> rows;
  int columns = sqlite3_column_count(stmt);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    std::vector<Value> values;
    values.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(stmt, c));
          break;
        case SQLITE_NULL:
          values.emplace_back(nullptr);
          break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          values.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
        }
      }
    }
    rows.emplace_back(std::move(values));
  }
  if (rc != SQLITE_DONE) Fail("");
  return rows;
}

void SqliteConnection::ExecuteScript(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "";
    sqlite3_free(error);
    ThrowForCode(sqlite3_extended_errcode(db_.get()), message);
  }
}

std::string SqliteConnection::SwitchJournalMode(std::string_view mode, int busy_timeout_ms) {
  sqlite3_busy_timeout(db_.get(), busy_timeout_ms);
  std::string in_effect;
  try {
    std::vector<Row> rows = Query("PRAGMA journal_mode = " + std::string(mode), {});
    if (!rows.empty()) in_effect = rows[0].GetText(0);
  } catch (const domain::StorageError&) {
    // Another connection has the file open (SQLITE_BUSY): the mode is unchanged. Any other
    // failure of the file shows again in the statement that follows.
  }
  sqlite3_busy_timeout(db_.get(), kBusyTimeoutMs);
  return in_effect;
}

void SqliteConnection::Begin(TxMode mode) {
  if (mode == TxMode::kSoleWrite) rollback_journal_ = SwitchJournalMode("DELETE", 0) == "delete";
  try {
    Run(mode == TxMode::kRead ? "BEGIN" : "BEGIN IMMEDIATE");
  } catch (...) {
    EndSoleWrite();
    throw;
  }
}

void SqliteConnection::EndSoleWrite() {
  if (!rollback_journal_) return;
  rollback_journal_ = false;
  // Back to WAL for the next transaction. Should that fail (a reader holding the file past the
  // busy timeout), the transaction's outcome stands and the next connection to open the file
  // (every open sets WAL) switches it back.
  SwitchJournalMode("WAL", kBusyTimeoutMs);
}

void SqliteConnection::Commit() {
  Run("COMMIT");
  EndSoleWrite();
}

void SqliteConnection::Rollback() {
  // After some errors SQLite has already rolled back; a second ROLLBACK would fail.
  if (sqlite3_get_autocommit(db_.get()) == 0) Run("ROLLBACK");
  EndSoleWrite();
}

void SqliteConnection::CopyRows(std::string_view table, const std::vector<std::string>& columns,
                                const std::vector<Params>& rows) {
  if (rows.empty() || columns.empty()) return;
  const std::size_t width = columns.size();
  const std::size_t batch = std::max<std::size_t>(1, kMaxParamsPerBatch / width);
  std::string head = "INSERT INTO " + std::string(table) + " (";
  for (std::size_t c = 0; c < width; ++c) head += (c ? ", " : "") + columns[c];
  head += ") VALUES ";
  auto make_sql = [&](std::size_t n) {
    std::string sql = head;
    for (std::size_t r = 0; r < n; ++r) {
      sql += r ? ", (" : "(";
      for (std::size_t c = 0; c < width; ++c) sql += c ? ", ?" : "?";
      sql += ")";
    }
    return sql;
  };
  // Full batches through one statement of `batch` rows, the rest row by row: both texts depend
  // only on the table and columns, so they stay in the statement cache from call to call
  // (preparing a statement of thousands of values costs milliseconds).
  auto run = [&](std::size_t first, std::size_t n, std::size_t batches) {
    sqlite3_stmt* raw = Prepare(make_sql(n)).stmt.get();
    StmtReset reset(raw);
    for (std::size_t b = 0; b < batches; ++b) {
      const std::size_t start = first + b * n;
      for (std::size_t r = 0; r < n; ++r) {
        const Params& row = rows[start + r];
        if (row.size() != width) {
          throw domain::StorageError("storage.copy", "CopyRows: row width mismatch");
        }
        for (std::size_t c = 0; c < width; ++c) {
          // Anonymous parameters are numbered in order from 1: no look-up by name, which
          // SQLite does by a linear search, quadratic over a statement of thousands.
          const int i = static_cast<int>(r * width + c + 1);
          const Value& v = row[c];
          int rc;
          if (const auto* x = std::get_if<std::int64_t>(&v)) {
            rc = sqlite3_bind_int64(raw, i, *x);
          } else if (const auto* d = std::get_if<double>(&v)) {
            rc = sqlite3_bind_double(raw, i, *d);
          } else if (const auto* s = std::get_if<std::string>(&v)) {
            rc = sqlite3_bind_text(raw, i, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
          } else {
            rc = sqlite3_bind_null(raw, i);
          }
          if (rc != SQLITE_OK) Fail("bind: ");
        }
      }
      int rc = sqlite3_step(raw);
      sqlite3_reset(raw);
      if (rc != SQLITE_DONE) Fail("");
    }
  };
  const std::size_t full = rows.size() / batch;
  if (full > 0) run(0, batch, full);
  const std::size_t rest = rows.size() - full * batch;
  if (rest > 0) run(full * batch, 1, rest);
}

void SqliteConnection::BackupTo(const std::string& destination_path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(destination_path.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  DbPtr dest(raw);
  if (rc != SQLITE_OK) {
    throw domain::StorageError("storage.backup",
                               "无法创建备份文件 " + destination_path + ": " + sqlite3_errstr(rc));
  }
  sqlite3_backup* backup = sqlite3_backup_init(raw, "main", db_.get(), "main");
  if (backup == nullptr) {
    throw domain::StorageError("storage.backup", std::string("备份失败: ") + sqlite3_errmsg(raw));
  }
  // One step copies everything from one read snapshot, so the copy is consistent.
  rc = sqlite3_backup_step(backup, -1);
  int finish = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE || finish != SQLITE_OK) {
    throw domain::StorageError("storage.backup", std::string("备份失败: ") + sqlite3_errstr(rc));
  }
}

}  // namespace minqing::storage
