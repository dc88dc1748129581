// app::RegistryRepository over one leased Connection (the enclosing SqlStoreTx's transaction),
// with the SQL in sql/queries (region_*, household_*, resident_*, move_*, party_*, unit_*,
// staff_*, count_under). List filters are composed from fixed SQL fragments; user text only
// ever travels as a bound parameter, and sorts map to a whitelist of ORDER BY clauses. The bulk
// inserts go through Connection::CopyRows: after one fails on PostgreSQL the transaction must be
// rolled back. Writes to households and residents keep the look-up table (lookup_index.hpp) in
// step: the rows of the households they touch are rewritten before the next look-up and by
// FlushPending, which the store calls before it commits.
// Thread-safety: as the transaction (one thread at a time).
#pragma once

#include <memory>

#include "app/registry_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

class SqlRegistryRepository : public app::RegistryRepository {
 public:
  // Writes what the repository has deferred (the look-up rows of the touched households).
  virtual void FlushPending() = 0;
};

// `conn` must outlive the repository.
std::unique_ptr<SqlRegistryRepository> MakeSqlRegistryRepository(Connection& conn);

}  // namespace minqing::storage
