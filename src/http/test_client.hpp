// A small blocking HTTP/1.1 client for the HTTP tests, over Beast. One HttpClient is one TCP
// connection reused across requests (keep-alive); reads time out after a few seconds so a broken
// server fails a test instead of hanging it. An answer that is an event stream
// (text/event-stream) returns once its head has come, and closes the connection. Thread-safety: one
// thread per HttpClient.
#pragma once

#include <sys/socket.h>
#include <sys/time.h>

// clang-format off
#include <utility>  // Before the Asio headers: g++ 12 with C++20 needs it.
// clang-format on

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
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

// Gives a connected socket a receive/send timeout, so blocking reads cannot hang a test.
inline void SetSocketTimeout(boost::asio::ip::tcp::socket& socket, int seconds) {
  timeval timeout{seconds, 0};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
}

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : socket_(io_) {
    socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    SetSocketTimeout(socket_, 10);
  }

  HttpResult Send(const std::string& method, const std::string& target,
                  const std::string& body = "",
                  const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    namespace bhttp = boost::beast::http;
    bhttp::request<bhttp::string_body> request(bhttp::string_to_verb(method), target, 11);
    request.set(bhttp::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) request.set(name, value);
    if (!body.empty()) {
      request.set(bhttp::field::content_type, "application/json");
      request.body() = body;
    }
    request.prepare_payload();
    bhttp::write(socket_, request);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 20);
    if (method == "HEAD") parser.skip(true);
    bhttp::read_header(socket_, buffer_, parser);
    // An event stream never ends: its body is whatever arrived with the head, and the
    // connection is closed.
    const bool stream = parser.get()[bhttp::field::content_type].starts_with("text/event-stream");
    if (!stream) bhttp::read(socket_, buffer_, parser);
    auto& response = parser.get();
    HttpResult result;
    result.status = static_cast<int>(response.result_int());
    result.body = response.body();
    if (stream) {
      boost::system::error_code ignored;
      socket_.close(ignored);
    }
    for (const auto& field : response) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      result.headers.emplace(std::move(name), std::string(field.value()));
    }
    return result;
  }

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

// One request on a fresh connection.
inline HttpResult Call(std::uint16_t port, const std::string& method, const std::string& target,
                       const std::string& body = "",
                       const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  HttpClient client(port);
  return client.Send(method, target, body, headers);
}

}  // namespace minqing::http::testing
