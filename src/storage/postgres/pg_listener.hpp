// Listens on a PostgreSQL notification channel (LISTEN) on a connection of its own and hands each
// notification's payload to `on_notice`, on the listener's own thread. When the connection cannot
// be made or is lost, it calls `on_notice("")` (notifications may have been missed) and connects
// again a second later; also right after each connection is made, since notifications sent before
// the LISTEN never arrive. SqlStore uses it so that a deployment's server processes see each
// other's writes (their caches' generations advance) within milliseconds.
// Thread-safety: `on_notice` runs on the listener's thread and must be thread-safe and quick. The
// destructor stops the thread and waits for it (at most about 0.2 s).
#pragma once

#include <functional>
#include <string>
#include <thread>

namespace minqing::storage {

class PgListener {
 public:
  using OnNotice = std::function<void(const std::string& payload)>;
  PgListener(std::string url, std::string channel, OnNotice on_notice);
  ~PgListener();
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;

 private:
  void Run(const std::stop_token& stop);

  std::string url_;
  std::string channel_;
  OnNotice on_notice_;
  std::jthread thread_;
};

}  // namespace minqing::storage
