// Matter text search, the rules both sides of the index share: the normalisation (NFKC-lite:
// full-width ASCII and the ideographic and no-break spaces become ASCII, ASCII letters become
// lower case, every other code point stays as it is; invalid UTF-8 bytes become U+FFFD), the
// search document of a matter (its searchable fields, normalised, one per line, so no query word
// can span two), the n-gram tokens of a document and of a query word, and the query's words.
// A word matches a document when it is a substring of it. Its tokens are a necessary condition;
// for words of up to three code points they are also sufficient, longer words must be checked
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
inline constexpr int kSearchIndexVersion = 2;

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

// The distinct tokens of a normalised document, sorted: "u<hex>" per code point,
// "b<hex>x<hex>" per pair and "t<hex>x<hex>x<hex>" per triple of adjacent code points, and
// "q<dddd>" per four adjacent ASCII digits (receipt numbers, dates and phone numbers share most
// of their digit triples, rarely their quadruples). White space is never part of a token, so no
// token spans two fields. Tokens are ASCII letters and digits only.
std::vector<std::string> SearchDocumentTokens(std::string_view document);

// The tokens a document must hold to contain the normalised word `word` (no white space): its
// unigram for one code point, its bigram for two, else its distinct triples and digit quadruples.
std::vector<std::string> SearchWordTokens(std::string_view word);

// A subset of SearchWordTokens that still covers every code point of the word: a digit
// quadruple where four digits start, else a triple, stepping past it. Fewer posting lists to
// intersect for about the same candidates; words of up to three code points keep their one token.
std::vector<std::string> SearchWordKeyTokens(std::string_view word);

// False when the word's tokens decide the match on their own (up to three code points).
bool SearchWordNeedsCheck(std::string_view word);

}  // namespace minqing::domain
