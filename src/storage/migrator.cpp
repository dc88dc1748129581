#include "storage/migrator.hpp"

#include "storage/sql_files.hpp"

namespace minqing::storage {

int Migrate(Database& db, std::int64_t now) {
  auto conn = db.Acquire();
  const Dialect dialect = db.dialect();
  conn->ExecuteScript(QuerySql(sql::migration_table, dialect));
  int applied = 0;
  for (const Migration& m : Migrations(dialect)) {
    conn->Begin(TxMode::kWrite);
    try {
      conn->Query(QuerySql(sql::migration_lock, dialect));
      if (!conn->Query(QuerySql(sql::migration_applied, dialect), {m.version}).empty()) {
        conn->Rollback();
        continue;
      }
      conn->ExecuteScript(m.sql);
      conn->Execute(QuerySql(sql::migration_record, dialect), {m.version, now});
      conn->Commit();
      ++applied;
    } catch (...) {
      conn->Rollback();
      throw;
    }
  }
  return applied;
}

}  // namespace minqing::storage
