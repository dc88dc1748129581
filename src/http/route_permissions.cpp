#include "http/route_permissions.hpp"

#include <map>
#include <utility>

namespace minqing::http {
namespace {

using P = domain::Permission;
using S = RouteScope;

std::vector<RoutePermission> MakeTable() {
  return {
      // System and session.
      {"GET", "/api/v1/health", {}, S::kPublic},
      {"GET", "/api/v1/openapi.json", {}, S::kPublic},
      {"GET", "/api/v1/codes", {}, S::kPublic},
      {"POST", "/api/v1/auth/login", {}, S::kPublic},
      {"POST", "/api/v1/auth/activate", {}, S::kPublic},
      {"POST", "/api/v1/auth/phone-login", {}, S::kPublic},
      {"POST", "/api/v1/auth/logout", {P::kSession}, S::kSession},
      {"GET", "/api/v1/auth/me", {P::kSession}, S::kSession},
      {"POST", "/api/v1/auth/password", {P::kSession}, S::kSession},
      {"GET", "/api/v1/dev/sms", {P::kDevOutbox}, S::kCounty},
      {"GET", "/api/v1/system/public-url", {P::kSystemSettings}, S::kCounty},
      {"PUT", "/api/v1/system/public-url", {P::kSystemSettings}, S::kCounty},
      // Messages: one's own notifications, the rules, the SMS outbox.
      {"GET", "/api/v1/notifications", {P::kSession}, S::kSession},
      {"GET", "/api/v1/notifications/unread-count", {P::kSession}, S::kSession},
      {"POST", "/api/v1/notifications/{id}/read", {P::kSession}, S::kSession},
      {"POST", "/api/v1/notifications/read-all", {P::kSession}, S::kSession},
      {"GET", "/api/v1/notifications/stream", {P::kSession}, S::kSession},
      {"GET", "/api/v1/settings/notification-rules", {P::kSystemSettings}, S::kCounty},
      {"PUT", "/api/v1/settings/notification-rules", {P::kSystemSettings}, S::kCounty},
      {"GET", "/api/v1/sms/outbox", {P::kSmsOutbox}, S::kCounty},
      {"GET", "/api/v1/sms/outbox/{id}", {P::kSmsOutbox}, S::kCounty},
      {"POST", "/api/v1/sms/outbox/{id}/retry", {P::kSmsOutbox}, S::kCounty},
      {"GET", "/api/v1/sms/status", {P::kSmsOutbox}, S::kCounty},
      {"POST", "/api/v1/public/sms/receipts", {}, S::kPublic},
      // Window ratings (窗口评价) and the suggestion box (意见箱).
      {"GET", "/api/v1/public/window-ratings/receipt/{number}", {}, S::kPublic},
      {"GET", "/api/v1/public/window-ratings/{token}", {}, S::kPublic},
      {"POST", "/api/v1/public/window-ratings/{token}", {}, S::kPublic},
      {"GET", "/api/v1/public/service-centres", {}, S::kPublic},
      {"POST", "/api/v1/public/suggestions", {}, S::kPublic},
      {"GET", "/api/v1/window-ratings/tablet", {P::kRatingTablet}, S::kSession},
      {"GET", "/api/v1/window-ratings/stats", {P::kReadRatings}, S::kList},
      {"GET", "/api/v1/window-ratings", {P::kReadRatings}, S::kList},
      {"GET", "/api/v1/suggestions", {P::kReadSuggestions}, S::kList},
      {"POST", "/api/v1/suggestions/{id}/handle", {P::kHandleSuggestions}, S::kRegion},
      // Registry.
      {"GET", "/api/v1/regions", {P::kReadRegistry}, S::kList},
      {"GET", "/api/v1/regions/{id}", {P::kBrowseRegistry}, S::kRegion},
      {"POST", "/api/v1/regions", {P::kManageRegions}, S::kRegion},
      {"PATCH", "/api/v1/regions/{id}", {P::kManageRegions}, S::kRegion},
      {"POST", "/api/v1/regions/import", {P::kManageRegions}, S::kCounty},
      {"GET", "/api/v1/region-levels", {}, S::kPublic},
      {"PUT", "/api/v1/region-levels", {P::kManageRegions}, S::kCounty},
      {"GET", "/api/v1/overview", {P::kBrowseRegistry}, S::kList},
      {"GET", "/api/v1/tags", {P::kReadRegistry}, S::kCounty},
      {"GET", "/api/v1/households", {P::kReadRegistry}, S::kList},
      {"POST", "/api/v1/households", {P::kWriteRegistry}, S::kRegion},
      {"GET", "/api/v1/households/{id}", {P::kReadRegistry}, S::kHousehold},
      {"PATCH", "/api/v1/households/{id}", {P::kWriteRegistry}, S::kHousehold},
      {"POST", "/api/v1/households/{id}/residents", {P::kWriteRegistry}, S::kHousehold},
      {"GET",
       "/api/v1/households/{id}/card.pdf",
       {P::kReadNetwork, P::kMemberDuties},
       S::kHousehold},
      {"GET", "/api/v1/residents", {P::kBrowseRegistry}, S::kList},
      {"GET", "/api/v1/residents/{id}", {P::kReadRegistry}, S::kHousehold},
      {"PATCH", "/api/v1/residents/{id}", {P::kWriteRegistry}, S::kHousehold},
      {"POST", "/api/v1/residents/{id}/move", {P::kWriteRegistry}, S::kHousehold},
      {"POST", "/api/v1/residents/{id}/deceased", {P::kWriteRegistry}, S::kHousehold},
      {"POST", "/api/v1/residents/{id}/reveal", {P::kRevealPersonal}, S::kHousehold},
      {"GET", "/api/v1/roster/export", {P::kImportExport}, S::kList},
      {"POST", "/api/v1/roster/import", {P::kImportExport}, S::kCounty},
      {"GET", "/api/v1/roster/import/progress/{key}", {P::kImportExport}, S::kCounty},
      // Party.
      {"GET", "/api/v1/party/orgs", {P::kReadParty}, S::kList},
      {"GET", "/api/v1/party/orgs/{id}", {P::kReadParty}, S::kRegion},
      {"POST", "/api/v1/party/orgs", {P::kManageParty}, S::kRegion},
      {"PATCH", "/api/v1/party/orgs/{id}", {P::kManageParty}, S::kRegion},
      {"GET", "/api/v1/party/members", {P::kReadParty}, S::kList},
      {"GET", "/api/v1/party/members/{id}", {P::kReadParty}, S::kRegion},
      {"POST", "/api/v1/party/members", {P::kManageParty}, S::kRegion},
      {"PATCH", "/api/v1/party/members/{id}", {P::kManageParty}, S::kRegion},
      {"POST", "/api/v1/party/roster/import", {P::kImportExport}, S::kCounty},
      {"GET", "/api/v1/party/roster/export", {P::kImportExport}, S::kList},
      // Units, users, audit.
      {"GET", "/api/v1/units", {P::kReadUnits}, S::kList},
      {"GET", "/api/v1/units/{id}", {P::kReadUnits}, S::kCounty},
      {"POST", "/api/v1/units", {P::kManageUnits}, S::kCounty},
      {"POST", "/api/v1/units/{id}/staff", {P::kManageUnits}, S::kCounty},
      {"PUT", "/api/v1/units/{id}/office_hours", {P::kManageUnits}, S::kCounty},
      {"GET", "/api/v1/users", {P::kManageUsers}, S::kCounty},
      {"POST", "/api/v1/users", {P::kManageUsers}, S::kCounty},
      {"PATCH", "/api/v1/users/{id}", {P::kManageUsers}, S::kCounty},
      // Accounts in bulk: each account and target scope is checked against the caller's scope.
      {"POST", "/api/v1/users/import", {P::kManageUsers}, S::kCounty},
      {"POST", "/api/v1/users/letters", {P::kManageUsers}, S::kCounty},
      {"POST", "/api/v1/users/bulk", {P::kManageUsers}, S::kCounty},
      {"GET", "/api/v1/audit", {P::kReadAudit}, S::kList},
      // Matters.
      {"GET", "/api/v1/matters/units", {P::kReadUnits}, S::kCounty},
      {"GET", "/api/v1/matters/intake-preview", {P::kMatterIntake}, S::kHousehold},
      {"POST", "/api/v1/matters", {P::kMatterIntake}, S::kHousehold},
      {"GET", "/api/v1/matters", {P::kMatterRead}, S::kList},
      {"GET", "/api/v1/matters/workload", {P::kMatterRead}, S::kList},
      {"GET", "/api/v1/matters/number-lookup", {P::kMatterRead}, S::kList},
      {"GET",
       "/api/v1/matters/export",
       {P::kMatterExport, P::kMatterHandle, P::kMatterDispatch},
       S::kList},
      {"GET", "/api/v1/matters/{id}", {P::kMatterRead}, S::kMatter},
      {"GET", "/api/v1/matters/by-number/{number}", {P::kMatterRead}, S::kMatter},
      {"POST", "/api/v1/matters/{id}/dispatch", {P::kMatterDispatch}, S::kMatter},
      {"POST", "/api/v1/matters/{id}/accept", {P::kMatterHandle}, S::kMatter},
      {"POST", "/api/v1/matters/{id}/transfer", {P::kMatterHandle, P::kMatterDispatch}, S::kMatter},
      {"POST", "/api/v1/matters/{id}/return", {P::kMatterHandle}, S::kMatter},
      {"POST", "/api/v1/matters/{id}/steps", {P::kMatterHandle, P::kMatterDispatch}, S::kMatter},
      {"POST", "/api/v1/matters/{id}/reply", {P::kMatterHandle}, S::kMatter},
      {"POST", "/api/v1/matters/{id}/close-on-spot", {P::kMatterDispatch}, S::kMatter},
      {"POST", "/api/v1/matters/{id}/merge", {P::kMatterDispatch}, S::kMatter},
      {"POST", "/api/v1/matters/{id}/supervise", {P::kMatterSupervise}, S::kMatter},
      {"POST", "/api/v1/matters/{id}/confirm-code", {P::kMatterSignOff}, S::kMatter},
      {"POST", "/api/v1/matters/{id}/confirm", {P::kMatterConfirmOwn}, S::kMatter},
      {"GET",
       "/api/v1/matters/{id}/public-preview",
       {P::kMatterSignOff, P::kMatterCallback},
       S::kMatter},
      {"POST", "/api/v1/matters/{id}/sign-off-code", {P::kMatterSignOff}, S::kMatter},
      {"POST", "/api/v1/matters/{id}/callback", {P::kMatterCallback}, S::kMatter},
      {"POST",
       "/api/v1/matters/{id}/attachments",
       {P::kMatterHandle, P::kMatterDispatch, P::kMatterIntake},
       S::kMatter},
      {"GET", "/api/v1/attachments/{id}", {P::kMatterRead}, S::kMatter},
      {"GET", "/api/v1/public/matters/{number}", {}, S::kPublic},
      {"POST", "/api/v1/public/matters/{number}/code", {}, S::kPublic},
      {"POST", "/api/v1/public/matters/{number}/confirm", {}, S::kPublic},
      {"GET", "/api/v1/supervision", {P::kMatterExport, P::kMatterSupervise}, S::kList},
      {"POST", "/api/v1/escalation/run", {P::kManageCatalogue}, S::kCounty},
      {"GET", "/api/v1/callbacks", {P::kMatterCallback}, S::kList},
      {"POST", "/api/v1/callbacks/{id}", {P::kMatterCallback}, S::kMatter},
      {"GET", "/api/v1/rates", {P::kMatterExport}, S::kList},
      {"GET", "/api/v1/rates/export", {P::kMatterExport}, S::kList},
      {"GET", "/api/v1/dashboard", {P::kMatterExport}, S::kList},
      // Catalogue and calendar.
      {"GET", "/api/v1/categories", {P::kReadCatalogue}, S::kCounty},
      {"POST", "/api/v1/categories", {P::kManageCatalogue}, S::kCounty},
      {"PATCH", "/api/v1/categories/{id}", {P::kManageCatalogue}, S::kCounty},
      {"GET", "/api/v1/routing-rules", {P::kReadCatalogue}, S::kCounty},
      {"POST", "/api/v1/routing-rules", {P::kManageCatalogue}, S::kCounty},
      {"DELETE", "/api/v1/routing-rules/{id}", {P::kManageCatalogue}, S::kCounty},
      {"GET", "/api/v1/calendar", {P::kReadCatalogue}, S::kCounty},
      {"PUT", "/api/v1/calendar/{date}", {P::kManageCatalogue}, S::kCounty},
      {"DELETE", "/api/v1/calendar/{date}", {P::kManageCatalogue}, S::kCounty},
      {"POST", "/api/v1/calendar/import", {P::kManageCatalogue}, S::kCounty},
      // Slots, appointments, errands.
      {"GET",
       "/api/v1/units/{id}/slots",
       {P::kBookAppointments, P::kReadAppointments, P::kReadUnits},
       S::kUnit},
      {"POST", "/api/v1/units/{id}/slots", {P::kManageSlots}, S::kUnit},
      {"GET", "/api/v1/slots/{id}/appointments", {P::kReadAppointments}, S::kUnit},
      {"POST", "/api/v1/slots/{id}/appointments", {P::kBookAppointments}, S::kUnit},
      {"PATCH", "/api/v1/appointments/{id}", {P::kManageAppointments}, S::kUnit},
      {"GET", "/api/v1/errands", {P::kReadErrands}, S::kList},
      {"POST", "/api/v1/errands", {P::kErrands}, S::kHousehold},
      {"PATCH", "/api/v1/errands/{id}", {P::kErrands}, S::kHousehold},
      // The 1+10 network.
      {"GET", "/api/v1/network/settings/{id}", {P::kReadNetwork}, S::kRegion},
      {"PUT", "/api/v1/network/settings/{id}", {P::kNetworkSettings}, S::kRegion},
      {"GET", "/api/v1/network/stations/{id}", {P::kReadNetwork}, S::kRegion},
      {"PUT", "/api/v1/network/stations/{id}", {P::kManageNetwork}, S::kRegion},
      {"GET", "/api/v1/network/villages/{id}", {P::kReadNetwork}, S::kRegion},
      {"GET", "/api/v1/network/villages/{id}/cards.pdf", {P::kReadNetwork}, S::kRegion},
      {"POST", "/api/v1/network/villages/{id}/preview", {P::kManageNetwork}, S::kRegion},
      {"POST", "/api/v1/network/plans/{plan_id}/apply", {P::kManageNetwork}, S::kRegion},
      {"POST", "/api/v1/network/links", {P::kManageNetwork}, S::kRegion},
      {"DELETE", "/api/v1/network/links/{id}", {P::kManageNetwork}, S::kRegion},
      {"POST", "/api/v1/network/leader-links", {P::kManageNetwork}, S::kRegion},
      {"DELETE", "/api/v1/network/leader-links/{member_id}", {P::kManageNetwork}, S::kRegion},
      {"GET", "/api/v1/network/link-requests", {P::kManageNetwork}, S::kList},
      {"POST", "/api/v1/network/link-requests", {P::kMemberDuties}, S::kHousehold},
      {"POST", "/api/v1/network/link-requests/{id}/decide", {P::kManageNetwork}, S::kRegion},
      {"POST", "/api/v1/network/members/{id}/status", {P::kManageNetwork}, S::kRegion},
      {"GET", "/api/v1/network/coverage", {P::kReadNetwork}, S::kList},
      {"GET", "/api/v1/network/my", {P::kMemberDuties}, S::kSession},
      // Notices (四到户) and household events (五必到).
      {"GET", "/api/v1/notices", {P::kReadNotices}, S::kList},
      {"POST", "/api/v1/notices", {P::kManageNotices}, S::kRegion},
      {"GET", "/api/v1/notices/{id}", {P::kReadNotices}, S::kRegion},
      {"POST",
       "/api/v1/notices/{id}/deliveries/{household_id}",
       {P::kMemberDuties, P::kManageNotices},
       S::kHousehold},
      {"GET", "/api/v1/household-events", {P::kReadNotices}, S::kList},
      {"POST", "/api/v1/household-events", {P::kManageNotices, P::kMemberDuties}, S::kHousehold},
      {"POST",
       "/api/v1/household-events/{id}/attend",
       {P::kMemberDuties, P::kManageNotices},
       S::kHousehold},
      // The diary (民情日记).
      {"GET", "/api/v1/visits", {P::kReadVisits, P::kConfirmOwnVisits}, S::kList},
      {"POST", "/api/v1/visits", {P::kLogVisits}, S::kHousehold},
      {"GET", "/api/v1/visits/quota", {P::kReadNetwork}, S::kList},
      {"GET", "/api/v1/visits/visitors", {P::kReadVisits}, S::kList},
      {"GET", "/api/v1/visits/unvisited", {P::kReadNetwork}, S::kList},
      {"GET", "/api/v1/visits/{id}", {P::kReadVisits, P::kConfirmOwnVisits}, S::kHousehold},
      {"PATCH", "/api/v1/visits/{id}", {P::kLogVisits}, S::kCounty},   // Always 409.
      {"DELETE", "/api/v1/visits/{id}", {P::kLogVisits}, S::kCounty},  // Always 409.
      {"POST", "/api/v1/visits/{id}/review", {P::kReviewVisits}, S::kHousehold},
      {"POST", "/api/v1/visits/{id}/confirm", {P::kLogVisits, P::kConfirmOwnVisits}, S::kHousehold},
      {"POST", "/api/v1/visits/{id}/phone-code", {P::kLogVisits}, S::kHousehold},
      // Postings (驻村) and target-responsibility agreements (postings_api.cpp).
      {"GET", "/api/v1/postings", {P::kReadPostings}, S::kList},
      {"GET", "/api/v1/postings/candidates", {P::kManagePostings}, S::kCounty},
      {"POST", "/api/v1/postings", {P::kManagePostings}, S::kRegion},
      {"GET", "/api/v1/postings/{id}", {P::kReadPostings}, S::kRegion},
      {"POST", "/api/v1/postings/{id}/end", {P::kManagePostings}, S::kRegion},
      {"POST", "/api/v1/postings/{id}/agreements", {P::kEditAgreements}, S::kRegion},
      {"GET", "/api/v1/agreements/{id}", {P::kReadPostings}, S::kRegion},
      {"PUT", "/api/v1/agreements/{id}", {P::kEditAgreements}, S::kRegion},
      {"POST", "/api/v1/agreements/{id}/sign", {P::kSignAgreements}, S::kRegion},
      {"GET", "/api/v1/agreements/{id}/agreement.pdf", {P::kReadPostings}, S::kRegion},
      {"GET", "/api/v1/public/board/{id}/assistant", {}, S::kPublic},
      // Public pages (QR codes).
      {"GET", "/api/v1/public/board/{id}", {}, S::kPublic},
      {"GET", "/api/v1/public/board/{id}/board.pdf", {}, S::kPublic},
      {"GET", "/api/v1/public/households/{card_code}", {}, S::kPublic},
      {"POST", "/api/v1/public/visits/confirm", {}, S::kPublic},
      {"POST", "/api/v1/public/visits/phone-code", {}, S::kPublic},
      {"GET", "/api/v1/public/households/{card_code}/visits", {}, S::kPublic},
      {"GET", "/api/v1/public/chain-head", {}, S::kPublic},
      // Year-end votes (述职评议).
      {"GET", "/api/v1/votes", {P::kReadVotes}, S::kList},
      {"POST", "/api/v1/votes", {P::kManageVotes}, S::kRegion},
      {"GET", "/api/v1/votes/{id}", {P::kReadVotes}, S::kRegion},
      {"PATCH", "/api/v1/votes/{id}", {P::kManageVotes}, S::kRegion},
      {"GET", "/api/v1/votes/{id}/voters", {P::kManageVotes}, S::kRegion},
      {"POST", "/api/v1/votes/{id}/open", {P::kManageVotes}, S::kRegion},
      {"POST", "/api/v1/votes/{id}/issue", {P::kManageVotes}, S::kRegion},
      {"POST", "/api/v1/votes/{id}/close", {P::kManageVotes}, S::kRegion},
      {"POST", "/api/v1/votes/{id}/publish", {P::kManageVotes}, S::kRegion},
      {"GET", "/api/v1/public/votes/{id}", {}, S::kPublic},
      {"POST", "/api/v1/public/votes/{id}/ballot", {}, S::kPublic},
      {"GET", "/api/v1/public/villages/{id}/vote-results", {}, S::kPublic},
      // Surveys and evaluations (问卷与评议, surveys_api.cpp).
      {"GET", "/api/v1/surveys", {P::kReadSurveys}, S::kList},
      {"POST", "/api/v1/surveys", {P::kManageSurveys}, S::kRegion},
      {"GET", "/api/v1/surveys/{id}", {P::kReadSurveys}, S::kRegion},
      {"PUT", "/api/v1/surveys/{id}", {P::kManageSurveys}, S::kRegion},
      {"POST", "/api/v1/surveys/{id}/open", {P::kManageSurveys}, S::kRegion},
      {"POST", "/api/v1/surveys/{id}/close", {P::kManageSurveys}, S::kRegion},
      {"GET", "/api/v1/surveys/{id}/results", {P::kReadSurveys}, S::kRegion},
      {"GET", "/api/v1/surveys/{id}/results/export", {P::kReadSurveys}, S::kRegion},
      {"GET", "/api/v1/surveys/{id}/slips.pdf", {P::kManageSurveys}, S::kRegion},
      {"GET", "/api/v1/surveys/{id}/links", {P::kManageSurveys}, S::kRegion},
      {"GET", "/api/v1/households/{id}/surveys", {P::kRecordSurveys}, S::kHousehold},
      {"POST", "/api/v1/surveys/{id}/answers", {P::kRecordSurveys}, S::kHousehold},
      {"GET", "/api/v1/public/surveys/{id}", {}, S::kPublic},
      {"POST", "/api/v1/public/surveys/{id}/answers", {}, S::kPublic},
      // Livelihood projects (民生项目, projects_api.cpp). Team accounts record without region
      // scope.
      {"GET", "/api/v1/projects", {P::kReadProjects}, S::kList},
      {"POST", "/api/v1/projects", {P::kManageProjects}, S::kRegion},
      {"GET", "/api/v1/projects/{id}", {P::kReadProjects}, S::kRegion},
      {"PUT", "/api/v1/projects/{id}", {P::kManageProjects}, S::kRegion},
      {"POST", "/api/v1/projects/{id}/team", {P::kManageProjects}, S::kRegion},
      {"POST", "/api/v1/projects/{id}/households", {P::kManageProjects}, S::kRegion},
      {"POST", "/api/v1/projects/{id}/visits", {P::kRecordProjects}, S::kRegion},
      {"PUT", "/api/v1/projects/{id}/consent/{household_id}", {P::kRecordProjects}, S::kRegion},
      {"POST",
       "/api/v1/projects/{id}/door-visits/{household_id}",
       {P::kRecordProjects},
       S::kRegion},
      {"PUT", "/api/v1/projects/{id}/plans/{household_id}", {P::kRecordProjects}, S::kRegion},
      {"POST", "/api/v1/projects/{id}/cadence", {P::kManageProjects}, S::kRegion},
      {"POST", "/api/v1/projects/{id}/issues", {P::kManageProjects}, S::kRegion},
      {"PUT", "/api/v1/project-issues/{id}/resolution", {P::kManageProjects}, S::kRegion},
      {"GET", "/api/v1/public/projects", {}, S::kPublic},
      // Residents help themselves: codes sent to their phone (self_service_api.cpp).
      {"POST", "/api/v1/public/phone-codes", {}, S::kPublic},
      {"POST", "/api/v1/public/signup", {}, S::kPublic},
      {"GET", "/api/v1/public/cards/{code}/report-form", {}, S::kPublic},
      {"POST", "/api/v1/public/cards/{code}/report", {}, S::kPublic},
      // On duty and service guides (service_info_api.cpp).
      {"GET", "/api/v1/units/{id}/duty", {P::kManageDuty}, S::kUnit},
      {"PUT", "/api/v1/units/{id}/duty", {P::kManageDuty}, S::kUnit},
      {"POST", "/api/v1/units/{id}/duty/copy-week", {P::kManageDuty}, S::kUnit},
      {"GET", "/api/v1/units/{id}/duty/candidates", {P::kManageDuty}, S::kUnit},
      {"GET", "/api/v1/units/{id}/duty/badges.pdf", {P::kManageDuty}, S::kUnit},
      {"GET", "/api/v1/guides", {P::kManageGuides}, S::kList},
      {"POST", "/api/v1/guides", {P::kManageGuides}, S::kRegion},
      {"GET", "/api/v1/guides/{id}", {P::kManageGuides}, S::kRegion},
      {"PUT", "/api/v1/guides/{id}", {P::kManageGuides}, S::kRegion},
      {"GET", "/api/v1/guides/{id}/guide.pdf", {P::kManageGuides}, S::kRegion},
      {"GET", "/api/v1/public/centres/{id}/duty", {}, S::kPublic},
      {"GET", "/api/v1/public/regions/{id}/guides", {}, S::kPublic},
      {"GET", "/api/v1/public/guides/{id}", {}, S::kPublic},
      {"GET", "/api/v1/public/guides/{id}/guide.pdf", {}, S::kPublic},
      // Scorecards (考核, scorecards_api.cpp).
      {"GET", "/api/v1/scorecards", {P::kReadScorecards}, S::kList},
      {"GET", "/api/v1/scorecards/export", {P::kReadScorecards}, S::kList},
      {"GET", "/api/v1/scorecards/settings", {P::kReadScorecards}, S::kCounty},
      {"PUT", "/api/v1/scorecards/settings", {P::kConfigureScorecards}, S::kCounty},
      {"GET", "/api/v1/scorecards/{id}", {P::kReadScorecards}, S::kRegion},
      {"PUT", "/api/v1/scorecards/{id}/manual", {P::kEnterScorecards}, S::kRegion},
      // Meetings that decide (议事会议), their decisions, reception days (接待日).
      {"GET", "/api/v1/public/reception-days", {}, S::kPublic},
      {"GET", "/api/v1/meetings", {P::kReadMeetings}, S::kList},
      {"POST", "/api/v1/meetings", {P::kManageMeetings}, S::kRegion},
      {"GET", "/api/v1/meetings/{id}", {P::kReadMeetings}, S::kRegion},
      {"PUT", "/api/v1/meetings/{id}", {P::kManageMeetings}, S::kRegion},
      {"POST", "/api/v1/meetings/{id}/decisions", {P::kManageMeetings}, S::kRegion},
      {"POST", "/api/v1/decisions/{id}/done", {P::kCompleteDecisions}, S::kSession},
      {"POST", "/api/v1/decisions/{id}/matter", {P::kManageMeetings}, S::kRegion},
      {"GET", "/api/v1/decisions/mine", {P::kCompleteDecisions}, S::kSession},
      {"GET", "/api/v1/decisions/overdue", {P::kReadMeetings}, S::kList},
      // Pairing (结对共建, pairing_api.cpp).
      {"GET", "/api/v1/pairing/pairs", {P::kReadPairing}, S::kList},
      {"POST", "/api/v1/pairing/pairs", {P::kManagePairing}, S::kRegion},
      {"GET", "/api/v1/pairing/pairs/{id}", {P::kReadPairing}, S::kRegion},
      {"POST", "/api/v1/pairing/pairs/{id}/needs", {P::kManagePairing}, S::kRegion},
      {"POST", "/api/v1/pairing/pairs/{id}/resources", {P::kManagePairing}, S::kRegion},
      {"POST", "/api/v1/pairing/pairs/{id}/matches", {P::kManagePairing}, S::kRegion},
      {"POST", "/api/v1/pairing/matches/{id}/done", {P::kManagePairing}, S::kRegion},
      {"POST", "/api/v1/pairing/pairs/{id}/projects", {P::kManagePairing}, S::kRegion},
      {"POST", "/api/v1/pairing/joint-projects/{id}/state", {P::kManagePairing}, S::kRegion},
      {"GET", "/api/v1/pairing/pairs/{id}/report", {P::kReadPairing}, S::kRegion},
      {"GET", "/api/v1/public/pairing/{id}/needs", {}, S::kPublic},
      // Away members (离乡不离党) and online study (away_api.cpp).
      {"GET", "/api/v1/away/members", {P::kReadAway}, S::kList},
      {"GET", "/api/v1/away/members/{id}/contacts", {P::kReadAway}, S::kRegion},
      {"POST", "/api/v1/away/members/{id}/contacts", {P::kManageAway}, S::kRegion},
      {"GET", "/api/v1/study/activities", {P::kReadAway}, S::kList},
      {"POST", "/api/v1/study/activities", {P::kManageAway}, S::kRegion},
      {"GET", "/api/v1/study/activities/{id}", {P::kReadAway}, S::kRegion},
      {"POST", "/api/v1/study/activities/{id}/make-up", {P::kManageAway}, S::kRegion},
      {"GET", "/api/v1/study/my", {P::kStudyAttend}, S::kSession},
      {"POST", "/api/v1/study/activities/{id}/attend", {P::kStudyAttend}, S::kSession},
      // Volunteer service (志愿服务, volunteers_api.cpp); the team leader and the volunteer's own
      // account are checked by the use case.
      {"GET", "/api/v1/volunteer-teams", {P::kReadVolunteers, P::kManageVolunteers}, S::kList},
      {"POST", "/api/v1/volunteer-teams", {P::kManageVolunteers}, S::kRegion},
      {"GET",
       "/api/v1/volunteer-teams/{id}",
       {P::kReadVolunteers, P::kManageVolunteers},
       S::kRegion},
      {"POST",
       "/api/v1/volunteer-teams/{id}/volunteers",
       {P::kReadVolunteers, P::kManageVolunteers},
       S::kRegion},
      {"POST",
       "/api/v1/volunteers/{id}/active",
       {P::kReadVolunteers, P::kManageVolunteers},
       S::kRegion},
      {"POST",
       "/api/v1/volunteer-teams/{id}/activities",
       {P::kReadVolunteers, P::kManageVolunteers},
       S::kRegion},
      {"GET",
       "/api/v1/volunteer-activities/{id}",
       {P::kReadVolunteers, P::kManageVolunteers},
       S::kRegion},
      {"POST",
       "/api/v1/volunteer-activities/{id}/state",
       {P::kReadVolunteers, P::kManageVolunteers},
       S::kRegion},
      {"POST",
       "/api/v1/volunteer-activities/{id}/signups",
       {P::kReadVolunteers, P::kManageVolunteers, P::kJoinVolunteers},
       S::kRegion},
      {"POST",
       "/api/v1/volunteer-activities/{id}/attendance",
       {P::kReadVolunteers, P::kManageVolunteers},
       S::kRegion},
      {"GET",
       "/api/v1/volunteers/{id}/hours",
       {P::kReadVolunteers, P::kManageVolunteers, P::kJoinVolunteers},
       S::kRegion},
      {"POST", "/api/v1/volunteers/{id}/hours", {P::kManageVolunteers}, S::kRegion},
      {"POST",
       "/api/v1/volunteers/{id}/certificates",
       {P::kReadVolunteers, P::kManageVolunteers, P::kJoinVolunteers},
       S::kRegion},
      {"GET",
       "/api/v1/volunteer-certificates/{code}/pdf",
       {P::kReadVolunteers, P::kManageVolunteers, P::kJoinVolunteers},
       S::kRegion},
      {"GET", "/api/v1/volunteers/mine", {P::kJoinVolunteers}, S::kSession},
      {"GET", "/api/v1/public/volunteer-certificates/{code}", {}, S::kPublic},
      {"GET", "/api/v1/public/volunteer-activities/{id}", {}, S::kPublic},
      // Service providers (服务商, providers_api.cpp).
      {"GET", "/api/v1/providers", {P::kReadProviders}, S::kList},
      {"POST", "/api/v1/providers", {P::kManageProviders}, S::kCounty},
      {"GET", "/api/v1/providers/standard", {P::kReadProviders}, S::kCounty},
      {"PUT", "/api/v1/providers/standard", {P::kManageProviders}, S::kCounty},
      {"GET", "/api/v1/providers/{id}", {P::kReadProviders}, S::kUnit},
      {"PUT", "/api/v1/providers/{id}", {P::kManageProviders}, S::kCounty},
      {"POST", "/api/v1/providers/{id}/suspend", {P::kManageProviders}, S::kCounty},
      {"POST", "/api/v1/providers/{id}/reinstate", {P::kManageProviders}, S::kCounty},
      {"GET", "/api/v1/public/providers", {}, S::kPublic},
      // Open311 GeoReport v2 (open311_api.cpp): public, filing checks its own api_key.
      {"GET", "/open311/v2/{document}", {}, S::kPublic},
      {"POST", "/open311/v2/{document}", {}, S::kPublic},
      {"GET", "/open311/v2/services/{file}", {}, S::kPublic},
      {"GET", "/open311/v2/requests/{file}", {}, S::kPublic},
      {"GET", "/open311/v2/tokens/{file}", {}, S::kPublic},
      {"GET", "/api/v1/open311/keys", {P::kManageOpen311Keys}, S::kCounty},
      {"POST", "/api/v1/open311/keys", {P::kManageOpen311Keys}, S::kCounty},
      {"POST", "/api/v1/open311/keys/{id}/revoke", {P::kManageOpen311Keys}, S::kCounty},
  };
}

}  // namespace

std::string_view RouteScopeName(RouteScope scope) {
  switch (scope) {
    case S::kPublic:
      return "public";
    case S::kSession:
      return "session";
    case S::kList:
      return "list";
    case S::kCounty:
      return "county";
    case S::kRegion:
      return "region";
    case S::kMatter:
      return "matter";
    case S::kUnit:
      return "unit";
    case S::kHousehold:
      return "household";
  }
  return "";
}

const std::vector<RoutePermission>& RoutePermissions() {
  static const std::vector<RoutePermission> table = MakeTable();
  return table;
}

const RoutePermission* FindRoutePermission(std::string_view method, std::string_view pattern) {
  static const auto index = [] {
    std::map<std::pair<std::string_view, std::string_view>, const RoutePermission*> map;
    for (const auto& entry : RoutePermissions()) map[{entry.method, entry.pattern}] = &entry;
    return map;
  }();
  auto it = index.find({method, pattern});
  return it == index.end() ? nullptr : it->second;
}

bool RouteAllows(const RoutePermission& entry, domain::Role role) {
  for (auto permission : entry.any_of) {
    if (domain::RoleHas(role, permission)) return true;
  }
  return false;
}

}  // namespace minqing::http
