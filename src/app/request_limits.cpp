#include "app/request_limits.hpp"

#include <algorithm>
#include <string>

#include "app/auth_service.hpp"

namespace minqing::app {

namespace {

// Windows are pruned a day after they started: longer than any window a limit uses.
constexpr domain::Epoch kKeepWindowsSeconds = 24 * 3600;

}  // namespace

SharedLimit SharedLimitOf(int per_minute, int burst) {
  if (per_minute <= 0 || burst <= 0) return {};
  return {burst, std::max(1, burst * 60 / per_minute)};
}

std::int64_t SharedRequestLimits::Admit(std::string_view purpose, std::string_view subject,
                                        SharedLimit limit, domain::Epoch now) {
  if (limit.limit <= 0 || limit.window_seconds <= 0) return 0;
  const domain::Epoch window_start = now - now % limit.window_seconds;
  std::string key(purpose);
  key += '\n';
  key += subject;
  auto tx = store_.Begin();
  const int hits = tx->Settings().CountRequest(Sha256Hex(key), window_start);
  tx->Commit();
  if (hits <= limit.limit) return 0;
  return std::max<std::int64_t>(1, window_start + limit.window_seconds - now);
}

std::int64_t SharedRequestLimits::Prune(domain::Epoch now) {
  auto tx = store_.Begin();
  const std::int64_t deleted = tx->Settings().PruneRequestWindows(now - kKeepWindowsSeconds);
  tx->Commit();
  return deleted;
}

}  // namespace minqing::app
