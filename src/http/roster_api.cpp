// Routes of the household roster (花名册): the spreadsheet a county office exchanges with its
// villages, imported and exported in the browser as with `minqing import` / `minqing export`.
// See docs/api.md, section "Roster". Admin only (RosterService checks, for an upload before its
// body is read).
#include <cctype>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

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

// How far each running roster upload has got, under the key its browser chose, so the page can
// show "checked 12,000 of 40,000 rows" while the upload's own request is still open. Entries are
// visible only to the user who made them; the oldest go when there are too many.
// Thread-safety: every member function may be called from any thread.
class RosterProgress {
 public:
  struct Entry {
    domain::Id user_id = 0;
    std::string stage;  // "reading", "checking", "writing", "done", "failed".
    std::int64_t processed = 0;
    std::int64_t total = 0;
  };

  void Set(const std::string& key, const Entry& entry) {
    std::lock_guard lock(mutex_);
    auto [it, added] = entries_.insert_or_assign(key, entry);
    if (added) {
      order_.emplace(next_++, key);
      while (order_.size() > kMaxEntries) {
        entries_.erase(order_.begin()->second);
        order_.erase(order_.begin());
      }
    }
  }

  std::optional<Entry> Get(const std::string& key, domain::Id user_id) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.user_id != user_id) return std::nullopt;
    return it->second;
  }

 private:
  static constexpr std::size_t kMaxEntries = 256;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  std::map<std::uint64_t, std::string> order_;  // Insertion order, oldest first.
  std::uint64_t next_ = 0;
};

// A progress key: 8 to 64 letters, digits, '-' or '_'; empty means no progress is kept.
std::string ProgressKey(const std::string& key) {
  bool ok = key.size() >= 8 && key.size() <= 64;
  for (char c : key) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_');
  }
  if (!key.empty() && !ok) {
    throw domain::InvalidInput(
        "request.bad_param", "参数格式错误",
        {{"progress_key", "roster.bad_progress_key", "进度标识只能是 8–64 位字母、数字、- 或 _"}});
  }
  return key;
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
  auto progress = std::make_shared<RosterProgress>();

  router_.Add("POST", "/api/v1/roster/import",
              {"导入户籍花名册（xlsx/csv，base64；dry_run 只检查不写入；progress_key 可查进度）",
               kTag,
               {},
               true,
               true},
              [&roster, progress](const RouteCall& call) {
                // Before the body is parsed or decoded: an upload costs work only for those who
                // may import.
                const auto& actor = ActorOf(call);
                roster.RequireImport(actor);
                Json body = Body(call);
                FieldReader f(body);
                const std::string file_name = f.String("file_name");
                const std::string data = f.String("data_base64");
                const std::string mode = f.String("mode");
                const std::string key = ProgressKey(f.String("progress_key"));
                f.Check();
                const domain::Id user_id = actor.user.id;
                auto report = [&](std::string stage, std::int64_t processed, std::int64_t total) {
                  if (!key.empty())
                    progress->Set(key, {user_id, std::move(stage), processed, total});
                };
                report("reading", 0, 0);
                try {
                  auto bytes = DecodeBase64(data);
                  if (!bytes) {
                    throw domain::InvalidInput("file.bad_base64", "文件数据不是有效的 base64");
                  }
                  app::ImportOptions options;
                  options.mode = ImportModeOf(mode);
                  options.progress = [&](std::int64_t processed, std::int64_t total) {
                    const bool checked =
                        processed == total && options.mode != app::ImportMode::kDryRun;
                    report(checked ? "writing" : "checking", processed, total);
                  };
                  formats::Table table = ReadUploadedTable(file_name, *bytes);
                  report("checking", 0, static_cast<std::int64_t>(table.rows.size()));
                  app::ImportReport result = roster.Import(actor, table, options);
                  report("done", result.rows, result.rows);
                  return JsonResponse(200, ImportReportJson(result));
                } catch (...) {
                  report("failed", 0, 0);
                  throw;
                }
              });
  router_.Add(
      "GET", "/api/v1/roster/import/progress/{key}",
      {"花名册上传的检查进度（本人发起的，按 progress_key）", kTag},
      [&roster, progress](const RouteCall& call) {
        const auto& actor = ActorOf(call);
        roster.RequireImport(actor);
        auto it = call.params.find("key");
        auto entry = progress->Get(it == call.params.end() ? "" : it->second, actor.user.id);
        if (!entry) throw domain::NotFound("roster.progress_not_found", "没有该上传的进度");
        return JsonResponse(
            200,
            {{"stage", entry->stage}, {"processed", entry->processed}, {"total", entry->total}});
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
