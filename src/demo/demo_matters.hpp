// A year of realistic matters (诉求) for the demo county: a category catalogue with routing rules
// to each township's three service centres, ~36,000 matters over the 365 days before `now` with
// a weekday and seasonal volume pattern, raised by households of every village in proportion to
// their members (with a factor per village), handled by every centre and a share by the county's
// bureaus, cooperative and volunteer team; plausible response/reply/sign-off delays and ratings,
// a few hundred open (mostly of the last days) of which a few per cent are overdue, their
// timelines, search index rows and the three-rate counters
// (aggregated in memory, one AddStats call), plus holiday time slots for a township centre.
// Written in one transaction through the repositories directly, for speed. Deterministic for a
// seed except for ids. Thread-safety: no shared state; run once on a fresh demo county.
#pragma once

#include <cstdint>

#include "app/services.hpp"

namespace minqing::demo {

struct DemoMattersSummary {
  std::int64_t categories = 0;
  std::int64_t routing_rules = 0;
  std::int64_t matters = 0;
  std::int64_t open_overdue = 0;
  std::int64_t events = 0;
};

DemoMattersSummary LoadDemoMatters(app::Services& services, std::uint64_t seed, domain::Epoch now);

}  // namespace minqing::demo
