#include "http/sheet_upload.hpp"

#include <cctype>
#include <fstream>

#include "domain/errors.hpp"
#include "http/api.hpp"
#include "http/matter_json.hpp"

namespace minqing::http {

formats::TableLimits SheetUploadLimits() {
  formats::TableLimits limits;
  limits.max_columns = 64;
  limits.max_rows = 200000;
  limits.max_cells = 2000000;
  limits.max_text_bytes = std::size_t{256} << 20;
  return limits;
}

std::string SheetUploadExtension(const std::string& file_name) {
  const auto dot = file_name.rfind('.');
  std::string extension = dot == std::string::npos ? "" : file_name.substr(dot);
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension != ".xlsx" && extension != ".csv") {
    throw domain::InvalidInput("file.format", "只能导入 .xlsx 或 .csv 文件");
  }
  return extension;
}

std::string SheetUpload::Bytes() const {
  auto bytes = DecodeBase64(data_base64);
  if (!bytes) throw domain::InvalidInput("file.bad_base64", "文件数据不是有效的 base64");
  return std::move(*bytes);
}

SheetUpload ReadSheetUpload(FieldReader& fields) {
  SheetUpload upload;
  upload.file_name = fields.String("file_name");
  upload.data_base64 = fields.String("data_base64");
  return upload;
}

void WriteUploadedFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw domain::StorageError("file.unwritable", "上传的文件无法暂存");
}

formats::Table ReadUploadedSheet(const SheetUpload& upload, std::string_view temp_prefix,
                                 const formats::TableLimits& limits) {
  const std::string bytes = upload.Bytes();
  const ScopedTempFile file(temp_prefix, SheetUploadExtension(upload.file_name));
  WriteUploadedFile(file.path(), bytes);
  return formats::ReadTable(file.path().string(), limits);
}

app::ImportMode ImportModeOf(const std::string& mode, const std::string& error_code) {
  if (mode.empty() || mode == "all_or_nothing") return app::ImportMode::kAllOrNothing;
  if (mode == "dry_run") return app::ImportMode::kDryRun;
  if (mode == "skip_invalid") return app::ImportMode::kSkipInvalid;
  throw domain::InvalidInput(
      "request.bad_param", "参数格式错误",
      {{"mode", error_code, "导入方式只能是 dry_run、all_or_nothing 或 skip_invalid"}});
}

Response ImportSheetInMode(
    const RouteCall& call, const std::string& mode_error_code, std::string_view temp_prefix,
    const std::function<Json(const formats::Table&, app::ImportMode)>& import) {
  Json body = Body(call);
  FieldReader f(body);
  const SheetUpload upload = ReadSheetUpload(f);
  const std::string mode = f.String("mode");
  f.Check();
  const app::ImportMode import_mode = ImportModeOf(mode, mode_error_code);
  const formats::Table table = ReadUploadedSheet(upload, temp_prefix, SheetUploadLimits());
  return JsonResponse(200, import(table, import_mode));
}

}  // namespace minqing::http
