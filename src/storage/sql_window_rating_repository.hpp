// app::WindowRatingRepository over one leased Connection (the enclosing SqlStoreTx's
// transaction), with the SQL in sql/queries (window_*, suggestion_*). Thread-safety: as the
// transaction.
#pragma once

#include <memory>

#include "app/window_rating_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::WindowRatingRepository> MakeSqlWindowRatingRepository(Connection& conn);

}  // namespace minqing::storage
