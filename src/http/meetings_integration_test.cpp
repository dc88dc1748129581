// Meetings that decide (议事会议) over HTTP, on a real server: the township leader records a joint
// meeting with a unit and an outside attendee; a decision without an owner is refused
// (meeting.decision_needs_owner) and nothing is written; of two decisions, one is followed to
// done by its owner (another clerk and the administrator are refused, the owner's "my
// decisions" and the leaders' overdue list show it first), the other is turned into a matter
// (诉求) by the window (the leader, who does not take matters, is refused) and shows the matter's
// state; a reception day (接待日) opens a slot at its host unit, the public list shows it and a
// booking through the existing appointments counts in it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "http/json_mapping.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::Call;
using testing::ExpectProblem;
using testing::HttpResult;

class MeetingsHttpTest : public testing::ServerTest {
 protected:
  MeetingsHttpTest() : ServerTest("minqing_meetings_") {}

  void SetUp() override {
    ServerTest::SetUp();
    auto v = AddVillage("东关村");
    village_ = v.village.id;
    unit_ = services_->registry
                .CreateUnit(app::SystemActor(kNow),
                            app::UnitInput{"饶阳镇服务中心", "service_centre", v.township.id, ""})
                .id;
    app::HouseholdInput h;
    h.region_id = v.village.id;
    h.address = "东关村1号";
    app::ResidentInput head;
    head.name = "王景云";
    head.relation = "户主";
    head.phone = "13800000001";
    household_ = services_->registry.CreateHousehold(app::SystemActor(kNow), h, {head}).id;
    h.address = "东关村2号";
    head.name = "李秀兰";
    head.phone = "13800000002";
    neighbour_ = services_->registry.CreateHousehold(app::SystemActor(kNow), h, {head}).id;
    // The resident's own account (群众账号), linked to the head of the first household.
    app::UserInput resident;
    resident.username = "resident";
    resident.display_name = "王景云";
    resident.role = "resident";
    resident.password = PasswordOf("resident");
    resident.resident_id =
        services_->registry.GetHousehold(app::SystemActor(kNow), household_).members.at(0).id;
    services_->auth.CreateUser(app::SystemActor(kNow), resident);
    AddUser("leader", "leader", v.township.id);
    AddUser("clerk", "centre_staff", v.township.id);
    AddUser("clerk2", "centre_staff", v.township.id);
    AddUser("admin", "admin");
    app::UserInput handler;
    handler.username = "handler";
    handler.display_name = "handler";
    handler.role = "unit_handler";
    handler.scope_unit_id = unit_;
    handler.password = PasswordOf("handler");
    services_->auth.CreateUser(app::SystemActor(kNow), handler);
    StartServer();
    leader_ = LoginAs("leader");
    clerk_ = LoginAs("clerk");
    clerk2_ = LoginAs("clerk2");
    admin_ = LoginAs("admin");
    handler_ = LoginAs("handler");
    resident_ = LoginAs("resident");
  }

  // The usernames of the audit entries `action` of one object, read by the administrator.
  std::vector<std::string> AuditedBy(const std::string& entity, domain::Id id,
                                     const std::string& action) {
    HttpResult r = SendAs(
        "GET", "/api/v1/audit?page_size=100&entity=" + entity + "&entity_id=" + std::to_string(id),
        admin_);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> who;
    const Json entries = r.Json()["items"];
    for (const auto& entry : entries) {
      if (entry["action"] == action) who.push_back(entry["username"]);
    }
    return who;
  }

  domain::Id IdOf(const std::string& token) {
    return SendAs("GET", "/api/v1/auth/me", token).Json()["user"]["id"].get<domain::Id>();
  }

  // A reception day at the unit with `capacity` places; returns its slot.
  domain::Id ReceptionSlot(int capacity) {
    HttpResult created = SendAs("POST", "/api/v1/meetings", leader_,
                                Json{{"kind", "reception_day"},
                                     {"title", "镇领导接待日"},
                                     {"date", "2099-06-01"},
                                     {"start", "09:00"},
                                     {"end", "11:30"},
                                     {"place", "镇便民服务中心二楼"},
                                     {"region_id", village_},
                                     {"host_unit_id", unit_},
                                     {"capacity", capacity}}
                                    .dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().value("slot_id", domain::Id{0});
  }

  int PublicBooked() {
    HttpResult list = Call(port_, "GET", "/api/v1/public/reception-days");
    EXPECT_EQ(list.status, 200) << list.body;
    return list.Json()["items"].at(0)["booked"].get<int>();
  }

  domain::Id village_ = 0, unit_ = 0, household_ = 0, neighbour_ = 0;
  std::string leader_, clerk_, clerk2_, admin_, handler_, resident_;
};

TEST_F(MeetingsHttpTest, TwoDecisionsOneDoneByItsOwnerOneTurnedIntoAMatter) {
  HttpResult created = SendAs(
      "POST", "/api/v1/meetings", leader_,
      Json{{"kind", "joint"},
           {"title", "小红庙管道改造联席会"},
           {"date", "2026-07-11"},
           {"start", "09:00"},
           {"end", "10:30"},
           {"place", "社区会议室"},
           {"region_id", village_},
           {"minutes", "污水井对着居民窗口，议定向西南挪2米"},
           {"attendees",
            Json::array(
                {Json{{"kind", "unit"}, {"unit_id", unit_}},
                 Json{{"kind", "outside"}, {"name", "李工"}, {"organisation", "施工单位"}}})}}
          .dump());
  ASSERT_EQ(created.status, 201) << created.body;
  domain::Id meeting = created.Json()["id"];
  EXPECT_EQ(created.Json()["attendees"].size(), 2u);
  EXPECT_EQ(created.Json()["attendees"][0]["name"], "饶阳镇服务中心");
  const std::string decisions = "/api/v1/meetings/" + std::to_string(meeting) + "/decisions";

  // No owner: refused, nothing written.
  ExpectProblem(SendAs("POST", decisions, leader_,
                       Json{{"text", "挪污水井"}, {"deadline", "2026-07-20"}}.dump()),
                400, "meeting.decision_needs_owner");
  const std::string meeting_path = "/api/v1/meetings/" + std::to_string(meeting);
  EXPECT_TRUE(SendAs("GET", meeting_path, leader_).Json()["decisions"].empty());

  // The first decision is the clerk's, already past its deadline; the second the unit's.
  HttpResult first = SendAs("POST", decisions, leader_,
                            Json{{"text", "污水井向西南挪2米，原井填实"},
                                 {"owner_user_id", IdOf(clerk_)},
                                 {"deadline", "2026-01-05"}}
                                .dump());
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Json()["state"], "open");
  EXPECT_EQ(first.Json()["overdue"], true);
  domain::Id d1 = first.Json()["id"];
  HttpResult second = SendAs("POST", decisions, leader_,
                             Json{{"text", "为7号楼居民办理临时停车证"},
                                  {"owner_unit_id", unit_},
                                  {"deadline", "2099-07-30"}}
                                 .dump());
  ASSERT_EQ(second.status, 201) << second.body;
  domain::Id d2 = second.Json()["id"];

  // The owner hears of it and finds it in "my decisions"; the leader sees it overdue.
  EXPECT_GE(SendAs("GET", "/api/v1/notifications/unread-count", clerk_).Json()["unread"], 1);
  HttpResult mine = SendAs("GET", "/api/v1/decisions/mine", clerk_);
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.Json()["items"].size(), 1u);
  EXPECT_EQ(mine.Json()["items"][0]["id"], d1);
  HttpResult unit_mine = SendAs("GET", "/api/v1/decisions/mine", handler_);
  ASSERT_EQ(unit_mine.Json()["items"].size(), 1u);
  EXPECT_EQ(unit_mine.Json()["items"][0]["id"], d2);
  HttpResult overdue = SendAs("GET", "/api/v1/decisions/overdue", leader_);
  ASSERT_EQ(overdue.status, 200) << overdue.body;
  ASSERT_EQ(overdue.Json()["items"].size(), 1u);
  EXPECT_EQ(overdue.Json()["items"][0]["id"], d1);

  // Only the owner marks it done: not another clerk, not the administrator, not the leader.
  const std::string done1 = "/api/v1/decisions/" + std::to_string(d1) + "/done";
  const std::string note = Json{{"note", "7月12日已挪井，居民认可"}}.dump();
  ExpectProblem(SendAs("POST", done1, clerk2_, note), 403, "meeting.not_decision_owner");
  ExpectProblem(SendAs("POST", done1, admin_, note), 403, "meeting.not_decision_owner");
  ExpectProblem(SendAs("POST", done1, leader_, note), 403, "meeting.not_decision_owner");
  ExpectProblem(SendAs("POST", done1, clerk_, R"({"note": ""})"), 400, "meeting.bad_result");
  HttpResult done = SendAs("POST", done1, clerk_, note);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json()["state"], "done");
  EXPECT_EQ(done.Json()["overdue"], false);
  ExpectProblem(SendAs("POST", done1, clerk_, note), 409, "meeting.decision_not_open");
  // The log names who recorded the meeting and the decision, and who marked it done.
  using Names = std::vector<std::string>;
  EXPECT_EQ(AuditedBy("meeting", meeting, "meeting.create"), Names{"leader"});
  EXPECT_EQ(AuditedBy("meeting_decision", d1, "meeting_decision.create"), Names{"leader"});
  EXPECT_EQ(AuditedBy("meeting_decision", d1, "meeting_decision.done"), Names{"clerk"});
  EXPECT_TRUE(SendAs("GET", "/api/v1/decisions/overdue", leader_).Json()["items"].empty());

  // The second becomes a matter through the window's intake.
  const std::string to_matter = "/api/v1/decisions/" + std::to_string(d2) + "/matter";
  const std::string matter_body = Json{{"household_id", household_}}.dump();
  ExpectProblem(SendAs("POST", to_matter, leader_, matter_body), 403, "auth.forbidden");
  HttpResult turned = SendAs("POST", to_matter, clerk_, matter_body);
  ASSERT_EQ(turned.status, 200) << turned.body;
  EXPECT_EQ(turned.Json()["state"], "matter");
  EXPECT_EQ(turned.Json()["matter_status"], "accepted");
  std::string number = turned.Json()["matter_number"];
  EXPECT_FALSE(number.empty());
  ExpectProblem(SendAs("POST", to_matter, clerk_, matter_body), 409, "meeting.decision_not_open");
  HttpResult matter = SendAs(
      "GET", "/api/v1/matters/" + std::to_string(turned.Json()["matter_id"].get<domain::Id>()),
      clerk_);
  ASSERT_EQ(matter.status, 200) << matter.body;
  Json matter_body_read = matter.Json();
  const Json& read =
      matter_body_read.contains("matter") ? matter_body_read["matter"] : matter_body_read;
  EXPECT_EQ(read["channel"], "meeting");
  EXPECT_EQ(read["number"], number);
  EXPECT_EQ(AuditedBy("meeting_decision", d2, "meeting_decision.to_matter"), Names{"clerk"});
  // The unit's handler cannot mark a decision that is now a matter done.
  ExpectProblem(SendAs("POST", "/api/v1/decisions/" + std::to_string(d2) + "/done", handler_, note),
                409, "meeting.decision_not_open");

  HttpResult view = SendAs("GET", meeting_path, leader_);
  ASSERT_EQ(view.Json()["decisions"].size(), 2u);
  EXPECT_EQ(view.Json()["decisions"][1]["matter_number"], number);

  // A project's problem is settled by that decision: solved only once its matter is signed off.
  HttpResult project = SendAs(
      "POST", "/api/v1/projects", admin_,
      Json{{"name", "小红庙管道改造"}, {"kind", "old_compound"}, {"region_id", village_}}.dump());
  ASSERT_EQ(project.status, 201) << project.body;
  const std::string project_path =
      "/api/v1/projects/" + std::to_string(project.Json()["id"].get<domain::Id>());
  HttpResult issue = SendAs("POST", project_path + "/issues", admin_,
                            Json{{"class", "after_project"},
                                 {"text", "7号楼居民停车"},
                                 {"owner", "镇服务中心"},
                                 {"due_at", kNow + 30 * 86400}}
                                .dump());
  ASSERT_EQ(issue.status, 201) << issue.body;
  HttpResult linked =
      SendAs("PUT",
             "/api/v1/project-issues/" + std::to_string(issue.Json()["id"].get<domain::Id>()) +
                 "/resolution",
             admin_, Json{{"decision_id", d2}}.dump());
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_FALSE(linked.Json()["solved"].get<bool>());

  // The matter goes to the unit, whose handler replies; nobody but the resident signs it off.
  const std::string matter_path =
      "/api/v1/matters/" + std::to_string(turned.Json()["matter_id"].get<domain::Id>());
  ASSERT_EQ(
      SendAs("POST", matter_path + "/dispatch", clerk_, Json{{"unit_id", unit_}}.dump()).status,
      200);
  ASSERT_EQ(SendAs("POST", matter_path + "/accept", handler_, "{}").status, 200);
  HttpResult replied =
      SendAs("POST", matter_path + "/reply", handler_, Json{{"text", "临时停车证已办好"}}.dump());
  ASSERT_EQ(replied.status, 200) << replied.body;
  const std::string verdict = Json{{"solved", true}, {"rating", 5}}.dump();
  ExpectProblem(SendAs("POST", matter_path + "/confirm", handler_, verdict), 403, "auth.forbidden");
  ExpectProblem(SendAs("POST", matter_path + "/confirm-code", handler_,
                       Json{{"code", "123456"}, {"solved", true}, {"rating", 5}}.dump()),
                403, "sign_off.code_by_handler");
  ExpectProblem(SendAs("POST", matter_path + "/confirm", admin_, verdict), 403, "auth.forbidden");
  ExpectProblem(SendAs("POST", "/api/v1/decisions/" + std::to_string(d2) + "/done", admin_, note),
                403, "meeting.not_decision_owner");
  Json still = SendAs("GET", project_path, admin_).Json();
  EXPECT_FALSE(still["issues"][0]["solved"].get<bool>()) << "replied is not signed off";
  HttpResult decision_replied = SendAs("GET", meeting_path, leader_);
  EXPECT_EQ(decision_replied.Json()["decisions"][1]["matter_status"], "replied");

  HttpResult signed_off = SendAs("POST", matter_path + "/confirm", resident_, verdict);
  ASSERT_EQ(signed_off.status, 200) << signed_off.body;
  HttpResult after = SendAs("GET", meeting_path, leader_);
  const Json decided = after.Json()["decisions"][1];
  EXPECT_EQ(decided["state"], "matter");
  EXPECT_EQ(decided["matter_status"], "closed");
  EXPECT_EQ(decided["completed"], true);
  EXPECT_EQ(after.Json()["decisions"][0]["completed"], true) << "done by its owner";
  Json solved = SendAs("GET", project_path, admin_).Json();
  EXPECT_TRUE(solved["issues"][0]["solved"].get<bool>()) << solved.dump();
  EXPECT_EQ(solved["dashboard"]["issues_solved"], 1);
}

TEST_F(MeetingsHttpTest, ResidentBooksAReceptionDayForTheirOwnHousehold) {
  const domain::Id slot = ReceptionSlot(3);
  ASSERT_NE(slot, 0);
  const std::string path = "/api/v1/slots/" + std::to_string(slot) + "/appointments";
  HttpResult booked = SendAs("POST", path, resident_,
                             Json{{"household_id", household_},
                                  {"person_name", "王景云"},
                                  {"phone", "13800000001"},
                                  {"purpose", "反映村东路灯不亮"}}
                                 .dump());
  ASSERT_EQ(booked.status, 201) << booked.body;
  EXPECT_EQ(booked.Json()["household_id"], household_);
  EXPECT_EQ(PublicBooked(), 1);
  // The window sees the resident's booking in the slot's list.
  HttpResult listed = SendAs("GET", path, clerk_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.Json()["items"].size(), 1u);
  EXPECT_EQ(listed.Json()["items"][0]["person_name"], "王景云");
  EXPECT_EQ(listed.Json()["items"][0]["purpose"], "反映村东路灯不亮");
}

TEST_F(MeetingsHttpTest, ResidentCannotBookAReceptionDayForAnotherHousehold) {
  const domain::Id slot = ReceptionSlot(3);
  ASSERT_NE(slot, 0);
  const std::string path = "/api/v1/slots/" + std::to_string(slot) + "/appointments";
  ExpectProblem(SendAs("POST", path, resident_,
                       Json{{"household_id", neighbour_},
                            {"person_name", "李秀兰"},
                            {"purpose", "代邻居反映问题"}}
                           .dump()),
                403, "auth.forbidden");
  // Refused before anything is written; without a session the booking asks for a login.
  EXPECT_EQ(PublicBooked(), 0);
  ExpectProblem(SendAs("POST", path, "",
                       Json{{"household_id", household_}, {"person_name", "王景云"}}.dump()),
                401, "auth.required");
  EXPECT_EQ(PublicBooked(), 0);
}

TEST_F(MeetingsHttpTest, ReceptionDayIsPublicAndBookedThroughTheSlots) {
  HttpResult created = SendAs("POST", "/api/v1/meetings", leader_,
                              Json{{"kind", "reception_day"},
                                   {"title", "镇领导接待日"},
                                   {"date", "2099-06-01"},
                                   {"start", "09:00"},
                                   {"end", "11:30"},
                                   {"place", "镇便民服务中心二楼"},
                                   {"region_id", village_},
                                   {"host_unit_id", unit_},
                                   {"capacity", 5}}
                                  .dump());
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_TRUE(created.Json()["slot_id"].is_number());
  domain::Id slot = created.Json()["slot_id"];

  HttpResult booked =
      SendAs("POST", "/api/v1/slots/" + std::to_string(slot) + "/appointments", clerk_,
             Json{{"household_id", household_},
                  {"person_name", "王景云"},
                  {"phone", "13800000000"},
                  {"purpose", "反映停车难"}}
                 .dump());
  ASSERT_EQ(booked.status, 201) << booked.body;

  HttpResult list = Call(port_, "GET", "/api/v1/public/reception-days");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json()["items"].size(), 1u);
  Json days = list.Json();
  const Json& day = days["items"][0];
  EXPECT_EQ(day["title"], "镇领导接待日");
  EXPECT_EQ(day["place"], "镇便民服务中心二楼");
  EXPECT_EQ(day["host_name"], "leader");
  EXPECT_EQ(day["host_unit_name"], "饶阳镇服务中心");
  EXPECT_EQ(day["capacity"], 5);
  EXPECT_EQ(day["booked"], 1);

  // A reception day's bookings need a host unit; a bad kind lists its problem.
  ExpectProblem(SendAs("POST", "/api/v1/meetings", leader_,
                       Json{{"kind", "reception_day"},
                            {"title", "接待日"},
                            {"date", "2099-06-02"},
                            {"start", "09:00"},
                            {"end", "10:00"},
                            {"place", "镇政府"},
                            {"region_id", village_},
                            {"capacity", 5}}
                           .dump()),
                400, "meeting.invalid");
  EXPECT_EQ(Call(port_, "GET", "/api/v1/public/reception-days").Json()["items"].size(), 1u);
  // Residents have no meeting permissions.
  ExpectProblem(SendAs("GET", "/api/v1/meetings", ""), 401, "auth.required");
}

}  // namespace
}  // namespace minqing::http
