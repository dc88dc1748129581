#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>

#include "http/metrics.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::Call;
using testing::HttpResult;
using testing::MetricSamples;

class MetricsTest : public testing::ServerTest {
 protected:
  MetricsTest() : ServerTest("minqing-metrics-") {}
};

TEST_F(MetricsTest, RequestsAreCountedByRoutePatternWithTheirLatencies) {
  StartServer();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Call(port_, "GET", "/api/v1/health").status, 200);
  EXPECT_EQ(Call(port_, "GET", "/api/v1/households/12345").status, 401);
  EXPECT_EQ(Call(port_, "GET", "/api/v1/no-such-thing").status, 404);

  HttpResult page = Call(port_, "GET", "/metrics");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.Header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  const auto samples = MetricSamples(page.body);
  const std::string health = "method=\"GET\",route=\"/api/v1/health\"";
  EXPECT_EQ(samples.at("minqing_http_requests_total{" + health + ",status=\"2xx\"}"), 3);
  EXPECT_EQ(samples.at("minqing_http_request_duration_seconds_count{" + health + "}"), 3);
  // Buckets are cumulative and end at the count.
  double previous = 0;
  for (double bound : kLatencyBuckets) {
    std::ostringstream le;
    le << bound;
    const double n = samples.at("minqing_http_request_duration_seconds_bucket{" + health +
                                ",le=\"" + le.str() + "\"}");
    EXPECT_GE(n, previous) << bound;
    previous = n;
  }
  EXPECT_EQ(samples.at("minqing_http_request_duration_seconds_bucket{" + health + ",le=\"+Inf\"}"),
            3);
  // The pattern labels the series, not the path asked for: no household id in any name.
  EXPECT_EQ(samples.at("minqing_http_requests_total{method=\"GET\",route=\"/api/v1/households/"
                       "{id}\",status=\"4xx\"}"),
            1);
  EXPECT_EQ(page.body.find("12345"), std::string::npos);
  EXPECT_EQ(samples.at("minqing_http_requests_total{method=\"*\",route=\"(none)\",status=\"4xx\"}"),
            1);
  EXPECT_EQ(samples.at("minqing_database_up"), 1);
  EXPECT_GT(samples.at("minqing_process_resident_memory_bytes"), 1 << 20);
  EXPECT_EQ(samples.count("minqing_sms_alert"), 1U);
}

TEST_F(MetricsTest, TheIntakeWritersQueueAndBatchesAreShown) {
  StartServer();
  for (int i = 0; i < 2; ++i) {
    services_->matters.batcher().Submit([](app::StoreTx&) { return std::shared_ptr<void>(); });
  }
  const auto samples = MetricSamples(Call(port_, "GET", "/metrics").body);
  EXPECT_EQ(samples.at("minqing_intake_jobs_total"), 2);
  EXPECT_EQ(samples.at("minqing_intake_batches_total"), 2);
  EXPECT_EQ(samples.at("minqing_intake_batch_size_bucket{le=\"1\"}"), 2);
  EXPECT_EQ(samples.at("minqing_intake_batch_size_count"), 2);
  EXPECT_EQ(samples.at("minqing_intake_queue_depth"), 0);
}

// Behind the proxy a client from elsewhere is known by its own address: it is refused unless it
// holds the token, and a wrong token is refused too.
TEST_F(MetricsTest, OnlyThisHostOrTheTokenHolderReadsTheMetrics) {
  ServerOptions options = testing::TestServerOptions();
  options.trust_forwarded_for = true;
  options.metrics_token = "scrape-secret-1";
  StartServer(options);
  const std::pair<std::string, std::string> outside = {"X-Forwarded-For", "203.0.113.7"};
  HttpResult refused = Call(port_, "GET", "/metrics", "", {outside});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.ErrorCode(), "metrics.forbidden");
  EXPECT_EQ(Call(port_, "GET", "/metrics", "", {outside, {"Authorization", "Bearer wrong-secret"}})
                .status,
            403);
  EXPECT_EQ(Call(port_, "GET", "/metrics", "", {outside, {"Authorization", "Bearer scrape-secret"}})
                .status,
            403);
  HttpResult allowed =
      Call(port_, "GET", "/metrics", "", {outside, {"Authorization", "Bearer scrape-secret-1"}});
  EXPECT_EQ(allowed.status, 200);
  EXPECT_NE(allowed.body.find("minqing_http_requests_total"), std::string::npos);
  EXPECT_EQ(Call(port_, "POST", "/metrics").status, 405);
}

// A proxy on this host that the server was not told to trust still forwards other people's
// requests: those are not this host's own.
TEST_F(MetricsTest, ARequestForwardedByAnUntrustedLocalProxyIsRefused) {
  StartServer();
  EXPECT_EQ(Call(port_, "GET", "/metrics", "", {{"X-Forwarded-For", "203.0.113.7"}}).status, 403);
  EXPECT_EQ(Call(port_, "GET", "/metrics", "", {{"X-Real-IP", "203.0.113.7"}}).status, 403);
  EXPECT_EQ(Call(port_, "GET", "/metrics").status, 200);
}

}  // namespace
}  // namespace minqing::http
