// app::PostingRepository over one leased Connection (the enclosing SqlStoreTx's transaction),
// with the SQL in sql/queries (posting_*, agreement_*). Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/posting_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::PostingRepository> MakeSqlPostingRepository(Connection& conn);

}  // namespace minqing::storage
