// Resident identity card numbers (居民身份证号码, GB 11643-1999): 6-digit region code, 8-digit
// birth date, 3-digit sequence (odd for men, even for women) and a check character computed with
// the ISO 7064 MOD 11-2 scheme. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/model.hpp"

namespace minqing::domain {

// The check character ('0'..'9' or 'X') for the first 17 digits; nullopt if they are not digits.
std::optional<char> IdCardCheckCharacter(std::string_view first17);

enum class IdCardProblem { kNone, kLength, kCharacters, kBirthDate, kCheckDigit };

// Validates an 18-character number (a lowercase 'x' is accepted). Returns kNone when valid.
IdCardProblem ValidateIdCard(std::string_view number);

// Chinese message for a problem, e.g. "身份证号校验位错误".
std::string IdCardProblemMessage(IdCardProblem problem);

// The birth date encoded in a valid number as YYYY-MM-DD.
std::string IdCardBirthDate(std::string_view number);

// The sex encoded in a valid number (odd sequence: male).
Sex IdCardSex(std::string_view number);

// Builds a valid 18-character number from region code, birth date (YYYYMMDD) and a sequence
// 0..999. Used by the demo generator and tests.
std::string MakeIdCard(std::string_view region6, std::string_view birth_yyyymmdd, int sequence);

// True when y-m-d is a real calendar date.
bool IsValidDate(int year, int month, int day);

}  // namespace minqing::domain
