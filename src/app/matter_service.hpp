// Use cases of matters (诉求): intake at one window, routing, handling, deadlines, escalation,
// supervision, the resident's sign-off and the three rates. Thread-safe (state lives in the Store).
#pragma once

#include "app/actor.hpp"
#include "app/store.hpp"

namespace minqing::app {

class MatterService {
 public:
  explicit MatterService(Store& store) : store_(store) {}

 private:
  Store& store_;
};

}  // namespace minqing::app
