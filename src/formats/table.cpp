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

}  // namespace minqing::formats
