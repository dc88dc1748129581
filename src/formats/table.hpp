// Tables read from and written to the files a county office exchanges: CSV (RFC 4180) and
// XLSX (Office Open XML spreadsheets). A Table is a header row and data rows of UTF-8 text;
// row i of `rows` is spreadsheet row i + 2, because the header is row 1.
//
// Reading throws domain::InvalidInput with a Chinese message when a file cannot be read or is
// not of its format ("file.unreadable", "xlsx.invalid", ...) or exceeds its TableLimits
// ("table.too_large"), checked while reading so a small file cannot make the reader allocate
// more than the limits allow (an XLSX cell at column XFD does not widen its row); writing throws
// domain::StorageError when the file cannot be written. All functions are thread-safe: they
// share no state.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace minqing::formats {

// What a column holds, for the XLSX writer: numbers as number cells, percentages ("87.5%") as
// fractions with a percent format, dates ("2026-12-02") and times ("2026-12-02 09:30", China
// time as written) as date serials with a date format. A cell whose text does not read as its
// kind is written as text. CSV writes the text as it is.
enum class CellKind { kText, kNumber, kPercent, kDate, kDateTime };

struct Table {
  std::vector<std::string> header;
  // Each row has at least header.size() cells (short rows are padded with empty strings).
  std::vector<std::vector<std::string>> rows;
  // The kind of each column; columns past its end are text. Readers leave it empty.
  std::vector<CellKind> kinds;
};

// Hard caps on what a reader accepts. Cells are counted as held in the Table, padding included,
// so the memory a file can cost is bounded whatever the file says.
struct TableLimits {
  std::size_t max_columns = 256;
  std::size_t max_rows = 1048576;  // Excel's own limit, header included.
  std::size_t max_cells = 12000000;
  // CSV: the file's size; XLSX: the XML decompressed from the workbook, all parts together.
  std::size_t max_text_bytes = std::size_t{768} << 20;
};

// Limits for the streaming readers (OpenCsv, OpenXlsx) when the caller keeps only a bounded
// part of the rows (`minqing import`): rows, cells and bytes are then free, since the reader's
// memory does not grow with them; the column cap stays.
TableLimits StreamingLimits();

// A forward-only reader of a table's data rows, for files too large to hold: it keeps one
// buffer of the file (CSV) or one chunk of decompressed XML and the shared strings (XLSX), never
// the rows already returned. Throws as the Read* functions do, when the problem is reached.
// Thread-safety: one thread at a time per reader; readers share nothing.
class RowReader {
 public:
  virtual ~RowReader() = default;
  const std::vector<std::string>& header() const { return header_; }
  // Reads the next data row into `row`, padded to the header's width; false at the end. Trailing
  // blank rows may be returned as rows of empty strings.
  virtual bool Next(std::vector<std::string>& row) = 0;
  // Data rows returned so far; the last one returned is spreadsheet row rows_read() + 1.
  std::size_t rows_read() const { return rows_read_; }
  // How many data rows the whole table has, estimated from the share of the input read so far;
  // exact once Next has returned false.
  virtual std::size_t EstimatedRows() const = 0;
  // Bytes of the input the reader holds now (buffers, queued rows, shared strings): bounded by
  // the reader's piece size and the shared strings, whatever the number of rows.
  virtual std::size_t HeldBytes() const = 0;

 protected:
  std::vector<std::string> header_;
  std::size_t rows_read_ = 0;
};

// Streaming versions of ReadCsv, ReadXlsx, ReadTable: the same formats, rules and limits.
std::unique_ptr<RowReader> OpenCsv(const std::string& path, const TableLimits& limits = {});
std::unique_ptr<RowReader> OpenXlsx(const std::string& path, const TableLimits& limits = {});
std::unique_ptr<RowReader> OpenTable(const std::string& path, const TableLimits& limits = {});
// A reader over a table in memory, which must outlive it.
std::unique_ptr<RowReader> TableRows(const Table& table);

// Reads a CSV file: comma-separated, fields optionally quoted with '"' (a doubled quote inside
// a quoted field is a quote; quoted fields may hold commas and line breaks), CRLF or LF line
// ends, UTF-8 with or without a byte-order mark. Files that are not valid UTF-8 are taken to be
// GB 18030 (what Excel saves on a Chinese Windows) and converted. Blank trailing lines are
// ignored.
Table ReadCsv(const std::string& path, const TableLimits& limits = {});

// Writes UTF-8 with a byte-order mark (so Excel shows Chinese correctly), CRLF line ends, and
// quotes exactly the fields that need it. A cell that a spreadsheet would run as a formula
// (starting with =, +, -, @, a tab or a carriage return) is written with a leading apostrophe,
// as is a cell that already starts with an apostrophe before one of those; ReadCsv removes
// exactly that apostrophe, so export followed by import gives the same text.
void WriteCsv(const std::string& path, const Table& table);

// Reads the first worksheet of an XLSX workbook: shared strings, inline strings, formula
// results, booleans and numbers (numbers in date formats become YYYY-MM-DD). Cells are placed
// by their references ("C12"), so skipped cells and rows become empty strings.
Table ReadXlsx(const std::string& path, const TableLimits& limits = {});

// Writes a minimal workbook with one sheet ("Sheet1"): text as inline strings (never formulas,
// whatever the text), number, percent and date columns (Table::kinds) as number cells with their
// number formats, a bold frozen header row and column widths fitted to the content.
void WriteXlsx(const std::string& path, const Table& table);

// A sheet of a workbook: its tab name (at most 31 characters, none of []:*?/\ ) and its table.
struct NamedTable {
  std::string name;
  Table table;
};

// As WriteXlsx, with one sheet per element, in order (ReadXlsx reads the first). At least one
// sheet; a missing or unusable name becomes "Sheet<n>".
void WriteXlsxSheets(const std::string& path, const std::vector<NamedTable>& sheets);

// ReadCsv or ReadXlsx by the file's extension (.csv, .xlsx; case-insensitive); any other
// extension is InvalidInput ("file.format").
Table ReadTable(const std::string& path, const TableLimits& limits = {});

// WriteCsv or WriteXlsx by the file's extension, as ReadTable.
void WriteTable(const std::string& path, const Table& table);

// Pads every row to the header's width.
void PadRows(Table& table);

// Cells a table holds once its rows are padded to the header's width: the header's width plus,
// for each of `row_widths`, the larger of it and the header's width.
std::size_t PaddedCells(std::size_t header_width, const std::vector<std::size_t>& row_widths);

// Throws InvalidInput "table.too_large" naming the limit that `what` (Chinese) exceeds.
[[noreturn]] void TooLarge(const std::string& path, const std::string& what);

// A streaming reader's step for each row it returns: adds the row's padded width to `cells`, the
// file's running count, throws TooLarge once that passes limits.max_cells, and pads the row to
// `header_width`.
void AdmitStreamedRow(const std::string& path, const TableLimits& limits, std::size_t header_width,
                      std::size_t& cells, std::vector<std::string>& row);

}  // namespace minqing::formats
