// The catalogue matters are routed by: categories (with their time limits), routing rules
// (category × region → unit), the units a matter can go to, and the official holiday table the
// working-day deadlines count on.
//
// Contract: reads need catalogue.read (the unit list units.read); writes need catalogue.manage,
// are validated (InvalidInput listing every problem), run in one transaction and are audited.
//
// Caches: after a write commits, the routing-rule or calendar snapshot of MattersContext is
// invalidated, so this process sees its change at once (other processes within 30 s).
//
// Thread-safety: every method may be called concurrently from any number of threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/matters/context.hpp"
#include "domain/matter.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {

struct CategoryInput {
  std::optional<Id> parent_id;
  std::string name;
  std::string keywords;
  std::optional<Id> default_unit_id;
  std::optional<int> response_hours;
  std::optional<int> completion_days;
  std::optional<bool> active;
};

struct CalendarView {
  std::vector<domain::CalendarDay> items;
  std::vector<int> covered_years;
};

class CatalogueService {
 public:
  explicit CatalogueService(MattersContext& context) : context_(context) {}

  std::vector<domain::MatterCategory> ListCategories(const Actor& actor);
  // Every unit a matter can be dispatched or transferred to, for staff (a unit handler's unit
  // list shows only its own unit, but it transfers to others). Residents: domain::Forbidden.
  std::vector<domain::Unit> ListHandlingUnits(const Actor& actor);
  domain::MatterCategory CreateCategory(const Actor& actor, const CategoryInput& input);
  domain::MatterCategory UpdateCategory(const Actor& actor, Id id, const CategoryInput& input);
  std::vector<domain::RoutingRule> ListRoutingRules(const Actor& actor);
  domain::RoutingRule CreateRoutingRule(const Actor& actor, Id category_id,
                                        std::optional<Id> region_id, Id unit_id,
                                        std::optional<int> completion_days);
  void DeleteRoutingRule(const Actor& actor, Id id);

  // Holiday table.
  CalendarView GetCalendar(const Actor& actor, std::optional<int> year);
  void PutCalendarDay(const Actor& actor, const std::string& date, const std::string& kind,
                      const std::string& name);
  void DeleteCalendarDay(const Actor& actor, const std::string& date);
  // Imports "date,kind,name" rows; throws InvalidInput listing every bad line. Returns rows.
  std::int64_t ImportCalendar(const Actor& actor, const std::string& csv);

 private:
  MattersContext& context_;
};

}  // namespace minqing::app
