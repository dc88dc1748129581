// app::SurveyRepository over one leased Connection (the enclosing SqlStoreTx's transaction), with
// the SQL in sql/queries (survey_*). Thread-safety: as the transaction.
#pragma once

#include <memory>

#include "app/survey_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

// `conn` must outlive the repository.
std::unique_ptr<app::SurveyRepository> MakeSqlSurveyRepository(Connection& conn);

}  // namespace minqing::storage
