#include "storage/search_query.hpp"

#include <algorithm>

#include "domain/search_text.hpp"
#include "storage/sql_helpers.hpp"

namespace minqing::storage {

TextSearch PlanTextSearch(std::string_view text) {
  TextSearch out;
  out.words = domain::SearchQueryWords(text);
  for (const auto& w : out.words) {
    for (auto& t : domain::SearchWordKeyTokens(w)) out.tokens.push_back(std::move(t));
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
