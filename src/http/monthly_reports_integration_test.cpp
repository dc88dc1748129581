// Monthly ranking reports (月度通报) on a real server (port 0): an administrator generates a month
// from booked counters, a leader lists it, reads the ranking and downloads the PDF (with the
// Chinese font embedded) and the xlsx (read back by the project's reader); a handler and a
// village assistant can neither read nor download, and a leader or a clerk can neither
// regenerate nor change the weights.
#include <gtest/gtest.h>

#include <fstream>

#include "formats/table.hpp"
#include "http/api.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;
using Json = nlohmann::json;

class MonthlyReportsIntegrationTest : public testing::ServerTest {
 protected:
  MonthlyReportsIntegrationTest() : ServerTest("minqing_monthly_reports_test_") {}

  void SetUp() override {
    ServerTest::SetUp();
    app::Actor system = app::SystemActor(kNow);
    auto made = AddVillage("东村");
    app::UnitInput unit{"社会事务服务中心", "service_centre", made.township.id, ""};
    const domain::Id centre = services_->registry.CreateUnit(system, unit).id;
    unit.name = "经济发展服务中心";
    const domain::Id economy = services_->registry.CreateUnit(system, unit).id;
    // January 2025, a month over whatever day the test runs: the centre ranks first.
    const domain::DayNumber day = *domain::ParseDate("2025-01-15");
    domain::RateCounters good, poor;
    good.received = poor.received = 10;
    good.responded = good.responded_on_time = 10;
    poor.responded = poor.responded_on_time = 3;
    good.rated = poor.rated = 10;
    good.solved = good.satisfied = 9;
    poor.solved = poor.satisfied = 2;
    auto tx = services_->store->Begin();
    tx->Matters().AddStats(
        {{"unit", centre, 0, "", day, good},
         {"unit", economy, 0, "", day, poor},
         {"category_township", 0, made.township.id, made.township.path, day, good}});
    tx->Commit();
    AddUser("admin", "admin");
    AddUser("leader", "leader");
    AddUser("clerk", "centre_staff", made.township.id);
    AddUser("assistant", "village_assistant", made.village.id);
    app::UserInput handler;
    handler.username = "handler";
    handler.display_name = "handler";
    handler.role = "unit_handler";
    handler.password = PasswordOf("handler");
    handler.scope_unit_id = centre;
    services_->auth.CreateUser(system, handler);
    StartServer();
  }
};

TEST_F(MonthlyReportsIntegrationTest, GenerateListReadAndDownload) {
  const std::string admin = LoginAs("admin");
  const std::string leader = LoginAs("leader");
  HttpResult made = SendAs("POST", "/api/v1/monthly-reports/2025-01/generate", admin);
  ASSERT_EQ(made.status, 200) << made.body;
  EXPECT_GT(made.Json()["pdf_bytes"].get<int>(), 1000);

  HttpResult list = SendAs("GET", "/api/v1/monthly-reports", leader);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json()["items"].size(), 1u);
  EXPECT_EQ(list.Json()["items"][0]["month"], "2025-01");

  HttpResult read = SendAs("GET", "/api/v1/monthly-reports/2025-01", leader);
  ASSERT_EQ(read.status, 200) << read.body;
  const Json units = read.Json()["figures"]["units"];
  ASSERT_EQ(units["ranked"].size(), 2u);
  EXPECT_EQ(units["ranked"][0]["name"], "社会事务服务中心");
  EXPECT_EQ(units["ranked"][0]["rank"], 1);
  EXPECT_EQ(units["ranked"][1]["name"], "经济发展服务中心");
  EXPECT_EQ(units["best"][0], "社会事务服务中心");
  EXPECT_EQ(read.Json()["figures"]["trend"].size(), 12u);

  HttpResult pdf = SendAs("GET", "/api/v1/monthly-reports/2025-01/pdf", leader);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.body.find("WenQuanYi"), std::string::npos);
  HttpResult xlsx = SendAs("GET", "/api/v1/monthly-reports/2025-01/xlsx", leader);
  ASSERT_EQ(xlsx.status, 200);
  const auto file = dir_ / "report.xlsx";
  std::ofstream(file, std::ios::binary) << xlsx.body;
  formats::Table sheet = formats::ReadXlsx(file.string());
  ASSERT_EQ(sheet.rows.size(), 2u);
  EXPECT_EQ(sheet.header[0], "名次");
  EXPECT_EQ(sheet.rows[0][1], "社会事务服务中心");

  // A township-scoped clerk holds matter.export and reads the county's document too.
  EXPECT_EQ(SendAs("GET", "/api/v1/monthly-reports/2025-01", LoginAs("clerk")).status, 200);
  ExpectProblem(SendAs("GET", "/api/v1/monthly-reports/2025-02", leader), 404,
                "monthly_report.not_found");
  ExpectProblem(SendAs("POST", "/api/v1/monthly-reports/2099-01/generate", admin), 400,
                "monthly_report.bad_month");
}

TEST_F(MonthlyReportsIntegrationTest, WhoMustNotReadRegenerateOrConfigure) {
  const std::string admin = LoginAs("admin");
  ASSERT_EQ(SendAs("POST", "/api/v1/monthly-reports/2025-01/generate", admin).status, 200);
  for (const char* who : {"handler", "assistant"}) {
    const std::string token = LoginAs(who);
    for (const char* path :
         {"/api/v1/monthly-reports", "/api/v1/monthly-reports/2025-01",
          "/api/v1/monthly-reports/2025-01/pdf", "/api/v1/monthly-reports/2025-01/xlsx",
          "/api/v1/monthly-reports/settings"}) {
      ExpectProblem(SendAs("GET", path, token), 403, "auth.forbidden");
    }
  }
  const Json settings = {
      {"weights", {{"response", 0.5}, {"resolution", 0.25}, {"satisfaction", 0.25}}},
      {"min_received", 2},
      {"named", 2}};
  for (const char* who : {"leader", "clerk", "handler"}) {
    const std::string token = LoginAs(who);
    ExpectProblem(SendAs("POST", "/api/v1/monthly-reports/2025-01/generate", token), 403,
                  "auth.forbidden");
    ExpectProblem(SendAs("PUT", "/api/v1/monthly-reports/settings", token, settings.dump()), 403,
                  "auth.forbidden");
  }
  Json bad = settings;
  bad["weights"]["response"] = 0.9;
  HttpResult refused = SendAs("PUT", "/api/v1/monthly-reports/settings", admin, bad.dump());
  ExpectProblem(refused, 400, "validation.failed");
  HttpResult saved = SendAs("PUT", "/api/v1/monthly-reports/settings", admin, settings.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  HttpResult read = SendAs("GET", "/api/v1/monthly-reports/settings", LoginAs("leader"));
  EXPECT_EQ(read.Json()["min_received"], 2);
  EXPECT_DOUBLE_EQ(read.Json()["weights"]["response"].get<double>(), 0.5);
}

}  // namespace
}  // namespace minqing::http
