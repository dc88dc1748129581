#include "storage/sql_helpers.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "storage/sql_files.hpp"

namespace minqing::storage {
namespace {

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    std::uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                      (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                      static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64Alphabet[(n >> 18) & 63];
    out += kBase64Alphabet[(n >> 12) & 63];
    out += kBase64Alphabet[(n >> 6) & 63];
    out += kBase64Alphabet[n & 63];
  }
  std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kBase64Alphabet[(n >> 18) & 63];
    out += kBase64Alphabet[(n >> 12) & 63];
    out += rest == 2 ? kBase64Alphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string Base64Decode(std::string_view text, const char* error_code, const char* error_message) {
  static const std::array<int, 256> kDecode = [] {
    std::array<int, 256> t{};
    t.fill(-1);
    for (std::size_t i = 0; i < kBase64Alphabet.size(); ++i) {
      t[static_cast<unsigned char>(kBase64Alphabet[i])] = static_cast<int>(i);
    }
    return t;
  }();
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v = kDecode[static_cast<unsigned char>(c)];
    if (v < 0) {
      if (c == '=') break;
      throw domain::StorageError(error_code, error_message);
    }
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

void RequireOneRow(std::int64_t changed, const char* code, const char* message) {
  if (changed == 0) throw domain::NotFound(code, message);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string EscapeLike(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string PathPrefixPattern(std::string_view prefix) {
  for (char c : prefix) {
    if (!(c == '/' || (c >= '0' && c <= '9'))) {
      throw domain::InvalidInput("region.bad_path", "区域路径格式错误");
    }
  }
  return std::string(prefix) + "%";
}

std::string EncodeTags(const std::vector<std::string>& tags) {
  if (tags.empty()) return "";
  std::string out = ",";
  for (const auto& t : tags) out += t + ",";
  return out;
}

namespace {

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

std::vector<std::string> DecodeTags(const std::string& text) { return SplitCommas(text); }

std::string EncodeIds(const std::vector<domain::Id>& ids) {
  std::string out;
  // Appending piecewise avoids a g++ 12 -Wrestrict false positive of `"," + std::to_string()`.
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(ids[i]);
  }
  return out;
}

std::vector<domain::Id> DecodeIds(const std::string& text) {
  std::vector<domain::Id> out;
  for (const auto& part : SplitCommas(text)) out.push_back(std::stoll(part));
  return out;
}

Value OptionalInt(const std::optional<int>& v) {
  return v ? Value(static_cast<std::int64_t>(*v)) : Value(nullptr);
}

domain::AuditEntry ReadAudit(const Row& row) {
  domain::AuditEntry a;
  a.id = row.GetInt64(0);
  a.at = row.GetInt64(1);
  a.user_id = row.GetOptionalInt64(2);
  a.username = row.GetText(3);
  a.action = row.GetText(4);
  a.entity = row.GetText(5);
  a.entity_id = row.GetInt64(6);
  a.before_json = row.GetText(7);
  a.after_json = row.GetText(8);
  a.channel = row.GetText(9);
  if (!row.IsNull(10)) a.request_id = row.GetText(10);
  return a;
}

domain::Household ReadHousehold(const Row& row) {
  domain::Household h;
  h.id = row.GetInt64(0);
  h.region_id = row.GetInt64(1);
  h.region_path = row.GetText(2);
  h.region_name = row.GetText(3);
  h.number = row.GetText(4);
  h.address = row.GetText(5);
  h.lat = row.GetOptionalDouble(6);
  h.lng = row.GetOptionalDouble(7);
  h.tags = DecodeTags(row.GetText(8));
  h.created_at = row.GetInt64(9);
  h.updated_at = row.GetInt64(10);
  h.head_name = row.GetText(11);
  h.member_count = row.GetInt64(12);
  return h;
}

std::string QueryBuilder::Param(Value v) {
  params_.push_back(std::move(v));
  std::string name = "$";
  name += std::to_string(params_.size());
  return name;
}

std::string QueryBuilder::Clause(bool continues) const {
  std::string out;
  for (std::size_t i = 0; i < where_.size(); ++i) {
    out += (i == 0 && !continues ? " WHERE " : " AND ") + where_[i];
  }
  return out;
}

std::string_view OrderBy(std::string_view sort, std::initializer_list<SortOption> options) {
  if (sort.empty()) return options.begin()->order_by;
  for (const auto& o : options) {
    if (o.name == sort) return o.order_by;
  }
  throw domain::InvalidInput("page.bad_sort", "不支持的排序字段: " + std::string(sort));
}

std::string Paging(const domain::PageRequest& page, QueryBuilder& b) {
  std::int64_t limit = std::clamp<std::int64_t>(page.limit, 0, kMaxPageSize);
  std::int64_t offset = std::max<std::int64_t>(page.offset, 0);
  return " LIMIT " + b.Param(limit) + " OFFSET " + b.Param(offset);
}

std::int64_t RunSql(Connection& conn, sql::Query query, const Params& params) {
  return conn.Execute(QuerySql(query, conn.dialect()), params);
}

std::vector<Row> QueryRows(Connection& conn, sql::Query query, const Params& params) {
  return conn.Query(QuerySql(query, conn.dialect()), params);
}

std::vector<Row> SelectRows(Connection& conn, sql::Query select, const std::string& tail,
                            const Params& params) {
  std::string text(QuerySql(select, conn.dialect()));
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return conn.Query(text + tail, params);
}

}  // namespace minqing::storage
