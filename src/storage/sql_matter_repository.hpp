// app::MatterRepository over one leased Connection (the enclosing SqlStoreTx's transaction), with
// the SQL in sql/queries/matter_*.sql. Thread-safety: as the transaction (one thread at a time).
#pragma once

#include "app/matter_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

class SqlMatterRepository final : public app::MatterRepository {
 public:
  explicit SqlMatterRepository(Connection& conn) : conn_(conn) {}

 private:
  Connection& conn_;
};

}  // namespace minqing::storage
