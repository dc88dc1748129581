#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "domain/errors.hpp"
#include "domain/work_calendar.hpp"
#include "formats/table.hpp"
#include "formats/xml_text.hpp"

namespace minqing::formats {
namespace {

// Excel's own bounds on a cell reference; TableLimits may set lower ones for what is kept.
constexpr int kMaxColumns = 16384;
constexpr int kMaxRows = 1048576;

[[noreturn]] void NotXlsx(const std::string& path, const std::string& why) {
  throw domain::InvalidInput("xlsx.invalid", "不是有效的 XLSX 文件（" + why + "）：" + path);
}

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

struct ParserFree {
  void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};
using ParserPtr = std::unique_ptr<XML_ParserStruct, ParserFree>;

// Element and attribute names without their namespace prefix ("x:row" → "row").
std::string_view LocalName(const char* name) {
  std::string_view view(name);
  auto colon = view.rfind(':');
  return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

const char* Attribute(const char** attributes, std::string_view local) {
  for (int i = 0; attributes[i] != nullptr; i += 2) {
    if (LocalName(attributes[i]) == local) return attributes[i + 1];
  }
  return nullptr;
}

// An expat handler: receives start and end tags and character data.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void Start(std::string_view name, const char** attributes) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(std::string_view /*text*/) {}
};

void XMLCALL OnStart(void* data, const char* name, const char** attributes) {
  static_cast<XmlHandler*>(data)->Start(LocalName(name), attributes);
}
void XMLCALL OnEnd(void* data, const char* name) {
  static_cast<XmlHandler*>(data)->End(LocalName(name));
}
void XMLCALL OnText(void* data, const char* text, int length) {
  static_cast<XmlHandler*>(data)->Text(std::string_view(text, static_cast<std::size_t>(length)));
}

// Decompressed XML still allowed, shared by every member read from one workbook.
struct XmlBudget {
  std::size_t left = 0;
  std::size_t limit = 0;
};

// Streams one archive member through the handler. Returns false when the member is absent.
bool ParseMember(zip_t* archive, const std::string& member, XmlHandler& handler,
                 const std::string& path, XmlBudget& budget) {
  zip_int64_t index = zip_name_locate(archive, member.c_str(), 0);
  if (index < 0) return false;
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(
      zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0), &zip_fclose);
  if (!file) NotXlsx(path, member + " 无法解压");
  ParserPtr parser(XML_ParserCreate("UTF-8"));
  XML_SetUserData(parser.get(), &handler);
  XML_SetElementHandler(parser.get(), &OnStart, &OnEnd);
  XML_SetCharacterDataHandler(parser.get(), &OnText);
  std::vector<char> buffer(1 << 16);
  for (;;) {
    zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
    if (n < 0) NotXlsx(path, member + " 无法解压");
    if (static_cast<std::size_t>(n) > budget.left) {
      TooLarge(path, "解压后超过 " + std::to_string(budget.limit >> 20) + " MB");
    }
    budget.left -= static_cast<std::size_t>(n);
    bool last = n == 0;
    if (XML_Parse(parser.get(), buffer.data(), static_cast<int>(n), last ? 1 : 0) ==
        XML_STATUS_ERROR) {
      NotXlsx(path, member + " 不是有效的 XML");
    }
    if (last) break;
  }
  return true;
}

class FirstSheetHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const char** attributes) override {
    if (name == "sheet" && relation_id.empty()) {
      if (const char* id = Attribute(attributes, "id")) relation_id = id;
    }
  }
  void End(std::string_view) override {}
  std::string relation_id;
};

class RelationsHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const char** attributes) override {
    if (name != "Relationship") return;
    const char* id = Attribute(attributes, "Id");
    const char* target = Attribute(attributes, "Target");
    if (id != nullptr && target != nullptr) targets[id] = target;
  }
  void End(std::string_view) override {}
  std::map<std::string, std::string> targets;
};

bool IsDateFormatCode(std::string_view code) {
  bool quoted = false;
  bool bracket = false;
  for (char c : code) {
    if (quoted) {
      quoted = c != '"';
    } else if (bracket) {
      bracket = c != ']';
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[') {
      bracket = true;
    } else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') {
      return true;
    }
  }
  return false;
}

bool IsBuiltInDateFormat(int id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
         (id >= 50 && id <= 58);
}

class StylesHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const char** attributes) override {
    if (name == "numFmt") {
      const char* id = Attribute(attributes, "numFmtId");
      const char* code = Attribute(attributes, "formatCode");
      if (id != nullptr && code != nullptr && IsDateFormatCode(code)) {
        custom_dates_.insert(std::atoi(id));
      }
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = Attribute(attributes, "numFmtId");
      xf_formats_.push_back(id == nullptr ? 0 : std::atoi(id));
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }
  // Which cell styles (the `s` attribute) show numbers as dates.
  std::vector<bool> DateStyles() const {
    std::vector<bool> dates;
    for (int format : xf_formats_) {
      dates.push_back(IsBuiltInDateFormat(format) || custom_dates_.count(format) > 0);
    }
    return dates;
  }

 private:
  bool in_cell_xfs_ = false;
  std::set<int> custom_dates_;
  std::vector<int> xf_formats_;
};

// Text of <si> items, leaving out phonetic runs (<rPh>).
class SharedStringsHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const char**) override {
    if (name == "si") {
      strings.emplace_back();
      in_item_ = true;
    } else if (name == "rPh") {
      in_phonetic_ = true;
    } else if (name == "t") {
      in_text_ = in_item_ && !in_phonetic_;
    }
  }
  void End(std::string_view name) override {
    if (name == "si") {
      in_item_ = false;
    } else if (name == "rPh") {
      in_phonetic_ = false;
    } else if (name == "t") {
      in_text_ = false;
    }
  }
  void Text(std::string_view text) override {
    if (in_text_) strings.back().append(text);
  }
  std::vector<std::string> strings;

 private:
  bool in_item_ = false;
  bool in_phonetic_ = false;
  bool in_text_ = false;
};

// "C12" → column 2 (0-based), row 12 (1-based). Returns false on a malformed reference.
bool ParseCellReference(std::string_view ref, int& column, int& row) {
  std::size_t i = 0;
  int col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > kMaxColumns) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  int r = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + (ref[i] - '0');
    if (r > kMaxRows) return false;
  }
  if (r == 0) return false;
  column = col - 1;
  row = r;
  return true;
}

// Days since 1970-01-01 → YYYY-MM-DD (H. Hinnant's civil_from_days).
std::string CivilDate(long long days) {
  days += 719468;
  long long era = (days >= 0 ? days : days - 146096) / 146097;
  long long doe = days - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long y = yoe + era * 400;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  long long d = doy - (153 * mp + 2) / 5 + 1;
  long long m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char text[64];
  std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld", y, m, d);
  return text;
}

// An Excel date serial (days since 1899-12-30 for every date after 1900-02-28).
std::optional<std::string> SerialToDate(const std::string& value) {
  char* end = nullptr;
  double serial = std::strtod(value.c_str(), &end);
  if (end == value.c_str() || *end != '\0' || serial < 61 || serial > 2958465) return std::nullopt;
  constexpr long long kSerialOf1970 = 25569;
  return CivilDate(static_cast<long long>(serial) - kSerialOf1970);
}

// The text of a cell of type `type` ("s", "b", "n", "inlineStr", ...) holding `value`.
std::string ResolveCell(const std::string& type, const std::string& value, int style,
                        const std::vector<std::string>& shared,
                        const std::vector<bool>& date_styles, const std::string& path) {
  if (type == "s") {
    char* end = nullptr;
    long index = std::strtol(value.c_str(), &end, 10);
    if (end == value.c_str() || index < 0 || static_cast<std::size_t>(index) >= shared.size()) {
      NotXlsx(path, "共享字符串索引无效");
    }
    return shared[static_cast<std::size_t>(index)];
  }
  if (type == "b") return value == "1" ? "TRUE" : "FALSE";
  if (type == "n" && style >= 0 && static_cast<std::size_t>(style) < date_styles.size() &&
      date_styles[static_cast<std::size_t>(style)]) {
    if (auto date = SerialToDate(value)) return *date;
  }
  return value;
}

// The cells of a sheet (<c> with its <v>, inline <is><t> and phonetic <rPh> parts), shared by
// the whole-sheet and the streaming reader: each cell's text, resolved (shared strings, dates),
// goes to CellEnded; the <row> elements are the subclass's.
class CellHandler : public XmlHandler {
 public:
  CellHandler(const std::vector<std::string>& shared, const std::vector<bool>& date_styles,
              const std::string& path, const TableLimits& limits)
      : path_(path), limits_(limits), shared_(shared), date_styles_(date_styles) {}

  void Text(std::string_view text) override {
    if (in_value_) value_.append(text);
  }

 protected:
  // A cell reference's row (1-based) for the subclass to check or follow.
  virtual void CellInRow(int row, const char* reference) = 0;
  // A closed cell's text; empty for an empty cell.
  virtual void CellEnded(std::string value) = 0;

  // Handles the start of <c>, <v>, <t>, <is> and <rPh>; false for any other element.
  bool StartCellPart(std::string_view name, const char** attributes) {
    if (name == "c") {
      const char* r = Attribute(attributes, "r");
      if (r != nullptr) {
        int row = 0;
        if (!ParseCellReference(r, column_, row))
          NotXlsx(path_, std::string("单元格引用无效 ") + r);
        CellInRow(row, r);
      } else if (++column_ >= kMaxColumns) {
        NotXlsx(path_, "列号无效");
      }
      const char* t = Attribute(attributes, "t");
      type_ = t != nullptr ? t : "n";
      const char* s = Attribute(attributes, "s");
      style_ = s != nullptr ? std::atoi(s) : 0;
      value_.clear();
      in_cell_ = true;
    } else if (in_cell_ && (name == "v" || (name == "t" && in_inline_ && !in_phonetic_))) {
      in_value_ = true;
    } else if (name == "is") {
      in_inline_ = true;
    } else if (name == "rPh") {
      in_phonetic_ = true;
    } else {
      return false;
    }
    return true;
  }

  // Handles the end of </v>, </t>, </is>, </rPh> and </c>; false for any other element.
  bool EndCellPart(std::string_view name) {
    if (name == "v" || name == "t") {
      in_value_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      in_phonetic_ = false;
    } else if (name == "c") {
      in_cell_ = false;
      CellEnded(ResolveCell(type_, value_, style_, shared_, date_styles_, path_));
    } else {
      return false;
    }
    return true;
  }

  [[noreturn]] void TooManyColumns() const {
    TooLarge(path_, "最多 " + std::to_string(limits_.max_columns) + " 列");
  }
  [[noreturn]] void TooManyRows() const {
    TooLarge(path_, "最多 " + std::to_string(limits_.max_rows) + " 行");
  }

  const std::string& path_;
  const TableLimits& limits_;
  int row_ = 0;
  int column_ = -1;

 private:
  const std::vector<std::string>& shared_;
  const std::vector<bool>& date_styles_;
  int style_ = 0;
  std::string type_;
  std::string value_;
  bool in_cell_ = false;
  bool in_value_ = false;
  bool in_inline_ = false;
  bool in_phonetic_ = false;
};

// The whole sheet at once, as non-empty cells.
class SheetHandler : public CellHandler {
 public:
  using CellHandler::CellHandler;

  void Start(std::string_view name, const char** attributes) override {
    if (name == "row") {
      const char* r = Attribute(attributes, "r");
      row_ = r != nullptr ? std::atoi(r) : row_ + 1;
      if (row_ < 1 || row_ > kMaxRows) NotXlsx(path_, "行号无效");
      column_ = -1;
    } else {
      StartCellPart(name, attributes);
    }
  }

  void End(std::string_view name) override { EndCellPart(name); }

  // Non-empty cells only, in document order: a cell far to the right costs one entry, not a
  // row of empty strings.
  struct Cell {
    std::size_t row = 0;  // 0-based.
    std::size_t column = 0;
    std::string value;
  };
  std::vector<Cell> cells;

 private:
  void CellInRow(int row, const char* /*reference*/) override { row_ = row; }

  void CellEnded(std::string value) override {
    if (value.empty()) return;
    if (row_ < 1 || column_ < 0) NotXlsx(path_, "单元格不在行内");
    auto r = static_cast<std::size_t>(row_ - 1);
    auto c = static_cast<std::size_t>(column_);
    if (c >= limits_.max_columns) TooManyColumns();
    if (r >= limits_.max_rows) TooManyRows();
    if (cells.size() >= limits_.max_cells) {
      TooLarge(path_, "最多 " + std::to_string(limits_.max_cells) + " 个单元格");
    }
    cells.push_back({r, c, std::move(value)});
  }
};

std::string ColumnName(std::size_t index) {
  std::string name;
  ++index;
  while (index > 0) {
    --index;
    name.insert(name.begin(), static_cast<char>('A' + index % 26));
    index /= 26;
  }
  return name;
}

// Approximate display width: CJK and other wide characters count two.
std::size_t DisplayWidth(std::string_view text) {
  std::size_t width = 0;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      ++width;
    } else if ((byte & 0xC0) != 0x80) {
      width += 2;
    }
  }
  return width;
}

// Cell styles of kStyles (the `s` attribute): 1 the bold header, then one per number format.
constexpr int kPercentStyle = 2;  // 0.0%
constexpr int kDateStyle = 3;     // yyyy-mm-dd
constexpr int kTimeStyle = 4;     // yyyy-mm-dd hh:mm

// "12", "-3", "0.25": at most 15 significant digits, so Excel holds the number exactly.
bool IsPlainNumber(std::string_view text) {
  std::size_t i = text.starts_with('-') ? 1 : 0;
  std::size_t digits = 0, dots = 0;
  for (; i < text.size(); ++i) {
    if (text[i] == '.') {
      if (++dots > 1 || digits == 0) return false;
    } else if (text[i] >= '0' && text[i] <= '9') {
      ++digits;
    } else {
      return false;
    }
  }
  return digits > 0 && digits <= 15 && !text.ends_with('.');
}

std::string ShortNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.12g", value);
  return text;
}

// The value and style of a number cell holding `text` of `kind`; nullopt keeps the cell text.
std::optional<std::pair<std::string, int>> NumberCell(const std::string& text, CellKind kind) {
  switch (kind) {
    case CellKind::kText:
      return std::nullopt;
    case CellKind::kNumber:
      if (!IsPlainNumber(text)) return std::nullopt;
      return std::pair{text, 0};
    case CellKind::kPercent: {
      std::string_view number(text);
      if (!number.ends_with('%')) return std::nullopt;
      number.remove_suffix(1);
      if (!IsPlainNumber(number)) return std::nullopt;
      return std::pair{ShortNumber(std::strtod(std::string(number).c_str(), nullptr) / 100),
                       kPercentStyle};
    }
    case CellKind::kDate:
    case CellKind::kDateTime: {
      const bool with_time = kind == CellKind::kDateTime;
      if (text.size() != (with_time ? 16u : 10u)) return std::nullopt;
      auto day = domain::ParseDate(std::string_view(text).substr(0, 10));
      if (!day) return std::nullopt;
      double serial = static_cast<double>(*day - domain::DayFromCivil(1899, 12, 30));
      if (!with_time) return std::pair{ShortNumber(serial), kDateStyle};
      int hours = 0, minutes = 0;
      if (text[10] != ' ' || text[13] != ':' || !IsPlainNumber(text.substr(11, 2)) ||
          !IsPlainNumber(text.substr(14, 2))) {
        return std::nullopt;
      }
      hours = std::stoi(text.substr(11, 2));
      minutes = std::stoi(text.substr(14, 2));
      if (hours > 23 || minutes > 59) return std::nullopt;
      return std::pair{ShortNumber(serial + (hours * 60 + minutes) / 1440.0), kTimeStyle};
    }
  }
  return std::nullopt;
}

// A header row (bold text) or a data row, whose cells are stored as `kinds` says.
void AppendRowXml(std::string& out, std::size_t row_number, const std::vector<std::string>& row,
                  bool bold, const std::vector<CellKind>& kinds) {
  out += "<row r=\"" + std::to_string(row_number) + "\">";
  for (std::size_t c = 0; c < row.size(); ++c) {
    if (row[c].empty()) continue;
    out += "<c r=\"" + ColumnName(c) + std::to_string(row_number) + "\"";
    if (bold) out += " s=\"1\"";
    if (!bold && c < kinds.size()) {
      if (auto number = NumberCell(row[c], kinds[c])) {
        if (number->second != 0) out += " s=\"" + std::to_string(number->second) + "\"";
        out += "><v>" + number->first + "</v></c>";
        continue;
      }
    }
    out += " t=\"inlineStr\"><is><t xml:space=\"preserve\">";
    AppendXmlEscaped(out, row[c]);
    out += "</t></is></c>";
  }
  out += "</row>";
}

// The package's content types, with one override per worksheet.
std::string ContentTypes(std::size_t sheets) {
  std::string out =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
      R"(<Default Extension="xml" ContentType="application/xml"/>)"
      R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>)";
  for (std::size_t i = 1; i <= sheets; ++i) {
    out +=
        R"(<Override PartName="/xl/worksheets/sheet)" + std::to_string(i) +
        R"(.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>)";
  }
  out +=
      R"(<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>)"
      R"(</Types>)";
  return out;
}

constexpr const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>)"
    R"(</Relationships>)";

// The workbook naming its sheets; `names` are already escaped for XML.
std::string Workbook(const std::vector<std::string>& names) {
  std::string out =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
      R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)";
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    out.append("<sheet name=\"").append(names[i]).append("\" sheetId=\"").append(n);
    out.append("\" r:id=\"rId").append(n).append("\"/>");
  }
  return out + "</sheets></workbook>";
}

// Worksheets are rId1..rIdN, the styles the next id.
std::string WorkbookRels(std::size_t sheets) {
  std::string out =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  for (std::size_t i = 1; i <= sheets; ++i) {
    const std::string n = std::to_string(i);
    out.append(R"(<Relationship Id="rId)").append(n);
    out.append(
        R"(" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet)");
    out.append(n).append(R"(.xml"/>)");
  }
  out +=
      R"(<Relationship Id="rId)" + std::to_string(sheets + 1) +
      R"(" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)";
  return out + "</Relationships>";
}

constexpr const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<numFmts count="3"><numFmt numFmtId="164" formatCode="0.0%"/>)"
    R"(<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/>)"
    R"(<numFmt numFmtId="166" formatCode="yyyy-mm-dd hh:mm"/></numFmts>)"
    R"(<fonts count="2"><font><sz val="11"/><name val="宋体"/></font>)"
    R"(<font><b/><sz val="11"/><name val="宋体"/></font></fonts>)"
    R"(<fills count="2"><fill><patternFill patternType="none"/></fill>)"
    R"(<fill><patternFill patternType="gray125"/></fill></fills>)"
    R"(<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>)"
    R"(<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>)"
    R"(<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>)"
    R"(<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>)"
    R"(<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>)"
    R"(<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>)"
    R"(<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>)"
    R"(</cellXfs>)"
    R"(<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>)"
    R"(</styleSheet>)";

[[noreturn]] void Unwritable(const std::string& path, zip_t* archive) {
  std::string detail = archive != nullptr ? zip_strerror(archive) : "";
  throw domain::StorageError(
      "file.unwritable", "文件无法写入：" + path + (detail.empty() ? "" : "（" + detail + "）"));
}

// The sheet's rows as they close (</row>), for the streaming reader: each row is placed by its
// number, its cells by their column. Rows must come in ascending order, as every spreadsheet
// program writes them.
class RowQueueHandler : public CellHandler {
 public:
  using CellHandler::CellHandler;

  void Start(std::string_view name, const char** attributes) override {
    if (name == "row") {
      const char* r = Attribute(attributes, "r");
      const int number = r != nullptr ? std::atoi(r) : row_ + 1;
      if (number < 1 || number > kMaxRows) NotXlsx(path_, "行号无效");
      if (number <= row_) NotXlsx(path_, "行的顺序无效");
      row_ = number;
      if (static_cast<std::size_t>(row_) > limits_.max_rows) TooManyRows();
      cells_.clear();
      column_ = -1;
      in_row_ = true;
    } else {
      if (name == "c" && !in_row_) NotXlsx(path_, "单元格不在行内");
      StartCellPart(name, attributes);
    }
  }

  void End(std::string_view name) override {
    if (EndCellPart(name)) return;
    if (name == "row") {
      in_row_ = false;
      rows.emplace_back(row_, std::move(cells_));
      cells_.clear();
    }
  }

  std::deque<std::pair<int, std::vector<std::string>>> rows;  // (row number, cells).

 private:
  void CellInRow(int row, const char* reference) override {
    if (row != row_) NotXlsx(path_, std::string("单元格引用无效 ") + reference);
  }

  void CellEnded(std::string value) override {
    if (value.empty()) return;
    auto c = static_cast<std::size_t>(column_);
    if (c >= limits_.max_columns) TooManyColumns();
    if (cells_.size() <= c) cells_.resize(c + 1);
    cells_[c] = std::move(value);
  }

  std::vector<std::string> cells_;
  bool in_row_ = false;
};

// Reads the sheet member 64 KB of compressed input at a time; what it holds at once is the
// shared strings, one piece of XML and the rows that piece closed.
class XlsxRowReader final : public RowReader {
 public:
  XlsxRowReader(const std::string& path, const TableLimits& limits)
      : path_(path), limits_(limits), budget_{limits.max_text_bytes, limits.max_text_bytes} {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      throw domain::InvalidInput("file.unreadable", "文件无法读取：" + path);
    }
    int error = 0;
    archive_.reset(zip_open(path.c_str(), ZIP_RDONLY, &error));
    if (!archive_) NotXlsx(path, "不是 ZIP 压缩包");
    std::string sheet = "xl/worksheets/sheet1.xml";
    FirstSheetHandler first;
    RelationsHandler relations;
    if (ParseMember(archive_.get(), "xl/workbook.xml", first, path, budget_) &&
        !first.relation_id.empty() &&
        ParseMember(archive_.get(), "xl/_rels/workbook.xml.rels", relations, path, budget_)) {
      auto it = relations.targets.find(first.relation_id);
      if (it != relations.targets.end() && !it->second.empty()) {
        sheet = it->second.front() == '/' ? it->second.substr(1) : "xl/" + it->second;
      }
    }
    SharedStringsHandler shared;
    ParseMember(archive_.get(), "xl/sharedStrings.xml", shared, path, budget_);
    shared_ = std::move(shared.strings);
    StylesHandler styles;
    ParseMember(archive_.get(), "xl/styles.xml", styles, path, budget_);
    date_styles_ = styles.DateStyles();

    zip_int64_t index = zip_name_locate(archive_.get(), sheet.c_str(), 0);
    if (index < 0) NotXlsx(path, "没有工作表");
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive_.get(), static_cast<zip_uint64_t>(index), 0, &stat) == 0 &&
        (stat.valid & ZIP_STAT_SIZE) != 0) {
      sheet_size_ = stat.size;
    }
    file_.reset(zip_fopen_index(archive_.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file_) NotXlsx(path, sheet + " 无法解压");
    sheet_name_ = sheet;
    handler_ = std::make_unique<RowQueueHandler>(shared_, date_styles_, path_, limits_);
    parser_.reset(XML_ParserCreate("UTF-8"));
    XML_SetUserData(parser_.get(), handler_.get());
    XML_SetElementHandler(parser_.get(), &OnStart, &OnEnd);
    XML_SetCharacterDataHandler(parser_.get(), &OnText);
    buffer_.resize(std::size_t{1} << 16);

    std::vector<std::string> header;
    if (Pull(header)) {
      header_ = std::move(header);
      cells_ = header_.size();
    }
  }

  bool Next(std::vector<std::string>& row) override {
    if (!Pull(row)) return false;
    AdmitStreamedRow(path_, limits_, header_.size(), cells_, row);
    ++rows_read_;
    return true;
  }

  std::size_t HeldBytes() const override {
    std::size_t bytes = buffer_.capacity();
    for (const auto& s : shared_) bytes += s.capacity();
    for (const auto& [number, cells] : handler_->rows) {
      for (const auto& cell : cells) bytes += cell.capacity();
    }
    return bytes;
  }

  std::size_t EstimatedRows() const override {
    if (done_ || sheet_size_ == 0 || read_ == 0 || rows_read_ == 0) return rows_read_;
    const double share = static_cast<double>(read_) / static_cast<double>(sheet_size_);
    return std::max(rows_read_, static_cast<std::size_t>(static_cast<double>(rows_read_) / share));
  }

 private:
  struct FileCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
  };

  // The next row of the sheet (row next_row_), empty when the sheet skips it; false at the end.
  bool Pull(std::vector<std::string>& row) {
    while (handler_->rows.empty() && !done_) Feed();
    if (handler_->rows.empty()) return false;
    auto& [number, cells] = handler_->rows.front();
    ++next_row_;
    if (number > next_row_) {
      row.clear();
      return true;
    }
    row = std::move(cells);
    handler_->rows.pop_front();
    return true;
  }

  void Feed() {
    zip_int64_t n = zip_fread(file_.get(), buffer_.data(), buffer_.size());
    if (n < 0) NotXlsx(path_, sheet_name_ + " 无法解压");
    if (static_cast<std::size_t>(n) > budget_.left) {
      TooLarge(path_, "解压后超过 " + std::to_string(budget_.limit >> 20) + " MB");
    }
    budget_.left -= static_cast<std::size_t>(n);
    read_ += static_cast<std::size_t>(n);
    done_ = n == 0;
    if (XML_Parse(parser_.get(), buffer_.data(), static_cast<int>(n), done_ ? 1 : 0) ==
        XML_STATUS_ERROR) {
      NotXlsx(path_, sheet_name_ + " 不是有效的 XML");
    }
  }

  std::string path_;
  TableLimits limits_;
  XmlBudget budget_;
  ZipPtr archive_;
  std::unique_ptr<zip_file_t, FileCloser> file_;
  std::string sheet_name_;
  std::vector<std::string> shared_;
  std::vector<bool> date_styles_;
  std::unique_ptr<RowQueueHandler> handler_;
  ParserPtr parser_;
  std::vector<char> buffer_;
  std::size_t sheet_size_ = 0;
  std::size_t read_ = 0;
  std::size_t cells_ = 0;
  int next_row_ = 0;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<RowReader> OpenXlsx(const std::string& path, const TableLimits& limits) {
  return std::make_unique<XlsxRowReader>(path, limits);
}

Table ReadXlsx(const std::string& path, const TableLimits& limits) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw domain::InvalidInput("file.unreadable", "文件无法读取：" + path);
  }
  int error = 0;
  ZipPtr archive(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (!archive) NotXlsx(path, "不是 ZIP 压缩包");

  XmlBudget budget{limits.max_text_bytes, limits.max_text_bytes};
  std::string sheet = "xl/worksheets/sheet1.xml";
  FirstSheetHandler first;
  RelationsHandler relations;
  if (ParseMember(archive.get(), "xl/workbook.xml", first, path, budget) &&
      !first.relation_id.empty() &&
      ParseMember(archive.get(), "xl/_rels/workbook.xml.rels", relations, path, budget)) {
    auto it = relations.targets.find(first.relation_id);
    if (it != relations.targets.end() && !it->second.empty()) {
      sheet = it->second.front() == '/' ? it->second.substr(1) : "xl/" + it->second;
    }
  }

  SharedStringsHandler shared;
  ParseMember(archive.get(), "xl/sharedStrings.xml", shared, path, budget);
  StylesHandler styles;
  ParseMember(archive.get(), "xl/styles.xml", styles, path, budget);
  std::vector<bool> date_styles = styles.DateStyles();

  SheetHandler handler(shared.strings, date_styles, path, limits);
  if (!ParseMember(archive.get(), sheet, handler, path, budget)) NotXlsx(path, "没有工作表");

  // Rows are as wide as their last non-empty cell; the Table is built only once its padded size
  // is known to be within the limits.
  auto& cells = handler.cells;
  Table table;
  if (cells.empty()) return table;
  std::stable_sort(cells.begin(), cells.end(), [](const auto& a, const auto& b) {
    return a.row != b.row ? a.row < b.row : a.column < b.column;
  });
  const std::size_t row_count = cells.back().row + 1;
  std::vector<std::size_t> widths(row_count, 0);
  for (const auto& cell : cells) widths[cell.row] = std::max(widths[cell.row], cell.column + 1);
  const std::size_t header_width = widths.front();
  if (PaddedCells(header_width, std::vector<std::size_t>(widths.begin() + 1, widths.end())) >
      limits.max_cells) {
    TooLarge(path, "最多 " + std::to_string(limits.max_cells) + " 个单元格");
  }
  std::vector<std::vector<std::string>> grid(row_count);
  for (std::size_t r = 0; r < row_count; ++r) grid[r].resize(widths[r]);
  // A later cell with the same reference wins, as when the grid was filled in document order.
  for (auto& cell : cells) grid[cell.row][cell.column] = std::move(cell.value);
  cells.clear();
  table.header = std::move(grid.front());
  table.rows.assign(std::make_move_iterator(grid.begin() + 1), std::make_move_iterator(grid.end()));
  PadRows(table);
  return table;
}

namespace {

// Writes one worksheet's XML to `sheet_path`: the sheet can be large (a county roster is ~100 MB
// of XML), so it goes through a temporary file instead of memory.
void WriteSheetXml(const std::string& path, const std::string& sheet_path, const Table& table) {
  std::size_t columns = table.header.size();
  for (const auto& row : table.rows) columns = std::max(columns, row.size());
  std::vector<std::size_t> widths(columns, 8);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], std::min<std::size_t>(60, DisplayWidth(row[c]) + 2));
    }
  };
  measure(table.header);
  for (const auto& row : table.rows) measure(row);

  std::ofstream out(sheet_path, std::ios::binary | std::ios::trunc);
  if (!out) Unwritable(path, nullptr);
  std::string chunk =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
      R"(<sheetViews><sheetView workbookViewId="0">)"
      R"(<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>)"
      R"(</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>)";
  if (columns > 0) {
    chunk += "<cols>";
    for (std::size_t c = 0; c < columns; ++c) {
      std::string n = std::to_string(c + 1);
      chunk.append("<col min=\"").append(n).append("\" max=\"").append(n);
      chunk.append("\" width=\"")
          .append(std::to_string(widths[c]))
          .append("\" customWidth=\"1\"/>");
    }
    chunk += "</cols>";
  }
  chunk += "<sheetData>";
  AppendRowXml(chunk, 1, table.header, true, {});
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    AppendRowXml(chunk, r + 2, table.rows[r], false, table.kinds);
    if (chunk.size() > (1 << 20)) {
      out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      chunk.clear();
    }
  }
  chunk += "</sheetData></worksheet>";
  out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
  out.close();
  if (!out) Unwritable(path, nullptr);
}

// A tab name Excel accepts: at most 31 characters, none of []:*?/\\, not empty.
std::string SheetName(const std::string& name, std::size_t index) {
  std::string out;
  std::size_t characters = 0;
  for (std::size_t i = 0; i < name.size() && characters < 31; ++characters) {
    std::size_t length = 1;
    const auto lead = static_cast<unsigned char>(name[i]);
    if (lead >= 0xF0) {
      length = 4;
    } else if (lead >= 0xE0) {
      length = 3;
    } else if (lead >= 0xC0) {
      length = 2;
    }
    std::string piece = name.substr(i, length);
    if (piece.find_first_of("[]:*?/\\") == std::string::npos) out += piece;
    i += length;
  }
  if (out.empty()) out = "Sheet" + std::to_string(index + 1);
  std::string escaped;
  AppendXmlEscaped(escaped, out);
  return escaped;
}

}  // namespace

void WriteXlsx(const std::string& path, const Table& table) {
  WriteXlsxSheets(path, {{"Sheet1", table}});
}

void WriteXlsxSheets(const std::string& path, const std::vector<NamedTable>& sheets) {
  const std::vector<NamedTable> none = {{"Sheet1", {}}};
  const std::vector<NamedTable>& written = sheets.empty() ? none : sheets;
  struct Remove {
    std::vector<std::string> paths;
    ~Remove() {
      for (const auto& p : paths) std::remove(p.c_str());
    }
  } remove_sheets;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < written.size(); ++i) {
    std::string sheet_path = path + ".sheet" + std::to_string(i + 1) + ".tmp";
    remove_sheets.paths.push_back(sheet_path);
    WriteSheetXml(path, sheet_path, written[i].table);
    names.push_back(SheetName(written[i].name, i));
  }

  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive == nullptr) Unwritable(path, nullptr);
  auto add = [&](const std::string& name, zip_source_t* source) {
    if (source == nullptr || zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      if (source != nullptr) zip_source_free(source);
      std::string message = zip_strerror(archive);
      zip_discard(archive);
      throw domain::StorageError("file.unwritable",
                                 "文件无法写入：" + path + "（" + message + "）");
    }
  };
  // libzip reads buffers at zip_close, so the generated parts are kept until then.
  const std::string content_types = ContentTypes(written.size());
  const std::string workbook = Workbook(names);
  const std::string workbook_rels = WorkbookRels(written.size());
  auto add_text = [&](const char* name, std::string_view text) {
    add(name, zip_source_buffer(archive, text.data(), text.size(), 0));
  };
  add_text("[Content_Types].xml", content_types);
  add_text("_rels/.rels", kRootRels);
  add_text("xl/workbook.xml", workbook);
  add_text("xl/_rels/workbook.xml.rels", workbook_rels);
  add_text("xl/styles.xml", kStyles);
  for (std::size_t i = 0; i < written.size(); ++i) {
    add("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml",
        zip_source_file(archive, remove_sheets.paths[i].c_str(), 0, -1));
  }
  if (zip_close(archive) < 0) {
    std::string message = zip_strerror(archive);
    zip_discard(archive);
    throw domain::StorageError("file.unwritable", "文件无法写入：" + path + "（" + message + "）");
  }
}

}  // namespace minqing::formats
