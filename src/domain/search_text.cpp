#include "domain/search_text.hpp"

#include <algorithm>
#include <cstdio>

#include "domain/text.hpp"

namespace minqing::domain {
namespace {

char32_t Normalize(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFF01 - 0x21;  // Full-width ASCII.
  if (cp == 0x3000 || cp == 0x00A0) cp = ' ';
  if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
  return cp;
}

bool IsSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f';
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

std::string Trigram(char32_t a, char32_t b, char32_t c) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "t%xx%xx%x", static_cast<unsigned>(a), static_cast<unsigned>(b),
                static_cast<unsigned>(c));
  return buf;
}

bool IsDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }

// Four ASCII digits from `i`: "q" and the digits themselves.
bool DigitRunAt(const std::vector<char32_t>& cps, std::size_t i) {
  return i + 3 < cps.size() && IsDigit(cps[i]) && IsDigit(cps[i + 1]) && IsDigit(cps[i + 2]) &&
         IsDigit(cps[i + 3]);
}

std::string DigitQuadgram(const std::vector<char32_t>& cps, std::size_t i) {
  std::string out = "q";
  for (std::size_t k = i; k < i + 4; ++k) out.push_back(static_cast<char>(cps[k]));
  return out;
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
  for (char32_t cp : CodePoints(NormalizeSearchText(query))) {
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
  std::vector<char32_t> cps = CodePoints(document);
  tokens.reserve(cps.size() * 3);
  auto word_char = [&](std::size_t i) { return i < cps.size() && !IsSpace(cps[i]); };
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (!word_char(i)) continue;
    tokens.push_back(Unigram(cps[i]));
    if (!word_char(i + 1)) continue;
    tokens.push_back(Bigram(cps[i], cps[i + 1]));
    if (!word_char(i + 2)) continue;
    tokens.push_back(Trigram(cps[i], cps[i + 1], cps[i + 2]));
    if (DigitRunAt(cps, i)) tokens.push_back(DigitQuadgram(cps, i));
  }
  SortUnique(tokens);
  return tokens;
}

std::vector<std::string> SearchWordTokens(std::string_view word) {
  std::vector<char32_t> cps = CodePoints(word);
  std::vector<std::string> tokens;
  if (cps.size() == 1) {
    tokens.push_back(Unigram(cps[0]));
  } else if (cps.size() == 2) {
    tokens.push_back(Bigram(cps[0], cps[1]));
  } else {
    for (std::size_t i = 0; i + 2 < cps.size(); ++i) {
      tokens.push_back(Trigram(cps[i], cps[i + 1], cps[i + 2]));
      if (DigitRunAt(cps, i)) tokens.push_back(DigitQuadgram(cps, i));
    }
  }
  SortUnique(tokens);
  return tokens;
}

std::vector<std::string> SearchWordKeyTokens(std::string_view word) {
  std::vector<char32_t> cps = CodePoints(word);
  if (cps.size() <= 3) return SearchWordTokens(word);
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < cps.size();) {
    if (DigitRunAt(cps, i)) {
      tokens.push_back(DigitQuadgram(cps, i));
      i += 4;
    } else {
      // The last triple ends at the word's end, overlapping the one before it if need be.
      std::size_t at = std::min(i, cps.size() - 3);
      tokens.push_back(Trigram(cps[at], cps[at + 1], cps[at + 2]));
      i = at + 3;
    }
  }
  SortUnique(tokens);
  return tokens;
}

bool SearchWordNeedsCheck(std::string_view word) { return CodePoints(word).size() > 3; }

}  // namespace minqing::domain
