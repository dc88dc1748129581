// app::NetworkRepository over one leased Connection (the enclosing SqlStoreTx's transaction),
// with the SQL in sql/queries/network_*.sql and the tables of migrations V020–V021. The same SQL
// text runs on SQLite and PostgreSQL. Subtree filters take a region path prefix ("/1/2/"; empty
// means everything where the interface allows it) and throw domain::InvalidInput for anything
// but digits and slashes. Updates and deletes of a row that does not exist throw
// domain::NotFound; duplicate links, leader links and card codes throw domain::Conflict with a
// specific code. BulkInsertLinks goes through Connection::CopyRows: after it fails on
// PostgreSQL the transaction must be rolled back.
// Thread-safety: as the transaction (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/network_store.hpp"
#include "storage/connection.hpp"
#include "storage/sql_helpers.hpp"
#include "storage/sql_query_names.hpp"

namespace minqing::storage {

class SqlNetworkRepository final : public app::NetworkRepository {
 public:
  explicit SqlNetworkRepository(Connection& conn) : conn_(conn) {}

  void InsertNetworkPlan(const app::StoredNetworkPlan& plan) override;
  std::optional<app::StoredNetworkPlan> FindNetworkPlan(std::string_view id) override;
  bool DeleteNetworkPlan(std::string_view id) override;
  void DeleteNetworkPlansExpiredBy(domain::Epoch now) override;

  std::vector<app::NetworkHousehold> ListNetworkHouseholds(
      std::string_view region_path_prefix) override;
  std::vector<app::NetworkMember> ListNetworkMembers(std::string_view region_path_prefix) override;

  std::vector<domain::ContactLink> ListLinks(std::string_view region_path_prefix) override;
  std::vector<domain::ContactLink> ListLinksOfMember(domain::Id member_id) override;
  std::optional<domain::ContactLink> FindLinkOfHousehold(domain::Id household_id) override;
  void InsertLink(const domain::ContactLink& link) override;
  void UpdateLink(const domain::ContactLink& link) override;
  void DeleteLink(domain::Id link_id) override;
  void BulkInsertLinks(const std::vector<domain::ContactLink>& links) override;

  std::vector<domain::LeaderLink> ListLeaderLinks(std::string_view region_path_prefix) override;
  std::optional<domain::LeaderLink> FindLeaderLinkOfMember(domain::Id member_id) override;
  void InsertLeaderLink(const domain::LeaderLink& link) override;
  void DeleteLeaderLink(domain::Id link_id) override;

  void InsertLinkRequest(const domain::LinkRequest& request) override;
  void UpdateLinkRequest(const domain::LinkRequest& request) override;
  std::optional<domain::LinkRequest> FindLinkRequest(domain::Id id) override;
  // Pending requests first come, first served; otherwise newest first.
  std::vector<domain::LinkRequest> ListLinkRequests(std::string_view region_path_prefix,
                                                    bool pending_only) override;

  std::optional<domain::NetworkSettings> FindSettings(domain::Id region_id) override;
  void UpsertSettings(const domain::NetworkSettings& settings) override;
  std::optional<domain::ServiceStation> FindStation(domain::Id region_id) override;
  void UpsertStation(const domain::ServiceStation& station) override;

  // One statement: households and members are grouped by region path first, then the groups
  // are matched to the children's path prefixes. Throws NotFound for an unknown region.
  std::vector<domain::CoverageRow> CoverageByChild(domain::Id parent_region_id) override;
  domain::CoverageRow CoverageOf(domain::Id region_id) override;
  std::vector<std::pair<domain::Id, std::int64_t>> MemberLoads(
      std::string_view region_path_prefix) override;
  // Sorts: "address" (default), "number".
  domain::Page<domain::Household> ListUncovered(std::string_view region_path_prefix,
                                                const domain::PageRequest& page) override;

  // An empty region_path is taken from the region. The deliveries are made by one INSERT ...
  // SELECT over the subtree's households and their current links.
  void InsertNotice(const domain::Notice& notice) override;
  std::optional<domain::Notice> FindNotice(domain::Id id) override;
  // Notices published to a region of the subtree. Sorts: "-published_at" (default),
  // "published_at".
  domain::Page<domain::Notice> ListNotices(std::string_view region_path_prefix,
                                           const domain::PageRequest& page) override;
  // Ordered by household address.
  std::vector<domain::NoticeDelivery> ListDeliveries(domain::Id notice_id,
                                                     std::optional<domain::Id> member_id) override;
  std::optional<domain::NoticeDelivery> FindDelivery(domain::Id notice_id,
                                                     domain::Id household_id) override;
  void UpdateDelivery(const domain::NoticeDelivery& delivery) override;
  // Undelivered rows whose expected member (fixed at publication) is `member_id`.
  std::vector<domain::NoticeDelivery> ListPendingDeliveriesOfMember(domain::Id member_id) override;

  // An empty region_path is taken from the household.
  void InsertHouseholdEvent(const domain::HouseholdEvent& event) override;
  // kind, date, note, member and attendance.
  void UpdateHouseholdEvent(const domain::HouseholdEvent& event) override;
  std::optional<domain::HouseholdEvent> FindHouseholdEvent(domain::Id id) override;
  std::vector<domain::HouseholdEvent> ListHouseholdEvents(std::string_view region_path_prefix,
                                                          std::optional<domain::Id> member_id,
                                                          bool unattended_only) override;

  // An empty region_path is taken from the household.
  void InsertVisit(const domain::Visit& visit) override;
  void UpdateVisitConfirmation(const domain::Visit& visit) override;
  void UpdateVisitReview(const domain::Visit& visit) override;
  std::optional<domain::Visit> FindVisit(domain::Id id) override;
  // Newest first (visited_at, then id); the page's sort is ignored.
  std::vector<app::VisitorCandidate> ListVisitorCandidates(std::string_view region_path_prefix,
                                                           std::string_view text,
                                                           std::int64_t limit) override;
  domain::Page<domain::Visit> ListVisits(const app::VisitFilter& filter,
                                         const domain::PageRequest& page) override;
  // Filtered on the visit's copied region path; grouped by the household's current village
  // (a group's parent). Ordered by id.
  std::vector<std::pair<domain::Id, std::int64_t>> VisitedHouseholdsByVillage(
      std::string_view region_path_prefix, domain::Epoch from, domain::Epoch to) override;
  std::vector<std::pair<domain::Id, std::int64_t>> VisitedHouseholdsByVisitor(
      std::string_view region_path_prefix, domain::Epoch from, domain::Epoch to) override;
  std::vector<std::pair<domain::Id, std::int64_t>> ConfirmedHouseholdsByVillage(
      std::string_view region_path_prefix, domain::Epoch from, domain::Epoch to) override;
  std::vector<std::pair<domain::Id, std::int64_t>> ConfirmedHouseholdsByVisitor(
      std::string_view region_path_prefix, domain::Epoch from, domain::Epoch to) override;
  // Sorts: "address" (default), "number".
  domain::Page<domain::Household> ListUnvisited(std::string_view region_path_prefix,
                                                domain::Epoch from, domain::Epoch to,
                                                const domain::PageRequest& page) override;

  std::optional<std::string> FindCardCode(domain::Id household_id) override;
  // Throws Conflict when another household already has the code.
  void UpsertCardCode(domain::Id household_id, std::string_view code) override;
  std::optional<domain::Id> FindHouseholdByCardCode(std::string_view code) override;
  void UpsertVisitPhoneCode(const app::VisitPhoneCode& code) override;
  std::optional<app::VisitPhoneCode> FindVisitPhoneCode(domain::Id visit_id) override;
  void DeleteVisitPhoneCode(domain::Id visit_id) override;

 private:
  std::string_view Sql(sql::Query query) const;
  std::int64_t Exec(sql::Query query, const Params& params);
  std::vector<Row> Query(sql::Query query, const Params& params);
  // A select file followed by fixed clauses from the .cpp file.
  std::vector<Row> Select(sql::Query query, const std::string& tail, const Params& params);
  std::string RegionPath(domain::Id region_id);
  // One page of the households `b` selects (count, sort by HouseholdOrder, paging).
  domain::Page<domain::Household> HouseholdPage(QueryBuilder& b, const domain::PageRequest& page);

  Connection& conn_;
};

}  // namespace minqing::storage
