// Routes of the 1+10 network and diary area: see docs/api.md.
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {

void Api::AddNetworkRoutes() {}

}  // namespace minqing::http
