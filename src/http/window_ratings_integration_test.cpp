// Window ratings and the suggestion box over HTTP, on a real server: a matter the clerk accepts
// at the window is rated from its receipt's token by an anonymous caller; the clerk, with the
// token and their own session, is refused (rating.own_service); a second rating is refused
// (rating.already_rated) also to the administrator, who has no route to change or delete a rating
// either; the leader's statistics count the rating and list its comment; the suggestion box takes
// entries without a login until an address has sent too many (429 with a Chinese message).
#include <gtest/gtest.h>

#include "http/json_mapping.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::Call;
using testing::ExpectProblem;
using testing::HttpResult;

class WindowRatingsHttpTest : public testing::ServerTest {
 protected:
  WindowRatingsHttpTest() : ServerTest("minqing_ratings_") {}

  void SetUp() override {
    ServerTest::SetUp();
    auto v = AddVillage("东关村");
    centre_ = services_->registry
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
    AddUser("clerk", "centre_staff", v.township.id);
    AddUser("leader", "leader", v.township.id);
    AddUser("admin", "admin");
    StartServer();
    clerk_ = LoginAs("clerk");
    leader_ = LoginAs("leader");
    admin_ = LoginAs("admin");
  }

  domain::Id centre_ = 0, household_ = 0;
  std::string clerk_, leader_, admin_;
};

TEST_F(WindowRatingsHttpTest, ResidentRatesOnceClerkAndAdminCannot) {
  HttpResult created = SendAs("POST", "/api/v1/matters", clerk_,
                              Json{{"type", "help"},
                                   {"household_id", household_},
                                   {"content", "想申请低保，请问需要什么材料"}}
                                  .dump());
  ASSERT_EQ(created.status, 201) << created.body;
  std::string number = created.Json()["receipt"]["number"];
  std::string matter_token = created.Json()["receipt"]["token"];

  // The receipt's page: a wrong matter token learns nothing.
  ExpectProblem(Call(port_, "GET", "/api/v1/public/window-ratings/receipt/" + number + "?t=bad"),
                404, "rating.not_found");
  HttpResult page =
      Call(port_, "GET", "/api/v1/public/window-ratings/receipt/" + number + "?t=" + matter_token);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.Json()["kind"], "intake");
  EXPECT_EQ(page.Json()["clerk_name"], "clerk");
  EXPECT_EQ(page.Json()["unit_name"], "饶阳镇服务中心");
  EXPECT_EQ(page.Json()["rated"], false);
  std::string token = page.Json()["token"];
  const std::string rate = "/api/v1/public/window-ratings/" + token;

  // The clerk holds the token (a tablet shows it) but the clerk's session proves who they are.
  ExpectProblem(SendAs("POST", rate, clerk_, R"({"stars": 5})"), 403, "rating.own_service");
  EXPECT_EQ(Call(port_, "GET", rate).Json()["rated"], false);
  ExpectProblem(Call(port_, "POST", rate, R"({"stars": 9})"), 400, "rating.invalid");

  HttpResult rated =
      Call(port_, "POST", rate, Json{{"stars", 2}, {"comment", "排队时间太长"}}.dump());
  ASSERT_EQ(rated.status, 201) << rated.body;
  EXPECT_EQ(rated.Json()["stars"], 2);

  // Twice: refused, the administrator included; and there is no route that changes or deletes.
  ExpectProblem(Call(port_, "POST", rate, R"({"stars": 5})"), 409, "rating.already_rated");
  ExpectProblem(SendAs("POST", rate, admin_, R"({"stars": 5})"), 409, "rating.already_rated");
  for (const char* method : {"PUT", "PATCH", "DELETE"}) {
    HttpResult r = SendAs(method, rate, admin_, R"({"stars": 5})");
    EXPECT_TRUE(r.status == 404 || r.status == 405) << method << " " << r.status << r.body;
  }
  HttpResult list = SendAs("GET", "/api/v1/window-ratings", admin_);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json()["total"], 1);
  const std::string id = std::to_string(list.Json()["items"][0]["id"].get<domain::Id>());
  for (const char* method : {"PUT", "PATCH", "DELETE"}) {
    HttpResult r = SendAs(method, "/api/v1/window-ratings/" + id, admin_, R"({"stars": 5})");
    EXPECT_TRUE(r.status == 404 || r.status == 405) << method << " " << r.status << r.body;
  }
  EXPECT_EQ(Call(port_, "GET", rate).Json()["stars"], 2);

  // The leader's statistics and the ratings they count.
  HttpResult stats = SendAs("GET", "/api/v1/window-ratings/stats", leader_);
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.Json()["total"]["count"], 1);
  EXPECT_EQ(stats.Json()["total"]["low_share"], 1.0);
  EXPECT_EQ(stats.Json()["clerks"][0]["name"], "clerk");
  EXPECT_EQ(stats.Json()["units"][0]["id"], centre_);
  HttpResult counted =
      SendAs("GET", "/api/v1/window-ratings?unit_id=" + std::to_string(centre_), leader_);
  ASSERT_EQ(counted.status, 200);
  EXPECT_EQ(counted.Json()["items"][0]["comment"], "排队时间太长");
  EXPECT_FALSE(counted.Json()["items"][0].contains("token"));
  ExpectProblem(SendAs("GET", "/api/v1/window-ratings/stats?from=2026-13-01", leader_), 400,
                "request.bad_param");
  // Window staff read the figures; the tablet is theirs, not the leader's.
  EXPECT_EQ(SendAs("GET", "/api/v1/window-ratings/tablet", clerk_).status, 200);
  ExpectProblem(SendAs("GET", "/api/v1/window-ratings/tablet", leader_), 403, "auth.forbidden");
}

TEST_F(WindowRatingsHttpTest, SuggestionBoxIsAnonymousAndRateLimited) {
  HttpResult centres = Call(port_, "GET", "/api/v1/public/service-centres");
  ASSERT_EQ(centres.status, 200);
  ASSERT_EQ(centres.Json()["items"].size(), 1u);
  EXPECT_EQ(centres.Json()["items"][0]["name"], "饶阳镇服务中心");
  Json entry = {{"unit_id", centre_}, {"content", "大厅需要增加座椅和饮水机"}, {"contact", ""}};
  ExpectProblem(Call(port_, "POST", "/api/v1/public/suggestions",
                     Json{{"unit_id", centre_}, {"content", "好"}}.dump()),
                400, "suggestion.invalid");
  int accepted = 0;
  HttpResult last;
  for (int i = 0; i < 10; ++i) {
    last = Call(port_, "POST", "/api/v1/public/suggestions", entry.dump());
    if (last.status != 201) break;
    ++accepted;
  }
  // A burst of 5 per address (the refused short one above took one).
  EXPECT_EQ(accepted, 4);
  ExpectProblem(last, 429, "suggestion.rate_limited");
  EXPECT_NE(last.Json()["error"]["message"].get<std::string>().find("频繁"), std::string::npos);
  EXPECT_FALSE(last.Header("retry-after").empty());

  HttpResult list = SendAs("GET", "/api/v1/suggestions?status=new", leader_);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json()["total"], 4);
  const std::string id = std::to_string(list.Json()["items"][0]["id"].get<domain::Id>());
  ExpectProblem(
      SendAs("POST", "/api/v1/suggestions/" + id + "/handle", clerk_, R"({"status": "read"})"), 403,
      "auth.forbidden");
  HttpResult handled = SendAs("POST", "/api/v1/suggestions/" + id + "/handle", leader_,
                              Json{{"status", "answered"}, {"note", "已添置座椅"}}.dump());
  ASSERT_EQ(handled.status, 200) << handled.body;
  EXPECT_EQ(handled.Json()["status"], "answered");
  HttpResult unread = SendAs("GET", "/api/v1/notifications/unread-count", leader_);
  EXPECT_GE(unread.Json().value("unread", 0), 1) << unread.body;
}

}  // namespace
}  // namespace minqing::http
