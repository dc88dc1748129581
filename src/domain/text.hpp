// Small text helpers every layer needs: trimming, counting and cutting UTF-8 by characters, and
// the ISO date shape. Inputs need not be valid UTF-8 (invalid bytes count as characters of their
// own). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace minqing::domain {

// `text` without leading and trailing ASCII white space (space, tab, CR, LF).
std::string Trim(std::string_view text);

// Like Trim, and also drops the ideographic space U+3000 and the byte-order mark U+FEFF that
// spreadsheets and Chinese input methods leave around cell values.
std::string TrimWide(std::string_view text);

// Number of characters (code points) in UTF-8 text.
std::size_t Utf8Length(std::string_view text);

// The first `chars` characters of `text` (all of it when shorter).
std::string Utf8Prefix(std::string_view text, std::size_t chars);

// The code point of UTF-8 `text` at byte `i`, advancing `i` past it. An invalid or truncated
// sequence yields U+FFFD and advances one byte. `i` must be less than text.size().
char32_t NextCodePoint(std::string_view text, std::size_t& i);

// Every code point of `text`, decoded with NextCodePoint.
std::vector<char32_t> CodePoints(std::string_view text);

// Appends the UTF-8 encoding of `cp` (a Unicode scalar value) to `out`.
void AppendUtf8(std::string& out, char32_t cp);

// True for "YYYY-MM-DD" naming a real calendar day.
bool IsIsoDate(std::string_view text);

}  // namespace minqing::domain
