// Matter text search, the rules both sides of the index share: the normalisation (NFKC-lite:
// full-width ASCII and the ideographic and no-break spaces become ASCII, ASCII letters become
// lower case, every other code point stays as it is; invalid UTF-8 bytes become U+FFFD), the
// search document of a matter (its searchable fields, normalised, one per line, so no query word
// can span two), the n-gram tokens of a document and of a query word, and the query's words.
// A word matches a document when it is a substring of it. Its tokens are a necessary condition;
// for words of one or two code points they are also sufficient, longer words must be checked
// against the document (SearchWordNeedsCheck). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/matter.hpp"

namespace minqing::domain {

// Bumped whenever the document or token rules change: stores rebuild their index when the
// version they recorded differs.
inline constexpr int kSearchIndexVersion = 1;

// A matter text search counts its matches up to this many: a list shows "1万+" beyond.
inline constexpr std::int64_t kMatterSearchCountCap = 10000;

// Separates the fields of a search document; white space, so no query word contains it.
inline constexpr char kSearchFieldSeparator = '\n';

// The normalised text (see the header comment).
std::string NormalizeSearchText(std::string_view text);

// The words of a query: normalised, split on white space; empty when there is none.
std::vector<std::string> SearchQueryWords(std::string_view query);

// The normalised fields joined by kSearchFieldSeparator; empty fields are left out.
std::string SearchDocument(const std::vector<std::string_view>& fields);

// A matter's search document: its receipt number (工单号), title, content, reply, and the texts
// of its public handling steps and replies. Internal notes are left out: a resident may search
// the list of his own matters, and must not find one by a note he cannot read.
std::string MatterSearchDocument(const Matter& matter, const std::vector<MatterEvent>& events);

// The distinct tokens of a normalised document, sorted: "u<hex>" per code point and
// "b<hex>x<hex>" per pair of adjacent code points, white space never part of a token (so no
// bigram spans two fields). Tokens are ASCII letters and digits only.
std::vector<std::string> SearchDocumentTokens(std::string_view document);

// The tokens a document must hold to contain the normalised word `word` (no white space): its
// unigram for one code point, else its distinct bigrams.
std::vector<std::string> SearchWordTokens(std::string_view word);

// False when the word's tokens decide the match on their own (one or two code points).
bool SearchWordNeedsCheck(std::string_view word);

}  // namespace minqing::domain
