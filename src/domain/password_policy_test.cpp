#include "domain/password_policy.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

std::vector<std::string> Codes(std::string_view password, std::string_view username = "wang") {
  std::vector<std::string> codes;
  for (const auto& problem : CheckPassword(password, username)) codes.push_back(problem.code);
  return codes;
}

TEST(PasswordPolicy, AcceptsPasswordsOfTwoClasses) {
  EXPECT_TRUE(Codes("demo123456").empty());
  EXPECT_TRUE(Codes("pass-word-1").empty());
  EXPECT_TRUE(Codes("民情为民-2026").empty());
}

TEST(PasswordPolicy, RefusesShortOneClassCommonAndUsernamePasswords) {
  EXPECT_EQ(Codes("short1"), std::vector<std::string>{"user.password_too_short"});
  // Four Chinese characters are four characters, not twelve bytes.
  EXPECT_EQ(Codes("民情为民"), std::vector<std::string>{"user.password_too_short"});
  EXPECT_EQ(Codes("20261202"), std::vector<std::string>{"user.password_weak"});
  EXPECT_EQ(Codes("abcdefgh"), std::vector<std::string>{"user.password_weak"});
  EXPECT_EQ(Codes("Admin123"), std::vector<std::string>{"user.password_common"});
  EXPECT_EQ(Codes("Wang.2026", "wang.2026"), std::vector<std::string>{"user.password_is_username"});
  EXPECT_EQ(Codes(std::string(129, 'a') + "1"), std::vector<std::string>{"user.password_too_long"});
  auto problems = CheckPassword("12345678", "wang", "new_password");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].field, "new_password");
  EXPECT_FALSE(problems[0].message.empty());
}

}  // namespace
}  // namespace minqing::domain
