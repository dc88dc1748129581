#include "domain/id_card.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

TEST(IdCardTest, AcceptsPublishedExample) {
  // The example number from GB 11643-1999's annex.
  EXPECT_EQ(ValidateIdCard("11010519491231002X"), IdCardProblem::kNone);
  EXPECT_EQ(ValidateIdCard("11010519491231002x"), IdCardProblem::kNone);
}

TEST(IdCardTest, RejectsWrongCheckDigit) {
  EXPECT_EQ(ValidateIdCard("110105194912310021"), IdCardProblem::kCheckDigit);
}

TEST(IdCardTest, RejectsBadLengthCharactersAndDates) {
  EXPECT_EQ(ValidateIdCard("1101051949123100"), IdCardProblem::kLength);
  EXPECT_EQ(ValidateIdCard("11010519491231A02X"), IdCardProblem::kCharacters);
  EXPECT_EQ(ValidateIdCard("110105194902300021"), IdCardProblem::kBirthDate);
  EXPECT_EQ(ValidateIdCard("110105190002290021"), IdCardProblem::kBirthDate);  // 1900: no Feb 29.
}

TEST(IdCardTest, MakeIdCardProducesValidNumbers) {
  for (int seq = 0; seq < 1000; seq += 37) {
    std::string number = MakeIdCard("131124", "20000229", seq);
    EXPECT_EQ(ValidateIdCard(number), IdCardProblem::kNone) << number;
    EXPECT_EQ(IdCardBirthDate(number), "2000-02-29");
    EXPECT_EQ(IdCardSex(number), seq % 2 == 1 ? Sex::kMale : Sex::kFemale);
  }
}

TEST(IdCardTest, MessagesAreChinese) {
  EXPECT_EQ(IdCardProblemMessage(IdCardProblem::kCheckDigit), "身份证号校验位错误");
  EXPECT_EQ(IdCardProblemMessage(IdCardProblem::kNone), "");
}

}  // namespace
}  // namespace minqing::domain
