// Who may do what, and where. One role × permission matrix (kPermissions) for every area: a role
// grants permissions; a scope (a region subtree, a unit, or the user's own household) limits
// where they apply. The HTTP layer checks the role half of it for every authenticated route before
// the handler runs; app/ calls these on every use case for the object's scope. The README's
// matrix is printed from kPermissions (a test compares them).
// Pure functions and constant tables; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace minqing::domain {

enum class Permission {
  kSession,         // Any signed-in user: who am I, sign out, change own password.
  kReadRegistry,    // Regions, households, residents in scope.
  kBrowseRegistry,  // Browse by region: region pages, counts, the resident list (staff only).
  kWriteRegistry,   // Create and edit households and residents, move residents.
  kRevealPersonal,  // Show an ID-card number or phone in full (recorded).
  kManageRegions,
  kReadParty,
  kManageParty,
  kReadUnits,
  kManageUnits,
  kManageUsers,
  kReadAudit,
  kImportExport,        // Roster (花名册) import and export with full ID numbers.
  kMatterIntake,        // Accept a matter (受理), preview duplicates.
  kMatterRead,          // Read matters in scope (residents: their household's).
  kMatterHandle,        // The unit's work: sign for, return, reply, steps, attachments, transfer.
  kMatterDispatch,      // Route: dispatch, transfer, merge, close on the spot, steps, attachments.
  kMatterSupervise,     // 督办.
  kMatterSignOff,       // Send the resident a sign-off code, take the code given at the window.
  kMatterCallback,      // 回访 tasks.
  kMatterConfirmOwn,    // A resident signs off their own household's matter.
  kMatterExport,        // Matter list and three-rate exports, rates, dashboard.
  kReadCatalogue,       // Categories, routing rules, the working-day calendar.
  kManageCatalogue,     // Categories, routing rules, calendar, escalation run.
  kManageSlots,         // Time slots of a unit (预约时段).
  kBookAppointments,    // Book a time slot (residents: for their household).
  kReadAppointments,    // A slot's bookings (names, masked phones).
  kManageAppointments,  // Mark a booking done or cancelled.
  kErrands,             // Start and update 代办.
  kReadErrands,         // List errands (residents: their household's).
  kReadNetwork,         // The 1+10 network of villages in scope, coverage, cards.
  kManageNetwork,       // Build, pin, repair the network (organisers).
  kNetworkSettings,     // The network's numbers (households per member, ...).
  kMemberDuties,        // A party member's own households, link requests, deliveries, events.
  kLogVisits,           // Write the diary (民情日记).
  kReadVisits,          // Read diaries, quotas, unvisited households.
  kReviewVisits,        // Grade visits.
  kConfirmOwnVisits,    // A household's account reads and confirms its own visits.
  kManageNotices,       // Publish notices (四到户), record household events (五必到).
  kReadNotices,
  kSystemSettings,  // Deployment settings: the public base URL of QR codes and links.
  kDevOutbox,       // The development SMS outbox.
  kSmsOutbox,       // The SMS outbox: every message's state and history, retry, the gateway.
  kReadPostings,    // Postings (驻村) and agreements in scope; village assistants their own.
  kManagePostings,  // Create and end postings of villages in scope.
  kEditAgreements,  // Draft and change unsigned agreements (village assistants: their own).
  kSignAgreements,  // Sign an agreement (freezes it).
  kManageVotes,  // Year-end votes (述职评议): create, open, issue codes, close, publish; turnout.
  kReadVotes,    // Read the vote sessions of villages in scope (no tally before publishing).
  kReadRatings,   // Window ratings (窗口评价) of the clerks and centres in scope, statistics.
  kRatingTablet,  // Open the window's rating tablet (评价器) for one's own latest service.
  kReadSuggestions,    // The suggestion box (意见箱) entries of the centres in scope.
  kHandleSuggestions,  // Mark a suggestion read or answered, with a note.
  kManageDuty,         // A service centre's duty roster (值班表) and badges, in scope.
  kManageGuides,       // Service guides (办事指南): write, publish, print, in scope.
  kManageSurveys,      // Surveys (问卷与评议): create, edit drafts, open, close, print slips.
  kReadSurveys,        // Surveys in scope and their results (tallies, per village).
  kRecordSurveys,      // A party member records the answer of a household linked to them.
  // Scorecards (考核) of postings.
  kReadScorecards,       // Read cards and rankings in scope; a posted person only their own.
  kConfigureScorecards,  // The county's default weights and targets of the scorecards.
  kEnterScorecards,      // Enter a manual actual (人工填报) on a card in scope, with a note.
  // Livelihood projects (民生项目).
  kReadProjects,    // Projects in scope (and those whose team has the account), dashboards.
  kManageProjects,  // Create, edit, team, households, cadence, issue log, in scope.
  kRecordProjects,  // Consent, visits, plans: in scope with kManageProjects, else as a team
                    // account.
  // Meetings that decide (议事会议) and their decisions.
  kReadMeetings,       // Meetings in scope, their decisions, the overdue decisions.
  kManageMeetings,     // Record meetings in scope: attendees, minutes, decisions, to a matter.
  kCompleteDecisions,  // Mark one's own decision (or one's unit's) done; "my decisions".
  // Pairing (结对共建) of units and villages.
  kReadPairing,    // Pairs in scope (unit handlers: their unit's), needs, resources, matches.
  kManagePairing,  // Create pairs of villages in scope, record needs and resources, match them.
  // Away members (离乡不离党, 流动党员) and online study (网上学习).
  kReadAway,     // Away members in scope, their contact log, study activities and attendance.
  kManageAway,   // Log contacts with away members, create study activities, record 补学.
  kStudyAttend,  // A member's own study activities; marks only their own attendance.
  // Volunteer service (志愿服务).
  kReadVolunteers,    // Teams in scope (and the team one leads): volunteers, activities, hours.
  kManageVolunteers,  // Create teams in scope and run them; manual hours adjustments.
  kJoinVolunteers,    // One's own volunteer records: sign oneself up, own hours, certificates.
  // Service providers (服务商).
  kReadProviders,    // Providers with rating and flag (unit handlers: their own unit's).
  kManageProviders,  // Register, edit, suspend, reinstate providers; set the county's standard.
  // Honest outcomes (办结类型) of matters: approve or refuse a unit's proposal to close a matter
  // as 挂账, 不属实 or 不属于受理范围, which takes it out of the unit's assessment.
  kMatterExcludeApprove,
  // Monthly ranking reports (月度通报); reading them is kMatterExport.
  kManageMonthlyReports,  // Set the ranking's weights and threshold; (re)generate a month.
  // Open311 GeoReport v2 (外部系统接入).
  kManageOpen311Keys,  // Create, list and revoke the API keys of outside applications.
};

struct PermissionInfo {
  Permission permission;
  std::string_view name;      // Stable: "matter.dispatch"; /auth/me lists these.
  std::string_view label;     // Chinese, for the README's matrix.
  std::array<bool, 7> roles;  // Indexed by RoleIndex: admin, leader, centre_staff, unit_handler,
                              // village_assistant, party_member, resident.
};

// Every permission, in the enum's order.
const std::vector<PermissionInfo>& Permissions();
const PermissionInfo& InfoOf(Permission permission);
std::optional<Permission> ParsePermission(std::string_view name);

// The roles in the matrix's column order.
const std::array<Role, 7>& AllRoles();

bool RoleHas(Role role, Permission permission);

// The names of every permission `role` holds, in the matrix's order.
std::vector<std::string_view> PermissionNames(Role role);

// True when `region_path` lies inside the user's region scope (an empty scope is everything).
bool RegionInScope(const User& user, std::string_view region_path);

// Role and scope together. Residents may read only their own household (`household_id`).
bool MayAccessHousehold(const User& user, Permission permission, std::string_view region_path,
                        std::optional<Id> own_household_id, Id household_id);

}  // namespace minqing::domain
