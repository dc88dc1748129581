// Small helpers shared by the route handlers of every API area: reading path and query
// parameters (bad values throw InvalidInput "request.bad_param"), paging, the JSON body, the
// caller. Thread-safe: pure functions.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "domain/errors.hpp"
#include "formats/table.hpp"
#include "http/json_mapping.hpp"
#include "http/router.hpp"

namespace minqing::http {

inline constexpr std::int64_t kDefaultPageSize = 20;
inline constexpr std::int64_t kMaxPageSize = 200;

std::optional<std::int64_t> ParseInt(std::string_view text);
[[noreturn]] void BadParam(const std::string& name);

// A positive integer path parameter.
domain::Id PathId(const RouteCall& call, const std::string& name = "id");
std::optional<domain::Id> QueryId(const Request& request, const std::string& name);
std::optional<bool> QueryBool(const Request& request, const std::string& name);
std::string QueryString(const Request& request, const std::string& name);

struct Paging {
  std::int64_t page = 1;
  std::int64_t page_size = kDefaultPageSize;
  domain::PageRequest request;
};
// page (1-based), page_size (default 20, at most 200) and sort.
Paging ReadPaging(const Request& request);

const app::Actor& ActorOf(const RouteCall& call);
// The request body as a JSON object (400 request.bad_json otherwise).
Json Body(const RouteCall& call);
// The string field `name` of a body read for that field alone: "" when absent; a body that is not
// a JSON object, or a value that is not a string, throws InvalidInput as Body and
// FieldReader::Check do.
std::string BodyString(const RouteCall& call, std::string_view name);
Response NoContent();

// A fresh name in the temporary folder ("<prefix>-<random><extension>"); the file, if one was
// made, is removed when this goes out of scope.
class ScopedTempFile {
 public:
  ScopedTempFile(std::string_view prefix, std::string_view extension);
  ~ScopedTempFile();
  ScopedTempFile(const ScopedTempFile&) = delete;
  ScopedTempFile& operator=(const ScopedTempFile&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The `format` query parameter of a spreadsheet download: "xlsx" (the default) or "csv"; anything
// else throws InvalidInput with detail "export.format".
std::string ExportFormat(const Request& request);
// `table` as a file download in `format` (see ExportFormat), named "<name>-YYYYMMDD.<format>":
// `ascii_name` for old clients, `name` (UTF-8, e.g. 诉求清单) through RFC 6266's filename*.
Response TableDownload(const formats::Table& table, const std::string& format,
                       const std::string& ascii_name, const std::string& name, domain::Epoch now);
// The documented page/page_size/sort parameters.
extern const std::vector<ParamDoc> kPagingParams;
// Appends the page/page_size/sort parameters to a route's documented query parameters.
std::vector<ParamDoc> WithPaging(std::vector<ParamDoc> params);

}  // namespace minqing::http
