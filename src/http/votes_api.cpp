// Routes of the year-end report and vote (述职评议): see docs/api.md ("Year-end votes"). Staff
// routes read and act on sessions (VoteService checks votes.read / votes.manage in the village's
// scope); the public routes serve the ballot page, take ballots and show published results.
// Each handler parses, calls one VoteService use case and serialises.
#include <array>
#include <string>

#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

std::string Base64(const std::string& bytes) {
  static constexpr std::array<char, 64> kAlphabet = {
      'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P',
      'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'a', 'b', 'c', 'd', 'e', 'f',
      'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v',
      'w', 'x', 'y', 'z', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', '/'};
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = (static_cast<unsigned char>(bytes[i]) << 16U) |
                   (static_cast<unsigned char>(bytes[i + 1]) << 8U) |
                   static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kAlphabet[(n >> 18U) & 63U]);
    out.push_back(kAlphabet[(n >> 12U) & 63U]);
    out.push_back(kAlphabet[(n >> 6U) & 63U]);
    out.push_back(kAlphabet[n & 63U]);
  }
  if (i < bytes.size()) {
    const bool two = i + 1 < bytes.size();
    const auto n = (static_cast<unsigned char>(bytes[i]) << 16U) |
                   (two ? static_cast<unsigned char>(bytes[i + 1]) << 8U : 0U);
    out.push_back(kAlphabet[(n >> 18U) & 63U]);
    out.push_back(kAlphabet[(n >> 12U) & 63U]);
    out.push_back(two ? kAlphabet[(n >> 6U) & 63U] : '=');
    out.push_back('=');
  }
  return out;
}

// The scorecard is stored as JSON text; it is sent back as JSON (an unreadable one as null).
Json ScorecardJson(const std::string& text) {
  Json parsed = Json::parse(text, nullptr, false);
  return parsed.is_discarded() ? Json(nullptr) : parsed;
}

Json TallyJson(const domain::VoteTally& tally) {
  Json counts = Json::object();
  for (auto choice : domain::kVoteChoices) {
    counts[std::string(domain::VoteChoiceCode(choice))] = tally.Of(choice);
  }
  return {{"counts", counts},
          {"total", tally.Total()},
          {"satisfaction_rate", tally.SatisfactionRate()}};
}

Json SessionJson(const domain::VoteSession& s, bool with_texts) {
  Json out = {{"id", s.id},
              {"region_id", s.region_id},
              {"region_name", s.region_name},
              {"assessed_user_id", s.assessed_user_id},
              {"assessed_name", s.assessed_name},
              {"posting_id", s.posting_id ? Json(*s.posting_id) : Json(nullptr)},
              {"title", s.title},
              {"year", s.year},
              {"opens_at", s.opens_at},
              {"closes_at", s.closes_at},
              {"state", std::string(domain::VoteStateCode(s.state))},
              {"state_label", std::string(domain::VoteStateLabel(s.state))},
              {"issued_at", s.issued_at ? Json(*s.issued_at) : Json(nullptr)},
              {"printed", s.printed},
              {"texted", s.texted},
              {"created_at", s.created_at},
              {"published_at", s.published_at ? Json(*s.published_at) : Json(nullptr)}};
  if (with_texts) {
    out["report"] = s.report;
    out["scorecard"] = ScorecardJson(s.scorecard);
  }
  return out;
}

Json ViewJson(const app::VoteSessionView& view, bool with_texts) {
  Json out = SessionJson(view.session, with_texts);
  out["eligible"] = view.eligible;
  out["may_manage"] = view.may_manage;
  if (view.codes_issued) {
    Json refusals = Json::object();
    for (auto reason : domain::kBallotRefusals) {
      const std::string code(domain::BallotRefusalCode(reason));
      auto it = view.refusals->find(code);
      refusals[code] = it == view.refusals->end() ? 0 : it->second;
    }
    out["turnout"] = {{"codes_issued", *view.codes_issued},
                      {"codes_used", *view.codes_used},
                      {"refusals", refusals}};
  } else {
    out["turnout"] = nullptr;
  }
  out["result"] = view.tally ? TallyJson(*view.tally) : Json(nullptr);
  return out;
}

Json PublicVoteJson(const app::PublicVote& vote, bool with_texts) {
  const auto& s = vote.session;
  Json out = {{"id", s.id},
              {"region_id", s.region_id},
              {"region_name", s.region_name},
              {"assessed_name", s.assessed_name},
              {"title", s.title},
              {"year", s.year},
              {"opens_at", s.opens_at},
              {"closes_at", s.closes_at},
              {"state", std::string(domain::VoteStateCode(s.state))},
              {"state_label", std::string(domain::VoteStateLabel(s.state))},
              {"published_at", s.published_at ? Json(*s.published_at) : Json(nullptr)},
              {"result", vote.tally ? TallyJson(*vote.tally) : Json(nullptr)}};
  if (with_texts) {
    out["report"] = s.report;
    out["scorecard"] = ScorecardJson(s.scorecard);
  }
  return out;
}

std::optional<domain::Epoch> OptionalEpoch(FieldReader& fields, std::string_view name) {
  if (!fields.Has(name)) return std::nullopt;
  return fields.Int(name, 0);
}

}  // namespace

void Api::AddVoteRoutes() {
  auto& votes = services_.votes;

  router_.Add("GET", "/api/v1/votes",
              {"述职评议列表", "votes", {{"region_id", "integer"}, {"year", "integer"}}},
              [&votes](const RouteCall& call) {
                std::optional<int> year;
                if (auto y = QueryId(call.request, "year")) year = static_cast<int>(*y);
                Json items = Json::array();
                for (const auto& view :
                     votes.List(ActorOf(call), QueryId(call.request, "region_id"), year)) {
                  items.push_back(ViewJson(view, false));
                }
                return JsonResponse(200, {{"items", items}});
              });
  router_.Add("POST", "/api/v1/votes",
              {"新建述职评议（posting_id 必填；考核记分卡由服务器计算并固定）",
               "votes",
               {},
               true,
               true,
               201},
              [&votes](const RouteCall& call) {
                Json body = Body(call);
                FieldReader fields(body);
                app::VoteSessionInput in;
                in.posting_id = fields.Id("posting_id");
                in.title = fields.String("title");
                in.year = static_cast<int>(fields.Int("year", 0));
                in.report = fields.String("report");
                in.opens_at = fields.Int("opens_at", 0);
                in.closes_at = fields.Int("closes_at", 0);
                fields.Check();
                return JsonResponse(201, ViewJson(votes.Create(ActorOf(call), in), true));
              });
  router_.Add("GET", "/api/v1/votes/{id}", {"述职评议详情（公布前无票数）", "votes"},
              [&votes](const RouteCall& call) {
                return JsonResponse(200, ViewJson(votes.Get(ActorOf(call), PathId(call)), true));
              });
  router_.Add("PATCH", "/api/v1/votes/{id}",
              {"修改述职评议（草稿：标题、述职报告、投票时间）", "votes", {}, true, true},
              [&votes](const RouteCall& call) {
                Json body = Body(call);
                FieldReader fields(body);
                app::VoteSessionPatch patch;
                if (fields.Has("title")) patch.title = fields.String("title");
                if (fields.Has("report")) patch.report = fields.String("report");
                patch.opens_at = OptionalEpoch(fields, "opens_at");
                patch.closes_at = OptionalEpoch(fields, "closes_at");
                fields.Check();
                return JsonResponse(
                    200, ViewJson(votes.Update(ActorOf(call), PathId(call), patch), true));
              });
  router_.Add("GET", "/api/v1/votes/{id}/voters", {"参评人员（村两委、党员、村民代表）", "votes"},
              [&votes](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& v : votes.Voters(ActorOf(call), PathId(call))) {
                  items.push_back({{"resident_id", v.resident_id},
                                   {"name", v.name},
                                   {"phone_masked", v.phone},
                                   {"village_committee", v.village_committee},
                                   {"party_member", v.party_member},
                                   {"villager_rep", v.villager_rep}});
                }
                return JsonResponse(200, {{"items", items}});
              });
  auto transition = [this](const char* path, const char* summary, auto action) {
    router_.Add("POST", path, {summary, "votes"}, [this, action](const RouteCall& call) {
      return JsonResponse(200,
                          ViewJson((services_.votes.*action)(ActorOf(call), PathId(call)), true));
    });
  };
  transition("/api/v1/votes/{id}/open", "开始投票", &app::VoteService::Open);
  transition("/api/v1/votes/{id}/close", "结束投票", &app::VoteService::Close);
  transition("/api/v1/votes/{id}/publish", "公布评议结果", &app::VoteService::Publish);
  router_.Add("POST", "/api/v1/votes/{id}/issue",
              {"发放投票码（每次评议只发放一次；打印评议票或短信）", "votes", {}, true, true},
              [&votes](const RouteCall& call) {
                const std::string channel = BodyString(call, "channel");
                std::optional<app::IssueChannel> parsed;
                if (channel == "print") parsed = app::IssueChannel::kPrint;
                if (channel == "sms") parsed = app::IssueChannel::kSms;
                auto result = votes.Issue(ActorOf(call), PathId(call), parsed);
                Json slips = Json::array();
                for (const auto& slip : result.slips) {
                  slips.push_back({{"code", slip.code}, {"url", slip.url}});
                }
                Response response =
                    JsonResponse(200, {{"channel", channel},
                                       {"eligible", result.eligible},
                                       {"texted", result.texted},
                                       {"printed", static_cast<std::int64_t>(result.slips.size())},
                                       {"slips", slips},
                                       {"slips_pdf_base64", Base64(result.slips_pdf)}});
                // The codes are shown once and never stored: no cache may keep them.
                response.headers.emplace_back("Cache-Control", "no-store");
                return response;
              });

  // Public: the ballot page, the ballot, the board's results.
  router_.Add("GET", "/api/v1/public/votes/{id}",
              {"评议投票页：被评议人、述职报告、考核记分", "public", {}, false},
              [&votes](const RouteCall& call) {
                return JsonResponse(200, PublicVoteJson(votes.PublicPage(PathId(call)), true));
              });
  router_.Add(
      "POST", "/api/v1/public/votes/{id}/ballot",
      {"凭投票码投票（一码一票）", "public", {}, false, true}, [&votes](const RouteCall& call) {
        Json body = Body(call);
        FieldReader fields(body);
        std::string code = fields.String("code");
        std::string choice = fields.String("choice");
        fields.Check();
        votes.CastBallot(PathId(call), code, choice, NowEpoch());
        return JsonResponse(200, {{"accepted", true}, {"message", "投票成功，感谢您的参与"}});
      });
  router_.Add("GET", "/api/v1/public/villages/{id}/vote-results",
              {"公开栏：已公布的述职评议结果", "public", {}, false},
              [&votes](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& vote : votes.PublishedResults(PathId(call), 5)) {
                  items.push_back(PublicVoteJson(vote, false));
                }
                return JsonResponse(200, {{"items", items}});
              });
}

}  // namespace minqing::http
