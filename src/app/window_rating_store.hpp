// The repository of window ratings (窗口即时评价) and the suggestion box (意见箱): window
// services with their rating tokens, ratings (written once, never changed: the schema refuses
// updates and deletes), the figures per clerk and per centre, and suggestions. Region paths
// filter by prefix (a reader's scope). Thread-safety: as the transaction it belongs to.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/model.hpp"

namespace minqing::app {

// One service a clerk gave at a window, and its rating once given.
struct WindowService {
  domain::Id id = 0;
  std::string token;        // Random; whoever holds it may rate the service once.
  std::string service_key;  // "matter:<id>" or "appointment:<id>": one row per service.
  std::string kind;         // domain::WindowServiceKindCode
  domain::Id clerk_id = 0;
  std::string clerk_name;  // Filled by queries.
  std::optional<domain::Id> unit_id;
  std::string unit_name;    // Filled by queries.
  std::string region_path;  // The centre's area (or the clerk's scope) for readers' scopes.
  std::optional<domain::Id> matter_id;
  std::string matter_number;  // Filled by queries.
  std::optional<domain::Id> appointment_id;
  domain::Epoch served_at = 0;
  // The rating, when given.
  std::optional<int> stars;
  std::string comment;
  std::string channel;  // "receipt" or "tablet"
  std::optional<domain::Epoch> rated_at;
};

struct WindowRating {
  domain::Id service_id = 0;
  int stars = 0;
  std::string comment;
  std::string channel;
  domain::Epoch rated_at = 0;
};

// Rated services whose rating falls in [from, to), under `region_path` (prefix; "" everything).
struct RatingFilter {
  std::string region_path;
  domain::Epoch from = 0;
  domain::Epoch to = 0;
  std::optional<domain::Id> clerk_id;
  std::optional<domain::Id> unit_id;
  bool low_only = false;  // 1–2 stars only.
};

// The figures of one clerk or one centre (unit_id empty: services with no centre).
struct RatingGroupRow {
  std::optional<domain::Id> id;
  std::string name;
  std::int64_t count = 0;
  std::int64_t stars_sum = 0;
  std::int64_t low_count = 0;
};

struct Suggestion {
  domain::Id id = 0;
  domain::Id unit_id = 0;
  std::string unit_name;  // Filled by queries.
  std::string region_path;
  std::string content;
  std::string contact;
  std::string status;  // "new", "read", "answered"
  std::string note;
  std::optional<domain::Id> handled_by;
  std::string handled_by_name;  // Filled by queries.
  std::optional<domain::Epoch> handled_at;
  domain::Epoch created_at = 0;
};

struct SuggestionFilter {
  std::string region_path;  // Prefix; "" everything.
  std::string status;       // "" any.
  std::optional<domain::Id> unit_id;
};

class WindowRatingRepository {
 public:
  virtual ~WindowRatingRepository() = default;

  // Throws Conflict when the service key or the token exists.
  virtual void InsertService(const WindowService& service) = 0;
  virtual std::optional<WindowService> FindServiceByToken(const std::string& token) = 0;
  virtual std::optional<WindowService> FindServiceByKey(const std::string& service_key) = 0;
  // The clerk's newest service served at or after `since`, rated or not.
  virtual std::optional<WindowService> LatestServiceOf(domain::Id clerk_id,
                                                       domain::Epoch since) = 0;
  // The newest matter the clerk accepted at a window (channel window) at or after `since`.
  virtual std::optional<domain::Id> LatestWindowMatterOf(domain::Id clerk_id,
                                                         domain::Epoch since) = 0;
  // The service centre a clerk belongs to: the centre (unit kind service_centre) the clerk is
  // staff of, else the first centre of `region_id` (the clerk's scope).
  // With the centre's region path.
  virtual std::optional<std::pair<domain::Unit, std::string>> CentreOfClerk(
      domain::Id clerk_id, std::optional<domain::Id> region_id) = 0;
  // Throws Conflict "rating.already_rated" when the service has a rating.
  virtual void InsertRating(const WindowRating& rating) = 0;
  // Rated services, newest rating first.
  virtual domain::Page<WindowService> ListRated(const RatingFilter& filter,
                                                const domain::PageRequest& page) = 0;
  // The figures per clerk and per centre of the ratings `filter` selects (clerk_id, unit_id
  // and low_only are ignored), largest count first.
  virtual std::vector<RatingGroupRow> FiguresByClerk(const RatingFilter& filter) = 0;
  virtual std::vector<RatingGroupRow> FiguresByUnit(const RatingFilter& filter) = 0;

  virtual void InsertSuggestion(const Suggestion& suggestion) = 0;
  virtual std::optional<Suggestion> FindSuggestion(domain::Id id) = 0;
  // Writes status, note, handled_by and handled_at.
  virtual void UpdateSuggestion(const Suggestion& suggestion) = 0;
  // Newest first.
  virtual domain::Page<Suggestion> ListSuggestions(const SuggestionFilter& filter,
                                                   const domain::PageRequest& page) = 0;
  // Every service centre (unit kind service_centre) with its region path, by region path and
  // name: the public suggestion box's choice.
  virtual std::vector<std::pair<domain::Unit, std::string>> ListCentres() = 0;
};

}  // namespace minqing::app
