#include <gtest/gtest.h>
#include <zip.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "domain/errors.hpp"
#include "formats/table.hpp"

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

}  // namespace
}  // namespace minqing::formats
