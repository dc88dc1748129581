// On duty and service guides over HTTP against the real server: a clerk of another township can
// neither read nor change a centre's roster or a township's guide; a person at two windows the
// same day is refused with nothing lost; the public duty page shows the day entered; a draft guide
// is not public; a published guide's time limit follows a change of its catalogue category; bad
// input is refused and the stored guide stays; the badges and guide PDFs render.
#include <gtest/gtest.h>

#include <map>

#include "domain/work_calendar.hpp"
#include "http/api.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::Call;
using testing::ExpectProblem;
using testing::HttpResult;
using Json = nlohmann::json;

class ServiceInfoIntegrationTest : public testing::ServerTest {
 protected:
  ServiceInfoIntegrationTest() : ServerTest("minqing_service_info_") {}

  void SetUp() override {
    ServerTest::SetUp();
    place_ = AddVillage("东关村");
    other_town_ = AddRegion(place_.county.id, "township", "大尹村镇");
    auto system = app::SystemActor(kNow);
    centre_ =
        services_->registry
            .CreateUnit(system, {"饶阳镇便民服务中心", "service_centre", place_.township.id, ""})
            .id;
    other_centre_ =
        services_->registry
            .CreateUnit(system, {"大尹村镇便民服务中心", "service_centre", other_town_.id, ""})
            .id;
    app::CategoryInput category;
    category.name = "临时救助";
    category.keywords = "救助";
    category.completion_days = 5;
    category.response_hours = 4;
    category_ = services_->catalogue.CreateCategory(system, category).id;
    AddUser("admin", "admin");
    AddUser("clerk", "centre_staff", place_.township.id);
    AddUser("leader", "leader", place_.township.id);
    AddUser("clerk_b", "centre_staff", other_town_.id);
    AddUser("assistant", "village_assistant", place_.village.id);
    StartServer();
    admin_ = LoginAs("admin");
    clerk_ = LoginAs("clerk");
    clerk_b_ = LoginAs("clerk_b");
    Json candidates = SendAs("GET", Centre() + "/duty/candidates", clerk_).Json();
    for (const auto& c : candidates["items"]) {
      ids_[c["name"].get<std::string>()] = c["user_id"].get<domain::Id>();
    }
  }

  std::string Centre() const { return "/api/v1/units/" + std::to_string(centre_); }

  Json DayBody(const std::string& date, Json staff) {
    return {{"days", Json::array({{{"date", date},
                                   {"leader_user_id", ids_["leader"]},
                                   {"staff", std::move(staff)}}})}};
  }

  Json GuideBody(bool published, Json materials = Json::array({"身份证", "户口簿"})) {
    return {{"category_id", category_},
            {"title", "临时救助办事指南"},
            {"materials", std::move(materials)},
            {"steps", Json::array({"提出申请", "审核", "发放"})},
            {"place", "饶阳镇便民服务中心"},
            {"window_name", "2号窗口"},
            {"office_hours", "工作日 8:30-17:30"},
            {"phone", "0318-7212345"},
            {"published", published}};
  }

  testing::ServerTest::Village place_;
  domain::Region other_town_;
  domain::Id centre_ = 0, other_centre_ = 0, category_ = 0;
  std::string admin_, clerk_, clerk_b_;
  std::map<std::string, domain::Id> ids_;
};

TEST_F(ServiceInfoIntegrationTest, DutyRosterScopeConflictsPublicPageAndBadges) {
  ASSERT_TRUE(ids_.count("clerk") && ids_.count("leader")) << "candidates of the centre";
  EXPECT_FALSE(ids_.count("clerk_b")) << "another township's clerk is no candidate";
  const std::string today = domain::FormatDate(domain::ChinaDay(NowEpoch()));
  HttpResult saved = SendAs(
      "PUT", Centre() + "/duty", clerk_,
      DayBody(today, Json::array({{{"user_id", ids_["clerk"]}, {"post", "1号窗口 社会救助"}}}))
          .dump());
  ASSERT_EQ(saved.status, 200) << saved.body;

  // Another township's clerk: refused, whatever the body, and nothing changes.
  ExpectProblem(SendAs("PUT", Centre() + "/duty", clerk_b_, DayBody(today, Json::array()).dump()),
                403, "auth.forbidden");
  ExpectProblem(SendAs("GET", Centre() + "/duty", clerk_b_), 403, "auth.forbidden");
  ExpectProblem(SendAs("GET", Centre() + "/duty/badges.pdf", clerk_b_), 403, "auth.forbidden");
  ExpectProblem(SendAs("GET", Centre() + "/duty", LoginAs("assistant")), 403, "auth.forbidden");

  // One person at two windows the same day: refused, clearly, and the stored day stays.
  HttpResult twice =
      SendAs("PUT", Centre() + "/duty", clerk_,
             DayBody(today, Json::array({{{"user_id", ids_["clerk"]}, {"post", "1号窗口"}},
                                         {{"user_id", ids_["clerk"]}, {"post", "2号窗口"}}}))
                 .dump());
  ExpectProblem(twice, 400, "validation.failed");
  EXPECT_EQ(twice.Json()["error"]["details"][0]["code"], "duty.staff_twice") << twice.body;
  ExpectProblem(SendAs("PUT", Centre() + "/duty", clerk_, R"({"days": [{"date": "2026-13-01"}]})"),
                400, "validation.failed");
  ExpectProblem(SendAs("PUT", Centre() + "/duty", clerk_, "not json"), 400, "request.bad_json");

  // The public page (no login) shows today's duty as stored.
  HttpResult pub =
      Call(port_, "GET", "/api/v1/public/centres/" + std::to_string(centre_) + "/duty");
  ASSERT_EQ(pub.status, 200) << pub.body;
  Json page = pub.Json();
  EXPECT_EQ(page["unit"]["name"], "饶阳镇便民服务中心");
  EXPECT_EQ(page["today"], today);
  ASSERT_TRUE(page["today_duty"].is_object()) << pub.body;
  EXPECT_EQ(page["today_duty"]["leader"]["name"], "leader");
  ASSERT_EQ(page["today_duty"]["staff"].size(), 1u);
  EXPECT_EQ(page["today_duty"]["staff"][0]["post"], "1号窗口 社会救助");
  EXPECT_EQ(page["days"].size(), 7u);
  ExpectProblem(Call(port_, "GET", "/api/v1/public/centres/999/duty"), 404, "duty.not_found");

  HttpResult badges = SendAs("GET", Centre() + "/duty/badges.pdf?date=" + today, clerk_);
  ASSERT_EQ(badges.status, 200) << badges.body;
  EXPECT_EQ(badges.body.rfind("%PDF", 0), 0u);
  EXPECT_NE(badges.body.find("/Type /Page"), std::string::npos);

  // Copying the week onto the next one.
  const auto day = domain::ChinaDay(NowEpoch());
  const auto monday = day - (domain::Weekday(day) - 1);
  HttpResult copied = SendAs(
      "POST", Centre() + "/duty/copy-week", clerk_,
      Json{{"from_week", domain::FormatDate(monday)}, {"to_week", domain::FormatDate(monday + 7)}}
          .dump());
  ASSERT_EQ(copied.status, 200) << copied.body;
  EXPECT_EQ(copied.Json()["days"][day - monday]["staff"][0]["post"], "1号窗口 社会救助");
}

TEST_F(ServiceInfoIntegrationTest, GuidesDraftsScopeAndTimeLimitFromTheCatalogue) {
  HttpResult created = SendAs("POST", "/api/v1/guides", clerk_, GuideBody(false).dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.Json()["id"].get<domain::Id>());
  EXPECT_EQ(created.Json()["region_id"], place_.township.id);
  EXPECT_EQ(created.Json()["fees"], "免费");

  // A draft is not public: neither its page, its PDF nor the lists show it.
  ExpectProblem(Call(port_, "GET", "/api/v1/public/guides/" + id), 404, "guide.not_found");
  ExpectProblem(Call(port_, "GET", "/api/v1/public/guides/" + id + "/guide.pdf"), 404,
                "guide.not_found");
  auto entry_of = [&](domain::Id region) {
    Json list =
        Call(port_, "GET", "/api/v1/public/regions/" + std::to_string(region) + "/guides").Json();
    for (const auto& item : list["items"]) {
      if (item["category"]["id"] == category_) return item;
    }
    return Json();
  };
  EXPECT_TRUE(entry_of(place_.village.id)["guide"].is_null());

  // Another township's clerk can neither read nor change it.
  ExpectProblem(SendAs("GET", "/api/v1/guides/" + id, clerk_b_), 403, "auth.forbidden");
  ExpectProblem(SendAs("PUT", "/api/v1/guides/" + id, clerk_b_, GuideBody(true).dump()), 403,
                "auth.forbidden");
  Json foreign = GuideBody(true);
  foreign["region_id"] = place_.township.id;
  ExpectProblem(SendAs("POST", "/api/v1/guides", clerk_b_, foreign.dump()), 403, "auth.forbidden");

  // Bad input: refused, and the stored guide is as it was.
  HttpResult bad =
      SendAs("PUT", "/api/v1/guides/" + id, clerk_, GuideBody(true, Json::array()).dump());
  ExpectProblem(bad, 400, "validation.failed");
  EXPECT_EQ(bad.Json()["error"]["details"][0]["field"], "materials");
  ExpectProblem(SendAs("PUT", "/api/v1/guides/" + id, clerk_, R"({"materials": "身份证"})"), 400,
                "validation.failed");
  Json kept = SendAs("GET", "/api/v1/guides/" + id, clerk_).Json();
  EXPECT_EQ(kept["status"], "draft");
  EXPECT_EQ(kept["materials"].size(), 2u);

  // Published: public, with the catalogue's time limit, which follows the category.
  ASSERT_EQ(SendAs("PUT", "/api/v1/guides/" + id, clerk_, GuideBody(true).dump()).status, 200);
  HttpResult pub = Call(port_, "GET", "/api/v1/public/guides/" + id);
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(pub.Json()["time_limit"], "5个工作日内办结（4个工作小时内受理）");
  EXPECT_FALSE(pub.Json().contains("editable"));
  EXPECT_EQ(entry_of(place_.village.id)["guide"]["id"].get<domain::Id>(), std::stoll(id));
  EXPECT_TRUE(entry_of(other_town_.id)["guide"].is_null());

  ASSERT_EQ(SendAs("PATCH", "/api/v1/categories/" + std::to_string(category_), admin_,
                   R"({"completion_days": 8, "response_hours": 2})")
                .status,
            200);
  EXPECT_EQ(Call(port_, "GET", "/api/v1/public/guides/" + id).Json()["time_limit"],
            "8个工作日内办结（2个工作小时内受理）");
  EXPECT_EQ(entry_of(place_.village.id)["guide"]["time_limit"],
            "8个工作日内办结（2个工作小时内受理）");

  HttpResult pdf = Call(port_, "GET", "/api/v1/public/guides/" + id + "/guide.pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  EXPECT_EQ(SendAs("GET", "/api/v1/guides/" + id + "/guide.pdf", clerk_).status, 200);
  ExpectProblem(SendAs("GET", "/api/v1/guides/" + id + "/guide.pdf", clerk_b_), 403,
                "auth.forbidden");
  // A township clerk does not write the county-wide guide.
  Json county = GuideBody(true);
  county["region_id"] = place_.county.id;
  ExpectProblem(SendAs("POST", "/api/v1/guides", clerk_, county.dump()), 403, "auth.forbidden");
}

}  // namespace
}  // namespace minqing::http
