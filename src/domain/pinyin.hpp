// Pinyin for name look-up: 王景云 → "wang jing yun" and initials "wjy". Uses ICU's Han-Latin
// transliteration, with an override table for surnames that ICU reads with their common
// reading (单 shan, 曾 zeng, 解 xie, 仇 qiu, 朴 piao, ...). Thread-safe: each thread keeps its own
// ICU transliterator.
#pragma once

#include <string>
#include <string_view>

namespace minqing::domain {

struct NamePinyin {
  std::string full;      // Syllables separated by single spaces, lower case, no tones.
  std::string initials;  // First letter of each syllable.
};

// Pinyin of a personal name; the first character (or a compound surname) uses surname readings.
NamePinyin PersonNamePinyin(std::string_view name);

// Pinyin of any text without surname overrides (used for place names).
std::string TextPinyin(std::string_view text);

// Normalises a look-up query: lower case, spaces removed. "Wang JY" → "wangjy".
std::string CompactLower(std::string_view text);

}  // namespace minqing::domain
