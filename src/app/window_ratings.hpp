// Window ratings (窗口即时评价) and the suggestion box (意见箱).
//
// A window service is one service a clerk gave at a window: a matter accepted there (intake), a
// consultation answered on the spot, an appointment served. Each has a random token; whoever
// holds it (the resident with the receipt's page, the window's tablet) may rate the service once,
// 1–5 stars and an optional comment, recorded against the clerk and the centre (unit). The right
// to rate comes from the token alone: a request that carries the serving clerk's own session is
// refused (rating.own_service), a second rating is refused (rating.already_rated), and nobody,
// an administrator included, can change or delete a rating (there is no such call, and the
// schema refuses UPDATE and DELETE on window_ratings).
//
// Matter services are made when first asked for (the receipt's public page, the tablet), from the
// matter: accepted at a window (channel window) by a staff account. Appointment services are
// recorded when a booking is marked done (RecordAppointmentServed, from AppointmentService).
//
// Readers (ratings.read) see the ratings and figures of services whose centre (or clerk's scope)
// lies in their region scope. Suggestions are left by anyone (no login; the HTTP layer limits the
// rate per address) for one service centre; they reach its leaders as a notification
// ("suggestion_received"); suggestions.read lists them in scope, suggestions.handle marks them.
//
// Caches: none. Thread-safety: every method may be called concurrently from any thread.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/actor.hpp"
#include "app/notifications.hpp"
#include "app/store.hpp"
#include "domain/window_rating.hpp"

namespace minqing::app {

// How long after a service the window's tablet still offers it (2 hours).
inline constexpr domain::Epoch kTabletWindowSeconds = 2 * 3600;

struct RatingInput {
  std::int64_t stars = 0;
  std::string comment;
  std::string channel = "receipt";  // "receipt" or "tablet"
};

// The figures of one clerk or one centre over a period.
struct RatingFigureRow {
  std::optional<domain::Id> id;  // The clerk's user id or the centre's unit id (none: no centre).
  std::string name;
  domain::RatingFigures figures;
};

struct RatingStats {
  std::string region_path;
  domain::Epoch from = 0;
  domain::Epoch to = 0;
  domain::RatingFigures total;
  std::vector<RatingFigureRow> clerks;
  std::vector<RatingFigureRow> units;
};

// The window ratings of the services under `region_path` (a prefix; "" the whole county) whose
// rating was given in [from, to): per clerk (user id) and per centre (unit id), with the totals.
// This is what a scorecard counts for a clerk (find the row whose id is the clerk's user id) or a
// centre (the unit id): count, stars_sum (average = stars_sum / count) and low_count (1–2 stars).
// The records counted are GET /api/v1/window-ratings?from&to&clerk_id|unit_id. Reads only; the
// caller authorises and owns the transaction.
RatingStats AggregateWindowRatings(StoreTx& tx, const std::string& region_path, domain::Epoch from,
                                   domain::Epoch to);

struct SuggestionInput {
  domain::Id unit_id = 0;
  std::string content;
  std::string contact;
};

class WindowRatingService {
 public:
  WindowRatingService(Store& store, Notifier* notifier) : store_(store), notifier_(notifier) {}

  // Public (the receipt's page): the window service of the matter `number` whose public token
  // is `matter_token`, made with its rating token the first time. NotFound "rating.not_found"
  // when the number and token do not match or the matter was not accepted at a window.
  WindowService ForReceipt(const std::string& number, const std::string& matter_token,
                           domain::Epoch now);
  // Public: the service a rating token names (NotFound "rating.not_found" otherwise).
  WindowService ForToken(const std::string& token);
  // Public: rates the service `token` names. `caller` is the account of a session the request
  // carried, if any: the clerk who served is refused (Forbidden "rating.own_service"). Throws
  // InvalidInput (stars, comment), Conflict "rating.already_rated", Conflict "rating.expired"
  // (more than 30 days after the service). Audited as the public actor.
  WindowService Rate(const std::string& token, const RatingInput& input,
                     const std::optional<domain::User>& caller, domain::Epoch now);

  // The window's tablet (ratings.tablet): the caller's newest service of the last two hours,
  // rated or not (the tablet shows "rated" then), or nullopt.
  std::optional<WindowService> LatestForTablet(const Actor& actor);

  // Records that `actor` served `appointment` (marked done) at the slot's unit, in the caller's
  // transaction; nothing when it is recorded already.
  static void RecordAppointmentServed(StoreTx& tx, const Actor& actor,
                                      const domain::Appointment& appointment,
                                      const domain::TimeSlot& slot);

  // ratings.read: the figures in the caller's scope (or `region_id` inside it) over [from, to).
  RatingStats Stats(const Actor& actor, domain::Epoch from, domain::Epoch to,
                    std::optional<domain::Id> region_id);
  // ratings.read: the ratings counted, newest first (filter.region_path is set from the scope).
  domain::Page<WindowService> List(const Actor& actor, RatingFilter filter,
                                   std::optional<domain::Id> region_id,
                                   const domain::PageRequest& page);

  // Public: the service centres a suggestion may be left for, with their region path.
  std::vector<std::pair<domain::Unit, std::string>> Centres();
  // Public: leaves a suggestion (InvalidInput on bad content, NotFound "suggestion.no_centre").
  // Tells the centre's leaders.
  Suggestion Suggest(const SuggestionInput& input, domain::Epoch now);
  // suggestions.read, in scope; status "" any.
  domain::Page<Suggestion> ListSuggestions(const Actor& actor, const std::string& status,
                                           const domain::PageRequest& page);
  // suggestions.handle, in scope: status "read" or "answered", with a note (required to answer).
  Suggestion HandleSuggestion(const Actor& actor, domain::Id id, const std::string& status,
                              const std::string& note);

 private:
  // The window service of matter `m`, made when missing; nullopt when it was not accepted at a
  // window by a staff account.
  std::optional<WindowService> EnsureMatterService(StoreTx& tx, const domain::Matter& m);
  std::string ScopeOf(StoreTx& tx, const Actor& actor, std::optional<domain::Id> region_id);

  Store& store_;
  Notifier* notifier_;
};

}  // namespace minqing::app
