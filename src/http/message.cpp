#include "http/message.hpp"

// clang-format off
#include <ostream>  // Before Beast's status header, which streams without including it.
// clang-format on

#include <boost/beast/http/status.hpp>
#include <cctype>

namespace minqing::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string Request::Header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Request::QueryAll(std::string_view name) const {
  std::vector<std::string> values;
  auto [begin, end] = query.equal_range(std::string(name));
  for (auto it = begin; it != end; ++it) values.push_back(it->second);
  return values;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  std::string header = Header("cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    std::size_t semi = rest.find(';');
    std::string_view pair = Trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (Trim(pair.substr(0, eq)) == name) return std::string(Trim(pair.substr(eq + 1)));
  }
  return std::nullopt;
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int high = HexValue(text[i + 1]);
      int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool ParseTarget(std::string_view target, std::string& path,
                 std::multimap<std::string, std::string>& query) {
  std::size_t question = target.find('?');
  auto decoded_path = PercentDecode(target.substr(0, question), false);
  if (!decoded_path || decoded_path->empty() || decoded_path->front() != '/') return false;
  if (decoded_path->find('\0') != std::string::npos) return false;
  path = std::move(*decoded_path);
  query.clear();
  if (question == std::string_view::npos) return true;
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    std::size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq), true);
    auto value = PercentDecode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!name || !value) return false;
    query.emplace(std::move(*name), std::move(*value));
  }
  return true;
}

namespace {

namespace bhttp = boost::beast::http;

void AppendField(std::string& out, std::string_view name, std::string_view value) {
  for (char c : name) {
    if (c != '\r' && c != '\n') out.push_back(c);
  }
  out += ": ";
  for (char c : value) {
    if (c != '\r' && c != '\n') out.push_back(c);
  }
  out += "\r\n";
}

}  // namespace

std::string ResponseHead(const Response& response, unsigned version_minor, bool keep_alive,
                         std::size_t content_length, std::string_view fixed_fields) {
  std::string out;
  out.reserve(256 + fixed_fields.size());
  out += version_minor == 0 ? "HTTP/1.0 " : "HTTP/1.1 ";
  out += std::to_string(response.status);
  out += ' ';
  const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(response.status));
  out.append(reason.data(), reason.size());
  out += "\r\n";
  out += fixed_fields;
  if (!response.content_type.empty()) AppendField(out, "Content-Type", response.content_type);
  for (const auto& [name, value] : response.headers) AppendField(out, name, value);
  const bool bodiless = response.status < 200 || response.status == 204 || response.status == 304;
  if (!bodiless && content_length != std::string::npos) {
    AppendField(out, "Content-Length", std::to_string(content_length));
  }
  if (version_minor == 0 && keep_alive) out += "Connection: keep-alive\r\n";
  if (version_minor != 0 && !keep_alive) out += "Connection: close\r\n";
  out += "\r\n";
  return out;
}

}  // namespace minqing::http
