// The ID-card parser (GB 11643): validation, and on a valid number the birth date and sex it
// encodes; a number rebuilt from those parts must validate again.
#include <cstddef>
#include <cstdint>

#include "domain/id_card.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace domain = minqing::domain;
  std::string_view number = minqing::fuzz::AsText(data, size);
  domain::IdCardCheckCharacter(number);
  domain::IdCardProblem problem = domain::ValidateIdCard(number);
  domain::IdCardProblemMessage(problem);
  if (problem != domain::IdCardProblem::kNone) return 0;
  std::string birth = domain::IdCardBirthDate(number);
  domain::IdCardSex(number);
  std::string compact = birth.substr(0, 4) + birth.substr(5, 2) + birth.substr(8, 2);
  int sequence = (number[14] - '0') * 100 + (number[15] - '0') * 10 + (number[16] - '0');
  std::string rebuilt = domain::MakeIdCard(number.substr(0, 6), compact, sequence);
  if (domain::ValidateIdCard(rebuilt) != domain::IdCardProblem::kNone) __builtin_trap();
  if (rebuilt.substr(0, 17) != number.substr(0, 17)) __builtin_trap();
  return 0;
}
