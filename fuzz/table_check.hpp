// The invariant the table readers' fuzz targets check: a table read within `limits` has no row
// shorter than its header or wider than the column limit, and no more cells than the cell limit.
// Traps (a libFuzzer finding) when it does not hold.
#pragma once

#include <cstddef>

#include "formats/table.hpp"

namespace minqing::fuzz {

inline void CheckWithinLimits(const formats::Table& table, const formats::TableLimits& limits) {
  std::size_t cells = table.header.size();
  for (const auto& row : table.rows) {
    if (row.size() < table.header.size() || row.size() > limits.max_columns) __builtin_trap();
    cells += row.size();
  }
  if (cells > limits.max_cells) __builtin_trap();
}

}  // namespace minqing::fuzz
