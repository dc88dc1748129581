// Away members (离乡不离党) on a real server (port 0). An away member is refused a household by
// every manual way (an organiser's pin, the member's own request, approving a request made before
// the member left) with 409 network.member_away and nothing written; a member marked away shows on
// the away list with the households still held. A phone visit is stored and listed as 电话 and does
// not count as a door visit in the quota. A village assistant (the branch's secretary account)
// logs contacts with an away member and creates an online study activity; the member's own account
// marks attendance with a note; the secretary (and the administrator) cannot mark a member's
// attendance, only record a make-up study (补学) that stays marked as recorded by them.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "domain/id_card.hpp"
#include "domain/work_calendar.hpp"
#include "http/api.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;
using Json = nlohmann::json;

class AwayHttpTest : public testing::ServerTest {
 protected:
  AwayHttpTest() : ServerTest("minqing_away_http_") {}

  void SetUp() override {
    ServerTest::SetUp();
    app::Actor system = app::SystemActor(NowEpoch());
    auto& registry = services_->registry;
    auto county = AddRegion(std::nullopt, "county", "示范县");
    auto town = AddRegion(county.id, "township", "城关镇");
    village_ = AddRegion(town.id, "village", "东村").id;
    app::PartyOrgInput branch;
    branch.kind = "branch";
    branch.name = "东村党支部";
    branch.region_id = village_;
    org_ = registry.CreatePartyOrg(system, branch).id;
    std::vector<domain::Id> heads;
    for (int i = 0; i < 3; ++i) {
      app::HouseholdInput h;
      h.region_id = village_;
      h.address = "东村" + std::to_string(i + 1) + "号";
      app::ResidentInput head;
      head.name = std::string(i == 1 ? "李外出" : "王在家") + std::to_string(i);
      head.id_card = domain::MakeIdCard("330102", "19700101", 20 + i);
      head.phone = "1391234567" + std::to_string(i);
      head.relation = "户主";
      households_.push_back(registry.CreateHousehold(system, h, {head}).id);
      heads.push_back(registry.GetHousehold(system, households_.back()).members.front().id);
    }
    for (int i = 0; i < 2; ++i) {
      app::PartyMemberInput member;
      member.resident_id = heads[i];
      member.org_id = org_;
      member.status = "full";
      member.joined_on = "2001-07-01";
      member.away = i == 1;
      member.away_to = i == 1 ? "江苏苏州" : "";
      members_.push_back(registry.CreatePartyMember(system, member).id);
    }
    auto user = [&](const char* name, const char* role, std::optional<domain::Id> resident) {
      app::UserInput in;
      in.username = name;
      in.display_name = name;
      in.role = role;
      in.password = PasswordOf(name);
      in.scope_region_id = village_;
      in.resident_id = resident;
      services_->auth.CreateUser(system, in);
    };
    user("secretary", "village_assistant", std::nullopt);
    user("home", "party_member", heads[0]);
    user("away", "party_member", heads[1]);
    AddUser("admin", "admin");
    StartServer();
    secretary_ = LoginAs("secretary");
    home_ = LoginAs("home");
    away_ = LoginAs("away");
    admin_ = LoginAs("admin");
    today_ = domain::FormatDate(domain::ChinaDay(NowEpoch()));
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

  std::int64_t LinksOf(domain::Id household) {
    auto tx = services_->store->BeginRead();
    return tx->Network().FindLinkOfHousehold(household) ? 1 : 0;
  }

  domain::Id village_ = 0, org_ = 0;
  std::vector<domain::Id> households_, members_;
  std::string secretary_, home_, away_, admin_, today_;
};

TEST_F(AwayHttpTest, AwayMemberIsRefusedEveryManualLink) {
  Json pin = {{"member_id", members_[1]}, {"household_id", households_[2]}, {"kind", "pinned"}};
  ExpectProblem(SendAs("POST", "/api/v1/network/links", admin_, pin.dump()), 409,
                "network.member_away");
  EXPECT_EQ(LinksOf(households_[2]), 0);
  ExpectProblem(SendAs("POST", "/api/v1/network/link-requests", away_,
                       Json{{"household_id", households_[2]}, {"reason", "亲戚"}}.dump()),
                409, "network.member_away");

  // The member at home asks, then leaves to work away before the request is approved.
  HttpResult asked = SendAs("POST", "/api/v1/network/link-requests", home_,
                            Json{{"household_id", households_[2]}, {"reason", "邻居"}}.dump());
  ASSERT_EQ(asked.status, 201) << asked.body;
  pin["member_id"] = members_[0];
  pin["household_id"] = households_[1];
  ASSERT_EQ(SendAs("POST", "/api/v1/network/links", admin_, pin.dump()).status, 201);
  // Marked away through the network's member-status repair, which previews the handover.
  HttpResult left =
      SendAs("POST", "/api/v1/network/members/" + std::to_string(members_[0]) + "/status", admin_,
             Json{{"away", true}}.dump());
  ASSERT_EQ(left.status, 200) << left.body;
  const std::string request = std::to_string(asked.Json()["id"].get<domain::Id>());
  ExpectProblem(SendAs("POST", "/api/v1/network/link-requests/" + request + "/decide", admin_,
                       Json{{"approve", true}}.dump()),
                409, "network.member_away");
  EXPECT_EQ(LinksOf(households_[2]), 0);

  // The away list shows the household the member still holds, to hand over.
  HttpResult list = SendAs("GET", "/api/v1/away/members", secretary_);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json()["items"].size(), 2u);
  for (const auto& row : list.Json()["items"]) {
    EXPECT_EQ(row["households"], row["member_id"] == members_[0] ? 1 : 0) << row.dump();
    EXPECT_TRUE(row["overdue"].get<bool>());  // Never contacted.
  }
}

TEST_F(AwayHttpTest, PhoneVisitIsRecordedAndShownAsPhone) {
  Json visit = {
      {"household_id", households_[2]}, {"way", "phone"}, {"learned", "电话问候，老人身体好"}};
  HttpResult logged = SendAs("POST", "/api/v1/visits", secretary_, visit.dump());
  ASSERT_EQ(logged.status, 201) << logged.body;
  EXPECT_EQ(logged.Json()["way"], "phone");
  EXPECT_EQ(logged.Json()["way_label"], "电话");
  HttpResult listed =
      SendAs("GET", "/api/v1/visits?household_id=" + std::to_string(households_[2]), secretary_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.Json()["items"].size(), 1u);
  EXPECT_EQ(listed.Json()["items"][0]["way_label"], "电话");
  // Without a way it is a door visit, as every entry before ways existed.
  visit.erase("way");
  visit["household_id"] = households_[0];
  HttpResult door = SendAs("POST", "/api/v1/visits", secretary_, visit.dump());
  ASSERT_EQ(door.status, 201) << door.body;
  EXPECT_EQ(door.Json()["way"], "in_person");
  // The quota counts the door visit only.
  HttpResult quota = SendAs(
      "GET",
      "/api/v1/visits/quota?region_id=" + std::to_string(village_) + "&year=" + today_.substr(0, 4),
      admin_);
  ASSERT_EQ(quota.status, 200) << quota.body;
  ASSERT_EQ(quota.Json()["villages"].size(), 1u);
  EXPECT_EQ(quota.Json()["villages"][0]["visited"], 1);
  visit["way"] = "pigeon";
  ExpectProblem(SendAs("POST", "/api/v1/visits", secretary_, visit.dump()), 400,
                "validation.failed");
}

TEST_F(AwayHttpTest, StudyIsMarkedByTheMemberOnlyAndMakeUpIsLabelled) {
  Json activity = {{"org_id", org_},
                   {"title", "学习党章"},
                   {"material", "第一章 党员"},
                   {"opens_on", today_},
                   {"closes_on", today_}};
  ExpectProblem(SendAs("POST", "/api/v1/study/activities", away_, activity.dump()), 403,
                "auth.forbidden");
  HttpResult created = SendAs("POST", "/api/v1/study/activities", secretary_, activity.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.Json()["id"].get<domain::Id>());

  HttpResult mine = SendAs("GET", "/api/v1/study/my", away_);
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.Json()["items"].size(), 1u);
  EXPECT_TRUE(mine.Json()["items"][0]["open"].get<bool>());
  EXPECT_TRUE(mine.Json()["items"][0]["attendance"].is_null());

  // Neither the secretary nor the administrator can mark a member's attendance.
  Json forged = {{"note", "代签"}, {"member_id", members_[1]}};
  ExpectProblem(
      SendAs("POST", "/api/v1/study/activities/" + id + "/attend", secretary_, forged.dump()), 403,
      "auth.forbidden");
  ExpectProblem(SendAs("POST", "/api/v1/study/activities/" + id + "/attend", admin_, forged.dump()),
                403, "auth.forbidden");

  ExpectProblem(SendAs("POST", "/api/v1/study/activities/" + id + "/attend", away_,
                       Json{{"note", " "}}.dump()),
                400, "validation.failed");
  HttpResult attended = SendAs("POST", "/api/v1/study/activities/" + id + "/attend", away_,
                               Json{{"note", "在外务工也要学习"}}.dump());
  ASSERT_EQ(attended.status, 201) << attended.body;
  EXPECT_FALSE(attended.Json()["made_up"].get<bool>());
  ExpectProblem(SendAs("POST", "/api/v1/study/activities/" + id + "/attend", away_,
                       Json{{"note", "again"}}.dump()),
                409, "study.already_attended");

  HttpResult made_up =
      SendAs("POST", "/api/v1/study/activities/" + id + "/make-up", secretary_,
             Json{{"member_id", members_[0]}, {"note", "支部活动室线下补学"}}.dump());
  ASSERT_EQ(made_up.status, 201) << made_up.body;
  EXPECT_TRUE(made_up.Json()["made_up"].get<bool>());
  ExpectProblem(SendAs("POST", "/api/v1/study/activities/" + id + "/make-up", home_,
                       Json{{"member_id", members_[1]}, {"note", "x"}}.dump()),
                403, "auth.forbidden");

  HttpResult view = SendAs("GET", "/api/v1/study/activities/" + id, secretary_);
  ASSERT_EQ(view.status, 200) << view.body;
  const Json roster = view.Json()["roster"];
  ASSERT_EQ(roster.size(), 2u);
  EXPECT_EQ(roster[0]["member_id"], members_[1]);  // Away members first.
  EXPECT_TRUE(roster[0]["member_away"].get<bool>());
  EXPECT_FALSE(roster[0]["made_up"].get<bool>());
  EXPECT_EQ(roster[0]["note"], "在外务工也要学习");
  EXPECT_TRUE(roster[1]["made_up"].get<bool>());
  EXPECT_EQ(roster[1]["recorded_by_name"], "secretary");
  EXPECT_EQ(view.Json()["attended"], 2);
  // The log tells the member's own attendance from the secretary's make-up, and who wrote each.
  using Names = std::vector<std::string>;
  EXPECT_EQ(AuditedBy("study_activity", id, "study.create"), Names{"secretary"});
  EXPECT_EQ(AuditedBy("study_activity", id, "study.attend"), Names{"away"});
  EXPECT_EQ(AuditedBy("study_activity", id, "study.make_up"), Names{"secretary"});
}

TEST_F(AwayHttpTest, ContactLogFlagsOverdue) {
  const std::string path = "/api/v1/away/members/" + std::to_string(members_[1]) + "/contacts";
  ExpectProblem(
      SendAs("POST", path, secretary_, Json{{"way", "pigeon"}, {"contact_by", "张书记"}}.dump()),
      400, "validation.failed");
  ExpectProblem(SendAs("POST", path, away_, Json{{"way", "phone"}, {"contact_by", "我"}}.dump()),
                403, "auth.forbidden");
  ExpectProblem(SendAs("POST", "/api/v1/away/members/" + std::to_string(members_[0]) + "/contacts",
                       secretary_, Json{{"way", "phone"}, {"contact_by", "张书记"}}.dump()),
                409, "away.not_away");
  HttpResult logged = SendAs(
      "POST", path, secretary_,
      Json{{"way", "wechat"}, {"contact_by", "张书记"}, {"note", "视频通话，工作顺利"}}.dump());
  ASSERT_EQ(logged.status, 201) << logged.body;
  EXPECT_EQ(logged.Json()["date"], today_);
  EXPECT_EQ(logged.Json()["way_label"], "微信");
  HttpResult contacts = SendAs("GET", path, secretary_);
  ASSERT_EQ(contacts.status, 200);
  ASSERT_EQ(contacts.Json()["items"].size(), 1u);
  EXPECT_EQ(contacts.Json()["items"][0]["recorded_by_name"], "secretary");
  // The contact is in the log under the secretary, on the away member; the refusals are not.
  EXPECT_EQ(AuditedBy("party_member", std::to_string(members_[1]), "away.contact"),
            std::vector<std::string>{"secretary"});
  EXPECT_TRUE(AuditedBy("party_member", std::to_string(members_[0]), "away.contact").empty());
  HttpResult list = SendAs("GET", "/api/v1/away/members", secretary_);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.Json()["items"].size(), 1u);
  EXPECT_EQ(list.Json()["items"][0]["away_to"], "江苏苏州");
  EXPECT_EQ(list.Json()["items"][0]["last_contact"], today_);
  EXPECT_FALSE(list.Json()["items"][0]["overdue"].get<bool>());
  EXPECT_EQ(SendAs("GET", "/api/v1/away/members", away_).status, 403);
}

}  // namespace
}  // namespace minqing::http
