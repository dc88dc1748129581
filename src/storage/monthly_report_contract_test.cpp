// Monthly reports (月度通报) on every backend: a report is absent until put, replaced by the next
// put of the same month, its files come back byte for byte (binary, with NUL bytes), and the list
// is newest month first without figures or files.
#include <gtest/gtest.h>

#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

class MonthlyReportContractTest : public testing::BackendTest {};

app::StoredMonthlyReport Report(const std::string& month, domain::Epoch at) {
  app::StoredMonthlyReport r;
  r.month = month;
  r.generated_at = at;
  r.summary = "承办单位 2 个排名";
  r.figures_json = R"({"month":")" + month + R"(","units":[]})";
  r.pdf = std::string("%PDF-1.5\n\0\xff\xfe binary", 20);
  r.xlsx = std::string("PK\x03\x04\0\0 zip", 10);
  return r;
}

TEST_P(MonthlyReportContractTest, PutFindReplaceAndList) {
  {
    auto tx = store_->BeginRead();
    EXPECT_FALSE(tx->MonthlyReports().FindReport("2026-11"));
    EXPECT_FALSE(tx->MonthlyReports().HasReport("2026-11"));
    EXPECT_TRUE(tx->MonthlyReports().ListReports().empty());
  }
  {
    auto tx = store_->Begin();
    tx->MonthlyReports().PutReport(Report("2026-10", 1790000000));
    tx->MonthlyReports().PutReport(Report("2026-11", 1790000100));
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    app::StoredMonthlyReport again = Report("2026-11", 1790000200);
    again.generated_by = 42;
    again.pdf = std::string("%PDF-again\0", 11);
    tx->MonthlyReports().PutReport(again);
    tx->Commit();
  }
  {
    auto tx = store_->Begin();  // Rolled back: never committed.
    tx->MonthlyReports().PutReport(Report("2026-12", 1790000300));
  }
  auto tx = store_->BeginRead();
  auto found = tx->MonthlyReports().FindReport("2026-11");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->generated_at, 1790000200);
  EXPECT_EQ(found->generated_by, 42);
  EXPECT_EQ(found->pdf, std::string("%PDF-again\0", 11));
  EXPECT_EQ(found->xlsx, std::string("PK\x03\x04\0\0 zip", 10));
  EXPECT_EQ(found->figures_json, R"({"month":"2026-11","units":[]})");
  EXPECT_EQ(found->summary, "承办单位 2 个排名");
  EXPECT_EQ(tx->MonthlyReports().FindReport("2026-10")->pdf,
            std::string("%PDF-1.5\n\0\xff\xfe binary", 20));
  EXPECT_TRUE(tx->MonthlyReports().HasReport("2026-10"));
  EXPECT_FALSE(tx->MonthlyReports().HasReport("2026-12"));
  auto list = tx->MonthlyReports().ListReports();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].month, "2026-11");
  EXPECT_EQ(list[1].month, "2026-10");
  EXPECT_FALSE(list[1].generated_by);
  EXPECT_TRUE(list[0].pdf.empty());
  EXPECT_TRUE(list[0].figures_json.empty());
}

MINQING_INSTANTIATE_BACKENDS(MonthlyReportContractTest);

}  // namespace
}  // namespace minqing::storage
