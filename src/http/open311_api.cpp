// Open311 GeoReport v2 at /open311/v2 (README "Open311 GeoReport v2", docs/api.md): discovery,
// services, service definitions, requests (read and file), tokens; each in JSON or XML (the path's
// extension), errors as the spec's list of {code, description} with its HTTP status. And the
// administrators' API keys at /api/v1/open311/keys. Each handler parses, calls one use case of
// app/open311/open311.hpp and serialises.
#include <charconv>
#include <string>
#include <utility>

#include "domain/open311.hpp"
#include "formats/xml_text.hpp"
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {
namespace {

constexpr std::string_view kXmlContentType = "text/xml; charset=utf-8";
constexpr std::string_view kSpecification = "http://wiki.open311.org/GeoReport_v2";
constexpr std::string_view kChangeset = "2026-12-04T00:00:00+08:00";

enum class Format { kJson, kXml };

// An error the spec's way: the HTTP status and one or more descriptions.
struct Open311Error {
  int status = 400;
  std::vector<std::string> descriptions;
};

// "requests.json" → {"requests", kJson}; an unknown extension is a 404.
std::pair<std::string, Format> SplitFormat(const std::string& file) {
  const auto dot = file.rfind('.');
  if (dot != std::string::npos) {
    const std::string ext = file.substr(dot + 1);
    if (ext == "json") return {file.substr(0, dot), Format::kJson};
    if (ext == "xml") return {file.substr(0, dot), Format::kXml};
  }
  throw Open311Error{404, {"format not supported: use .json or .xml"}};
}

// Writes nested elements; text is escaped.
class XmlWriter {
 public:
  XmlWriter() { out_ = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"; }
  XmlWriter& Open(std::string_view name) {
    out_ += '<';
    out_ += name;
    out_ += '>';
    return *this;
  }
  XmlWriter& Close(std::string_view name) {
    out_ += "</";
    out_ += name;
    out_ += '>';
    return *this;
  }
  XmlWriter& Element(std::string_view name, std::string_view text) {
    Open(name);
    formats::AppendXmlEscaped(out_, text);
    return Close(name);
  }
  std::string Finish() { return std::move(out_); }

 private:
  std::string out_;
};

std::string Number(double v) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return ec == std::errc() ? std::string(buffer, end) : "0";
}

Response Answer(Format format, int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.content_type = std::string(format == Format::kJson ? kJsonContentType : kXmlContentType);
  return response;
}

Response ErrorAnswer(Format format, const Open311Error& error) {
  if (format == Format::kJson) {
    Json list = Json::array();
    for (const auto& d : error.descriptions) {
      list.push_back({{"code", error.status}, {"description", d}});
    }
    return Answer(format, error.status, list.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  XmlWriter x;
  x.Open("errors");
  for (const auto& d : error.descriptions) {
    x.Open("error").Element("code", std::to_string(error.status)).Element("description", d);
    x.Close("error");
  }
  x.Close("errors");
  return Answer(format, error.status, x.Finish());
}

std::string Described(const domain::FieldProblem& p) {
  return p.field + ": " + p.message + " (" + p.code + ")";
}

// Runs `make` and answers the errors it throws the Open311 way, in `format` as `make` leaves it
// (make reads the format from the path first).
template <typename Make>
Response Open311Call(const Format& format, Make&& make) {
  try {
    return make();
  } catch (const Open311Error& e) {
    return ErrorAnswer(format, e);
  } catch (const domain::InvalidInput& e) {
    Open311Error error{400, {}};
    for (const auto& p : e.problems()) error.descriptions.push_back(Described(p));
    if (error.descriptions.empty()) error.descriptions.push_back(e.code() + ": " + e.what());
    return ErrorAnswer(format, error);
  } catch (const domain::NotFound& e) {
    return ErrorAnswer(format, {404, {e.code() + ": " + e.what()}});
  } catch (const domain::Forbidden& e) {
    return ErrorAnswer(format, {403, {e.code() + ": " + e.what()}});
  } catch (const domain::Conflict& e) {
    return ErrorAnswer(format, {409, {e.code() + ": " + e.what()}});
  } catch (const domain::RateLimited& e) {
    Response response = ErrorAnswer(format, {429, {e.code() + ": " + e.what()}});
    response.headers.emplace_back("Retry-After", std::to_string(e.retry_after_seconds()));
    return response;
  } catch (const domain::Unauthenticated& e) {
    return ErrorAnswer(format, {403, {e.code() + ": " + e.what()}});
  }
}

// Parameters from the query string, and for a POST also from its form body
// (application/x-www-form-urlencoded, as the spec sends them).
std::multimap<std::string, std::string> ParamsOf(const Request& request) {
  auto params = request.query;
  if (request.method == "POST" && !request.body.empty()) {
    std::string path;
    std::multimap<std::string, std::string> form;
    if (!ParseTarget("/?" + request.body, path, form)) {
      throw Open311Error{400, {"body: malformed form data"}};
    }
    params.merge(form);
  }
  return params;
}

std::string Param(const std::multimap<std::string, std::string>& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

// A jurisdiction_id other than the county's is the spec's 404.
void CheckJurisdiction(app::Open311Service& open311,
                       const std::multimap<std::string, std::string>& params, domain::Epoch now) {
  auto it = params.find("jurisdiction_id");
  if (it == params.end() || it->second.empty()) return;
  if (it->second != open311.JurisdictionId(now)) {
    throw Open311Error{404, {"jurisdiction_id not found: " + it->second}};
  }
}

std::optional<double> ParamDouble(const std::multimap<std::string, std::string>& params,
                                  const std::string& name) {
  std::string text = Param(params, name);
  if (text.empty()) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw Open311Error{400, {name + ": not a number"}};
  }
  return v;
}

Json RequestJson(const app::PublicRequest& r) {
  Json j = {{"service_request_id", r.service_request_id},
            {"status", r.status},
            {"status_notes", r.status_notes},
            {"service_name", r.service_name},
            {"service_code", r.service_code},
            {"description", r.description},
            {"agency_responsible", r.agency_responsible},
            {"service_notice", r.service_notice},
            {"requested_datetime", domain::Iso8601China(r.requested_at)},
            {"updated_datetime", domain::Iso8601China(r.updated_at)},
            {"expected_datetime",
             r.expected_at ? Json(domain::Iso8601China(*r.expected_at)) : Json(nullptr)},
            {"address", r.address},
            {"address_id", r.address_id},
            {"zipcode", nullptr},
            {"lat", r.lat ? Json(*r.lat) : Json(nullptr)},
            {"long", r.lng ? Json(*r.lng) : Json(nullptr)},
            {"media_url", r.media_url.empty() ? Json(nullptr) : Json(r.media_url)}};
  return j;
}

void RequestXml(XmlWriter& x, const app::PublicRequest& r) {
  x.Open("request")
      .Element("service_request_id", r.service_request_id)
      .Element("status", r.status)
      .Element("status_notes", r.status_notes)
      .Element("service_name", r.service_name)
      .Element("service_code", r.service_code)
      .Element("description", r.description)
      .Element("agency_responsible", r.agency_responsible)
      .Element("service_notice", r.service_notice)
      .Element("requested_datetime", domain::Iso8601China(r.requested_at))
      .Element("updated_datetime", domain::Iso8601China(r.updated_at))
      .Element("expected_datetime", r.expected_at ? domain::Iso8601China(*r.expected_at) : "")
      .Element("address", r.address)
      .Element("address_id", r.address_id)
      .Element("zipcode", "")
      .Element("lat", r.lat ? Number(*r.lat) : "")
      .Element("long", r.lng ? Number(*r.lng) : "")
      .Element("media_url", r.media_url)
      .Close("request");
}

Response RequestsAnswer(Format format, const std::vector<app::PublicRequest>& requests) {
  if (format == Format::kJson) {
    Json list = Json::array();
    for (const auto& r : requests) list.push_back(RequestJson(r));
    return Answer(format, 200, list.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  XmlWriter x;
  x.Open("service_requests");
  for (const auto& r : requests) RequestXml(x, r);
  x.Close("service_requests");
  return Answer(format, 200, x.Finish());
}

int ParamInt(const std::multimap<std::string, std::string>& params, const std::string& name,
             int fallback) {
  std::string text = Param(params, name);
  if (text.empty()) return fallback;
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 1) {
    throw Open311Error{400, {name + ": not a positive integer"}};
  }
  return v;
}

std::optional<domain::Epoch> ParamTime(const std::multimap<std::string, std::string>& params,
                                       const std::string& name) {
  std::string text = Param(params, name);
  if (text.empty()) return std::nullopt;
  auto at = domain::ParseIso8601(text);
  if (!at) throw Open311Error{400, {name + ": not an ISO 8601 date-time"}};
  return at;
}

Json KeyJson(const app::Open311Key& k) {
  return {{"id", std::to_string(k.id)},
          {"name", k.name},
          {"prefix", k.prefix},
          {"owner_id", k.owner_id},
          {"owner_name", k.owner_name},
          {"created_at", k.created_at},
          {"last_used_at", k.last_used_at ? Json(*k.last_used_at) : Json(nullptr)},
          {"request_count", k.request_count},
          {"revoked_at", k.revoked_at ? Json(*k.revoked_at) : Json(nullptr)}};
}

}  // namespace

void Api::AddOpen311Routes() {
  app::Open311Service& open311 = services_.open311;
  const std::vector<ParamDoc> common{{"jurisdiction_id", "string", "县的区划代码（可不填）"}};

  router_.Add("GET", "/open311/v2/{document}",
              {"Open311 GeoReport v2：discovery / services / requests（.json 或 .xml）",
               "open311",
               {{"jurisdiction_id", "string", "县的区划代码（可不填）"},
                {"service_request_id", "string", "工单号，逗号分隔"},
                {"service_code", "string", "服务类别（逗号分隔）"},
                {"start_date", "string", "ISO 8601"},
                {"end_date", "string", "ISO 8601"},
                {"status", "string", "open / closed"},
                {"page", "integer", "第几页（从 1 起）"},
                {"page_size", "integer", "每页条数（默认 50，最多 200）"}},
               false},
              [this, &open311](const RouteCall& call) {
                Format format = Format::kJson;
                return Open311Call(format, [&] {
                  auto [document, fmt] = SplitFormat(call.params.at("document"));
                  format = fmt;
                  const domain::Epoch now = NowEpoch();
                  auto params = ParamsOf(call.request);
                  CheckJurisdiction(open311, params, now);
                  if (document == "discovery") {
                    const std::string url = services_.links.Base() + "/open311/v2/";
                    const std::string contact = "县综合服务中心";
                    const std::string key_service = "向系统管理员申请（系统设置 → 接口密钥）";
                    if (format == Format::kJson) {
                      Json endpoint = {{"specification", kSpecification},
                                       {"url", url},
                                       {"changeset", kChangeset},
                                       {"type", "production"},
                                       {"formats", {"application/json", "text/xml"}}};
                      return Answer(format, 200,
                                    Json({{"changeset", kChangeset},
                                          {"contact", contact},
                                          {"key_service", key_service},
                                          {"endpoints", Json::array({endpoint})}})
                                        .dump());
                    }
                    XmlWriter x;
                    x.Open("discovery")
                        .Element("changeset", kChangeset)
                        .Element("contact", contact)
                        .Element("key_service", key_service)
                        .Open("endpoints")
                        .Open("endpoint")
                        .Element("specification", kSpecification)
                        .Element("url", url)
                        .Element("changeset", kChangeset)
                        .Element("type", "production")
                        .Open("formats")
                        .Element("format", "application/json")
                        .Element("format", "text/xml")
                        .Close("formats")
                        .Close("endpoint")
                        .Close("endpoints")
                        .Close("discovery");
                    return Answer(format, 200, x.Finish());
                  }
                  if (document == "services") {
                    auto services = open311.Services(now);
                    if (format == Format::kJson) {
                      Json list = Json::array();
                      for (const auto& s : services) {
                        list.push_back({{"service_code", s.code},
                                        {"service_name", s.name},
                                        {"description", s.description},
                                        {"metadata", true},
                                        {"type", "realtime"},
                                        {"keywords", s.keywords},
                                        {"group", s.group}});
                      }
                      return Answer(format, 200, list.dump());
                    }
                    XmlWriter x;
                    x.Open("services");
                    for (const auto& s : services) {
                      x.Open("service")
                          .Element("service_code", s.code)
                          .Element("service_name", s.name)
                          .Element("description", s.description)
                          .Element("metadata", "true")
                          .Element("type", "realtime")
                          .Element("keywords", s.keywords)
                          .Element("group", s.group)
                          .Close("service");
                    }
                    x.Close("services");
                    return Answer(format, 200, x.Finish());
                  }
                  if (document == "requests") {
                    app::Open311Query query;
                    const std::string ids = Param(params, "service_request_id");
                    std::size_t start = 0;
                    while (!ids.empty() && start <= ids.size()) {
                      std::size_t end = ids.find(',', start);
                      if (end == std::string::npos) end = ids.size();
                      if (end > start) query.ids.push_back(ids.substr(start, end - start));
                      start = end + 1;
                    }
                    if (query.ids.size() > 200) {
                      throw Open311Error{400, {"service_request_id: at most 200 ids"}};
                    }
                    query.service_code = Param(params, "service_code");
                    query.start = ParamTime(params, "start_date");
                    query.end = ParamTime(params, "end_date");
                    query.status = Param(params, "status");
                    query.page = ParamInt(params, "page", 1);
                    query.page_size = ParamInt(params, "page_size", 50);
                    // The public answer is the same for everyone: kept while nothing is written.
                    const std::uint64_t generation = services_.store->WriteGeneration();
                    std::string key = (format == Format::kJson ? "j?" : "x?");
                    for (const auto& [name, value] : call.request.query) {
                      key.append(name).append("=").append(value).append("&");
                    }
                    // Without both dates the window moves with the clock.
                    if (!query.start || !query.end)
                      key.append("hour=").append(std::to_string(now / 3600));
                    if (auto body = open311_pages_.Get(key, generation, now)) {
                      return Answer(format, 200, **body);
                    }
                    Response response = RequestsAnswer(format, open311.Requests(query, now));
                    open311_pages_.Put(key, generation, now,
                                       std::make_shared<const std::string>(response.body));
                    return response;
                  }
                  throw Open311Error{404, {"not found: " + document}};
                });
              });

  router_.Add(
      "POST", "/open311/v2/{document}",
      {"Open311：提交诉求（requests.json / requests.xml，表单参数，须 api_key）", "open311", common,
       false, true},
      [this, &open311](const RouteCall& call) {
        Format format = Format::kJson;
        return Open311Call(format, [&] {
          auto [document, fmt] = SplitFormat(call.params.at("document"));
          format = fmt;
          if (document != "requests") throw Open311Error{404, {"not found: " + document}};
          const domain::Epoch now = NowEpoch();
          auto params = ParamsOf(call.request);
          CheckJurisdiction(open311, params, now);
          const std::string api_key = Param(params, "api_key");
          if (api_key.empty()) throw Open311Error{403, {"api_key: required"}};
          auto used = open311.UseKey(api_key, now);
          if (!used) throw Open311Error{403, {"api_key: invalid or revoked"}};
          if (std::int64_t wait = AdmitShared(open311_key_limiter_, kOpen311KeyRate, "open311-key",
                                              std::to_string(used->first.id), now);
              wait > 0) {
            throw domain::RateLimited("open311.rate_limited", "该密钥请求过于频繁，请稍后再试",
                                      wait);
          }
          app::Open311Submission s;
          s.service_code = Param(params, "service_code");
          if (s.service_code.empty()) throw Open311Error{400, {"service_code: required"}};
          s.lat = ParamDouble(params, "lat");
          s.lng = ParamDouble(params, "long");
          s.address_string = Param(params, "address_string");
          s.address_id = Param(params, "address_id");
          s.description = Param(params, "description");
          s.media_url = Param(params, "media_url");
          for (const auto& [name, value] : params) {
            if (name.rfind("attribute[", 0) == 0 && name.size() > 11 && name.back() == ']') {
              s.attributes.emplace_back(name.substr(10, name.size() - 11), value);
            }
          }
          auto done = open311.Submit(used->second, s);
          if (format == Format::kJson) {
            Json one = {{"service_request_id", done.service_request_id},
                        {"token", done.token},
                        {"service_notice", done.service_notice},
                        {"account_id", nullptr}};
            return Answer(format, 200, Json::array({one}).dump());
          }
          XmlWriter x;
          x.Open("service_requests")
              .Open("request")
              .Element("service_request_id", done.service_request_id)
              .Element("token", done.token)
              .Element("service_notice", done.service_notice)
              .Element("account_id", "")
              .Close("request")
              .Close("service_requests");
          return Answer(format, 200, x.Finish());
        });
      });

  router_.Add(
      "GET", "/open311/v2/services/{file}",
      {"Open311：服务类别的属性定义（{service_code}.json / .xml）", "open311", common, false},
      [&open311](const RouteCall& call) {
        Format format = Format::kJson;
        return Open311Call(format, [&] {
          auto [code, fmt] = SplitFormat(call.params.at("file"));
          format = fmt;
          const domain::Epoch now = NowEpoch();
          CheckJurisdiction(open311, call.request.query, now);
          auto d = open311.Definition(code, now);
          if (format == Format::kJson) {
            Json attributes = Json::array();
            for (const auto& a : d.attributes) {
              Json values = Json::array();
              for (const auto& v : a.values) {
                values.push_back({{"key", v.key}, {"name", v.name}});
              }
              attributes.push_back({{"variable", true},
                                    {"code", a.code},
                                    {"datatype", a.datatype},
                                    {"required", a.required},
                                    {"datatype_description", a.datatype_description},
                                    {"order", a.order},
                                    {"description", a.description},
                                    {"values", values}});
            }
            return Answer(format, 200,
                          Json({{"service_code", d.code}, {"attributes", attributes}}).dump());
          }
          XmlWriter x;
          x.Open("service_definition").Element("service_code", d.code).Open("attributes");
          for (const auto& a : d.attributes) {
            x.Open("attribute")
                .Element("variable", "true")
                .Element("code", a.code)
                .Element("datatype", a.datatype)
                .Element("required", a.required ? "true" : "false")
                .Element("datatype_description", a.datatype_description)
                .Element("order", std::to_string(a.order))
                .Element("description", a.description);
            x.Open("values");
            for (const auto& v : a.values) {
              x.Open("value").Element("key", v.key).Element("name", v.name).Close("value");
            }
            x.Close("values").Close("attribute");
          }
          x.Close("attributes").Close("service_definition");
          return Answer(format, 200, x.Finish());
        });
      });

  router_.Add("GET", "/open311/v2/requests/{file}",
              {"Open311：一条诉求（{service_request_id}.json / .xml）", "open311", common, false},
              [&open311](const RouteCall& call) {
                Format format = Format::kJson;
                return Open311Call(format, [&] {
                  auto [id, fmt] = SplitFormat(call.params.at("file"));
                  format = fmt;
                  const domain::Epoch now = NowEpoch();
                  CheckJurisdiction(open311, call.request.query, now);
                  auto r = open311.Request(id, now);
                  if (!r) throw Open311Error{404, {"service_request_id not found: " + id}};
                  return RequestsAnswer(format, {*r});
                });
              });

  router_.Add("GET", "/open311/v2/tokens/{file}",
              {"Open311：由 token 查工单号（{token}.json / .xml；受理为同步，token 即工单号）",
               "open311", common, false},
              [&open311](const RouteCall& call) {
                Format format = Format::kJson;
                return Open311Call(format, [&] {
                  auto [token, fmt] = SplitFormat(call.params.at("file"));
                  format = fmt;
                  const domain::Epoch now = NowEpoch();
                  CheckJurisdiction(open311, call.request.query, now);
                  auto r = open311.Request(token, now);
                  if (!r) throw Open311Error{404, {"token not found: " + token}};
                  if (format == Format::kJson) {
                    Json one = {{"service_request_id", r->service_request_id}, {"token", token}};
                    return Answer(format, 200, Json::array({one}).dump());
                  }
                  XmlWriter x;
                  x.Open("service_requests")
                      .Open("request")
                      .Element("service_request_id", r->service_request_id)
                      .Element("token", token)
                      .Close("request")
                      .Close("service_requests");
                  return Answer(format, 200, x.Finish());
                });
              });

  router_.Add("GET", "/api/v1/open311/keys", {"Open311 接口密钥列表（管理员）", "open311"},
              [&open311](const RouteCall& call) {
                Json items = Json::array();
                for (const auto& k : open311.ListKeys(ActorOf(call))) items.push_back(KeyJson(k));
                return JsonResponse(200, {{"items", items}});
              });
  router_.Add("POST", "/api/v1/open311/keys",
              {"创建 Open311 接口密钥（只显示一次）", "open311", {}, true, true, 201},
              [&open311](const RouteCall& call) {
                auto created = open311.CreateKey(ActorOf(call), BodyString(call, "name"));
                Json out = KeyJson(created.key);
                out["secret"] = created.secret;
                return JsonResponse(201, out);
              });
  router_.Add("POST", "/api/v1/open311/keys/{id}/revoke", {"吊销 Open311 接口密钥", "open311"},
              [&open311](const RouteCall& call) {
                open311.RevokeKey(ActorOf(call), PathId(call));
                return JsonResponse(200, {{"ok", true}});
              });
}

}  // namespace minqing::http
