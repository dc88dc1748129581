// app::ProviderRepository over one leased Connection (the enclosing SqlStoreTx's transaction), with
// the SQL in sql/queries (provider_*). Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/provider_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::ProviderRepository> MakeSqlProviderRepository(Connection& conn);

}  // namespace minqing::storage
