#include "formats/table.hpp"

#include <algorithm>
#include <cctype>

#include "domain/errors.hpp"

namespace minqing::formats {
namespace {

std::string LowerExtension(const std::string& path) {
  auto slash = path.find_last_of("/\\");
  auto dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

[[noreturn]] void UnknownFormat(const std::string& path) {
  throw domain::InvalidInput("file.format", "不支持的文件格式（仅支持 .csv 和 .xlsx）：" + path);
}

}  // namespace

TableLimits StreamingLimits() {
  TableLimits limits;
  limits.max_rows = static_cast<std::size_t>(-1);
  limits.max_cells = static_cast<std::size_t>(-1);
  limits.max_text_bytes = static_cast<std::size_t>(-1);
  return limits;
}

namespace {

class TableRowReader final : public RowReader {
 public:
  explicit TableRowReader(const Table& table) : table_(table) { header_ = table.header; }
  bool Next(std::vector<std::string>& row) override {
    if (rows_read_ >= table_.rows.size()) return false;
    row = table_.rows[rows_read_++];
    if (row.size() < header_.size()) row.resize(header_.size());
    return true;
  }
  std::size_t EstimatedRows() const override { return table_.rows.size(); }
  std::size_t HeldBytes() const override { return 0; }  // The table belongs to the caller.

 private:
  const Table& table_;
};

}  // namespace

std::unique_ptr<RowReader> TableRows(const Table& table) {
  return std::make_unique<TableRowReader>(table);
}

std::unique_ptr<RowReader> OpenTable(const std::string& path, const TableLimits& limits) {
  std::string ext = LowerExtension(path);
  if (ext == "csv") return OpenCsv(path, limits);
  if (ext == "xlsx") return OpenXlsx(path, limits);
  UnknownFormat(path);
}

Table ReadTable(const std::string& path, const TableLimits& limits) {
  std::string ext = LowerExtension(path);
  if (ext == "csv") return ReadCsv(path, limits);
  if (ext == "xlsx") return ReadXlsx(path, limits);
  UnknownFormat(path);
}

void WriteTable(const std::string& path, const Table& table) {
  std::string ext = LowerExtension(path);
  if (ext == "csv") return WriteCsv(path, table);
  if (ext == "xlsx") return WriteXlsx(path, table);
  UnknownFormat(path);
}

void PadRows(Table& table) {
  for (auto& row : table.rows) {
    if (row.size() < table.header.size()) row.resize(table.header.size());
  }
}

std::size_t PaddedCells(std::size_t header_width, const std::vector<std::size_t>& row_widths) {
  std::size_t cells = header_width;
  for (std::size_t width : row_widths) cells += std::max(width, header_width);
  return cells;
}

void TooLarge(const std::string& path, const std::string& what) {
  throw domain::InvalidInput("table.too_large",
                             "表格过大（" + what + "），请拆分后分批导入：" + path);
}

void AdmitStreamedRow(const std::string& path, const TableLimits& limits, std::size_t header_width,
                      std::size_t& cells, std::vector<std::string>& row) {
  cells += std::max(row.size(), header_width);
  if (cells > limits.max_cells) {
    TooLarge(path, "最多 " + std::to_string(limits.max_cells) + " 个单元格");
  }
  if (row.size() < header_width) row.resize(header_width);
}

}  // namespace minqing::formats
