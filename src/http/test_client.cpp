#include "http/test_client.hpp"

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
#include <sstream>

namespace minqing::http::testing {

void SetSocketTimeout(int native_socket, int seconds) {
  timeval timeout{seconds, 0};
  ::setsockopt(native_socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(native_socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
}

struct HttpClient::Connection {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket{io};
  boost::beast::flat_buffer buffer;
};

HttpClient::HttpClient(std::uint16_t port) : connection_(std::make_unique<Connection>()) {
  connection_->socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  SetSocketTimeout(connection_->socket.native_handle(), 10);
}

HttpClient::~HttpClient() = default;

HttpResult HttpClient::Send(const std::string& method, const std::string& target,
                            const std::string& body,
                            const std::vector<std::pair<std::string, std::string>>& headers) {
  namespace bhttp = boost::beast::http;
  auto& socket = connection_->socket;
  auto& buffer = connection_->buffer;
  bhttp::request<bhttp::string_body> request(bhttp::string_to_verb(method), target, 11);
  request.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty()) {
    request.set(bhttp::field::content_type, "application/json");
    request.body() = body;
  }
  request.prepare_payload();
  bhttp::write(socket, request);
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  if (method == "HEAD") parser.skip(true);
  bhttp::read_header(socket, buffer, parser);
  // An event stream never ends: its body is whatever arrived with the head, and the
  // connection is closed.
  const bool stream = parser.get()[bhttp::field::content_type].starts_with("text/event-stream");
  if (!stream) bhttp::read(socket, buffer, parser);
  auto& response = parser.get();
  HttpResult result;
  result.status = static_cast<int>(response.result_int());
  result.body = response.body();
  if (stream) {
    boost::system::error_code ignored;
    socket.close(ignored);
  }
  for (const auto& field : response) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    result.headers.emplace(std::move(name), std::string(field.value()));
  }
  return result;
}

HttpResult Call(std::uint16_t port, const std::string& method, const std::string& target,
                const std::string& body,
                const std::vector<std::pair<std::string, std::string>>& headers) {
  HttpClient client(port);
  return client.Send(method, target, body, headers);
}

std::map<std::string, double> MetricSamples(const std::string& page) {
  std::map<std::string, double> out;
  std::istringstream lines(page);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.rfind(' ');
    if (space == std::string::npos) continue;
    out[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return out;
}

}  // namespace minqing::http::testing
