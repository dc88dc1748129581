// Window ratings (窗口即时评价) and suggestions (意见箱): the pure rules. Which kind of window
// service a matter's intake was, what a rating and a suggestion may hold, and the figures a
// group of ratings adds up to (count, average, share of 1–2 star ratings). No I/O; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "domain/matter.hpp"

namespace minqing::domain {

// The kinds of window service a resident rates: a matter accepted at the window (受理), a
// consultation answered on the spot (当场答复), an appointment served (预约办结).
enum class WindowServiceKind { kIntake = 1, kOnTheSpot = 2, kAppointment = 3 };

std::string_view WindowServiceKindCode(WindowServiceKind kind);  // "intake", ...
std::optional<WindowServiceKind> ParseWindowServiceKind(std::string_view code);
std::string_view WindowServiceKindLabel(WindowServiceKind kind);  // 窗口受理, ...

// A consultation closed within this many seconds of its acceptance was answered on the spot.
inline constexpr Epoch kOnTheSpotSeconds = 3600;
// How long after the service a rating is still taken (30 days).
inline constexpr Epoch kRatingWindowSeconds = 30 * 24 * 3600;

// The kind of window service a matter accepted at a window was: a consultation answered and
// closed at once (answer_on_spot at intake, or closed on the spot within the hour) is
// kOnTheSpot; anything else kIntake.
WindowServiceKind MatterServiceKind(MatterType type, Epoch accepted_at,
                                    std::optional<Epoch> closed_at);

inline constexpr std::size_t kRatingCommentMaxChars = 300;
inline constexpr std::size_t kSuggestionMaxChars = 1000;
inline constexpr std::size_t kSuggestionContactMaxChars = 60;

// Problems with a rating (stars 1..5, comment at most 300 characters); empty when it is good.
std::vector<FieldProblem> CheckRating(std::int64_t stars, std::string_view comment);
// Problems with a suggestion (content 5..1000 characters, contact at most 60); empty when good.
std::vector<FieldProblem> CheckSuggestion(std::string_view content, std::string_view contact);

// The figures of a group of ratings (one clerk's, one centre's). A rating of 1 or 2 stars is
// "low" (不满意).
struct RatingFigures {
  std::int64_t count = 0;
  std::int64_t stars_sum = 0;
  std::int64_t low_count = 0;
  // Average stars, 0 when there are none.
  double Average() const;
  // Share of 1–2 star ratings in [0, 1], 0 when there are none.
  double LowShare() const;
  void Add(int stars);
};

inline bool IsLowRating(int stars) { return stars <= 2; }

}  // namespace minqing::domain
