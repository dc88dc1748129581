// app::MeetingRepository over one leased Connection (the enclosing SqlStoreTx's transaction), with
// the SQL in sql/queries (meeting_*). Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/meeting_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::MeetingRepository> MakeSqlMeetingRepository(Connection& conn);

}  // namespace minqing::storage
