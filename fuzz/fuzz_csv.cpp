// The CSV reader (roster uploads and `minqing import`), with the writer: whatever it reads it
// can write, and a table read within the limits never exceeds them. Refusals are
// domain::InvalidInput.
#include <cstddef>
#include <cstdint>

#include "domain/errors.hpp"
#include "formats/table.hpp"
#include "fuzz_input.hpp"
#include "table_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace formats = minqing::formats;
  const std::string path = minqing::fuzz::ScratchFile(data, size, ".csv");
  formats::TableLimits limits;
  limits.max_columns = 64;
  limits.max_cells = 4096;
  formats::Table table;
  try {
    table = formats::ReadCsv(path, limits);
  } catch (const minqing::domain::InvalidInput&) {
    return 0;
  }
  minqing::fuzz::CheckWithinLimits(table, limits);
  formats::WriteCsv(path, table);
  return 0;
}
