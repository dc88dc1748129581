// app::MonthlyReportRepository over one leased Connection (the enclosing SqlStoreTx's
// transaction), with the SQL in sql/queries (monthly_report_*); the files are kept in base64.
// Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/monthly_report_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::MonthlyReportRepository> MakeSqlMonthlyReportRepository(Connection& conn);

}  // namespace minqing::storage
