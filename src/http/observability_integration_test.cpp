// Observability end to end: the request id (X-Request-Id) in the response, the JSON request log
// and the audit entry; the cache and database series of GET /metrics moving with the requests
// that cause them.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>

#include "http/test_client.hpp"
#include "http/test_server.hpp"
#include "log/log.hpp"

namespace minqing::http {
namespace {

using testing::Call;
using testing::HttpResult;
using testing::MetricSamples;

class ObservabilityTest : public testing::ServerTest {
 protected:
  ObservabilityTest() : ServerTest("minqing-observability-") {}

  void SetUp() override {
    ServerTest::SetUp();
    village_ = AddVillage("东村").village;
    AddUser("admin1", "admin");
    StartServer();
    token_ = LoginAs("admin1");
  }

  void TearDown() override {
    log::SetFormat(log::Format::kText);
    ServerTest::TearDown();
  }

  HttpResult Send(const std::string& method, const std::string& target,
                  const std::string& body = "",
                  std::vector<std::pair<std::string, std::string>> headers = {}) {
    headers.emplace_back("Authorization", "Bearer " + token_);
    return Call(port_, method, target, body, headers);
  }

  std::string NewHouseholdBody() const {
    return nlohmann::json{{"region_id", village_.id},
                          {"address", "东村1号"},
                          {"members", {{{"name", "张三"}, {"sex", "male"}, {"relation", "户主"}}}}}
        .dump();
  }

  std::map<std::string, double> Metrics() {
    HttpResult page = Call(port_, "GET", "/metrics");
    EXPECT_EQ(page.status, 200) << page.body;
    return MetricSamples(page.body);
  }

  domain::Region village_;
  std::string token_;
};

// A sane id from the client is kept: in the response header, in the request's JSON log line
// (with the route pattern, status and the signed-in account) and in the audit entry the request
// made, which the audit API then finds by it.
TEST_F(ObservabilityTest, TheClientsRequestIdReachesTheResponseTheLogAndTheAudit) {
  log::SetFormat(log::Format::kJson);
  ::testing::internal::CaptureStderr();
  HttpResult created =
      Send("POST", "/api/v1/households", NewHouseholdBody(), {{"X-Request-Id", "trace-42.a_b"}});
  const std::string captured = ::testing::internal::GetCapturedStderr();
  log::SetFormat(log::Format::kText);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("x-request-id"), "trace-42.a_b");

  nlohmann::json line;
  std::istringstream lines(captured);
  for (std::string text; std::getline(lines, text);) {
    nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << "not JSON: " << text;
    if (parsed.value("msg", "") == "request") line = parsed;
  }
  ASSERT_TRUE(line.is_object()) << captured;
  EXPECT_EQ(line["request_id"], created.Header("x-request-id"));
  EXPECT_EQ(line["level"], "info");
  EXPECT_EQ(line["method"], "POST");
  EXPECT_EQ(line["route"], "/api/v1/households");
  EXPECT_EQ(line["status"], 201);
  EXPECT_TRUE(line["duration_ms"].is_number());
  EXPECT_EQ(line["remote"], "127.0.0.1");
  EXPECT_TRUE(line["account_id"].is_number_integer()) << line.dump();
  EXPECT_TRUE(line["time"].is_string());

  const std::string id = std::to_string(created.Json()["id"].get<domain::Id>());
  HttpResult audit = Send("GET", "/api/v1/audit?entity=household&entity_id=" + id);
  ASSERT_EQ(audit.status, 200) << audit.body;
  ASSERT_EQ(audit.Json()["items"].size(), 1U) << audit.body;
  EXPECT_EQ(audit.Json()["items"][0]["action"], "household.create");
  EXPECT_EQ(audit.Json()["items"][0]["request_id"], "trace-42.a_b");
  HttpResult by_request = Send("GET", "/api/v1/audit?request_id=trace-42.a_b");
  ASSERT_EQ(by_request.status, 200) << by_request.body;
  // The household and its first resident, both made by this request.
  EXPECT_GE(by_request.Json()["total"].get<int>(), 1) << by_request.body;
  for (const auto& item : by_request.Json()["items"]) {
    EXPECT_EQ(item["request_id"], "trace-42.a_b");
  }
  EXPECT_EQ(Send("GET", "/api/v1/audit?request_id=nobody").Json()["total"], 0);
}

// An id that is too long or has other characters is replaced by a fresh one; so is a missing id.
// Every answer has one, a refused request too.
TEST_F(ObservabilityTest, AnInsaneOrMissingRequestIdIsReplaced) {
  HttpResult spaced = Send("GET", "/api/v1/auth/me", "", {{"X-Request-Id", "a b"}});
  EXPECT_EQ(spaced.status, 200);
  EXPECT_TRUE(log::IsSaneRequestId(spaced.Header("x-request-id")));
  EXPECT_NE(spaced.Header("x-request-id"), "a b");
  HttpResult long_id = Send("GET", "/api/v1/auth/me", "", {{"X-Request-Id", std::string(65, 'x')}});
  EXPECT_EQ(long_id.Header("x-request-id").size(), 16U);
  HttpResult anonymous = Call(port_, "GET", "/api/v1/households");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.Header("x-request-id").size(), 16U);
  EXPECT_NE(anonymous.Header("x-request-id"), long_id.Header("x-request-id"));
  // The text log (the default) writes no line per request.
  ::testing::internal::CaptureStderr();
  Send("GET", "/api/v1/auth/me");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

// The second of two identical reads of a household page is a cache hit: of the household
// details (app, kept 5 s); the first was a miss. The rendered page (http) is looked up once per
// read as well, a hit only within the second it was made in, so only its total is certain.
TEST_F(ObservabilityTest, TheCacheSeriesCountHitsAndMisses) {
  HttpResult created = Send("POST", "/api/v1/households", NewHouseholdBody());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path =
      "/api/v1/households/" + std::to_string(created.Json()["id"].get<domain::Id>());
  const std::string hits = "minqing_cache_hits_total{cache=\"household_details\"}";
  const std::string misses = "minqing_cache_misses_total{cache=\"household_details\"}";
  const std::string page_hits = "minqing_cache_hits_total{cache=\"household_pages\"}";
  const std::string page_misses = "minqing_cache_misses_total{cache=\"household_pages\"}";
  const auto before = Metrics();
  ASSERT_EQ(Send("GET", path).status, 200);
  const auto once = Metrics();
  EXPECT_EQ(once.at(misses), before.at(misses) + 1);
  EXPECT_EQ(once.at(hits), before.at(hits));
  EXPECT_EQ(once.at(page_misses), before.at(page_misses) + 1);
  ASSERT_EQ(Send("GET", path).status, 200);
  const auto twice = Metrics();
  EXPECT_EQ(twice.at(hits), once.at(hits) + 1);
  EXPECT_EQ(twice.at(misses), once.at(misses));
  EXPECT_EQ(twice.at(page_hits) + twice.at(page_misses),
            once.at(page_hits) + once.at(page_misses) + 1);
  EXPECT_GT(twice.at("minqing_cache_hits_total{cache=\"sessions\"}"), 0);
  for (const char* cache : {"sessions", "household_details", "matter_details", "intake_households",
                            "work_calendar", "routing_rules", "matter_pages", "open311_lists"}) {
    EXPECT_EQ(twice.count("minqing_cache_hits_total{cache=\"" + std::string(cache) + "\"}"), 1U)
        << cache;
  }
}

// Statements are counted; a statement refused by a unique key counts as a constraint error.
TEST_F(ObservabilityTest, TheDatabaseSeriesCountStatementsAndErrorsByKind) {
  const auto before = Metrics();
  EXPECT_GT(before.at("minqing_db_statements_total"), 0);
  for (const char* kind : {"constraint", "serialization", "connection", "other"}) {
    EXPECT_EQ(before.count("minqing_db_errors_total{kind=\"" + std::string(kind) + "\"}"), 1U);
  }
  {
    auto tx = services_->store->Begin();
    EXPECT_THROW(tx->Registry().InsertRegion(village_), domain::Conflict);
  }
  ASSERT_EQ(Send("GET", "/api/v1/auth/me").status, 200);
  const auto after = Metrics();
  EXPECT_EQ(after.at("minqing_db_errors_total{kind=\"constraint\"}"),
            before.at("minqing_db_errors_total{kind=\"constraint\"}") + 1);
  EXPECT_EQ(after.at("minqing_db_errors_total{kind=\"other\"}"),
            before.at("minqing_db_errors_total{kind=\"other\"}"));
  EXPECT_GT(after.at("minqing_db_statements_total"), before.at("minqing_db_statements_total"));
  EXPECT_EQ(after.at("minqing_db_slow_statements_total"), 0);
}

// With the slow-statement threshold at 0 the statements a request runs are logged with its id
// and counted.
TEST_F(ObservabilityTest, SlowStatementsOfARequestCarryItsId) {
  log::SetFormat(log::Format::kJson);
  log::SetSlowStatementThreshold(std::chrono::microseconds(0));
  ::testing::internal::CaptureStderr();
  HttpResult list = Send("GET", "/api/v1/households", "", {{"X-Request-Id", "slow-1"}});
  const std::string captured = ::testing::internal::GetCapturedStderr();
  log::SetSlowStatementThreshold(std::nullopt);
  ASSERT_EQ(list.status, 200) << list.body;
  std::size_t slow_lines = 0;
  std::istringstream lines(captured);
  for (std::string text; std::getline(lines, text);) {
    nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << text;
    if (parsed.value("msg", "") != "慢语句 slow statement") continue;
    ++slow_lines;
    EXPECT_EQ(parsed["request_id"], "slow-1") << text;
    EXPECT_TRUE(parsed["sql"].is_string()) << text;
    EXPECT_TRUE(parsed["duration_ms"].is_number()) << text;
  }
  EXPECT_GT(slow_lines, 0U) << captured;
  EXPECT_GE(Metrics().at("minqing_db_slow_statements_total"), static_cast<double>(slow_lines));
}

}  // namespace
}  // namespace minqing::http
