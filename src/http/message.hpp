// Transport-neutral HTTP request and response values that the router, the API handlers and the
// static file handler work on; server.cpp converts them from and to Beast messages. Keeping Beast
// out of the handlers lets them be tested without sockets. Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minqing::http {

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

struct Request {
  std::string method;                             // Upper case: "GET", "POST", ...
  std::string path;                               // Percent-decoded path without the query string.
  std::multimap<std::string, std::string> query;  // Decoded query parameters.
  std::map<std::string, std::string> headers;     // Names in lower case.
  std::string body;
  std::string client_address;
  // The request's id: the client's X-Request-Id when sane (log::IsSaneRequestId), else a fresh
  // one; sent back in the response's X-Request-Id, written in the server's log lines and the
  // audit entries the request makes.
  std::string request_id;

  // The header's value, or empty when absent. `name` must be lower case.
  std::string Header(std::string_view name) const;
  // The first value of a query parameter, or nullopt.
  std::optional<std::string> Query(std::string_view name) const;
  // Every value of a repeated query parameter, in order.
  std::vector<std::string> QueryAll(std::string_view name) const;
  // The named cookie's value from the Cookie header, or nullopt.
  std::optional<std::string> Cookie(std::string_view name) const;
};

// A response that stays open and sends events (text/event-stream, server-sent events). The server
// writes the head without a length, calls Start() once on the connection's thread, writes every
// chunk given to `send` in order, and calls Stop() once when the connection ends (the client went
// away, a write failed, the server stops). `send` may be called from any thread, also after the
// connection ended (it then does nothing). Implementations must be thread-safe.
class EventStream {
 public:
  using Send = std::function<void(std::string chunk)>;
  virtual ~EventStream() = default;
  virtual void Start(Send send) = 0;
  virtual void Stop() = 0;
};

struct Response {
  int status = 200;
  std::string content_type = std::string(kJsonContentType);
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // Extra headers, e.g. Set-Cookie.
  // Set by a handler that answers later through its Responder; everything else is then ignored.
  bool deferred = false;
  // Set: the body is this stream's events (see EventStream); `body` is ignored.
  std::shared_ptr<EventStream> stream;
  // The signed-in account that made the request, set by the API for the server's request log.
  std::optional<std::int64_t> account_id;
};

// The status line and header block of `response` as HTTP/1.`version_minor` sends it, ending with
// the empty line (Beast's reason phrases): `fixed_fields` (complete "Name: value\r\n" lines, from
// code), Content-Type, the response's own headers (CR and LF in names or values are dropped),
// Content-Length (none for 1xx, 204 and 304) and Connection when `keep_alive` differs from the
// version's default. A `content_length` of std::string::npos sends no Content-Length (a stream).
std::string ResponseHead(const Response& response, unsigned version_minor, bool keep_alive,
                         std::size_t content_length, std::string_view fixed_fields);

// Makes a deferred response. May throw; the API maps the exception to its error response.
using ResponseMaker = std::function<Response()>;
// Completes a deferred response: call it once, from any thread, with the function that makes
// the response; the server runs that function on the connection's I/O thread and sends the
// result. Dropping a Responder without calling it leaves the client without an answer.
using Responder = std::function<void(ResponseMaker make)>;

inline Response DeferredResponse() {
  Response response;
  response.deferred = true;
  return response;
}

// Percent-decodes `text`; with `plus_is_space`, '+' becomes ' ' (query strings). Returns nullopt
// for malformed escapes.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Splits a request target into a decoded path and decoded query parameters. Returns false when the
// target is malformed.
bool ParseTarget(std::string_view target, std::string& path,
                 std::multimap<std::string, std::string>& query);

}  // namespace minqing::http
