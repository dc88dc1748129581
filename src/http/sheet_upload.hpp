// What every spreadsheet import route (residents' roster, party roster, accounts, region tree)
// shares: the upload fields of its body ({"file_name", "data_base64"}), the caps a browser upload
// is read under, the file's extension (.xlsx or .csv, anything else refused), the whole sheet read
// through a temporary file, the import mode parameter, and the fields every import report has in
// its JSON answer. Thread-safety: free functions, no shared state.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "app/roster.hpp"
#include "formats/table.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {

// An upload is at most ~6 MB (the body limit): an honest sheet of that size holds well under a
// million cells and ~100 MB of XML. These caps keep what a crafted file can cost the server to
// tens of MB; a whole county goes through the CLI, which has the default limits.
formats::TableLimits SheetUploadLimits();

// The extension (".xlsx" or ".csv", lower case) of an uploaded file's name; anything else throws
// InvalidInput "file.format".
std::string SheetUploadExtension(const std::string& file_name);

// The file of an upload request, as its body carries it.
struct SheetUpload {
  std::string file_name;
  std::string data_base64;

  // The file's bytes; throws InvalidInput "file.bad_base64".
  std::string Bytes() const;
};

// Reads "file_name" and "data_base64" through `fields`, which the route goes on reading its own
// fields from and then checks (FieldReader::Check) before it decodes the file.
SheetUpload ReadSheetUpload(FieldReader& fields);

// `bytes` written to `path`; throws StorageError "file.unwritable".
void WriteUploadedFile(const std::filesystem::path& path, const std::string& bytes);

// The upload decoded (SheetUpload::Bytes), written to a temporary file (named with `temp_prefix`)
// and read whole under `limits`; the file is removed before returning.
formats::Table ReadUploadedSheet(const SheetUpload& upload, std::string_view temp_prefix,
                                 const formats::TableLimits& limits);

// "dry_run", "all_or_nothing" (also empty) or "skip_invalid"; anything else throws InvalidInput
// with a field error of code `error_code` on "mode".
app::ImportMode ImportModeOf(const std::string& mode, const std::string& error_code);

// At most this many problems travel in an import report; `problems_total` has the count.
inline constexpr std::size_t kMaxProblemsShown = 1000;

// An import report as JSON: `counts` (what the report's own use case counts) with the fields every
// import report has: rows, invalid_rows, written, problems ({row, column, reason}, the first
// kMaxProblemsShown, in the report's order) and problems_total.
template <typename Report>
Json ImportReportJson(const Report& report, Json counts) {
  Json problems = Json::array();
  for (std::size_t i = 0; i < report.problems.size() && i < kMaxProblemsShown; ++i) {
    const auto& p = report.problems[i];
    problems.push_back({{"row", p.row}, {"column", p.column}, {"reason", p.reason}});
  }
  counts["rows"] = report.rows;
  counts["invalid_rows"] = report.invalid_rows;
  counts["written"] = report.written;
  counts["problems"] = std::move(problems);
  counts["problems_total"] = report.problems.size();
  return counts;
}

// The whole of an import route whose use case reads the sheet whole in an import mode, once the
// route has checked the caller's permission (before the body is parsed, so an upload costs work
// only for those who may import): the body {"file_name", "data_base64", "mode"} read, the mode
// (a bad one: a field error of code `mode_error_code`), the sheet decoded and read under
// SheetUploadLimits() through a temporary file named with `temp_prefix`, and `import(table,
// mode)`'s report answered with 200.
Response ImportSheetInMode(
    const RouteCall& call, const std::string& mode_error_code, std::string_view temp_prefix,
    const std::function<Json(const formats::Table&, app::ImportMode)>& import);

}  // namespace minqing::http
