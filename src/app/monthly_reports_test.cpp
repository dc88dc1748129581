// Monthly ranking reports (月度通报): the ranking from counters booked in the stats cells, the
// month-over-month change, the files, the empty month, the idempotent job and who may (not) read,
// download, configure and generate.
#include "app/monthly_reports.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/matters/test_fixture.hpp"
#include "domain/errors.hpp"
#include "formats/table.hpp"

namespace minqing::app {
namespace {

class MonthlyReportsTest : public MattersTest {
 protected:
  void SetUp() override {
    MattersTest::SetUp();
    now_ = At("2026-12-03", 9);
    admin_.now = now_;
    leader_.now = now_;
    handler1_.now = now_;
    clerk_.now = now_;
  }

  MonthlyReportService& reports() { return services_->monthly_reports; }

  static domain::RateCounters Counters(std::int64_t received, std::int64_t on_time,
                                       std::int64_t rated, std::int64_t solved,
                                       std::int64_t satisfied) {
    domain::RateCounters c;
    c.received = received;
    c.responded = on_time;
    c.responded_on_time = on_time;
    c.replied = on_time;
    c.rated = rated;
    c.solved = solved;
    c.satisfied = satisfied;
    return c;
  }

  // Books a unit's counters and the matching township cell on `date`, as the matter use cases
  // do (day cell and month cell).
  void Book(const char* date, domain::Id unit_id, const domain::RateCounters& counters) {
    const domain::DayNumber day = *domain::ParseDate(date);
    auto tx = services_->store->Begin();
    tx->Matters().AddStats(
        {{"unit", unit_id, 0, "", day, counters},
         {"category_township", category_.id, township_.id, township_.path, day, counters}});
    tx->Commit();
  }

  std::string Figures(const std::string& month) {
    return reports().Read(leader_, month).figures_json;
  }

  domain::Epoch now_ = 0;
};

TEST_F(MonthlyReportsTest, RanksUnitsFromBookedCountersWithMonthOverMonth) {
  // October: unit 1 is better (90 against 50); November: unit 2 (100 against 40).
  Book("2026-10-15", unit1_.id, Counters(10, 9, 10, 9, 9));
  Book("2026-10-20", unit2_.id, Counters(10, 5, 10, 5, 5));
  Book("2026-11-02", unit1_.id, Counters(6, 3, 5, 2, 1));
  Book("2026-11-29", unit1_.id, Counters(4, 1, 5, 2, 1));
  Book("2026-11-10", unit2_.id, Counters(10, 10, 10, 10, 10));
  Book("2026-12-01", unit1_.id, Counters(50, 50, 50, 50, 50));  // December: not in November.

  MonthlyReportOutcome outcome = reports().Generate(admin_, "2026-11");
  EXPECT_TRUE(outcome.generated);
  EXPECT_EQ(outcome.month, "2026-11");
  const std::string json = Figures("2026-11");
  // Unit 2 first with 100, up one place; unit 1 second: (0.4x0.3 + 0.4x0.4 + 0.2x0.3) = 34.
  const auto unit2 = json.find("\"name\":\"经济发展服务中心\",\"received\":10");
  const auto unit1 = json.find("\"name\":\"社会事务服务中心\",\"received\":10");
  ASSERT_NE(unit2, std::string::npos) << json;
  ASSERT_NE(unit1, std::string::npos) << json;
  EXPECT_LT(unit2, unit1);
  EXPECT_NE(
      json.find("\"score\":100.0000,\"rank\":1,\"previous_score\":50.0000,\"previous_rank\":2,"
                "\"score_change\":50.0000,\"rank_change\":1"),
      std::string::npos)
      << json;
  EXPECT_NE(json.find("\"score\":34.0000,\"rank\":2,\"previous_score\":90.0000,\"previous_rank\":1,"
                      "\"score_change\":-56.0000,\"rank_change\":-1"),
            std::string::npos)
      << json;
  // The township's totals are the sum of both units' cells; the notice names the best and worst.
  EXPECT_NE(json.find("\"received\":20,"), std::string::npos);
  EXPECT_NE(json.find("经济发展服务中心（100.00分）综合得分居前"), std::string::npos) << json;
  EXPECT_NE(json.find("社会事务服务中心（34.00分）排名靠后"), std::string::npos) << json;
  EXPECT_NE(json.find("\"month\":\"2025-12\""), std::string::npos);  // 12 trend months.

  const std::string pdf = reports().File(leader_, "2026-11", MonthlyReportFile::kPdf);
  EXPECT_EQ(pdf.rfind("%PDF", 0), 0u);
  EXPECT_NE(pdf.find("WenQuanYi"), std::string::npos);
  const std::string xlsx = reports().File(leader_, "2026-11", MonthlyReportFile::kXlsx);
  const std::filesystem::path file = dir_ / "report.xlsx";
  std::ofstream(file, std::ios::binary) << xlsx;
  formats::Table sheet = formats::ReadXlsx(file.string());
  ASSERT_EQ(sheet.rows.size(), 2u);
  EXPECT_EQ(sheet.header[1], "承办单位");
  EXPECT_EQ(sheet.rows[0][1], "经济发展服务中心");
  EXPECT_EQ(sheet.rows[0][0], "1");
}

TEST_F(MonthlyReportsTest, UnitsBelowTheThresholdAreListedApartAndSettingsApply) {
  Book("2026-11-10", unit1_.id, Counters(2, 2, 2, 2, 2));
  Book("2026-11-10", unit2_.id, Counters(8, 4, 8, 4, 4));
  domain::RankingSettings settings;
  settings.weights = {1, 0, 0};
  settings.min_received = 3;
  settings.named = 1;
  reports().SetSettings(admin_, settings);
  reports().Generate(admin_, "2026-11");
  const std::string json = Figures("2026-11");
  EXPECT_NE(json.find("\"min_received\":3"), std::string::npos);
  // Unit 2 alone is ranked (response rate only: 50); unit 1 received 2 and is set aside.
  EXPECT_NE(json.find("\"unranked\":[{\"key\":" + std::to_string(unit1_.id)), std::string::npos)
      << json;
  EXPECT_NE(json.find("\"score\":50.0000,\"rank\":1"), std::string::npos) << json;
  EXPECT_NE(json.find("不参与排名"), std::string::npos);

  domain::RankingSettings bad;
  bad.weights = {0.5, 0.5, 0.5};
  try {
    reports().SetSettings(admin_, bad);
    FAIL() << "weights summing to 1.5 were accepted";
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "validation.failed");
    ASSERT_FALSE(e.problems().empty());
    EXPECT_EQ(e.problems()[0].code, "ranking.weights_not_1");
  }
  EXPECT_DOUBLE_EQ(reports().Settings(leader_).weights.response, 1.0);
}

TEST_F(MonthlyReportsTest, AnEmptyMonthGivesAReportSayingSo) {
  MonthlyReportOutcome outcome = reports().Generate(admin_, "2026-11");
  EXPECT_TRUE(outcome.generated);
  EXPECT_GT(outcome.pdf_bytes, 0u);
  const std::string json = Figures("2026-11");
  EXPECT_NE(json.find("全县未受理诉求，本月无排名"), std::string::npos) << json;
  EXPECT_NE(json.find("\"ranked\":[]"), std::string::npos);
  EXPECT_EQ(reports().File(leader_, "2026-11", MonthlyReportFile::kPdf).rfind("%PDF", 0), 0u);
}

TEST_F(MonthlyReportsTest, TheJobMakesLastMonthOnceWhenMissing) {
  Book("2026-11-10", unit2_.id, Counters(8, 4, 8, 4, 4));
  // A server started on the 3rd still makes November's report; later checks leave it alone.
  MonthlyReportOutcome first = reports().GenerateMissing(At("2026-12-03", 10));
  EXPECT_TRUE(first.generated);
  EXPECT_EQ(first.month, "2026-11");
  const domain::Epoch generated_at = reports().Read(leader_, "2026-11").generated_at;
  MonthlyReportOutcome again = reports().GenerateMissing(At("2026-12-03", 11));
  EXPECT_FALSE(again.generated);
  EXPECT_EQ(reports().Read(leader_, "2026-11").generated_at, generated_at);
  ASSERT_EQ(reports().List(leader_).size(), 1u);
  EXPECT_FALSE(reports().List(leader_)[0].generated_by.has_value());
  // On 1 January it is December's turn.
  EXPECT_EQ(reports().GenerateMissing(At("2027-01-01", 0, 5)).month, "2026-12");
  EXPECT_EQ(MonthlyReportService::PreviousMonth(At("2027-01-01", 0, 5)), "2026-12");
  EXPECT_EQ(reports().List(leader_)[0].month, "2026-12");
}

TEST_F(MonthlyReportsTest, OnlyExportHoldersReadAndOnlyAdministratorsGenerate) {
  reports().Generate(admin_, "2026-11");
  Actor resident =
      UserActor("resident", "resident", std::nullopt,
                services_->registry.GetHousehold(admin_, household_a_.id).members[0].id);
  resident.now = now_;
  Actor assistant = assistant_;
  assistant.now = now_;
  // Handlers, assistants and residents neither list, read nor download.
  for (const Actor* who : {&handler1_, &assistant, &resident}) {
    EXPECT_THROW(reports().List(*who), domain::Forbidden) << who->user.username;
    EXPECT_THROW(reports().Read(*who, "2026-11"), domain::Forbidden) << who->user.username;
    EXPECT_THROW(reports().File(*who, "2026-11", MonthlyReportFile::kPdf), domain::Forbidden);
    EXPECT_THROW(reports().File(*who, "2026-11", MonthlyReportFile::kXlsx), domain::Forbidden);
  }
  // Nobody but an administrator (or the job and the command, as the system) generates or
  // changes the weights: not a leader, not the window clerk, not a handler.
  for (const Actor* who : {&leader_, &clerk_, &handler1_, &resident}) {
    EXPECT_THROW(reports().Generate(*who, "2026-11"), domain::Forbidden) << who->user.username;
    EXPECT_THROW(reports().SetSettings(*who, {}), domain::Forbidden) << who->user.username;
  }
  EXPECT_THROW(reports().Settings(resident), domain::Forbidden);
  // A township-scoped clerk reads the county's report (a circulated county document).
  EXPECT_EQ(reports().Read(clerk_, "2026-11").month, "2026-11");
  EXPECT_EQ(reports().List(leader_).size(), 1u);
}

TEST_F(MonthlyReportsTest, MonthsMustBeWellFormedAndOver) {
  for (const char* month : {"2026-13", "202611", "2026-1", "nonsense", "2026-12", "2027-01"}) {
    try {
      reports().Generate(admin_, month);
      FAIL() << month << " was accepted";
    } catch (const domain::InvalidInput& e) {
      EXPECT_EQ(e.code(), "monthly_report.bad_month") << month;
    }
  }
  EXPECT_THROW(reports().Read(leader_, "2026-10"), domain::NotFound);
  EXPECT_THROW(reports().File(leader_, "2026-10", MonthlyReportFile::kPdf), domain::NotFound);
  EXPECT_TRUE(reports().List(leader_).empty());
}

}  // namespace
}  // namespace minqing::app
