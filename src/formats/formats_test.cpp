#include <gtest/gtest.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>

#include "domain/errors.hpp"
#include "formats/table.hpp"
#include "formats/xml_text.hpp"

namespace minqing::formats {
namespace {

class FormatsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("minqing_formats_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

Table Sample() {
  Table table;
  table.header = {"户编号", "姓名", "地址", "备注"};
  table.rows = {
      {"1311241002010001", "王景云", "饶阳镇东关村, 3号", "他说\"你好\""},
      {"1311241002010002", "单 明", "第一行\n第二行", ""},
      {"1311241002010003", "", "", "  前后空格  "},
  };
  return table;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

TEST_F(FormatsTest, CsvRoundTripKeepsQuotesCommasNewlinesAndChinese) {
  WriteCsv(Path("a.csv"), Sample());
  std::ifstream in(Path("a.csv"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(bytes.find("\"他说\"\"你好\"\"\""), std::string::npos);

  Table back = ReadCsv(Path("a.csv"));
  EXPECT_EQ(back.header, Sample().header);
  EXPECT_EQ(back.rows, Sample().rows);
}

TEST_F(FormatsTest, CsvReadsWithoutBomAndPadsShortRows) {
  WriteFile(Path("b.csv"), "a,b,c\n1,\"x,y\"\n\n");
  Table table = ReadCsv(Path("b.csv"));
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0], (std::vector<std::string>{"1", "x,y", ""}));
}

TEST_F(FormatsTest, CsvConvertsGb18030) {
  // "姓名\r\n王五\r\n" in GB 18030.
  WriteFile(Path("gbk.csv"), "\xD0\xD5\xC3\xFB\r\n\xCD\xF5\xCE\xE5\r\n");
  Table table = ReadCsv(Path("gbk.csv"));
  EXPECT_EQ(table.header, std::vector<std::string>{"姓名"});
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0][0], "王五");
}

TEST_F(FormatsTest, CsvUnclosedQuoteIsInvalid) {
  WriteFile(Path("bad.csv"), "a,b\n\"open,1\n");
  EXPECT_THROW(ReadCsv(Path("bad.csv")), domain::InvalidInput);
}

TEST_F(FormatsTest, XlsxRoundTrip) {
  WriteXlsx(Path("a.xlsx"), Sample());
  Table back = ReadXlsx(Path("a.xlsx"));
  EXPECT_EQ(back.header, Sample().header);
  EXPECT_EQ(back.rows, Sample().rows);
}

TEST_F(FormatsTest, XlsxLargeRoundTrip) {
  Table table;
  table.header = {"序号", "姓名"};
  for (int i = 0; i < 20000; ++i) table.rows.push_back({std::to_string(i), "张三<&>"});
  WriteTable(Path("big.xlsx"), table);
  Table back = ReadTable(Path("big.xlsx"));
  EXPECT_EQ(back.rows, table.rows);
}

// A hand-made workbook as Excel writes it: shared strings with a phonetic run, a number, a date
// cell, an inline string, skipped cells and a skipped row.
TEST_F(FormatsTest, XlsxPlacesCellsByReference) {
  const std::string path = Path("gap.xlsx");
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr);
  auto add = [&](const char* name, const char* text) {
    zip_source_t* source = zip_source_buffer(archive, text, std::strlen(text), 0);
    ASSERT_GE(zip_file_add(archive, name, source, 0), 0);
  };
  add("xl/workbook.xml",
      R"(<workbook xmlns:r="urn:r"><sheets><sheet name="名单" sheetId="1" r:id="rId7"/>)"
      R"(</sheets></workbook>)");
  add("xl/_rels/workbook.xml.rels",
      R"(<Relationships><Relationship Id="rId7" Target="worksheets/data.xml"/></Relationships>)");
  add("xl/sharedStrings.xml",
      R"(<sst><si><t>姓名</t></si><si><r><t>王</t></r><r><t>五</t></r><rPh><t>ワン</t></rPh></si>)"
      R"(<si><t>出生日期</t></si></sst>)");
  add("xl/styles.xml",
      R"(<styleSheet><numFmts><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>)"
      R"(</numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="14"/></cellXfs>)"
      R"(</styleSheet>)");
  add("xl/worksheets/data.xml",
      R"(<worksheet><sheetData>)"
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>2</v></c></row>)"
      R"(<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3"><v>13812345678</v></c>)"
      R"(<c r="C3" s="2"><v>29221</v></c><c r="E3" t="inlineStr"><is><t>备注</t></is></c></row>)"
      R"(</sheetData></worksheet>)");
  ASSERT_EQ(zip_close(archive), 0);

  Table table = ReadXlsx(path);
  EXPECT_EQ(table.header, (std::vector<std::string>{"姓名", "", "出生日期"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0], (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(table.rows[1],
            (std::vector<std::string>{"王五", "13812345678", "1980-01-01", "", "备注"}));
}

// A workbook with one sheet holding `sheet_xml` (no shared strings, no styles).
void WriteWorkbook(const std::string& path, const std::string& sheet_xml) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr);
  zip_source_t* source = zip_source_buffer(archive, sheet_xml.data(), sheet_xml.size(), 0);
  ASSERT_GE(zip_file_add(archive, "xl/worksheets/sheet1.xml", source, 0), 0);
  ASSERT_EQ(zip_close(archive), 0);
}

std::string InlineCell(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

void ExpectTooLarge(const std::function<void()>& read) {
  try {
    read();
    FAIL() << "expected InvalidInput table.too_large";
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "table.too_large");
    EXPECT_NE(std::string(e.what()).find("表格过大"), std::string::npos) << e.what();
  }
}

// The probe's upload: a few KB of XML whose cells at column XFD made every row 16,384 strings
// wide (gigabytes for a 100 KB file). Now the reader refuses it before building any row.
TEST_F(FormatsTest, XlsxCellAtColumnXfdIsRefusedNotPadded) {
  std::string xml = "<worksheet><sheetData><row r=\"1\">" + InlineCell("A1", "户编号") +
                    InlineCell("XFD1", "x") + "</row>";
  for (int r = 2; r < 2000; ++r) {
    std::string n = std::to_string(r);
    xml += "<row r=\"" + n + "\">" + InlineCell("A" + n, n) + InlineCell("XFD" + n, "x") + "</row>";
  }
  xml += "</sheetData></worksheet>";
  WriteWorkbook(Path("wide.xlsx"), xml);
  ExpectTooLarge([&] { ReadXlsx(Path("wide.xlsx")); });
  ExpectTooLarge([&] { ReadTable(Path("wide.xlsx")); });
}

// Within the column limit, a far cell widens only its own row; the padded size is checked
// against the cell cap before any row is built.
TEST_F(FormatsTest, XlsxKeepsRowsSparseAndCapsPaddedCells) {
  std::string xml = "<worksheet><sheetData><row r=\"1\">" + InlineCell("A1", "a") +
                    InlineCell("B1", "b") + "</row><row r=\"2\">" + InlineCell("A2", "1") +
                    InlineCell("CV2", "far") + "</row><row r=\"4\">" + InlineCell("B4", "2") +
                    "</row></sheetData></worksheet>";
  WriteWorkbook(Path("sparse.xlsx"), xml);
  Table table = ReadXlsx(Path("sparse.xlsx"));
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[0].size(), 100u);
  EXPECT_EQ(table.rows[0][99], "far");
  EXPECT_EQ(table.rows[1], (std::vector<std::string>{"", ""}));
  EXPECT_EQ(table.rows[2], (std::vector<std::string>{"", "2"}));

  TableLimits limits;
  limits.max_cells = 100;  // 2 (header) + 100 + 2 + 2 cells once padded.
  ExpectTooLarge([&] { ReadXlsx(Path("sparse.xlsx"), limits); });
  limits.max_cells = 106;
  EXPECT_NO_THROW(ReadXlsx(Path("sparse.xlsx"), limits));
}

TEST_F(FormatsTest, XlsxDecompressedSizeIsCapped) {
  WriteXlsx(Path("a.xlsx"), Sample());
  TableLimits limits;
  limits.max_text_bytes = 512;
  ExpectTooLarge([&] { ReadXlsx(Path("a.xlsx"), limits); });
}

// A cell outside any row and with no reference used to index row -1.
TEST_F(FormatsTest, XlsxCellOutsideARowIsInvalid) {
  WriteWorkbook(Path("norow.xlsx"),
                "<worksheet><sheetData><c t=\"inlineStr\"><is><t>x</t></is></c></sheetData>"
                "</worksheet>");
  try {
    ReadXlsx(Path("norow.xlsx"));
    FAIL() << "expected InvalidInput";
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "xlsx.invalid");
  }
}

TEST_F(FormatsTest, CsvColumnsRowsAndCellsAreCapped) {
  WriteFile(Path("wide.csv"), "a" + std::string(300, ',') + "\r\n1\r\n");
  ExpectTooLarge([&] { ReadCsv(Path("wide.csv")); });

  // 100 header columns and 50 one-cell rows: 100 + 50 * 100 cells once padded.
  std::string text = std::string(99, ',') + "\r\n";
  for (int r = 0; r < 50; ++r) text += "x\r\n";
  WriteFile(Path("padded.csv"), text);
  TableLimits limits;
  limits.max_cells = 5000;
  ExpectTooLarge([&] { ReadCsv(Path("padded.csv"), limits); });
  limits.max_cells = 5100;
  EXPECT_EQ(ReadCsv(Path("padded.csv"), limits).rows.size(), 50u);
  limits.max_rows = 10;
  ExpectTooLarge([&] { ReadCsv(Path("padded.csv"), limits); });
  limits = {};
  limits.max_text_bytes = 64;
  ExpectTooLarge([&] { ReadCsv(Path("padded.csv"), limits); });
}

// Formula injection: a spreadsheet runs =HYPERLINK(...), @, + and - cells as formulas, so the
// CSV writer puts an apostrophe in front, and the reader takes exactly that apostrophe away.
TEST_F(FormatsTest, CsvExportNeutralisesFormulasAndImportRestoresTheText) {
  Table table;
  table.header = {"姓名", "地址"};
  table.rows = {{"=HYPERLINK(\"http://evil.example\",\"点我\")", "@SUM(A1:A9)"},
                {"+1+2", "-3+4"},
                {"\t=1", "'=already quoted"},
                {"''+x", "普通文字 - 无公式"},
                {"'单引号", "a=b"}};
  WriteCsv(Path("f.csv"), table);
  std::ifstream in(Path("f.csv"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(bytes.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\""),
            std::string::npos)
      << bytes;
  EXPECT_NE(bytes.find(",'@SUM(A1:A9)\r\n"), std::string::npos) << bytes;
  EXPECT_NE(bytes.find("'+1+2,'-3+4\r\n"), std::string::npos) << bytes;
  EXPECT_NE(bytes.find("''=already quoted"), std::string::npos) << bytes;
  EXPECT_NE(bytes.find("'单引号,a=b\r\n"), std::string::npos) << bytes;
  for (const std::string cell : {",=", ",@", ",+", ",-", "\n=", "\n@", "\n+", "\n-", "\n\t"}) {
    EXPECT_EQ(bytes.find(cell), std::string::npos) << "a cell starts with a formula: " << cell;
  }
  Table back = ReadCsv(Path("f.csv"));
  EXPECT_EQ(back.rows, table.rows);
}

// XLSX cells are written as inline strings: the same text stays text, never a formula.
TEST_F(FormatsTest, XlsxWritesFormulaTextAsStrings) {
  Table table;
  table.header = {"姓名"};
  table.rows = {{"=HYPERLINK(\"http://evil.example\")"}};
  WriteXlsx(Path("f.xlsx"), table);
  EXPECT_EQ(ReadXlsx(Path("f.xlsx")).rows, table.rows);
  int error = 0;
  zip_t* archive = zip_open(Path("f.xlsx").c_str(), ZIP_RDONLY, &error);
  ASSERT_NE(archive, nullptr);
  zip_file_t* file = zip_fopen(archive, "xl/worksheets/sheet1.xml", 0);
  ASSERT_NE(file, nullptr);
  std::string xml(1 << 16, '\0');
  xml.resize(static_cast<std::size_t>(zip_fread(file, xml.data(), xml.size())));
  zip_fclose(file);
  zip_discard(archive);
  EXPECT_EQ(xml.find("<f>"), std::string::npos);
  EXPECT_NE(xml.find("t=\"inlineStr\"><is><t xml:space=\"preserve\">=HYPERLINK"),
            std::string::npos);
}

std::string SheetXml(const std::string& path) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (archive == nullptr) return "";
  zip_file_t* file = zip_fopen(archive, "xl/worksheets/sheet1.xml", 0);
  std::string xml(1 << 16, '\0');
  xml.resize(file == nullptr ? 0
                             : static_cast<std::size_t>(zip_fread(file, xml.data(), xml.size())));
  if (file != nullptr) zip_fclose(file);
  zip_discard(archive);
  return xml;
}

// A workbook of several sheets: each sheet its own part, named in the workbook (Excel's
// forbidden characters dropped, at most 31 characters); the reader reads the first.
TEST_F(FormatsTest, XlsxSheetsAreWrittenInOrderWithTheirNames) {
  Table first;
  first.header = {"名次", "承办单位"};
  first.rows = {{"1", "社会事务服务中心"}};
  Table second;
  second.header = {"月份"};
  second.rows = {{"2026-11"}, {"2026-12"}};
  WriteXlsxSheets(Path("s.xlsx"), {{"单位排名", first}, {"趋势[1]/2", second}});
  EXPECT_EQ(ReadXlsx(Path("s.xlsx")).rows, first.rows);
  int error = 0;
  zip_t* archive = zip_open(Path("s.xlsx").c_str(), ZIP_RDONLY, &error);
  ASSERT_NE(archive, nullptr);
  auto read = [&](const char* name) {
    zip_file_t* file = zip_fopen(archive, name, 0);
    std::string xml(1 << 16, '\0');
    xml.resize(file == nullptr ? 0
                               : static_cast<std::size_t>(zip_fread(file, xml.data(), xml.size())));
    if (file != nullptr) zip_fclose(file);
    return xml;
  };
  const std::string workbook = read("xl/workbook.xml");
  EXPECT_NE(workbook.find("<sheet name=\"单位排名\" sheetId=\"1\" r:id=\"rId1\"/>"),
            std::string::npos)
      << workbook;
  EXPECT_NE(workbook.find("<sheet name=\"趋势12\" sheetId=\"2\" r:id=\"rId2\"/>"),
            std::string::npos)
      << workbook;
  EXPECT_NE(read("xl/worksheets/sheet2.xml").find("2026-12"), std::string::npos);
  EXPECT_NE(read("xl/_rels/workbook.xml.rels").find("Id=\"rId3\""), std::string::npos);
  EXPECT_NE(read("[Content_Types].xml").find("/xl/worksheets/sheet2.xml"), std::string::npos);
  zip_discard(archive);
}

// Counts, rates and dates of an export are numbers a spreadsheet sums and sorts: number cells
// (no t="inlineStr") with percent and date formats; text in those columns stays text, and CSV
// writes the text as it is.
TEST_F(FormatsTest, XlsxWritesNumberPercentAndDateColumnsAsNumbers) {
  Table table;
  table.header = {"单位", "受理量", "响应率", "日期", "受理时间"};
  table.kinds = {CellKind::kText, CellKind::kNumber, CellKind::kPercent, CellKind::kDate,
                 CellKind::kDateTime};
  table.rows = {{"12", "120", "87.5%", "2026-12-02", "2026-12-02 09:30"},
                {"乙", "7", "", "不详", "2026-13-02 09:30"},
                {"丙", "1e5", "100%", "2026-12-2", "2026-12-02 24:00"}};
  WriteXlsx(Path("n.xlsx"), table);
  const std::string xml = SheetXml(Path("n.xlsx"));
  EXPECT_NE(xml.find(R"(<c r="A2" t="inlineStr"><is><t xml:space="preserve">12</t>)"),
            std::string::npos)
      << "a text column stays text even when it looks like a number";
  EXPECT_NE(xml.find(R"(<c r="B2"><v>120</v></c>)"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(<c r="C2" s="2"><v>0.875</v></c>)"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(<c r="D2" s="3"><v>46358</v></c>)"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(<c r="E2" s="4"><v>46358.3958333)"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(<c r="B3"><v>7</v></c>)"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(<c r="C4" s="2"><v>1</v></c>)"), std::string::npos) << xml;
  for (const char* text :
       {">不详<", ">2026-13-02 09:30<", ">1e5<", ">2026-12-2<", ">2026-12-02 24:00<"}) {
    EXPECT_NE(xml.find(text), std::string::npos) << "kept as text: " << text;
  }
  // Reading back: numbers as written, dates in a date format as dates.
  Table back = ReadXlsx(Path("n.xlsx"));
  EXPECT_EQ(back.rows[0][1], "120");
  EXPECT_EQ(back.rows[0][2], "0.875");
  EXPECT_EQ(back.rows[0][3], "2026-12-02");
  EXPECT_EQ(back.rows[0][4], "2026-12-02");
  WriteCsv(Path("n.csv"), table);
  EXPECT_EQ(ReadCsv(Path("n.csv")).rows, table.rows);
}

TEST_F(FormatsTest, CorruptXlsxIsInvalidInput) {
  WriteFile(Path("corrupt.xlsx"), "PK\x03\x04 this is not a zip archive");
  try {
    ReadXlsx(Path("corrupt.xlsx"));
    FAIL() << "expected InvalidInput";
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "xlsx.invalid");
    EXPECT_NE(std::string(e.what()).find("不是有效的 XLSX 文件"), std::string::npos);
  }
}

TEST_F(FormatsTest, MissingFileAndUnknownExtension) {
  EXPECT_THROW(ReadTable(Path("missing.csv")), domain::InvalidInput);
  EXPECT_THROW(ReadTable(Path("missing.xlsx")), domain::InvalidInput);
  WriteFile(Path("x.txt"), "a");
  EXPECT_THROW(ReadTable(Path("x.txt")), domain::InvalidInput);
}

// The streaming readers hold one piece of the input, never the rows already returned: a 40 MB
// CSV and a 50,000-row workbook are read with a few MB held at any time.
TEST_F(FormatsTest, StreamingCsvReaderHoldsOnePieceNotTheFile) {
  const std::string path = Path("big.csv");
  {
    std::ofstream out(path, std::ios::binary);
    out << "户编号,姓名,地址\r\n";
    for (int r = 0; r < 400000; ++r) {
      out << "1311241002010" << r << ",王景云" << r << ",\"饶阳镇东关村, " << r
          << " 号，一条很长很长很长很长的地址用来让文件变大\"\r\n";
    }
  }
  ASSERT_GT(std::filesystem::file_size(path), std::size_t{40} << 20);
  auto reader = OpenCsv(path, StreamingLimits());
  EXPECT_EQ(reader->header(), (std::vector<std::string>{"户编号", "姓名", "地址"}));
  std::vector<std::string> row;
  std::size_t held = 0;
  std::size_t rows = 0;
  std::size_t first_estimate = 0;
  while (reader->Next(row)) {
    held = std::max(held, reader->HeldBytes());
    if (++rows == 1000) first_estimate = reader->EstimatedRows();
    if (rows == 123457) {
      EXPECT_EQ(row[1], "王景云123456");
      EXPECT_NE(row[2].find("饶阳镇东关村, 123456 号"), std::string::npos);
    }
  }
  EXPECT_EQ(rows, 400000u);
  EXPECT_EQ(reader->rows_read(), 400000u);
  EXPECT_EQ(reader->EstimatedRows(), 400000u);
  EXPECT_GT(first_estimate, 100000u);  // From the share of the file read, not the rows so far.
  EXPECT_LT(held, std::size_t{4} << 20);
  // The default limits still apply to a streaming reader that is given them.
  TableLimits limits;
  limits.max_rows = 1000;
  auto capped = OpenCsv(path, limits);
  ExpectTooLarge([&] {
    while (capped->Next(row)) {
    }
  });
}

TEST_F(FormatsTest, StreamingCsvConvertsGb18030AcrossPieces) {
  // "王景云" in GB 18030, many times, so characters straddle the 1 MB pieces.
  const std::string wang = "\xCD\xF5\xBE\xB0\xD4\xC6";
  std::string text = "name\r\n";
  for (int r = 0; r < 300000; ++r) text += wang + "\r\n";
  WriteFile(Path("gbk.csv"), text);
  auto reader = OpenCsv(Path("gbk.csv"), StreamingLimits());
  std::vector<std::string> row;
  std::size_t rows = 0;
  while (reader->Next(row)) {
    ASSERT_EQ(row[0], "王景云") << rows;
    ++rows;
  }
  EXPECT_EQ(rows, 300000u);
}

TEST_F(FormatsTest, StreamingXlsxReaderHoldsOneChunkNotTheSheet) {
  Table table;
  table.header = {"户编号", "姓名", "出生日期"};
  for (int r = 0; r < 50000; ++r) {
    table.rows.push_back({"1311241002010" + std::to_string(r), "王景云" + std::to_string(r),
                          "2020-01-0" + std::to_string(1 + r % 9)});
  }
  table.kinds = {CellKind::kText, CellKind::kText, CellKind::kDate};
  WriteXlsx(Path("big.xlsx"), table);
  auto reader = OpenXlsx(Path("big.xlsx"));
  EXPECT_EQ(reader->header(), table.header);
  std::vector<std::string> row;
  std::size_t held = 0;
  std::size_t rows = 0;
  while (reader->Next(row)) {
    held = std::max(held, reader->HeldBytes());
    ASSERT_EQ(row, table.rows[rows]) << rows;
    ++rows;
  }
  EXPECT_EQ(rows, table.rows.size());
  EXPECT_LT(held, std::size_t{1} << 20);
}

TEST_F(FormatsTest, StreamingXlsxFillsSkippedRowsAndRefusesRowsOutOfOrder) {
  WriteWorkbook(Path("gap.xlsx"), "<worksheet><sheetData><row r=\"1\">" + InlineCell("A1", "a") +
                                      "</row><row r=\"3\">" + InlineCell("B3", "x") +
                                      "</row></sheetData></worksheet>");
  auto reader = OpenXlsx(Path("gap.xlsx"));
  std::vector<std::string> row;
  ASSERT_TRUE(reader->Next(row));
  EXPECT_EQ(row, (std::vector<std::string>{""}));
  ASSERT_TRUE(reader->Next(row));
  EXPECT_EQ(row, (std::vector<std::string>{"", "x"}));
  EXPECT_FALSE(reader->Next(row));

  WriteWorkbook(Path("order.xlsx"), "<worksheet><sheetData><row r=\"2\">" + InlineCell("A2", "a") +
                                        "</row><row r=\"1\">" + InlineCell("A1", "b") +
                                        "</row></sheetData></worksheet>");
  try {
    auto bad = OpenXlsx(Path("order.xlsx"));
    while (bad->Next(row)) {
    }
    FAIL() << "expected InvalidInput";
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "xlsx.invalid");
  }
}

TEST(XmlTextTest, EscapesMarkupAndDropsWhatXmlCannotCarry) {
  std::string out = "<a>";
  AppendXmlEscaped(out, "王&李 <b> \"x\"\t\n\x01\x1f末");
  EXPECT_EQ(out, "<a>王&amp;李 &lt;b&gt; &quot;x&quot;\t\n末");
}

}  // namespace
}  // namespace minqing::formats
