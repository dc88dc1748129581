// The matters' text search turned into query pieces: words whose CJK characters are spaced the
// way the index stores them (domain::SpaceCjk). The registry's one-box look-up is in
// lookup_query.hpp.
// Every input is taken as untrusted text: the results are bound as parameters, never spliced
// into SQL. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace minqing::storage {

// The words of a matter text search, each passed through domain::SpaceCjk ("停车 噪音" →
// {"停 车", "噪 音"}); words with nothing searchable are left out.
std::vector<std::string> SearchWords(std::string_view text);

// The SQLite FTS5 query for those words: each word is a quoted phrase (quotes doubled), all
// phrases must match.
std::string Fts5Query(const std::vector<std::string>& words);

}  // namespace minqing::storage
