#include "domain/privacy.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

TEST(PrivacyTest, MasksIdCardAndPhone) {
  EXPECT_EQ(MaskIdCard("110105194912311234"), "110***********1234");
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("123"), "***");
  EXPECT_EQ(MaskIdCard(""), "");
}

TEST(PrivacyTest, PlausiblePhones) {
  EXPECT_TRUE(IsPlausiblePhone("13812345678"));
  EXPECT_TRUE(IsPlausiblePhone("0318-7221234"));
  EXPECT_FALSE(IsPlausiblePhone("12812345678"));
  EXPECT_FALSE(IsPlausiblePhone("abc"));
  EXPECT_FALSE(IsPlausiblePhone("-12345678"));
}

}  // namespace
}  // namespace minqing::domain
