// app::PairingRepository over one leased Connection (the enclosing SqlStoreTx's transaction), with
// the SQL in sql/queries (pairing_*). Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/pairing_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::PairingRepository> MakeSqlPairingRepository(Connection& conn);

}  // namespace minqing::storage
