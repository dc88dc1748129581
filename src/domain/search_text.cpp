#include "domain/search_text.hpp"

#include <algorithm>
#include <cstdio>

namespace minqing::domain {
namespace {

// The next code point of `s` from `i` (advanced past it); an invalid byte is U+FFFD.
char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) {
    auto next = static_cast<unsigned char>(s[i + k]);
    if ((next & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  i += len;
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char32_t Normalize(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFF01 - 0x21;  // Full-width ASCII.
  if (cp == 0x3000 || cp == 0x00A0) cp = ' ';
  if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
  return cp;
}

bool IsSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f';
}

// The code points of normalised text (valid UTF-8 by construction).
std::vector<char32_t> Decode(std::string_view text) {
  std::vector<char32_t> out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) out.push_back(NextCodePoint(text, i));
  return out;
}

std::string Unigram(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "u%x", static_cast<unsigned>(cp));
  return buf;
}

std::string Bigram(char32_t a, char32_t b) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "b%xx%x", static_cast<unsigned>(a), static_cast<unsigned>(b));
  return buf;
}

void SortUnique(std::vector<std::string>& tokens) {
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
}

}  // namespace

std::string NormalizeSearchText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) AppendUtf8(out, Normalize(NextCodePoint(text, i)));
  return out;
}

std::vector<std::string> SearchQueryWords(std::string_view query) {
  std::vector<std::string> words;
  std::string word;
  for (char32_t cp : Decode(NormalizeSearchText(query))) {
    if (IsSpace(cp)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      AppendUtf8(word, cp);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string SearchDocument(const std::vector<std::string_view>& fields) {
  std::string out;
  for (std::string_view field : fields) {
    if (field.empty()) continue;
    if (!out.empty()) out.push_back(kSearchFieldSeparator);
    out += NormalizeSearchText(field);
  }
  return out;
}

std::string MatterSearchDocument(const Matter& matter, const std::vector<MatterEvent>& events) {
  std::vector<std::string_view> fields = {matter.number, matter.title, matter.content,
                                          matter.reply};
  for (const auto& e : events) {
    if (e.internal) continue;
    if (e.kind == MatterEventKind::kStep || e.kind == MatterEventKind::kReplied) {
      fields.push_back(e.text);
    }
  }
  return SearchDocument(fields);
}

std::vector<std::string> SearchDocumentTokens(std::string_view document) {
  std::vector<std::string> tokens;
  std::vector<char32_t> cps = Decode(document);
  tokens.reserve(cps.size() * 2);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (IsSpace(cps[i])) continue;
    tokens.push_back(Unigram(cps[i]));
    if (i + 1 < cps.size() && !IsSpace(cps[i + 1])) tokens.push_back(Bigram(cps[i], cps[i + 1]));
  }
  SortUnique(tokens);
  return tokens;
}

std::vector<std::string> SearchWordTokens(std::string_view word) {
  std::vector<char32_t> cps = Decode(word);
  std::vector<std::string> tokens;
  if (cps.size() == 1) {
    tokens.push_back(Unigram(cps[0]));
  } else {
    for (std::size_t i = 0; i + 1 < cps.size(); ++i) tokens.push_back(Bigram(cps[i], cps[i + 1]));
  }
  SortUnique(tokens);
  return tokens;
}

bool SearchWordNeedsCheck(std::string_view word) { return Decode(word).size() > 2; }

}  // namespace minqing::domain
