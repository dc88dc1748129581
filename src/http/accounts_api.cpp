// Routes of accounts in bulk (app/account_import.hpp): the accounts sheet upload, activation
// letters (PDF), bulk deactivation / reactivation / reassignment, and the public first sign-in
// with an activation code. See docs/api.md, section "Accounts in bulk". Everything but the
// activation needs users.manage, checked before a body is read, a file decoded or a PDF drawn.
#include <string>
#include <vector>

#include "app/account_import.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"
#include "http/matter_json.hpp"
#include "http/sheet_upload.hpp"

namespace minqing::http {
namespace {

std::vector<domain::Id> UserIds(const Json& body) {
  std::vector<domain::Id> ids;
  if (!body.contains("user_ids")) return ids;
  const Json& list = body["user_ids"];
  if (!list.is_array()) {
    throw domain::InvalidInput("validation.failed", "输入有误",
                               {{"user_ids", "type.integer", "应为整数数组"}});
  }
  for (const auto& v : list) {
    if (!v.is_number_integer()) {
      throw domain::InvalidInput("validation.failed", "输入有误",
                                 {{"user_ids", "type.integer", "应为整数数组"}});
    }
    ids.push_back(v.get<domain::Id>());
  }
  return ids;
}

// The caller, once checked to manage accounts: before a body is read, a file decoded or a PDF
// drawn.
const app::Actor& ManagerOf(const app::AccountImportService& accounts, const RouteCall& call) {
  const auto& actor = ActorOf(call);
  accounts.RequireManage(actor);
  return actor;
}

Json ReportJson(const app::AccountImportReport& report) {
  return ImportReportJson(report, {{"created", report.created},
                                   {"updated", report.updated},
                                   {"skipped", report.skipped},
                                   {"account_ids", report.account_ids}});
}

}  // namespace

void Api::AddAccountRoutes() {
  auto& accounts = services_.accounts;
  const std::string kTag = "users";
  router_.Add("POST", "/api/v1/users/import",
              {"导入账号表（xlsx/csv，base64；dry_run 只检查；新账号待激活，不设密码）",
               kTag,
               {},
               true,
               true},
              [&accounts](const RouteCall& call) {
                const auto& actor = ManagerOf(accounts, call);
                return ImportSheetInMode(call, "roster.bad_mode", "minqing-accounts",
                                         [&](const formats::Table& table, app::ImportMode mode) {
                                           return ReportJson(accounts.Import(actor, table, mode));
                                         });
              });
  router_.Add(
      "POST", "/api/v1/users/letters",
      WithPace({"打印激活通知书（PDF；为每个账号生成新激活码，旧码作废；sms=true 同时短信发送）",
                kTag,
                {},
                true,
                true},
               Pace::kSlow),
      [&accounts](const RouteCall& call) {
        const auto& actor = ManagerOf(accounts, call);
        Json body = Body(call);
        FieldReader f(body);
        const bool sms = f.OptionalBool("sms").value_or(false);
        f.Check();
        app::LetterOptions options;
        options.sms = sms;
        app::AccountLetters letters = accounts.IssueLetters(actor, UserIds(body), options);
        Response response;
        response.status = 200;
        response.content_type = "application/pdf";
        response.body = std::move(letters.pdf);
        response.headers.emplace_back("Content-Disposition",
                                      "attachment; filename=\"activation-letters.pdf\"");
        response.headers.emplace_back("X-Letters-Count", std::to_string(letters.count));
        return response;
      });
  router_.Add("POST", "/api/v1/users/bulk",
              {"批量停用、启用或调整账号（action: deactivate | reactivate | reassign）",
               kTag,
               {},
               true,
               true},
              [&accounts](const RouteCall& call) {
                const auto& actor = ManagerOf(accounts, call);
                Json body = Body(call);
                FieldReader f(body);
                const std::string action = f.String("action");
                app::BulkChange change;
                change.region_id = f.OptionalId("region_id");
                change.unit_id = f.OptionalId("unit_id");
                f.Check();
                if (action == "deactivate") {
                  change.kind = app::BulkChange::Kind::kDeactivate;
                } else if (action == "reactivate") {
                  change.kind = app::BulkChange::Kind::kReactivate;
                } else if (action == "reassign") {
                  change.kind = app::BulkChange::Kind::kReassign;
                } else {
                  throw domain::InvalidInput("validation.failed", "操作无效",
                                             {{"action", "user.bulk_action",
                                               "操作只能是 deactivate、reactivate 或 reassign"}});
                }
                const std::int64_t changed = accounts.Apply(actor, UserIds(body), change);
                return JsonResponse(200, {{"changed", changed}});
              });
  router_.Add(
      "POST", "/api/v1/auth/activate",
      {"激活账号：用户名 + 激活码 + 新密码（公开，限速；成功即登录）", "auth", {}, false, true},
      [this](const RouteCall& call) {
        Json body = Body(call);
        FieldReader fields(body);
        const std::string username = fields.String("username");
        const std::string code = fields.String("code");
        const std::string password = fields.String("password");
        const std::string client = fields.String("client");
        fields.Check();
        const domain::Epoch now = NowEpoch();
        return SignedIn(services_.auth.Activate(
                            username, code, password, call.request.client_address, now,
                            client == "web" ? domain::Channel::kWeb : domain::Channel::kApi),
                        now);
      });
}

}  // namespace minqing::http
