// Monthly ranking reports (月度通报), docs/api.md "Monthly ranking reports": each handler parses,
// calls one use case of app/monthly_reports.hpp, serialises.
#include <string>
#include <utility>

#include "app/monthly_reports.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

Json SummaryJson(const app::StoredMonthlyReport& r) {
  return {{"month", r.month},
          {"generated_at", r.generated_at},
          {"generated_by", r.generated_by ? Json(*r.generated_by) : Json(nullptr)},
          {"summary", r.summary}};
}

Json SettingsJson(const domain::RankingSettings& s) {
  return {{"weights",
           {{"response", s.weights.response},
            {"resolution", s.weights.resolution},
            {"satisfaction", s.weights.satisfaction}}},
          {"min_received", s.min_received},
          {"named", s.named}};
}

// RFC 5987 percent-encoding of a UTF-8 file name.
std::string EncodeFileName(const std::string& name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Response FileResponse(std::string bytes, const std::string& month, const char* extension,
                      const char* content_type) {
  Response response;
  response.status = 200;
  response.content_type = content_type;
  response.body = std::move(bytes);
  const std::string ascii = "monthly-report-" + month + "." + extension;
  const std::string name = "月度通报-" + month + "." + extension;
  response.headers.emplace_back(
      "Content-Disposition",
      "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + EncodeFileName(name));
  return response;
}

}  // namespace

void Api::AddMonthlyReportRoutes() {
  auto& reports = services_.monthly_reports;
  router_.Add("GET", "/api/v1/monthly-reports", {"月度通报列表（新月份在前）", "monthly_reports"},
              [&reports](const RouteCall& call) {
                return JsonResponse(200, ItemsJson(reports.List(ActorOf(call)), SummaryJson));
              });
  router_.Add("GET", "/api/v1/monthly-reports/settings",
              {"月度通报排名设置：三率权重、排名门槛、点名数", "monthly_reports"},
              [&reports](const RouteCall& call) {
                return JsonResponse(200, SettingsJson(reports.Settings(ActorOf(call))));
              });
  router_.Add("PUT", "/api/v1/monthly-reports/settings",
              {"修改月度通报排名设置（管理员）", "monthly_reports", {}, true, true},
              [&reports](const RouteCall& call) {
                Json body = Body(call);
                domain::RankingSettings in;
                FieldReader fields(body);
                if (body.contains("weights") && body["weights"].is_object()) {
                  FieldReader weights(body["weights"], "weights.");
                  in.weights.response = weights.OptionalDouble("response").value_or(-1);
                  in.weights.resolution = weights.OptionalDouble("resolution").value_or(-1);
                  in.weights.satisfaction = weights.OptionalDouble("satisfaction").value_or(-1);
                  weights.Check();
                } else {
                  in.weights = {-1, -1, -1};
                }
                in.min_received = static_cast<int>(fields.Int("min_received", 5));
                in.named = static_cast<int>(fields.Int("named", 3));
                fields.Check();
                return JsonResponse(200, SettingsJson(reports.SetSettings(ActorOf(call), in)));
              });
  router_.Add("GET", "/api/v1/monthly-reports/{month}",
              {"某月的月度通报：排名、环比、通报文字、走势（figures）", "monthly_reports"},
              [&reports](const RouteCall& call) {
                app::StoredMonthlyReport r = reports.Read(ActorOf(call), call.params.at("month"));
                Json body = SummaryJson(r);
                body["figures"] = Json::parse(r.figures_json);
                return JsonResponse(200, body);
              });
  router_.Add("GET", "/api/v1/monthly-reports/{month}/pdf", {"下载月度通报 PDF", "monthly_reports"},
              [&reports](const RouteCall& call) {
                const std::string month = call.params.at("month");
                return FileResponse(
                    reports.File(ActorOf(call), month, app::MonthlyReportFile::kPdf), month, "pdf",
                    "application/pdf");
              });
  router_.Add("GET", "/api/v1/monthly-reports/{month}/xlsx",
              {"下载月度通报 Excel（每个排名一张表）", "monthly_reports"},
              [&reports](const RouteCall& call) {
                const std::string month = call.params.at("month");
                return FileResponse(
                    reports.File(ActorOf(call), month, app::MonthlyReportFile::kXlsx), month,
                    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
              });
  router_.Add(
      "POST", "/api/v1/monthly-reports/{month}/generate",
      WithPace({"生成或重新生成某月的月度通报（管理员）", "monthly_reports", {}, true, false},
               Pace::kSlow),
      [&reports](const RouteCall& call) {
        app::MonthlyReportOutcome o = reports.Generate(ActorOf(call), call.params.at("month"));
        return JsonResponse(200, {{"month", o.month},
                                  {"summary", o.summary},
                                  {"pdf_bytes", o.pdf_bytes},
                                  {"xlsx_bytes", o.xlsx_bytes}});
      });
}

}  // namespace minqing::http
