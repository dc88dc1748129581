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

  Response Get(const std::string& path, const std::string& accept_encoding = "") {
    Request request;
    request.method = "GET";
    request.path = path;
    if (!accept_encoding.empty()) request.headers["accept-encoding"] = accept_encoding;
    return StaticFiles(root_ / "web").Serve(request);
  }

  // The build's precompressed siblings of a file (their bytes only name the variant).
  void Precompress(const std::filesystem::path& file) {
    std::ofstream(root_ / "web" / (file.string() + ".br")) << "br:" << file.string();
    std::ofstream(root_ / "web" / (file.string() + ".gz")) << "gz:" << file.string();
  }

  static std::string HeaderOf(const Response& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
      if (key == name) return value;
    }
    return "";
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

TEST_F(StaticFilesTest, SendsTheBestPrecompressedVariantTheClientTakes) {
  Precompress("assets/a.css");
  Response br = Get("/assets/a.css", "gzip, deflate, br, zstd");
  EXPECT_EQ(br.body, "br:assets/a.css");
  EXPECT_EQ(HeaderOf(br, "Content-Encoding"), "br");
  EXPECT_EQ(HeaderOf(br, "Vary"), "Accept-Encoding");
  EXPECT_EQ(br.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(HeaderOf(br, "Cache-Control"), "public, max-age=31536000, immutable");

  Response gz = Get("/assets/a.css", "gzip, deflate");
  EXPECT_EQ(gz.body, "gz:assets/a.css");
  EXPECT_EQ(HeaderOf(gz, "Content-Encoding"), "gzip");
  EXPECT_EQ(HeaderOf(gz, "Vary"), "Accept-Encoding");
  EXPECT_EQ(gz.content_type, "text/css; charset=utf-8");

  // No Accept-Encoding, or br and gzip refused: the file itself, still marked as varying.
  for (const char* header : {"", "identity", "br;q=0, gzip;q=0", "*;q=0"}) {
    Response plain = Get("/assets/a.css", header);
    EXPECT_EQ(plain.body, "body{}") << header;
    EXPECT_EQ(HeaderOf(plain, "Content-Encoding"), "") << header;
    EXPECT_EQ(HeaderOf(plain, "Vary"), "Accept-Encoding") << header;
  }
  EXPECT_EQ(Get("/assets/a.css", "br;q=0, gzip;q=0.5").body, "gz:assets/a.css");
  EXPECT_EQ(Get("/assets/a.css", "*").body, "br:assets/a.css");
}

TEST_F(StaticFilesTest, CompressesEntryPagesWithoutLongCaching) {
  Precompress("index.html");
  Response index = Get("/", "gzip");
  EXPECT_EQ(index.body, "gz:index.html");
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(HeaderOf(index, "Content-Encoding"), "gzip");
  EXPECT_EQ(HeaderOf(index, "Cache-Control"), "no-cache");
  Response route = Get("/matters/12", "br");
  EXPECT_EQ(route.body, "br:index.html");
  EXPECT_EQ(HeaderOf(route, "Cache-Control"), "no-cache");
  // A file without siblings is sent as it is and does not vary.
  Response svg = Get("/logo.svg", "br, gzip");
  EXPECT_EQ(svg.body, "<svg/>");
  EXPECT_EQ(HeaderOf(svg, "Content-Encoding"), "");
  EXPECT_EQ(HeaderOf(svg, "Vary"), "");
}

TEST_F(StaticFilesTest, ServesThePublicEntryForResidentsPages) {
  // Without public.html in the build, /p/ and /h/ stay client routes of index.html.
  EXPECT_EQ(Get("/p/20261202-00001").body, "index");
  std::ofstream(root_ / "web" / "public.html") << "public";
  Precompress("public.html");
  Response receipt = Get("/p/20261202-00001", "gzip, deflate, br");
  EXPECT_EQ(receipt.body, "br:public.html");
  EXPECT_EQ(receipt.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(HeaderOf(receipt, "Cache-Control"), "no-cache");
  EXPECT_EQ(Get("/h/AB12CD34").body, "public");
  EXPECT_EQ(Get("/h/AB12CD34", "gzip").body, "gz:public.html");
  // Only the pages under /p/ and /h/: "/p" itself and other routes keep the main app.
  EXPECT_EQ(Get("/p").body, "index");
  EXPECT_EQ(Get("/households/12").body, "index");
  EXPECT_EQ(Get("/ph/1").body, "index");
}

TEST(AcceptsEncodingTest, ReadsCodingsAndWeights) {
  EXPECT_TRUE(AcceptsEncoding("gzip, deflate, br", "br"));
  EXPECT_TRUE(AcceptsEncoding("GZIP", "gzip"));
  EXPECT_TRUE(AcceptsEncoding(" br ; q=0.8 ,gzip", "br"));
  EXPECT_FALSE(AcceptsEncoding("gzip, deflate", "br"));
  EXPECT_FALSE(AcceptsEncoding("", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("br;q=0", "br"));
  EXPECT_FALSE(AcceptsEncoding("br;q=0.000", "br"));
  EXPECT_TRUE(AcceptsEncoding("br;q=0.01", "br"));
  EXPECT_FALSE(AcceptsEncoding("brotli", "br"));
  EXPECT_TRUE(AcceptsEncoding("*", "br"));
  EXPECT_FALSE(AcceptsEncoding("*, br;q=0", "br"));
  EXPECT_FALSE(AcceptsEncoding("*;q=0", "gzip"));
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
