// Storage of the 1+10 contact network, its duties and the people's-conditions diary (民情日记),
// reached through StoreTx::Network() so that every call runs in the caller's transaction.
// Lookups return nullopt when nothing matches; uniqueness violations throw domain::Conflict.
// Thread-safety: as StoreTx (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/model.hpp"
#include "domain/network.hpp"

namespace minqing::app {

// What the builder needs about one household of a village.
struct NetworkHousehold {
  domain::Id id = 0;
  domain::Id region_id = 0;  // Village or group.
  std::optional<double> lat;
  std::optional<double> lng;
  std::string address;
};

// What the builder needs about one party member living in a region subtree.
struct NetworkMember {
  domain::Id id = 0;
  domain::Id resident_id = 0;
  std::optional<domain::Id> household_id;
  domain::Id region_id = 0;
  std::optional<double> lat;  // Of the member's household.
  std::optional<double> lng;
  bool away = false;
  bool can_take_households = true;
  std::int64_t capacity = 10;
  std::string birth_date;
  std::string name;
  domain::Id org_id = 0;
};

// A one-time code sent to the household head's phone to confirm a visit (SHA-256 hex of
// "<visit id>:<code>"), with its expiry and the failed attempts so far.
struct VisitPhoneCode {
  domain::Id visit_id = 0;
  std::string code_hash;
  domain::Epoch expires_at = 0;
  int attempts = 0;
};

// A user who may be named as a diary visitor (the diary's visitor filter).
struct VisitorCandidate {
  domain::Id user_id = 0;
  std::string name;  // Display name, else username.
  domain::Role role = domain::Role::kPartyMember;
  std::string region_path;  // The user's scope.
};

struct VisitFilter {
  std::string region_path_prefix;
  std::optional<domain::Id> household_id;
  std::optional<domain::Id> visitor_user_id;
  std::optional<domain::Epoch> from;  // Inclusive.
  std::optional<domain::Epoch> to;    // Exclusive.
  // Confirmed by the household (a proof other than the old "card_code"), or not.
  std::optional<bool> confirmed;
};
// Visit lists are newest first.

// A previewed network plan, kept in the database until it is applied or expires, so that any
// server process applies it (NetworkService). `body` is the plan as NetworkService encodes it.
struct StoredNetworkPlan {
  std::string id;
  domain::Id region_id = 0;
  std::string fingerprint;
  std::string body;
  domain::Epoch created_at = 0;
  domain::Epoch expires_at = 0;
};

class NetworkRepository {
 public:
  virtual ~NetworkRepository() = default;

  // Previewed plans.
  virtual void InsertNetworkPlan(const StoredNetworkPlan& plan) = 0;
  virtual std::optional<StoredNetworkPlan> FindNetworkPlan(std::string_view id) = 0;
  // Whether a plan was deleted (false: another transaction applied it first, or it never was).
  virtual bool DeleteNetworkPlan(std::string_view id) = 0;
  virtual void DeleteNetworkPlansExpiredBy(domain::Epoch now) = 0;

  // Builder inputs for a region subtree (a village and its groups).
  virtual std::vector<NetworkHousehold> ListNetworkHouseholds(
      std::string_view region_path_prefix) = 0;
  virtual std::vector<NetworkMember> ListNetworkMembers(std::string_view region_path_prefix) = 0;

  // Member → household links (at most one member per household: unique household_id).
  virtual std::vector<domain::ContactLink> ListLinks(std::string_view region_path_prefix) = 0;
  virtual std::vector<domain::ContactLink> ListLinksOfMember(domain::Id member_id) = 0;
  virtual std::optional<domain::ContactLink> FindLinkOfHousehold(domain::Id household_id) = 0;
  virtual void InsertLink(const domain::ContactLink& link) = 0;
  virtual void UpdateLink(const domain::ContactLink& link) = 0;  // member_id and kind.
  virtual void DeleteLink(domain::Id link_id) = 0;
  virtual void BulkInsertLinks(const std::vector<domain::ContactLink>& links) = 0;

  // Leader → member links (unique member_id).
  virtual std::vector<domain::LeaderLink> ListLeaderLinks(std::string_view region_path_prefix) = 0;
  // The link of the leader who looks after this member, if any.
  virtual std::optional<domain::LeaderLink> FindLeaderLinkOfMember(domain::Id member_id) = 0;
  virtual void InsertLeaderLink(const domain::LeaderLink& link) = 0;
  virtual void DeleteLeaderLink(domain::Id link_id) = 0;

  virtual void InsertLinkRequest(const domain::LinkRequest& request) = 0;
  virtual void UpdateLinkRequest(const domain::LinkRequest& request) = 0;
  virtual std::optional<domain::LinkRequest> FindLinkRequest(domain::Id id) = 0;
  virtual std::vector<domain::LinkRequest> ListLinkRequests(std::string_view region_path_prefix,
                                                            bool pending_only) = 0;

  // Settings of exactly this region (the caller walks up the path for the nearest ancestor).
  virtual std::optional<domain::NetworkSettings> FindSettings(domain::Id region_id) = 0;
  virtual void UpsertSettings(const domain::NetworkSettings& settings) = 0;
  // The service station of exactly this village, if one was stored.
  virtual std::optional<domain::ServiceStation> FindStation(domain::Id region_id) = 0;
  virtual void UpsertStation(const domain::ServiceStation& station) = 0;

  // Coverage per child region of `parent` (villages of a township, townships of a county...),
  // counted over each child's subtree; and for one region's own subtree.
  virtual std::vector<domain::CoverageRow> CoverageByChild(domain::Id parent_region_id) = 0;
  virtual domain::CoverageRow CoverageOf(domain::Id region_id) = 0;
  // Households per member (load distribution): member id → linked households, in the subtree.
  virtual std::vector<std::pair<domain::Id, std::int64_t>> MemberLoads(
      std::string_view region_path_prefix) = 0;
  // Households of the subtree without a link (uncovered), ordered by address.
  virtual domain::Page<domain::Household> ListUncovered(std::string_view region_path_prefix,
                                                        const domain::PageRequest& page) = 0;

  // 四到户 notices: Insert also creates one delivery row per household of the region subtree,
  // with the linked member at publication time.
  virtual void InsertNotice(const domain::Notice& notice) = 0;
  virtual std::optional<domain::Notice> FindNotice(domain::Id id) = 0;  // With counts.
  virtual domain::Page<domain::Notice> ListNotices(std::string_view region_path_prefix,
                                                   const domain::PageRequest& page) = 0;
  virtual std::vector<domain::NoticeDelivery> ListDeliveries(
      domain::Id notice_id, std::optional<domain::Id> member_id) = 0;
  virtual std::optional<domain::NoticeDelivery> FindDelivery(domain::Id notice_id,
                                                             domain::Id household_id) = 0;
  virtual void UpdateDelivery(const domain::NoticeDelivery& delivery) = 0;
  // Open (undelivered) notices for a member's households.
  virtual std::vector<domain::NoticeDelivery> ListPendingDeliveriesOfMember(
      domain::Id member_id) = 0;

  // 五必到 household events.
  virtual void InsertHouseholdEvent(const domain::HouseholdEvent& event) = 0;
  virtual void UpdateHouseholdEvent(const domain::HouseholdEvent& event) = 0;
  virtual std::optional<domain::HouseholdEvent> FindHouseholdEvent(domain::Id id) = 0;
  // Events in the subtree (all, or only those nobody attended yet), newest first.
  virtual std::vector<domain::HouseholdEvent> ListHouseholdEvents(
      std::string_view region_path_prefix, std::optional<domain::Id> member_id,
      bool unattended_only) = 0;

  // The diary. Visits are never updated except for confirmation and review fields.
  virtual void InsertVisit(const domain::Visit& visit) = 0;
  virtual void UpdateVisitConfirmation(const domain::Visit& visit) = 0;  // confirmed_at/via.
  virtual void UpdateVisitReview(const domain::Visit& visit) = 0;  // grade, comment, reviewer.
  virtual std::optional<domain::Visit> FindVisit(domain::Id id) = 0;
  virtual domain::Page<domain::Visit> ListVisits(const VisitFilter& filter,
                                                 const domain::PageRequest& page) = 0;
  // Active users whose scope path starts with the prefix and whose display name or username
  // contains `text` (all when empty), by name; at most `limit`.
  virtual std::vector<VisitorCandidate> ListVisitorCandidates(std::string_view region_path_prefix,
                                                              std::string_view text,
                                                              std::int64_t limit) = 0;
  // Distinct households visited in [from, to) per village (region id of the household's village
  // or group's village) under the prefix, and per visitor user.
  virtual std::vector<std::pair<domain::Id, std::int64_t>> VisitedHouseholdsByVillage(
      std::string_view region_path_prefix, domain::Epoch from, domain::Epoch to) = 0;
  virtual std::vector<std::pair<domain::Id, std::int64_t>> VisitedHouseholdsByVisitor(
      std::string_view region_path_prefix, domain::Epoch from, domain::Epoch to) = 0;
  // The same counts over visits the household confirmed (confirmed_at set by a proof other than
  // the old "card_code").
  virtual std::vector<std::pair<domain::Id, std::int64_t>> ConfirmedHouseholdsByVillage(
      std::string_view region_path_prefix, domain::Epoch from, domain::Epoch to) = 0;
  virtual std::vector<std::pair<domain::Id, std::int64_t>> ConfirmedHouseholdsByVisitor(
      std::string_view region_path_prefix, domain::Epoch from, domain::Epoch to) = 0;
  // Households of the subtree with no visit in [from, to), ordered by address.
  virtual domain::Page<domain::Household> ListUnvisited(std::string_view region_path_prefix,
                                                        domain::Epoch from, domain::Epoch to,
                                                        const domain::PageRequest& page) = 0;

  // Contact-card codes: a short random code per household, printed on its card, used by the
  // household to confirm visits.
  virtual std::optional<std::string> FindCardCode(domain::Id household_id) = 0;
  virtual void UpsertCardCode(domain::Id household_id, std::string_view code) = 0;
  virtual std::optional<domain::Id> FindHouseholdByCardCode(std::string_view code) = 0;

  // Phone confirmation codes of visits (one live code per visit; a new one replaces it).
  virtual void UpsertVisitPhoneCode(const VisitPhoneCode& code) = 0;
  virtual std::optional<VisitPhoneCode> FindVisitPhoneCode(domain::Id visit_id) = 0;
  virtual void DeleteVisitPhoneCode(domain::Id visit_id) = 0;
};

}  // namespace minqing::app
