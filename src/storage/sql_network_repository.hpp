// app::NetworkRepository over one leased Connection (the enclosing SqlStoreTx's transaction),
// with the SQL in sql/queries/network_*.sql. Thread-safety: as the transaction.
#pragma once

#include "app/network_store.hpp"
#include "storage/connection.hpp"

namespace minqing::storage {

class SqlNetworkRepository final : public app::NetworkRepository {
 public:
  explicit SqlNetworkRepository(Connection& conn) : conn_(conn) {}

 private:
  Connection& conn_;
};

}  // namespace minqing::storage
