#include "messaging/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace minqing::messaging {
namespace {

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct Sink {
  std::string body;
  bool overflow = false;
};

std::size_t WriteBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t bytes = size * count;
  if (sink->body.size() + bytes > HttpClient::kMaxBodyBytes) {
    sink->overflow = true;
    return 0;  // Makes curl stop with CURLE_WRITE_ERROR.
  }
  sink->body.append(data, bytes);
  return bytes;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::optional<UrlParts> SplitUrl(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return std::nullopt;
  UrlParts parts;
  parts.scheme = Lower(url.substr(0, scheme_end));
  if (parts.scheme != "http" && parts.scheme != "https") return std::nullopt;
  const auto rest = url.substr(scheme_end + 3);
  const auto authority_end = rest.find_first_of("/?#");
  parts.authority = Lower(rest.substr(0, authority_end));
  if (parts.authority.empty() || parts.authority.find('@') != std::string::npos) {
    return std::nullopt;
  }
  if (authority_end != std::string::npos) {
    std::string tail = rest.substr(authority_end);
    tail = tail.substr(0, tail.find('#'));
    const auto query_start = tail.find('?');
    if (query_start != std::string::npos) {
      parts.query = tail.substr(query_start + 1);
      tail.resize(query_start);
    }
    parts.path = tail;
  }
  // push_back rather than `= "/"`: g++ 12 warns (-Wrestrict) on the assignment once inlined.
  if (parts.path.empty()) parts.path.push_back('/');
  return parts;
}

std::string ClipText(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  // Back up over continuation bytes (10xxxxxx) to the start of a character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

HttpClient::HttpClient() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl 初始化失败 / libcurl failed to start");
    }
  });
}

HttpResponse HttpClient::Post(const std::string& url,
                              const std::vector<std::pair<std::string, std::string>>& headers,
                              const std::string& body, int timeout_ms) const {
  HttpResponse response;
  std::unique_ptr<CURL, CurlEasyDeleter> handle(curl_easy_init());
  if (!handle) {
    response.error = "无法创建 HTTP 请求 / cannot create an HTTP request";
    return response;
  }
  bool has_content_type = false;
  curl_slist* raw_list = nullptr;
  for (const auto& [name, value] : headers) {
    if (Lower(name) == "content-type") has_content_type = true;
    std::string line = name;
    line.append(": ").append(value);
    raw_list = curl_slist_append(raw_list, line.c_str());
  }
  // Without this curl would add "Content-Type: application/x-www-form-urlencoded" to a POST,
  // a header the caller did not sign.
  if (!has_content_type) raw_list = curl_slist_append(raw_list, "Content-Type:");
  // "Expect: 100-continue" would cost a round trip on larger bodies.
  raw_list = curl_slist_append(raw_list, "Expect:");
  std::unique_ptr<curl_slist, CurlListDeleter> list(raw_list);

  Sink sink;
  char error_buffer[CURL_ERROR_SIZE] = {};
  CURL* curl = handle.get();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  // Signals cannot interrupt name resolution in a multi-threaded program.
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  const long timeout = std::max(1, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeout);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "minqing-sms/1");

  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) {
    std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    if (code == CURLE_OPERATION_TIMEDOUT) {
      response.timed_out = true;
      response.error = "请求超时 / request timed out after " + std::to_string(timeout) + " ms";
    } else if (sink.overflow) {
      response.error = "应答过大 / answer larger than " + std::to_string(kMaxBodyBytes) + " bytes";
    } else {
      response.error = "连接失败 / connection failed: " + detail;
    }
    return response;
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  response.body = std::move(sink.body);
  return response;
}

}  // namespace minqing::messaging
