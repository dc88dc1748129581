// Meetings that decide (议事会议) over HTTP, on a real server: the township leader records a joint
// meeting with a unit and an outside attendee; a decision without an owner is refused
// (meeting.decision_needs_owner) and nothing is written; of two decisions, one is followed to
// done by its owner (another clerk and the administrator are refused, the owner's "my
// decisions" and the leaders' overdue list show it first), the other is turned into a matter
// (诉求) by the window (the leader, who does not take matters, is refused) and shows the matter's
// state; a reception day (接待日) opens a slot at its host unit, the public list shows it and a
// booking through the existing appointments counts in it.
#include <gtest/gtest.h>

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
    household_ = services_->registry.CreateHousehold(app::SystemActor(kNow), h, {head}).id;
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
  }

  domain::Id IdOf(const std::string& token) {
    return SendAs("GET", "/api/v1/auth/me", token).Json()["user"]["id"].get<domain::Id>();
  }

  domain::Id village_ = 0, unit_ = 0, household_ = 0;
  std::string leader_, clerk_, clerk2_, admin_, handler_;
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
  // The unit's handler cannot mark a decision that is now a matter done.
  ExpectProblem(SendAs("POST", "/api/v1/decisions/" + std::to_string(d2) + "/done", handler_, note),
                409, "meeting.decision_not_open");

  HttpResult view = SendAs("GET", meeting_path, leader_);
  ASSERT_EQ(view.Json()["decisions"].size(), 2u);
  EXPECT_EQ(view.Json()["decisions"][1]["matter_number"], number);
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
