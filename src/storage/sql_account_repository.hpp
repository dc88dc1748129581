// app::AccountRepository over one leased Connection (the enclosing SqlStoreTx's transaction),
// with the SQL in sql/queries (user_*, session_*). Sessions are stored by the hash of their
// token, never the token itself.
// Thread-safety: as the transaction (one thread at a time).
#pragma once

#include <memory>

#include "app/account_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::AccountRepository> MakeSqlAccountRepository(Connection& conn);

}  // namespace minqing::storage
