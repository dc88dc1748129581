// The two search boxes turned into query pieces: the registry's one-box look-up (a name, pinyin,
// phone or ID-card number) classified into LIKE patterns, and the matters' text search split
// into words whose CJK characters are spaced the way the index stores them (domain::SpaceCjk).
// Every input is taken as untrusted text: the results are bound as parameters, never spliced
// into SQL. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace minqing::storage {

// A one-box look-up, classified so that only conditions that can match are added: a query in
// Latin letters is pinyin (index prefix scans), one in digits is a phone or ID-card number.
struct Lookup {
  std::string substring;       // "%q%", escaped.
  std::string prefix;          // "q%", escaped.
  std::string pinyin_prefix;   // Spaces removed; empty unless the query is Latin letters.
  bool is_number = false;      // Digits (and the ID card's x).
  bool has_non_ascii = false;  // Chinese text: names and addresses.
};

Lookup ClassifyLookup(std::string_view raw);

// The words of a matter text search, each passed through domain::SpaceCjk ("停车 噪音" →
// {"停 车", "噪 音"}); words with nothing searchable are left out.
std::vector<std::string> SearchWords(std::string_view text);

// The SQLite FTS5 query for those words: each word is a quoted phrase (quotes doubled), all
// phrases must match.
std::string Fts5Query(const std::vector<std::string>& words);

}  // namespace minqing::storage
