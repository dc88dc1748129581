#include "storage/lookup_index.hpp"

#include <gtest/gtest.h>

namespace minqing::storage {
namespace {

TEST(LowerIsAsciiLower, AsciiAndCaselessTextIsFoldedByTheLoadItself) {
  EXPECT_TRUE(LowerIsAsciiLower(""));
  EXPECT_TRUE(LowerIsAsciiLower("HH-0012 Room 3B"));
  EXPECT_TRUE(LowerIsAsciiLower("饶阳镇小石楼村3号"));
  EXPECT_TRUE(LowerIsAsciiLower("阿依古丽·买买提"));
  EXPECT_TRUE(LowerIsAsciiLower("１２号楼（东）"));
  EXPECT_TRUE(LowerIsAsciiLower("𠀋村"));
}

TEST(LowerIsAsciiLower, LettersWithCaseBeyondAsciiAreLeftToTheDatabase) {
  EXPECT_FALSE(LowerIsAsciiLower("Ａ座"));
  EXPECT_FALSE(LowerIsAsciiLower("ｂ座"));
  EXPECT_FALSE(LowerIsAsciiLower("ÉCOLE"));
  EXPECT_FALSE(LowerIsAsciiLower("Ⅲ区"));
  EXPECT_FALSE(LowerIsAsciiLower("Ωmega"));
  EXPECT_FALSE(LowerIsAsciiLower("\xff\xfe"));
}

}  // namespace
}  // namespace minqing::storage
