#include "http/message.hpp"

#include <gtest/gtest.h>

namespace minqing::http {
namespace {

TEST(MessageTest, ParsesTargetWithDecodedQuery) {
  std::string path;
  std::multimap<std::string, std::string> query;
  ASSERT_TRUE(ParseTarget("/api/v1/households?q=%E7%8E%8B+jy&tag=a&tag=b&empty", path, query));
  EXPECT_EQ(path, "/api/v1/households");
  Request request;
  request.query = query;
  EXPECT_EQ(request.Query("q"), "王 jy");
  EXPECT_EQ(request.QueryAll("tag"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(request.Query("empty"), "");
  EXPECT_EQ(request.Query("missing"), std::nullopt);
}

TEST(MessageTest, RejectsMalformedTargets) {
  std::string path;
  std::multimap<std::string, std::string> query;
  EXPECT_FALSE(ParseTarget("no-slash", path, query));
  EXPECT_FALSE(ParseTarget("/a%2", path, query));
  EXPECT_FALSE(ParseTarget("/a%zz", path, query));
  EXPECT_FALSE(ParseTarget("/a%00b", path, query));
  EXPECT_FALSE(ParseTarget("/a?x=%g1", path, query));
}

TEST(MessageTest, ReadsCookies) {
  Request request;
  request.headers["cookie"] = "theme=dark; mq_session=abc123 ;other=1";
  EXPECT_EQ(request.Cookie("mq_session"), "abc123");
  EXPECT_EQ(request.Cookie("other"), "1");
  EXPECT_EQ(request.Cookie("missing"), std::nullopt);
}

TEST(MessageTest, ResponseHeadIsAWholeHttpHead) {
  Response response;
  response.status = 201;
  response.headers = {{"Set-Cookie", "mq_session=abc; HttpOnly"}, {"X-Bad", "a\r\nInjected: 1"}};
  std::string head = ResponseHead(response, 1, true, 42, "Server: minqing\r\n");
  EXPECT_EQ(head,
            "HTTP/1.1 201 Created\r\n"
            "Server: minqing\r\n"
            "Content-Type: application/json; charset=utf-8\r\n"
            "Set-Cookie: mq_session=abc; HttpOnly\r\n"
            "X-Bad: aInjected: 1\r\n"
            "Content-Length: 42\r\n"
            "\r\n");
}

TEST(MessageTest, ResponseHeadSaysWhenTheConnectionCloses) {
  Response response;
  response.status = 413;
  EXPECT_NE(ResponseHead(response, 1, false, 0, "").find("\r\nConnection: close\r\n"),
            std::string::npos);
  // HTTP/1.0 closes by default and keeps the connection only when told.
  EXPECT_EQ(ResponseHead(response, 0, false, 0, "").find("Connection:"), std::string::npos);
  EXPECT_NE(ResponseHead(response, 0, true, 0, "").find("\r\nConnection: keep-alive\r\n"),
            std::string::npos);
  EXPECT_EQ(ResponseHead(response, 0, true, 0, "").rfind("HTTP/1.0 413 Payload Too Large\r\n", 0),
            0u);
}

TEST(MessageTest, ResponseHeadLeavesOutContentLengthWhereThereIsNoBody) {
  Response response;
  response.status = 204;
  response.content_type.clear();
  EXPECT_EQ(ResponseHead(response, 1, true, 0, ""), "HTTP/1.1 204 No Content\r\n\r\n");
}

}  // namespace
}  // namespace minqing::http
