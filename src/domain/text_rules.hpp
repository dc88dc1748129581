// Rules for the text fields of the registry, shared by every way a value comes in: API bodies,
// browser roster uploads and `minqing import`. A value must be valid UTF-8, carry no NUL or other
// control character (line breaks and tabs only where the field is multi-line) and stay within
// its length in characters (code points). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "domain/errors.hpp"
#include "domain/text.hpp"

namespace minqing::domain {

struct TextRule {
  std::size_t max_chars = 0;
  bool multiline = false;
  // The problem reported when the value is too long, e.g. "household.address_too_long".
  std::string_view too_long_code = "text.too_long";
  std::string_view too_long_message = "内容过长";
};

inline constexpr TextRule kAddressRule{120, false, "household.address_too_long",
                                       "地址不能超过120字"};
inline constexpr TextRule kHouseholdNumberRule{32, false, "household.number_too_long",
                                               "户编号不能超过32位"};
inline constexpr TextRule kPersonNameRule{20, false, "resident.name_too_long", "姓名过长"};
inline constexpr TextRule kRelationRule{10, false, "resident.relation_invalid", "与户主关系过长"};
inline constexpr TextRule kShortFieldRule{50, false, "text.too_long", "内容过长"};

bool IsValidUtf8(std::string_view text);

// The first problem of `value` under `rule`, or nullopt: "text.bad_encoding" (not UTF-8),
// "text.control_character" (NUL, other C0/C1 controls, DEL), then the rule's too-long problem.
std::optional<FieldProblem> CheckTextField(std::string_view field, std::string_view value,
                                           const TextRule& rule);

}  // namespace minqing::domain
