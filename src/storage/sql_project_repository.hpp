// app::ProjectRepository over one leased Connection (the enclosing SqlStoreTx's transaction),
// with the SQL in sql/queries (project_*). Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/project_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::ProjectRepository> MakeSqlProjectRepository(Connection& conn);

}  // namespace minqing::storage
