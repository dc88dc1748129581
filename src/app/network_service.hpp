// Use cases of the 1+10 contact network (党员联系户), its duties (四到户, 五必到) and the
// people's-conditions diary (民情日记). Thread-safe (state lives in the Store).
#pragma once

#include "app/actor.hpp"
#include "app/store.hpp"

namespace minqing::app {

class NetworkService {
 public:
  explicit NetworkService(Store& store) : store_(store) {}

 private:
  Store& store_;
};

}  // namespace minqing::app
