#include "http/router.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace minqing::http {
namespace {

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::string ParamName(const std::string& segment) { return segment.substr(1, segment.size() - 2); }

std::string OperationId(const Route& route) {
  std::string id;
  for (char c : route.method) id.push_back(static_cast<char>(std::tolower(c)));
  for (const auto& segment : route.segments) {
    if (segment == "api" || segment == "v1") continue;
    std::string word = IsParam(segment) ? "by_" + ParamName(segment) : segment;
    id.push_back('_');
    for (char c : word) id.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  }
  return id;
}

nlohmann::json ErrorSchema() {
  nlohmann::json detail = {{"type", "object"},
                           {"properties",
                            {{"field", {{"type", "string"}}},
                             {"code", {{"type", "string"}}},
                             {"message", {{"type", "string"}}}}}};
  return {{"type", "object"},
          {"required", {"error"}},
          {"properties",
           {{"error",
             {{"type", "object"},
              {"required", {"code", "message"}},
              {"properties",
               {{"code", {{"type", "string"}, {"example", "household.not_found"}}},
                {"message", {{"type", "string"}, {"example", "户不存在"}}},
                {"details", {{"type", "array"}, {"items", detail}}}}}}}}}};
}

}  // namespace

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> segments;
  while (!path.empty()) {
    std::size_t slash = path.find('/');
    std::string_view segment = path.substr(0, slash);
    if (!segment.empty()) segments.emplace_back(segment);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

void Router::Add(std::string method, std::string pattern, RouteDoc doc, Handler handler) {
  std::vector<std::string> segments = SplitPath(pattern);
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments),
                          std::move(doc), std::move(handler)});
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  if (method == "HEAD") method = "GET";  // HEAD is GET without the body (the server drops it).
  std::vector<std::string> segments = SplitPath(path);
  Match result;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    bool matched = true;
    for (std::size_t i = 0; i < segments.size() && matched; ++i) {
      matched = IsParam(route.segments[i]) || route.segments[i] == segments[i];
    }
    if (!matched) continue;
    if (route.method != method) {
      if (result.route == nullptr) result.outcome = Outcome::kMethodNotAllowed;
      continue;
    }
    // A literal segment beats a parameter: "/residents/search" before "/residents/{id}".
    bool better =
        result.route == nullptr ||
        std::count_if(route.segments.begin(), route.segments.end(), IsParam) <
            std::count_if(result.route->segments.begin(), result.route->segments.end(), IsParam);
    if (better) {
      result.outcome = Outcome::kFound;
      result.route = &route;
    }
  }
  if (result.route != nullptr) {
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (IsParam(result.route->segments[i])) {
        result.params[ParamName(result.route->segments[i])] = segments[i];
      }
    }
  }
  return result;
}

bool Router::IsQuick(const Match& match, std::string_view method) {
  if (match.route == nullptr) return true;
  switch (match.route->doc.pace) {
    case Pace::kQuick:
      return true;
    case Pace::kSlow:
      return false;
    case Pace::kByMethod:
      break;
  }
  return method == "GET" || method == "HEAD";
}

nlohmann::json Router::OpenApi(std::string_view title, std::string_view version) const {
  nlohmann::json paths = nlohmann::json::object();
  std::vector<std::string> tags;
  for (const auto& route : routes_) {
    nlohmann::json parameters = nlohmann::json::array();
    for (const auto& segment : route.segments) {
      if (!IsParam(segment)) continue;
      parameters.push_back({{"name", ParamName(segment)},
                            {"in", "path"},
                            {"required", true},
                            {"schema", {{"type", "integer"}, {"format", "int64"}}}});
    }
    for (const auto& param : route.doc.query) {
      nlohmann::json schema = {{"type", param.type}};
      if (param.repeated) schema = {{"type", "array"}, {"items", schema}};
      nlohmann::json entry = {
          {"name", param.name}, {"in", "query"}, {"required", false}, {"schema", schema}};
      if (!param.description.empty()) entry["description"] = param.description;
      if (param.repeated) {
        entry["style"] = "form";
        entry["explode"] = true;
      }
      parameters.push_back(std::move(entry));
    }
    nlohmann::json responses = {{"default",
                                 {{"description", "错误"},
                                  {"content",
                                   {{std::string(kJsonContentType),
                                     {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}};
    if (route.doc.success_status == 204) {
      responses["204"] = {{"description", "成功，无内容"}};
    } else {
      responses[std::to_string(route.doc.success_status)] = {
          {"description", "成功"},
          {"content", {{std::string(kJsonContentType), {{"schema", {{"type", "object"}}}}}}}};
    }
    nlohmann::json operation = {{"summary", route.doc.summary},
                                {"operationId", OperationId(route)},
                                {"tags", {route.doc.tag}},
                                {"parameters", parameters},
                                {"responses", responses}};
    if (route.doc.has_body) {
      operation["requestBody"] = {
          {"required", true},
          {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    }
    operation["security"] = route.doc.requires_auth
                                ? nlohmann::json::array({{{"bearerAuth", nlohmann::json::array()}},
                                                         {{"cookieAuth", nlohmann::json::array()}}})
                                : nlohmann::json::array();
    std::string method;
    for (char c : route.method) method.push_back(static_cast<char>(std::tolower(c)));
    paths[route.pattern][method] = std::move(operation);
    if (std::find(tags.begin(), tags.end(), route.doc.tag) == tags.end()) {
      tags.push_back(route.doc.tag);
    }
  }
  nlohmann::json tag_list = nlohmann::json::array();
  for (const auto& tag : tags) tag_list.push_back({{"name", tag}});
  return {{"openapi", "3.0.3"},
          {"info", {{"title", title}, {"version", version}}},
          {"tags", tag_list},
          {"paths", paths},
          {"components",
           {{"securitySchemes",
             {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}},
              {"cookieAuth",
               {{"type", "apiKey"},
                {"in", "cookie"},
                {"name", "mq_session"},
                {"description", "写操作还需 X-CSRF-Token 请求头"}}}}},
            {"schemas", {{"Error", ErrorSchema()}}}}}};
}

}  // namespace minqing::http
