// Routes of the region tree's shape (docs/api.md, "Regions: levels and import"): the configured
// level names, which every screen labels regions with, and the import of a region tree from the
// statistical division codes (统计用区划代码), as `minqing regions import` does. The import checks
// the permission (RegionTreeService::RequireImport) before the body is parsed or decoded.
#include <string>

#include "app/region_tree.hpp"
#include "domain/codes.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"
#include "http/matter_json.hpp"
#include "http/sheet_upload.hpp"

namespace minqing::http {
namespace {

// A region sheet is small (a province has well under 100,000 rows): the sheet upload caps with
// half the columns, cells and text bound what a crafted upload can cost.
formats::TableLimits UploadLimits() {
  formats::TableLimits limits = SheetUploadLimits();
  limits.max_columns = 32;
  limits.max_cells = 1000000;
  limits.max_text_bytes = std::size_t{128} << 20;
  return limits;
}

Json LevelsJson(const domain::RegionLevels& levels) {
  Json rows = Json::array();
  for (const auto& l : levels.levels) {
    rows.push_back({{"level", std::string(domain::RegionLevelCode(l.level))},
                    {"name", l.name},
                    {"name_en", l.name_en}});
  }
  return {{"levels", std::move(rows)}};
}

Json ReportJson(const app::RegionImportReport& report) {
  return ImportReportJson(report, {{"skipped", report.skipped},
                                   {"created", report.created},
                                   {"renamed", report.renamed},
                                   {"unchanged", report.unchanged}});
}

}  // namespace

void Api::AddRegionTreeRoutes() {
  auto& regions = services_.regions;
  router_.Add(
      "GET", "/api/v1/region-levels", {"区域层级及名称（自上而下）", "regions", {}, false},
      [&regions](const RouteCall&) { return JsonResponse(200, LevelsJson(regions.Levels())); });
  router_.Add("PUT", "/api/v1/region-levels",
              {"修改区域层级名称（names 如 \"市,区,街道,社区,网格\"，names_en 可选）",
               "regions",
               {},
               true,
               true},
              [&regions](const RouteCall& call) {
                Json body = Body(call);
                FieldReader f(body);
                const std::string names = f.String("names");
                const std::string names_en = f.String("names_en");
                f.Check();
                return JsonResponse(200,
                                    LevelsJson(regions.SetLevels(ActorOf(call), names, names_en)));
              });
  router_.Add(
      "POST", "/api/v1/regions/import",
      {"导入区划树（统计用区划代码，xlsx/csv，base64；dry_run 只检查不写入；root 只导入其下级）",
       "regions",
       {},
       true,
       true},
      [&regions](const RouteCall& call) {
        // Before the body is parsed or decoded: an upload costs work only for those who
        // may manage regions.
        const auto& actor = ActorOf(call);
        regions.RequireImport(actor);
        Json body = Body(call);
        FieldReader f(body);
        const SheetUpload upload = ReadSheetUpload(f);
        app::RegionImportOptions options;
        options.dry_run = f.OptionalBool("dry_run").value_or(false);
        options.root_code = f.String("root");
        f.Check();
        const formats::Table table = ReadUploadedSheet(upload, "minqing-regions", UploadLimits());
        return JsonResponse(200, ReportJson(regions.Import(actor, table, options)));
      });
}

}  // namespace minqing::http
