// app::Open311Repository over one leased Connection (the enclosing SqlStoreTx's transaction), with
// the SQL in sql/queries (open311_key_*). Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/open311_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::Open311Repository> MakeSqlOpen311Repository(Connection& conn);

}  // namespace minqing::storage
