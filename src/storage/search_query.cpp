#include "storage/search_query.hpp"

#include "domain/matter_rules.hpp"
#include "storage/sql_helpers.hpp"

namespace minqing::storage {

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
