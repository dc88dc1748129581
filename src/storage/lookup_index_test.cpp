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

TEST(LookupPieces, EveryOneAndTwoCodePointsOfEachValueWithoutMarksOrLineEnds) {
  const Params row = {
      std::int64_t{1},   "/1/",        "HH-1", "hh-1",        "饶阳3号", "\n\x01王伟\n\x02李\n",
      "\n\x01wangwei\n", "\n\x01ww\n", "",     "\n\x01X'\\\n"};
  EXPECT_EQ(LookupPiecesVector(row),
            "'''' '''\\\\' '-' '-1' '3号' 'X''' '\\\\' 'h-' 'hh' '伟' '号' '李' '王' '王伟' '阳' "
            "'阳3' '饶' '饶阳'");
}

// The members' pinyin keys and initials are found through the residents' indexes: their pieces
// are left out, even those no other column holds ("ü"), while the same pair in another column
// stays.
TEST(LookupPieces, PinyinAndInitialsHoldNoPieces) {
  const Params row = {std::int64_t{1},     "/1/",        "7", "7", "wa巷", "\n\x01王伟\n",
                      "\n\x01lüwangwei\n", "\n\x01lw\n", "",  ""};
  EXPECT_EQ(LookupPiecesVector(row), "'a巷' 'wa' '伟' '巷' '王' '王伟'");
}

TEST(LookupPieces, AQueryAsksForItsPairsOrItsOneCodePoint) {
  EXPECT_EQ(LookupPiecesQuery({"王"}), "('王')");
  EXPECT_EQ(LookupPiecesQuery({"王伟"}), "('王伟')");
  EXPECT_EQ(LookupPiecesQuery({"王秀英", "wxy"}), "('王秀' & '秀英') | ('wx' & 'xy')");
  EXPECT_EQ(LookupPiecesQuery({"a'b\\"}), "('a''' & '''b' & 'b\\\\')");
  EXPECT_EQ(LookupPiecesQuery({"𠀋村"}), "('𠀋村')");
}

TEST(LookupPieces, RunsOfDigitsAlsoGiveTheirQuadruples) {
  const std::string phones =
      "\n\x01"
      "138123\n";
  const Params row = {std::int64_t{1}, "/1/", "1", "1", "", "", "", "", phones, ""};
  EXPECT_EQ(LookupPiecesVector(row), "'1381' '3812' '8123'");
}

TEST(LookupPieces, AValueOfOnlyPiecesNearlyEveryHouseholdHoldsAsksForNone) {
  EXPECT_EQ(LookupPiecesQuery({"w"}), "");
  EXPECT_EQ(LookupPiecesQuery({"7"}), "");
  EXPECT_EQ(LookupPiecesQuery({"123"}), "");
  EXPECT_EQ(LookupPiecesQuery({"王", "w"}), "");
  EXPECT_EQ(LookupPiecesQuery({"12a"}), "('2a')");
  EXPECT_EQ(LookupPiecesQuery({"第17"}), "('第1')");
}

TEST(LookupPieces, AQueryCoversItsRunsOfDigitsWithQuadruples) {
  EXPECT_EQ(LookupPiecesQuery({"13812345678"}), "('1381' & '2345' & '5678')");
  EXPECT_EQ(LookupPiecesQuery({"1234"}), "('1234')");
  EXPECT_EQ(LookupPiecesQuery({"第12345号x"}), "('第1' & '1234' & '2345' & '5号' & '号x')");
}

}  // namespace
}  // namespace minqing::storage
