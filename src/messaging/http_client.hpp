// A small blocking HTTP(S) POST client over libcurl, for the SMS gateways. Every failure to get an
// answer (no connection, TLS refused, timeout) is reported in the result, never thrown. TLS
// certificates are verified; redirects are not followed; only http and https are spoken. Proxies
// come from the usual environment variables (https_proxy, no_proxy), as curl reads them.
//
// Thread-safety: Post() may be called from many threads at once (one curl handle per call;
// libcurl's global set-up runs once, on the first HttpClient made).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minqing::messaging {

struct HttpRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;     // The HTTP status; 0 when no answer came.
  std::string body;   // At most kMaxBodyBytes.
  std::string error;  // Why no answer came (Chinese / English); empty when status != 0.
  bool timed_out = false;
};

// The parts of an http(s) URL that signing needs.
struct UrlParts {
  std::string scheme;     // "https"
  std::string authority;  // "sms.tencentcloudapi.com" or "127.0.0.1:8080", as Host carries it.
  std::string path;       // "/" when the URL has none; no query.
  std::string query;      // Without the '?'.
};

// Splits "scheme://host[:port][/path][?query]"; nullopt unless the scheme is http or https and a
// host is present. User info ("user@host") is refused.
std::optional<UrlParts> SplitUrl(const std::string& url);

class HttpClient {
 public:
  static constexpr std::size_t kMaxBodyBytes = 1 << 20;

  HttpClient();

  // POSTs `body` to `url` with `headers` (name, value) and waits at most `timeout_ms` for the
  // whole exchange. No Content-Type is sent unless `headers` has one.
  HttpResponse Post(const std::string& url,
                    const std::vector<std::pair<std::string, std::string>>& headers,
                    const std::string& body, int timeout_ms) const;
  HttpResponse Post(const HttpRequest& request, int timeout_ms) const {
    return Post(request.url, request.headers, request.body, timeout_ms);
  }
};

// `text` cut to at most `max_bytes` at a UTF-8 character boundary, with "…" when cut: for a
// provider's answer quoted in an error.
std::string ClipText(std::string_view text, std::size_t max_bytes = 300);

}  // namespace minqing::messaging
