#include "domain/text.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

TEST(TextTest, TrimDropsAsciiSpaceOnly) {
  EXPECT_EQ(Trim("  \t张三\r\n"), "张三");
  EXPECT_EQ(Trim("\xE3\x80\x80张三"), "\xE3\x80\x80张三");
  EXPECT_EQ(Trim("   "), "");
}

TEST(TextTest, TrimWideAlsoDropsIdeographicSpaceAndByteOrderMark) {
  EXPECT_EQ(TrimWide("\xEF\xBB\xBF\xE3\x80\x80 张 三\xE3\x80\x80\n"), "张 三");
  EXPECT_EQ(TrimWide("\xE3\x80\x80"), "");
  EXPECT_EQ(TrimWide("a"), "a");
}

TEST(TextTest, CountsAndCutsByCharacter) {
  EXPECT_EQ(Utf8Length("停车难ab"), 5u);
  EXPECT_EQ(Utf8Prefix("停车难ab", 2), "停车");
  EXPECT_EQ(Utf8Prefix("停车", 5), "停车");
}

TEST(TextTest, IsoDatesMustBeRealDays) {
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-2-1"));
  EXPECT_FALSE(IsIsoDate("2023/02/01"));
}

}  // namespace
}  // namespace minqing::domain
