// A small blocking HTTP/1.1 client for the HTTP tests, over Beast. One HttpClient is one TCP
// connection reused across requests (keep-alive); reads time out after a few seconds so a broken
// server fails a test instead of hanging it. An answer that is an event stream
// (text/event-stream) returns once its head has come, and closes the connection. Thread-safety: one
// thread per HttpClient.
//
// The Beast and Asio code lives in test_client.cpp, compiled once: the dozens of test files that
// include this header then compile in about half the time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace minqing::http::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::multimap<std::string, std::string> headers;  // Lower-case names.

  nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string ErrorCode() const {
    auto json = Json();
    if (json.is_discarded() || !json.contains("error")) return {};
    return json["error"].value("code", "");
  }
};

// Gives a connected socket (its native handle) a receive/send timeout, so blocking reads cannot
// hang a test.
void SetSocketTimeout(int native_socket, int seconds);

class HttpClient {
 public:
  // Connects to 127.0.0.1:port; throws boost::system::system_error when nobody listens.
  explicit HttpClient(std::uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult Send(const std::string& method, const std::string& target,
                  const std::string& body = "",
                  const std::vector<std::pair<std::string, std::string>>& headers = {});

 private:
  struct Connection;
  std::unique_ptr<Connection> connection_;
};

// One request on a fresh connection.
HttpResult Call(std::uint16_t port, const std::string& method, const std::string& target,
                const std::string& body = "",
                const std::vector<std::pair<std::string, std::string>>& headers = {});

// Every sample of a Prometheus text page (GET /metrics): "name{labels}" -> value.
std::map<std::string, double> MetricSamples(const std::string& page);

}  // namespace minqing::http::testing
