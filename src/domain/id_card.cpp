#include "domain/id_card.hpp"

#include <array>
#include <cstdio>

namespace minqing::domain {
namespace {

constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::array<char, 11> kCheckCharacters = {'1', '0', 'X', '9', '8', '7',
                                                   '6', '5', '4', '3', '2'};

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ParseInt(std::string_view s) {
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

bool IsValidDate(int year, int month, int day) {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int days = kDays[month - 1];
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && leap) days = 29;
  return day <= days;
}

std::optional<char> IdCardCheckCharacter(std::string_view first17) {
  if (first17.size() != 17 || !AllDigits(first17)) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckCharacters[sum % 11];
}

IdCardProblem ValidateIdCard(std::string_view number) {
  if (number.size() != 18) return IdCardProblem::kLength;
  if (!AllDigits(number.substr(0, 17))) return IdCardProblem::kCharacters;
  char last = number[17];
  if (last == 'x') last = 'X';
  if (!(last == 'X' || (last >= '0' && last <= '9'))) return IdCardProblem::kCharacters;
  if (!IsValidDate(ParseInt(number.substr(6, 4)), ParseInt(number.substr(10, 2)),
                   ParseInt(number.substr(12, 2)))) {
    return IdCardProblem::kBirthDate;
  }
  if (IdCardCheckCharacter(number.substr(0, 17)) != last) return IdCardProblem::kCheckDigit;
  return IdCardProblem::kNone;
}

std::string IdCardProblemMessage(IdCardProblem problem) {
  switch (problem) {
    case IdCardProblem::kNone:
      return "";
    case IdCardProblem::kLength:
      return "身份证号应为18位";
    case IdCardProblem::kCharacters:
      return "身份证号只能包含数字，最后一位可为X";
    case IdCardProblem::kBirthDate:
      return "身份证号中的出生日期无效";
    case IdCardProblem::kCheckDigit:
      return "身份证号校验位错误";
  }
  return "";
}

std::string IdCardBirthDate(std::string_view number) {
  if (number.size() < 14) return "";
  std::string out;
  out.append(number.substr(6, 4)).append("-").append(number.substr(10, 2)).append("-");
  out.append(number.substr(12, 2));
  return out;
}

Sex IdCardSex(std::string_view number) {
  if (number.size() < 17) return Sex::kMale;
  return ((number[16] - '0') % 2 == 1) ? Sex::kMale : Sex::kFemale;
}

std::string MakeIdCard(std::string_view region6, std::string_view birth_yyyymmdd, int sequence) {
  char seq[8];
  std::snprintf(seq, sizeof(seq), "%03d", ((sequence % 1000) + 1000) % 1000);
  std::string first17;
  first17.reserve(18);
  first17.append(region6).append(birth_yyyymmdd).append(seq);
  auto check = IdCardCheckCharacter(first17);
  first17.push_back(check.value_or('0'));
  return first17;
}

}  // namespace minqing::domain
