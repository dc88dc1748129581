#include "domain/password_policy.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/text.hpp"

namespace minqing::domain {
namespace {

// Passwords tried first by guessing tools and by people who know Chinese habits (pinyin, dates,
// keyboard rows, "love you" numbers). Compared without regard to case.
constexpr std::array<std::string_view, 40> kCommonPasswords = {
    "12345678",   "123456789", "1234567890",  "87654321",   "11111111",  "00000000",
    "88888888",   "66666666",  "12341234",    "11223344",   "147258369", "123123123",
    "password",   "password1", "password123", "passw0rd",   "p@ssw0rd",  "qwertyui",
    "qwerty123",  "1qaz2wsx",  "1q2w3e4r",    "a1234567",   "abc12345",  "abcd1234",
    "aa123456",   "qq123456",  "asd123456",   "admin123",   "admin888",  "admin@123",
    "root1234",   "iloveyou",  "woaini1314",  "5201314520", "woaini520", "zhang123456",
    "wang123456", "li123456",  "minqing123",  "changeme"};

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::vector<FieldProblem> CheckPassword(std::string_view password, std::string_view username,
                                        const std::string& field) {
  std::vector<FieldProblem> problems;
  if (Utf8Length(password) < kMinPasswordLength) {
    problems.push_back({field, "user.password_too_short", "密码至少8位"});
    return problems;
  }
  if (password.size() > kMaxPasswordBytes) {
    problems.push_back({field, "user.password_too_long", "密码不能超过128个字符"});
    return problems;
  }
  bool letter = false;
  bool digit = false;
  bool other = false;
  for (unsigned char c : password) {
    if (std::isalpha(c)) {
      letter = true;
    } else if (std::isdigit(c)) {
      digit = true;
    } else {
      other = true;
    }
  }
  if (static_cast<int>(letter) + static_cast<int>(digit) + static_cast<int>(other) < 2) {
    problems.push_back({field, "user.password_weak",
                        "密码须包含字母、数字、符号中的至少两类，不能全是数字或全是字母"});
  }
  const std::string lower = Lower(password);
  if (!username.empty() && lower == Lower(username)) {
    problems.push_back({field, "user.password_is_username", "密码不能与用户名相同"});
  }
  if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), lower) !=
      kCommonPasswords.end()) {
    problems.push_back({field, "user.password_common", "该密码过于常见，容易被猜中，请换一个"});
  }
  return problems;
}

}  // namespace minqing::domain
