// Keeps the matter text search index built by the rules of this binary
// (domain::kSearchIndexVersion). A migration cannot run those rules, so a store records the
// version its index was built with (search_index_state) and the index is rebuilt from the matters
// and their timelines when that differs: after migration V027 on an upgraded county or the
// demo file, and whenever a release changes the rules. The rebuild commits every 2,000 matters
// and records how far it got, so a county's million matters never sit in one transaction and a
// rebuild cut short (a crash, a kill) resumes where it stopped when the store is next opened;
// the version is recorded after the last matter. Thread-safety: safe to call from several
// threads or processes at once: each step runs in one write transaction (SQLite serialises
// writers, on PostgreSQL a transaction-level advisory lock serialises the steps) and reads the
// progress inside it, so two rebuilders share the work instead of repeating it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace minqing::storage {

// Rebuilds the index when its recorded version differs; returns the number of matters indexed
// (0 when the index was current).
// `batch` is the number of matters per transaction.
std::int64_t RebuildSearchIndexIfStale(Database& db, std::int64_t batch = 2000);

// True when the recorded version is this binary's and no rebuild is in progress (false on a
// database without the table).
bool SearchIndexIsCurrent(Database& db);

// Rebuilds the index unconditionally (a rebuild in progress continues instead of restarting) and
// records the version; returns the number of matters indexed by this call.
std::int64_t RebuildSearchIndex(Database& db, std::int64_t batch = 2000);

// An index derived from other tables by rules of this binary, rebuilt as above: the matters'
// text search, the households' look-up (lookup_index.hpp). Its progress is recorded under
// `name` + ".rebuilt_through".
struct DerivedIndex {
  std::string name;  // Its row in search_index_state.
  std::int64_t version = 0;
  // Empties the index, in the transaction of the first step.
  std::function<void(Connection&)> clear;
  // Indexes the source rows with ids after `after`, up to `batch` of them, in id order; returns
  // their ids (none past the last).
  std::function<std::vector<std::int64_t>(Connection&, std::int64_t after, std::int64_t batch)>
      index_batch;
};

// As RebuildSearchIndexIfStale, SearchIndexIsCurrent and RebuildSearchIndex for `index`; the
// counts are of source rows.
std::int64_t RebuildIndexIfStale(Database& db, const DerivedIndex& index,
                                 std::int64_t batch = 2000);
bool IndexIsCurrent(Database& db, const DerivedIndex& index);
std::int64_t RebuildIndex(Database& db, const DerivedIndex& index, std::int64_t batch = 2000);

}  // namespace minqing::storage
