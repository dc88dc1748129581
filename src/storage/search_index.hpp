// Keeps the matter text search index built by the rules of this binary
// (domain::kSearchIndexVersion). A migration cannot run those rules, so a store records the
// version its index was built with (search_index_state) and the index is rebuilt from the matters
// and their timelines when that differs: after migration V027 on an upgraded county or the
// demo file, and whenever a release changes the rules. Thread-safety: safe to call from several
// threads or processes; the rebuild runs in one write transaction (SQLite serialises writers, on
// PostgreSQL a transaction-level advisory lock serialises the rebuilds).
#pragma once

#include <cstdint>

#include "storage/database.hpp"

namespace minqing::storage {

// Rebuilds the index when its recorded version differs; returns the number of matters indexed
// (0 when the index was current).
std::int64_t RebuildSearchIndexIfStale(Database& db);

// Rebuilds the index unconditionally and records the version; returns the number of matters.
std::int64_t RebuildSearchIndex(Database& db);

}  // namespace minqing::storage
