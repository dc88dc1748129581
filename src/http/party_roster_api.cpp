// Routes of the party roster (党员花名册): the organisation department's sheet of party members
// and their branches and groups, imported and exported in the browser as with `minqing party
// import` / `minqing party export`. Admin only (PartyRosterService checks, for an upload before
// its body is read). See README "Party roster import".
#include <string>

#include "app/party_roster.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"
#include "http/matter_json.hpp"
#include "http/sheet_upload.hpp"

namespace minqing::http {
namespace {

Json ReportJson(const app::PartyImportReport& report) {
  return ImportReportJson(report, {{"orgs_created", report.orgs_created},
                                   {"members_created", report.members_created},
                                   {"members_updated", report.members_updated},
                                   {"leaders_set", report.leaders_set},
                                   {"phones_updated", report.phones_updated},
                                   {"rows_skipped", report.rows_skipped}});
}

}  // namespace

void Api::AddPartyRosterRoutes() {
  auto& party_roster = services_.party_roster;
  const std::string kTag = "party";

  router_.Add("POST", "/api/v1/party/roster/import",
              {"导入党员花名册（xlsx/csv，base64；mode=dry_run 只检查不写入，all_or_nothing，"
               "skip_invalid）",
               kTag,
               {},
               true,
               true},
              [&party_roster](const RouteCall& call) {
                // Before the body is parsed or decoded: an upload costs work only for those who
                // may import.
                const auto& actor = ActorOf(call);
                party_roster.RequireImport(actor);
                return ImportSheetInMode(
                    call, "party_roster.bad_mode", "minqing-party-upload",
                    [&](const formats::Table& table, app::ImportMode mode) {
                      return ReportJson(party_roster.Import(actor, table, mode));
                    });
              });
  router_.Add("GET", "/api/v1/party/roster/export",
              WithPace({"导出党员花名册（含完整身份证号，记入审计日志；列与导入相同）",
                        kTag,
                        {{"format", "string", "xlsx（默认）或 csv"}}},
                       Pace::kSlow),
              [&party_roster](const RouteCall& call) {
                const std::string format = ExportFormat(call.request);
                const auto& actor = ActorOf(call);
                return TableDownload(party_roster.Export(actor), format, "party-roster",
                                     "党员花名册", actor.now);
              });
}

}  // namespace minqing::http
