// Routes of the matters area (诉求): see docs/api.md.
#include "http/api.hpp"
#include "http/handler_util.hpp"

namespace minqing::http {

void Api::AddMatterRoutes() {}

}  // namespace minqing::http
