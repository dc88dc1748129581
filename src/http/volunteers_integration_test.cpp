// Volunteer service (志愿服务) on a real server (port 0): a township leader builds a team in a
// village with a team leader's account; the team leader adds volunteers (registry residents and
// an outside person) and an activity of two places; sign-ups fill it, the third is refused
// (409 volunteer.full) and a second sign-up of the same volunteer too (409 volunteer.signed_up),
// nothing written; a resident's account signs itself up only as its own volunteer. After the
// activity the leader marks attendance and the attended volunteers get its hours; the volunteer's
// own account cannot mark attendance or credit hours, and the team leader who is also a
// volunteer cannot credit himself (403 volunteer.self_credit). The leader of another township is
// refused. A certificate is issued, its PDF served, and its code verifies on the public page with
// the name masked.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/services.hpp"
#include "domain/id_card.hpp"
#include "http/api.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;
using Json = nlohmann::json;

class VolunteersHttpTest : public testing::ServerTest {
 protected:
  VolunteersHttpTest() : ServerTest("minqing_volunteers_http_") {}

  void SetUp() override {
    ServerTest::SetUp();
    const app::Actor system = app::SystemActor(kNow);
    auto county = AddRegion(std::nullopt, "county", "示范县");
    auto east = AddRegion(county.id, "township", "东镇");
    auto west = AddRegion(county.id, "township", "西镇");
    village_ = AddRegion(east.id, "village", "东村").id;
    auto& registry = services_->registry;
    app::HouseholdInput h;
    h.region_id = village_;
    h.address = "东村1号";
    app::ResidentInput guo;
    guo.name = "郭明义";
    guo.id_card = domain::MakeIdCard("330102", "19700101", 11);
    guo.relation = "户主";
    app::ResidentInput wang;
    wang.name = "王小兰";
    wang.id_card = domain::MakeIdCard("330102", "19800101", 12);
    wang.relation = "配偶";
    auto household = registry.CreateHousehold(system, h, {guo, wang});
    auto members = registry.GetHousehold(system, household.id).members;
    guo_id_ = members.at(0).name == "郭明义" ? members.at(0).id : members.at(1).id;
    wang_id_ = members.at(0).name == "郭明义" ? members.at(1).id : members.at(0).id;
    AddUser("leader_east", "leader", east.id);
    AddUser("leader_west", "leader", west.id);
    app::UserInput in;
    in.username = "guo";
    in.display_name = "郭明义";
    in.role = "village_assistant";
    in.password = PasswordOf("guo");
    in.scope_region_id = village_;
    in.resident_id = guo_id_;
    guo_user_ = services_->auth.CreateUser(system, in).id;
    in.username = "wang";
    in.display_name = "王小兰";
    in.role = "resident";
    in.password = PasswordOf("wang");
    in.scope_region_id.reset();
    in.resident_id = wang_id_;
    services_->auth.CreateUser(system, in);
    AddUser("admin", "admin");
    StartServer();
    admin_ = LoginAs("admin");
    leader_ = LoginAs("leader_east");
    west_ = LoginAs("leader_west");
    guo_ = LoginAs("guo");
    wang_ = LoginAs("wang");
  }

  static std::string Id(const HttpResult& r) {
    return std::to_string(r.Json()["id"].get<domain::Id>());
  }

  // The usernames of the audit entries `action` of one object, read by the administrator, sorted.
  std::vector<std::string> AuditedBy(const std::string& entity, const std::string& id,
                                     const std::string& action) {
    HttpResult r =
        SendAs("GET", "/api/v1/audit?page_size=100&entity=" + entity + "&entity_id=" + id, admin_);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> who;
    const Json entries = r.Json()["items"];
    for (const auto& entry : entries) {
      if (entry["action"] == action) who.push_back(entry["username"]);
    }
    std::sort(who.begin(), who.end());
    return who;
  }

  std::string MakeTeam() {
    HttpResult team = SendAs(
        "POST", "/api/v1/volunteer-teams", leader_,
        Json{{"name", "郭明义爱心团队"}, {"region_id", village_}, {"leader_user_id", guo_user_}}
            .dump());
    EXPECT_EQ(team.status, 201) << team.body;
    return Id(team);
  }

  std::string AddVolunteer(const std::string& team, const Json& body) {
    HttpResult v =
        SendAs("POST", "/api/v1/volunteer-teams/" + team + "/volunteers", guo_, body.dump());
    EXPECT_EQ(v.status, 201) << v.body;
    return Id(v);
  }

  HttpResult SignUp(const std::string& activity, const std::string& volunteer,
                    const std::string& token) {
    return SendAs("POST", "/api/v1/volunteer-activities/" + activity + "/signups", token,
                  "{\"volunteer_id\":" + volunteer + "}");
  }

  domain::Id village_ = 0, guo_id_ = 0, wang_id_ = 0, guo_user_ = 0;
  std::string leader_, west_, guo_, wang_, admin_;
};

TEST_F(VolunteersHttpTest, SignUpToCapacityAttendanceHoursAndCertificate) {
  const std::string team = MakeTeam();
  const std::string guo_v = AddVolunteer(team, {{"resident_id", guo_id_}});
  const std::string wang_v = AddVolunteer(team, {{"resident_id", wang_id_}});
  const std::string li_v = AddVolunteer(team, {{"name", "李四"}, {"phone", "13800001234"}});
  // The same resident twice in one team.
  ExpectProblem(SendAs("POST", "/api/v1/volunteer-teams/" + team + "/volunteers", guo_,
                       Json{{"resident_id", wang_id_}}.dump()),
                409, "volunteer.duplicate");

  // Bad input: capacity 0 and hours 30; nothing is stored.
  ExpectProblem(
      SendAs("POST", "/api/v1/volunteer-teams/" + team + "/activities", guo_,
             Json{{"title", "义务理发"}, {"date", "2024-05-01"}, {"capacity", 0}, {"hours", "30"}}
                 .dump()),
      400, "validation.failed");
  HttpResult activity = SendAs("POST", "/api/v1/volunteer-teams/" + team + "/activities", guo_,
                               Json{{"title", "义务理发"},
                                    {"date", "2024-05-01"},
                                    {"time", "09:00"},
                                    {"place", "东村村委会"},
                                    {"capacity", 2},
                                    {"hours", "2.5"}}
                                   .dump());
  ASSERT_EQ(activity.status, 201) << activity.body;
  const std::string act = Id(activity);

  // The resident's account signs itself up, not another volunteer.
  ExpectProblem(SignUp(act, li_v, wang_), 403, "auth.forbidden");
  EXPECT_EQ(SignUp(act, wang_v, wang_).status, 201);
  ExpectProblem(SignUp(act, wang_v, wang_), 409, "volunteer.signed_up");
  EXPECT_EQ(SignUp(act, li_v, guo_).status, 201);
  ExpectProblem(SignUp(act, guo_v, guo_), 409, "volunteer.full");
  HttpResult detail = SendAs("GET", "/api/v1/volunteer-activities/" + act, guo_);
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(detail.Json()["signups"].size(), 2u);
  EXPECT_EQ(detail.Json()["free_places"], 0);
  // Each sign-up is in the log under the account that made it.
  using Names = std::vector<std::string>;
  EXPECT_EQ(AuditedBy("volunteer_activity", act, "volunteer.sign_up"), (Names{"guo", "wang"}));

  // The leader of another township neither reads nor runs the team.
  ExpectProblem(SendAs("GET", "/api/v1/volunteer-teams/" + team, west_), 403, "auth.forbidden");
  ExpectProblem(SendAs("POST", "/api/v1/volunteer-activities/" + act + "/attendance", west_,
                       "{\"volunteer_ids\":[" + li_v + "]}"),
                403, "auth.forbidden");
  EXPECT_EQ(SendAs("GET", "/api/v1/volunteer-teams", west_).Json()["items"].size(), 0u);

  // The volunteer's own account may not mark attendance nor credit hours.
  ExpectProblem(SendAs("POST", "/api/v1/volunteer-activities/" + act + "/attendance", wang_,
                       "{\"volunteer_ids\":[" + wang_v + "]}"),
                403, "auth.forbidden");
  ExpectProblem(SendAs("POST", "/api/v1/volunteers/" + wang_v + "/hours", wang_,
                       Json{{"hours", "10"}, {"reason", "自己加"}}.dump()),
                403, "auth.forbidden");

  // The leader marks attendance: both attended, 2.5 hours each.
  HttpResult marked = SendAs("POST", "/api/v1/volunteer-activities/" + act + "/attendance", guo_,
                             "{\"volunteer_ids\":[" + wang_v + "," + li_v + "]}");
  ASSERT_EQ(marked.status, 200) << marked.body;
  EXPECT_EQ(marked.Json()["state"], "done");
  // Marking again credits nothing twice.
  EXPECT_EQ(SendAs("POST", "/api/v1/volunteer-activities/" + act + "/attendance", guo_,
                   "{\"volunteer_ids\":[" + wang_v + "]}")
                .status,
            200);
  HttpResult hours = SendAs("GET", "/api/v1/volunteers/" + wang_v + "/hours", wang_);
  ASSERT_EQ(hours.status, 200) << hours.body;
  EXPECT_EQ(hours.Json()["total"], "2.5");
  ASSERT_EQ(hours.Json()["rows"].size(), 1u);
  EXPECT_EQ(hours.Json()["rows"][0]["activity_title"], "义务理发");
  // The hours credited by attendance are in the log under the team leader who marked it.
  const std::string credited = std::to_string(hours.Json()["rows"][0]["id"].get<domain::Id>());
  EXPECT_EQ(AuditedBy("volunteer_hours", credited, "volunteer.attended"), Names{"guo"});
  // Another volunteer's hours are not the resident's to read.
  ExpectProblem(SendAs("GET", "/api/v1/volunteers/" + li_v + "/hours", wang_), 403,
                "auth.forbidden");

  // A manual adjustment by the township leader, with a reason.
  ExpectProblem(SendAs("POST", "/api/v1/volunteers/" + wang_v + "/hours", leader_,
                       Json{{"hours", "1"}, {"reason", ""}}.dump()),
                400, "validation.failed");
  HttpResult adjusted = SendAs("POST", "/api/v1/volunteers/" + wang_v + "/hours", leader_,
                               Json{{"hours", "1.5"}, {"reason", "补记2023年防汛值守"}}.dump());
  ASSERT_EQ(adjusted.status, 201) << adjusted.body;
  EXPECT_EQ(AuditedBy("volunteer_hours", Id(adjusted), "volunteer.hours_adjust"),
            Names{"leader_east"});

  // The certificate: issued, served as a PDF, verified in public with the name masked.
  HttpResult cert = SendAs("POST", "/api/v1/volunteers/" + wang_v + "/certificates", guo_);
  ASSERT_EQ(cert.status, 201) << cert.body;
  const std::string code = cert.Json()["code"];
  EXPECT_EQ(cert.Json()["hours"], "4");
  EXPECT_NE(cert.Json()["verify_url"].get<std::string>().find("/vc/" + code), std::string::npos);
  HttpResult pdf = SendAs("GET", "/api/v1/volunteer-certificates/" + code + "/pdf", wang_);
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 200);
  EXPECT_EQ(pdf.Header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  ExpectProblem(SendAs("GET", "/api/v1/volunteer-certificates/" + code + "/pdf", west_), 403,
                "auth.forbidden");
  HttpResult verified = SendAs("GET", "/api/v1/public/volunteer-certificates/" + code, "");
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.Json()["name"], "王*兰");
  EXPECT_EQ(verified.Json()["team_name"], "郭明义爱心团队");
  EXPECT_EQ(verified.Json()["hours"], "4");
  ExpectProblem(SendAs("GET", "/api/v1/public/volunteer-certificates/FORGED123456", ""), 404,
                "volunteer.certificate_not_found");
}

TEST_F(VolunteersHttpTest, NobodyMarksTheirOwnAttendance) {
  const std::string team = MakeTeam();
  // The team leader 郭明义 is a volunteer of his own team too.
  const std::string guo_v = AddVolunteer(team, {{"resident_id", guo_id_}});
  HttpResult activity =
      SendAs("POST", "/api/v1/volunteer-teams/" + team + "/activities", guo_,
             Json{{"title", "敬老院打扫"}, {"date", "2024-06-01"}, {"capacity", 5}, {"hours", "3"}}
                 .dump());
  ASSERT_EQ(activity.status, 201) << activity.body;
  const std::string act = Id(activity);
  EXPECT_EQ(SignUp(act, guo_v, guo_).status, 201);
  ExpectProblem(SendAs("POST", "/api/v1/volunteer-activities/" + act + "/attendance", guo_,
                       "{\"volunteer_ids\":[" + guo_v + "]}"),
                403, "volunteer.self_credit");
  HttpResult hours = SendAs("GET", "/api/v1/volunteers/" + guo_v + "/hours", guo_);
  EXPECT_EQ(hours.Json()["total"], "0");
  EXPECT_EQ(hours.Json()["rows"].size(), 0u);
  // The township leader, who is not the volunteer, may.
  EXPECT_EQ(SendAs("POST", "/api/v1/volunteer-activities/" + act + "/attendance", leader_,
                   "{\"volunteer_ids\":[" + guo_v + "]}")
                .status,
            200);
  EXPECT_EQ(SendAs("GET", "/api/v1/volunteers/" + guo_v + "/hours", guo_).Json()["total"], "3");

  // An activity in the future takes no attendance yet; the public list shows it with its places.
  HttpResult later = SendAs(
      "POST", "/api/v1/volunteer-teams/" + team + "/activities", guo_,
      Json{{"title", "植树"}, {"date", "2099-03-12"}, {"capacity", 10}, {"hours", "4"}}.dump());
  ASSERT_EQ(later.status, 201);
  EXPECT_EQ(SignUp(Id(later), guo_v, guo_).status, 201);
  ExpectProblem(SendAs("POST", "/api/v1/volunteer-activities/" + Id(later) + "/attendance", leader_,
                       "{\"volunteer_ids\":[" + guo_v + "]}"),
                409, "volunteer.not_yet");
  HttpResult open =
      SendAs("GET", "/api/v1/public/volunteer-activities/" + std::to_string(village_), "");
  ASSERT_EQ(open.status, 200) << open.body;
  ASSERT_EQ(open.Json()["items"].size(), 1u);
  EXPECT_EQ(open.Json()["items"][0]["free_places"], 9);
  EXPECT_EQ(open.body.find("郭明义\""), std::string::npos);
  // The resident's own view lists the open activity.
  HttpResult mine = SendAs("GET", "/api/v1/volunteers/mine", wang_);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.Json()["items"].size(), 0u);  // 王小兰 is no volunteer of this team.
}

}  // namespace
}  // namespace minqing::http
