#include "domain/text_rules.hpp"

#include <string>

#include "domain/text.hpp"

namespace minqing::domain {

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra = 0;
    char32_t min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      min = 0x10000;
    } else {
      return false;
    }
    if (text.size() - i <= static_cast<std::size_t>(extra)) return false;
    char32_t cp = c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (next & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    i += extra + 1;
  }
  return true;
}

std::optional<FieldProblem> CheckTextField(std::string_view field, std::string_view value,
                                           const TextRule& rule) {
  if (!IsValidUtf8(value)) {
    return FieldProblem{std::string(field), "text.bad_encoding",
                        "含有无效的字符编码（应为 UTF-8）"};
  }
  for (std::size_t i = 0; i < value.size();) {
    char32_t cp = NextCodePoint(value, i);
    bool allowed_space = rule.multiline && (cp == '\t' || cp == '\n' || cp == '\r');
    if ((cp < 0x20 && !allowed_space) || (cp >= 0x7F && cp <= 0x9F)) {
      return FieldProblem{std::string(field), "text.control_character", "不能含有控制字符"};
    }
  }
  if (rule.max_chars > 0 && Utf8Length(value) > rule.max_chars) {
    return FieldProblem{std::string(field), std::string(rule.too_long_code),
                        std::string(rule.too_long_message)};
  }
  return std::nullopt;
}

}  // namespace minqing::domain
