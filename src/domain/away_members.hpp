// Away members (流动党员, 离乡不离党): party members working away from home keep their branch and
// their link to home without taking households they cannot reach. The branch logs its contacts
// with each away member (date, way, who, note) and flags a member with no contact for
// kAwayContactOverdueDays; branches (or higher party organisations) hold online study activities
// (网上学习 / 线上组织生活) that members attend themselves with a short note (学习心得), while a
// secretary may only record an offline make-up (补学) marked as recorded by them. Pure rules:
// codes, validation, the overdue and open-period tests. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "domain/model.hpp"

namespace minqing::domain {

// A member with no contact logged for more than this many days is flagged overdue (a constant,
// documented in the README: the branch keeps in touch at least once a quarter).
inline constexpr int kAwayContactOverdueDays = 90;

inline constexpr std::size_t kAwayNoteMaxChars = 500;
inline constexpr std::size_t kStudyTitleMaxChars = 100;
inline constexpr std::size_t kStudyMaterialMaxChars = 20000;
inline constexpr std::size_t kStudyLinkMaxChars = 500;
inline constexpr std::size_t kStudyNoteMaxChars = 1000;

// Ways the branch keeps in touch with an away member: phone, WeChat, letter, visit (in person,
// e.g. when the member comes home or the branch visits the place of work).
inline constexpr std::string_view kAwayContactWays[] = {"phone", "wechat", "letter", "visit"};
bool IsAwayContactWay(std::string_view way);
std::string_view AwayContactWayLabel(std::string_view way);  // "电话", "微信", "书信", "见面"

// One contact of the branch with an away member.
struct AwayContact {
  Id id = 0;
  Id member_id = 0;
  std::string region_path;  // The member's, for scope filters.
  std::string date;         // YYYY-MM-DD (China)
  std::string way;          // kAwayContactWays
  std::string contact_by;   // Who made the contact (a name: the secretary, a group leader).
  std::string note;
  Id recorded_by = 0;
  Epoch recorded_at = 0;
  std::string recorded_by_name;  // Filled by queries.
};

// Every problem of a contact's fields; `today` (YYYY-MM-DD) bounds the date (no future contact).
std::vector<FieldProblem> CheckAwayContact(const AwayContact& contact, std::string_view today);

// Whether a member last contacted on `last_contact` (YYYY-MM-DD; nullopt when never) is overdue
// on `today`: never contacted, or more than kAwayContactOverdueDays days ago.
bool AwayContactOverdue(const std::optional<std::string>& last_contact, std::string_view today);

// An online study activity of a party organisation: its audience is every member whose region
// lies under the organisation's region (region_path). Open from opens_on to closes_on (China
// dates, both inclusive).
struct StudyActivity {
  Id id = 0;
  Id org_id = 0;
  std::string region_path;  // The organisation's region.
  std::string title;
  std::string material;  // Text to study.
  std::string link;      // An optional link (http/https) to the material.
  std::string opens_on;
  std::string closes_on;
  Id created_by = 0;
  Epoch created_at = 0;
  // Filled by queries.
  std::string org_name;
  std::int64_t attended = 0;  // Members with an attendance (online or make-up).
};

// Every problem of an activity's fields.
std::vector<FieldProblem> CheckStudyActivity(const StudyActivity& activity);

// Whether members may mark attendance on `today`.
bool StudyOpen(const StudyActivity& activity, std::string_view today);

// A member's attendance: marked online by the member's own account (made_up false), or an offline
// make-up study (补学) recorded by a secretary (made_up true, recorded_by the secretary).
struct StudyAttendance {
  Id activity_id = 0;
  Id member_id = 0;
  bool attended = true;  // False in a roster row of a member who has not attended yet.
  std::string note;      // 学习心得, or the secretary's note of the make-up.
  bool made_up = false;
  Id recorded_by = 0;
  Epoch recorded_at = 0;
  // Filled by queries.
  std::string member_name;
  bool member_away = false;
  std::string recorded_by_name;
};

std::optional<FieldProblem> CheckStudyNote(std::string_view note);

// One row of a branch's list of away members.
struct AwayMemberRow {
  Id member_id = 0;
  std::string name;
  std::string phone;
  std::string org_name;
  std::string away_to;
  std::string region_path;
  std::optional<std::string> last_contact;  // Date of the latest contact.
  std::int64_t contacts = 0;
  std::int64_t households = 0;        // Households still linked (to hand over).
  std::int64_t study_attended = 0;    // Activities attended (online or make-up).
  std::int64_t study_activities = 0;  // Activities of the member's organisations so far.
  bool overdue = false;               // Set by the app with AwayContactOverdue.
};

}  // namespace minqing::domain
