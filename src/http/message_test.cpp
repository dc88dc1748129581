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

}  // namespace
}  // namespace minqing::http
