#include "http/static_files.hpp"

#include <algorithm>
#include <array>
#include <cctype>
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

// Client routes that belong to another entry page than index.html: the public pages residents
// open from a QR code are their own small app (web/public.html).
struct EntryRow {
  std::string_view first_segment;
  std::string_view page;
};

constexpr std::array<EntryRow, 11> kEntries{{
    {"p", "public.html"},  // A matter's receipt and sign-off page, /p/<number>?t=<token>.
    {"h", "public.html"},  // A household's contact-card page, /h/<card code>.
    {"v", "public.html"},  // A year-end vote's ballot page, /v/<session>?c=<code>.
    // Rating a window service, /r/<rating token>.
    {"r", "public.html"},
    // The suggestion box, /suggest/all or /suggest/<centre id>.
    {"suggest", "public.html"},
    // A survey's answer page of one household, /s/<survey>?t=<household token>.
    {"s", "public.html"},
    // The public progress of livelihood projects (民生项目), /progress/all.
    {"progress", "public.html"},
    // The coming reception days (接待日), /reception/all.
    {"reception", "public.html"},
    // A village's pairing needs list (结对需求), /needs/<village id>.
    {"needs", "public.html"},
    // A volunteer service certificate's verification (志愿服务证明), /vc/<code>.
    {"vc", "public.html"},
    // The service providers (服务商) with their residents' rating, /service-providers/all.
    {"service-providers", "public.html"},
}};

// Precompressed siblings written at build time (web/scripts/compress.mjs), best first.
struct EncodingRow {
  std::string_view coding;
  std::string_view suffix;
};

constexpr std::array<EncodingRow, 2> kEncodings{{{"br", ".br"}, {"gzip", ".gz"}}};

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Whether a "q=..." weight is zero ("q=0", "q=0.0", "q=0.000").
bool ZeroWeight(std::string_view parameters) {
  std::size_t q = parameters.find("q=");
  if (q == std::string_view::npos) return false;
  std::string_view value = TrimSpaces(parameters.substr(q + 2));
  if (value.empty() || value.front() != '0') return false;
  for (char c : value.substr(1)) {
    if (c != '.' && c != '0') return false;
  }
  return true;
}

// The file's entry page for a client route, or index.html.
std::string_view EntryPageFor(const std::vector<std::string>& segments) {
  if (segments.size() >= 2) {
    for (const auto& row : kEntries) {
      if (segments.front() == row.first_segment) return row.page;
    }
  }
  return "index.html";
}

}  // namespace

bool AcceptsEncoding(std::string_view accept_encoding, std::string_view coding) {
  bool star = false;
  while (!accept_encoding.empty()) {
    std::size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    std::size_t semicolon = item.find(';');
    std::string_view name = TrimSpaces(item.substr(0, semicolon));
    bool refused = semicolon != std::string_view::npos && ZeroWeight(item.substr(semicolon + 1));
    if (EqualsIgnoringCase(name, coding)) return !refused;
    if (name == "*") star = !refused;
  }
  return star;
}

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
  bool is_entry = segments.empty();
  if (is_entry) file /= "index.html";
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) {
    // Paths that name a file (with an extension) really are missing; others are SPA routes.
    if (!segments.empty() && segments.back().find('.') != std::string::npos) {
      return NotFoundText();
    }
    file = root_ / EntryPageFor(segments);
    if (!std::filesystem::is_regular_file(file, error)) file = root_ / "index.html";
    is_entry = true;
  }
  Response response;
  // The smallest variant the client takes: file.br, file.gz (written at build time), the file.
  const std::string accept_encoding = request.Header("accept-encoding");
  bool has_variant = false;
  std::string_view encoding;
  for (const auto& row : kEncodings) {
    std::filesystem::path variant = file;
    variant += row.suffix;
    if (!std::filesystem::is_regular_file(variant, error)) continue;
    has_variant = true;
    if (encoding.empty() && AcceptsEncoding(accept_encoding, row.coding) &&
        ReadFile(variant, response.body)) {
      encoding = row.coding;
    }
  }
  if (encoding.empty() && !ReadFile(file, response.body)) return NotFoundText();
  response.content_type = std::string(ContentTypeFor(file.filename().string()));
  bool hashed_asset = !segments.empty() && segments.front() == "assets" && !is_entry;
  response.headers.emplace_back("Cache-Control",
                                hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
  if (!encoding.empty()) response.headers.emplace_back("Content-Encoding", std::string(encoding));
  if (has_variant) response.headers.emplace_back("Vary", "Accept-Encoding");
  return response;
}

}  // namespace minqing::http
