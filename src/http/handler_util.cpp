#include "http/handler_util.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "domain/work_calendar.hpp"

namespace minqing::http {

std::optional<std::int64_t> ParseInt(std::string_view text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

[[noreturn]] void BadParam(const std::string& name) {
  throw domain::InvalidInput("request.bad_param", "参数格式错误",
                             {{name, "type.integer", "应为整数"}});
}

domain::Id PathId(const RouteCall& call, const std::string& name) {
  auto it = call.params.find(name);
  auto value = it == call.params.end() ? std::nullopt : ParseInt(it->second);
  if (!value || *value <= 0) BadParam(name);
  return *value;
}

std::optional<domain::Id> QueryId(const Request& request, const std::string& name) {
  auto text = request.Query(name);
  if (!text || text->empty()) return std::nullopt;
  auto value = ParseInt(*text);
  if (!value || *value <= 0) BadParam(name);
  return *value;
}

std::optional<bool> QueryBool(const Request& request, const std::string& name) {
  auto text = request.Query(name);
  if (!text || text->empty()) return std::nullopt;
  if (*text == "true" || *text == "1") return true;
  if (*text == "false" || *text == "0") return false;
  throw domain::InvalidInput("request.bad_param", "参数格式错误",
                             {{name, "type.boolean", "应为 true 或 false"}});
}

std::string QueryString(const Request& request, const std::string& name) {
  return request.Query(name).value_or("");
}

Paging ReadPaging(const Request& request) {
  Paging paging;
  if (auto text = request.Query("page"); text && !text->empty()) {
    auto value = ParseInt(*text);
    if (!value || *value < 1) BadParam("page");
    paging.page = *value;
  }
  if (auto text = request.Query("page_size"); text && !text->empty()) {
    auto value = ParseInt(*text);
    if (!value || *value < 1) BadParam("page_size");
    paging.page_size = std::min(*value, kMaxPageSize);
  }
  if (paging.page > (std::int64_t{1} << 40) / paging.page_size) BadParam("page");
  paging.request.offset = (paging.page - 1) * paging.page_size;
  paging.request.limit = paging.page_size;
  paging.request.sort = QueryString(request, "sort");
  return paging;
}

const app::Actor& ActorOf(const RouteCall& call) { return *call.actor; }

Json Body(const RouteCall& call) { return ParseJsonObject(call.request.body); }

std::string BodyString(const RouteCall& call, std::string_view name) {
  const Json body = Body(call);
  FieldReader fields(body);
  std::string value = fields.String(name);
  fields.Check();
  return value;
}

Response NoContent() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

ScopedTempFile::ScopedTempFile(std::string_view prefix, std::string_view extension) {
  std::random_device random;
  path_ = std::filesystem::temp_directory_path() /
          (std::string(prefix) + "-" + std::to_string(random()) + std::to_string(random()) +
           std::string(extension));
}

ScopedTempFile::~ScopedTempFile() {
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

std::string ExportFormat(const Request& request) {
  std::string format = QueryString(request, "format");
  if (format.empty()) return "xlsx";
  if (format != "xlsx" && format != "csv") {
    throw domain::InvalidInput("request.bad_param", "参数格式错误",
                               {{"format", "export.format", "导出格式只能是 xlsx 或 csv"}});
  }
  return format;
}

Response TableDownload(const formats::Table& table, const std::string& format,
                       const std::string& ascii_name, const std::string& name, domain::Epoch now) {
  const ScopedTempFile file("minqing-export", "." + format);
  formats::WriteTable(file.path().string(), table);
  std::ifstream in(file.path(), std::ios::binary);
  Response response;
  response.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw domain::StorageError("file.unreadable", "导出文件无法读取");
  response.content_type = format == "csv"
                              ? "text/csv; charset=utf-8"
                              : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  std::string day = domain::FormatDate(domain::ChinaDay(now));
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  std::string encoded;
  for (unsigned char c : name) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.';
    if (plain) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  const std::string suffix = "-" + day + "." + format;
  response.headers.emplace_back(
      "Content-Disposition",
      "attachment; filename=\"" + ascii_name + suffix + "\"; filename*=UTF-8''" + encoded + suffix);
  return response;
}

extern const std::vector<ParamDoc> kPagingParams = {
    {"page", "integer", "页码，从 1 开始", false},
    {"page_size", "integer", "每页条数，默认 20，最多 200", false},
    {"sort", "string", "排序字段，前缀 - 表示降序", false},
};

std::vector<ParamDoc> WithPaging(std::vector<ParamDoc> params) {
  params.insert(params.end(), kPagingParams.begin(), kPagingParams.end());
  return params;
}

}  // namespace minqing::http
