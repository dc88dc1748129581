// The XLSX reader (roster uploads and `minqing import`): ZIP, then XML through expat. A table
// read within the limits never exceeds them; refusals are domain::InvalidInput. Seeds are real
// workbooks, so the fuzzer starts past the ZIP layer; -dict=fuzz/xlsx.dict adds the XML names.
#include <cstddef>
#include <cstdint>

#include "domain/errors.hpp"
#include "formats/table.hpp"
#include "fuzz_input.hpp"
#include "table_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace formats = minqing::formats;
  const std::string path = minqing::fuzz::ScratchFile(data, size, ".xlsx");
  formats::TableLimits limits;
  limits.max_columns = 64;
  limits.max_cells = 4096;
  limits.max_text_bytes = 1 << 20;
  formats::Table table;
  try {
    table = formats::ReadXlsx(path, limits);
  } catch (const minqing::domain::InvalidInput&) {
    return 0;
  }
  minqing::fuzz::CheckWithinLimits(table, limits);
  return 0;
}
