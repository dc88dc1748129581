// Statistics by tag and the map on a real server (port 0). The county leader sees a row per
// township with each tag's households, residents and matters, drills down to villages, and
// exports the same columns with a 合计 row; a township leader sees only their township (another
// township's figures and map are refused); a unit handler and a resident are refused both. The
// map answers one compact payload: located households as offsets, the unlocated counted and
// listed, matters at their household, a tag or category filter that changes the counts, and
// what lies at a clicked point.
#include <gtest/gtest.h>

#include "domain/id_card.hpp"
#include "http/api.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;
using Json = nlohmann::json;

// The matters are accepted at kNow (2026-05-28).
constexpr const char* kPeriod = "from=2026-05-01&to=2026-06-30";

class TagMapHttpTest : public testing::ServerTest {
 protected:
  TagMapHttpTest() : ServerTest("minqing_tag_map_http_") {}

  void SetUp() override {
    ServerTest::SetUp();
    const auto system = app::SystemActor(kNow);
    auto& registry = services_->registry;
    auto county = AddRegion(std::nullopt, "county", "饶阳县");
    east_ = AddRegion(county.id, "township", "东镇").id;
    west_ = AddRegion(county.id, "township", "西镇").id;
    east_a_ = AddRegion(east_, "village", "东一村").id;
    east_b_ = AddRegion(east_, "village", "东二村").id;
    west_a_ = AddRegion(west_, "village", "西一村").id;
    int serial = 0;
    auto household = [&](domain::Id region, std::vector<std::string> tags,
                         std::optional<double> lat, std::optional<double> lng, int members) {
      app::HouseholdInput h;
      h.region_id = region;
      h.address = "村" + std::to_string(++serial) + "号";
      h.tags = std::move(tags);
      h.lat = lat;
      h.lng = lng;
      std::vector<app::ResidentInput> people;
      for (int i = 0; i < members; ++i) {
        app::ResidentInput r;
        r.name = i == 0 ? "王户主" + std::to_string(serial) : "王家人";
        r.id_card = domain::MakeIdCard("131124", "19700101", serial * 10 + i);
        r.relation = i == 0 ? "户主" : "子";
        people.push_back(r);
      }
      return registry.CreateHousehold(system, h, people).id;
    };
    poor_east_ = household(east_a_, {"低保"}, 38.2001, 115.7001, 3);
    household(east_b_, {"低保", "残疾"}, 38.2101, 115.7101, 2);
    household(east_b_, {}, 38.2201, 115.7201, 1);
    unlocated_west_ = household(west_a_, {"五保"}, std::nullopt, std::nullopt, 1);
    household(west_a_, {"低保"}, 38.3001, 115.8001, 1);
    app::UnitInput unit{"社会事务服务中心", "service_centre", east_, ""};
    const auto unit_id = registry.CreateUnit(system, unit).id;
    app::CategoryInput c;
    c.name = "低保救助";
    c.default_unit_id = unit_id;
    relief_ = services_->catalogue.CreateCategory(system, c).id;
    c.name = "道路";
    roads_ = services_->catalogue.CreateCategory(system, c).id;
    auto matter = [&](domain::Id household_id, domain::Id category) {
      app::MatterInput m;
      m.type = "help";
      m.household_id = household_id;
      m.category_id = category;
      m.content = "请求帮助";
      services_->intake.Accept(system, m);
    };
    matter(poor_east_, relief_);
    matter(poor_east_, roads_);
    matter(unlocated_west_, relief_);
    AddUser("leader", "leader", county.id);
    AddUser("east_leader", "leader", east_);
    AddUser("clerk", "centre_staff", county.id);
    AddUser("assistant", "village_assistant", east_a_);
    app::UserInput handler;
    handler.username = "handler";
    handler.role = "unit_handler";
    handler.password = PasswordOf("handler");
    handler.scope_unit_id = unit_id;
    services_->auth.CreateUser(system, handler);
    StartServer();
    leader_ = LoginAs("leader");
    east_leader_ = LoginAs("east_leader");
    clerk_ = LoginAs("clerk");
    assistant_ = LoginAs("assistant");
    handler_ = LoginAs("handler");
  }

  Json Get(const std::string& target, const std::string& token) {
    HttpResult r = SendAs("GET", target, token);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return r.status == 200 ? r.Json() : Json::object();
  }

  // The counters of `tag` in the row named `name`.
  static Json Cell(const Json& stats, const std::string& name, const std::string& tag) {
    for (const auto& row : stats["rows"]) {
      if (row["name"] != name) continue;
      for (const auto& cell : row["tags"]) {
        if (cell["tag"] == tag) return cell;
      }
    }
    return Json::object();
  }

  // 400 validation.failed naming the field's problem `code`.
  static void ExpectField(const HttpResult& r, const std::string& code) {
    ExpectProblem(r, 400, "validation.failed");
    EXPECT_NE(r.body.find(code), std::string::npos) << r.body;
  }

  domain::Id east_ = 0, west_ = 0, east_a_ = 0, east_b_ = 0, west_a_ = 0;
  domain::Id poor_east_ = 0, unlocated_west_ = 0, relief_ = 0, roads_ = 0;
  std::string leader_, east_leader_, clerk_, assistant_, handler_;
};

TEST_F(TagMapHttpTest, LeaderSeesTownshipsPerTagAndDrillsDownToVillages) {
  Json stats = Get(std::string("/api/v1/tag-stats?") + kPeriod, leader_);
  EXPECT_EQ(stats["row_level"], "township");
  ASSERT_EQ(stats["rows"].size(), 2u);
  EXPECT_EQ(stats["tags"][0], "低保");  // Most households first.
  Json east_poor = Cell(stats, "东镇", "低保");
  EXPECT_EQ(east_poor["households"], 2);
  EXPECT_EQ(east_poor["residents"], 5);
  EXPECT_EQ(east_poor["received"], 2);
  EXPECT_EQ(east_poor["open"], 2);
  EXPECT_EQ(Cell(stats, "西镇", "五保")["received"], 1);
  EXPECT_EQ(Cell(stats, "东镇", "五保")["households"], 0);
  for (const auto& total : stats["totals"]) {
    if (total["tag"] == "低保") {
      EXPECT_EQ(total["households"], 3);
    }
  }

  Json east = Get("/api/v1/tag-stats?region_id=" + std::to_string(east_) + "&" + kPeriod, leader_);
  EXPECT_EQ(east["row_level"], "village");
  EXPECT_EQ(east["region_name"], "东镇");
  ASSERT_EQ(east["rows"].size(), 2u);
  EXPECT_EQ(Cell(east, "东一村", "低保")["received"], 2);
  EXPECT_EQ(Cell(east, "东二村", "残疾")["households"], 1);

  // The clerk reads the same; a period outside the matters counts none of them.
  Json clerk = Get("/api/v1/tag-stats?from=2025-01-01&to=2025-02-01", clerk_);
  EXPECT_EQ(Cell(clerk, "东镇", "低保")["households"], 2);
  EXPECT_EQ(Cell(clerk, "东镇", "低保")["received"], 0);
}

TEST_F(TagMapHttpTest, ExportHasChineseHeadersAndATotalPerTag) {
  HttpResult r =
      SendAs("GET", std::string("/api/v1/tag-stats/export?format=csv&") + kPeriod, leader_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("区域,标签,户数,人数,诉求受理,办理中,已答复,已办结,走访次数"),
            std::string::npos);
  EXPECT_NE(r.body.find("东镇,低保,2,5,2,2,0,0,0"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("合计,低保,3,6,2,2,0,0,0"), std::string::npos) << r.body;
}

TEST_F(TagMapHttpTest, TownshipLeaderSeesOnlyTheirTownship) {
  Json stats = Get(std::string("/api/v1/tag-stats?") + kPeriod, east_leader_);
  EXPECT_EQ(stats["row_level"], "village");
  for (const auto& row : stats["rows"]) EXPECT_NE(row["name"], "西一村");
  for (const auto& tag : stats["tags"]) EXPECT_NE(tag, "五保");
  ExpectProblem(SendAs("GET", "/api/v1/tag-stats?region_id=" + std::to_string(west_), east_leader_),
                403, "auth.forbidden");
  ExpectProblem(
      SendAs("GET", "/api/v1/tag-stats/export?region_id=" + std::to_string(west_), east_leader_),
      403, "auth.forbidden");
  Json map = Get(std::string("/api/v1/map?") + kPeriod, east_leader_);
  EXPECT_EQ(map["households"]["total"], 3);
  EXPECT_EQ(map["households"]["unlocated"], 0);
  EXPECT_EQ(map["matters"]["total"], 2);
  ExpectProblem(SendAs("GET", "/api/v1/map?region_id=" + std::to_string(west_), east_leader_), 403,
                "auth.forbidden");
  // The clicked point of a household of the other township shows nothing.
  Json at = Get("/api/v1/map/at?lng=115.8001&lat=38.3001", east_leader_);
  EXPECT_TRUE(at["households"].empty());
}

TEST_F(TagMapHttpTest, HandlerAssistantAndAnonymousAreRefused) {
  for (const auto& target : {"/api/v1/tag-stats", "/api/v1/tag-stats/export", "/api/v1/map",
                             "/api/v1/map/at?lng=115.7&lat=38.2"}) {
    ExpectProblem(SendAs("GET", target, handler_), 403, "auth.forbidden");
    ExpectProblem(SendAs("GET", target, assistant_), 403, "auth.forbidden");
    EXPECT_EQ(SendAs("GET", target, "").status, 401) << target;
  }
}

TEST_F(TagMapHttpTest, MapIsCompactCountsTheUnlocatedAndFilters) {
  Json map = Get(std::string("/api/v1/map?") + kPeriod, leader_);
  EXPECT_EQ(map["scale"], 10000);
  EXPECT_EQ(map["households"]["total"], 5);
  EXPECT_EQ(map["households"]["located"], 4);
  EXPECT_EQ(map["households"]["points"].size(), 8u);
  EXPECT_EQ(map["households"]["unlocated"], 1);
  ASSERT_EQ(map["households"]["unlocated_sample"].size(), 1u);
  EXPECT_EQ(map["households"]["unlocated_sample"][0]["id"], unlocated_west_);
  EXPECT_EQ(map["households"]["unlocated_by_village"][0]["name"], "西一村");
  // Offsets from the origin: the westmost household is at 0.
  EXPECT_EQ(map["origin"][0], 1157001);
  EXPECT_EQ(map["households"]["points"][0].get<int>() >= 0, true);
  // Matters of the household east take its place; the one of the unlocated household is counted.
  EXPECT_EQ(map["matters"]["total"], 3);
  EXPECT_EQ(map["matters"]["located"], 2);
  EXPECT_EQ(map["matters"]["unlocated"], 1);
  EXPECT_EQ(map["matters"]["points"].size(), 8u);
  EXPECT_EQ(map["matters"]["points"][3], 1);  // Status 已受理.
  EXPECT_FALSE(map["hotspots"]["cells"].empty());
  EXPECT_EQ(map["hotspots"]["cells"][2], 2);  // Both located matters in one cell.
  bool labelled = false;
  for (const auto& l : map["labels"]) labelled = labelled || l["name"] == "东一村";
  EXPECT_TRUE(labelled);

  Json poor = Get(std::string("/api/v1/map?tag=") + "%E4%BD%8E%E4%BF%9D&" + kPeriod, leader_);
  EXPECT_EQ(poor["households"]["total"], 3);
  Json roads = Get("/api/v1/map?category_id=" + std::to_string(roads_) + "&" + kPeriod, leader_);
  EXPECT_EQ(roads["matters"]["total"], 1);
  Json closed = Get(std::string("/api/v1/map?status=closed&") + kPeriod, leader_);
  EXPECT_EQ(closed["matters"]["total"], 0);

  Json at = Get(std::string("/api/v1/map/at?lng=115.7001&lat=38.2001&") + kPeriod, leader_);
  ASSERT_EQ(at["households"].size(), 1u);
  EXPECT_EQ(at["households"][0]["id"], poor_east_);
  EXPECT_EQ(at["matters"].size(), 2u);

  ExpectField(SendAs("GET", "/api/v1/map?cell_km=100", leader_), "map.bad_cell");
  ExpectField(SendAs("GET", "/api/v1/map?from=2026-13-01", leader_), "date.invalid");
  ExpectField(SendAs("GET", "/api/v1/map?status=nonsense", leader_), "map.bad_status");
  ExpectProblem(SendAs("GET", "/api/v1/map/at?lng=abc&lat=1", leader_), 400, "query.invalid");
  ExpectField(SendAs("GET", "/api/v1/tag-stats?from=2026-06-01&to=2026-05-01", leader_),
              "period.invalid");
}

}  // namespace
}  // namespace minqing::http
