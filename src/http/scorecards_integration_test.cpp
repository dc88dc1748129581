// Scorecards (考核) against the real server: the township ranking and a card with links to the
// records it counts, the Excel export, the county defaults, manual actuals (a leader may, the
// assessed assistant may not), and a village assistant refused another assistant's card.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "http/api.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using Json = nlohmann::json;
using testing::ExpectProblem;
using testing::HttpResult;

class ScorecardsIntegrationTest : public testing::ServerTest {
 protected:
  ScorecardsIntegrationTest() : ServerTest("minqing_scorecards_") {}

  void SetUp() override {
    ServerTest::SetUp();
    place_ = AddVillage("东街村");
    other_ = AddRegion(place_.township.id, "village", "西街村");
    AddUser("admin", "admin");
    AddUser("leader", "leader", place_.township.id);
    AddUser("zhuli", "village_assistant", place_.village.id);
    AddUser("zhuli2", "village_assistant", other_.id);
    StartServer();
    admin_ = LoginAs("admin");
    leader_ = LoginAs("leader");
    zhuli_ = LoginAs("zhuli");
    zhuli2_ = LoginAs("zhuli2");
    for (const auto& u : services_->auth.ListUsers(app::SystemActor(kNow), {0, 100, ""}).items) {
      users_[u.username] = u.id;
    }
  }

  domain::Id Post(const std::string& user, domain::Id village) {
    app::PostingInput in;
    in.user_id = users_[user];
    in.region_id = village;
    in.role = "village_affairs_assistant";
    in.from = "2026-01-01";
    return services_->postings.Create(app::SystemActor(kNow), in).id;
  }

  HttpResult Send(const std::string& method, const std::string& target, const std::string& token,
                  const Json& body = Json()) {
    return SendAs(method, target, token, body.is_null() ? "" : body.dump());
  }

  static std::string CardPath(domain::Id posting) {
    return "/api/v1/scorecards/" + std::to_string(posting);
  }

  Village place_;
  domain::Region other_;
  std::string admin_, leader_, zhuli_, zhuli2_;
  std::map<std::string, domain::Id> users_;
};

TEST_F(ScorecardsIntegrationTest, AnEmptyCountyHasAnEmptyRanking) {
  HttpResult r = Send("GET", "/api/v1/scorecards?year=2026", admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.Json()["items"].empty());
  HttpResult sheet = Send("GET", "/api/v1/scorecards/export?year=2026", admin_);
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  EXPECT_TRUE(sheet.body.starts_with("PK"));
}

TEST_F(ScorecardsIntegrationTest, TheLeaderRanksTheTownshipAndOpensACardWithLinks) {
  const domain::Id mine = Post("zhuli", place_.village.id);
  const domain::Id theirs = Post("zhuli2", other_.id);
  HttpResult ranking =
      Send("GET", "/api/v1/scorecards?year=2026&region_id=" + std::to_string(place_.township.id),
           leader_);
  ASSERT_EQ(ranking.status, 200) << ranking.body;
  const Json rows = ranking.Json()["items"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["rank"], 1);
  EXPECT_EQ(ranking.Json()["role"], "village_affairs_assistant");

  HttpResult card = Send("GET", CardPath(mine) + "?year=2026", leader_);
  ASSERT_EQ(card.status, 200) << card.body;
  const Json c = card.Json();
  EXPECT_EQ(c["posting"]["user_name"], "zhuli");
  EXPECT_EQ(c["lines"][0]["kind"], "visit_coverage");
  EXPECT_EQ(c["lines"][0]["link"], "/diary?region_id=" + std::to_string(place_.village.id) +
                                       "&from=2026-01-01&to=2026-12-31&confirmed=true");
  EXPECT_TRUE(c["may_enter"].get<bool>());
  bool no_source = false;
  for (const auto& line : c["lines"]) no_source = no_source || line["source"] == "none";
  EXPECT_TRUE(no_source) << "projects and meetings have no data source yet";

  // The assistant reads their own card, not another's, and may not enter figures.
  HttpResult own = Send("GET", CardPath(mine) + "?year=2026", zhuli_);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_FALSE(own.Json()["may_enter"].get<bool>());
  ExpectProblem(Send("GET", CardPath(mine) + "?year=2026", zhuli2_), 403, "auth.forbidden");
  ExpectProblem(Send("GET", CardPath(theirs), zhuli_), 403, "auth.forbidden");
  HttpResult own_ranking = Send("GET", "/api/v1/scorecards?year=2026", zhuli_);
  ASSERT_EQ(own_ranking.status, 200) << own_ranking.body;
  ASSERT_EQ(own_ranking.Json()["items"].size(), 1u);
  EXPECT_EQ(own_ranking.Json()["items"][0]["posting"]["id"], mine);

  // The export: an xlsx workbook.
  HttpResult sheet = Send(
      "GET", "/api/v1/scorecards/export?year=2026&region_id=" + std::to_string(place_.township.id),
      leader_);
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  EXPECT_EQ(sheet.Header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_TRUE(sheet.body.starts_with("PK"));
}

TEST_F(ScorecardsIntegrationTest, TheAssessedAssistantCannotEnterTheirOwnFigureALeaderCan) {
  const domain::Id mine = Post("zhuli", place_.village.id);
  const Json body = {
      {"year", 2026}, {"kind", "meetings_attended"}, {"actual", 12}, {"note", "村两委会议记录"}};
  ExpectProblem(Send("PUT", CardPath(mine) + "/manual", zhuli_, body), 403, "auth.forbidden");
  ExpectProblem(Send("PUT", CardPath(mine) + "/manual", leader_,
                     {{"year", 2026}, {"kind", "consultations"}, {"actual", 99}, {"note", "x"}}),
                400, "validation.failed");
  HttpResult set = Send("PUT", CardPath(mine) + "/manual", leader_, body);
  ASSERT_EQ(set.status, 200) << set.body;
  bool found = false;
  const Json card = set.Json();
  for (const auto& line : card["lines"]) {
    if (line["kind"] != "meetings_attended") continue;
    found = true;
    EXPECT_EQ(line["source"], "manual");
    EXPECT_EQ(line["actual"], 12);
    EXPECT_EQ(line["note"], "村两委会议记录");
  }
  EXPECT_TRUE(found);
  // The assistant sees the figure on their card, marked manual.
  HttpResult own = Send("GET", CardPath(mine) + "?year=2026", zhuli_);
  EXPECT_NE(own.body.find("\"source\":\"manual\""), std::string::npos) << own.body;
}

TEST_F(ScorecardsIntegrationTest, OnlyAnAdministratorSetsTheCountyDefaults) {
  HttpResult read = Send("GET", "/api/v1/scorecards/settings", leader_);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Json()["items"].size(), 9u);
  const Json body = {{"items",
                      {{{"kind", "visit_coverage"}, {"weight", 60}, {"target", 80}},
                       {{"kind", "consultations"}, {"weight", 40}, {"target", 10}}}}};
  ExpectProblem(Send("PUT", "/api/v1/scorecards/settings", leader_, body), 403, "auth.forbidden");
  ExpectProblem(Send("PUT", "/api/v1/scorecards/settings", admin_,
                     {{"items", {{{"kind", "visit_coverage"}, {"weight", 60}, {"target", 80}}}}}),
                400, "validation.failed");
  HttpResult set = Send("PUT", "/api/v1/scorecards/settings", admin_, body);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Send("GET", "/api/v1/scorecards/settings", leader_).Json()["items"].size(), 2u);
}

}  // namespace
}  // namespace minqing::http
