#include "storage/lookup_index.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "domain/text.hpp"
#include "storage/sql_files.hpp"
#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

// Ids per statement: an IN list of this many parameters.
constexpr std::size_t kRefreshBatch = 500;
// household_lookup_members.sql reads the member values in HouseholdLookupRow's order from its
// third column on.
constexpr std::size_t kMemberColumns = HouseholdLookupRow::kMemberColumns;

}  // namespace

HouseholdLookupRow::HouseholdLookupRow(domain::Id household_id, std::string region_path,
                                       std::string number, std::string number_key,
                                       std::string address_key)
    : household_id_(household_id),
      region_path_(std::move(region_path)),
      number_(std::move(number)),
      number_key_(std::move(number_key)),
      address_key_(std::move(address_key)) {}

void HouseholdLookupRow::AddMember(bool head,
                                   const std::array<std::string_view, kMemberColumns>& values) {
  const char mark = head ? '\x01' : '\x02';
  for (std::size_t c = 0; c < kMemberColumns; ++c) {
    std::string& column = members_[c];
    column += '\n';
    column += mark;
    for (char ch : values[c]) column += ch == '\n' ? '\x03' : ch;
  }
}

Params HouseholdLookupRow::Finish() && {
  Params p = {household_id_, std::move(region_path_), std::move(number_), std::move(number_key_),
              std::move(address_key_)};
  // A household without members has empty member columns.
  for (std::string& column : members_) {
    if (!column.empty()) column += '\n';
    p.emplace_back(std::move(column));
  }
  return p;
}

bool LowerIsAsciiLower(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const char32_t cp = domain::NextCodePoint(text, i);
    const bool caseless = cp == 0x00B7 || (cp >= 0x2000 && cp <= 0x206F) ||
                          (cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
                          (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                          (cp >= 0xFF00 && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
                          (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0x20000 && cp <= 0x3FFFF);
    if (!caseless) return false;
  }
  return true;
}

namespace {

// The row's columns from number_key on (Finish's order).
constexpr std::size_t kFirstPieceColumn = 3;
// The members' pinyin keys and initials (Finish's order), which hold no pieces: a look-up finds
// them through the residents' indexes (SqlRegistryRepository::IndexedLookup).
constexpr std::size_t kPinyinsColumn = 6;
constexpr std::size_t kInitialsColumn = 7;

// `piece` as a quoted tsvector or tsquery lexeme.
void AppendLexeme(std::string& out, std::string_view piece) {
  out += '\'';
  for (char c : piece) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  out += '\'';
}

// Digit runs this long or longer are looked up by their quadruples.
constexpr std::size_t kDigitPiece = 4;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Whether a piece is in nearly every household, so that its posting list filters nothing and
// would only weigh on the index (measured on a generated 1M-household roster: 49 of a row's 160
// pieces were pairs of digits, 12 single ASCII letters or digits): one ASCII letter or digit, or
// two digits. Neither the rows nor the queries hold such pieces.
bool InNearlyEveryHousehold(std::string_view piece) {
  const auto alnum = [](char c) {
    return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  };
  if (piece.size() == 1) return alnum(piece[0]);
  return piece.size() == 2 && IsDigit(piece[0]) && IsDigit(piece[1]);
}

// The byte offsets at which each code point of `text` starts, and its size as the last entry.
std::vector<std::size_t> CodePointStarts(std::string_view text) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size();) {
    starts.push_back(i);
    domain::NextCodePoint(text, i);
  }
  starts.push_back(text.size());
  return starts;
}

}  // namespace

namespace {

// A piece of up to 8 bytes (two code points, or four digits) as one integer whose order is the
// order of its bytes: big-endian, padded with zero bytes, which no piece holds (a piece starts
// and ends at a code point of U+0020 or above). Sorted as integers instead of as strings, a 1M
// households' bulk load into PostgreSQL took 18.8 s of client CPU instead of 24.9 s.
std::uint64_t PackPiece(std::string_view piece) {
  if (piece.size() > sizeof(std::uint64_t))
    throw std::logic_error("PackPiece: " + std::string(piece));
  std::uint64_t packed = 0;
  for (std::size_t i = 0; i < sizeof(std::uint64_t); ++i) {
    packed = (packed << 8) | (i < piece.size() ? static_cast<unsigned char>(piece[i]) : 0u);
  }
  return packed;
}

void AppendPackedLexeme(std::string& out, std::uint64_t packed) {
  char bytes[sizeof(std::uint64_t)];
  std::size_t size = 0;
  for (int shift = 56; shift >= 0 && ((packed >> shift) & 0xff) != 0; shift -= 8) {
    bytes[size++] = static_cast<char>((packed >> shift) & 0xff);
  }
  AppendLexeme(out, std::string_view(bytes, size));
}

}  // namespace

std::string LookupPiecesVector(const Params& row) {
  std::vector<std::uint64_t> pieces;
  std::vector<std::size_t> starts;
  for (std::size_t c = kFirstPieceColumn; c < row.size(); ++c) {
    if (c == kPinyinsColumn || c == kInitialsColumn) continue;
    const std::string* text = std::get_if<std::string>(&row[c]);
    if (text == nullptr) continue;
    starts.clear();
    for (std::size_t i = 0; i < text->size();) {
      starts.push_back(i);
      domain::NextCodePoint(*text, i);
    }
    starts.push_back(text->size());
    for (std::size_t k = 0; k + 1 < starts.size(); ++k) {
      const std::string_view one(text->data() + starts[k], starts[k + 1] - starts[k]);
      if (static_cast<unsigned char>(one[0]) < 0x20) continue;
      if (!InNearlyEveryHousehold(one)) pieces.push_back(PackPiece(one));
      if (k + 2 < starts.size() && static_cast<unsigned char>((*text)[starts[k + 1]]) >= 0x20) {
        const std::string_view pair(text->data() + starts[k], starts[k + 2] - starts[k]);
        if (!InNearlyEveryHousehold(pair)) pieces.push_back(PackPiece(pair));
      }
      // Digits are one byte each: four in a row are four bytes.
      if (starts[k] + kDigitPiece <= text->size() &&
          std::all_of(text->begin() + static_cast<std::ptrdiff_t>(starts[k]),
                      text->begin() + static_cast<std::ptrdiff_t>(starts[k] + kDigitPiece),
                      IsDigit)) {
        pieces.push_back(PackPiece(std::string_view(text->data() + starts[k], kDigitPiece)));
      }
    }
  }
  std::sort(pieces.begin(), pieces.end());
  pieces.erase(std::unique(pieces.begin(), pieces.end()), pieces.end());
  std::string out;
  out.reserve(pieces.size() * 6);
  for (std::uint64_t piece : pieces) {
    if (!out.empty()) out += ' ';
    AppendPackedLexeme(out, piece);
  }
  return out;
}

std::string LookupPiecesQuery(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) {
    const std::vector<std::size_t> starts = CodePointStarts(value);
    const std::size_t count = starts.size() - 1;
    const std::string_view text(value);
    std::vector<std::string_view> pieces;
    if (count == 1) pieces.push_back(text);
    for (std::size_t k = 0; k + 1 < count;) {
      // A run of digits from k: bytes and code points are the same there.
      std::size_t run = 0;
      while (starts[k] + run < text.size() && IsDigit(text[starts[k] + run])) ++run;
      if (run >= kDigitPiece) {
        // Quadruples from the run's start, every fourth, and the one that ends it.
        for (std::size_t d = 0; d + kDigitPiece <= run; d += kDigitPiece) {
          pieces.push_back(text.substr(starts[k] + d, kDigitPiece));
        }
        if (run % kDigitPiece != 0) {
          pieces.push_back(text.substr(starts[k] + run - kDigitPiece, kDigitPiece));
        }
        // The pair that leaves the run, if the value goes on.
        k += run - 1;
        if (k + 1 < count) pieces.push_back(text.substr(starts[k], starts[k + 2] - starts[k]));
        ++k;
        continue;
      }
      pieces.push_back(text.substr(starts[k], starts[k + 2] - starts[k]));
      ++k;
    }
    std::string all;
    for (std::string_view piece : pieces) {
      if (InNearlyEveryHousehold(piece)) continue;
      if (!all.empty()) all += " & ";
      AppendLexeme(all, piece);
    }
    // Nearly every household holds what this value asks for: so do the candidates of any.
    if (all.empty()) return "";
    out += (out.empty() ? "(" : " | (") + all + ")";
  }
  return out;
}

void WriteHouseholdLookupRows(Connection& conn, const std::vector<Params>& rows) {
  std::vector<std::string> columns = {"household_id", "region_path", "number",  "number_key",
                                      "address_key",  "names",       "pinyins", "initials",
                                      "phones",       "id_cards"};
  if (conn.dialect() == Dialect::kSqlite) {
    conn.CopyRows("household_lookup", columns, rows);
    return;
  }
  columns.emplace_back("pieces");
  std::vector<Params> with_pieces;
  with_pieces.reserve(rows.size());
  for (const Params& row : rows) {
    with_pieces.push_back(row);
    with_pieces.back().emplace_back(LookupPiecesVector(row));
  }
  conn.CopyRows("household_lookup", columns, with_pieces);
}

const DerivedIndex& HouseholdLookupIndex() {
  static const DerivedIndex index{
      "household_lookup", kLookupIndexVersion,
      [](Connection& conn) { RunSql(conn, sql::household_lookup_clear, {}); },
      [](Connection& conn, std::int64_t after, std::int64_t batch) {
        std::vector<std::int64_t> ids;
        for (const Row& row : QueryRows(conn, sql::household_keys, {after, batch})) {
          ids.push_back(row.GetInt64(0));
        }
        RefreshHouseholdLookup(conn, ids);
        return ids;
      }};
  return index;
}

void HouseholdLookupRefresh::Flush(Connection& conn) {
  if (pending_.empty()) return;
  RefreshHouseholdLookup(conn, std::move(pending_));
  pending_.clear();
}

void RefreshHouseholdLookup(Connection& conn, std::vector<domain::Id> household_ids) {
  std::sort(household_ids.begin(), household_ids.end());
  household_ids.erase(std::unique(household_ids.begin(), household_ids.end()), household_ids.end());
  const std::string_view remove = QuerySql(sql::household_lookup_delete, conn.dialect());
  const std::string_view households = QuerySql(sql::household_lookup_households, conn.dialect());
  const std::string_view members = QuerySql(sql::household_lookup_members, conn.dialect());
  for (std::size_t from = 0; from < household_ids.size(); from += kRefreshBatch) {
    const std::size_t to = std::min(household_ids.size(), from + kRefreshBatch);
    QueryBuilder b;
    std::string in = " (";
    for (std::size_t i = from; i < to; ++i)
      in += (i > from ? ", " : "") + b.Param(household_ids[i]);
    in += ")";
    conn.Execute(std::string(remove) + in, b.params());
    std::map<domain::Id, HouseholdLookupRow> by_id;
    for (const Row& row : conn.Query(std::string(households) + in, b.params())) {
      by_id.emplace(row.GetInt64(0),
                    HouseholdLookupRow(row.GetInt64(0), row.GetText(1), row.GetText(2),
                                       row.GetText(3), row.GetText(4)));
    }
    // Members in resident id order.
    for (const Row& row :
         conn.Query(std::string(members) + in + " ORDER BY r.household_id, r.id", b.params())) {
      auto it = by_id.find(row.GetInt64(0));
      if (it == by_id.end()) continue;
      std::array<std::string, kMemberColumns> values;
      for (std::size_t c = 0; c < kMemberColumns; ++c) values[c] = row.GetText(2 + c);
      it->second.AddMember(row.GetText(1) == "户主",
                           {values[0], values[1], values[2], values[3], values[4]});
    }
    std::vector<Params> rows;
    rows.reserve(by_id.size());
    for (auto& [id, row] : by_id) rows.push_back(std::move(row).Finish());
    WriteHouseholdLookupRows(conn, rows);
  }
}

}  // namespace minqing::storage
