#include "domain/public_url.hpp"

#include <algorithm>
#include <cctype>

namespace minqing::domain {
namespace {

constexpr std::string_view kExample = "（例如 https://minqing.example.gov.cn）";

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool IsDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool IsIpv4(std::string_view host) {
  int parts = 0;
  while (true) {
    auto dot = host.find('.');
    std::string_view part = host.substr(0, dot);
    if (!IsDigits(part) || part.size() > 3 || std::stoi(std::string(part)) > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return parts == 4;
}

bool IsHostName(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  while (true) {
    auto dot = host.find('.');
    std::string_view label = host.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (unsigned char c : label) {
      if (!std::isalnum(c) && c != '-') return false;
    }
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return true;
}

bool IsBracketedIpv6(std::string_view host) {
  if (host.size() < 4 || host.front() != '[' || host.back() != ']') return false;
  std::string_view inner = host.substr(1, host.size() - 2);
  if (inner.find(':') == std::string_view::npos) return false;
  return std::all_of(inner.begin(), inner.end(),
                     [](unsigned char c) { return std::isxdigit(c) || c == ':' || c == '.'; });
}

PublicUrlCheck Problem(std::string text) { return {"", std::move(text)}; }

}  // namespace

PublicUrlCheck CheckPublicUrl(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  if (text.empty()) return Problem("请填写对外网址" + std::string(kExample));
  std::string lower = Lower(text);
  std::string scheme;
  if (lower.starts_with("https://")) {
    scheme = "https";
  } else if (lower.starts_with("http://")) {
    scheme = "http";
  } else {
    return Problem("对外网址必须以 http:// 或 https:// 开头" + std::string(kExample));
  }
  std::string_view rest = std::string_view(lower).substr(scheme.size() + 3);
  if (rest.ends_with('/')) rest.remove_suffix(1);
  for (unsigned char c : rest) {
    if (c >= 0x80) {
      return Problem("中文域名请填写其 xn-- 形式（Punycode），例如 https://xn--fiqs8s.example.cn");
    }
    if (std::isspace(c) || std::iscntrl(c)) return Problem("对外网址中不能有空格或控制字符");
  }
  if (rest.find_first_of("/?#") != std::string_view::npos) {
    return Problem("对外网址只能包含协议、主机名和端口，不能带路径、查询参数或锚点" +
                   std::string(kExample));
  }
  if (rest.find('@') != std::string_view::npos) {
    return Problem("对外网址不能包含用户名或密码" + std::string(kExample));
  }
  std::string_view host = rest;
  std::string_view port;
  if (host.starts_with('[')) {
    auto close = host.find(']');
    if (close == std::string_view::npos) return Problem("IPv6 地址的方括号不完整");
    if (close + 1 < host.size()) {
      if (host[close + 1] != ':') return Problem("主机名格式不正确");
      port = host.substr(close + 2);
      if (port.empty()) return Problem("端口号必须是 1–65535 的数字");
    }
    host = host.substr(0, close + 1);
  } else if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
    if (port.empty()) return Problem("端口号必须是 1–65535 的数字");
  }
  if (host.empty()) return Problem("对外网址缺少主机名" + std::string(kExample));
  if (!port.empty() && (!IsDigits(port) || port.size() > 5 || std::stoi(std::string(port)) < 1 ||
                        std::stoi(std::string(port)) > 65535)) {
    return Problem("端口号必须是 1–65535 的数字");
  }
  bool numeric = std::all_of(host.begin(), host.end(),
                             [](unsigned char c) { return std::isdigit(c) || c == '.'; });
  bool valid = host.starts_with('[') ? IsBracketedIpv6(host)
               : numeric             ? IsIpv4(host)
                                     : IsHostName(host);
  if (!valid) return Problem("主机名格式不正确：" + std::string(host));
  std::string url = scheme + "://" + std::string(host);
  if (!port.empty()) url += ":" + std::string(port);
  return {url, ""};
}

bool IsLoopbackPublicUrl(std::string_view url) {
  auto start = url.find("://");
  if (start == std::string_view::npos) return true;
  std::string_view host = url.substr(start + 3);
  if (host.starts_with('[')) {
    host = host.substr(0, host.find(']') + 1);
    return host == "[::1]" || host == "[::]" || host == "[0:0:0:0:0:0:0:1]";
  }
  host = host.substr(0, host.find(':'));
  if (host == "localhost" || host.ends_with(".localhost")) return true;
  return IsIpv4(host) && (host.starts_with("127.") || host == "0.0.0.0");
}

}  // namespace minqing::domain
