#include "storage/lookup_query.hpp"

#include <algorithm>

#include "storage/sql_helpers.hpp"

namespace minqing::storage {

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
