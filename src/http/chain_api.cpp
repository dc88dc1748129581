// The public route of the tamper-evident record: the audit chain's current head and the heads
// published for the last days (docs/api.md, "The tamper-evident record"). No login: anyone can
// note the day's head and later compare it with what `minqing verify` recomputes.
#include "app/audit.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

Json PublishedJson(const domain::PublishedHead& head) {
  return {{"day", head.day},
          {"seq", head.seq},
          {"hash", head.hash},
          {"published_at", head.published_at}};
}

}  // namespace

void Api::AddChainRoutes() {
  app::Store& store = *services_.store;
  router_.Add("GET", "/api/v1/public/chain-head", {"公开栏：审计链每日链头", "public", {}, false},
              [&store](const RouteCall&) {
                app::ChainBoard board = app::ReadChainBoard(store, 30);
                Json published = Json::array();
                for (const auto& head : board.published) published.push_back(PublishedJson(head));
                return JsonResponse(
                    200, {{"started", board.current.started_at.has_value()},
                          {"current", {{"seq", board.current.seq}, {"hash", board.current.hash}}},
                          {"published", published}});
              });
}

}  // namespace minqing::http
