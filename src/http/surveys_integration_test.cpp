// Surveys and evaluations (问卷与评议) against the real server: the whole flow (create with
// questions, edit the draft, open, a party member records one linked household, another
// household answers through its printed link, a repeat is refused and the first kept, the tallies
// per question and per village), the refusals (not linked, outside the region, a bad token,
// invalid answers, closed), who must not be able to answer (the administrator for an arbitrary
// household, the cadre evaluated for any household), and the anonymity read from the schema: no
// answer table has a household column.
#include <gtest/gtest.h>

#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "domain/id_card.hpp"
#include "http/api.hpp"
#include "http/test_server.hpp"
#include "storage/sql_store.hpp"

namespace minqing::http {
namespace {

using Json = nlohmann::json;
using testing::ExpectProblem;
using testing::HttpResult;

// "YYYY-MM-DD" in China of `epoch`.
std::string ChinaDate(domain::Epoch epoch) {
  std::time_t t = static_cast<std::time_t>(epoch + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

class SurveysIntegrationTest : public testing::ServerTest {
 protected:
  SurveysIntegrationTest() : ServerTest("minqing_surveys_") {}

  void SetUp() override {
    ServerTest::SetUp();
    const app::Actor system = app::SystemActor(kNow);
    place_ = AddVillage("东街村");
    west_ = AddRegion(place_.township.id, "village", "西街村");
    auto far_town = AddRegion(place_.county.id, "township", "官亭镇");
    auto far_village = AddRegion(far_town.id, "village", "北村");
    int n = 0;
    auto household = [&](const domain::Region& village, const std::string& head) {
      app::HouseholdInput h;
      h.region_id = village.id;
      h.address = village.name + std::to_string(++n) + "号";
      app::ResidentInput r;
      r.name = head;
      r.id_card = domain::MakeIdCard("131124", "19700101", 10 + n);
      r.relation = "户主";
      return services_->registry.CreateHousehold(system, h, {r}).id;
    };
    h1_ = household(place_.village, "王党员");
    h2_ = household(place_.village, "李二");
    h3_ = household(place_.village, "张三");
    h4_ = household(west_, "赵四");
    h5_ = household(far_village, "钱五");
    app::PartyOrgInput org;
    org.kind = "branch";
    org.name = "东街村党支部";
    org.region_id = place_.village.id;
    auto branch = services_->registry.CreatePartyOrg(system, org);
    app::PartyMemberInput member;
    member.resident_id = services_->registry.GetHousehold(system, h1_).members.front().id;
    member.org_id = branch.id;
    member.status = "full";
    auto party_member = services_->registry.CreatePartyMember(system, member);
    services_->network.Pin(system, {party_member.id, h2_, "pinned"});
    app::UserInput in;
    in.username = "member";
    in.display_name = "王党员";
    in.role = "party_member";
    in.password = PasswordOf("member");
    in.scope_region_id = place_.village.id;
    in.resident_id = member.resident_id;
    services_->auth.CreateUser(system, in);
    AddUser("admin", "admin");
    AddUser("leader", "leader", place_.township.id);
    StartServer();
    admin_ = LoginAs("admin");
    leader_ = LoginAs("leader");
    member_ = LoginAs("member");
    for (const auto& u : services_->auth.ListUsers(system, {0, 100, ""}).items) {
      users_[u.username] = u.id;
    }
  }

  HttpResult Send(const std::string& method, const std::string& target, const std::string& token,
                  const Json& body = Json()) {
    return SendAs(method, target, token, body.is_null() ? "" : body.dump());
  }

  static std::string Path(domain::Id id, const std::string& tail = "") {
    return "/api/v1/surveys/" + std::to_string(id) + tail;
  }

  Json SurveyBody(const std::string& subject = "topic", std::optional<domain::Id> cadre = {}) {
    const domain::Epoch now = NowEpoch();
    Json body = {{"title", "三问三解：村道修缮"},
                 {"description", "问需、问计、问效"},
                 {"subject", subject},
                 {"subject_text", "村道修缮"},
                 {"region_id", place_.township.id},
                 {"opens_on", ChinaDate(now - 2 * 86400)},
                 {"closes_on", ChinaDate(now + 2 * 86400)},
                 {"questions",
                  {{{"kind", "single"}, {"text", "是否满意"}, {"options", {"满意", "不满意"}}},
                   {{"kind", "rating"}, {"text", "打分"}},
                   {{"kind", "text"}, {"text", "建议"}, {"required", false}}}}};
    if (cadre) body["subject_user_id"] = *cadre;
    return body;
  }

  std::string Token(domain::Id survey, domain::Id household) {
    auto tx = services_->store->BeginRead();
    auto s = tx->Surveys().FindSurvey(survey);
    EXPECT_TRUE(s);
    return app::SurveyService::HouseholdToken(*s, household);
  }

  HttpResult Record(domain::Id survey, domain::Id household, const std::string& token,
                    const Json& answers) {
    return Send("POST", Path(survey, "/answers"), token,
                {{"household_id", household}, {"answers", answers}});
  }

  HttpResult ByLink(domain::Id survey, const std::string& t, const Json& answers) {
    return Send("POST", "/api/v1/public/surveys/" + std::to_string(survey) + "/answers", "",
                {{"t", t}, {"answers", answers}});
  }

  static Json Answers(int pick, int rating, const std::string& text = "") {
    Json out = {{{"question", 0}, {"picks", {pick}}}, {{"question", 1}, {"rating", rating}}};
    if (!text.empty()) out.push_back({{"question", 2}, {"text", text}});
    return out;
  }

  Village place_;
  domain::Region west_;
  domain::Id h1_ = 0, h2_ = 0, h3_ = 0, h4_ = 0, h5_ = 0;
  std::string admin_, leader_, member_;
  std::map<std::string, domain::Id> users_;
};

TEST_F(SurveysIntegrationTest, WholeSurveyByMemberAndByLinkIsTalliedOncePerHousehold) {
  HttpResult made = Send("POST", "/api/v1/surveys", leader_, SurveyBody());
  ASSERT_EQ(made.status, 201) << made.body;
  const auto id = made.Json()["id"].get<domain::Id>();
  EXPECT_EQ(made.Json()["state"], "draft");
  EXPECT_EQ(made.Json()["households"], 4);  // The township's households.
  EXPECT_FALSE(made.Json().contains("token_key"));

  // Bad questions are refused with the question's field.
  Json bad = SurveyBody();
  bad["questions"][0]["options"] = {"满意"};
  HttpResult refused = Send("PUT", Path(id), leader_, bad);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["details"][0]["field"], "questions[0].options");

  // A draft is edited, answers nobody and is not public.
  Json edited = SurveyBody();
  edited["title"] = "三问三解：村道修缮意见";
  ASSERT_EQ(Send("PUT", Path(id), leader_, edited).status, 200);
  ExpectProblem(
      Send("GET", "/api/v1/public/surveys/" + std::to_string(id) + "?t=" + Token(id, h3_), ""), 404,
      "survey.not_found");
  ExpectProblem(Record(id, h2_, member_, Answers(0, 5)), 409, "survey.not_open");
  ASSERT_EQ(Send("POST", Path(id, "/open"), leader_).status, 200);
  ExpectProblem(Send("PUT", Path(id), leader_, edited), 409, "survey.not_draft");

  // The member sees the survey for a linked household, not for another.
  HttpResult mine = Send("GET", "/api/v1/households/" + std::to_string(h2_) + "/surveys", member_);
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.Json()["items"].size(), 1u);
  EXPECT_TRUE(mine.Json()["items"][0]["answered_on"].is_null());
  ExpectProblem(Send("GET", "/api/v1/households/" + std::to_string(h3_) + "/surveys", member_), 403,
                "survey.not_linked");

  // Invalid answers: each with its code, nothing stored.
  HttpResult invalid = Record(id, h2_, member_, Answers(0, 6));
  ASSERT_EQ(invalid.status, 400) << invalid.body;
  EXPECT_EQ(invalid.Json()["error"]["details"][0]["code"], "survey.rating_range");
  ExpectProblem(Record(id, h2_, member_, Answers(2, 4)), 400, "validation.failed");
  ExpectProblem(Record(id, h2_, member_, Json::array({{{"question", 1}, {"rating", 3}}})), 400,
                "validation.failed");
  EXPECT_EQ(Send("GET", Path(id), leader_).Json()["answered"], 0);

  // A visit that is not the member's to this household is refused; their own visit is taken.
  HttpResult tied = Send("POST", Path(id, "/answers"), member_,
                         {{"household_id", h2_}, {"visit_id", 12345}, {"answers", Answers(0, 5)}});
  ASSERT_EQ(tied.status, 400) << tied.body;
  EXPECT_EQ(tied.Json()["error"]["details"][0]["code"], "survey.bad_visit");
  HttpResult visit =
      Send("POST", "/api/v1/visits", member_, {{"household_id", h2_}, {"learned", "想修村道"}});
  ASSERT_EQ(visit.status, 201) << visit.body;
  // The member records the linked household on that visit; a repeat keeps the first and says
  // when it was.
  HttpResult recorded = Send("POST", Path(id, "/answers"), member_,
                             {{"household_id", h2_},
                              {"visit_id", visit.Json()["id"].get<domain::Id>()},
                              {"answers", Answers(0, 5, "修路")}});
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  HttpResult repeat = Record(id, h2_, member_, Answers(1, 1));
  ExpectProblem(repeat, 409, "survey.already_answered");
  EXPECT_NE(repeat.Json()["error"]["message"].get<std::string>().find(ChinaDate(NowEpoch())),
            std::string::npos)
      << repeat.body;
  // Not for a household that is not linked to the member.
  ExpectProblem(Record(id, h3_, member_, Answers(1, 1)), 403, "survey.not_linked");
  // The administrator cannot produce an answer for an arbitrary household through the API.
  ExpectProblem(Record(id, h3_, admin_, Answers(1, 1)), 403, "auth.forbidden");

  // Household 3 answers through its printed link.
  HttpResult slips =
      Send("GET", Path(id, "/slips.pdf?village_id=" + std::to_string(place_.village.id)), leader_);
  ASSERT_EQ(slips.status, 200) << slips.body.substr(0, 200);
  EXPECT_EQ(slips.body.substr(0, 5), "%PDF-");
  ExpectProblem(Send("GET", Path(id, "/slips.pdf"), leader_), 400, "validation.failed");
  HttpResult links =
      Send("GET", Path(id, "/links?village_id=" + std::to_string(place_.village.id)), leader_);
  ASSERT_EQ(links.status, 200) << links.body;
  ASSERT_EQ(links.Json()["items"].size(), 3u);
  ExpectProblem(
      Send("GET", Path(id, "/links?village_id=" + std::to_string(place_.village.id)), member_), 403,
      "auth.forbidden");
  const std::string t3 = Token(id, h3_);
  bool listed = false;
  const Json link_list = links.Json();
  for (const auto& link : link_list["items"]) {
    if (link["url"].get<std::string>().ends_with("/s/" + std::to_string(id) + "?t=" + t3)) {
      listed = true;
    }
  }
  EXPECT_TRUE(listed) << links.body;
  HttpResult page = Send("GET", "/api/v1/public/surveys/" + std::to_string(id) + "?t=" + t3, "");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.Json()["village_name"], "东街村");
  EXPECT_EQ(page.Json()["questions"].size(), 3u);
  EXPECT_TRUE(page.Json()["answered_on"].is_null());
  ASSERT_EQ(ByLink(id, t3, Answers(1, 3, "装路灯")).status, 201);
  ExpectProblem(ByLink(id, t3, Answers(0, 5)), 409, "survey.already_answered");
  EXPECT_FALSE(Send("GET", "/api/v1/public/surveys/" + std::to_string(id) + "?t=" + t3, "")
                   .Json()["answered_on"]
                   .is_null());
  // The member's household 2 cannot answer a second time by its link either.
  ExpectProblem(ByLink(id, Token(id, h2_), Answers(1, 1)), 409, "survey.already_answered");
  // A forged token, a token of another survey's household, a household outside the township.
  std::string forged = t3;
  forged.back() = forged.back() == '0' ? '1' : '0';
  ExpectProblem(ByLink(id, forged, Answers(0, 5)), 409, "survey.bad_token");
  ExpectProblem(ByLink(id, std::to_string(h4_) + "-0000000000000000", Answers(0, 5)), 409,
                "survey.bad_token");
  ExpectProblem(ByLink(id, Token(id, h5_), Answers(0, 5)), 409, "survey.outside_region");
  // Household 4 (西街村) answers by link.
  ASSERT_EQ(ByLink(id, Token(id, h4_), Answers(0, 4)).status, 201);

  // The tallies: overall and per village, the texts without households, the refusals.
  HttpResult results = Send("GET", Path(id, "/results"), leader_);
  ASSERT_EQ(results.status, 200) << results.body;
  const Json r = results.Json();
  EXPECT_EQ(r["survey"]["answered"], 3);
  EXPECT_EQ(r["survey"]["households"], 4);
  EXPECT_EQ(r["overall"][0]["counts"], Json::array({2, 1}));
  EXPECT_EQ(r["overall"][1]["counts"], Json::array({0, 0, 1, 1, 1}));
  EXPECT_DOUBLE_EQ(r["overall"][1]["average"].get<double>(), 4.0);
  EXPECT_EQ(r["overall"][2]["answered"], 2);
  EXPECT_EQ(r["texts"].size(), 2u);
  for (const auto& t : r["texts"]) {
    EXPECT_EQ(t["village_name"], "东街村");
    EXPECT_FALSE(t.contains("household_id"));
  }
  std::map<std::string, Json> villages;
  for (const auto& v : r["villages"]) villages[v["village_name"]] = v;
  EXPECT_EQ(villages["东街村"]["households"], 3);
  EXPECT_EQ(villages["东街村"]["answered"], 2);
  EXPECT_EQ(villages["东街村"]["questions"][0]["counts"], Json::array({1, 1}));
  EXPECT_EQ(villages["西街村"]["answered"], 1);
  EXPECT_EQ(villages["西街村"]["questions"][1]["counts"], Json::array({0, 0, 0, 1, 0}));
  EXPECT_EQ(r["refusals"]["survey.already_answered"], 3);
  EXPECT_EQ(r["refusals"]["survey.bad_token"], 2);
  EXPECT_EQ(r["refusals"]["survey.outside_region"], 1);
  EXPECT_EQ(r["refusals"]["survey.not_open"], 1);
  HttpResult csv = Send("GET", Path(id, "/results/export?format=csv"), leader_);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("装路灯"), std::string::npos);

  // No answer table names a household: the marker is the only row that does.
  auto db = storage::OpenDatabase((dir_ / "db.sqlite").string());
  auto conn = db->Acquire();
  for (const char* table : {"survey_counts", "survey_texts"}) {
    for (const auto& row : conn->Query(std::string("PRAGMA table_info(") + table + ")")) {
      const std::string column = row.GetText(1);
      EXPECT_EQ(column.find("household"), std::string::npos) << table << "." << column;
      EXPECT_EQ(column.find("_at"), std::string::npos) << table << "." << column;
    }
  }
  EXPECT_EQ(conn->Query("SELECT COUNT(*) FROM survey_responses").at(0).GetInt64(0), 3);

  // Closed: no more answers, and the count says why.
  ASSERT_EQ(Send("POST", Path(id, "/close"), leader_).status, 200);
  ExpectProblem(ByLink(id, Token(id, h1_), Answers(0, 5)), 409, "survey.closed");
}

TEST_F(SurveysIntegrationTest, TheCadreEvaluatedCannotAnswerNorOrganise) {
  const domain::Id cadre = users_["member"];
  HttpResult made = Send("POST", "/api/v1/surveys", leader_, SurveyBody("cadre", cadre));
  ASSERT_EQ(made.status, 201) << made.body;
  const auto id = made.Json()["id"].get<domain::Id>();
  EXPECT_EQ(made.Json()["subject_user_name"], "王党员");
  ASSERT_EQ(Send("POST", Path(id, "/open"), leader_).status, 200);
  // The member evaluated may not record even the household linked to them.
  ExpectProblem(Record(id, h2_, member_, Answers(0, 5)), 403, "survey.own_evaluation");
  // Nor may the administrator, for any household.
  ExpectProblem(Record(id, h2_, admin_, Answers(0, 5)), 403, "auth.forbidden");
  EXPECT_EQ(Send("GET", Path(id), leader_).Json()["answered"], 0);
  // Their household list does not offer it.
  const Json offered =
      Send("GET", "/api/v1/households/" + std::to_string(h2_) + "/surveys", member_).Json();
  EXPECT_TRUE(offered["items"].empty()) << offered.dump();
  // An organiser cannot make a survey evaluating themselves.
  ExpectProblem(Send("POST", "/api/v1/surveys", leader_, SurveyBody("cadre", users_["leader"])),
                403, "survey.own_evaluation");
  // A cadre survey needs the cadre.
  ExpectProblem(Send("POST", "/api/v1/surveys", leader_, SurveyBody("cadre")), 400,
                "validation.failed");
  // The household answers by its own link; the result carries no household.
  ASSERT_EQ(ByLink(id, Token(id, h2_), Answers(0, 5)).status, 201);
  HttpResult results = Send("GET", Path(id, "/results"), leader_);
  ASSERT_EQ(results.status, 200);
  EXPECT_EQ(results.Json()["overall"][0]["counts"], Json::array({1, 0}));
  EXPECT_EQ(results.body.find(std::to_string(h2_)), std::string::npos);
}

}  // namespace
}  // namespace minqing::http
