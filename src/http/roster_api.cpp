// Routes of the household roster (花名册): the spreadsheet a county office exchanges with its
// villages, imported and exported in the browser as with `minqing import` / `minqing export`.
// See docs/api.md, section "Roster". Admin only (RosterService checks, for an upload before its
// body is read).
#include <cctype>
#include <fstream>

#include "app/roster.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"
#include "http/matter_json.hpp"

namespace minqing::http {
namespace {

// At most this many problems travel in an answer; `problems_total` has the count.
constexpr std::size_t kMaxProblemsShown = 1000;

// An upload is at most ~6 MB (the body limit): an honest roster of that size holds well under
// a million cells and ~100 MB of XML. These caps keep what a crafted file can cost the server
// to tens of MB; a whole county goes through `minqing import`, which has the default limits.
formats::TableLimits UploadLimits() {
  formats::TableLimits limits;
  limits.max_columns = 64;
  limits.max_rows = 200000;
  limits.max_cells = 2000000;
  limits.max_text_bytes = std::size_t{256} << 20;
  return limits;
}

app::ImportMode ImportModeOf(const std::string& mode) {
  if (mode.empty() || mode == "all_or_nothing") return app::ImportMode::kAllOrNothing;
  if (mode == "dry_run") return app::ImportMode::kDryRun;
  if (mode == "skip_invalid") return app::ImportMode::kSkipInvalid;
  throw domain::InvalidInput(
      "request.bad_param", "参数格式错误",
      {{"mode", "roster.bad_mode", "导入方式只能是 dry_run、all_or_nothing 或 skip_invalid"}});
}

// Reads an uploaded .xlsx or .csv (by its file name) through a temporary file.
formats::Table ReadUploadedTable(const std::string& file_name, const std::string& bytes) {
  const auto dot = file_name.rfind('.');
  std::string extension = dot == std::string::npos ? "" : file_name.substr(dot);
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension != ".xlsx" && extension != ".csv") {
    throw domain::InvalidInput("file.format", "只能导入 .xlsx 或 .csv 文件");
  }
  const ScopedTempFile file("minqing-upload", extension);
  {
    std::ofstream out(file.path(), std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw domain::StorageError("file.unwritable", "上传的文件无法暂存");
  }
  return formats::ReadTable(file.path().string(), UploadLimits());
}

Json ImportReportJson(const app::ImportReport& report) {
  Json problems = Json::array();
  for (std::size_t i = 0; i < report.problems.size() && i < kMaxProblemsShown; ++i) {
    const auto& p = report.problems[i];
    problems.push_back({{"row", p.row}, {"column", p.column}, {"reason", p.reason}});
  }
  return {{"rows", report.rows},
          {"invalid_rows", report.invalid_rows},
          {"households_created", report.households_created},
          {"households_extended", report.households_extended},
          {"residents_created", report.residents_created},
          {"households_skipped", report.households_skipped},
          {"written", report.written},
          {"problems", std::move(problems)},
          {"problems_total", report.problems.size()}};
}

}  // namespace

void Api::AddRosterRoutes() {
  auto& roster = services_.roster;
  auto& registry = services_.registry;
  const std::string kTag = "roster";

  router_.Add("POST", "/api/v1/roster/import",
              {"导入户籍花名册（xlsx/csv，base64；dry_run 只检查不写入）", kTag, {}, true, true},
              [&roster](const RouteCall& call) {
                // Before the body is parsed or decoded: an upload costs work only for those who
                // may import.
                roster.RequireImport(ActorOf(call));
                Json body = Body(call);
                FieldReader f(body);
                const std::string file_name = f.String("file_name");
                const std::string data = f.String("data_base64");
                const std::string mode = f.String("mode");
                f.Check();
                auto bytes = DecodeBase64(data);
                if (!bytes) {
                  throw domain::InvalidInput("file.bad_base64", "文件数据不是有效的 base64");
                }
                app::ImportOptions options;
                options.mode = ImportModeOf(mode);
                formats::Table table = ReadUploadedTable(file_name, *bytes);
                return JsonResponse(200,
                                    ImportReportJson(roster.Import(ActorOf(call), table, options)));
              });
  router_.Add("GET", "/api/v1/roster/export",
              WithPace({"导出户籍花名册（含完整身份证号，记入审计日志）",
                        kTag,
                        {{"region_id", "integer", "只导出此区域；缺省为本人全部范围"},
                         {"format", "string", "xlsx（默认）或 csv"}}},
                       Pace::kSlow),
              [&roster, &registry](const RouteCall& call) {
                const std::string format = ExportFormat(call.request);
                const auto& actor = ActorOf(call);
                std::string code;
                if (auto region_id = QueryId(call.request, "region_id")) {
                  code = registry.GetRegion(actor, *region_id).code;
                  // An empty code would mean the whole scope.
                  if (code.empty()) {
                    throw domain::InvalidInput("roster.region_without_code",
                                               "该区域没有统计代码，无法单独导出，请选择上级区域");
                  }
                }
                return TableDownload(roster.Export(actor, code), format, "roster", "花名册",
                                     actor.now);
              });
}

}  // namespace minqing::http
