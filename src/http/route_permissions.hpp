// The authorisation table of the JSON API: for every route (method + path pattern), the
// permissions of which the caller needs one (domain::Permissions() says which roles hold them)
// and how the object's scope is found. The server checks the role half for every authenticated
// route before its handler runs (403 auth.forbidden, before any body is parsed); the use cases
// check the object's scope. A route without an entry is refused to everyone (fail closed) and
// fails RoutePermissionsTest and the authorisation matrix test, which name it.
// Adding a route = one line in route_permissions.cpp.
// Thread-safety: constant tables built once; safe from any thread.
#pragma once

#include <string_view>
#include <vector>

#include "domain/authz.hpp"

namespace minqing::http {

// How the object a route acts on is scoped (checked by the use case).
enum class RouteScope {
  kPublic,     // No login: the route needs no permission (a token, code or public data).
  kSession,    // The signed-in user's own session or account.
  kList,       // No object: lists and counts filtered to the caller's scope.
  kCounty,     // County-wide settings or catalogue: no scope beyond the permission.
  kRegion,     // The object's region lies in the caller's region scope.
  kMatter,     // A matter: its region (staff), the caller's unit (handlers), own household
               // (residents).
  kUnit,       // The object belongs to the caller's unit, or its region lies in scope.
  kHousehold,  // The household's region (staff), a household the member is linked to
               // (party members), own household (residents).
};

std::string_view RouteScopeName(RouteScope scope);

struct RoutePermission {
  std::string_view method;
  std::string_view pattern;
  std::vector<domain::Permission> any_of;  // Empty only for kPublic.
  RouteScope scope;
};

const std::vector<RoutePermission>& RoutePermissions();

// The entry for a registered route, or nullptr when there is none.
const RoutePermission* FindRoutePermission(std::string_view method, std::string_view pattern);

// Whether `role` holds one of the entry's permissions.
bool RouteAllows(const RoutePermission& entry, domain::Role role);

}  // namespace minqing::http
