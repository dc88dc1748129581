#include "http/network_json.hpp"

#include "domain/codes.hpp"
#include "domain/privacy.hpp"

namespace minqing::http {
namespace {

Json Str(std::string_view s) { return std::string(s); }

double Share(std::int64_t part, std::int64_t whole) {
  return whole <= 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

Json HouseholdSummaryJson(const domain::Household& h) {
  return {{"id", h.id},
          {"region_id", h.region_id},
          {"region_name", h.region_name},
          {"number", h.number},
          {"address", h.address},
          {"head_name", h.head_name},
          {"tags", h.tags},
          {"lat", Opt(h.lat)},
          {"lng", Opt(h.lng)},
          {"region_label", h.region_label.empty() ? h.region_name : h.region_label}};
}

Json PlanLinkJson(const app::PlanLink& link) {
  return {{"link_id", Opt(link.link_id)},
          {"member_id", link.member_id},
          {"member_name", link.member_name},
          {"household_id", link.household_id},
          {"household_address", link.household_address},
          {"kind", Str(domain::LinkKindCode(link.kind))},
          {"distance_m", link.distance_m}};
}

Json PlanLeaderLinkJson(const app::PlanLeaderLink& link) {
  return {{"link_id", Opt(link.link_id)},    {"leader_member_id", link.leader_member_id},
          {"leader_name", link.leader_name}, {"member_id", link.member_id},
          {"member_name", link.member_name}, {"kind", Str(domain::LinkKindCode(link.kind))},
          {"distance_m", link.distance_m}};
}

Json LeaderPreviewJson(const app::LeaderPreview& p) {
  Json added = Json::array(), removed = Json::array(), kept = Json::array();
  for (const auto& l : p.added) added.push_back(PlanLeaderLinkJson(l));
  for (const auto& l : p.removed) removed.push_back(PlanLeaderLinkJson(l));
  for (const auto& l : p.kept) kept.push_back(PlanLeaderLinkJson(l));
  Json uncovered = Json::array();
  for (const auto& u : p.uncovered) {
    uncovered.push_back(
        {{"member", {{"id", u.member_id}, {"name", u.name}}}, {"reason", u.reason}});
  }
  Json loads = Json::array();
  for (const auto& l : p.loads) {
    loads.push_back({{"leader_member_id", l.member_id},
                     {"name", l.name},
                     {"capacity", l.capacity},
                     {"members", l.households}});
  }
  Json leaderless = Json::array();
  for (const auto& g : p.groups_without_leader) {
    leaderless.push_back({{"id", g.id}, {"name", g.name}});
  }
  return {{"added", std::move(added)}, {"removed", std::move(removed)},
          {"kept", std::move(kept)},   {"uncovered", std::move(uncovered)},
          {"loads", std::move(loads)}, {"groups_without_leader", std::move(leaderless)}};
}

}  // namespace

Json LeaderLinkJson(const domain::LeaderLink& link) {
  return {{"id", link.id},
          {"leader_member_id", link.leader_member_id},
          {"member_id", link.member_id},
          {"member_name", link.member_name},
          {"link_kind", Str(domain::LinkKindCode(link.kind))}};
}

Json StationJson(const app::StationView& v) {
  Json assistant = nullptr;
  if (v.station.assistant_user_id) assistant = *v.station.assistant_user_id;
  Json assistants = Json::array();
  for (const auto& a : v.assistants) {
    assistants.push_back({{"id", a.id}, {"name", a.name}, {"scope_name", a.scope_name}});
  }
  return {{"region_id", v.station.region_id},
          {"stored", v.stored},
          {"place", v.station.place},
          {"hours", v.station.hours},
          {"phone", v.station.phone},
          {"assistant_user_id", assistant},
          {"assistant_name", v.assistant_name},
          {"default_hours", v.default_hours},
          {"assistants", assistants}};
}

Json NetworkSettingsJson(const domain::NetworkSettings& s) {
  return {{"region_id", s.region_id},
          {"households_per_member", s.households_per_member},
          {"members_per_leader", s.members_per_leader},
          {"max_walk_metres", s.max_walk_metres},
          {"stability_bonus_metres", s.stability_bonus_metres},
          {"small_village_households", s.small_village_households},
          {"large_village_quota_percent", s.large_village_quota_percent}};
}

domain::NetworkSettings NetworkSettingsFromJson(const Json& body, domain::NetworkSettings s) {
  FieldReader r(body);
  s.households_per_member =
      static_cast<int>(r.Int("households_per_member", s.households_per_member));
  s.members_per_leader = static_cast<int>(r.Int("members_per_leader", s.members_per_leader));
  s.max_walk_metres = static_cast<int>(r.Int("max_walk_metres", s.max_walk_metres));
  s.stability_bonus_metres =
      static_cast<int>(r.Int("stability_bonus_metres", s.stability_bonus_metres));
  s.small_village_households =
      static_cast<int>(r.Int("small_village_households", s.small_village_households));
  s.large_village_quota_percent =
      static_cast<int>(r.Int("large_village_quota_percent", s.large_village_quota_percent));
  r.Check();
  return s;
}

Json ContactLinkJson(const domain::ContactLink& l) {
  return {{"id", l.id},
          {"member_id", l.member_id},
          {"member_name", l.member_name},
          {"household_id", l.household_id},
          {"household_number", l.household_number},
          {"address", l.household_address},
          {"head_name", l.head_name},
          {"link_kind", Str(domain::LinkKindCode(l.kind))},
          {"created_at", l.created_at}};
}

Json NetworkMemberJson(const app::NetworkMember& m) {
  return {{"id", m.id},
          {"name", m.name},
          {"region_id", m.region_id},
          {"org_id", m.org_id},
          {"away", m.away},
          {"can_take_households", m.can_take_households},
          {"capacity", m.capacity},
          {"household_id", Opt(m.household_id)}};
}

Json VillageNetworkJson(const app::VillageNetwork& v, const domain::RegionLevels& levels) {
  Json groups = Json::array();
  for (const auto& g : v.groups) {
    Json members = Json::array();
    for (const auto& m : g.members) {
      Json member = NetworkMemberJson(m.member);
      member["effective_capacity"] = m.capacity;
      Json households = Json::array();
      for (const auto& l : m.households) {
        Json row = ContactLinkJson(l);
        if (auto code = v.card_codes.find(l.household_id); code != v.card_codes.end()) {
          row["card_code"] = code->second;
        }
        households.push_back(std::move(row));
      }
      members.push_back(
          {{"member", std::move(member)},
           {"households", std::move(households)},
           {"leader_link", m.leader_link ? LeaderLinkJson(*m.leader_link) : Json(nullptr)}});
    }
    Json led = Json::array();
    for (const auto& l : g.led_members) led.push_back(LeaderLinkJson(l));
    groups.push_back({{"org", PartyOrgJson(g.org)},
                      {"leader", g.leader ? NetworkMemberJson(*g.leader) : Json(nullptr)},
                      {"members", std::move(members)},
                      {"led_members", std::move(led)}});
  }
  Json uncovered = Json::array();
  for (const auto& h : v.uncovered) {
    Json row = HouseholdSummaryJson(h);
    if (auto code = v.card_codes.find(h.id); code != v.card_codes.end()) {
      row["card_code"] = code->second;
    }
    uncovered.push_back(std::move(row));
  }
  return {{"region", RegionJson(v.region, levels)},
          {"settings", NetworkSettingsJson(v.settings)},
          {"groups", std::move(groups)},
          {"uncovered", std::move(uncovered)}};
}

Json NetworkPreviewJson(const app::NetworkPreview& p) {
  Json added = Json::array(), removed = Json::array(), kept = Json::array();
  for (const auto& l : p.added) added.push_back(PlanLinkJson(l));
  for (const auto& l : p.removed) removed.push_back(PlanLinkJson(l));
  for (const auto& l : p.kept) kept.push_back(PlanLinkJson(l));
  Json uncovered = Json::array();
  for (const auto& u : p.uncovered) {
    uncovered.push_back(
        {{"household", {{"id", u.household_id}, {"address", u.address}}}, {"reason", u.reason}});
  }
  Json loads = Json::array();
  for (const auto& l : p.loads) {
    loads.push_back({{"member_id", l.member_id},
                     {"name", l.name},
                     {"capacity", l.capacity},
                     {"households", l.households}});
  }
  return {{"plan_id", p.plan_id},
          {"region_id", p.region_id},
          {"added", std::move(added)},
          {"removed", std::move(removed)},
          {"kept", std::move(kept)},
          {"uncovered", std::move(uncovered)},
          {"loads", std::move(loads)},
          {"total_metres", p.total_metres},
          {"solve_ms", p.solve_ms},
          {"leaders", p.leaders ? LeaderPreviewJson(*p.leaders) : Json(nullptr)}};
}

Json ApplyResultJson(const app::ApplyResult& r) {
  return {{"region_id", r.region_id},       {"added", r.added},
          {"removed", r.removed},           {"kept", r.kept},
          {"leader_added", r.leader_added}, {"leader_removed", r.leader_removed},
          {"leader_kept", r.leader_kept}};
}

Json LinkRequestJson(const domain::LinkRequest& r) {
  static constexpr const char* kStatus[] = {"", "pending", "approved", "rejected"};
  return {{"id", r.id},
          {"member_id", r.member_id},
          {"household_id", r.household_id},
          {"reason", r.reason},
          {"status", kStatus[static_cast<int>(r.status)]},
          {"created_at", r.created_at},
          {"decided_by", Opt(r.decided_by)},
          {"decided_at", Opt(r.decided_at)}};
}

Json CoverageRowJson(const domain::CoverageRow& r) {
  return {{"region_id", r.region_id},
          {"region_name", r.region_name},
          {"households", r.households},
          {"households_covered", r.households_covered},
          {"covered_share", Share(r.households_covered, r.households)},
          {"members", r.members},
          {"members_involved", r.members_involved},
          {"able_members", r.able_members},
          {"involved_share", Share(r.members_involved, r.members)}};
}

Json CoverageReportJson(const app::CoverageReport& c) {
  Json histogram = Json::array();
  for (const auto& b : c.load_histogram) {
    histogram.push_back({{"households", b.households}, {"members", b.members}});
  }
  return {{"region", CoverageRowJson(c.region)},
          {"children", ItemsJson(c.children, CoverageRowJson)["items"]},
          {"load_histogram", std::move(histogram)},
          {"uncovered",
           PageJson(c.uncovered, 1,
                    std::max<std::int64_t>(1, static_cast<std::int64_t>(c.uncovered.items.size())),
                    HouseholdSummaryJson)}};
}

Json MyNetworkJson(const app::MyNetwork& my) {
  Json households = Json::array();
  for (const auto& h : my.households) {
    Json item = HouseholdSummaryJson(h.household);
    item["link_kind"] = Str(domain::LinkKindCode(h.link_kind));
    Json notices = Json::array();
    for (const auto& n : h.pending_notices) {
      Json notice = NoticeDeliveryJson(n.delivery);
      notice["title"] = n.title;
      notice["kind"] = Str(domain::NoticeKindCode(n.kind));
      notice["kind_label"] = Str(domain::NoticeKindLabel(n.kind));
      notice["due_at"] = Opt(n.due_at);
      notices.push_back(std::move(notice));
    }
    item["pending_notices"] = std::move(notices);
    item["events"] = ItemsJson(h.events, HouseholdEventJson)["items"];
    item["last_visit_at"] = Opt(h.last_visit_at);
    item["last_confirmed_visit_at"] = Opt(h.last_confirmed_visit_at);
    Json matters = Json::array();
    for (const auto& m : h.open_matters) {
      matters.push_back({{"id", m.id},
                         {"number", m.number},
                         {"title", m.title},
                         {"status", Str(domain::MatterStatusCode(m.status))},
                         {"status_label", Str(domain::MatterStatusLabel(m.status))},
                         {"accepted_at", m.accepted_at},
                         {"due_at", m.due_at}});
    }
    item["open_matters"] = std::move(matters);
    households.push_back(std::move(item));
  }
  domain::PartyMember member = my.member;
  return {{"member", PartyMemberJson(member)},
          {"households", std::move(households)},
          {"leader", my.leader ? PartyMemberJson(*my.leader) : Json(nullptr)}};
}

Json NoticeJson(const domain::Notice& n) {
  return {{"id", n.id},
          {"region_id", n.region_id},
          {"kind", Str(domain::NoticeKindCode(n.kind))},
          {"kind_label", Str(domain::NoticeKindLabel(n.kind))},
          {"title", n.title},
          {"body", n.body},
          {"published_by", n.published_by},
          {"published_at", n.published_at},
          {"due_at", Opt(n.due_at)},
          {"households", n.households},
          {"delivered", n.delivered}};
}

Json NoticeDeliveryJson(const domain::NoticeDelivery& d) {
  return {{"notice_id", d.notice_id},
          {"household_id", d.household_id},
          {"member_id", Opt(d.member_id)},
          {"delivered_at", Opt(d.delivered_at)},
          {"delivered_by", Opt(d.delivered_by)},
          {"opinion", d.opinion}};
}

Json NoticeDetailJson(const app::NoticeDetail& d) {
  Json out = NoticeJson(d.notice);
  std::int64_t delivered = 0;
  Json opinions = Json::array();
  for (const auto& x : d.deliveries) {
    if (x.delivered_at) ++delivered;
    if (!x.opinion.empty()) {
      opinions.push_back({{"household_id", x.household_id}, {"opinion", x.opinion}});
    }
  }
  out["progress"] = {{"households", static_cast<std::int64_t>(d.deliveries.size())},
                     {"delivered", delivered},
                     {"share", Share(delivered, static_cast<std::int64_t>(d.deliveries.size()))}};
  out["deliveries"] = ItemsJson(d.deliveries, NoticeDeliveryJson)["items"];
  out["opinions"] = std::move(opinions);
  return out;
}

Json HouseholdEventJson(const domain::HouseholdEvent& e) {
  return {{"id", e.id},
          {"household_id", e.household_id},
          {"kind", Str(domain::HouseholdEventKindCode(e.kind))},
          {"kind_label", Str(domain::HouseholdEventKindLabel(e.kind))},
          {"date", e.date},
          {"note", e.note},
          {"recorded_by", e.recorded_by},
          {"recorded_at", e.recorded_at},
          {"member_id", Opt(e.member_id)},
          {"attended_at", Opt(e.attended_at)},
          {"attendance_note", e.attendance_note}};
}

Json VisitorCandidateJson(const app::VisitorCandidate& c) {
  return {{"user_id", c.user_id},
          {"name", c.name},
          {"role", Str(domain::RoleCode(c.role))},
          {"role_label", Str(domain::RoleLabel(c.role))}};
}

Json VisitJson(const domain::Visit& v) {
  return {{"id", v.id},
          {"household_id", v.household_id},
          {"visitor_user_id", v.visitor_user_id},
          {"visitor_name", v.visitor_name},
          {"visitor_kind", Str(domain::VisitorKindCode(v.visitor_kind))},
          {"member_id", Opt(v.member_id)},
          {"kind", Str(domain::VisitKindCode(v.kind))},
          {"kind_label", Str(domain::VisitKindLabel(v.kind))},
          {"way", v.way},
          {"way_label", Str(domain::VisitWayLabel(v.way))},
          {"visited_at", v.visited_at},
          {"learned", v.learned},
          {"problems", v.problems},
          {"help", v.help},
          {"matter_ids", v.matter_ids},
          {"corrects_id", Opt(v.corrects_id)},
          {"household_event_id", Opt(v.household_event_id)},
          {"notice_id", Opt(v.notice_id)},
          {"confirmed", domain::ConfirmedByHousehold(v)},
          {"confirmed_at", Opt(v.confirmed_at)},
          {"confirmed_via", v.confirmed_via},
          {"created_at", v.created_at},
          {"grade", Opt(v.grade)},
          {"review_comment", v.review_comment},
          {"reviewed_by", Opt(v.reviewed_by)},
          {"household_address", v.household_address},
          {"head_name", v.head_name}};
}

Json QuotaReportJson(const app::QuotaReport& q) {
  Json villages = Json::array();
  for (const auto& v : q.villages) {
    villages.push_back({{"region_id", v.row.region_id},
                        {"region_name", v.row.region_name},
                        {"households", v.row.households},
                        {"visited", v.row.visited},
                        {"confirmed", v.row.confirmed},
                        {"unconfirmed", v.row.visited - v.row.confirmed},
                        {"quota_percent", v.row.quota_percent},
                        {"small", v.row.small},
                        {"progress", v.progress},
                        {"confirmed_progress", v.confirmed_progress}});
  }
  Json visitors = Json::array();
  for (const auto& v : q.visitors) {
    visitors.push_back({{"user_id", v.user_id},
                        {"name", v.name},
                        {"visited", v.visited},
                        {"confirmed", v.confirmed},
                        {"unconfirmed", v.visited - v.confirmed}});
  }
  return {{"year", q.year}, {"villages", std::move(villages)}, {"visitors", std::move(visitors)}};
}

Json PublicVisitJson(const domain::Visit& v) {
  return {{"id", v.id},
          {"visited_at", v.visited_at},
          {"kind", Str(domain::VisitKindCode(v.kind))},
          {"kind_label", Str(domain::VisitKindLabel(v.kind))},
          {"way", v.way},
          {"way_label", Str(domain::VisitWayLabel(v.way))},
          {"visitor_name", v.visitor_name},
          {"visitor_kind", Str(domain::VisitorKindCode(v.visitor_kind))}};
}

Json PublicBoardJson(const app::PublicBoard& b) {
  Json members = Json::array();
  for (const auto& m : b.members)
    members.push_back({{"name", m.name}, {"households", m.households}});
  Json groups = Json::array();
  for (const auto& g : b.groups) {
    Json group_members = Json::array();
    for (const auto& m : g.members) {
      group_members.push_back({{"name", m.name}, {"households", m.households}});
    }
    groups.push_back(
        {{"name", g.name}, {"leader", g.leader}, {"members", std::move(group_members)}});
  }
  Json notices = Json::array();
  for (const auto& n : b.notices) {
    notices.push_back({{"kind_label", n.kind_label},
                       {"title", n.title},
                       {"body", n.body},
                       {"published_on", n.published_on},
                       {"due_on", n.due_on}});
  }
  Json matters = Json::array();
  for (const auto& m : b.matters) {
    matters.push_back({{"type_label", m.type_label},
                       {"category", m.category},
                       {"status", m.status},
                       {"status_label", m.status_label},
                       {"accepted_on", m.accepted_on},
                       {"answered_on", m.answered_on},
                       {"closed_on", m.closed_on},
                       {"on_time", m.on_time},
                       {"solved", m.solved ? Json(*m.solved) : Json(nullptr)},
                       {"rating", m.rating ? Json(*m.rating) : Json(nullptr)}});
  }
  return {{"village_name", b.village_name},
          {"today", b.today},
          {"assistant", {{"name", b.assistant_name}, {"phone", b.assistant_phone}}},
          {"members", std::move(members)},
          {"groups", std::move(groups)},
          {"notices", std::move(notices)},
          {"matters", std::move(matters)},
          {"station_hours", b.station_hours}};
}

Json PublicHouseholdJson(const app::ContactCardData& c) {
  return {{"card_code", c.card_code},
          {"public_url", c.public_url},
          {"village_name", c.village_name},
          {"head_name", c.head_name},
          {"member", {{"name", c.member_name}, {"phone", c.member_phone}}},
          {"leader", {{"name", c.leader_name}, {"phone", c.leader_phone}}},
          {"assistant", {{"name", c.assistant_name}, {"phone", c.assistant_phone}}},
          {"station_hours", c.station_hours}};
}

app::LinkInput LinkInputFromJson(const Json& body) {
  FieldReader r(body);
  app::LinkInput in;
  in.member_id = r.Id("member_id");
  in.household_id = r.Id("household_id");
  std::string kind = r.String("kind");
  if (!kind.empty()) in.kind = kind;
  r.Check();
  return in;
}

app::MemberStatusInput MemberStatusInputFromJson(const Json& body) {
  FieldReader r(body);
  app::MemberStatusInput in;
  in.away = r.OptionalBool("away");
  in.can_take_households = r.OptionalBool("can_take_households");
  if (r.Has("capacity")) in.capacity = r.Int("capacity", 0);
  in.deceased = r.OptionalBool("deceased").value_or(false);
  r.Check();
  return in;
}

app::NoticeInput NoticeInputFromJson(const Json& body) {
  FieldReader r(body);
  app::NoticeInput in;
  in.region_id = r.Id("region_id");
  in.kind = r.String("kind");
  in.title = r.String("title");
  in.body = r.String("body");
  in.due_date = r.String("due_date");
  r.Check();
  return in;
}

app::HouseholdEventInput HouseholdEventInputFromJson(const Json& body) {
  FieldReader r(body);
  app::HouseholdEventInput in;
  in.household_id = r.Id("household_id");
  in.kind = r.String("kind");
  in.date = r.String("date");
  in.note = r.String("note");
  r.Check();
  return in;
}

app::VisitInput VisitInputFromJson(const Json& body) {
  FieldReader r(body);
  app::VisitInput in;
  in.household_id = r.Id("household_id");
  std::string kind = r.String("kind");
  if (!kind.empty()) in.kind = kind;
  std::string way = r.String("way");
  if (!way.empty()) in.way = way;
  if (r.Has("visited_at")) in.visited_at = r.Int("visited_at", 0);
  in.learned = r.String("learned");
  in.problems = r.String("problems");
  in.help = r.String("help");
  in.corrects_id = r.OptionalId("corrects_id");
  in.household_event_id = r.OptionalId("household_event_id");
  in.notice_id = r.OptionalId("notice_id");
  if (body.contains("raise_matter") && body["raise_matter"].is_object()) {
    FieldReader m(body["raise_matter"], "raise_matter.");
    app::VisitMatterInput matter;
    matter.type = m.String("type");
    matter.category_id = m.OptionalId("category_id");
    matter.urgency = m.String("urgency");
    matter.title = m.String("title");
    matter.content = m.String("content");
    m.Check();
    in.raise_matter = std::move(matter);
  }
  r.Check();
  return in;
}

}  // namespace minqing::http
