// The search boxes: the registry's one-box look-up classification, the matters' text-search
// plan (words, tokens, FTS5 and tsquery texts), the pinyin they rely on. Any text must be
// accepted, and the index can never miss: a word's tokens are among the tokens of the normalised
// text it comes from.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "domain/matter_rules.hpp"
#include "domain/pinyin.hpp"
#include "domain/search_text.hpp"
#include "fuzz_input.hpp"
#include "storage/lookup_query.hpp"
#include "storage/search_query.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace storage = minqing::storage;
  std::string_view text = minqing::fuzz::AsText(data, size);
  storage::Lookup lookup = storage::ClassifyLookup(text);
  // A LIKE pattern always ends in an unescaped %: the query cannot escape its wildcard.
  if (lookup.prefix.empty() || lookup.prefix.back() != '%') __builtin_trap();
  storage::TextSearch search = storage::PlanTextSearch(text);
  const std::string document = minqing::domain::SearchDocument({text});
  const std::vector<std::string> tokens = minqing::domain::SearchDocumentTokens(document);
  for (const auto& word : search.words) {
    if (word.empty() || document.find(word) == std::string::npos) __builtin_trap();
  }
  for (const auto& token : search.tokens) {
    if (!std::binary_search(tokens.begin(), tokens.end(), token)) __builtin_trap();
    // Kinds u (unigram), b (bigram), t (trigram), q (four digits); code points in hex, split by x.
    if (token.find_first_not_of("0123456789abcdefbqtux") != std::string::npos) __builtin_trap();
  }
  storage::Fts5TokenQuery(search.tokens);
  storage::TsTokenQuery(search.tokens);
  minqing::domain::SpaceCjk(text);
  minqing::domain::CompactLower(text);
  if (size <= 256) {
    minqing::domain::PersonNamePinyin(text);
    minqing::domain::TextPinyin(text);
  }
  return 0;
}
