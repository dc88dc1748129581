// Receipt numbers (工单号, "20261202-00001": the China date of acceptance and a serial of that
// day) as a resident reads them out, turned into the number ranges a look-up searches:
//   "20261202-00001", "20261202-1", "2026120200001"  that one number;
//   "20261202", "20261202-"                           every number of that day;
//   "202612" (6 or 7 digits)                          every number of the days it begins;
//   "00001", "1" (1 to 5 digits)                      that serial on each of the last
//                                                     kRecentSerialDays days up to `today`.
// Anything else (names, phones of 11 digits...) is no receipt number: no ranges. Ranges are
// inclusive and every bound has the shape of a full number, so that a B-tree range scan on the
// unique index finds them whatever the database's collation. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/work_calendar.hpp"

namespace minqing::domain {

inline constexpr int kRecentSerialDays = 31;

struct MatterNumberRange {
  std::string from;  // Inclusive.
  std::string to;    // Inclusive; equal to `from` for one number.
  bool operator==(const MatterNumberRange&) const = default;
};

std::vector<MatterNumberRange> MatterNumberRanges(std::string_view text, DayNumber today);

}  // namespace minqing::domain
