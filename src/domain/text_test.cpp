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

TEST(TextTest, DecodesAndEncodesCodePoints) {
  std::u32string expected = {U'a', U'停', U'\U0002B4E7', U'〇'};
  std::vector<char32_t> cps = CodePoints("a停\xF0\xAB\x93\xA7〇");
  EXPECT_EQ(std::u32string(cps.begin(), cps.end()), expected);
  std::string back;
  for (char32_t cp : cps) AppendUtf8(back, cp);
  EXPECT_EQ(back, "a停\xF0\xAB\x93\xA7〇");
}

TEST(TextTest, InvalidBytesBecomeReplacementCharacters) {
  // A lone continuation byte, a lead byte without its continuation, a truncated sequence.
  std::vector<char32_t> cps = CodePoints("\x80x\xE5y\xE5\x81");
  std::vector<char32_t> expected = {0xFFFD, U'x', 0xFFFD, U'y', 0xFFFD, 0xFFFD};
  EXPECT_EQ(cps, expected);
}

}  // namespace
}  // namespace minqing::domain
