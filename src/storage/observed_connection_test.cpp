#include "storage/observed_connection.hpp"

#include <gtest/gtest.h>

#include <string>

#include "domain/errors.hpp"
#include "log/log.hpp"
#include "storage/sql_files.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using testing::AddRegion;

class ObservedConnectionTest : public testing::BackendTest {};

// The failed insert is counted as a constraint violation, on both engines, and nothing else is.
TEST_P(ObservedConnectionTest, AConstraintViolationIsCountedByItsKind) {
  const app::DatabaseStats before = store_->Statistics();
  auto tx = store_->Begin();
  AddRegion(*tx, 1, std::nullopt, domain::RegionLevel::kCounty, "饶阳县", "/1/");
  EXPECT_THROW(AddRegion(*tx, 1, std::nullopt, domain::RegionLevel::kCounty, "又一个", "/1/"),
               domain::Conflict);
  tx->Commit();
  const app::DatabaseStats after = store_->Statistics();
  EXPECT_EQ(after.constraint_errors, before.constraint_errors + 1);
  EXPECT_EQ(after.serialization_errors, before.serialization_errors);
  EXPECT_EQ(after.connection_errors, before.connection_errors);
  EXPECT_EQ(after.other_errors, before.other_errors);
  // BEGIN, two inserts, COMMIT at least.
  EXPECT_GE(after.statements, before.statements + 4);
  EXPECT_EQ(after.slow_statements, before.slow_statements);
}

// With the threshold at 0 every statement is slow: each is logged (JSON) with its query's name,
// its rows and the request id of the thread, and counted.
TEST_P(ObservedConnectionTest, WithAZeroThresholdEveryStatementIsLoggedWithTheRequestId) {
  {
    auto tx = store_->Begin();
    AddRegion(*tx, 1, std::nullopt, domain::RegionLevel::kCounty, "饶阳县", "/1/");
    tx->Commit();
  }
  const app::DatabaseStats before = store_->Statistics();
  log::SetFormat(log::Format::kJson);
  log::SetSlowStatementThreshold(std::chrono::microseconds(0));
  ::testing::internal::CaptureStderr();
  {
    const log::RequestScope scope("req-slow-1");
    auto tx = store_->BeginRead();
    EXPECT_TRUE(tx->Registry().FindRegion(1).has_value());
  }
  const std::string captured = ::testing::internal::GetCapturedStderr();
  log::SetSlowStatementThreshold(std::nullopt);
  log::SetFormat(log::Format::kText);

  const std::size_t at = captured.find("\"sql\":\"region_select\"");
  ASSERT_NE(at, std::string::npos) << captured;
  const std::size_t begin =
      captured.rfind('\n', at) == std::string::npos ? 0 : captured.rfind('\n', at) + 1;
  const std::string line = captured.substr(begin, captured.find('\n', at) - begin);
  EXPECT_NE(line.find("\"level\":\"warn\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"msg\":\"慢语句 slow statement\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"rows\":1"), std::string::npos) << line;
  EXPECT_NE(line.find("\"duration_ms\":"), std::string::npos) << line;
  EXPECT_NE(line.find("\"request_id\":\"req-slow-1\""), std::string::npos) << line;
  EXPECT_GE(store_->Statistics().slow_statements, before.slow_statements + 2);  // + BEGIN, ...
}

TEST_P(ObservedConnectionTest, NoThresholdLogsNothing) {
  log::SetFormat(log::Format::kJson);
  ::testing::internal::CaptureStderr();
  { store_->BeginRead()->Registry().FindRegion(1); }
  const std::string captured = ::testing::internal::GetCapturedStderr();
  log::SetFormat(log::Format::kText);
  EXPECT_EQ(captured, "");
  EXPECT_EQ(store_->Statistics().slow_statements, 0U);
}

MINQING_INSTANTIATE_BACKENDS(ObservedConnectionTest);

TEST(StatementNameTest, AQueryFileIsNamedAndOtherTextIsCut) {
  const std::string region =
      std::string(QuerySql(sql::region_select, Dialect::kSqlite)) + " WHERE r.id = $1";
  EXPECT_EQ(StatementName(region), "region_select");
  EXPECT_EQ(StatementName("  SELECT\n   1\t+ 1 "), "SELECT 1 + 1");
  // 199 ASCII bytes, then a three-byte character that would cross the 200th byte: left out.
  const std::string long_text = std::string(199, 'x') + "县县";
  EXPECT_EQ(StatementName(long_text), std::string(199, 'x'));
  EXPECT_EQ(StatementName(std::string(300, 'y')), std::string(200, 'y'));
}

}  // namespace
}  // namespace minqing::storage
