// The public base URL (对外网址): the scheme, host and port under which residents reach the
// server, the base of every contact card QR code, receipt link and SMS link. Pure rules, no I/O.
// Thread-safety: free functions on values.
#pragma once

#include <string>
#include <string_view>

namespace minqing::domain {

// The result of checking a public base URL: `url` is the normalised base (lower-case scheme and
// host, no trailing slash: "https://minqing.example.gov.cn" or "http://10.0.0.5:8080") when
// `problem` is empty; otherwise `problem` says in Chinese what is wrong.
struct PublicUrlCheck {
  std::string url;
  std::string problem;
  bool ok() const { return problem.empty(); }
};

// Accepts http:// or https://, a host name (ASCII; a Chinese domain in its xn-- form), an IPv4
// address or a bracketed IPv6 address, an optional port 1-65535 and at most one trailing slash.
// Refuses a path, query, fragment, user name or white space inside.
PublicUrlCheck CheckPublicUrl(std::string_view text);

// True when a normalised base names this machine only (localhost, 127.0.0.0/8, [::1], 0.0.0.0):
// a QR code with such a base opens nothing on a resident's phone.
bool IsLoopbackPublicUrl(std::string_view url);

}  // namespace minqing::domain
