// Storage of the 1+10 contact network, duties and the people's-conditions diary (民情日记):
// the interface those use cases depend on, reached through StoreTx::Network() so that it shares
// the transaction. storage/ implements it. Thread-safety: as StoreTx (one thread at a time).
#pragma once

#include "domain/model.hpp"

namespace minqing::app {

class NetworkRepository {
 public:
  virtual ~NetworkRepository() = default;
};

}  // namespace minqing::app
