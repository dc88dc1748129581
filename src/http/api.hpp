// The JSON API of docs/api.md: registers every /api/v1 route on a Router, authenticates requests
// (bearer token or the mq_session cookie plus X-CSRF-Token on writes), limits the rate of requests
// to routes that need no login per client address, calls one use case per request and maps
// exceptions to the one error shape. Handle() never throws, except app::WouldWaitForDatabase
// inside an app::NoDatabaseWait scope (app/database_wait.hpp), which is no answer.
// Thread-safety: after construction, Handle() may be called concurrently from any number of
// threads (the services are thread-safe and the router is read-only).
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

// Before the app headers, which use FieldProblem without including it.
#include "app/read_cache.hpp"
#include "app/services.hpp"
#include "domain/errors.hpp"
#include "http/json_mapping.hpp"
#include "http/message.hpp"
#include "http/rate_limiter.hpp"
#include "http/router.hpp"

namespace minqing::http {

inline constexpr std::string_view kSessionCookie = "mq_session";
// With a read replica: the primary's WAL position after the client's last write, which its next
// reads must include (app::ReadFence), for whichever server process answers them.
inline constexpr std::string_view kReadFenceCookie = "mq_read_after";

struct ApiOptions {
  bool secure_cookies = false;  // Adds "Secure" to the session cookie (HTTPS deployments).
  // Development only: GET /api/v1/dev/sms shows the SMS outbox (every code in clear) to
  // administrators, and GET /api/v1/health says so (the web UI then shows a banner).
  bool dev_sms = false;
  // Per client address, for every route that needs no login (429 "rate_limited"); off by
  // default (see ServerOptions).
  RateLimit public_rate{0, 0};
  // Per client address, for the public suggestion box (意见箱) on top of public_rate: a burst of
  // 5, then 2 a minute (429 "suggestion.rate_limited").
  RateLimit suggestion_rate{2, 5};
};

class Api {
 public:
  Api(app::Services& services, ApiOptions options);

  // Answers one request whose path starts with /api/ and whose route `match` the caller looked
  // up in router(). With a `responder`, a route may answer later instead (the result is then
  // DeferredResponse()); the deferred answer gets the same error mapping and headers.
  Response Handle(const Request& request, Router::Match match, Responder responder = {}) const;
  const Router& router() const { return router_; }
  // The rendered-page caches' hit and miss counters (GET /metrics).
  std::vector<app::CacheCount> CacheCounts() const {
    return {matter_pages_.Count(), household_pages_.Count(), open311_pages_.Count()};
  }

 private:
  void AddAuthRoutes();
  void AddRegistryRoutes();
  void AddPartyRoutes();
  void AddAdminRoutes();
  void AddMatterRoutes();         // matters_api.cpp
  void AddNetworkRoutes();        // network_api.cpp
  void AddRosterRoutes();         // roster_api.cpp
  void AddAccountRoutes();        // accounts_api.cpp
  void AddChainRoutes();          // chain_api.cpp
  void AddCodesRoutes();          // codes_api.cpp
  void AddSystemRoutes();         // system_api.cpp
  void AddPartyRosterRoutes();    // party_roster_api.cpp
  void AddRegionTreeRoutes();     // region_api.cpp
  void AddSelfServiceRoutes();    // self_service_api.cpp
  void AddMessageRoutes();        // messages_api.cpp
  void AddPostingRoutes();        // postings_api.cpp
  void AddVoteRoutes();           // votes_api.cpp
  void AddWindowRatingRoutes();   // window_ratings_api.cpp
  void AddProjectRoutes();        // projects_api.cpp
  void AddServiceInfoRoutes();    // service_info_api.cpp
  void AddBoardRoutes();          // board_api.cpp
  void AddSurveyRoutes();         // surveys_api.cpp
  void AddPairingRoutes();        // pairing_api.cpp
  void AddAwayRoutes();           // away_api.cpp
  void AddVolunteerRoutes();      // volunteers_api.cpp
  void AddProviderRoutes();       // providers_api.cpp
  void AddScorecardRoutes();      // scorecards_api.cpp
  void AddMeetingRoutes();        // meetings_api.cpp
  void AddMonthlyReportRoutes();  // monthly_reports_api.cpp
  void AddTagMapRoutes();         // tag_map_api.cpp
  void AddOpen311Routes();        // open311_api.cpp
  // Sets `account_id` as soon as the caller is authenticated.
  Response Dispatch(const Request& request, Router::Match match, Responder responder,
                    std::optional<domain::Id>& account_id) const;
  std::string SessionCookie(const std::string& token, std::int64_t max_age) const;
  // The answer to a successful sign-in (login or activation) at `now`: the token, CSRF token,
  // expiry and user, with the session cookie.
  Response SignedIn(const app::LoginResult& result, domain::Epoch now) const;
  // A request of `subject` (a client address, a key) against `rate`: this process's `bucket`
  // first, which refuses a flood without a write, then the same rate counted by every process
  // (app::SharedRequestLimits, as `purpose`). 0 when admitted, else the seconds to wait.
  std::int64_t AdmitShared(AddressRateLimiter& bucket, RateLimit rate, std::string_view purpose,
                           const std::string& subject, domain::Epoch now) const;
  // What a session's reads from a replica must include: its last write through this process or,
  // from the kReadFenceCookie, through any.
  app::ReadFence ReadFenceOf(const Request& request, const std::string& token,
                             domain::Epoch now) const;

  app::Services& services_;
  ApiOptions options_;
  Router router_;
  // Keyed by entity id and the reader's scope region: region labels depend on it.
  using PageCache = app::ReadCache<std::string, std::shared_ptr<const std::string>>;
  // The answer for a staff member's page of entity `id`: the JSON rendered by `render`, reused
  // from `cache` within the second it was made in while the store's write generation is still
  // `generation` (read before the page's data, so that a write in between leaves an entry no
  // later read will match). Staff with the same scope region see the same page (region labels
  // depend on the scope); residents' pages are never cached. The caller must have authorised the
  // request.
  Response StaffPage(PageCache& cache, domain::Id id, std::uint64_t generation,
                     const app::Actor& actor, const std::function<Json()>& render) const;

  // Rendered staff pages of matters (GET /api/v1/matters/{id}; the JSON depends on the time:
  // overdue, time left) and households (GET /api/v1/households/{id}).
  mutable PageCache matter_pages_{"matter_pages", 20000, 1};
  mutable PageCache household_pages_{"household_pages", 20000, 1};
  // Public Open311 request lists (GET /open311/v2/requests.{json,xml}), the same for every
  // reader: keyed on format and query, valid while the store's write generation is unchanged and
  // for at most 5 seconds.
  mutable PageCache open311_pages_{"open311_lists", 2000, 5};
  mutable AddressRateLimiter public_limiter_;
  // Per Open311 API key (its id), on filing: a burst of 30, then 60 a minute (AdmitShared).
  static constexpr RateLimit kOpen311KeyRate{60, 30};
  mutable AddressRateLimiter open311_key_limiter_{kOpen311KeyRate};
  mutable AddressRateLimiter suggestion_limiter_;
  // With a read replica: per session token, the fence after its last write through this process
  // (clients that send no cookie back still read their own writes here).
  mutable app::ReadCache<std::string, std::uint64_t> session_fences_{"session_fences", 100000,
                                                                     3600};
};

Response JsonResponse(int status, const Json& body);
// Maps an exception to the JSON error response: domain errors to their status and code, anything
// else to 500 "internal" (logged to stderr, details hidden from the client).
// app::WouldWaitForDatabase is no answer: it is rethrown (see app/database_wait.hpp).
Response ErrorResponse(std::exception_ptr error);

// Current time in seconds since the Unix epoch.
domain::Epoch NowEpoch();

}  // namespace minqing::http
