#include "messaging/http_client.hpp"

#include <gtest/gtest.h>

// clang-format off
#include <utility>  // Before the Asio headers: g++ 12 with C++20 needs it.
// clang-format on

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>

#include "messaging/stub_sms_provider.hpp"

namespace minqing::messaging {
namespace {

TEST(SplitUrl, SplitsHttpAndHttpsUrls) {
  auto parts = SplitUrl("https://sms.tencentcloudapi.com");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->scheme, "https");
  EXPECT_EQ(parts->authority, "sms.tencentcloudapi.com");
  EXPECT_EQ(parts->path, "/");
  EXPECT_EQ(parts->query, "");

  parts = SplitUrl("HTTP://127.0.0.1:8080/hook/sms?token=abc#frag");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->scheme, "http");
  EXPECT_EQ(parts->authority, "127.0.0.1:8080");
  EXPECT_EQ(parts->path, "/hook/sms");
  EXPECT_EQ(parts->query, "token=abc");

  EXPECT_FALSE(SplitUrl("ftp://example.com/"));
  EXPECT_FALSE(SplitUrl("example.com/path"));
  EXPECT_FALSE(SplitUrl("https:///path"));
  EXPECT_FALSE(SplitUrl("https://user:pass@example.com/"));
}

TEST(ClipText, CutsAtACharacterBoundary) {
  EXPECT_EQ(ClipText("short", 10), "short");
  // "民情" is 6 bytes; a limit of 4 must not split the second character.
  EXPECT_EQ(ClipText("民情", 4), "民…");
  EXPECT_EQ(ClipText("abcdef", 3), "abc…");
}

// A port on which nothing listens: bound, then released.
std::uint16_t ClosedPort() {
  boost::asio::io_context context;
  boost::asio::ip::tcp::acceptor acceptor(context, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

TEST(HttpClient, ReportsARefusedConnectionWithoutThrowing) {
  HttpClient client;
  const auto response =
      client.Post("http://127.0.0.1:" + std::to_string(ClosedPort()) + "/", {}, "{}", 2000);
  EXPECT_EQ(response.status, 0);
  EXPECT_FALSE(response.timed_out);
  EXPECT_NE(response.error.find("connection failed"), std::string::npos) << response.error;
}

TEST(HttpClient, ReturnsStatusAndBody) {
  StubSmsProvider stub;
  HttpClient client;
  const auto response = client.Post("http://127.0.0.1:" + std::to_string(stub.port()) + "/nowhere",
                                    {{"Content-Type", "application/json"}}, "{}", 2000);
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("no such path"), std::string::npos);
  EXPECT_TRUE(response.error.empty());
}

TEST(HttpClient, TimesOutOnAServerThatNeverAnswers) {
  StubSmsProvider stub;
  stub.HangNext(1);
  HttpClient client;
  const auto start = std::chrono::steady_clock::now();
  const auto response = client.Post(stub.WebhookUrl(), {}, "{}", 300);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(response.status, 0);
  EXPECT_TRUE(response.timed_out);
  EXPECT_NE(response.error.find("timed out"), std::string::npos) << response.error;
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

}  // namespace
}  // namespace minqing::messaging
