// Routes of the household roster (花名册): the spreadsheet a county office exchanges with its
// villages, imported and exported in the browser as with `minqing import` / `minqing export`.
// See docs/api.md, section "Roster". Admin only (RosterService checks, for an upload before its
// body is read).
#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "app/roster.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"
#include "http/matter_json.hpp"
#include "http/sheet_upload.hpp"

namespace minqing::http {
namespace {

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

Json ChangesJson(const std::vector<app::RosterChange>& list) {
  Json out = Json::array();
  for (const auto& change : list) {
    Json fields = Json::array();
    for (const auto& f : change.changes) {
      fields.push_back({{"column", f.column}, {"before", f.before}, {"after", f.after}});
    }
    out.push_back({{"row", change.row},
                   {"household_number", change.household_number},
                   {"name", change.name},
                   {"changes", std::move(fields)}});
  }
  return out;
}

Json ReportJson(const app::ImportReport& report) {
  return ImportReportJson(
      report, {{"households_created", report.households_created},
               {"households_extended", report.households_extended},
               {"residents_created", report.residents_created},
               {"households_skipped", report.households_skipped},
               {"households_changed", report.households_changed},
               {"residents_changed", report.residents_changed},
               {"residents_moved_out", report.residents_moved_out},
               {"changes",
                {{"households_added", ChangesJson(report.changes.households_added)},
                 {"households_changed", ChangesJson(report.changes.households_changed)},
                 {"residents_added", ChangesJson(report.changes.residents_added)},
                 {"residents_changed", ChangesJson(report.changes.residents_changed)},
                 {"residents_moved_out", ChangesJson(report.changes.residents_moved_out)}}},
               {"changes_listed_max", app::kMaxChangesListed}});
}

}  // namespace

void Api::AddRosterRoutes() {
  auto& roster = services_.roster;
  auto& registry = services_.registry;
  const std::string kTag = "roster";
  auto progress = std::make_shared<RosterProgress>();

  router_.Add(
      "POST", "/api/v1/roster/import",
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
        const SheetUpload upload = ReadSheetUpload(f);
        const std::string mode = f.String("mode");
        const std::string key = ProgressKey(f.String("progress_key"));
        f.Check();
        const domain::Id user_id = actor.user.id;
        auto report = [&](std::string stage, std::int64_t processed, std::int64_t total) {
          if (!key.empty()) progress->Set(key, {user_id, std::move(stage), processed, total});
        };
        report("reading", 0, 0);
        try {
          std::string bytes = upload.Bytes();
          app::ImportOptions options;
          options.mode = ImportModeOf(mode, "roster.bad_mode");
          options.progress = [&](std::int64_t processed, std::int64_t total) {
            const bool checked = processed == total && options.mode != app::ImportMode::kDryRun;
            report(checked ? "writing" : "checking", processed, total);
          };
          // Read twice by the import, streamed from a temporary file.
          const ScopedTempFile file("minqing-upload", SheetUploadExtension(upload.file_name));
          // The decoded copy goes once it is on disk.
          WriteUploadedFile(file.path(), std::exchange(bytes, {}));
          const std::string path = file.path().string();
          report("checking", 0, 0);
          app::ImportReport result = roster.Import(
              actor, [&path] { return formats::OpenTable(path, SheetUploadLimits()); }, options);
          report("done", result.rows, result.rows);
          return JsonResponse(200, ReportJson(result));
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
