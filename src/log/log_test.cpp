#include "log/log.hpp"

#include <gtest/gtest.h>

namespace minqing::log {
namespace {

TEST(LogTest, JsonLineCarriesTimeLevelMessageFieldsAndRequestId) {
  const auto time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1796374800123));
  const std::string line = JsonLine(time, Level::kWarn, "慢语句 \"x\"\n",
                                    {{"rows", std::int64_t{3}}, {"ok", true}}, "abc-1");
  EXPECT_EQ(line,
            "{\"time\":\"2026-12-04T09:00:00.123Z\",\"level\":\"warn\",\"msg\":\"慢语句 "
            "\\\"x\\\"\\n\",\"rows\":3,\"ok\":true,\"request_id\":\"abc-1\"}\n");
}

TEST(LogTest, AFieldNamedRequestIdIsNotRepeated) {
  const std::string line = JsonLine(std::chrono::system_clock::time_point(), Level::kInfo,
                                    "request", {{"request_id", std::string_view("given")}}, "ctx");
  EXPECT_NE(line.find("\"request_id\":\"given\""), std::string::npos);
  EXPECT_EQ(line.find("ctx"), std::string::npos);
}

TEST(LogTest, RequestScopeNestsAndRestores) {
  EXPECT_EQ(CurrentRequestId(), "");
  {
    RequestScope outer("a");
    {
      RequestScope inner("b");
      EXPECT_EQ(CurrentRequestId(), "b");
    }
    EXPECT_EQ(CurrentRequestId(), "a");
  }
  EXPECT_EQ(CurrentRequestId(), "");
}

TEST(LogTest, SaneRequestIds) {
  EXPECT_TRUE(IsSaneRequestId("a"));
  EXPECT_TRUE(IsSaneRequestId("Req_1.2-3"));
  EXPECT_TRUE(IsSaneRequestId(std::string(64, 'x')));
  EXPECT_FALSE(IsSaneRequestId(""));
  EXPECT_FALSE(IsSaneRequestId(std::string(65, 'x')));
  EXPECT_FALSE(IsSaneRequestId("a b"));
  EXPECT_FALSE(IsSaneRequestId("a\"b"));
  EXPECT_FALSE(IsSaneRequestId("请求"));
  const std::string fresh = NewRequestId();
  EXPECT_EQ(fresh.size(), 16u);
  EXPECT_TRUE(IsSaneRequestId(fresh));
  EXPECT_NE(fresh, NewRequestId());
}

TEST(LogTest, FormatsParse) {
  EXPECT_EQ(ParseFormat("json"), Format::kJson);
  EXPECT_EQ(ParseFormat("text"), Format::kText);
  EXPECT_EQ(ParseFormat("xml"), std::nullopt);
}

TEST(LogTest, SlowThresholdIsOffUntilSet) {
  EXPECT_EQ(SlowStatementThreshold(), std::nullopt);
  SetSlowStatementThreshold(std::chrono::microseconds(0));
  EXPECT_EQ(SlowStatementThreshold(), std::chrono::microseconds(0));
  SetSlowStatementThreshold(std::nullopt);
  EXPECT_EQ(SlowStatementThreshold(), std::nullopt);
}

}  // namespace
}  // namespace minqing::log
