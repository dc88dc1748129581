// The region tree import over HTTP (POST /api/v1/regions/import) and the level names
// (GET/PUT /api/v1/region-levels), in a district deployment 市/区/街道/社区/网格: a dry run
// writes nothing, a file with bad rows lists each (row, column, Chinese reason) and imports
// nothing, an import builds the tree, a re-import renames by code instead of duplicating, and
// someone who may not manage regions is refused before the body is read.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "app/services.hpp"
#include "http/matter_json.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(MINQING_SOURCE_DIR) + "/web/e2e/fixtures/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_FALSE(text.str().empty()) << name;
  return text.str();
}

class RegionImportHttpTest : public testing::ServerTest {
 protected:
  RegionImportHttpTest() : ServerTest("minqing-region-import-") {}

  void SetUp() override {
    ServerTest::SetUp();
    const auto system = app::SystemActor(kNow);
    services_->regions.SetLevels(system, "市,区,街道,社区,网格", "");
    AddUser("admin1", "admin");
    AddUser("leader1", "leader");
    StartServer();
    admin_ = LoginAs("admin1");
    leader_ = LoginAs("leader1");
  }

  HttpResult Import(const std::string& token, const std::string& file, bool dry_run,
                    const std::string& root = "") {
    nlohmann::json body = {{"file_name", file},
                           {"data_base64", EncodeBase64(Fixture(file))},
                           {"dry_run", dry_run},
                           {"root", root}};
    return SendAs("POST", "/api/v1/regions/import", token, body.dump());
  }

  std::int64_t RegionCount() {
    return static_cast<std::int64_t>(
        services_->store->BeginRead()->Registry().ListRegionsUnder("/", std::nullopt).size());
  }

  std::string admin_, leader_;
};

TEST_F(RegionImportHttpTest, LevelNamesAreServedAndOnlyAnAdminChangesThem) {
  HttpResult levels = SendAs("GET", "/api/v1/region-levels", "");
  ASSERT_EQ(levels.status, 200) << levels.body;
  nlohmann::json rows = levels.Json()["levels"];
  ASSERT_EQ(rows.size(), 5U);
  EXPECT_EQ(rows[0]["level"], "city");
  EXPECT_EQ(rows[0]["name"], "市");
  EXPECT_EQ(rows[2]["name"], "街道");
  EXPECT_EQ(rows[4]["name"], "网格");

  const std::string body = R"({"names":"市,区,街道,居委会,网格"})";
  ExpectProblem(SendAs("PUT", "/api/v1/region-levels", leader_, body), 403, "auth.forbidden");
  ExpectProblem(SendAs("PUT", "/api/v1/region-levels", admin_, R"({"names":"区,街道"})"), 400,
                "region.levels_invalid");
  HttpResult set = SendAs("PUT", "/api/v1/region-levels", admin_, body);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json()["levels"][3]["name"], "居委会");
}

TEST_F(RegionImportHttpTest, ANonAdminIsRefusedBeforeTheBodyIsRead) {
  // Not JSON at all: the refusal comes before any parsing.
  ExpectProblem(SendAs("POST", "/api/v1/regions/import", leader_, "{not json"), 403,
                "auth.forbidden");
  ExpectProblem(SendAs("POST", "/api/v1/regions/import", "", "{not json"), 401, "auth.required");
  // The same body from an admin is read, and found wanting.
  EXPECT_EQ(SendAs("POST", "/api/v1/regions/import", admin_, "{not json").status, 400);
  EXPECT_EQ(RegionCount(), 0);
}

TEST_F(RegionImportHttpTest, BadRowsAreListedAndNothingIsImported) {
  HttpResult r = Import(admin_, "district-regions-bad.csv", false);
  ASSERT_EQ(r.status, 200) << r.body;
  nlohmann::json report = r.Json();
  EXPECT_FALSE(report["written"].get<bool>());
  EXPECT_EQ(report["invalid_rows"], 4);
  nlohmann::json problems = report["problems"];
  ASSERT_EQ(problems.size(), 4U) << r.body;
  EXPECT_EQ(problems[0]["row"], 5);
  EXPECT_EQ(problems[0]["column"], "统计用区划代码");
  EXPECT_NE(problems[0]["reason"].get<std::string>().find("12位"), std::string::npos);
  EXPECT_EQ(problems[1]["row"], 7);
  EXPECT_NE(problems[1]["reason"].get<std::string>().find("重复"), std::string::npos);
  EXPECT_EQ(problems[2]["row"], 8);
  EXPECT_EQ(problems[2]["column"], "上级代码");
  EXPECT_NE(problems[2]["reason"].get<std::string>().find("不存在"), std::string::npos);
  EXPECT_EQ(problems[3]["row"], 9);
  EXPECT_EQ(problems[3]["column"], "层级");
  EXPECT_EQ(RegionCount(), 0);
}

TEST_F(RegionImportHttpTest, DryRunThenImportThenReimportRenames) {
  HttpResult dry = Import(admin_, "district-regions.csv", true);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.Json()["created"], 11);
  EXPECT_FALSE(dry.Json()["written"].get<bool>());
  EXPECT_EQ(RegionCount(), 0);

  HttpResult applied = Import(admin_, "district-regions.csv", false);
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_TRUE(applied.Json()["written"].get<bool>());
  EXPECT_EQ(applied.Json()["created"], 11);
  EXPECT_EQ(RegionCount(), 11);

  // The tree: the city root, then the district, its streets with their level codes.
  HttpResult roots = SendAs("GET", "/api/v1/regions", admin_);
  ASSERT_EQ(roots.status, 200) << roots.body;
  nlohmann::json root_items = roots.Json()["items"];
  ASSERT_EQ(root_items.size(), 1U);
  EXPECT_EQ(root_items[0]["name"], "石家庄市");
  EXPECT_EQ(root_items[0]["level"], "city");
  auto grid = services_->store->BeginRead()->Registry().FindRegionByCode("130102001001002");
  ASSERT_TRUE(grid);
  EXPECT_EQ(grid->level, domain::RegionLevel::kGroup);
  EXPECT_EQ(std::count(grid->path.begin(), grid->path.end(), '/'), 6);

  HttpResult again = Import(admin_, "district-regions-renamed.csv", false);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json()["renamed"], 2);
  EXPECT_EQ(again.Json()["created"], 1);
  EXPECT_EQ(RegionCount(), 12);
  auto street = services_->store->BeginRead()->Registry().FindRegionByCode("130102001000");
  ASSERT_TRUE(street);
  EXPECT_EQ(street->name, "建北路街道");

  // One audit entry per import, with the renamed regions' names before and after.
  HttpResult audit = SendAs("GET", "/api/v1/audit?entity=region", admin_);
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_NE(audit.body.find("建北路街道"), std::string::npos) << audit.body;
}

// What the server writes where it names a level follows the configured names, and a change of
// the names is seen by the next request: the API's level_label, the matter export's headers and
// the printed contact card (its village assistant and service station lines).
TEST_F(RegionImportHttpTest, TheServerWritesTheConfiguredLevelNames) {
  ASSERT_TRUE(Import(admin_, "district-regions.csv", false).Json()["written"].get<bool>());
  auto read = services_->store->BeginRead();
  const auto street = read->Registry().FindRegionByCode("130102001000");
  const auto community = read->Registry().FindRegionByCode("130102001001");
  read.reset();
  ASSERT_TRUE(street && community);
  const app::HouseholdInput home{community->id, "", "谈北社区1号楼", {}, {}, {}};
  const app::ResidentInput head{"张建国", "male", "1970-05-01", "", "", "户主", {}, {}};
  const auto household = services_->registry.CreateHousehold(app::SystemActor(kNow), home, {head});

  auto level_label = [&](domain::Id id) {
    HttpResult r = SendAs("GET", "/api/v1/regions/" + std::to_string(id), admin_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json()["level_label"].get<std::string>();
  };
  auto card_text = [&] {
    HttpResult pdf =
        SendAs("GET", "/api/v1/households/" + std::to_string(household.id) + "/card.pdf", admin_);
    EXPECT_EQ(pdf.status, 200) << pdf.body;
    const auto path = dir_ / "card.pdf";
    const auto text_path = dir_ / "card.txt";
    std::ofstream(path, std::ios::binary) << pdf.body;
    const std::string cmd =
        "pdftotext -enc UTF-8 '" + path.string() + "' '" + text_path.string() + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << "pdftotext (poppler-utils) is needed";
    std::ifstream in(text_path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };

  EXPECT_EQ(level_label(street->id), "街道");
  EXPECT_EQ(level_label(community->id), "社区");
  HttpResult csv = SendAs("GET", "/api/v1/matters/export?format=csv", admin_);
  ASSERT_EQ(csv.status, 200) << csv.body;
  const std::string header = csv.body.substr(0, csv.body.find('\n'));
  EXPECT_NE(header.find(",街道,社区,"), std::string::npos) << header;
  std::string text = card_text();
  EXPECT_NE(text.find("社区级事务助理"), std::string::npos) << text;
  EXPECT_NE(text.find("社区综合服务站"), std::string::npos) << text;
  EXPECT_EQ(text.find("村"), std::string::npos) << text;

  // Messages name the configured levels too: a household belongs in a 社区 or 网格, the network
  // is planned for a 社区.
  HttpResult misplaced = SendAs(
      "POST", "/api/v1/households", admin_,
      nlohmann::json{{"region_id", street->id},
                     {"address", "x"},
                     {"residents", {{{"name", "李四"}, {"sex", "male"}, {"relation", "户主"}}}}}
          .dump());
  EXPECT_EQ(misplaced.status, 400) << misplaced.body;
  EXPECT_NE(misplaced.body.find("户应登记在社区或网格"), std::string::npos) << misplaced.body;
  HttpResult not_village =
      SendAs("POST", "/api/v1/network/villages/" + std::to_string(street->id) + "/preview", admin_);
  EXPECT_EQ(not_village.status, 400) << not_village.body;
  EXPECT_NE(not_village.body.find("请选择一个社区"), std::string::npos) << not_village.body;
  EXPECT_EQ(not_village.body.find("村"), std::string::npos) << not_village.body;

  HttpResult set =
      SendAs("PUT", "/api/v1/region-levels", admin_, R"({"names":"市,区,镇街,居委会,网格"})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(level_label(street->id), "镇街");
  EXPECT_EQ(level_label(community->id), "居委会");
  text = card_text();
  EXPECT_NE(text.find("居委会级事务助理"), std::string::npos) << text;
}

TEST_F(RegionImportHttpTest, ALevelOutsideTheConfiguredDepthIsARowError) {
  // A county deployment has no city level.
  services_->regions.SetLevels(app::SystemActor(kNow), "县,乡镇,村,组", "");
  HttpResult r = Import(admin_, "district-regions.csv", false);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["invalid_rows"], 1);
  EXPECT_NE(r.Json()["problems"][0]["reason"].get<std::string>().find("不在本系统配置的层级"),
            std::string::npos)
      << r.body;
  EXPECT_EQ(RegionCount(), 0);
  // With the district as the root, the city row is outside and skipped.
  HttpResult rooted = Import(admin_, "district-regions.csv", false, "130102000000");
  ASSERT_EQ(rooted.status, 200) << rooted.body;
  EXPECT_EQ(rooted.Json()["skipped"], 1);
  EXPECT_EQ(rooted.Json()["created"], 10);
}

}  // namespace
}  // namespace minqing::http
