// app::MessagingRepository over one leased Connection (the enclosing SqlStoreTx's transaction),
// with the SQL in sql/queries (outbox_*, notification_*). Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/messaging_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::MessagingRepository> MakeSqlMessagingRepository(Connection& conn);

}  // namespace minqing::storage
