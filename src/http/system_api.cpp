// Deployment settings (docs/api.md, "System settings"): the public base URL (对外网址) that every
// QR code and link starts with, and the database's month partitions. Administrators only
// (system.settings); each handler calls one use case.
#include "app/partitions_view.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

Json PublicUrlJson(const app::PublicUrlInfo& info) {
  return {{"public_url", info.url},
          {"source", std::string(app::PublicUrlSourceName(info.source))},
          {"loopback", info.loopback},
          {"stored", info.stored}};
}

}  // namespace

void Api::AddSystemRoutes() {
  auto& links = services_.links;
  router_.Add("GET", "/api/v1/system/public-url", {"对外网址（二维码和链接的前缀）", "system"},
              [&links](const RouteCall& call) {
                return JsonResponse(200, PublicUrlJson(links.Get(ActorOf(call))));
              });
  router_.Add("PUT", "/api/v1/system/public-url", {"设置对外网址", "system", {}, true, true},
              [&links](const RouteCall& call) {
                const app::Actor& actor = ActorOf(call);
                links.Get(actor);  // Refuse before reading the body.
                Json body = Body(call);
                FieldReader fields(body);
                std::string url = fields.String("public_url");
                fields.Check();
                return JsonResponse(200, PublicUrlJson(links.Set(actor, url)));
              });
  router_.Add("GET", "/api/v1/system/partitions", {"按月分区（PostgreSQL）", "system"},
              [this](const RouteCall& call) {
                app::PartitionsView view =
                    app::ViewMonthPartitions(*services_.store, ActorOf(call));
                Json items = Json::array();
                for (const auto& p : view.partitions) {
                  items.push_back({{"table", p.table},
                                   {"partition", p.partition},
                                   {"month", p.month},
                                   {"estimated_rows", p.estimated_rows},
                                   {"bytes", p.bytes},
                                   {"archived", p.archived}});
                }
                return JsonResponse(200, {{"engine", view.engine}, {"items", std::move(items)}});
              });
}

}  // namespace minqing::http
