// Masking of personal numbers in lists (110***********1234, 138****5678). Showing a number in
// full is a recorded action in app/. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace minqing::domain {

// Keeps the first 3 and last 4 characters of an ID-card number; stars in between.
std::string MaskIdCard(std::string_view number);

// Keeps the first 3 and last 4 digits of a phone number; stars in between.
std::string MaskPhone(std::string_view phone);

// Mainland mobile (1[3-9] + 9 digits) or a landline of 7–12 digits with an optional
// area-code dash.
bool IsPlausiblePhone(std::string_view phone);

}  // namespace minqing::domain
