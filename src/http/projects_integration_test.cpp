// Livelihood projects (民生项目) over a real server: a project runs from its joint team (an
// outside person and an account) to the last household's consent. A household added twice is
// refused with nothing half-written; a consent change without a visit of that household is
// refused; a refusal stays on the dashboard after three visits and turns to agreed on a visit;
// an account not on the team may not record; a problem outside the project counts as solved
// only once its matter is signed off by the resident; a problem after the project is solved only
// once the joint meeting's decision is marked done by its owner (not by the administrator); the
// public view shows counts only.
#include <gtest/gtest.h>

#include "app/services.hpp"
#include "domain/id_card.hpp"
#include "http/server.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;
using Json = nlohmann::json;

class ProjectsIntegrationTest : public testing::ServerTest {
 protected:
  ProjectsIntegrationTest() : ServerTest("minqing_projects_test_") {}

  void SetUp() override {
    ServerTest::SetUp();
    app::Actor system = app::SystemActor(kNow);
    auto& registry = services_->registry;
    auto made = AddVillage("广外社区");
    village_ = made.village.id;
    other_ = AddRegion(made.county.id, "township", "河西乡").id;
    for (int i = 1; i <= 4; ++i) {
      app::HouseholdInput household;
      household.region_id = village_;
      household.address = i < 4 ? "广外社区" + std::to_string(i) + "号楼" : "广外社区平房4";
      app::ResidentInput head;
      head.name = "居民" + std::to_string(i);
      head.id_card = domain::MakeIdCard("110106", "19600101", 20 + i);
      head.phone = "1381234567" + std::to_string(i);
      head.relation = "户主";
      households_.push_back(registry.CreateHousehold(system, household, {head}).id);
    }
    app::UnitInput unit{"社会事务服务中心", "service_centre", made.township.id, ""};
    unit_ = registry.CreateUnit(system, unit).id;
    app::CategoryInput category;
    category.name = "公共设施";
    category.keywords = "路灯";
    category.default_unit_id = unit_;
    category_ = services_->catalogue.CreateCategory(system, category).id;
    AddUser("admin", "admin");
    AddUser("clerk", "centre_staff", made.township.id);
    AddUser("stranger", "village_assistant", other_);
    app::UserInput handler;
    handler.username = "handler";
    handler.display_name = "市住建委干部";
    handler.role = "unit_handler";
    handler.password = PasswordOf("handler");
    handler.scope_unit_id = unit_;
    handler_id_ = services_->auth.CreateUser(system, handler).id;
    handler.username = "other_handler";
    handler.display_name = "other_handler";
    handler.password = PasswordOf("other_handler");
    services_->auth.CreateUser(system, handler);
    ServerOptions options = testing::TestServerOptions();
    options.dev_sms = true;
    StartServer(options);
  }

  HttpResult Send(const std::string& method, const std::string& target, const std::string& token,
                  const Json& body = nullptr) {
    return SendAs(method, target, token, body.is_null() ? "" : body.dump());
  }

  domain::Id Visit(const std::string& token, domain::Id household) {
    auto r = Send("POST", "/api/v1/visits", token,
                  {{"household_id", household}, {"learned", "上门宣传改造方案"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json().value("id", domain::Id{0});
  }

  Json Detail(const std::string& token, const std::string& project) {
    auto r = Send("GET", "/api/v1/projects/" + project + "?refusing_after=3", token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json();
  }

  domain::Id village_ = 0, other_ = 0, unit_ = 0, category_ = 0, handler_id_ = 0;
  std::vector<domain::Id> households_;
};

TEST_F(ProjectsIntegrationTest, ProjectRunsFromTheTeamToTheLastConsent) {
  const std::string admin = LoginAs("admin"), clerk = LoginAs("clerk"),
                    handler = LoginAs("handler"), stranger = LoginAs("stranger"),
                    other_handler = LoginAs("other_handler");

  // A village assistant of another township may not create a project here.
  Json input = {{"name", "广外1-3号楼老旧小区改造"},
                {"kind", "old_compound"},
                {"region_id", village_},
                {"description", "外墙保温、管线更新"}};
  ExpectProblem(Send("POST", "/api/v1/projects", stranger, input), 403, "auth.forbidden");
  auto created = Send("POST", "/api/v1/projects", admin, input);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.Json()["id"].get<domain::Id>());
  const std::string base = "/api/v1/projects/" + id;

  // The joint team: a contractor's engineer from outside the registry, and a city cadre's account.
  auto outside = Send("POST", base + "/team", admin,
                      {{"kind", "outside"},
                       {"name", "李工"},
                       {"organisation", "某建设集团"},
                       {"phone", "13900000000"},
                       {"team_role", "施工方代表"}});
  ASSERT_EQ(outside.status, 201) << outside.body;
  ExpectProblem(Send("POST", base + "/team", admin, {{"kind", "outside"}}), 400,
                "validation.failed");
  ASSERT_EQ(Send("POST", base + "/team", admin,
                 {{"kind", "account"}, {"user_id", handler_id_}, {"team_role", "联合支部委员"}})
                .status,
            201);

  // Households: the three buildings by address, then the fourth by its id.
  auto added =
      Send("POST", base + "/households", admin,
           {{"region_id", village_}, {"address", "号楼"}, {"household_ids", Json::array()}});
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.Json()["added"], 3);
  // A household twice: refused, and nothing of that request is written (not even the new one).
  ExpectProblem(Send("POST", base + "/households", admin,
                     {{"household_ids", {households_[3], households_[0]}}}),
                409, "project.household_twice");
  Json detail = Detail(admin, id);
  ASSERT_EQ(detail["households"].size(), 3u);
  ExpectProblem(Send("POST", base + "/households", admin,
                     {{"household_ids", {households_[3], households_[3]}}}),
                409, "project.household_twice");
  ASSERT_EQ(Send("POST", base + "/households", admin, {{"household_ids", {households_[3]}}})
                .Json()["added"],
            1);
  detail = Detail(admin, id);
  ASSERT_EQ(detail["households"].size(), 4u);
  EXPECT_EQ(detail["team"][0]["name"], "李工");
  EXPECT_EQ(detail["team"][1]["name"], "市住建委干部");

  // Consent needs a visit of that household.
  const std::string h = base + "/consent/";
  const std::string plan = base + "/plans/";
  ExpectProblem(Send("PUT", h + std::to_string(households_[0]), handler, {{"consent", "agreed"}}),
                400, "project.consent_needs_visit");
  const domain::Id v0 = Visit(clerk, households_[0]);
  ExpectProblem(Send("PUT", h + std::to_string(households_[1]), handler,
                     {{"consent", "agreed"}, {"visit_id", v0}}),
                400, "project.consent_needs_visit");
  // An account not on the team, without region scope, may not record.
  ExpectProblem(Send("PUT", h + std::to_string(households_[0]), other_handler,
                     {{"consent", "agreed"}, {"visit_id", v0}}),
                403, "project.not_team");
  // The team's account records on the visits.
  for (int i = 0; i < 3; ++i) {
    const domain::Id visit = i == 0 ? v0 : Visit(clerk, households_[i]);
    auto r = Send("PUT", h + std::to_string(households_[i]), handler,
                  {{"consent", "agreed"}, {"visit_id", visit}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Json()["visits"], 1);
  }
  // The fourth household refuses, and goes on refusing for three visits.
  const std::string last = std::to_string(households_[3]);
  ASSERT_EQ(Send("PUT", h + last, handler,
                 {{"consent", "refused"}, {"visit_id", Visit(clerk, households_[3])}})
                .status,
            200);
  // A diary visit logged by the window links to the project; the team's cadre records the next
  // door visit himself (a diary entry written by the project), still refused.
  ASSERT_EQ(
      Send("POST", base + "/visits", handler, {{"visit_id", Visit(clerk, households_[3])}}).status,
      204);
  const std::string door = base + "/door-visits/" + last;
  ExpectProblem(Send("POST", door, handler, {{"learned", "  "}, {"consent", "refused"}}), 400,
                "visit.empty");
  ExpectProblem(Send("POST", door, other_handler, {{"learned", "上门"}}), 403, "project.not_team");
  auto again = Send("POST", door, handler,
                    {{"learned", "户主仍担心施工期间老人出行，不同意"}, {"consent", "refused"}});
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.Json()["visits"], 3);
  auto diary = Send("GET", "/api/v1/visits?household_id=" + last, admin);
  ASSERT_EQ(diary.status, 200) << diary.body;
  bool in_diary = false;
  const Json diary_items = diary.Json()["items"];
  for (const auto& v : diary_items) {
    in_diary = in_diary || v.value("learned", "") == "户主仍担心施工期间老人出行，不同意";
  }
  EXPECT_TRUE(in_diary) << "the team's visit is an entry of the people's-conditions diary: "
                        << diary.body;
  ASSERT_EQ(Send("PUT", plan + last, handler,
                 {{"needs", "担心施工影响老人出行"},
                  {"measures", "施工期间安排专人接送"},
                  {"owner", "李工"},
                  {"status", "open"}})
                .status,
            200);
  detail = Detail(admin, id);
  EXPECT_EQ(detail["dashboard"]["consent"]["agreed"], 3);
  EXPECT_EQ(detail["dashboard"]["consent"]["refused"], 1);
  ASSERT_EQ(detail["dashboard"]["still_refusing"].size(), 1u);
  EXPECT_EQ(detail["dashboard"]["still_refusing"][0]["visits"], 3);
  EXPECT_EQ(detail["dashboard"]["plans_open"], 1);
  EXPECT_TRUE(detail["may_manage"].get<bool>());

  // The weekly cadence.
  ASSERT_EQ(Send("POST", base + "/cadence", admin,
                 {{"kind", "safety_inspection"},
                  {"week", "2026-W22"},
                  {"held_on", "2026-05-28"},
                  {"who", "李工、市住建委干部"},
                  {"log", "脚手架检查合格"}})
                .status,
            201);

  // On the fourth visit the refusal turns to agreed: the last household's consent.
  auto turned = Send("POST", door, handler,
                     {{"learned", "专人接送方案落实，户主同意"}, {"consent", "agreed"}});
  ASSERT_EQ(turned.status, 201) << turned.body;
  EXPECT_EQ(turned.Json()["visits"], 4);
  ASSERT_EQ(Send("PUT", plan + last, handler,
                 {{"needs", "担心施工影响老人出行"},
                  {"measures", "已安排专人接送"},
                  {"owner", "李工"},
                  {"status", "done"}})
                .status,
            200);
  detail = Detail(admin, id);
  EXPECT_EQ(detail["dashboard"]["consent"]["agreed"], 4);
  EXPECT_EQ(detail["dashboard"]["still_refusing"].size(), 0u);
  EXPECT_EQ(detail["dashboard"]["plans_done"], 1);
  EXPECT_EQ(detail["dashboard"]["visits"], 7);

  // A problem outside the project, solved through a matter the resident signs off.
  auto issue = Send("POST", base + "/issues", admin,
                    {{"class", "outside_project"},
                     {"text", "小区路灯不亮"},
                     {"owner", "社区"},
                     {"due_at", kNow + 7 * 86400},
                     {"household_id", households_[3]}});
  ASSERT_EQ(issue.status, 201) << issue.body;
  const std::string issue_id = std::to_string(issue.Json()["id"].get<domain::Id>());
  ExpectProblem(Send("POST", base + "/issues", admin, {{"class", "outside"}, {"text", "x"}}), 400,
                "validation.failed");
  auto matter = Send("POST", "/api/v1/matters", clerk,
                     {{"type", "help"},
                      {"category_id", category_},
                      {"household_id", households_[3]},
                      {"content", "小区路灯不亮，晚上出行不便"}});
  ASSERT_EQ(matter.status, 201) << matter.body;
  const domain::Id matter_id = matter.Json()["matter"]["id"];
  const std::string number = matter.Json()["receipt"]["number"];
  const std::string token = matter.Json()["receipt"]["token"];
  ExpectProblem(Send("PUT", "/api/v1/project-issues/" + issue_id + "/resolution", admin,
                     {{"matter_id", matter_id}, {"decision_id", 1}}),
                400, "project.issue_resolution");
  ExpectProblem(Send("PUT", "/api/v1/project-issues/" + issue_id + "/resolution", admin,
                     {{"matter_number", "NOSUCHNUMBER"}}),
                404, "matter.not_found");
  // The clerk at the window knows the receipt number, not the id.
  auto linked = Send("PUT", "/api/v1/project-issues/" + issue_id + "/resolution", admin,
                     {{"matter_number", number}});
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_FALSE(linked.Json()["solved"].get<bool>());
  const std::string m = "/api/v1/matters/" + std::to_string(matter_id);
  ASSERT_EQ(Send("POST", m + "/dispatch", clerk, Json::object()).status, 200);
  ASSERT_EQ(Send("POST", m + "/accept", handler, Json::object()).status, 200);
  ASSERT_EQ(Send("POST", m + "/reply", handler, {{"text", "路灯已修复"}}).status, 200);
  // Replied is not solved: the resident has not signed off.
  EXPECT_EQ(Detail(admin, id)["dashboard"]["outside_solved"], 0);
  ASSERT_EQ(
      Send("POST", "/api/v1/public/matters/" + number + "/code", "", {{"token", token}}).status,
      200);
  auto sms = Send("GET", "/api/v1/dev/sms", admin);
  ASSERT_EQ(sms.status, 200);
  std::string text;
  std::int64_t newest = 0;
  const Json outbox = sms.Json();
  for (const auto& item : outbox["items"]) {
    const std::string body = item.value("text", "");
    if (body.find("验证码为") != std::string::npos && item.value("id", std::int64_t{0}) >= newest) {
      newest = item.value("id", std::int64_t{0});
      text = body;
    }
  }
  ASSERT_FALSE(text.empty()) << sms.body;
  const std::string digits = text.substr(text.find("验证码为") + std::string("验证码为").size(), 6);
  auto signed_off = Send("POST", "/api/v1/public/matters/" + number + "/confirm", "",
                         {{"token", token}, {"code", digits}, {"solved", true}, {"rating", 5}});
  ASSERT_EQ(signed_off.status, 200) << signed_off.body;
  detail = Detail(admin, id);
  EXPECT_EQ(detail["dashboard"]["outside_solved"], 1);
  EXPECT_TRUE(detail["issues"][0]["solved"].get<bool>());

  // A problem after the project, settled at a joint meeting whose decision the city cadre owns;
  // it is solved only once the owner has followed the decision to completion.
  auto after = Send("POST", base + "/issues", admin,
                    {{"class", "after_project"},
                     {"text", "后期物业管理"},
                     {"owner", "街道"},
                     {"due_at", kNow + 30 * 86400}});
  ASSERT_EQ(after.status, 201);
  const std::string resolution = "/api/v1/project-issues/" +
                                 std::to_string(after.Json()["id"].get<domain::Id>()) +
                                 "/resolution";
  Json unknown_project = {{"kind", "joint"},       {"title", "联席会"}, {"date", "2026-06-01"},
                          {"start", "09:00"},      {"end", "10:00"},    {"place", "社区"},
                          {"region_id", village_}, {"project_id", 999}};
  auto refused = Send("POST", "/api/v1/meetings", admin, unknown_project);
  ExpectProblem(refused, 400, "meeting.invalid");
  EXPECT_NE(refused.body.find("meeting.project_not_found"), std::string::npos) << refused.body;
  auto meeting = Send(
      "POST", "/api/v1/meetings", admin,
      {{"kind", "joint"},
       {"title", "改造后物业管理联席会"},
       {"date", "2026-06-01"},
       {"start", "09:00"},
       {"end", "10:30"},
       {"place", "社区议事厅"},
       {"region_id", village_},
       {"project_id", std::stoll(id)},
       {"state", "held"},
       {"attendees",
        Json::array({{{"kind", "unit"}, {"unit_id", unit_}},
                     {{"kind", "outside"}, {"name", "李工"}, {"organisation", "某建设集团"}}})}});
  ASSERT_EQ(meeting.status, 201) << meeting.body;
  auto decision = Send(
      "POST",
      "/api/v1/meetings/" + std::to_string(meeting.Json()["id"].get<domain::Id>()) + "/decisions",
      admin,
      {{"text", "引入物业并召开业主大会"},
       {"owner_user_id", handler_id_},
       {"deadline", "2099-07-30"}});
  ASSERT_EQ(decision.status, 201) << decision.body;
  const domain::Id decision_id = decision.Json()["id"];
  ExpectProblem(Send("PUT", resolution, admin, {{"decision_id", decision_id + 1000}}), 404,
                "meeting.decision_not_found");
  ExpectProblem(Send("PUT", resolution, stranger, {{"decision_id", decision_id}}), 403,
                "auth.forbidden");
  auto decided = Send("PUT", resolution, admin, {{"decision_id", decision_id}});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_FALSE(decided.Json()["solved"].get<bool>()) << "the decision is still open";
  EXPECT_EQ(decided.Json()["decision_state"], "open");
  const std::string done = "/api/v1/decisions/" + std::to_string(decision_id) + "/done";
  // Only the owner follows it to completion: not the administrator who recorded it.
  ExpectProblem(Send("POST", done, admin, {{"note", "已完成"}}), 403, "meeting.not_decision_owner");
  ASSERT_EQ(Send("POST", done, handler, {{"note", "物业已进场，业主大会已召开"}}).status, 200);
  detail = Detail(admin, id);
  bool after_solved = false;
  for (const auto& i : detail["issues"]) {
    if (i["class"] == "after_project") {
      after_solved = i["solved"].get<bool>();
      EXPECT_EQ(i["decision_state"], "done");
      EXPECT_EQ(i["decision_text"], "引入物业并召开业主大会");
    }
  }
  EXPECT_TRUE(after_solved);
  EXPECT_EQ(detail["dashboard"]["issues_solved"], 2);

  ASSERT_EQ(
      Send(
          "PUT", base, admin,
          {{"name", "广外1-3号楼老旧小区改造"}, {"kind", "old_compound"}, {"state", "in_progress"}})
          .status,
      200);
  // The stranger cannot read it; the public sees counts only.
  ExpectProblem(Send("GET", base, stranger), 403, "auth.forbidden");
  auto pub = Send("GET", "/api/v1/public/projects", "");
  ASSERT_EQ(pub.status, 200) << pub.body;
  ASSERT_EQ(pub.Json()["items"].size(), 1u);
  EXPECT_EQ(pub.Json()["items"][0]["consent"]["agreed"], 4);
  EXPECT_EQ(pub.Json()["items"][0]["outside_solved"], 1);
  EXPECT_EQ(pub.Json()["items"][0]["state"], "in_progress");
  EXPECT_EQ(pub.body.find("号楼\""), std::string::npos) << "no addresses in public";
  EXPECT_EQ(pub.body.find("居民"), std::string::npos);

  // Every change is in the audit log.
  auto audit = Send("GET", "/api/v1/audit?entity=project", admin);
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_GE(audit.Json()["total"].get<int>(), 15);
}

}  // namespace
}  // namespace minqing::http
