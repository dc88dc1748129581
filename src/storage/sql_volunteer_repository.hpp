// app::VolunteerRepository over one leased Connection (the enclosing SqlStoreTx's transaction),
// with the SQL in sql/queries (volunteer_*). Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/volunteer_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::VolunteerRepository> MakeSqlVolunteerRepository(Connection& conn);

}  // namespace minqing::storage
