#include "http/router.hpp"

#include <gtest/gtest.h>

namespace minqing::http {
namespace {

Handler Answer(int status) {
  return [status](const RouteCall&) {
    Response response;
    response.status = status;
    return response;
  };
}

TEST(RouterTest, MatchesMethodAndPathWithParameters) {
  Router router;
  router.Add("GET", "/api/v1/households", {"list", "households"}, Answer(1));
  router.Add("GET", "/api/v1/households/{id}", {"get", "households"}, Answer(2));
  router.Add("PATCH", "/api/v1/households/{id}", {"patch", "households"}, Answer(4));
  router.Add("POST", "/api/v1/households/{id}/residents", {"add", "residents"}, Answer(3));

  auto list = router.Find("GET", "/api/v1/households");
  ASSERT_EQ(list.outcome, Router::Outcome::kFound);
  EXPECT_EQ(list.route->pattern, "/api/v1/households");

  auto one = router.Find("GET", "/api/v1/households/42/");
  ASSERT_EQ(one.outcome, Router::Outcome::kFound);
  EXPECT_EQ(one.params.at("id"), "42");
  EXPECT_EQ(one.route->doc.summary, "get");

  auto nested = router.Find("POST", "/api/v1/households/7/residents");
  ASSERT_EQ(nested.outcome, Router::Outcome::kFound);
  EXPECT_EQ(nested.params.at("id"), "7");
}

TEST(RouterTest, PaceSaysWhichHandlersMayRunOnTheIoThread) {
  Router router;
  router.Add("GET", "/api/v1/households/{id}", {"get", "households"}, Answer(1));
  router.Add("POST", "/api/v1/households/{id}", {"edit", "households"}, Answer(2));
  router.Add("GET", "/api/v1/households/{id}/card.pdf", WithPace({"card", "network"}, Pace::kSlow),
             Answer(3));
  router.Add("POST", "/api/v1/matters", WithPace({"intake", "matters"}, Pace::kQuick), Answer(4));
  EXPECT_TRUE(router.IsQuick("GET", "/api/v1/households/7"));
  EXPECT_TRUE(router.IsQuick("HEAD", "/api/v1/households/7"));
  EXPECT_FALSE(router.IsQuick("POST", "/api/v1/households/7"));
  EXPECT_FALSE(router.IsQuick("GET", "/api/v1/households/7/card.pdf"));
  EXPECT_TRUE(router.IsQuick("POST", "/api/v1/matters"));
  // No route: the error answer is made at once.
  EXPECT_TRUE(router.IsQuick("DELETE", "/api/v1/nothing"));
}

TEST(RouterTest, ReportsMissingRoutesAndWrongMethods) {
  Router router;
  router.Add("GET", "/api/v1/households/{id}", {"get", "households"}, Answer(2));
  EXPECT_EQ(router.Find("GET", "/api/v1/nothing").outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(router.Find("GET", "/api/v1/households/1/x").outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(router.Find("DELETE", "/api/v1/households/1").outcome,
            Router::Outcome::kMethodNotAllowed);
}

TEST(RouterTest, HeadFindsTheGetRouteOnly) {
  Router router;
  router.Add("GET", "/api/v1/households/{id}", {"get", "households"}, Answer(2));
  router.Add("POST", "/api/v1/matters", {"accept", "matters"}, Answer(3));
  auto head = router.Find("HEAD", "/api/v1/households/5");
  ASSERT_EQ(head.outcome, Router::Outcome::kFound);
  EXPECT_EQ(head.route->doc.summary, "get");
  EXPECT_EQ(router.Find("HEAD", "/api/v1/matters").outcome, Router::Outcome::kMethodNotAllowed);
}

TEST(RouterTest, LiteralSegmentBeatsParameter) {
  Router router;
  router.Add("GET", "/api/v1/party/{id}", {"param", "party"}, Answer(1));
  router.Add("GET", "/api/v1/party/orgs", {"literal", "party"}, Answer(2));
  auto match = router.Find("GET", "/api/v1/party/orgs");
  ASSERT_EQ(match.outcome, Router::Outcome::kFound);
  EXPECT_EQ(match.route->doc.summary, "literal");
}

TEST(RouterTest, OpenApiDescribesEveryRoute) {
  Router router;
  router.Add("GET", "/api/v1/health", {"health", "system", {}, false}, Answer(200));
  router.Add("GET", "/api/v1/households/{id}", {"get", "households"}, Answer(200));
  router.Add("GET", "/api/v1/households",
             {"list", "households", {{"tag", "string", "tags", true}, {"page", "integer"}}},
             Answer(200));
  router.Add("POST", "/api/v1/households", {"create", "households", {}, true, true, 201},
             Answer(201));
  nlohmann::json doc = router.OpenApi("t", "1");
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_TRUE(doc["paths"]["/api/v1/health"]["get"]["security"].empty());
  EXPECT_EQ(doc["paths"]["/api/v1/households/{id}"]["get"]["parameters"][0]["in"], "path");
  EXPECT_EQ(doc["paths"]["/api/v1/households"]["get"]["parameters"][0]["schema"]["type"], "array");
  const auto& create = doc["paths"]["/api/v1/households"]["post"];
  EXPECT_TRUE(create.contains("requestBody"));
  EXPECT_TRUE(create["responses"].contains("201"));
  EXPECT_EQ(create["security"].size(), 2u);
  EXPECT_EQ(create["responses"]["default"]["content"]["application/json; charset=utf-8"]["schema"]
                  ["$ref"],
            "#/components/schemas/Error");
  EXPECT_EQ(doc["components"]["securitySchemes"]["cookieAuth"]["name"], "mq_session");
}

}  // namespace
}  // namespace minqing::http
