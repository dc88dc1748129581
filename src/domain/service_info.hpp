// On duty and public service information (在岗公示、办事指南): the duty roster of a service centre
// (值班表: the leader on duty 带班领导 and the window staff 窗口人员 of each day) and the service
// guides (办事指南 / 明白纸) of the matter categories. Pure rules: a day's roster is checked here
// (nobody holds two windows the same day), and a guide's time limit is always the category's, read
// when the guide is shown (never typed into the guide). Pure functions over plain values;
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "domain/matter.hpp"
#include "domain/model.hpp"

namespace minqing::domain {

inline constexpr std::size_t kMaxDutyStaff = 40;
inline constexpr std::size_t kMaxGuideItems = 60;
inline constexpr std::string_view kDefaultGuideFees = "免费";

// One window (or post) held by one person on one day.
struct DutyPost {
  Id user_id = 0;
  std::string post;  // 窗口/岗位, e.g. "1号窗口 社会救助".
  // Filled by reads:
  std::string name;
  int badge_number = 0;
};

// One centre's roster of one China civil day.
struct DutyDay {
  Id unit_id = 0;
  std::string date;  // YYYY-MM-DD
  std::optional<Id> leader_user_id;
  std::vector<DutyPost> staff;
  // Filled by reads:
  std::string leader_name;
  int leader_badge_number = 0;
};

// The problems of one day's roster as entered (field names prefixed with `prefix`): a bad date, a
// post without a window name or person, the same person at two windows (duty.staff_twice), too
// many people. Empty when the day may be saved. Posts are trimmed in place.
std::vector<FieldProblem> CheckDutyDay(DutyDay& day, const std::string& prefix = "");

// Whether a day has nobody on duty (it is then removed rather than stored).
bool IsEmptyDutyDay(const DutyDay& day);

// The badge number as printed: "GP-0007".
std::string FormatBadgeNumber(int number);

// A service guide (办事指南) of one matter category in one region (a county-wide guide, or a
// township's that replaces it there).
struct ServiceGuide {
  Id id = 0;
  Id category_id = 0;
  Id region_id = 0;
  std::string title;
  std::vector<std::string> materials;  // 申请材料, one item each.
  std::vector<std::string> steps;      // 办理流程, in order.
  std::string place;                   // 办理地点
  std::string window_name;             // 办理窗口
  std::string fees;                    // 收费标准 (default 免费)
  std::string office_hours;            // 办公时间, as residents read it
  std::string phone;                   // 咨询电话
  bool published = false;
  Epoch updated_at = 0;
  std::optional<Id> updated_by;
  // Filled by reads:
  std::string region_name;
  std::string region_path;
};

// The guide's problems as entered (trimmed in place, empty list items dropped, fees defaulting to
// 免费): a title, at least one material and one step, at most kMaxGuideItems each, a plausible
// phone when one is given.
std::vector<FieldProblem> CheckServiceGuide(ServiceGuide& guide);

// The time limit as a guide prints it, from the category: "5个工作日内办结（4个工作小时内受理）".
std::string GuideTimeLimit(const MatterCategory& category);

// One item per line, trimmed, empty lines dropped (how the lists are stored).
std::string JoinLines(const std::vector<std::string>& items);
std::vector<std::string> SplitLines(std::string_view text);

// The published guide that applies in a region whose path is `region_path`, among `guides` of
// one category: the one of the deepest region on the path (a township's over the county's).
std::optional<ServiceGuide> ApplicableGuide(const std::vector<ServiceGuide>& guides,
                                            std::string_view region_path);

}  // namespace minqing::domain
