// The repository of on-duty and public service information: centres' duty rosters (duty_days,
// duty_posts), badge numbers (duty_badges) and service guides (service_guides). Reads fill the
// display fields (names of the people, region name and path of a guide).
// Thread-safety: as the transaction it belongs to.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/service_info.hpp"

namespace minqing::app {

class ServiceInfoRepository {
 public:
  virtual ~ServiceInfoRepository() = default;

  // The unit's duty days with `from` <= date <= `to` (YYYY-MM-DD), by date; posts in the order
  // they were entered, with names and badge numbers.
  virtual std::vector<domain::DutyDay> ListDutyDays(domain::Id unit_id, const std::string& from,
                                                    const std::string& to) = 0;
  // Replaces the day's roster (leader and posts); an empty day is removed. Everyone on it gets a
  // badge number at the unit when they have none yet. Conflict duty.staff_twice when a person
  // would hold two posts (the caller checks first, with a clearer message).
  virtual void PutDutyDay(const domain::DutyDay& day, domain::Epoch now,
                          std::optional<domain::Id> by) = 0;
  // The badge number of a person at a unit, or 0 when they have none.
  virtual int FindBadgeNumber(domain::Id unit_id, domain::Id user_id) = 0;

  // Service guides. Category + region is unique (Conflict guide.exists).
  virtual std::optional<domain::ServiceGuide> FindGuide(domain::Id id) = 0;
  // Every guide (drafts too), by region path then category; at most a few per category.
  virtual std::vector<domain::ServiceGuide> ListGuides() = 0;
  virtual void InsertGuide(const domain::ServiceGuide& guide) = 0;
  virtual void UpdateGuide(const domain::ServiceGuide& guide) = 0;
};

}  // namespace minqing::app
