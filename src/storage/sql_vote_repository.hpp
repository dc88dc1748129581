// app::VoteRepository over one leased Connection (the enclosing SqlStoreTx's transaction), with
// the SQL in sql/queries (vote_*). Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/vote_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::VoteRepository> MakeSqlVoteRepository(Connection& conn);

}  // namespace minqing::storage
