#include "domain/pinyin.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

TEST(PinyinTest, CommonName) {
  auto p = PersonNamePinyin("王景云");
  EXPECT_EQ(p.full, "wang jing yun");
  EXPECT_EQ(p.initials, "wjy");
}

TEST(PinyinTest, SurnameOverrides) {
  EXPECT_EQ(PersonNamePinyin("单雄信").full.substr(0, 5), "shan ");
  EXPECT_EQ(PersonNamePinyin("曾国藩").initials.substr(0, 1), "z");
  EXPECT_EQ(PersonNamePinyin("解缙").full.substr(0, 4), "xie ");
  EXPECT_EQ(PersonNamePinyin("仇英").full.substr(0, 4), "qiu ");
  EXPECT_EQ(PersonNamePinyin("朴树").full.substr(0, 5), "piao ");
  EXPECT_EQ(PersonNamePinyin("欧阳修").initials, "oyx");
}

TEST(PinyinTest, CompactLower) { EXPECT_EQ(CompactLower("Wang JY"), "wangjy"); }

TEST(PinyinTest, NonChineseTextPassesThrough) {
  EXPECT_EQ(PersonNamePinyin("Anna").full, "anna");
  EXPECT_EQ(PersonNamePinyin("").initials, "");
}

}  // namespace
}  // namespace minqing::domain
