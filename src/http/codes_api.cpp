// GET /api/v1/codes (docs/api.md, "Code tables"): every code table the API speaks with its
// Chinese and English labels, from the domain's tables (domain/code_tables.hpp). No login: the
// public pages label codes too. The body never changes while the server runs, so it is made once
// and sent with an ETag; a request whose If-None-Match names it is answered 304 with no body.
#include <cstdint>
#include <cstdio>
#include <string>

#include "domain/code_tables.hpp"
#include "http/api.hpp"

namespace minqing::http {
namespace {

struct CodesBody {
  std::string json;
  std::string etag;
};

const CodesBody& Body() {
  static const CodesBody body = [] {
    Json kinds = Json::object();
    for (const auto& kind : domain::CodeTables()) {
      Json rows = Json::array();
      for (const auto& row : kind.rows) {
        rows.push_back({{"code", row.code}, {"label", row.label_zh}, {"label_en", row.label_en}});
      }
      kinds[std::string(kind.kind)] = std::move(rows);
    }
    CodesBody out{JsonResponse(200, {{"kinds", kinds}}).body, {}};
    std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a, 64 bits.
    for (unsigned char c : out.json) hash = (hash ^ c) * 1099511628211ULL;
    char etag[24];
    std::snprintf(etag, sizeof etag, "\"%016llx\"", static_cast<unsigned long long>(hash));
    out.etag = etag;
    return out;
  }();
  return body;
}

}  // namespace

void Api::AddCodesRoutes() {
  router_.Add("GET", "/api/v1/codes", {"代码表（中英文标签）", "system", {}, false},
              [](const RouteCall& call) {
                const CodesBody& body = Body();
                Response response;
                if (call.request.Header("if-none-match") == body.etag) {
                  response.status = 304;
                } else {
                  response.body = body.json;
                }
                response.headers.emplace_back("ETag", body.etag);
                response.headers.emplace_back("Cache-Control", "no-cache");
                return response;
              });
}

}  // namespace minqing::http
