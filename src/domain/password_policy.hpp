// The password policy for every way an account gets a password (the API, `minqing user add`,
// `minqing init`): at least 8 characters and at most 128 bytes, at least two of the classes
// letters / digits / other characters, not the username, and not one of a short list of passwords
// that are guessed first. Returns every problem, in Chinese, for the field `field`.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"

namespace minqing::domain {

inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordBytes = 128;

std::vector<FieldProblem> CheckPassword(std::string_view password, std::string_view username,
                                        const std::string& field = "password");

}  // namespace minqing::domain
