#include "storage/search_query.hpp"

#include "domain/matter_rules.hpp"
#include "storage/sql_helpers.hpp"

namespace minqing::storage {

Lookup ClassifyLookup(std::string_view raw) {
  Lookup out;
  std::string lower = AsciiLower(raw);
  const std::string escaped = EscapeLike(lower);
  out.prefix = escaped;
  out.prefix.push_back('%');
  // Appended piece by piece: g++ 12 warns (-Wrestrict) on "%" + escaped + "%" here.
  out.substring.reserve(escaped.size() + 2);
  out.substring.push_back('%');
  out.substring.append(escaped);
  out.substring.push_back('%');
  bool letters = true;
  bool digits = true;
  std::string compact;
  for (char c : lower) {
    if (c == ' ') continue;
    compact += c;
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) out.has_non_ascii = true;
    if (!(c >= 'a' && c <= 'z')) letters = false;
    if (!((c >= '0' && c <= '9') || c == 'x')) digits = false;
  }
  if (letters && !compact.empty()) out.pinyin_prefix = compact + "%";
  out.is_number = digits && !compact.empty() && compact.find_first_of("0123456789") == 0;
  return out;
}

std::vector<std::string> SearchWords(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
    std::size_t start = i;
    while (i < text.size() && !(text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
    if (i > start) {
      std::string spaced = domain::SpaceCjk(text.substr(start, i - start));
      if (spaced.find_first_not_of(' ') != std::string::npos) words.push_back(std::move(spaced));
    }
  }
  return words;
}

std::string Fts5Query(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : w) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out;
}

}  // namespace minqing::storage
