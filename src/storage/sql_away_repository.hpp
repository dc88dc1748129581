// app::AwayRepository over one leased Connection (the enclosing SqlStoreTx's transaction), with
// the SQL in sql/queries (away_*, study_*). Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/away_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::AwayRepository> MakeSqlAwayRepository(Connection& conn);

}  // namespace minqing::storage
