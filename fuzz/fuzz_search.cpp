// The search boxes: the registry's one-box look-up classification, the matters' text-search
// words and FTS5 query, and the CJK spacing and pinyin they rely on. Any text must be accepted.
#include <cstddef>
#include <cstdint>

#include "domain/matter_rules.hpp"
#include "domain/pinyin.hpp"
#include "fuzz_input.hpp"
#include "storage/search_query.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace storage = minqing::storage;
  std::string_view text = minqing::fuzz::AsText(data, size);
  storage::Lookup lookup = storage::ClassifyLookup(text);
  // A LIKE pattern always ends in an unescaped %: the query cannot escape its wildcard.
  if (lookup.prefix.empty() || lookup.prefix.back() != '%') __builtin_trap();
  std::vector<std::string> words = storage::SearchWords(text);
  for (const auto& word : words) {
    if (word.empty() || word.find_first_not_of(' ') == std::string::npos) __builtin_trap();
  }
  std::string query = storage::Fts5Query(words);
  // Every phrase stays quoted: an even number of quotes.
  std::size_t quotes = 0;
  for (char c : query) quotes += c == '"';
  if (quotes % 2 != 0) __builtin_trap();
  minqing::domain::SpaceCjk(text);
  minqing::domain::CompactLower(text);
  if (size <= 256) {
    minqing::domain::PersonNamePinyin(text);
    minqing::domain::TextPinyin(text);
  }
  return 0;
}
