// The set of use-case services one running minqing exposes, wired by cli/ (the composition root)
// and handed to the HTTP layer. Thread-safety: every service is safe to share between threads.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "app/account_import.hpp"
#include "app/auth_service.hpp"
#include "app/away_service.hpp"
#include "app/matters/catalogue.hpp"
#include "app/matters/context.hpp"
#include "app/matters/handling.hpp"
#include "app/matters/intake.hpp"
#include "app/matters/joint.hpp"
#include "app/matters/queries.hpp"
#include "app/matters/rates.hpp"
#include "app/matters/requests.hpp"
#include "app/matters/sign_off.hpp"
#include "app/meetings.hpp"
#include "app/monthly_reports.hpp"
#include "app/network_service.hpp"
#include "app/notifications.hpp"
#include "app/open311/open311.hpp"
#include "app/pairing_service.hpp"
#include "app/party_roster.hpp"
#include "app/posting_service.hpp"
#include "app/projects.hpp"
#include "app/provider_service.hpp"
#include "app/public_links.hpp"
#include "app/region_tree.hpp"
#include "app/registry_service.hpp"
#include "app/reminders.hpp"
#include "app/request_limits.hpp"
#include "app/resident_self_service.hpp"
#include "app/roster.hpp"
#include "app/scorecards/scorecards.hpp"
#include "app/service_info/service_info.hpp"
#include "app/sms_outbox.hpp"
#include "app/sms_sender.hpp"
#include "app/store.hpp"
#include "app/surveys.hpp"
#include "app/tag_map.hpp"
#include "app/village_board.hpp"
#include "app/volunteer_service.hpp"
#include "app/votes.hpp"
#include "app/window/appointments.hpp"
#include "app/window/errands.hpp"
#include "app/window_ratings.hpp"

namespace minqing::app {

struct Services {
  explicit Services(std::unique_ptr<Store> opened_store)
      : store(std::move(opened_store)),
        links(*store),
        auth(*store),
        request_limits(*store),
        registry(*store),
        regions(*store),
        matters(*store, {}, LimitedOutbox()),
        intake(matters),
        queries(matters),
        handling(matters),
        sign_off(matters),
        rates(matters),
        catalogue(matters),
        requests(matters),
        appointments(*store),
        errands(*store),
        network(*store),
        roster(*store),
        party_roster(*store),
        accounts(*store, [this] { return links.Base(); }),
        notifier(LimitedOutbox()),
        reminders(*store, notifier),
        notifications(*store),
        feed(*store),
        sms_dispatcher(*store, nullptr),
        sms_outbox(*store, sms_dispatcher),
        self_service(*store, auth, intake),
        postings(*store),
        votes(*store),
        window_ratings(*store, &notifier),
        service_info(*store, links),
        village_board(network, postings, service_info, votes, links),
        surveys(*store),
        scorecards(*store),
        projects(*store),
        meetings(*store, intake, &notifier),
        pairing(*store),
        away(*store),
        volunteers(*store, links),
        providers(*store),
        joint(matters),
        monthly_reports(*store),
        tag_map(*store),
        open311(*store, intake) {
    sms_dispatcher.SetQuietHours(sms_quiet_hours);
    matters.SetNotifier(&notifier);
    network.SetNotifier(&notifier);
    network.SetSmsSender(LimitedOutbox());
    accounts.SetSmsSender(LimitedOutbox());
    self_service.SetSmsSender(LimitedOutbox());
    votes.SetSmsSender(LimitedOutbox());
    votes.SetPublicLinks(links);
    surveys.SetPublicLinks(links);
    network.SetPublicLinks(links);
    network.SetRegionLevels([this] { return regions.Levels(); });
    matters.SetPublicLinks(links);
    // A visit's problem becomes a matter (诉求) in one step, through the matters use case.
    network.SetMatterRaiser(
        [this](const Actor& actor, Id household_id, const VisitMatterInput& in) {
          MatterInput matter;
          matter.type = in.type.empty() ? "help" : in.type;
          matter.category_id = in.category_id;
          matter.channel = "home_visit";
          matter.urgency = in.urgency;
          matter.household_id = household_id;
          matter.title = in.title;
          matter.content = in.content;
          return intake.Accept(actor, matter).matter.id;
        });
  }

  // The development outbox behind the shared per-matter and per-phone limits (sms_sender.hpp).
  std::unique_ptr<SmsSender> LimitedOutbox() {
    return std::make_unique<LimitedSmsSender>(std::make_unique<OutboxSmsSender>(sms_quiet_hours),
                                              sms_limiter);
  }

  // Every read cache's hit and miss counters, for GET /metrics.
  std::vector<CacheCount> CacheCounts() const {
    std::vector<CacheCount> out;
    for (std::vector<CacheCount> counts :
         {auth.CacheCounts(), registry.CacheCounts(), matters.CacheCounts(), intake.CacheCounts(),
          queries.CacheCounts(), open311.CacheCounts()}) {
      for (CacheCount& count : counts) out.push_back(std::move(count));
    }
    return out;
  }

  std::unique_ptr<Store> store;
  // The base of every link and QR code (public_links.hpp); other services read it from here.
  PublicLinks links;
  // The limits on codes every service's sender applies (counted from the outbox, so every
  // service, process and restart counts the same codes).
  std::shared_ptr<const SmsLimiter> sms_limiter = std::make_shared<const SmsLimiter>();
  // The county's quiet hours for every message but a code (set from the SMS configuration).
  std::shared_ptr<SmsQuietHoursSetting> sms_quiet_hours = std::make_shared<SmsQuietHoursSetting>();
  AuthService auth;
  // Request limits shared by every server process (the suggestion box, Open311 keys).
  SharedRequestLimits request_limits;
  RegistryService registry;
  // The region tree's levels and its import from the statistical division codes.
  RegionTreeService regions;
  // The matter (诉求) area: the state its services share, then one service per use-case group.
  MattersContext matters;
  IntakeService intake;
  MatterQueryService queries;
  HandlingService handling;
  SignOffService sign_off;
  RatesService rates;
  CatalogueService catalogue;
  // Extension requests (延期申请) and honest outcomes (办结类型) with their approvals.
  MatterRequestService requests;
  // The window services beside matters.
  AppointmentService appointments;
  ErrandService errands;
  NetworkService network;
  RosterService roster;
  PartyRosterService party_roster;
  AccountImportService accounts;  // Accounts in bulk: import, activation letters, bulk changes.
  // Messages that reach people: notifications written with the changes that cause them, the
  // message centre, its live feed, and the SMS outbox's sender (its gateway is set by the server
  // before it starts sending, see SmsDispatcher::SetGateway) and administration.
  Notifier notifier;
  // The calendar's reminders (notice due, appointment tomorrow): the server calls Run each minute.
  ReminderService reminders;
  NotificationService notifications;
  NotificationFeed feed;
  SmsDispatcher sms_dispatcher;
  SmsOutboxService sms_outbox;
  // Residents' sign-up, log-in and contact-card reports by a code sent to their phone.
  ResidentSelfService self_service;
  // Postings (驻村) and target-responsibility agreements (目标责任书).
  PostingService postings;
  // Year-end report and vote (述职评议).
  VoteService votes;
  // Window ratings (窗口即时评价) and the suggestion box (意见箱).
  WindowRatingService window_ratings;
  // On duty and public service information: centres' duty rosters, badges, service guides.
  ServiceInfoService service_info;
  // The village board (公开栏) as one public whole and its A3 poster.
  VillageBoardService village_board;
  // Surveys and evaluations (问卷与评议: 三问三解, 三有两评).
  SurveyService surveys;
  // Scorecards (考核) of postings, their ranking and export.
  ScorecardService scorecards;
  // Livelihood projects (民生项目): joint teams, households' consent, plans, issue log.
  ProjectService projects;
  // Meetings that decide (议事会议) and their decisions; reception days (接待日).
  MeetingService meetings;
  // Unit–village pairing (结对共建): needs, resources, matches, yearly report.
  PairingService pairing;
  // Away members (离乡不离党): contact log, list, online study activities and attendance.
  AwayService away;
  // Volunteer service (志愿服务): teams, activities, sign-up, attendance, hours, certificates.
  VolunteerService volunteers;
  // Service providers (服务商): profiles, ratings from sign-offs, suspension.
  ProviderService providers;
  // Joint handling of matters (主办/协办) and first-receiver disputes (争议).
  JointService joint;
  // Monthly ranking reports (月度通报): the ranking, its PDF and xlsx, kept per month.
  MonthlyReportService monthly_reports;
  // Statistics by household tag (按标签统计) and the map (地图) of households and matters.
  TagMapService tag_map;
  // Open311 GeoReport v2 (外部系统接入): outside applications file and read matters; API keys.
  Open311Service open311;
};

}  // namespace minqing::app
