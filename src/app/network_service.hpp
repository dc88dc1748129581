// Use cases of the 1+10 contact network (党员联系户), its duties (四到户 notices, 五必到 events),
// the people's-conditions diary (民情日记) with its yearly visit quotas, and the contact cards.
//
// Who may do what (every use case checks role and region scope; changes go to the audit log):
//   - admin and leader read everything in their scope; centre_staff and village_assistant read
//     their region; a party member reads and acts only for the households linked to them.
//   - Organisation changes (settings, builder apply, pins, deciding link requests, member status)
//     are for admin and for centre_staff within their township.
//   - The diary is append-only: there is no update of a visit at all. A correction is a new entry
//     whose corrects_id names the original (allowed at any time); only the household's
//     confirmation and a supervisor's review are added to an existing entry. A resident account
//     reads and confirms the visits to its own household only.
//
// A village plan has two layers built by the same min-cost-flow builder: members → households
// (capacity households_per_member) and party-group leaders → the village's other members
// (一人联十人, capacity members_per_leader; a village without groups uses its branch leaders).
//
// Builder plans are kept in the database (network_plans) for 30 minutes under a random plan id
// together with the fingerprint of the village's input, so that any server process of a
// deployment applies them; Apply re-reads the village, refuses (409 network.plan_stale) when the
// fingerprint changed, and deletes the plan in its transaction: a plan is applied once.
//
// Thread-safety: safe to share between threads and processes (all state lives in the Store).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/actor.hpp"
#include "app/public_links.hpp"
#include "app/region_labels.hpp"
#include "app/sms_sender.hpp"
#include "app/store.hpp"
#include "domain/contact_network_builder.hpp"
#include "domain/matter.hpp"
#include "domain/network.hpp"
#include "domain/region_levels.hpp"

namespace minqing::app {

class Notifier;

// One link of a builder plan, with the names a person needs to read the diff.
struct PlanLink {
  std::optional<Id> link_id;  // Existing links (kept, removed).
  Id member_id = 0;
  std::string member_name;
  Id household_id = 0;
  std::string household_address;
  domain::LinkKind kind = domain::LinkKind::kBuilt;
  std::int64_t distance_m = 0;
};

struct PlanUncovered {
  Id household_id = 0;
  std::string address;
  std::string reason;  // "no_members", "all_unable", "none_within_reach", "no_capacity_left"
};

struct PlanLoad {
  Id member_id = 0;
  std::string name;
  std::int64_t capacity = 0;
  std::int64_t households = 0;
};

// One leader → member link of a builder plan (一人联十人).
struct PlanLeaderLink {
  std::optional<Id> link_id;  // Existing links (kept, removed).
  Id leader_member_id = 0;
  std::string leader_name;
  Id member_id = 0;
  std::string member_name;
  domain::LinkKind kind = domain::LinkKind::kBuilt;
  std::int64_t distance_m = 0;
};

struct PlanUncoveredMember {
  Id member_id = 0;
  std::string name;
  std::string reason;  // As PlanUncovered::reason ("no_members" = the village has no leader).
};

// The group-leader layer of a village plan: party-group leaders (carers, capacity
// settings.members_per_leader; none when away or unable) linked to the village's other members.
struct LeaderPreview {
  std::vector<PlanLeaderLink> added;
  std::vector<PlanLeaderLink> removed;
  std::vector<PlanLeaderLink> kept;
  std::vector<PlanUncoveredMember> uncovered;
  std::vector<PlanLoad> loads;  // member_id/name: the leader; households: members linked.
  std::vector<domain::PartyOrg> groups_without_leader;
};

// The diff shown before a plan is applied.
struct NetworkPreview {
  std::string plan_id;
  Id region_id = 0;
  std::vector<PlanLink> added;
  std::vector<PlanLink> removed;
  std::vector<PlanLink> kept;
  std::vector<PlanUncovered> uncovered;
  std::vector<PlanLoad> loads;
  std::int64_t total_metres = 0;
  double solve_ms = 0;
  // The leader layer; absent from repair plans (member status changes), which touch households
  // only.
  std::optional<LeaderPreview> leaders;
};

struct ApplyResult {
  Id region_id = 0;
  std::int64_t added = 0;
  std::int64_t removed = 0;
  std::int64_t kept = 0;
  std::int64_t leader_added = 0;
  std::int64_t leader_removed = 0;
  std::int64_t leader_kept = 0;
};

struct CountyBuildResult {
  std::int64_t villages = 0;
  std::int64_t households = 0;
  std::int64_t links = 0;  // After the build.
  std::int64_t added = 0;
  std::int64_t removed = 0;
  std::int64_t uncovered = 0;
  std::int64_t leader_links = 0;   // Leader → member links after the build.
  std::int64_t members_unled = 0;  // Members left without a group leader.
  double solve_ms = 0;             // Builder time only (sum over villages).
  double total_ms = 0;             // Including reading and writing.
  bool applied = false;
};

struct MemberStatusInput {
  std::optional<bool> away;
  std::optional<bool> can_take_households;
  std::optional<std::int64_t> capacity;
  bool deceased = false;
};

struct LinkInput {
  Id member_id = 0;
  Id household_id = 0;
  std::string kind = "pinned";  // "pinned" or "chosen"
};

// A village's network as a tree: party group → leader → members → households.
struct NetworkTreeMember {
  NetworkMember member;
  std::int64_t capacity = 0;  // Effective capacity under the settings.
  std::vector<domain::ContactLink> households;
  std::optional<domain::LeaderLink> leader_link;  // The group leader looking after the member.
};

struct NetworkTreeGroup {
  domain::PartyOrg org;
  std::optional<NetworkMember> leader;
  std::vector<NetworkTreeMember> members;
  // The members the group's leader looks after (leader links), whichever group they belong to.
  std::vector<domain::LeaderLink> led_members;
};

struct VillageNetwork {
  domain::Region region;
  domain::NetworkSettings settings;
  std::vector<NetworkTreeGroup> groups;
  std::vector<domain::Household> uncovered;
  // Contact-card codes of the village's households (created on first read, as for the printed
  // cards), for those who may print the village's cards; empty otherwise.
  std::unordered_map<Id, std::string> card_codes;
};

struct LoadBucket {
  std::int64_t households = 0;  // Households per member.
  std::int64_t members = 0;
};

struct CoverageReport {
  domain::CoverageRow region;
  std::vector<domain::CoverageRow> children;
  std::vector<LoadBucket> load_histogram;
  domain::Page<domain::Household> uncovered;
};

// A notice still to be delivered to one of the member's households.
struct MyNotice {
  domain::NoticeDelivery delivery;
  std::string title;
  domain::NoticeKind kind = domain::NoticeKind::kPolicy;
  std::optional<domain::Epoch> due_at;
};

// A party member's own page ("my households").
struct MyHousehold {
  domain::Household household;
  domain::LinkKind link_kind = domain::LinkKind::kBuilt;
  std::vector<MyNotice> pending_notices;
  // Matters of the household not yet closed (accepted, dispatched, in progress, replied), newest
  // first, at most 20.
  std::vector<domain::Matter> open_matters;
  std::vector<domain::HouseholdEvent> events;  // Unattended events first.
  std::optional<domain::Epoch> last_visit_at;
  std::optional<domain::Epoch> last_confirmed_visit_at;  // The household confirmed it.
};

struct MyNetwork {
  domain::PartyMember member;
  std::vector<MyHousehold> households;
  std::optional<domain::PartyMember> leader;
};

struct NoticeInput {
  Id region_id = 0;
  std::string kind;  // domain::NoticeKindCode
  std::string title;
  std::string body;
  std::string due_date;  // YYYY-MM-DD, optional.
};

struct NoticeDetail {
  domain::Notice notice;
  std::vector<domain::NoticeDelivery> deliveries;
};

struct HouseholdEventInput {
  Id household_id = 0;
  std::string kind;  // domain::HouseholdEventKindCode
  std::string date;  // YYYY-MM-DD
  std::string note;
};

// A problem found on a visit, turned into a matter (诉求) in the same request.
struct VisitMatterInput {
  std::string type;  // Matter type code; default "request".
  std::optional<Id> category_id;
  std::string urgency;
  std::string title;
  std::string content;
};

struct VisitInput {
  Id household_id = 0;
  std::string kind = "routine";             // domain::VisitKindCode
  std::string way = "in_person";            // domain::kVisitWays; "" reads as in person.
  std::optional<domain::Epoch> visited_at;  // Default: now.
  std::string learned;
  std::string problems;
  std::string help;
  std::optional<VisitMatterInput> raise_matter;
  std::optional<Id> corrects_id;
  std::optional<Id> household_event_id;
  std::optional<Id> notice_id;
};

struct VisitQuery {
  std::optional<Id> region_id;
  std::optional<Id> household_id;
  std::optional<Id> visitor_user_id;
  std::optional<domain::Epoch> from;
  std::optional<domain::Epoch> to;
  std::optional<bool> confirmed;
};

struct QuotaVillage {
  domain::QuotaRow row;
  double progress = 0;            // visited / required, capped at 1.
  double confirmed_progress = 0;  // row.confirmed / required, capped at 1.
};

struct QuotaVisitor {
  Id user_id = 0;
  std::string name;
  std::int64_t visited = 0;    // Distinct households visited, confirmed or not.
  std::int64_t confirmed = 0;  // Of those, households with a confirmed visit.
};

struct QuotaReport {
  int year = 0;
  std::vector<QuotaVillage> villages;
  std::vector<QuotaVisitor> visitors;
};

// What one contact card shows (and the household's public page).
struct ContactCardData {
  Id household_id = 0;
  std::string card_code;
  std::string public_url;  // <base>/h/<card_code>
  std::string village_name;
  std::string household_address;
  std::string head_name;
  std::string member_name;
  std::string member_phone;
  std::string leader_name;
  std::string leader_phone;
  bool member_leads_group = false;  // The contact member is the party-group leader (no leader_*).
  std::string assistant_name;
  std::string assistant_phone;
  std::string station_hours;
  std::string village_level = "村";  // The village level's configured name (村, 社区).
};

// An account that may be a village's station assistant: an active 村助理 whose scope holds the
// village.
struct StationAssistant {
  Id id = 0;
  std::string name;        // Display name, else the username.
  std::string scope_name;  // The region of the account's scope.
};

// A village's service station (综合服务站) as the network page edits it: the stored one, or an
// empty one (stored = false), in which case contact cards print default_hours; and the
// accounts its assistant is chosen from (PutStation refuses any other).
struct StationView {
  domain::ServiceStation station;
  bool stored = false;
  std::string assistant_name;  // Of station.assistant_user_id.
  std::string default_hours;
  std::vector<StationAssistant> assistants;  // By name.
};

// 公开栏: a village's members and their households, names only.
struct PublicBoardMember {
  std::string name;
  std::vector<std::string> households;  // Head names.
};

// A party group (党小组, or the branch for members outside any group) and its leader.
struct PublicBoardGroup {
  std::string name;
  std::string leader;  // The org's leader; empty when it has none.
  std::vector<PublicBoardMember> members;
};

// A 四到户 notice in force on the board's day (network_board.cpp): no delivery details.
struct PublicBoardNotice {
  std::string kind_label;
  std::string title;
  std::string body;
  std::string published_on;  // YYYY-MM-DD, China date.
  std::string due_on;        // Empty without a due date.
};

// An answered matter of the village, without any personal data: no number, names, phones,
// addresses, title, content, reply or comment (free text may hold any of them).
struct PublicBoardMatter {
  std::string type_label;      // 咨询, 求助, ...
  std::string category;        // The category's name; empty without one.
  std::string status;          // "replied" or "closed".
  std::string status_label;    // 已答复, 已办结.
  std::string accepted_on;     // YYYY-MM-DD.
  std::string answered_on;     // The first reply's date.
  std::string closed_on;       // Empty while not closed.
  bool on_time = false;        // Replied by its deadline.
  std::optional<bool> solved;  // The resident's sign-off, when given.
  std::optional<int> rating;   // 1..5, when given.
};

struct PublicBoard {
  std::string village_name;
  // The current village affairs assistant (the posting, else the station's assistant).
  std::string assistant_name;
  std::string assistant_phone;
  std::vector<PublicBoardMember> members;
  // The same members by party group (a group with no linked member is left out).
  std::vector<PublicBoardGroup> groups;
  std::vector<PublicBoardNotice> notices;  // Newest first.
  std::vector<PublicBoardMatter> matters;  // Newest first, at most kBoardMatters.
  std::string station_hours;  // "<place>：<hours>；电话 …", or the county default's text.
  std::string today;          // YYYY-MM-DD, China date of `now`.
};
inline constexpr int kBoardMatters = 30;
inline constexpr int kBoardNoticeDays = 30;

// Turns a visit's problem into a matter and returns its id; wired by Services to the matters use
// case. Runs in its own transaction.
using MatterRaiser = std::function<Id(const Actor&, Id household_id, const VisitMatterInput&)>;

class NetworkService {
 public:
  explicit NetworkService(Store& store);
  ~NetworkService();

  // Wiring (set-up only, before concurrent use).
  void SetMatterRaiser(MatterRaiser raiser) { raise_matter_ = std::move(raiser); }
  bool CanRaiseMatters() const { return static_cast<bool>(raise_matter_); }
  // Base of the QR code links printed on contact cards, e.g. "https://minqing.example.cn".
  // The base of the cards' /h/<code> links; without it, PublicLinks::kDefaultBase. `links` must
  // outlive this service.
  void SetPublicLinks(const PublicLinks& links) { links_ = &links; }
  // The hours a village without a station of its own prints, after "<村>综合服务站：".
  void SetStationHours(std::string text) { station_hours_ = std::move(text); }
  // The deployment's region levels (RegionTreeService::Levels), for the village level's name on
  // cards and stations; without it, they are read from the store on each call.
  void SetRegionLevels(std::function<domain::RegionLevels()> levels) {
    levels_ = std::move(levels);
  }
  // The SMS sender of visit confirmation codes; the default is the development outbox, as for
  // the matters' sign-off codes.
  void SetSmsSender(std::unique_ptr<SmsSender> sender) { sms_ = std::move(sender); }
  // Who is told of the network's changes (network_notify.hpp): a 五必到 event recorded (the
  // linked member and their group leader), links made, moved or removed (pins, approved requests,
  // applied plans, leader links) and a member's status; none until set. `notifier` must outlive
  // this service.
  void SetNotifier(Notifier* notifier) { notifier_ = notifier; }

  // A village's service station: read by the network's readers; set (upserted, audited before
  // and after as "network.station") by an administrator or the township's centre staff.
  // InvalidInput on empty or over-long hours, a bad phone or an assistant who is no user.
  StationView GetStation(const Actor& actor, Id village_id);
  StationView PutStation(const Actor& actor, Id village_id, const domain::ServiceStation& input);

  // Settings (nearest ancestor with a row; defaults otherwise).
  domain::NetworkSettings GetSettings(const Actor& actor, Id region_id);
  domain::NetworkSettings PutSettings(const Actor& actor, Id region_id,
                                      const domain::NetworkSettings& settings);

  // The builder.
  VillageNetwork GetVillage(const Actor& actor, Id village_id);
  NetworkPreview Preview(const Actor& actor, Id village_id);
  ApplyResult Apply(const Actor& actor, const std::string& plan_id);
  domain::ContactLink Pin(const Actor& actor, const LinkInput& input);
  void DeleteLink(const Actor& actor, Id link_id);
  // The organisation designates the party-group leader who looks after a member (一人联十人): a
  // pinned leader link, kept by later builds; replaces the member's current leader link. The
  // leader must lead a party group whose region holds the member.
  domain::LeaderLink PinLeader(const Actor& actor, Id leader_member_id, Id member_id);
  // Removes the member's leader link, pinned or built (the next build may link them again).
  void UnlinkLeader(const Actor& actor, Id member_id);
  domain::LinkRequest RequestLink(const Actor& actor, Id household_id, const std::string& reason);
  domain::LinkRequest DecideLinkRequest(const Actor& actor, Id request_id, bool approve);
  std::vector<domain::LinkRequest> ListLinkRequests(const Actor& actor, std::optional<Id> region_id,
                                                    bool pending_only);
  // Saves the member's status and returns a repair plan for just their households.
  NetworkPreview ChangeMemberStatus(const Actor& actor, Id member_id,
                                    const MemberStatusInput& input);
  // Every village of the database (or of `region_id`'s subtree); one transaction per township.
  CountyBuildResult BuildCounty(const Actor& actor, bool apply,
                                std::optional<Id> region_id = std::nullopt);

  // Coverage and the member's own page.
  CoverageReport Coverage(const Actor& actor, std::optional<Id> region_id,
                          const domain::PageRequest& uncovered_page);
  MyNetwork My(const Actor& actor);

  // 四到户 notices.
  domain::Notice PublishNotice(const Actor& actor, const NoticeInput& input);
  domain::Page<domain::Notice> ListNotices(const Actor& actor, std::optional<Id> region_id,
                                           const domain::PageRequest& page);
  NoticeDetail GetNotice(const Actor& actor, Id notice_id);
  domain::NoticeDelivery RecordDelivery(const Actor& actor, Id notice_id, Id household_id,
                                        const std::string& opinion);

  // 五必到 events.
  domain::HouseholdEvent RecordEvent(const Actor& actor, const HouseholdEventInput& input);
  std::vector<domain::HouseholdEvent> ListEvents(const Actor& actor, std::optional<Id> region_id,
                                                 bool unattended_only);
  domain::HouseholdEvent Attend(const Actor& actor, Id event_id, const std::string& note);

  // The diary.
  domain::Visit LogVisit(const Actor& actor, const VisitInput& input);
  domain::Page<domain::Visit> ListVisits(const Actor& actor, const VisitQuery& query,
                                         const domain::PageRequest& page);
  domain::Visit GetVisit(const Actor& actor, Id visit_id);
  // What the diary's visitor filter offers: users who may write the diary (visits.log) whose
  // scope lies in the reader's (or under region_id) and whose name contains `text`; at most 20,
  // by name. A party member, who reads only their own entries, is offered only themself.
  std::vector<VisitorCandidate> VisitorCandidates(const Actor& actor, std::optional<Id> region_id,
                                                  const std::string& text);
  // Confirmation comes from the household's side only (a member can download every card they
  // carry, so the static card code proves nothing). The proofs, recorded as the visit's
  // confirmed_via channel and in the audit entry:
  //   - "phone_code": a one-time code sent to the household head's phone (SendVisitPhoneCode),
  //     entered by whoever the household tells it to (ConfirmVisitByPhone, ConfirmVisitPublic);
  //   - "household_account": the household's own logged-in resident account
  //     (ConfirmVisitByHousehold).
  // Older entries keep "card_code" (confirmed by the card code before V024).
  //
  // Refuses every confirmation without one of those proofs: visit.proof_required (the card code
  // alone). Same access as GetVisit.
  domain::Visit ConfirmVisit(const Actor& actor, Id visit_id, const std::string& card_code);
  // Sends a 6-digit code (valid 10 minutes, single use) to the household head's phone and returns
  // the masked number; a new request replaces the code. Same access as GetVisit (and the
  // household's own account). visit.no_phone when the household has no phone; visit.confirmed
  // (409) once confirmed.
  std::string SendVisitPhoneCode(const Actor& actor, Id visit_id);
  // Confirms with that code: visit.bad_phone_code, visit.phone_code_expired, and after 5 wrong
  // codes visit.too_many_attempts (429) until a new code is sent; the code is deleted when used,
  // so it cannot be used again (visit.confirmed for the same visit, visit.bad_phone_code for
  // another).
  domain::Visit ConfirmVisitByPhone(const Actor& actor, Id visit_id, const std::string& phone_code);
  // The household's own resident account (a resident whose household is the visit's household).
  // Anyone else: visit.not_own_household (403). visit.confirmed (409) once confirmed.
  domain::Visit ConfirmVisitByHousehold(const Actor& actor, Id visit_id);
  // The household's public page (/h/<card_code>), no login: the card code names the household,
  // the phone code proves it. An empty phone_code is visit.proof_required; a wrong card code or
  // a visit of another household is visit.bad_card_code (one answer, nothing to probe).
  domain::Visit ConfirmVisitPublic(const std::string& card_code, Id visit_id,
                                   const std::string& phone_code, domain::Epoch now);
  // Sends the one-time code from the public page (to the head's phone, never shown on the page).
  std::string SendVisitPhoneCodePublic(const std::string& card_code, Id visit_id,
                                       domain::Epoch now);
  // The household's visits waiting for confirmation (newest first, at most 20), for its public
  // page. visit.bad_card_code for an unknown code.
  std::vector<domain::Visit> PendingVisitsPublic(const std::string& card_code);
  domain::Visit ReviewVisit(const Actor& actor, Id visit_id, int grade, const std::string& comment);

  // Quotas (a year in China Standard Time).
  QuotaReport Quota(const Actor& actor, std::optional<Id> region_id, int year);
  domain::Page<domain::Household> Unvisited(const Actor& actor, std::optional<Id> region_id,
                                            int year, const domain::PageRequest& page);

  // Contact cards and public lists.
  std::string HouseholdCardPdf(const Actor& actor, Id household_id);
  std::string VillageCardsPdf(const Actor& actor, Id village_id);
  std::vector<ContactCardData> VillageCards(const Actor& actor, Id village_id);
  // No login. `now` picks the current assistant posting (posting_service.hpp) and the notices in
  // force: published on or before today (China date), and due today or later, or without a due
  // date published in the last kBoardNoticeDays days. region.not_found for a non-village.
  PublicBoard Board(Id village_id, domain::Epoch now);
  ContactCardData PublicHousehold(const std::string& card_code, domain::Epoch now);

 private:
  struct StoredPlan;
  struct VillageInput;

  VillageInput LoadVillageInput(StoreTx& tx, const domain::Region& village, domain::Epoch now);
  // `leader_plan` is null for repair plans (households only).
  NetworkPreview StorePlan(const VillageInput& input, const domain::NetworkPlan& plan,
                           const domain::NetworkPlan* leader_plan, double solve_ms,
                           domain::Epoch now);
  ApplyResult WritePlan(StoreTx& tx, const Actor& actor, const VillageInput& input,
                        const domain::NetworkPlan& plan, const domain::NetworkPlan* leader_plan,
                        bool audit);
  std::string EnsureCardCode(StoreTx& tx, Id household_id);
  // Sends the visit's one-time code to the household head's phone, in the caller's transaction.
  std::string SendPhoneCode(StoreTx& tx, const Actor& actor, const domain::Visit& visit);
  ContactCardData CardOf(StoreTx& tx, const domain::Household& household,
                         const std::string& village_name, const std::string& assistant_name,
                         const std::string& assistant_phone, const std::string& village_level);
  // The village level's configured name (村, 社区). Called outside a transaction.
  std::string VillageLevelName();
  // The board's sections beyond the members (network_board.cpp), in the caller's transaction.
  void FillBoard(StoreTx& tx, const domain::Region& village, domain::Epoch now,
                 const std::string& village_level, PublicBoard& board);
  // The station text of a village without a station of its own.
  std::string DefaultStationHours(const std::string& village_level) const {
    return village_level + "综合服务站：" + station_hours_;
  }

  Store& store_;
  MatterRaiser raise_matter_;
  std::string station_hours_ = "周一至周五 8:30—12:00、14:00—17:30；节假日可预约";
  std::function<domain::RegionLevels()> levels_;
  std::unique_ptr<SmsSender> sms_ = std::make_unique<OutboxSmsSender>();
  RegionLabels region_labels_{store_};
  const PublicLinks* links_ = nullptr;
  Notifier* notifier_ = nullptr;
};

}  // namespace minqing::app
