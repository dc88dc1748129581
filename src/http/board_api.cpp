// The village board (公开栏, docs/api.md "Village board"): the whole public page in one answer
// and its printable A3 poster. No login (rate-limited per address as every public route); the
// poster shows what the page shows and nothing more. Each handler calls one VillageBoardService
// use case and serialises.
#include "domain/posting.hpp"
#include "domain/votes.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"
#include "http/network_json.hpp"

namespace minqing::http {
namespace {

Json AgreementJson(const domain::Agreement& a) {
  Json items = Json::array();
  for (const auto& item : a.items) {
    items.push_back(
        {{"kind", domain::InfoOf(item.kind).code},
         {"label", item.label.empty() ? std::string(domain::InfoOf(item.kind).label) : item.label},
         {"target", item.target},
         {"unit", item.unit},
         {"weight", item.weight}});
  }
  return {{"year", a.year},
          {"title", a.title},
          {"signed_on", a.signed_on.value_or("")},
          {"items", std::move(items)}};
}

Json BoardJson(const app::VillageBoard& v) {
  Json out = PublicBoardJson(v.board);
  out["village_id"] = v.village_id;
  out["public_url"] = v.public_url;
  if (v.assistant.posting) {
    const auto& p = *v.assistant.posting;
    out["assistant"] = {
        {"name", p.user_name},      {"phone", p.user_phone},
        {"home_unit", p.home_unit}, {"role_label", domain::PostingRoleLabel(p.role)},
        {"team", p.team},           {"from", p.from}};
  }
  out["agreement"] = v.assistant.agreement ? AgreementJson(*v.assistant.agreement) : Json(nullptr);
  Json guides = Json::array();
  for (const auto& entry : v.guides.items) {
    if (!entry.guide) continue;
    guides.push_back({{"id", entry.guide->guide.id},
                      {"category", entry.category.name},
                      {"title", entry.guide->guide.title},
                      {"time_limit", entry.guide->time_limit},
                      {"public_url", entry.guide->public_url}});
  }
  out["guides"] = std::move(guides);
  Json vote = nullptr;
  if (v.last_vote && v.last_vote->tally) {
    const auto& s = v.last_vote->session;
    const auto& t = *v.last_vote->tally;
    vote = {{"id", s.id},
            {"title", s.title},
            {"year", s.year},
            {"assessed_name", s.assessed_name},
            {"published_at", s.published_at.value_or(0)},
            {"counts",
             {{"satisfied", t.satisfied}, {"basic", t.basic}, {"unsatisfied", t.unsatisfied}}},
            {"total", t.Total()},
            {"satisfaction_rate", t.SatisfactionRate()}};
  }
  out["last_vote"] = std::move(vote);
  return out;
}

}  // namespace

void Api::AddBoardRoutes() {
  app::VillageBoardService& board = services_.village_board;
  router_.Add("GET", "/api/v1/public/board/{id}",
              {"公开栏：党小组和党员联系户、村级事务助理和目标责任书、当前通知、已答复诉求（不含个"
               "人信息）、"
               "办事指南、服务站办公时间、最近一次述职评议结果",
               "public",
               {},
               false},
              [&board](const RouteCall& call) {
                return JsonResponse(200, BoardJson(board.Read(PathId(call), NowEpoch())));
              });
  router_.Add("GET", "/api/v1/public/board/{id}/board.pdf",
              WithPace({"公开栏（A3 海报 PDF，可打印张贴）", "public", {}, false}, Pace::kSlow),
              [&board](const RouteCall& call) {
                const domain::Id id = PathId(call);
                Response response;
                response.status = 200;
                response.content_type = "application/pdf";
                response.body = board.Pdf(id, NowEpoch());
                response.headers.emplace_back(
                    "Content-Disposition",
                    "inline; filename=\"board-" + std::to_string(id) + ".pdf\"");
                return response;
              });
}

}  // namespace minqing::http
