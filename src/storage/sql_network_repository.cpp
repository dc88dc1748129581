#include "storage/sql_network_repository.hpp"

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "domain/errors.hpp"
#include "storage/sql_files.hpp"
#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

template <typename E>
std::int64_t Enum(E e) {
  return static_cast<std::int64_t>(e);
}

std::vector<std::pair<Id, std::int64_t>> ReadPairs(const std::vector<Row>& rows) {
  std::vector<std::pair<Id, std::int64_t>> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.emplace_back(row.GetInt64(0), row.GetInt64(1));
  return out;
}

app::NetworkHousehold ReadNetworkHousehold(const Row& row) {
  app::NetworkHousehold h;
  h.id = row.GetInt64(0);
  h.region_id = row.GetInt64(1);
  h.lat = row.GetOptionalDouble(2);
  h.lng = row.GetOptionalDouble(3);
  h.address = row.GetText(4);
  return h;
}

app::NetworkMember ReadNetworkMember(const Row& row) {
  app::NetworkMember m;
  m.id = row.GetInt64(0);
  m.resident_id = row.GetInt64(1);
  m.household_id = row.GetOptionalInt64(2);
  m.region_id = row.GetInt64(3);
  m.lat = row.GetOptionalDouble(4);
  m.lng = row.GetOptionalDouble(5);
  m.away = row.GetBool(6);
  m.can_take_households = row.GetBool(7);
  m.capacity = row.GetInt64(8);
  m.birth_date = row.GetText(9);
  m.name = row.GetText(10);
  m.org_id = row.GetInt64(11);
  return m;
}

domain::ContactLink ReadLink(const Row& row) {
  domain::ContactLink l;
  l.id = row.GetInt64(0);
  l.member_id = row.GetInt64(1);
  l.household_id = row.GetInt64(2);
  l.kind = static_cast<domain::LinkKind>(row.GetInt64(3));
  l.created_at = row.GetInt64(4);
  l.created_by = row.GetOptionalInt64(5);
  l.member_name = row.GetText(6);
  l.household_number = row.GetText(7);
  l.household_address = row.GetText(8);
  l.head_name = row.GetText(9);
  return l;
}

Params LinkParams(const domain::ContactLink& l) {
  return {l.id,         l.member_id,  l.household_id,
          Enum(l.kind), l.created_at, OptionalValue(l.created_by)};
}

domain::LeaderLink ReadLeaderLink(const Row& row) {
  domain::LeaderLink l;
  l.id = row.GetInt64(0);
  l.leader_member_id = row.GetInt64(1);
  l.member_id = row.GetInt64(2);
  l.kind = static_cast<domain::LinkKind>(row.GetInt64(3));
  l.created_at = row.GetInt64(4);
  l.member_name = row.GetText(5);
  return l;
}

domain::LinkRequest ReadLinkRequest(const Row& row) {
  domain::LinkRequest q;
  q.id = row.GetInt64(0);
  q.member_id = row.GetInt64(1);
  q.household_id = row.GetInt64(2);
  q.reason = row.GetText(3);
  q.status = static_cast<domain::LinkRequestStatus>(row.GetInt64(4));
  q.created_at = row.GetInt64(5);
  q.decided_by = row.GetOptionalInt64(6);
  q.decided_at = row.GetOptionalInt64(7);
  return q;
}

domain::NetworkSettings ReadSettings(const Row& row) {
  domain::NetworkSettings s;
  s.region_id = row.GetInt64(0);
  s.households_per_member = static_cast<int>(row.GetInt64(1));
  s.members_per_leader = static_cast<int>(row.GetInt64(2));
  s.max_walk_metres = static_cast<int>(row.GetInt64(3));
  s.stability_bonus_metres = static_cast<int>(row.GetInt64(4));
  s.small_village_households = static_cast<int>(row.GetInt64(5));
  s.large_village_quota_percent = static_cast<int>(row.GetInt64(6));
  return s;
}

domain::CoverageRow ReadCoverage(const Row& row) {
  domain::CoverageRow c;
  c.region_id = row.GetInt64(0);
  c.region_name = row.GetText(1);
  c.households = row.GetInt64(2);
  c.households_covered = row.GetInt64(3);
  c.members = row.GetInt64(4);
  c.members_involved = row.GetInt64(5);
  c.able_members = row.GetInt64(6);
  return c;
}

domain::Notice ReadNotice(const Row& row) {
  domain::Notice n;
  n.id = row.GetInt64(0);
  n.region_id = row.GetInt64(1);
  n.region_path = row.GetText(2);
  n.kind = static_cast<domain::NoticeKind>(row.GetInt64(3));
  n.title = row.GetText(4);
  n.body = row.GetText(5);
  n.published_by = row.GetInt64(6);
  n.published_at = row.GetInt64(7);
  n.due_at = row.GetOptionalInt64(8);
  n.households = row.GetInt64(9);
  n.delivered = row.GetInt64(10);
  return n;
}

domain::NoticeDelivery ReadDelivery(const Row& row) {
  domain::NoticeDelivery d;
  d.notice_id = row.GetInt64(0);
  d.household_id = row.GetInt64(1);
  d.member_id = row.GetOptionalInt64(2);
  d.delivered_at = row.GetOptionalInt64(3);
  d.delivered_by = row.GetOptionalInt64(4);
  d.opinion = row.GetText(5);
  return d;
}

domain::HouseholdEvent ReadEvent(const Row& row) {
  domain::HouseholdEvent e;
  e.id = row.GetInt64(0);
  e.household_id = row.GetInt64(1);
  e.region_path = row.GetText(2);
  e.kind = static_cast<domain::HouseholdEventKind>(row.GetInt64(3));
  e.date = row.GetText(4);
  e.note = row.GetText(5);
  e.recorded_by = row.GetInt64(6);
  e.recorded_at = row.GetInt64(7);
  e.member_id = row.GetOptionalInt64(8);
  e.attended_at = row.GetOptionalInt64(9);
  e.attendance_note = row.GetText(10);
  return e;
}

domain::Visit ReadVisit(const Row& row) {
  domain::Visit v;
  v.id = row.GetInt64(0);
  v.household_id = row.GetInt64(1);
  v.region_path = row.GetText(2);
  v.visitor_user_id = row.GetInt64(3);
  v.visitor_kind = static_cast<domain::VisitorKind>(row.GetInt64(4));
  v.member_id = row.GetOptionalInt64(5);
  v.kind = static_cast<domain::VisitKind>(row.GetInt64(6));
  v.visited_at = row.GetInt64(7);
  v.learned = row.GetText(8);
  v.problems = row.GetText(9);
  v.help = row.GetText(10);
  v.matter_ids = DecodeIds(row.GetText(11));
  v.corrects_id = row.GetOptionalInt64(12);
  v.household_event_id = row.GetOptionalInt64(13);
  v.notice_id = row.GetOptionalInt64(14);
  v.confirmed_at = row.GetOptionalInt64(15);
  v.confirmed_via = row.GetText(16);
  v.created_at = row.GetInt64(17);
  if (auto grade = row.GetOptionalInt64(18)) v.grade = static_cast<int>(*grade);
  v.review_comment = row.GetText(19);
  v.reviewed_by = row.GetOptionalInt64(20);
  v.visitor_name = row.GetText(21);
  v.household_address = row.GetText(22);
  v.head_name = row.GetText(23);
  v.way = row.GetText(24);
  return v;
}

std::string_view HouseholdOrder(std::string_view sort) {
  return OrderBy(sort, {{"address", "h.address, h.id"},
                        {"-address", "h.address DESC, h.id DESC"},
                        {"number", "h.number, h.id"},
                        {"-number", "h.number DESC, h.id DESC"}});
}

}  // namespace

std::string_view SqlNetworkRepository::Sql(sql::Query query) const {
  return QuerySql(query, conn_.dialect());
}

std::int64_t SqlNetworkRepository::Exec(sql::Query query, const Params& params) {
  return RunSql(conn_, query, params);
}

std::vector<Row> SqlNetworkRepository::Query(sql::Query query, const Params& params) {
  return QueryRows(conn_, query, params);
}

std::vector<Row> SqlNetworkRepository::Select(sql::Query query, const std::string& tail,
                                              const Params& params) {
  return SelectRows(conn_, query, tail, params);
}

std::string SqlNetworkRepository::RegionPath(Id region_id) {
  auto rows = Query(sql::network_region_path, {region_id});
  if (rows.empty()) throw domain::NotFound("region.not_found", "区域不存在");
  return rows.front().GetText(0);
}

// Builder inputs.

std::vector<app::NetworkHousehold> SqlNetworkRepository::ListNetworkHouseholds(
    std::string_view region_path_prefix) {
  return ReadAll<app::NetworkHousehold>(
      Query(sql::network_households, {PathPrefixPattern(region_path_prefix)}),
      ReadNetworkHousehold);
}

std::vector<app::NetworkMember> SqlNetworkRepository::ListNetworkMembers(
    std::string_view region_path_prefix) {
  return ReadAll<app::NetworkMember>(
      Query(sql::network_members, {PathPrefixPattern(region_path_prefix)}), ReadNetworkMember);
}

// Member → household links.

std::vector<domain::ContactLink> SqlNetworkRepository::ListLinks(
    std::string_view region_path_prefix) {
  return ReadAll<domain::ContactLink>(
      Select(sql::network_link_select,
             " WHERE h.region_path LIKE $1 ORDER BY l.member_id, h.address, h.id",
             {PathPrefixPattern(region_path_prefix)}),
      ReadLink);
}

std::vector<domain::ContactLink> SqlNetworkRepository::ListLinksOfMember(Id member_id) {
  return ReadAll<domain::ContactLink>(
      Select(sql::network_link_select, " WHERE l.member_id = $1 ORDER BY h.address, h.id",
             {member_id}),
      ReadLink);
}

std::optional<domain::ContactLink> SqlNetworkRepository::FindLinkOfHousehold(Id household_id) {
  return First<domain::ContactLink>(
      Select(sql::network_link_select, " WHERE l.household_id = $1", {household_id}), ReadLink);
}

void SqlNetworkRepository::InsertLink(const domain::ContactLink& link) {
  RenameConflict([&] { Exec(sql::network_link_insert, LinkParams(link)); }, "link.exists",
                 "该户已有联系党员");
}

void SqlNetworkRepository::UpdateLink(const domain::ContactLink& link) {
  RequireOneRow(Exec(sql::network_link_update, {link.id, link.member_id, Enum(link.kind)}),
                "link.not_found", "联系户关系不存在");
}

void SqlNetworkRepository::DeleteLink(Id link_id) {
  RequireOneRow(Exec(sql::network_link_delete, {link_id}), "link.not_found", "联系户关系不存在");
}

void SqlNetworkRepository::BulkInsertLinks(const std::vector<domain::ContactLink>& links) {
  if (links.empty()) return;
  std::vector<Params> rows;
  rows.reserve(links.size());
  for (const auto& l : links) rows.push_back(LinkParams(l));
  RenameConflict(
      [&] {
        conn_.CopyRows("contact_links",
                       {"id", "member_id", "household_id", "kind", "created_at", "created_by"},
                       rows);
      },
      "link.exists", "该户已有联系党员");
}

// Leader → member links.

std::vector<domain::LeaderLink> SqlNetworkRepository::ListLeaderLinks(
    std::string_view region_path_prefix) {
  return ReadAll<domain::LeaderLink>(
      Select(
          sql::network_leader_link_select,
          " WHERE m.region_path LIKE $1 ORDER BY ll.leader_member_id, r.pinyin_key, ll.member_id",
          {PathPrefixPattern(region_path_prefix)}),
      ReadLeaderLink);
}

std::optional<domain::LeaderLink> SqlNetworkRepository::FindLeaderLinkOfMember(Id member_id) {
  return First<domain::LeaderLink>(
      Select(sql::network_leader_link_select, " WHERE ll.member_id = $1", {member_id}),
      ReadLeaderLink);
}

void SqlNetworkRepository::InsertLeaderLink(const domain::LeaderLink& link) {
  RenameConflict(
      [&] {
        Exec(sql::network_leader_link_insert,
             {link.id, link.leader_member_id, link.member_id, Enum(link.kind), link.created_at});
      },
      "leader_link.exists", "该党员已有联系的小组长");
}

void SqlNetworkRepository::DeleteLeaderLink(Id link_id) {
  RequireOneRow(Exec(sql::network_leader_link_delete, {link_id}), "leader_link.not_found",
                "小组长联系关系不存在");
}

// Link requests.

void SqlNetworkRepository::InsertLinkRequest(const domain::LinkRequest& q) {
  Exec(sql::network_request_insert,
       {q.id, q.member_id, q.household_id, q.reason, Enum(q.status), q.created_at,
        OptionalValue(q.decided_by), OptionalValue(q.decided_at)});
}

void SqlNetworkRepository::UpdateLinkRequest(const domain::LinkRequest& q) {
  RequireOneRow(
      Exec(sql::network_request_update, {q.id, q.reason, Enum(q.status),
                                         OptionalValue(q.decided_by), OptionalValue(q.decided_at)}),
      "link_request.not_found", "联系户申请不存在");
}

std::optional<domain::LinkRequest> SqlNetworkRepository::FindLinkRequest(Id id) {
  return First<domain::LinkRequest>(Select(sql::network_request_select, " WHERE q.id = $1", {id}),
                                    ReadLinkRequest);
}

std::vector<domain::LinkRequest> SqlNetworkRepository::ListLinkRequests(
    std::string_view region_path_prefix, bool pending_only) {
  QueryBuilder b;
  if (!region_path_prefix.empty()) {
    b.Where("q.household_id IN (SELECT h.id FROM households h WHERE h.region_path LIKE " +
            b.Param(PathPrefixPattern(region_path_prefix)) + ")");
  }
  if (pending_only) b.Where("q.status = " + b.Param(Enum(domain::LinkRequestStatus::kPending)));
  std::string order =
      pending_only ? " ORDER BY q.created_at, q.id" : " ORDER BY q.created_at DESC, q.id DESC";
  return ReadAll<domain::LinkRequest>(
      Select(sql::network_request_select, b.WhereClause() + order, b.params()), ReadLinkRequest);
}

// Settings.

std::optional<domain::NetworkSettings> SqlNetworkRepository::FindSettings(Id region_id) {
  return First<domain::NetworkSettings>(Query(sql::network_settings_select, {region_id}),
                                        ReadSettings);
}

void SqlNetworkRepository::UpsertSettings(const domain::NetworkSettings& s) {
  Exec(sql::network_settings_upsert,
       {s.region_id, std::int64_t{s.households_per_member}, std::int64_t{s.members_per_leader},
        std::int64_t{s.max_walk_metres}, std::int64_t{s.stability_bonus_metres},
        std::int64_t{s.small_village_households}, std::int64_t{s.large_village_quota_percent}});
}

// Service stations.

std::optional<domain::ServiceStation> SqlNetworkRepository::FindStation(Id region_id) {
  return First<domain::ServiceStation>(Query(sql::village_station_select, {region_id}),
                                       [](const Row& row) {
                                         domain::ServiceStation s;
                                         s.region_id = row.GetInt64(0);
                                         s.place = row.GetText(1);
                                         s.hours = row.GetText(2);
                                         s.phone = row.GetText(3);
                                         s.assistant_user_id = row.GetOptionalInt64(4);
                                         return s;
                                       });
}

void SqlNetworkRepository::UpsertStation(const domain::ServiceStation& s) {
  Exec(sql::village_station_upsert,
       {s.region_id, s.place, s.hours, s.phone, OptionalValue(s.assistant_user_id)});
}

// Coverage.

std::vector<domain::CoverageRow> SqlNetworkRepository::CoverageByChild(Id parent_region_id) {
  std::string pattern = PathPrefixPattern(RegionPath(parent_region_id));
  return ReadAll<domain::CoverageRow>(
      Query(sql::network_coverage_by_child, {parent_region_id, pattern}), ReadCoverage);
}

domain::CoverageRow SqlNetworkRepository::CoverageOf(Id region_id) {
  std::string pattern = PathPrefixPattern(RegionPath(region_id));
  return ReadCoverage(Query(sql::network_coverage_of, {region_id, pattern}).at(0));
}

std::vector<std::pair<Id, std::int64_t>> SqlNetworkRepository::MemberLoads(
    std::string_view region_path_prefix) {
  return ReadPairs(Query(sql::network_member_loads, {PathPrefixPattern(region_path_prefix)}));
}

domain::Page<domain::Household> SqlNetworkRepository::HouseholdPage(
    QueryBuilder& b, const domain::PageRequest& page) {
  std::string_view order = HouseholdOrder(page.sort);
  domain::Page<domain::Household> out;
  out.total = Select(sql::network_household_count, b.WhereClause(), b.params()).at(0).GetInt64(0);
  std::string tail = b.WhereClause() + " ORDER BY " + std::string(order);
  tail += Paging(page, b);
  out.items = ReadAll<domain::Household>(Select(sql::network_household_select, tail, b.params()),
                                         ReadHousehold);
  return out;
}

domain::Page<domain::Household> SqlNetworkRepository::ListUncovered(
    std::string_view region_path_prefix, const domain::PageRequest& page) {
  QueryBuilder b;
  b.Where("h.region_path LIKE " + b.Param(PathPrefixPattern(region_path_prefix)));
  b.Where("NOT EXISTS (SELECT 1 FROM contact_links l WHERE l.household_id = h.id)");
  return HouseholdPage(b, page);
}

// 四到户 notices.

void SqlNetworkRepository::InsertNotice(const domain::Notice& n) {
  std::string path = n.region_path.empty() ? RegionPath(n.region_id) : n.region_path;
  std::string pattern = PathPrefixPattern(path);
  Exec(sql::network_notice_insert, {n.id, n.region_id, path, Enum(n.kind), n.title, n.body,
                                    n.published_by, n.published_at, OptionalValue(n.due_at)});
  Exec(sql::network_notice_deliveries_create, {n.id, pattern});
}

std::optional<domain::Notice> SqlNetworkRepository::FindNotice(Id id) {
  return First<domain::Notice>(Select(sql::network_notice_select, " WHERE n.id = $1", {id}),
                               ReadNotice);
}

domain::Page<domain::Notice> SqlNetworkRepository::ListNotices(std::string_view region_path_prefix,
                                                               const domain::PageRequest& page) {
  QueryBuilder b;
  if (!region_path_prefix.empty()) {
    b.Where("n.region_path LIKE " + b.Param(PathPrefixPattern(region_path_prefix)));
  }
  std::string_view order = OrderBy(page.sort, {{"-published_at", "n.published_at DESC, n.id DESC"},
                                               {"published_at", "n.published_at, n.id"}});
  domain::Page<domain::Notice> out;
  out.total = Select(sql::network_notice_count, b.WhereClause(), b.params()).at(0).GetInt64(0);
  std::string tail = b.WhereClause() + " ORDER BY " + std::string(order);
  tail += Paging(page, b);
  out.items =
      ReadAll<domain::Notice>(Select(sql::network_notice_select, tail, b.params()), ReadNotice);
  return out;
}

std::vector<domain::NoticeDelivery> SqlNetworkRepository::ListDeliveries(
    Id notice_id, std::optional<Id> member_id) {
  QueryBuilder b;
  b.Where("d.notice_id = " + b.Param(notice_id));
  if (member_id) b.Where("d.member_id = " + b.Param(*member_id));
  return ReadAll<domain::NoticeDelivery>(
      Select(sql::network_delivery_select, b.WhereClause() + " ORDER BY h.address, h.id",
             b.params()),
      ReadDelivery);
}

std::optional<domain::NoticeDelivery> SqlNetworkRepository::FindDelivery(Id notice_id,
                                                                         Id household_id) {
  return First<domain::NoticeDelivery>(
      Select(sql::network_delivery_select, " WHERE d.notice_id = $1 AND d.household_id = $2",
             {notice_id, household_id}),
      ReadDelivery);
}

void SqlNetworkRepository::UpdateDelivery(const domain::NoticeDelivery& d) {
  RequireOneRow(Exec(sql::network_delivery_update,
                     {d.notice_id, d.household_id, OptionalValue(d.member_id),
                      OptionalValue(d.delivered_at), OptionalValue(d.delivered_by), d.opinion}),
                "notice_delivery.not_found", "送达记录不存在");
}

std::vector<domain::NoticeDelivery> SqlNetworkRepository::ListPendingDeliveriesOfMember(
    Id member_id) {
  // The condition matches the partial index notice_deliveries_pending.
  return ReadAll<domain::NoticeDelivery>(Select(sql::network_delivery_select,
                                                " WHERE d.member_id = $1 AND d.delivered_at IS NULL"
                                                " ORDER BY d.notice_id, h.address, h.id",
                                                {member_id}),
                                         ReadDelivery);
}

// 五必到 household events.

void SqlNetworkRepository::InsertHouseholdEvent(const domain::HouseholdEvent& e) {
  Exec(sql::network_event_insert, {e.id, e.household_id, e.region_path, Enum(e.kind), e.date,
                                   e.note, e.recorded_by, e.recorded_at, OptionalValue(e.member_id),
                                   OptionalValue(e.attended_at), e.attendance_note});
}

void SqlNetworkRepository::UpdateHouseholdEvent(const domain::HouseholdEvent& e) {
  RequireOneRow(Exec(sql::network_event_update,
                     {e.id, Enum(e.kind), e.date, e.note, OptionalValue(e.member_id),
                      OptionalValue(e.attended_at), e.attendance_note}),
                "household_event.not_found", "五必到事项不存在");
}

std::optional<domain::HouseholdEvent> SqlNetworkRepository::FindHouseholdEvent(Id id) {
  return First<domain::HouseholdEvent>(Select(sql::network_event_select, " WHERE e.id = $1", {id}),
                                       ReadEvent);
}

std::vector<domain::HouseholdEvent> SqlNetworkRepository::ListHouseholdEvents(
    std::string_view region_path_prefix, std::optional<Id> member_id, bool unattended_only) {
  QueryBuilder b;
  if (!region_path_prefix.empty()) {
    b.Where("e.region_path LIKE " + b.Param(PathPrefixPattern(region_path_prefix)));
  }
  if (member_id) b.Where("e.member_id = " + b.Param(*member_id));
  if (unattended_only) b.Where("e.attended_at IS NULL");
  return ReadAll<domain::HouseholdEvent>(
      Select(sql::network_event_select,
             b.WhereClause() + " ORDER BY e.event_date DESC, e.recorded_at DESC, e.id DESC",
             b.params()),
      ReadEvent);
}

// The diary.

void SqlNetworkRepository::InsertVisit(const domain::Visit& v) {
  Exec(sql::network_visit_insert, {v.id,
                                   v.household_id,
                                   v.region_path,
                                   v.visitor_user_id,
                                   Enum(v.visitor_kind),
                                   OptionalValue(v.member_id),
                                   Enum(v.kind),
                                   v.visited_at,
                                   v.learned,
                                   v.problems,
                                   v.help,
                                   EncodeIds(v.matter_ids),
                                   OptionalValue(v.corrects_id),
                                   OptionalValue(v.household_event_id),
                                   OptionalValue(v.notice_id),
                                   OptionalValue(v.confirmed_at),
                                   v.confirmed_via,
                                   v.created_at,
                                   OptionalInt(v.grade),
                                   v.review_comment,
                                   OptionalValue(v.reviewed_by),
                                   v.way});
}

void SqlNetworkRepository::UpdateVisitConfirmation(const domain::Visit& v) {
  RequireOneRow(
      Exec(sql::network_visit_confirm, {v.id, OptionalValue(v.confirmed_at), v.confirmed_via}),
      "visit.not_found", "走访记录不存在");
}

void SqlNetworkRepository::UpdateVisitReview(const domain::Visit& v) {
  RequireOneRow(Exec(sql::network_visit_review,
                     {v.id, OptionalInt(v.grade), v.review_comment, OptionalValue(v.reviewed_by)}),
                "visit.not_found", "走访记录不存在");
}

std::optional<domain::Visit> SqlNetworkRepository::FindVisit(Id id) {
  return First<domain::Visit>(Select(sql::network_visit_select, " WHERE v.id = $1", {id}),
                              ReadVisit);
}

domain::Page<domain::Visit> SqlNetworkRepository::ListVisits(const app::VisitFilter& filter,
                                                             const domain::PageRequest& page) {
  QueryBuilder b;
  if (!filter.region_path_prefix.empty()) {
    b.Where("v.region_path LIKE " + b.Param(PathPrefixPattern(filter.region_path_prefix)));
  }
  if (filter.household_id) b.Where("v.household_id = " + b.Param(*filter.household_id));
  if (filter.visitor_user_id) b.Where("v.visitor_user_id = " + b.Param(*filter.visitor_user_id));
  if (filter.from) b.Where("v.visited_at >= " + b.Param(*filter.from));
  if (filter.to) b.Where("v.visited_at < " + b.Param(*filter.to));
  if (filter.confirmed) {
    b.Where(*filter.confirmed ? "(v.confirmed_at IS NOT NULL AND v.confirmed_via <> 'card_code')"
                              : "(v.confirmed_at IS NULL OR v.confirmed_via = 'card_code')");
  }
  domain::Page<domain::Visit> out;
  out.total = Select(sql::network_visit_count, b.WhereClause(), b.params()).at(0).GetInt64(0);
  std::string tail = b.WhereClause() + " ORDER BY v.visited_at DESC, v.id DESC";
  tail += Paging(page, b);
  out.items =
      ReadAll<domain::Visit>(Select(sql::network_visit_select, tail, b.params()), ReadVisit);
  return out;
}

std::vector<app::VisitorCandidate> SqlNetworkRepository::ListVisitorCandidates(
    std::string_view region_path_prefix, std::string_view text, std::int64_t limit) {
  std::vector<app::VisitorCandidate> out;
  for (const auto& row :
       Query(sql::network_visitor_candidates,
             {PathPrefixPattern(region_path_prefix), "%" + EscapeLike(text) + "%", limit})) {
    app::VisitorCandidate c;
    c.user_id = row.GetInt64(0);
    c.name = row.GetText(1);
    c.role = static_cast<domain::Role>(row.GetInt64(2));
    c.region_path = row.GetText(3);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::pair<Id, std::int64_t>> SqlNetworkRepository::VisitedHouseholdsByVillage(
    std::string_view region_path_prefix, domain::Epoch from, domain::Epoch to) {
  return ReadPairs(
      Query(sql::network_visited_by_village, {PathPrefixPattern(region_path_prefix), from, to}));
}

std::vector<std::pair<Id, std::int64_t>> SqlNetworkRepository::VisitedHouseholdsByVisitor(
    std::string_view region_path_prefix, domain::Epoch from, domain::Epoch to) {
  return ReadPairs(
      Query(sql::network_visited_by_visitor, {PathPrefixPattern(region_path_prefix), from, to}));
}

std::vector<std::pair<Id, std::int64_t>> SqlNetworkRepository::ConfirmedHouseholdsByVillage(
    std::string_view region_path_prefix, domain::Epoch from, domain::Epoch to) {
  return ReadPairs(
      Query(sql::network_confirmed_by_village, {PathPrefixPattern(region_path_prefix), from, to}));
}

std::vector<std::pair<Id, std::int64_t>> SqlNetworkRepository::ConfirmedHouseholdsByVisitor(
    std::string_view region_path_prefix, domain::Epoch from, domain::Epoch to) {
  return ReadPairs(
      Query(sql::network_confirmed_by_visitor, {PathPrefixPattern(region_path_prefix), from, to}));
}

domain::Page<domain::Household> SqlNetworkRepository::ListUnvisited(
    std::string_view region_path_prefix, domain::Epoch from, domain::Epoch to,
    const domain::PageRequest& page) {
  QueryBuilder b;
  b.Where("h.region_path LIKE " + b.Param(PathPrefixPattern(region_path_prefix)));
  b.Where("NOT EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id AND v.visited_at >= " +
          b.Param(from) + " AND v.visited_at < " + b.Param(to) + " AND v.way = 'in_person')");
  return HouseholdPage(b, page);
}

// Contact-card codes.

std::optional<std::string> SqlNetworkRepository::FindCardCode(Id household_id) {
  auto rows = Query(sql::network_card_code_find, {household_id});
  if (rows.empty()) return std::nullopt;
  return rows.front().GetText(0);
}

void SqlNetworkRepository::UpsertCardCode(Id household_id, std::string_view code) {
  RenameConflict(
      [&] {
        Exec(sql::network_card_code_upsert, {household_id, std::string(code)});
      },
      "card_code.exists", "联系卡编码已被使用");
}

std::optional<Id> SqlNetworkRepository::FindHouseholdByCardCode(std::string_view code) {
  auto rows = Query(sql::network_card_code_household, {std::string(code)});
  if (rows.empty()) return std::nullopt;
  return rows.front().GetInt64(0);
}

// Phone confirmation codes.

void SqlNetworkRepository::UpsertVisitPhoneCode(const app::VisitPhoneCode& code) {
  Exec(sql::network_visit_phone_code_upsert,
       {code.visit_id, code.code_hash, code.expires_at, static_cast<std::int64_t>(code.attempts)});
}

std::optional<app::VisitPhoneCode> SqlNetworkRepository::FindVisitPhoneCode(Id visit_id) {
  auto rows = Query(sql::network_visit_phone_code_select, {visit_id});
  if (rows.empty()) return std::nullopt;
  app::VisitPhoneCode code;
  code.visit_id = rows.front().GetInt64(0);
  code.code_hash = rows.front().GetText(1);
  code.expires_at = rows.front().GetInt64(2);
  code.attempts = static_cast<int>(rows.front().GetInt64(3));
  return code;
}

void SqlNetworkRepository::DeleteVisitPhoneCode(Id visit_id) {
  Exec(sql::network_visit_phone_code_delete, {visit_id});
}

void SqlNetworkRepository::InsertNetworkPlan(const app::StoredNetworkPlan& plan) {
  Exec(sql::network_plan_insert,
       {plan.id, plan.region_id, plan.fingerprint, plan.body, plan.created_at, plan.expires_at});
}

std::optional<app::StoredNetworkPlan> SqlNetworkRepository::FindNetworkPlan(std::string_view id) {
  auto rows = Query(sql::network_plan_select, {std::string(id)});
  if (rows.empty()) return std::nullopt;
  app::StoredNetworkPlan plan;
  plan.id = rows.front().GetText(0);
  plan.region_id = rows.front().GetInt64(1);
  plan.fingerprint = rows.front().GetText(2);
  plan.body = rows.front().GetText(3);
  plan.created_at = rows.front().GetInt64(4);
  plan.expires_at = rows.front().GetInt64(5);
  return plan;
}

bool SqlNetworkRepository::DeleteNetworkPlan(std::string_view id) {
  return Exec(sql::network_plan_delete, {std::string(id)}) > 0;
}

void SqlNetworkRepository::DeleteNetworkPlansExpiredBy(domain::Epoch now) {
  Exec(sql::network_plans_delete_expired, {now});
}

}  // namespace minqing::storage
