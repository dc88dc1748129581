// The registry's one-box look-up (a name, pinyin, initials, phone, ID-card number, household
// number or address fragment) classified into the values the look-up SQL binds, and the order
// its answers come in. Every input is taken as untrusted text: the results are bound as
// parameters, never spliced into SQL. Pure functions; thread-safe, except that
// SetLookupTuningForTesting changes the process's LookupTuning.
//
// Ranking: a household takes the best rank of its matching members (and of its own number and
// address), then ties go by household number:
//   0 kExactHead    the head of household (户主) is named exactly the query ("刘凯"), or the
//                   query is exactly the head's full pinyin, phone or ID-card number, or the
//                   household number itself;
//   1 kExact        another member matches exactly in the same way;
//   2 kPrefixHead   the head's name (pinyin, phone, ID card) starts with the query;
//   3 kPrefix       another member's does;
//   4 kOther        the rest: name substrings, initials, phone and ID-card substrings, household
//                   number prefixes, address fragments.
// So "刘凯" lists the households headed by 刘凯 first, then those where a spouse or child is
// named 刘凯, then 刘凯明's and 刘凯华's households (heads first), then the rest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/matter_number_lookup.hpp"
#include "storage/sql_helpers.hpp"

namespace minqing::storage {

enum class LookupRank { kExactHead = 0, kExact = 1, kPrefixHead = 2, kPrefix = 3, kOther = 4 };

// A one-box look-up, classified so that only conditions that can match are added: a query in
// Latin letters is pinyin (index prefix scans), one in digits is a phone or ID-card number.
struct Lookup {
  std::string exact;           // The query, ASCII lower-cased, for equality (not escaped).
  std::string exact_upper;     // `exact` with an upper-case X: ID cards are stored so (GB 11643).
  std::string substring;       // "%q%", escaped.
  std::string prefix;          // "q%", escaped.
  std::string pinyin_key;      // Spaces removed; empty unless the query is Latin letters.
  std::string pinyin_prefix;   // pinyin_key + "%"; empty unless the query is Latin letters.
  bool is_number = false;      // Digits (and the ID card's x).
  bool has_non_ascii = false;  // Chinese text: names and addresses.
};

Lookup ClassifyLookup(std::string_view raw);

// The thresholds by which the PostgreSQL look-up (SqlRegistryRepository) chooses how to find a
// page. Tests lower them to drive every path over a small roster.
struct LookupTuning {
  // Up to this many matches are read at once, then ranked and counted exactly.
  std::int64_t few_matches = 1000;
  // Past few_matches, the page is filled one LookupRank at a time. A rank whose candidates (the
  // residents whose name or pinyin equals or starts with the query; the matches, for the rest)
  // number up to this many is read through them and sorted; a larger one walks the households in
  // number order until the page is full. A Latin query's households whose member's pinyin or
  // initials start with it are listed among its candidates when at most this many residents do.
  std::int64_t rank_set_rows = 5000;
  // Past few_matches, the total is counted up to this many + 1; at or below few_matches it is not
  // counted again (the first scan stopped at few_matches + 1).
  std::int64_t count_cap = 1000;
  // A Latin look-up within a region reads up to this many residents whose pinyin (and as many
  // whose initials) start with the query, in the whole province, to find the region's own among
  // them; past that it finds them by reading the region's households instead. "zh" in a village
  // of 749 residents read 600,000 such residents at 2M households (268 ms).
  std::int64_t member_scan_rows = 20000;
};
// The process's tuning. SetLookupTuningForTesting replaces it: tests only, before any look-up
// runs on another thread.
const LookupTuning& CurrentLookupTuning();
void SetLookupTuningForTesting(const LookupTuning& tuning);

// One row of household_lookup (lookup_index.hpp; the member columns' format is in migration
// V033), as views into the engine's buffers.
struct LookupRow {
  std::string_view number_key;
  std::string_view address_key;
  std::string_view names;
  std::string_view pinyins;
  std::string_view initials;
  std::string_view phones;
  std::string_view id_cards;
};

// A Lookup with the marked values its rank looks for in the member columns, built once per
// statement.
class LookupRowMatcher {
 public:
  explicit LookupRowMatcher(Lookup q);

  // The household's LookupRank, or nullopt when it does not match: the same answer as the SQL
  // conditions over the same row (IndexedLookupSql in sql_registry_repository.cpp), which a
  // contract test compares with the look-up's conditions on residents and households.
  std::optional<LookupRank> Rank(const LookupRow& row) const;

 private:
  struct Column {
    std::string_view LookupRow::*column;
    std::string value;
    // "\n\x01" or "\n\x02", the value, and a closing "\n" for the exact ones.
    std::string exact_head, exact_other, prefix_head, prefix_other;
  };
  Lookup q_;
  std::vector<Column> ranked_;  // Names, pinyin keys, phones, ID cards, as the query's kind asks.
};

// The condition on matters aliased `m` that their number falls in one of the ranges: single
// numbers as one IN list, the others as BETWEEN, both range scans of the unique index.
std::string MatterNumberCondition(const std::vector<domain::MatterNumberRange>& ranges,
                                  QueryBuilder& b);

}  // namespace minqing::storage
