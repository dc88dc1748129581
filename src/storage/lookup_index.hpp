// The households' look-up table (household_lookup, migration V033): one row per household with
// its number, address and its members' names, pinyin keys, initials, phones and ID-card numbers,
// which the registry's one-box look-up reads instead of joining residents to households
// (sql_registry_repository.cpp). The rows are derived from the households and residents tables;
// number_key and address_key come from the database's lower(), each engine's own, as in the
// look-up's conditions (a bulk load computes them itself only where that gives the same:
// LowerIsAsciiLower). On PostgreSQL each row also holds its pieces (V063, LookupPiecesVector),
// whose GIN index gives a look-up its candidates; a Latin query's pinyin and initials matches come
// from the residents' indexes instead (V070).
// The registry repository refreshes the rows of the households a transaction changed before it
// looks up and at commit; RebuildIndexIfStale(db, HouseholdLookupIndex()) fills the table on a
// store whose recorded version (search_index_state, 'household_lookup') differs from
// kLookupIndexVersion: after migration V033, and whenever a release changes the rules. It commits
// every `batch` households and resumes where it stopped, as the matters' search index does
// (search_index.hpp).
// The rows assume what the registry keeps true: a resident's region path is the one of its
// household. Thread-safety: the functions run on the caller's connection or lease their own; a
// HouseholdLookupRefresh belongs to one transaction.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"
#include "storage/database.hpp"
#include "storage/search_index.hpp"

namespace minqing::storage {

// Bumped whenever the rows' rules change: stores rebuild the table when the version they
// recorded differs.
inline constexpr int kLookupIndexVersion = 2;

// The households a transaction changed, whose rows are rewritten on Flush.
class HouseholdLookupRefresh {
 public:
  // A household's residents touch it one after another: those repeats are kept once.
  void Touch(domain::Id household_id) {
    if (pending_.empty() || pending_.back() != household_id) pending_.push_back(household_id);
  }
  // Rewrites the rows of the touched households (in batches) and forgets them.
  void Flush(Connection& conn);

 private:
  std::vector<domain::Id> pending_;
};

// One household's look-up row, assembled from values already in hand (a bulk load writes the rows
// of the households it adds this way instead of reading them back): members are added in
// resident id order, as RefreshHouseholdLookup reads them.
class HouseholdLookupRow {
 public:
  // The member columns, in the order of AddMember's `values`.
  static constexpr std::size_t kMemberColumns = 5;  // names, pinyins, initials, phones, id_cards

  HouseholdLookupRow(domain::Id household_id, std::string region_path, std::string number,
                     std::string number_key, std::string address_key);
  void AddMember(bool head, const std::array<std::string_view, kMemberColumns>& values);
  domain::Id household_id() const { return household_id_; }
  // The row's values in the column order of WriteHouseholdLookupRows.
  Params Finish() &&;

 private:
  domain::Id household_id_;
  std::string region_path_;
  std::string number_;
  std::string number_key_;
  std::string address_key_;
  std::array<std::string, kMemberColumns> members_;
};

// Whether lower() turns `text` into AsciiLower(text) on an engine whose lower() folds the ASCII
// letters as AsciiLower does: the text holds only ASCII and code points without case (CJK
// ideographs, kana, their punctuation, full-width digits and signs, the middle dot of minority
// names). A bulk load computes the look-up keys of such text itself; any other text (a
// full-width or accented letter, say) is left to the database's own lower().
bool LowerIsAsciiLower(std::string_view text);

// The pieces of a finished row's look-up columns (number_key, address_key, names, phones and
// id_cards; not pinyins and initials) as PostgreSQL's tsvector text (migration V063,
// household_lookup.pieces): every one and two code points of each value, and every four ASCII
// digits in a row, the values being the columns split at their control characters (marks and line
// ends), except the pieces nearly every household holds (one ASCII letter or digit, two digits),
// which would filter nothing. A value without control characters that is a substring of one of
// those columns holds only pieces of that column (LookupPiecesQuery). A pinyin or initials match is
// a member's value that starts with the query, which the residents' indexes find (V070): their
// letter pairs were a quarter of a row's pieces, with the index's longest posting lists.
std::string LookupPiecesVector(const Params& row);
// The tsquery text that every row whose pieces column holds one of `values` as a substring
// matches: per value, its pairs of code points, except that a run of four digits or more is
// covered by quadruples of digits instead (digit pairs are in nearly every household), or its one
// code point; any of the values. The pieces the rows leave out are left out of the query; "" when a
// value asks for none of the others (every household is a candidate). Each value must be
// non-empty and hold no control character.
std::string LookupPiecesQuery(const std::vector<std::string>& values);

// Inserts finished rows (HouseholdLookupRow::Finish) through the engine's bulk path; on
// PostgreSQL with their pieces (LookupPiecesVector).
void WriteHouseholdLookupRows(Connection& conn, const std::vector<Params>& rows);

// Rewrites the rows of `household_ids` from the households and residents tables (a household
// that no longer exists loses its row).
void RefreshHouseholdLookup(Connection& conn, std::vector<domain::Id> household_ids);

// The table as a DerivedIndex (search_index.hpp), counted in households.
const DerivedIndex& HouseholdLookupIndex();

}  // namespace minqing::storage
