#include "http/static_files.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

#include "http/router.hpp"

namespace minqing::http {
namespace {

struct TypeRow {
  std::string_view extension;
  std::string_view content_type;
};

constexpr std::array<TypeRow, 14> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
}};

Response NotFoundText() {
  Response response;
  response.status = 404;
  response.content_type = "text/plain; charset=utf-8";
  response.body = "404 Not Found";
  return response;
}

bool ReadFile(const std::filesystem::path& path, std::string& out) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = std::move(buffer).str();
  return true;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view file_name) {
  std::size_t dot = file_name.rfind('.');
  if (dot != std::string_view::npos) {
    std::string_view extension = file_name.substr(dot);
    for (const auto& row : kTypes) {
      if (row.extension == extension) return row.content_type;
    }
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

Response StaticFiles::Serve(const Request& request) const {
  if (root_.empty()) return NotFoundText();
  std::vector<std::string> segments = SplitPath(request.path);
  std::filesystem::path file = root_;
  for (const auto& segment : segments) {
    if (segment.front() == '.' || segment.find('\\') != std::string::npos) {
      return NotFoundText();
    }
    file /= segment;
  }
  Response response;
  bool is_index = segments.empty();
  if (is_index) file /= "index.html";
  if (!ReadFile(file, response.body)) {
    // Paths that name a file (with an extension) really are missing; others are SPA routes.
    if (!segments.empty() && segments.back().find('.') != std::string::npos) {
      return NotFoundText();
    }
    file = root_ / "index.html";
    if (!ReadFile(file, response.body)) return NotFoundText();
    is_index = true;
  }
  response.content_type = std::string(ContentTypeFor(file.filename().string()));
  bool hashed_asset = !segments.empty() && segments.front() == "assets" && !is_index;
  response.headers.emplace_back("Cache-Control",
                                hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
  return response;
}

}  // namespace minqing::http
