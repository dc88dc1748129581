// The 1+10 network and diary routes on a real server (port 0): preview → apply → coverage,
// a member's visit confirmed with the card code from the public page, the immutable diary,
// contact-card PDFs and the public board.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "app/services.hpp"
#include "domain/id_card.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::Call;
using testing::ExpectProblem;
using testing::HttpResult;

class NetworkHttpTest : public testing::ServerTest {
 protected:
  NetworkHttpTest() : ServerTest("minqing_net_http_") {}

  void SetUp() override {
    ServerTest::SetUp();
    app::Actor system = app::SystemActor(NowEpoch());
    auto& registry = services_->registry;
    auto county = AddRegion(std::nullopt, "county", "330102000000", "示范县");
    auto town = AddRegion(county.id, "township", "330102001000", "城关镇");
    village_ = AddRegion(town.id, "village", "330102001001", "东村").id;
    app::PartyOrgInput branch;
    branch.kind = "branch";
    branch.name = "东村党支部";
    branch.region_id = village_;
    auto org = registry.CreatePartyOrg(system, branch);
    for (int i = 0; i < 4; ++i) {
      app::HouseholdInput h;
      h.region_id = village_;
      h.address = "东村" + std::to_string(i + 1) + "号";
      app::ResidentInput head;
      head.name = std::string("王") + "景" + std::to_string(i);
      head.id_card = domain::MakeIdCard("330102", "19700101", 10 + i);
      head.phone = "1381234567" + std::to_string(i);
      head.relation = "户主";
      households_.push_back(registry.CreateHousehold(system, h, {head}).id);
    }
    auto head = registry.GetHousehold(system, households_[0]).members.front();
    app::PartyMemberInput member;
    member.resident_id = head.id;
    member.org_id = org.id;
    member.status = "full";
    member.joined_on = "2001-07-01";
    registry.CreatePartyMember(system, member);
    auto user = [&](const char* name, const char* role, std::optional<domain::Id> resident) {
      app::UserInput in;
      in.username = name;
      in.display_name = name;
      in.role = role;
      in.password = "pass-word-1";
      in.scope_region_id = village_;
      in.resident_id = resident;
      services_->auth.CreateUser(system, in);
    };
    user("assist", "village_assistant", std::nullopt);
    user("member", "party_member", head.id);
    app::UserInput admin;
    admin.username = "admin";
    admin.role = "admin";
    admin.password = "admin-pass-1";
    services_->auth.CreateUser(system, admin);
    ServerOptions options = testing::TestServerOptions();
    options.web_root = dir_.string();
    options.dev_sms = true;  // Other tests may read the codes from the outbox.
    StartServer(options);
  }

  domain::Region AddRegion(std::optional<domain::Id> parent, const char* level, const char* code,
                           const char* name) {
    app::RegionInput in;
    in.parent_id = parent;
    in.level = level;
    in.code = code;
    in.name = name;
    return services_->registry.CreateRegion(app::SystemActor(NowEpoch()), in);
  }

  std::string Login(const std::string& username, const std::string& password) {
    return LoginAs(username, password);
  }
  // The 6-digit code of the newest SMS in the development outbox.
  std::string LastSmsCode() {
    auto tx = services_->store->BeginRead();
    auto sms = tx->Matters().ListSms({0, 10, ""});
    std::string code;
    if (sms.items.empty()) return code;
    for (char c : sms.items.front().text) {
      if (c >= '0' && c <= '9') {
        code += c;
      } else if (code.size() == 6) {
        break;
      } else {
        code.clear();
      }
    }
    return code.size() == 6 ? code : "";
  }
  // A resident login for the head of `household`.
  void HouseholdUser(const std::string& username, domain::Id household) {
    app::Actor system = app::SystemActor(NowEpoch());
    app::UserInput in;
    in.username = username;
    in.role = "resident";
    in.password = "pass-word-1";
    in.resident_id = services_->registry.GetHousehold(system, household).members.front().id;
    services_->auth.CreateUser(system, in);
  }
  HttpResult Send(const std::string& method, const std::string& target, const std::string& token,
                  const std::string& body = "") {
    return SendAs(method, target, token, body);
  }

  domain::Id village_ = 0;
  std::vector<domain::Id> households_;
};

// The coverage page lists uncovered households with the region they are in.
TEST_F(NetworkHttpTest, UncoveredHouseholdsNameTheirRegion) {
  std::string admin = Login("admin", "admin-pass-1");
  HttpResult coverage =
      Send("GET", "/api/v1/network/coverage?region_id=" + std::to_string(village_), admin);
  ASSERT_EQ(coverage.status, 200) << coverage.body;
  const auto uncovered = coverage.Json()["uncovered"]["items"];
  ASSERT_EQ(uncovered.size(), 4u) << coverage.body;
  for (const auto& h : uncovered) EXPECT_EQ(h.value("region_name", ""), "东村") << h.dump();
}

// A village's service station (综合服务站): set by an administrator only, audited, and printed
// on the household's public page (and contact card) instead of the default hours.
TEST_F(NetworkHttpTest, VillageStationIsStoredAndShownOnTheCard) {
  domain::Id assistant_id = 0;
  {
    auto tx = services_->store->Begin();
    tx->Network().UpsertCardCode(households_[0], "STN234");
    assistant_id = tx->Accounts().FindUserByUsername("assist")->id;
    tx->Commit();
  }
  const std::string station = "/api/v1/network/stations/" + std::to_string(village_);
  HttpResult before = Call(port_, "GET", "/api/v1/public/households/STN234");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.Json()["station_hours"],
            "村综合服务站：周一至周五 8:30—12:00、14:00—17:30；节假日可预约");

  const std::string body = Json{
      {"place", "东村村委会一楼"},
      {"hours", "每天 8:00—18:00"},
      {"phone", "13812345670"},
      {"assistant_user_id",
       assistant_id}}.dump();
  EXPECT_EQ(Send("PUT", station, Login("member", "pass-word-1"), body).status, 403);
  EXPECT_EQ(Send("PUT", station, Login("assist", "pass-word-1"), body).status, 403);
  std::string admin = Login("admin", "admin-pass-1");
  HttpResult blank = Send("PUT", station, admin, R"({"place":"村委会","hours":" "})");
  EXPECT_EQ(blank.status, 400) << blank.body;
  EXPECT_EQ(blank.Json()["error"]["details"][0]["field"], "hours");
  EXPECT_FALSE(Send("GET", station, admin).Json()["stored"].get<bool>());

  // The assistant is chosen among the village's 村助理 accounts, listed by name; any other
  // account (a party member's) is refused on its field and nothing is stored.
  const auto candidates = Send("GET", station, admin).Json()["assistants"];
  ASSERT_EQ(candidates.size(), 1u) << candidates.dump();
  EXPECT_EQ(candidates[0]["id"], assistant_id);
  EXPECT_EQ(candidates[0]["name"], "assist");
  Json with_member = Json::parse(body);
  with_member["assistant_user_id"] =
      services_->store->BeginRead()->Accounts().FindUserByUsername("member")->id;
  HttpResult not_assistant = Send("PUT", station, admin, with_member.dump());
  EXPECT_EQ(not_assistant.status, 400) << not_assistant.body;
  EXPECT_EQ(not_assistant.Json()["error"]["details"][0]["field"], "assistant_user_id");
  EXPECT_EQ(not_assistant.Json()["error"]["details"][0]["code"], "station.assistant_not_eligible");
  EXPECT_FALSE(Send("GET", station, admin).Json()["stored"].get<bool>());

  HttpResult saved = Send("PUT", station, admin, body);
  ASSERT_EQ(saved.status, 200) << saved.body;
  const auto saved_json = saved.Json();
  EXPECT_TRUE(saved_json["stored"].get<bool>());
  EXPECT_EQ(saved_json["hours"], "每天 8:00—18:00");
  EXPECT_EQ(saved_json["assistant_name"], "assist");

  HttpResult after = Call(port_, "GET", "/api/v1/public/households/STN234");
  ASSERT_EQ(after.status, 200) << after.body;
  const auto card = after.Json();
  EXPECT_EQ(card["station_hours"], "东村村委会一楼：每天 8:00—18:00；电话 13812345670");
  EXPECT_EQ(card["assistant"]["name"], "assist");

  auto audit = services_->registry.ListAudit(app::SystemActor(NowEpoch()),
                                             {"region", village_, std::nullopt}, {0, 5, ""});
  ASSERT_FALSE(audit.items.empty());
  EXPECT_EQ(audit.items.front().action, "network.station");
  EXPECT_NE(audit.items.front().after_json.find("每天 8:00—18:00"), std::string::npos);
}

TEST_F(NetworkHttpTest, BuildVisitConfirmAndCards) {
  std::string admin = Login("admin", "admin-pass-1");
  std::string v = std::to_string(village_);
  HttpResult preview = Send("POST", "/api/v1/network/villages/" + v + "/preview", admin);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.Json()["added"].size(), 4u);
  std::string plan = preview.Json()["plan_id"];
  HttpResult applied = Send("POST", "/api/v1/network/plans/" + plan + "/apply", admin);
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(applied.Json()["added"], 4);
  EXPECT_EQ(Send("POST", "/api/v1/network/plans/" + plan + "/apply", admin).status, 404);

  HttpResult coverage = Send("GET", "/api/v1/network/coverage?region_id=" + v, admin);
  ASSERT_EQ(coverage.status, 200) << coverage.body;
  EXPECT_EQ(coverage.Json()["region"]["households_covered"], 4);

  std::string member = Login("member", "pass-word-1");
  HttpResult my = Send("GET", "/api/v1/network/my", member);
  ASSERT_EQ(my.status, 200) << my.body;
  ASSERT_EQ(my.Json()["households"].size(), 4u);

  std::string household = std::to_string(households_[1]);
  HttpResult visit = Send("POST", "/api/v1/visits", member,
                          R"({"household_id":)" + household + R"(,"learned":"家中一切安好"})");
  ASSERT_EQ(visit.status, 201) << visit.body;
  std::string visit_id = std::to_string(visit.Json()["id"].get<std::int64_t>());
  EXPECT_EQ(Send("PATCH", "/api/v1/visits/" + visit_id, member, R"({"learned":"x"})").ErrorCode(),
            "visit.immutable");

  // A problem found on a visit becomes a matter in the same request.
  HttpResult raised =
      Send("POST", "/api/v1/visits", member,
           R"({"household_id":)" + household +
               R"(,"problems":"院墙开裂有倒塌危险","raise_matter":{"urgency":"urgent"}})");
  ASSERT_EQ(raised.status, 201) << raised.body;
  const auto raised_json = raised.Json();
  ASSERT_EQ(raised_json["matter_ids"].size(), 1u) << raised.body;
  std::int64_t matter_id = raised_json["matter_ids"][0].get<std::int64_t>();
  HttpResult matter = Send("GET", "/api/v1/matters/" + std::to_string(matter_id), admin);
  ASSERT_EQ(matter.status, 200) << matter.body;
  EXPECT_NE(matter.body.find("院墙开裂有倒塌危险"), std::string::npos);
  HttpResult my_after = Send("GET", "/api/v1/network/my", member);
  ASSERT_EQ(my_after.status, 200) << my_after.body;
  bool listed = false;
  const auto my_json = my_after.Json();
  for (const auto& h : my_json["households"]) {
    if (h["id"] != households_[1]) continue;
    for (const auto& m : h["open_matters"]) listed = listed || m["id"] == matter_id;
  }
  EXPECT_TRUE(listed) << my_after.body;

  HttpResult pdf = Send("GET", "/api/v1/network/villages/" + v + "/cards.pdf", admin);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.Header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  std::string code;
  {
    auto tx = services_->store->BeginRead();
    code = tx->Network().FindCardCode(households_[1]).value_or("");
  }
  ASSERT_EQ(code.size(), 6u);
  // The same code is in the village tree's household rows, for those who may print cards.
  HttpResult tree = Send("GET", "/api/v1/network/villages/" + v, admin);
  ASSERT_EQ(tree.status, 200) << tree.body;
  std::string tree_code;
  const auto tree_json = tree.Json();
  for (const auto& g : tree_json["groups"]) {
    for (const auto& m : g["members"]) {
      for (const auto& h : m["households"]) {
        if (h["household_id"] == households_[1]) tree_code = h["card_code"].get<std::string>();
      }
    }
  }
  EXPECT_EQ(tree_code, code);
  HttpResult page = Call(port_, "GET", "/api/v1/public/households/" + code);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_FALSE(page.Json()["member"]["name"].get<std::string>().empty());
  HttpResult wrong = Call(port_, "POST", "/api/v1/public/visits/confirm",
                          R"({"card_code":"ZZZZZZ","visit_id":)" + visit_id + "}");
  EXPECT_EQ(wrong.ErrorCode(), "visit.bad_card_code");
  // The card code alone confirms nothing; the code sent to the head's phone does.
  HttpResult card_only = Call(port_, "POST", "/api/v1/public/visits/confirm",
                              R"({"card_code":")" + code + R"(","visit_id":)" + visit_id + "}");
  ExpectProblem(card_only, 403, "visit.proof_required");
  HttpResult sent = Call(port_, "POST", "/api/v1/public/visits/phone-code",
                         R"({"card_code":")" + code + R"(","visit_id":)" + visit_id + "}");
  ASSERT_EQ(sent.status, 200) << sent.body;
  HttpResult confirmed = Call(port_, "POST", "/api/v1/public/visits/confirm",
                              R"({"card_code":")" + code + R"(","visit_id":)" + visit_id +
                                  R"(,"phone_code":")" + LastSmsCode() + R"("})");
  ASSERT_EQ(confirmed.status, 200)
      << confirmed.body << " code=" << code << " visit=" << visit_id << " " << visit.body;
  EXPECT_TRUE(confirmed.Json()["confirmed"].get<bool>());
  EXPECT_EQ(confirmed.Json()["confirmed_via"], "phone_code");

  HttpResult board = Call(port_, "GET", "/api/v1/public/board/" + v);
  ASSERT_EQ(board.status, 200);
  EXPECT_EQ(board.Json()["members"].size(), 1u);
  HttpResult quota = Send("GET", "/api/v1/visits/quota?region_id=" + v, admin);
  ASSERT_EQ(quota.status, 200) << quota.body;
  EXPECT_EQ(quota.Json()["villages"][0]["visited"], 1);
  EXPECT_EQ(quota.Json()["villages"][0]["confirmed"], 1);
}

// The organisation assigns a member's group leader over HTTP and removes the link again; the
// refusals come back with their codes.
TEST_F(NetworkHttpTest, LeaderLinksArePinnedAndRemoved) {
  app::Actor system = app::SystemActor(NowEpoch());
  auto& registry = services_->registry;
  domain::Id branch =
      services_->store->BeginRead()->Registry().ListPartyOrgs(std::nullopt, "").at(0).id;
  auto member_of = [&](domain::Id household, domain::Id org) {
    app::PartyMemberInput in;
    in.resident_id = registry.GetHousehold(system, household).members.front().id;
    in.org_id = org;
    in.status = "full";
    in.joined_on = "2005-07-01";
    return registry.CreatePartyMember(system, in).id;
  };
  domain::Id leader = member_of(households_[2], branch);
  domain::Id ward = member_of(households_[3], branch);
  app::PartyOrgInput group;
  group.parent_id = branch;
  group.kind = "group";
  group.name = "第一党小组";
  group.region_id = village_;
  group.leader_member_id = leader;
  registry.CreatePartyOrg(system, group);

  std::string admin = Login("admin", "admin-pass-1");
  auto pin = [&](domain::Id by, domain::Id of, const std::string& token) {
    return Send("POST", "/api/v1/network/leader-links", token,
                Json{{"leader_member_id", by}, {"member_id", of}}.dump());
  };
  HttpResult pinned = pin(leader, ward, admin);
  ASSERT_EQ(pinned.status, 201) << pinned.body;
  EXPECT_EQ(pinned.Json()["link_kind"], "pinned");
  EXPECT_EQ(pinned.Json()["leader_member_id"], leader);
  HttpResult village = Send("GET", "/api/v1/network/villages/" + std::to_string(village_), admin);
  ASSERT_EQ(village.status, 200);
  EXPECT_NE(village.body.find("\"link_kind\":\"pinned\""), std::string::npos);

  EXPECT_EQ(pin(ward, leader, admin).Json()["error"]["details"][0]["code"], "network.not_a_leader");
  EXPECT_EQ(pin(leader, ward, Login("member", "pass-word-1")).status, 403);
  EXPECT_EQ(Send("DELETE", "/api/v1/network/leader-links/" + std::to_string(ward), admin).status,
            204);
  EXPECT_EQ(Send("DELETE", "/api/v1/network/leader-links/" + std::to_string(ward), admin).status,
            404);
}

// Every way a member might confirm their own visit fails; the household's account and the
// household's SMS code succeed.
TEST_F(NetworkHttpTest, VisitProofsComeFromTheHousehold) {
  std::string admin = Login("admin", "admin-pass-1");
  std::string v = std::to_string(village_);
  HttpResult preview = Send("POST", "/api/v1/network/villages/" + v + "/preview", admin);
  ASSERT_EQ(preview.status, 200) << preview.body;
  std::string plan = preview.Json()["plan_id"];
  ASSERT_EQ(Send("POST", "/api/v1/network/plans/" + plan + "/apply", admin).status, 200);
  std::string member = Login("member", "pass-word-1");
  auto log = [&](domain::Id household) {
    HttpResult r = Send("POST", "/api/v1/visits", member,
                        Json{{"household_id", household}, {"learned", "了解了用水情况"}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return std::to_string(r.Json()["id"].get<std::int64_t>());
  };
  std::string visit = log(households_[1]);
  std::string code;
  {
    // The member's own card download gives them the code, as the printed card does.
    HttpResult card =
        Send("GET", "/api/v1/households/" + std::to_string(households_[1]) + "/card.pdf", member);
    ASSERT_EQ(card.status, 200) << card.body;
    auto tx = services_->store->BeginRead();
    code = tx->Network().FindCardCode(households_[1]).value_or("");
  }
  ASSERT_EQ(code.size(), 6u);
  auto confirm = [&](const std::string& token, const Json& body) {
    return Send("POST", "/api/v1/visits/" + visit + "/confirm", token, body.dump());
  };
  HttpResult by_card = confirm(member, {{"card_code", code}});
  ExpectProblem(by_card, 403, "visit.proof_required");
  HttpResult by_nothing = confirm(member, Json::object());
  EXPECT_EQ(by_nothing.ErrorCode(), "visit.proof_required") << by_nothing.body;
  HttpResult on_page = Call(port_, "POST", "/api/v1/public/visits/confirm",
                            Json{{"card_code", code}, {"visit_id", std::stoll(visit)}}.dump());
  ExpectProblem(on_page, 403, "visit.proof_required");
  // The public page lists the visit as waiting, without the diary text.
  HttpResult pending = Call(port_, "GET", "/api/v1/public/households/" + code + "/visits");
  ASSERT_EQ(pending.status, 200) << pending.body;
  ASSERT_EQ(pending.Json()["items"].size(), 1u);
  EXPECT_EQ(std::to_string(pending.Json()["items"][0]["id"].get<std::int64_t>()), visit);
  EXPECT_EQ(pending.body.find("用水"), std::string::npos);
  // Another household's account.
  HouseholdUser("neighbour", households_[2]);
  HttpResult neighbour = confirm(Login("neighbour", "pass-word-1"), Json::object());
  ExpectProblem(neighbour, 403, "visit.not_own_household");
  // A wrong code, then a used one.
  ASSERT_EQ(Send("POST", "/api/v1/visits/" + visit + "/phone-code", member).status, 200);
  std::string sms = LastSmsCode();
  ASSERT_EQ(sms.size(), 6u);
  HttpResult wrong = confirm(member, {{"phone_code", sms == "000000" ? "111111" : "000000"}});
  EXPECT_EQ(wrong.ErrorCode(), "visit.bad_phone_code");
  EXPECT_FALSE(Send("GET", "/api/v1/visits/" + visit, admin).Json()["confirmed"].get<bool>());
  // The household tells the member the SMS code: that confirms.
  HttpResult by_sms = confirm(member, {{"phone_code", sms}});
  ASSERT_EQ(by_sms.status, 200) << by_sms.body;
  EXPECT_EQ(by_sms.Json()["confirmed_via"], "phone_code");
  EXPECT_TRUE(by_sms.Json()["confirmed"].get<bool>());
  std::string second = log(households_[1]);
  HttpResult reused = Send("POST", "/api/v1/visits/" + second + "/confirm", member,
                           Json{{"phone_code", sms}}.dump());
  EXPECT_EQ(reused.ErrorCode(), "visit.bad_phone_code");
  // The household's own account confirms the second visit.
  HouseholdUser("household1", households_[1]);
  std::string own = Login("household1", "pass-word-1");
  HttpResult listed = Send("GET", "/api/v1/visits?confirmed=false", own);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.Json()["items"].size(), 1u) << listed.body;
  HttpResult by_account =
      Send("POST", "/api/v1/visits/" + second + "/confirm", own, Json::object().dump());
  ASSERT_EQ(by_account.status, 200) << by_account.body;
  EXPECT_EQ(by_account.Json()["confirmed_via"], "household_account");
  HttpResult quota = Send("GET", "/api/v1/visits/quota?region_id=" + v, admin);
  EXPECT_EQ(quota.Json()["villages"][0]["confirmed"], 1);
  EXPECT_EQ(quota.Json()["visitors"][0]["confirmed"], 1);
}

// Pins stay inside a village and inside the organiser's township; a notice and a visit answer
// outsiders with 403 before anything about their state.
TEST_F(NetworkHttpTest, PinsAndScopeHoles) {
  app::Actor system = app::SystemActor(NowEpoch());
  auto& registry = services_->registry;
  domain::Id town = registry.GetRegion(system, village_).parent_id.value();
  domain::Id county = registry.GetRegion(system, town).parent_id.value();
  domain::Id other_town = AddRegion(county, "township", "330102002000", "西山镇").id;
  domain::Id other_village = AddRegion(other_town, "village", "330102002001", "西村").id;
  domain::Id next_village = AddRegion(town, "village", "330102001002", "北村").id;
  auto member_in = [&](domain::Id village, const char* address, int serial) {
    app::PartyOrgInput branch;
    branch.kind = "branch";
    branch.name = std::string(address) + "党支部";
    branch.region_id = village;
    auto org = registry.CreatePartyOrg(system, branch);
    app::HouseholdInput h;
    h.region_id = village;
    h.address = address;
    app::ResidentInput head;
    head.name = "赵立" + std::to_string(serial);
    head.id_card = domain::MakeIdCard("330102", "19720101", serial);
    head.relation = "户主";
    auto household = registry.CreateHousehold(system, h, {head});
    app::PartyMemberInput in;
    in.resident_id = registry.GetHousehold(system, household.id).members.front().id;
    in.org_id = org.id;
    in.status = "full";
    in.joined_on = "2003-07-01";
    return registry.CreatePartyMember(system, in).id;
  };
  domain::Id far_member = member_in(other_village, "西村1号", 40);
  domain::Id next_member = member_in(next_village, "北村1号", 41);
  app::UserInput clerk;
  clerk.username = "clerk";
  clerk.role = "centre_staff";
  clerk.password = "pass-word-1";
  clerk.scope_region_id = town;
  services_->auth.CreateUser(system, clerk);
  std::string admin = Login("admin", "admin-pass-1");
  std::string staff = Login("clerk", "pass-word-1");
  auto pin = [&](const std::string& token, domain::Id member) {
    return Send(
        "POST", "/api/v1/network/links", token,
        Json{{"member_id", member}, {"household_id", households_[1]}, {"kind", "pinned"}}.dump());
  };
  // Another township's member: out of the clerk's scope.
  EXPECT_EQ(pin(staff, far_member).status, 403);
  // Another village's member: refused with a reason, not accepted and dropped later.
  HttpResult across = pin(admin, next_member);
  EXPECT_EQ(across.status, 400) << across.body;
  EXPECT_EQ(across.Json()["error"]["details"][0]["code"], "network.pin_other_village");
  HttpResult settings = Send("PUT", "/api/v1/network/settings/" + std::to_string(other_village),
                             staff, R"({"households_per_member":3})");
  EXPECT_EQ(settings.status, 403) << settings.body;

  // A notice of another village, read by this village's member.
  HttpResult notice =
      Send("POST", "/api/v1/notices", admin,
           Json{{"region_id", other_village}, {"kind", "policy"}, {"title", "西村通知"}}.dump());
  ASSERT_EQ(notice.status, 201) << notice.body;
  std::string member = Login("member", "pass-word-1");
  HttpResult read = Send(
      "GET", "/api/v1/notices/" + std::to_string(notice.Json()["id"].get<std::int64_t>()), member);
  EXPECT_EQ(read.status, 403) << read.body;
  EXPECT_EQ(read.body.find("西村通知"), std::string::npos);

  // A visit of this village: outsiders get 403, not the 409 that tells the diary is there.
  HttpResult preview =
      Send("POST", "/api/v1/network/villages/" + std::to_string(village_) + "/preview", admin);
  std::string plan = preview.Json()["plan_id"];
  ASSERT_EQ(Send("POST", "/api/v1/network/plans/" + plan + "/apply", admin).status, 200);
  HttpResult visit = Send("POST", "/api/v1/visits", member,
                          Json{{"household_id", households_[1]}, {"learned", "走访"}}.dump());
  ASSERT_EQ(visit.status, 201) << visit.body;
  std::string path = "/api/v1/visits/" + std::to_string(visit.Json()["id"].get<std::int64_t>());
  HouseholdUser("outsider", households_[2]);
  std::string outsider = Login("outsider", "pass-word-1");
  EXPECT_EQ(Send("PATCH", path, outsider, R"({"learned":"x"})").status, 403);
  EXPECT_EQ(Send("DELETE", path, outsider).status, 403);
  EXPECT_EQ(Send("PATCH", path, member, R"({"learned":"x"})").status, 409);
}

}  // namespace
}  // namespace minqing::http
