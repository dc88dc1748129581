// app::TagMapRepository over one leased Connection (the enclosing SqlStoreTx's transaction), with
// the SQL in sql/queries (tag_*, map_*). Read-only. Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/tag_map_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::TagMapRepository> MakeSqlTagMapRepository(Connection& conn);

}  // namespace minqing::storage
