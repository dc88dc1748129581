// The set of use-case services one running minqing exposes, wired by cli/ (the composition root)
// and handed to the HTTP layer. Thread-safety: every service is safe to share between threads.
#pragma once

#include <memory>

#include "app/auth_service.hpp"
#include "app/matter_service.hpp"
#include "app/network_service.hpp"
#include "app/registry_service.hpp"
#include "app/store.hpp"

namespace minqing::app {

struct Services {
  explicit Services(std::unique_ptr<Store> opened_store)
      : store(std::move(opened_store)),
        auth(*store),
        registry(*store),
        matters(*store),
        network(*store) {}

  std::unique_ptr<Store> store;
  AuthService auth;
  RegistryService registry;
  MatterService matters;
  NetworkService network;
};

}  // namespace minqing::app
