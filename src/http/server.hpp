// The HTTP server: Boost.Beast over Asio. Each of `io_threads` runs its own I/O context; a new
// connection joins one of them (round robin) and stays there, so all its reads and writes run on
// one thread (HTTP/1.1 keep-alive, an idle/slow client timeout, a request body limit answered with
// 413). A quick request (see Pace in router.hpp: reads, and the intake that only queues its write)
// is handled right there; any other request is handed to a pool of `worker_threads` and its
// answer written back on the connection's I/O thread. So a slow client, a PDF being drawn or a
// write waiting for the database's lock never stalls other connections. With
// `quick_routes_on_io_threads` off (PostgreSQL, where every read is a network round trip) every
// request goes to the workers, except that a quick API read is first tried on the I/O thread
// where no wait for the database is allowed (app/database_wait.hpp): answered from the caches
// it is written at once, and at its first need of the database it is handed to the workers and
// answered there from the start. Paths under /api/ go to the JSON API (api.hpp); everything else is
// the web UI from `web_root` (static_files.hpp). Every response carries security headers.
// Thread-safety: Start() once; Stop() and Wait() may be called from any thread, Stop() is
// idempotent and also runs on destruction. `services` must outlive the Server.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

// Before the app headers, which use FieldProblem without including it.
#include "app/services.hpp"
#include "domain/errors.hpp"
#include "http/rate_limiter.hpp"

namespace minqing::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = any free port
  int io_threads = 2;
  int worker_threads = 4;  // requests that may wait run here, never on I/O threads
  bool quick_routes_on_io_threads = true;
  std::string web_root;  // directory of the built web UI (index.html); may be empty
  std::size_t max_body_bytes = 8 << 20;
  std::chrono::seconds idle_timeout{30};
  bool secure_cookies = false;  // Behind HTTPS: the session cookie gets "Secure".
  bool dev_sms = false;         // Development: the SMS outbox API (see ApiOptions).
  // Per address, for the routes that need no login. Off here, so that tests opt in;
  // `minqing serve` turns it on (120 a minute after a burst of 60, see --public-rate).
  RateLimit public_rate{0, 0};
  // Behind a reverse proxy on this host: the client address is the last hop of
  // X-Forwarded-For (which the proxy appends), so that limits count clients, not the proxy.
  // Only a connection from one of `trusted_proxies` is believed; anyone else reaching the
  // server directly is counted by their own address, whatever header they send.
  bool trust_forwarded_for = false;
  std::vector<std::string> trusted_proxies = {"127.0.0.1", "::1"};
  // When accept() fails (e.g. no file descriptors left) the loop waits this long before trying
  // again, and logs at most one line per `accept_log_interval`.
  std::chrono::milliseconds accept_retry_delay{100};
  std::chrono::seconds accept_log_interval{10};
  // GET /metrics (Prometheus text) answers a client on this host, and anyone else who sends
  // "Authorization: Bearer <metrics_token>" when it is set.
  std::string metrics_token;
};

class Server {
 public:
  Server(app::Services& services, ServerOptions options);
  ~Server();  // stops
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, starts the threads and returns the bound port. Throws std::runtime_error (with the
  // address) when binding fails.
  std::uint16_t Start();
  void Stop();  // idempotent
  void Wait();  // until stopped

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace minqing::http
