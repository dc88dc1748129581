// Storage of matters (诉求): the interface the matter use cases depend on, reached through
// StoreTx::Matters() so that it shares the transaction. storage/ implements it.
// Thread-safety: as StoreTx (one thread at a time).
#pragma once

#include "domain/model.hpp"

namespace minqing::app {

class MatterRepository {
 public:
  virtual ~MatterRepository() = default;
};

}  // namespace minqing::app
