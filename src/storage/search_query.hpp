// The matters' text search turned into query pieces: the n-gram tokens a matter must hold and
// the words to check against its search document (domain/search_text.hpp). The registry's one-box
// look-up is in lookup_query.hpp.
// Every input is taken as untrusted text: the results are bound as parameters, never spliced
// into SQL. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace minqing::storage {

// A matter text search: every word must be a substring of the matter's search document.
struct TextSearch {
  std::vector<std::string> words;    // Normalised, in query order.
  std::vector<std::string> tokens;   // The words' key tokens, sorted, distinct.
  std::vector<std::string> checked;  // The words the tokens do not decide (3+ code points).
};

TextSearch PlanTextSearch(std::string_view text);

// The tokens as the index stores them: separated by spaces.
std::string JoinTokens(const std::vector<std::string>& tokens);

// The SQLite FTS5 query (every token, quoted) and the PostgreSQL tsquery text ('a' & 'b') that
// match documents holding all the tokens. Tokens are ASCII letters and digits only.
std::string Fts5TokenQuery(const std::vector<std::string>& tokens);
std::string TsTokenQuery(const std::vector<std::string>& tokens);

}  // namespace minqing::storage
