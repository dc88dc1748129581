#include "http/server.hpp"

// clang-format off
#include <utility>  // Before the Asio headers: g++ 12 with C++20 needs it.
// clang-format on

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "app/database_wait.hpp"
#include "http/api.hpp"
#include "http/metrics.hpp"
#include "http/static_files.hpp"
#include "log/log.hpp"

namespace minqing::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

std::string_view View(beast::string_view text) { return {text.data(), text.size()}; }

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// What the server keeps of a request until its answer is made: its metrics slot, the moment it
// was read, and what its log line names.
struct RequestInfo {
  std::size_t slot;
  std::chrono::steady_clock::time_point read_at;
  std::string request_id;
  std::string method;
  std::string client_address;
};

}  // namespace

class Server::Impl {
 public:
  Impl(app::Services& services, ServerOptions options)
      : services_(services),
        options_(std::move(options)),
        api_(services, ApiOptions{options_.secure_cookies, options_.dev_sms, options_.public_rate}),
        static_files_(options_.web_root),
        metrics_(RouteNames(api_.router())),
        started_at_(std::chrono::system_clock::now()),
        contexts_(MakeContexts(options_.io_threads)),
        acceptor_(*contexts_.front()),
        accept_timer_(*contexts_.front()) {}

  ~Impl() { Stop(); }

  std::uint16_t Start();
  void Stop();
  void Wait();

  // The API route of a request (looked up once: it decides the thread, then is dispatched), or
  // nullopt for a path outside /api/ and /open311/.
  std::optional<Router::Match> ApiRoute(const Request& request) const {
    if (request.path == "/api" || request.path.rfind("/api/", 0) == 0 ||
        request.path.rfind("/open311/", 0) == 0) {
      return api_.router().Find(request.method, request.path);
    }
    return std::nullopt;
  }

  // The metrics slot of a request (see HttpMetrics): its API route, the web UI, or none.
  std::size_t MetricsSlot(const Request& request, const std::optional<Router::Match>& route) const {
    if (!route)
      return request.path == "/metrics" ? metrics_.unmatched_slot() : metrics_.static_slot();
    if (route->route == nullptr) return metrics_.unmatched_slot();
    return static_cast<std::size_t>(route->route - api_.router().routes().data());
  }
  HttpMetrics& metrics() { return metrics_; }

  // After an answer is made: counts it in the metrics, sends the request id back and, with the
  // JSON log, writes the request's line.
  void Finished(const RequestInfo& info, Response& response) {
    const auto elapsed = std::chrono::steady_clock::now() - info.read_at;
    metrics_.Record(info.slot, response.status, elapsed);
    response.headers.emplace_back("X-Request-Id", info.request_id);
    if (log::CurrentFormat() != log::Format::kJson) return;
    const auto& routes = api_.router().routes();
    std::string_view route = info.slot == metrics_.static_slot() ? "(web)" : "(none)";
    if (info.slot < routes.size()) route = routes[info.slot].pattern;
    const double ms = std::chrono::duration<double, std::milli>(elapsed).count();
    const std::int64_t status = response.status;
    const log::Level level = status >= 500 ? log::Level::kError : log::Level::kInfo;
    log::Field account{"account_id", std::monostate{}};
    if (response.account_id) account.value = static_cast<std::int64_t>(*response.account_id);
    log::Write(level, "request",
               {{"request_id", std::string_view(info.request_id)},
                {"method", std::string_view(info.method)},
                {"route", route},
                {"status", status},
                {"duration_ms", ms},
                account,
                {"remote", std::string_view(info.client_address)}});
  }

  // Whether the request may be handled on its connection's I/O thread (see Pace in router.hpp).
  // Static files come from memory or the page cache.
  bool RunsOnIoThread(const Request& request, const std::optional<Router::Match>& route) const {
    if (!options_.quick_routes_on_io_threads) return false;
    return !route || Router::IsQuick(*route, request.method);
  }

  // Whether, with quick routes off the I/O threads, the request is tried there first in an
  // app::NoDatabaseWait scope: a quick API read, which the caches may answer without a round
  // trip; the first wait for the database hands it to the workers.
  bool TriesOnIoThread(const Request& request, const std::optional<Router::Match>& route) const {
    return !options_.quick_routes_on_io_threads && route &&
           (request.method == "GET" || request.method == "HEAD") &&
           Router::IsQuick(*route, request.method);
  }

  // Answers one request; never throws (but app::WouldWaitForDatabase inside an
  // app::NoDatabaseWait scope, see TriesOnIoThread). An API route may defer its answer to
  // `responder` (the result is then DeferredResponse()).
  Response Handle(const Request& request, std::optional<Router::Match> route,
                  Responder responder) const {
    if (route) return api_.Handle(request, std::move(*route), std::move(responder));
    if (request.path == "/metrics") return Metrics(request);
    if (request.method != "GET" && request.method != "HEAD") {
      return JsonResponse(405, ErrorJson("request.method_not_allowed", "不支持该请求方法"));
    }
    try {
      return static_files_.Serve(request);
    } catch (...) {
      return ErrorResponse(std::current_exception());
    }
  }

  const ServerOptions& options() const { return options_; }
  void CountHandedToWorkers() { handed_to_workers_.fetch_add(1, std::memory_order_relaxed); }
  asio::thread_pool& workers() { return *workers_; }

  // GET /metrics: only for a client on this host (a proxy's own clients come with their address,
  // see trust_forwarded_for) or one that presents ServerOptions::metrics_token.
  Response Metrics(const Request& request) const;

  // Deferred answers not yet handed to their connection's I/O thread. Stop() waits for them,
  // so that no completion posts to an I/O context that is gone.
  struct PendingAnswer {
    explicit PendingAnswer(Impl& impl) : impl(impl) { impl.pending_answers_.fetch_add(1); }
    ~PendingAnswer() {
      if (impl.pending_answers_.fetch_sub(1) == 1) {
        std::lock_guard lock(impl.mutex_);  // Pairs with the wait in Stop().
        impl.stopped_cv_.notify_all();
      }
    }
    PendingAnswer(const PendingAnswer&) = delete;
    PendingAnswer& operator=(const PendingAnswer&) = delete;
    Impl& impl;
  };

 private:
  void Accept();
  // Reads the unread state of the users with an open event stream a few times a second (see
  // app::NotificationFeed); idle while nobody listens.
  void PollNotifications(const std::stop_token& stop);

  app::Services& services_;
  ServerOptions options_;
  Api api_;
  StaticFiles static_files_;
  mutable HttpMetrics metrics_;
  std::chrono::system_clock::time_point started_at_;
  static std::vector<std::pair<std::string, std::string>> RouteNames(const Router& router) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Route& route : router.routes()) out.emplace_back(route.method, route.pattern);
    return out;
  }
  // One I/O context per I/O thread (concurrency hint 1): a connection stays on the context it
  // was accepted to, so its handlers never run concurrently and need no strand, and a request
  // handled on its I/O thread costs no wake-up of another thread.
  static std::vector<std::unique_ptr<asio::io_context>> MakeContexts(int count) {
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    for (int i = 0; i < std::max(1, count); ++i) {
      contexts.push_back(std::make_unique<asio::io_context>(1));
    }
    return contexts;
  }

  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  std::size_t next_context_ = 0;  // Round robin; used by the accept loop only.
  tcp::acceptor acceptor_;
  asio::steady_timer accept_timer_;  // The pause after a failed accept; accept loop only.
  std::uint64_t accept_failures_ = 0;
  std::chrono::steady_clock::time_point last_accept_log_{};
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::unique_ptr<asio::thread_pool> workers_;
  std::vector<std::thread> io_threads_;
  std::jthread feed_poller_;
  std::mutex mutex_;
  std::condition_variable stopped_cv_;
  bool started_ = false;
  bool stopped_ = false;   // Stop() has begun.
  bool finished_ = false;  // Every thread has ended.
  std::atomic<int> pending_answers_{0};
  // Quick reads tried on an I/O thread that needed the database (TriesOnIoThread).
  std::atomic<std::uint64_t> handed_to_workers_{0};
};

namespace {

// One client connection. Its I/O handlers run on the one thread of its I/O context; a request is
// handled there too when it is quick, and on the worker pool otherwise.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    beast::error_code error;
    auto endpoint = stream_.socket().remote_endpoint(error);
    if (!error) {
      asio::ip::address address = endpoint.address();
      // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
      if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
      }
      client_address_ = address.to_string();
      const auto& trusted = server_.options().trusted_proxies;
      from_trusted_proxy_ =
          std::find(trusted.begin(), trusted.end(), client_address_) != trusted.end();
    }
  }

  // An event stream still open when the connection goes (the server stopping) is ended here.
  ~Connection() {
    if (events_) events_->Stop();
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool FromTrustedProxy() const { return from_trusted_proxy_; }

  void Run() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Connection::Read, shared_from_this()));
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(server_.options().max_body_bytes);
    stream_.expires_after(server_.options().idle_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Connection::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code error, std::size_t) {
    if (error == bhttp::error::body_limit) {
      keep_alive_ = false;
      Write(JsonResponse(413, ErrorJson("request.too_large", "请求体过大")), 11);
      return;
    }
    if (error) {
      Close();
      return;
    }
    const auto read_at = std::chrono::steady_clock::now();
    bhttp::request<bhttp::string_body> message = parser_->release();
    keep_alive_ = message.keep_alive();
    unsigned version = message.version();
    Request request;
    request.method = std::string(View(message.method_string()));
    request.client_address = client_address_;
    for (const auto& field : message) {
      request.headers[Lower(View(field.name_string()))] = std::string(View(field.value()));
    }
    request.body = std::move(message.body());
    if (server_.options().trust_forwarded_for && FromTrustedProxy()) {
      // The proxy appends the address it saw; earlier entries are whatever the client sent.
      const std::string& forwarded = request.Header("x-forwarded-for");
      if (!forwarded.empty()) {
        std::string last = forwarded.substr(forwarded.rfind(',') + 1);
        last.erase(0, last.find_first_not_of(' '));
        last.erase(last.find_last_not_of(' ') + 1);
        if (!last.empty()) request.client_address = std::move(last);
      }
    }
    if (!ParseTarget(View(message.target()), request.path, request.query)) {
      Write(JsonResponse(400, ErrorJson("request.bad_target", "请求地址格式错误")), version);
      return;
    }
    if (const std::string& given = request.Header("x-request-id"); log::IsSaneRequestId(given)) {
      request.request_id = given;
    } else {
      request.request_id = log::NewRequestId();
    }
    // No timer while the use case runs: the client is waiting for us, not idle.
    stream_.expires_never();
    std::optional<Router::Match> route = server_.ApiRoute(request);
    Timing timing{server_.MetricsSlot(request, route), read_at, request.request_id, request.method,
                  request.client_address};
    if (server_.RunsOnIoThread(request, route)) {
      Answer(request, std::move(route), version, timing);
      return;
    }
    if (server_.TriesOnIoThread(request, route)) {
      try {
        const app::NoDatabaseWait on_io_thread;
        Answer(request, route, version, timing);
        return;
      } catch (const app::WouldWaitForDatabase&) {
        server_.CountHandedToWorkers();
      }
    }
    asio::post(server_.workers(), [self = shared_from_this(), request = std::move(request),
                                   route = std::move(route), version, timing]() mutable {
      self->Answer(request, std::move(route), version, timing);
    });
  }

  using Timing = RequestInfo;

  // Handles the request on the calling thread (this connection's I/O thread or a worker) and
  // writes the answer on the I/O thread. Reads are answered at once; writes may wait for a shared
  // commit without holding the thread (see Responder).
  void Answer(const Request& request, std::optional<Router::Match> route, unsigned version,
              const Timing& timing) {
    const bool head = request.method == "HEAD";
    const bool read = head || request.method == "GET";
    // Log lines written while the request is handled on this thread (a slow statement) name it.
    const log::RequestScope scope(request.request_id);
    Response response = server_.Handle(request, std::move(route),
                                       read ? http::Responder() : MakeResponder(version, timing));
    if (response.deferred) return;
    server_.Finished(timing, response);
    asio::dispatch(stream_.get_executor(),
                   [self = shared_from_this(), response = std::move(response), version,
                    head]() mutable { self->Write(std::move(response), version, head); });
  }

  // Answers later: the response is made and written on this connection's I/O thread.
  http::Responder MakeResponder(unsigned version, const Timing& timing) {
    // The connection is released before the pending count drops, so that Stop() cannot return
    // (and the I/O context go) while a deferred answer still holds a connection.
    struct Pending {
      Pending(Server::Impl& server, std::shared_ptr<Connection> connection)
          : answer(server), self(std::move(connection)) {}
      Server::Impl::PendingAnswer answer;
      std::shared_ptr<Connection> self;
    };
    auto pending = std::make_shared<Pending>(server_, shared_from_this());
    return [pending, version, timing](ResponseMaker make) {
      auto self = pending->self;
      asio::post(self->stream_.get_executor(), [self, make = std::move(make), version, timing] {
        Response response;
        try {
          response = make();
        } catch (...) {
          response = JsonResponse(500, ErrorJson("internal", "服务器内部错误"));
        }
        self->server_.Finished(timing, response);
        self->Write(std::move(response), version);
      });
    };
  }

  // For HEAD the body is left out but Content-Length is the one GET would have.
  void Write(Response response, unsigned version, bool head = false) {
    if (response.stream && !head) {
      StartStream(std::move(response), version);
      return;
    }
    // The head is made here rather than through a Beast message: the same bytes, without a
    // field allocation per header.
    struct Outgoing {
      std::string head;
      std::string body;
    };
    auto outgoing = std::make_shared<Outgoing>();
    outgoing->head =
        ResponseHead(response, version % 10, keep_alive_, response.body.size(), FixedFields());
    if (!head) outgoing->body = std::move(response.body);
    stream_.expires_after(server_.options().idle_timeout);
    std::array<asio::const_buffer, 2> buffers{asio::buffer(outgoing->head),
                                              asio::buffer(outgoing->body)};
    asio::async_write(stream_, buffers,
                      [self = shared_from_this(), outgoing](beast::error_code error, std::size_t) {
                        self->OnWrite(error);
                      });
  }

  // Sent with every response.
  static std::string_view FixedFields() {
    static const std::string fields = [] {
      std::string out =
          "Server: minqing\r\nX-Content-Type-Options: nosniff\r\n"
          "X-Frame-Options: DENY\r\nReferrer-Policy: same-origin\r\n";
      out += "Content-Security-Policy: ";
      out += kContentSecurityPolicy;
      out += "\r\n";
      return out;
    }();
    return fields;
  }

  void OnWrite(beast::error_code error) {
    if (error || !keep_alive_) {
      Close();
      return;
    }
    Read();
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  // An event stream: the head without a length, then the stream's chunks in order, a comment
  // line every kPingInterval (so that a client that went away is noticed by a failed write), until
  // the client closes, a write fails or the queue backs up.
  static constexpr auto kPingInterval = std::chrono::seconds(20);
  static constexpr std::size_t kMaxQueuedChunks = 256;

  void StartStream(Response response, unsigned version) {
    keep_alive_ = false;
    events_ = std::move(response.stream);
    response.headers.emplace_back("X-Accel-Buffering", "no");
    // No timer on the raw socket writes: a stalled client shows as a backed-up queue instead.
    stream_.expires_never();
    Enqueue(ResponseHead(response, version % 10, false, std::string::npos, FixedFields()));
    // The client sends nothing more; a finished read means it closed the connection.
    stream_.socket().async_read_some(
        asio::buffer(probe_),
        [self = shared_from_this()](beast::error_code, std::size_t) { self->EndStream(); });
    std::weak_ptr<Connection> weak = weak_from_this();
    // The strong reference moves into the posted handler: none is left on the caller's thread
    // (the feed's poller, under its lock), where dropping the last one would run ~Connection and
    // so Stop() and the feed's Unsubscribe() there.
    events_->Start([weak](std::string chunk) {
      if (auto self = weak.lock()) {
        auto executor = self->stream_.get_executor();
        asio::post(executor, [self = std::move(self), chunk = std::move(chunk)]() mutable {
          self->Enqueue(std::move(chunk));
        });
      }
    });
    Ping();
  }

  void Ping() {
    ping_timer_.expires_after(kPingInterval);
    ping_timer_.async_wait([self = shared_from_this()](beast::error_code error) {
      if (error || !self->events_) return;
      self->Enqueue(": ping\n\n");
      self->Ping();
    });
  }

  void Enqueue(std::string chunk) {
    if (ended_) return;
    if (queue_.size() >= kMaxQueuedChunks) {
      EndStream();
      return;
    }
    queue_.push_back(std::move(chunk));
    if (!writing_) WriteNext();
  }

  void WriteNext() {
    writing_ = true;
    asio::async_write(stream_.socket(), asio::buffer(queue_.front()),
                      [self = shared_from_this()](beast::error_code error, std::size_t) {
                        if (error) {
                          self->EndStream();
                          return;
                        }
                        self->queue_.pop_front();
                        if (self->queue_.empty()) {
                          self->writing_ = false;
                        } else {
                          self->WriteNext();
                        }
                      });
  }

  void EndStream() {
    if (ended_) return;
    ended_ = true;
    ping_timer_.cancel();
    if (auto events = std::move(events_)) events->Stop();
    Close();
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string client_address_;
  bool from_trusted_proxy_ = false;
  bool keep_alive_ = true;
  // Event streams only.
  std::shared_ptr<EventStream> events_;
  asio::steady_timer ping_timer_{stream_.get_executor()};
  std::deque<std::string> queue_;
  std::array<char, 64> probe_{};
  bool writing_ = false;
  bool ended_ = false;
};

}  // namespace

Response Server::Impl::Metrics(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    return JsonResponse(405, ErrorJson("request.method_not_allowed", "不支持该请求方法"));
  }
  const std::string& address = request.client_address;
  // A proxy on this host forwarding someone else's request is not this host's own scraper, even
  // when the server was not told to trust the proxy's header.
  const bool local = (address == "127.0.0.1" || address == "::1") &&
                     request.Header("x-forwarded-for").empty() &&
                     request.Header("x-real-ip").empty();
  const std::string& token = options_.metrics_token;
  const std::string presented = request.Header("authorization");
  bool token_ok = false;
  if (!token.empty() && presented.size() == token.size() + 7 &&
      presented.rfind("Bearer ", 0) == 0) {
    unsigned char difference = 0;
    for (std::size_t i = 0; i < token.size(); ++i) {
      difference |= static_cast<unsigned char>(presented[i + 7] ^ token[i]);
    }
    token_ok = difference == 0;
  }
  if (!local && !token_ok) {
    return JsonResponse(403,
                        ErrorJson("metrics.forbidden", "监控指标仅限本机或持有令牌的采集端读取"));
  }
  std::string out;
  out.reserve(16384);
  metrics_.Render(out);
  const app::IntakeBatcher::Stats intake = services_.matters.batcher().stats();
  AppendMetric(out, "minqing_intake_queue_depth", "", static_cast<double>(intake.waiting), "gauge");
  AppendMetric(out, "minqing_intake_batches_total", "", static_cast<double>(intake.batches),
               "counter");
  AppendMetric(out, "minqing_intake_jobs_total", "", static_cast<double>(intake.jobs), "counter");
  out += "# TYPE minqing_intake_batch_size histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < intake.batch_sizes.size(); ++i) {
    cumulative += intake.batch_sizes[i];
    const std::string le = i < app::IntakeBatcher::kBatchSizeBounds.size()
                               ? std::to_string(app::IntakeBatcher::kBatchSizeBounds[i])
                               : "+Inf";
    AppendMetric(out, "minqing_intake_batch_size_bucket", "le=\"" + le + "\"",
                 static_cast<double>(cumulative));
  }
  AppendMetric(out, "minqing_intake_batch_size_sum", "", static_cast<double>(intake.jobs));
  AppendMetric(out, "minqing_intake_batch_size_count", "", static_cast<double>(intake.batches));
  AppendMetric(out, "minqing_http_deferred_answers", "",
               static_cast<double>(pending_answers_.load()), "gauge");
  AppendMetric(out, "minqing_http_reads_handed_to_workers_total", "",
               static_cast<double>(handed_to_workers_.load()), "counter");
  try {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    const app::SmsStatus sms = services_.sms_outbox.StatusForOperator(now);
    out += "# TYPE minqing_sms_outbox_messages gauge\n";
    for (const auto& [state, count] : sms.counts) {
      AppendMetric(out, "minqing_sms_outbox_messages", "state=\"" + MetricLabel(state) + "\"",
                   static_cast<double>(count));
    }
    AppendMetric(out, "minqing_sms_alert", "", sms.alert ? 1 : 0, "gauge");
    AppendMetric(out, "minqing_database_up", "", 1, "gauge");
  } catch (...) {
    AppendMetric(out, "minqing_database_up", "", 0, "gauge");
  }
  const app::DatabaseStats db = services_.store->Statistics();
  out += "# HELP minqing_db_statements_total Statements and transaction commands run.\n";
  AppendMetric(out, "minqing_db_statements_total", "", static_cast<double>(db.statements),
               "counter");
  AppendMetric(out, "minqing_db_statement_seconds_total", "", db.statement_seconds, "counter");
  out +=
      "# HELP minqing_db_slow_statements_total Statements at or over the slow-statement "
      "threshold (logged).\n";
  AppendMetric(out, "minqing_db_slow_statements_total", "", static_cast<double>(db.slow_statements),
               "counter");
  out += "# HELP minqing_db_errors_total Failed statements by kind.\n";
  out += "# TYPE minqing_db_errors_total counter\n";
  for (const auto& [kind, count] :
       {std::pair{"constraint", db.constraint_errors},
        std::pair{"serialization", db.serialization_errors},
        std::pair{"connection", db.connection_errors}, std::pair{"other", db.other_errors}}) {
    AppendMetric(out, "minqing_db_errors_total", std::string("kind=\"") + kind + "\"",
                 static_cast<double>(count));
  }
  if (const app::ReplicaStats replica = services_.store->Replica(); replica.configured) {
    out +=
        "# HELP minqing_replica_reads_total Reads for the replica: begun there, or sent to the "
        "primary because it was behind their fence or down.\n";
    out += "# TYPE minqing_replica_reads_total counter\n";
    for (const auto& [outcome, count] :
         {std::pair{"replica", replica.reads}, std::pair{"behind", replica.behind},
          std::pair{"down", replica.down}}) {
      AppendMetric(out, "minqing_replica_reads_total", std::string("outcome=\"") + outcome + "\"",
                   static_cast<double>(count));
    }
    AppendMetric(out, "minqing_replica_up", "", replica.lag_bytes ? 1 : 0, "gauge");
    if (replica.lag_bytes) {
      out +=
          "# HELP minqing_replica_lag_bytes WAL the primary wrote that the replica has not "
          "replayed yet.\n";
      AppendMetric(out, "minqing_replica_lag_bytes", "", static_cast<double>(*replica.lag_bytes),
                   "gauge");
    }
  }
  std::vector<app::CacheCount> caches = services_.CacheCounts();
  for (app::CacheCount& count : api_.CacheCounts()) caches.push_back(std::move(count));
  out += "# HELP minqing_cache_hits_total Reads answered from an in-memory cache.\n";
  out += "# TYPE minqing_cache_hits_total counter\n";
  for (const app::CacheCount& cache : caches) {
    AppendMetric(out, "minqing_cache_hits_total", "cache=\"" + MetricLabel(cache.name) + "\"",
                 static_cast<double>(cache.hits));
  }
  out += "# HELP minqing_cache_misses_total Reads a cache could not answer (absent or stale).\n";
  out += "# TYPE minqing_cache_misses_total counter\n";
  for (const app::CacheCount& cache : caches) {
    AppendMetric(out, "minqing_cache_misses_total", "cache=\"" + MetricLabel(cache.name) + "\"",
                 static_cast<double>(cache.misses));
  }
  AppendMetric(out, "minqing_process_resident_memory_bytes", "",
               static_cast<double>(ResidentMemoryBytes()), "gauge");
  AppendMetric(
      out, "minqing_process_start_time_seconds", "",
      static_cast<double>(
          std::chrono::duration_cast<std::chrono::seconds>(started_at_.time_since_epoch()).count()),
      "gauge");
  Response response;
  response.status = 200;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.headers.emplace_back("Cache-Control", "no-store");
  response.body = std::move(out);
  return response;
}

std::uint16_t Server::Impl::Start() {
  {
    std::lock_guard lock(mutex_);
    if (started_) throw std::logic_error("minqing http: Server::Start called twice");
    started_ = true;
  }
  tcp::endpoint endpoint(asio::ip::make_address(options_.address), options_.port);
  try {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("minqing http: cannot listen on " + options_.address + ":" +
                             std::to_string(options_.port) + ": " + e.code().message());
  }
  std::uint16_t port = acceptor_.local_endpoint().port();
  workers_ = std::make_unique<asio::thread_pool>(std::max(1, options_.worker_threads));
  for (auto& context : contexts_) work_.push_back(asio::make_work_guard(*context));
  Accept();
  for (auto& context : contexts_) {
    io_threads_.emplace_back([&context = *context] { context.run(); });
  }
  feed_poller_ = std::jthread([this](const std::stop_token& stop) { PollNotifications(stop); });
  return port;
}

void Server::Impl::Accept() {
  asio::io_context& context = *contexts_[next_context_++ % contexts_.size()];
  acceptor_.async_accept(context, [this](beast::error_code error, tcp::socket socket) {
    if (error == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!error) {
      std::make_shared<Connection>(std::move(socket), *this)->Run();
      Accept();
      return;
    }
    // Out of file descriptors (or memory) the pending connection stays queued and accept fails
    // again at once: retrying without a pause spins a core and floods the log. Wait, and say so
    // once per interval with the count of failures since.
    ++accept_failures_;
    const auto now = std::chrono::steady_clock::now();
    const bool never_logged = last_accept_log_ == std::chrono::steady_clock::time_point{};
    if (never_logged || now - last_accept_log_ >= options_.accept_log_interval) {
      const std::string reason = error.message();
      log::Warn("minqing http: 无法接受连接 accept failed",
                {{"error", std::string_view(reason)},
                 {"failures", static_cast<std::int64_t>(accept_failures_)},
                 {"retry_ms", static_cast<std::int64_t>(options_.accept_retry_delay.count())}});
      last_accept_log_ = now;
      accept_failures_ = 0;
    }
    accept_timer_.expires_after(options_.accept_retry_delay);
    accept_timer_.async_wait([this](beast::error_code wait_error) {
      if (wait_error == asio::error::operation_aborted || !acceptor_.is_open()) return;
      Accept();
    });
  });
}

void Server::Impl::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
  }
  if (started_) {
    if (feed_poller_.joinable()) {
      feed_poller_.request_stop();
      feed_poller_.join();
    }
    asio::post(acceptor_.get_executor(), [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
      accept_timer_.cancel();
    });
    work_.clear();
    for (auto& context : contexts_) context->stop();
    for (auto& thread : io_threads_) thread.join();
    if (workers_) {
      workers_->stop();
      workers_->join();
    }
    // No worker can defer an answer any more. Those already deferred (durable intake) come
    // within a commit's time and post to the stopped I/O context, which drops them when it is
    // destroyed; it must not be destroyed before they have posted.
    std::unique_lock lock(mutex_);
    stopped_cv_.wait(lock, [this] { return pending_answers_.load() == 0; });
  }
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
  }
  stopped_cv_.notify_all();
}

void Server::Impl::PollNotifications(const std::stop_token& stop) {
  app::NotificationFeed& feed = services_.feed;
  std::mutex mutex;
  std::condition_variable_any wake;
  while (!stop.stop_requested()) {
    if (feed.listeners() == 0) {
      feed.WaitForListeners(std::chrono::milliseconds(200));
      continue;
    }
    try {
      feed.Poll();
    } catch (const std::exception& e) {
      log::Error("minqing: 读取消息提醒失败 notification poll failed",
                 {{"error", std::string_view(e.what())}});
    }
    std::unique_lock lock(mutex);
    wake.wait_for(lock, stop, std::chrono::milliseconds(250), [] { return false; });
  }
}

void Server::Impl::Wait() {
  std::unique_lock lock(mutex_);
  stopped_cv_.wait(lock, [this] { return finished_; });
}

Server::Server(app::Services& services, ServerOptions options)
    : impl_(std::make_unique<Impl>(services, std::move(options))) {}

Server::~Server() = default;

std::uint16_t Server::Start() { return impl_->Start(); }

void Server::Stop() { impl_->Stop(); }

void Server::Wait() { impl_->Wait(); }

}  // namespace minqing::http
