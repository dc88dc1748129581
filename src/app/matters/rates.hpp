// The three rates (三率: 响应率、解决率、满意率) per unit, region, person and category, their
// spreadsheet export, and the leader's dashboard, all read from the stats counters that intake,
// handling, sign-off and escalation book (never from the matters themselves).
//
// Contract: every call checks Require(actor, matter.export) and the region asked for lies in the
// actor's scope. A period is YYYY-MM-DD dates in China time (default: the last 30 days);
// rates.bad_dimension and period.invalid are InvalidInput.
//
// Caches: none. Replica: every call reads through Store::BeginReplicaRead with the actor's fence.
//
// Thread-safety: every method may be called concurrently from any number of threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/actor.hpp"
#include "app/matters/context.hpp"
#include "domain/matter.hpp"
#include "domain/model.hpp"
#include "formats/table.hpp"

namespace minqing::app {

struct RatesRow {
  Id key = 0;
  std::string name;
  domain::RateCounters counters;
  domain::ThreeRates rates;
};

struct VolumeDay {
  std::string day;
  std::int64_t total = 0;
  struct ByCategory {
    Id category_id = 0;
    std::string name;
    std::int64_t count = 0;
  };
  std::vector<ByCategory> by_category;
};

struct TownshipCategories {
  Id region_id = 0;
  std::string name;
  std::vector<std::pair<std::string, std::int64_t>> categories;  // Name, count; top 5.
};

// The leader's dashboard of a scope. Its breakdown (`townships`, `top_categories_by_township`) is
// by township, or by county when the scope holds several counties (a province's or a city's):
// `breakdown_level` says which.
struct Dashboard {
  domain::RateCounters totals;
  domain::ThreeRates rates;
  std::vector<VolumeDay> volumes;
  std::vector<RatesRow> units;
  domain::RegionLevel breakdown_level = domain::RegionLevel::kTownship;
  std::vector<RatesRow> townships;
  std::vector<domain::Matter> overdue;
  std::vector<TownshipCategories> top_categories_by_township;
};

struct PeriodQuery {
  std::string from;  // YYYY-MM-DD; default: 30 days ago.
  std::string to;    // Default: today.
  std::optional<Id> region_id;
};

class RatesService {
 public:
  explicit RatesService(MattersContext& context) : context_(context) {}

  // `dimension`: unit, region, person, category.
  std::vector<RatesRow> Rates(const Actor& actor, const std::string& dimension,
                              const PeriodQuery& period);
  // The same rows as a spreadsheet table with Chinese headers (counters, rates as "87.5%") and a
  // last 合计 row (the sum of the rows, with its rates).
  formats::Table ExportRates(const Actor& actor, const std::string& dimension,
                             const PeriodQuery& period);
  Dashboard GetDashboard(const Actor& actor, const PeriodQuery& period);

 private:
  MattersContext& context_;
};

}  // namespace minqing::app
