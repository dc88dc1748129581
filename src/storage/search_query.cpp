#include "storage/search_query.hpp"

#include <algorithm>

#include "domain/search_text.hpp"
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

TextSearch PlanTextSearch(std::string_view text) {
  TextSearch out;
  out.words = domain::SearchQueryWords(text);
  for (const auto& w : out.words) {
    for (auto& t : domain::SearchWordTokens(w)) out.tokens.push_back(std::move(t));
    if (domain::SearchWordNeedsCheck(w)) out.checked.push_back(w);
  }
  std::sort(out.tokens.begin(), out.tokens.end());
  out.tokens.erase(std::unique(out.tokens.begin(), out.tokens.end()), out.tokens.end());
  return out;
}

std::string JoinTokens(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

std::string Fts5TokenQuery(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "\"" : " \"") + t + '"';
  return out;
}

std::string TsTokenQuery(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "'" : " & '") + t + '\'';
  return out;
}

}  // namespace minqing::storage
