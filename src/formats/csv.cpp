#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>

#include "domain/errors.hpp"
#include "formats/table.hpp"

namespace minqing::formats {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    int extra = 0;
    if (c < 0x80) {
      extra = 0;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

std::string Gb18030ToUtf8(const std::string& in, const std::string& path) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  // iconv_open reports failure as (iconv_t)-1.
  if (cd == reinterpret_cast<iconv_t>(-1)) {  // NOLINT(performance-no-int-to-ptr)
    throw domain::InvalidInput("csv.encoding", "文件编码无法识别（应为 UTF-8）：" + path);
  }
  std::string out(in.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1)) {
    throw domain::InvalidInput("csv.encoding", "文件编码无法识别（应为 UTF-8）：" + path);
  }
  out.resize(out.size() - dst_left);
  return out;
}

// Spreadsheets run a cell that starts with one of these as a formula (=HYPERLINK(...), +1+2,
// -1+2, @SUM(...)); a tab or carriage return in front hides the same from a quick look.
bool StartsFormula(std::string_view field) {
  return !field.empty() &&
         std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos;
}

// True when the writer puts an apostrophe in front of `field`: a formula, or apostrophes before
// one (which would otherwise read back one apostrophe short).
bool NeedsFormulaGuard(std::string_view field) {
  std::size_t i = 0;
  while (i < field.size() && field[i] == '\'') ++i;
  return StartsFormula(field.substr(i));
}

// Undoes the writer's apostrophe on a field that was read back.
void UnguardFormula(std::string& field) {
  if (!field.empty() && field.front() == '\'' &&
      NeedsFormulaGuard(std::string_view(field).substr(1))) {
    field.erase(0, 1);
  }
}

bool NeedsQuotes(std::string_view field) {
  if (field.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  return !field.empty() && (field.front() == ' ' || field.back() == ' ');
}

void AppendField(std::string& out, std::string_view raw) {
  std::string guarded;
  std::string_view field = raw;
  if (NeedsFormulaGuard(raw)) {
    guarded.reserve(raw.size() + 1);
    guarded.push_back('\'');
    guarded.append(raw);
    field = guarded;
  }
  if (!NeedsQuotes(field)) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendRow(std::string& out, const std::vector<std::string>& row) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendField(out, row[i]);
  }
  out.append("\r\n");
}

bool IsBlank(const std::vector<std::string>& row) {
  for (const auto& cell : row) {
    if (!cell.empty()) return false;
  }
  return true;
}

}  // namespace

Table ReadCsv(const std::string& path, const TableLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw domain::InvalidInput("file.unreadable", "文件无法读取：" + path);
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size >= 0 && static_cast<std::uint64_t>(size) > limits.max_text_bytes) {
    TooLarge(path, "超过 " + std::to_string(limits.max_text_bytes >> 20) + " MB");
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw domain::InvalidInput("file.unreadable", "文件无法读取：" + path);
  if (text.compare(0, kBom.size(), kBom) == 0) {
    text.erase(0, kBom.size());
  } else if (!IsValidUtf8(text)) {
    text = Gb18030ToUtf8(text, path);
  }

  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false;
  bool field_started = false;
  std::size_t cells = 0;
  auto end_field = [&] {
    if (record.size() >= limits.max_columns) {
      TooLarge(path, "最多 " + std::to_string(limits.max_columns) + " 列");
    }
    if (++cells > limits.max_cells) {
      TooLarge(path, "最多 " + std::to_string(limits.max_cells) + " 个单元格");
    }
    UnguardFormula(field);
    record.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    if (records.size() >= limits.max_rows) {
      TooLarge(path, "最多 " + std::to_string(limits.max_rows) + " 行");
    }
    records.push_back(std::move(record));
    record.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        field.push_back(c);
      }
    } else if (c == '"' && !field_started) {
      in_quotes = true;
      field_started = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
    } else {
      field.push_back(c);
      field_started = true;
    }
  }
  if (in_quotes) {
    throw domain::InvalidInput("csv.invalid", "不是有效的 CSV 文件（引号未闭合）：" + path);
  }
  if (field_started || !field.empty() || !record.empty()) end_record();
  while (!records.empty() && IsBlank(records.back())) records.pop_back();

  Table table;
  if (records.empty()) return table;
  std::vector<std::size_t> widths;
  widths.reserve(records.size() - 1);
  for (std::size_t r = 1; r < records.size(); ++r) widths.push_back(records[r].size());
  if (PaddedCells(records.front().size(), widths) > limits.max_cells) {
    TooLarge(path, "最多 " + std::to_string(limits.max_cells) + " 个单元格");
  }
  table.header = std::move(records.front());
  table.rows.assign(std::make_move_iterator(records.begin() + 1),
                    std::make_move_iterator(records.end()));
  PadRows(table);
  return table;
}

void WriteCsv(const std::string& path, const Table& table) {
  std::string out(kBom);
  AppendRow(out, table.header);
  for (const auto& row : table.rows) AppendRow(out, row);
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) throw domain::StorageError("file.unwritable", "文件无法写入：" + path);
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  file.close();
  if (!file) throw domain::StorageError("file.unwritable", "文件无法写入：" + path);
}

}  // namespace minqing::formats
