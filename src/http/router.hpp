// Method + path-pattern routing for the JSON API, and the OpenAPI 3.0 document generated from the
// registered routes. Patterns are literal segments and "{name}" parameters ("/api/v1/households/
// {id}"). Every route carries its documentation (summary, tag, query parameters, whether it needs
// authentication and takes a body), so the OpenAPI document stays complete as routes are added.
// Thread-safety: Add() is for set-up only; once set up, Find() and OpenApi() may be called from
// any number of threads.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/actor.hpp"
#include "http/message.hpp"

namespace minqing::http {

struct ParamDoc {
  // Implicit on purpose: route tables list parameters as {"name", "type", "description"}.
  ParamDoc(  // NOLINT(google-explicit-constructor)
      std::string name_, std::string type_ = "string", std::string description_ = "",
      bool repeated_ = false)
      : name(std::move(name_)),
        type(std::move(type_)),
        description(std::move(description_)),
        repeated(repeated_) {}

  std::string name;
  std::string type = "string";  // OpenAPI scalar type: "string", "integer", "boolean".
  std::string description;
  bool repeated = false;  // May appear more than once (?tag=a&tag=b).
};

// Where the server may run a route's handler. Quick handlers run on the connection's I/O thread
// (no hand-off between threads); handlers that may wait (a write waits for the database's write
// lock, a PDF takes long to draw) run on the worker pool so that they never hold up the other
// connections of their I/O thread. kByMethod: GET and HEAD are quick, every other method may wait.
enum class Pace { kByMethod, kQuick, kSlow };

struct RouteDoc {
  RouteDoc(std::string summary_, std::string tag_, std::vector<ParamDoc> query_ = {},
           bool requires_auth_ = true, bool has_body_ = false, int success_status_ = 200)
      : summary(std::move(summary_)),
        tag(std::move(tag_)),
        query(std::move(query_)),
        requires_auth(requires_auth_),
        has_body(has_body_),
        success_status(success_status_) {}

  std::string summary;
  std::string tag;
  std::vector<ParamDoc> query;
  bool requires_auth = true;
  bool has_body = false;
  int success_status = 200;
  Pace pace = Pace::kByMethod;
};

inline RouteDoc WithPace(RouteDoc doc, Pace pace) {
  doc.pace = pace;
  return doc;
}

// What a handler receives: the request, its path parameters and, on routes that require
// authentication, who is calling.
struct RouteCall {
  const Request& request;
  std::map<std::string, std::string> params;
  std::optional<app::Actor> actor;
  std::string token;  // The session token used, when authenticated.
  // Set when the server can take a later answer: a handler may then return DeferredResponse()
  // and answer through it (see message.hpp). Empty for callers that need the answer at once.
  Responder defer;
};

using Handler = std::function<Response(const RouteCall& call)>;

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;  // Split pattern; "{x}" marks a parameter.
  RouteDoc doc;
  Handler handler;
};

class Router {
 public:
  enum class Outcome { kFound, kNotFound, kMethodNotAllowed };
  struct Match {
    Outcome outcome = Outcome::kNotFound;
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
  };

  void Add(std::string method, std::string pattern, RouteDoc doc, Handler handler);
  // HEAD finds the GET route.
  Match Find(std::string_view method, std::string_view path) const;
  // Whether the handler that `match` (found for `method`) runs is quick (see Pace). A request that
  // matches no route is quick: its answer is an error made at once.
  static bool IsQuick(const Match& match, std::string_view method);
  bool IsQuick(std::string_view method, std::string_view path) const {
    return IsQuick(Find(method, path), method);
  }
  const std::vector<Route>& routes() const { return routes_; }

  // The OpenAPI 3.0 document describing every registered route, the bearer and cookie security
  // schemes and the shared error schema.
  nlohmann::json OpenApi(std::string_view title, std::string_view version) const;

 private:
  std::vector<Route> routes_;
};

// Splits "/a/b/" into {"a", "b"}; empty segments are dropped.
std::vector<std::string> SplitPath(std::string_view path);

}  // namespace minqing::http
