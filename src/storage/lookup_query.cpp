#include "storage/lookup_query.hpp"

#include <algorithm>
#include <cstring>

#include "storage/sql_helpers.hpp"

namespace minqing::storage {

namespace {

LookupTuning& Tuning() {
  static LookupTuning tuning;
  return tuning;
}

}  // namespace

const LookupTuning& CurrentLookupTuning() { return Tuning(); }
void SetLookupTuningForTesting(const LookupTuning& tuning) { Tuning() = tuning; }

Lookup ClassifyLookup(std::string_view raw) {
  Lookup out;
  std::string lower = AsciiLower(raw);
  out.exact = lower;
  out.exact_upper = lower;
  std::replace(out.exact_upper.begin(), out.exact_upper.end(), 'x', 'X');
  const std::string escaped = EscapeLike(lower);
  out.prefix = escaped;
  out.prefix.push_back('%');
  // Appended piece by piece: g++ 12 warns (-Wrestrict) on "%" + escaped + "%" here.
  out.substring.reserve(escaped.size() + 2);
  out.substring.push_back('%');
  out.substring.append(escaped);
  out.substring.push_back('%');
  bool letters = true;
  bool digits = true;
  std::string compact;
  for (char c : lower) {
    if (c == ' ') continue;
    compact += c;
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) out.has_non_ascii = true;
    if (!(c >= 'a' && c <= 'z')) letters = false;
    if (!((c >= '0' && c <= '9') || c == 'x')) digits = false;
  }
  if (letters && !compact.empty()) {
    out.pinyin_key = compact;
    out.pinyin_prefix = compact + "%";
  }
  out.is_number = digits && !compact.empty() && compact.find_first_of("0123456789") == 0;
  return out;
}

namespace {

// Whether `needle` occurs in `haystack`. The texts are short (tens of bytes), where memmem()'s
// setup costs more than the search: this looks for the needle's last byte with memchr(), which
// in UTF-8 Chinese is a continuation byte and far more selective than the lead byte, and
// compares the rest at each candidate.
bool Contains(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  if (haystack.size() < needle.size()) return false;
  const std::size_t before_last = needle.size() - 1;
  const char last = needle.back();
  const char* from = haystack.data() + before_last;
  const char* const end = haystack.data() + haystack.size();
  while (from < end) {
    const auto* hit =
        static_cast<const char*>(std::memchr(from, last, static_cast<std::size_t>(end - from)));
    if (hit == nullptr) return false;
    if (std::memcmp(hit - before_last, needle.data(), before_last) == 0) return true;
    from = hit + 1;
  }
  return false;
}

}  // namespace

LookupRowMatcher::LookupRowMatcher(Lookup q) : q_(std::move(q)) {
  auto add = [&](std::string_view LookupRow::*column, const std::string& value) {
    const std::string head = "\n\x01" + value;
    const std::string other = "\n\x02" + value;
    ranked_.push_back({column, value, head + "\n", other + "\n", head, other});
  };
  if (q_.has_non_ascii) add(&LookupRow::names, q_.exact);
  if (!q_.pinyin_key.empty()) add(&LookupRow::pinyins, q_.pinyin_key);
  if (q_.is_number) {
    add(&LookupRow::phones, q_.exact);
    add(&LookupRow::id_cards, q_.exact_upper);
  }
}

std::optional<LookupRank> LookupRowMatcher::Rank(const LookupRow& row) const {
  bool match = row.number_key.starts_with(q_.exact) || Contains(row.address_key, q_.exact);
  for (const auto& c : ranked_) {
    if (match) break;
    const std::string_view text = row.*c.column;
    if (c.column == &LookupRow::pinyins) {
      // Pinyin and initials match at the start of a member's value only.
      match = Contains(text, c.prefix_head) || Contains(text, c.prefix_other) ||
              Contains(row.initials, c.prefix_head) || Contains(row.initials, c.prefix_other);
    } else {
      match = Contains(text, c.value);
    }
  }
  if (!match) return std::nullopt;
  if (row.number_key == q_.exact) return LookupRank::kExactHead;
  std::string LookupRowMatcher::Column::*const marks[] = {
      &Column::exact_head, &Column::exact_other, &Column::prefix_head, &Column::prefix_other};
  for (int rank = 0; rank < 4; ++rank) {
    for (const auto& c : ranked_) {
      if (Contains(row.*c.column, c.*marks[rank])) return static_cast<LookupRank>(rank);
    }
  }
  return LookupRank::kOther;
}

std::string MatterNumberCondition(const std::vector<domain::MatterNumberRange>& ranges,
                                  QueryBuilder& b) {
  std::string in;
  std::string out;
  for (const auto& range : ranges) {
    if (range.from == range.to) {
      in += (in.empty() ? "" : ", ") + b.Param(range.from);
    } else {
      out += (out.empty() ? "" : " OR ") +
             ("m.number BETWEEN " + b.Param(range.from) + " AND " + b.Param(range.to));
    }
  }
  if (!in.empty()) out += (out.empty() ? "" : " OR ") + ("m.number IN (" + in + ")");
  return out.empty() ? "1 = 0" : "(" + out + ")";
}

}  // namespace minqing::storage
