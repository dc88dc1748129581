// On duty and public service information (在岗公示、办事指南), the use cases:
//  - the duty roster (值班表) of a service centre: per China civil day the leader on duty
//  (带班领导)
//    and the window staff (窗口人员) with their window, chosen from the accounts of the centre and
//    its township; entered a day or a week at a time, or copied from another week; printed as
//    badges (工作牌, PDF) whose QR code opens the centre's public duty page;
//  - service guides (办事指南 / 明白纸) per matter category, county-wide or for a township: the
//    materials, steps, place, window, fees, hours and phone typed here, the time limit always read
//    from the category (the same catalogue the deadlines use); drafts until published; public
//    pages and a printable A4 PDF of published guides.
//
// Contract: staff use cases need duty.manage or guides.manage and check the object's scope (the
// centre's township, the guide's region) before any other work, reading or rendering a PDF
// (Forbidden auth.forbidden). Bad input throws InvalidInput listing every problem and stores
// nothing; writes run in one transaction and are audited. Public reads need no login and show only
// published guides and service centres' rosters (NotFound otherwise, so a draft is not revealed).
//
// Thread-safety: every method may be called concurrently from any number of threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/public_links.hpp"
#include "app/store.hpp"
#include "domain/matter.hpp"
#include "domain/service_info.hpp"

namespace minqing::app {

inline constexpr int kMaxDutyRosterDays = 31;

// Someone who may be put on duty at a centre.
struct DutyCandidate {
  Id user_id = 0;
  std::string name;
  std::string role;  // Role code.
};

// A centre's roster over consecutive days (every day of the range, empty ones included).
struct DutyRoster {
  domain::Unit unit;
  std::string region_name;  // The centre's township.
  std::string from;         // First day shown (YYYY-MM-DD).
  std::string today;        // China date of the request.
  std::vector<domain::DutyDay> days;
  std::string public_url;  // The centre's public duty page (the badges' QR code).
};

// A guide as shown: with its category and the time limit read from that category now.
struct GuideView {
  domain::ServiceGuide guide;
  domain::MatterCategory category;
  std::string time_limit;  // domain::GuideTimeLimit(category)
  bool editable = false;   // The reader may change it (staff lists only).
  std::string public_url;
};

// The public list of one region: every active category with the guide that applies there (a
// township's over the county's), or none published.
struct PublicGuideEntry {
  domain::MatterCategory category;
  std::optional<GuideView> guide;
};
struct PublicGuideList {
  domain::Region region;
  std::vector<PublicGuideEntry> items;
};

struct GuideInput {
  std::optional<Id> region_id;  // Create only: county or township; default the actor's scope.
  Id category_id = 0;           // Create only.
  std::string title;
  std::vector<std::string> materials;
  std::vector<std::string> steps;
  std::string place;
  std::string window_name;
  std::string fees;
  std::string office_hours;
  std::string phone;
  bool published = false;
};

class ServiceInfoService {
 public:
  ServiceInfoService(Store& store, const PublicLinks& links) : store_(store), links_(links) {}

  // The roster of the centre for `days` days from `from` (YYYY-MM-DD; default: the Monday of the
  // actor's today), 1..31 days. duty.manage in the centre's township.
  DutyRoster Duty(const Actor& actor, Id unit_id, const std::string& from, int days);
  // The accounts that may be put on duty there: staff accounts scoped to the centre's township or
  // to the centre itself, active, by name.
  std::vector<DutyCandidate> DutyCandidates(const Actor& actor, Id unit_id);
  // Replaces the given days (one, or a week) in one transaction: each day is checked (a person at
  // two windows the same day is refused with duty.staff_twice), every person must be a
  // candidate (duty.not_candidate). Returns the roster of the days saved.
  DutyRoster SaveDuty(const Actor& actor, Id unit_id, std::vector<domain::DutyDay> days);
  // Copies the seven days from `from_monday` onto the seven from `to_monday` (days with nobody on
  // duty in the source clear the target day). Both must be Mondays.
  DutyRoster CopyDutyWeek(const Actor& actor, Id unit_id, const std::string& from_monday,
                          const std::string& to_monday);
  // Badges (工作牌) of the people on duty on `date` (all of them, or those in `user_ids`), one A6
  // page each, as a PDF. duty.manage in scope, checked before any drawing.
  std::string BadgesPdf(const Actor& actor, Id unit_id, const std::string& date,
                        const std::vector<Id>& user_ids);
  // The public duty page: today and the week (Monday to Sunday) of `now`'s China date. NotFound
  // unless the unit is a service centre.
  DutyRoster PublicDuty(Id unit_id, domain::Epoch now);

  // Staff: the guides of the actor's scope region and its ancestors (drafts too), editable where
  // the guide's region lies in the scope. guides.manage.
  std::vector<GuideView> ListGuides(const Actor& actor);
  GuideView GetGuide(const Actor& actor, Id guide_id);
  GuideView CreateGuide(const Actor& actor, const GuideInput& input);
  GuideView UpdateGuide(const Actor& actor, Id guide_id, const GuideInput& input);
  // The 明白纸 (A4 PDF) of a guide, drafts too (marked 草稿). guides.manage in scope.
  std::string GuidePdf(const Actor& actor, Id guide_id);

  // Public: the guides that apply in a region (a county, township or village: the most specific
  // published guide on its path per category).
  PublicGuideList PublicGuides(Id region_id);
  // A published guide (NotFound for a draft or none) and its printable page.
  GuideView PublicGuide(Id guide_id);
  std::string PublicGuidePdf(Id guide_id);

 private:
  Store& store_;
  const PublicLinks& links_;
};

}  // namespace minqing::app
