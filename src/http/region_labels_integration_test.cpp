// region_label over HTTP: households and matters name their region for the reader (county
// "饶阳镇 东街村 二组", village assistant "东街村 二组"), the rendered-page cache keeps one
// answer per scope, and PATCH /regions/{id} renames with the new name read at once.
#include <gtest/gtest.h>

#include "app/services.hpp"
#include "domain/id_card.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;

class RegionLabelsHttpTest : public testing::ServerTest {
 protected:
  RegionLabelsHttpTest() : ServerTest("minqing-region-labels-") {}

  void SetUp() override {
    ServerTest::SetUp();
    const auto admin = app::SystemActor(kNow);
    auto& registry = services_->registry;
    const auto regions = AddVillage("东街村");
    village_ = regions.village;
    auto group = AddRegion(village_.id, "group", "二组");
    app::HouseholdInput household;
    household.region_id = group.id;
    household.address = "东街村二组7号";
    app::ResidentInput head;
    head.name = "孙立军";
    head.id_card = domain::MakeIdCard("131124", "19700707", 77);
    head.phone = "13900001111";
    head.relation = "户主";
    household_id_ = registry.CreateHousehold(admin, household, {head}).id;
    app::MatterInput matter;
    matter.type = "help";
    matter.household_id = household_id_;
    matter.content = "路灯不亮";
    matter_id_ = services_->intake.Accept(admin, matter).matter.id;
    AddUser("admin1", "admin", regions.county.id);
    AddUser("assistant1", "village_assistant", village_.id);
    StartServer();
    admin_ = LoginAs("admin1");
    assistant_ = LoginAs("assistant1");
  }

  std::string Get(const std::string& target, const std::string& token, const char* pointer) {
    HttpResult r = SendAs("GET", target, token);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return r.Json().value(nlohmann::json::json_pointer(pointer), "");
  }

  domain::Region village_;
  domain::Id household_id_ = 0;
  domain::Id matter_id_ = 0;
  std::string admin_, assistant_;
};

TEST_F(RegionLabelsHttpTest, ListsAndPagesNameTheRegionForTheReader) {
  const std::string matter = "/api/v1/matters/" + std::to_string(matter_id_);
  const std::string household = "/api/v1/households/" + std::to_string(household_id_);
  EXPECT_EQ(Get("/api/v1/matters", admin_, "/items/0/region_label"), "饶阳镇 东街村 二组");
  EXPECT_EQ(Get("/api/v1/matters", admin_, "/items/0/region_name"), "二组");
  EXPECT_EQ(Get("/api/v1/matters", assistant_, "/items/0/region_label"), "东街村 二组");
  EXPECT_EQ(Get("/api/v1/households", admin_, "/items/0/region_label"), "饶阳镇 东街村 二组");
  EXPECT_EQ(Get("/api/v1/households", assistant_, "/items/0/region_label"), "东街村 二组");
  // The rendered pages are cached for a second: each scope still reads its own label.
  EXPECT_EQ(Get(matter, admin_, "/matter/region_label"), "饶阳镇 东街村 二组");
  EXPECT_EQ(Get(matter, assistant_, "/matter/region_label"), "东街村 二组");
  EXPECT_EQ(Get(household, admin_, "/household/region_label"), "饶阳镇 东街村 二组");
  EXPECT_EQ(Get(household, assistant_, "/household/region_label"), "东街村 二组");
}

TEST_F(RegionLabelsHttpTest, RenameIsReadAtOnce) {
  const std::string target = "/api/v1/regions/" + std::to_string(village_.id);
  EXPECT_EQ(Get("/api/v1/matters", admin_, "/items/0/region_label"), "饶阳镇 东街村 二组");
  EXPECT_EQ(SendAs("PATCH", target, assistant_, R"({"name":"东街新村"})").status, 403);
  ExpectProblem(SendAs("PATCH", target, admin_, R"({"name":"  "})"), 400, "validation.failed");
  HttpResult renamed = SendAs("PATCH", target, admin_, R"({"name":"东街新村"})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.Json()["name"], "东街新村");
  EXPECT_EQ(Get("/api/v1/matters", admin_, "/items/0/region_label"), "饶阳镇 东街新村 二组");
  EXPECT_EQ(
      Get("/api/v1/matters/" + std::to_string(matter_id_), assistant_, "/matter/region_label"),
      "东街新村 二组");
  EXPECT_EQ(Get("/api/v1/households", assistant_, "/items/0/region_label"), "东街新村 二组");
}

}  // namespace
}  // namespace minqing::http
