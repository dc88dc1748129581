#include "domain/pinyin.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

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

// Names are read per ideograph from a table filled through ICU; ICU reads the whole text.
// They must agree on ideographs in every context, here random pairs and triples of the block.
TEST(PinyinTest, TableReadingEqualsIcuOnWholeNames) {
  std::uint32_t state = 12345;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return 0x4E00u + (state >> 8) % (0x9FFFu - 0x4E00u + 1u);
  };
  auto utf8 = [](std::uint32_t cp) {
    std::string out;
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    return out;
  };
  // A surname without an override first, so the whole name goes through the table.
  for (int i = 0; i < 3000; ++i) {
    std::string rest = utf8(next()) + utf8(next());
    if (i % 3 == 0) rest += utf8(next());
    std::string name = "王" + rest;
    EXPECT_EQ(PersonNamePinyin(name).full, TextPinyin(name)) << name;
  }
  for (const char* name : {"王景云", "李秀英", "张伟", "刘德华", "赵丽颖", "欧阳修", "司马光"}) {
    EXPECT_FALSE(PersonNamePinyin(name).full.empty());
  }
  // Text with other characters (the middle dot) is read by ICU as a whole.
  EXPECT_EQ(PersonNamePinyin("阿卜杜·热合曼").full, TextPinyin("阿卜杜·热合曼"));
}

}  // namespace
}  // namespace minqing::domain
