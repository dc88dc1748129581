// app::SettingsRepository over one leased Connection (the enclosing SqlStoreTx's transaction),
// with the SQL in sql/queries (site_setting_*). Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/settings_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::SettingsRepository> MakeSqlSettingsRepository(Connection& conn);

}  // namespace minqing::storage
