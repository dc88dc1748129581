// Brings a database to the newest schema: applies each embedded migration that is not yet
// recorded in schema_migrations, one transaction per migration. Running it again is a no-op;
// concurrent runs are serialised (BEGIN IMMEDIATE in SQLite, an advisory lock in PostgreSQL).
// Thread-safety: safe to call from several threads or processes.
#pragma once

#include <cstdint>

#include "storage/database.hpp"

namespace minqing::storage {

// Returns how many migrations were applied. `now` (epoch seconds) is recorded as applied_at.
int Migrate(Database& db, std::int64_t now);

}  // namespace minqing::storage
