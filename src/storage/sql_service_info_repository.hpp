// app::ServiceInfoRepository over one leased Connection (the enclosing SqlStoreTx's transaction),
// with the SQL in sql/queries (duty_*, service_guide_*). Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/service_info_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::ServiceInfoRepository> MakeSqlServiceInfoRepository(Connection& conn);

}  // namespace minqing::storage
