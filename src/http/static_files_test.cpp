#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http/test_server.hpp"

namespace minqing::http {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(root_ / "web" / "assets");
    std::ofstream(root_ / "web" / "index.html") << "index";
    std::ofstream(root_ / "web" / "assets" / "a.css") << "body{}";
    std::ofstream(root_ / "web" / "logo.svg") << "<svg/>";
    std::ofstream(root_ / "outside.txt") << "outside";
  }

  Response Get(const std::string& path) {
    Request request;
    request.method = "GET";
    request.path = path;
    return StaticFiles(root_ / "web").Serve(request);
  }

  testing::TempDir temp_{"minqing_static_test_"};
  const std::filesystem::path root_ = temp_.path();
};

TEST_F(StaticFilesTest, ServesFilesWithTypes) {
  EXPECT_EQ(Get("/").body, "index");
  EXPECT_EQ(Get("/").content_type, "text/html; charset=utf-8");
  Response css = Get("/assets/a.css");
  EXPECT_EQ(css.body, "body{}");
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(css.headers.at(0).second, "public, max-age=31536000, immutable");
  EXPECT_EQ(Get("/logo.svg").content_type, "image/svg+xml");
}

TEST_F(StaticFilesTest, FallsBackToIndexForClientRoutes) {
  Response route = Get("/households/12");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, "index");
  EXPECT_EQ(route.headers.at(0).second, "no-cache");
  EXPECT_EQ(Get("/assets/missing.js").status, 404);
}

TEST_F(StaticFilesTest, RefusesTraversal) {
  EXPECT_EQ(Get("/../outside.txt").status, 404);
  EXPECT_EQ(Get("/assets/../../outside.txt").status, 404);
  EXPECT_EQ(Get("/.hidden").status, 404);
}

TEST(ContentTypeTest, KnowsTheWebTypes) {
  EXPECT_EQ(ContentTypeFor("a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("a.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeFor("a.png"), "image/png");
  EXPECT_EQ(ContentTypeFor("favicon.ico"), "image/x-icon");
  EXPECT_EQ(ContentTypeFor("data.json"), "application/json; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("noext"), "application/octet-stream");
}

}  // namespace
}  // namespace minqing::http
