#include "app/audit.hpp"

#include <cstdio>

#include "domain/codes.hpp"
#include "domain/ids.hpp"
#include "domain/privacy.hpp"
#include "domain/work_calendar.hpp"
#include "log/log.hpp"

namespace minqing::app {

std::string JsonEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  log::AppendJsonEscaped(out, text);
  return out;
}

void JsonObjectWriter::Key(std::string_view key) {
  if (body_.size() > 1) body_.push_back(',');
  body_ += '"';
  body_ += JsonEscape(key);
  body_ += "\":";
}

JsonObjectWriter& JsonObjectWriter::Add(std::string_view key, std::string_view value) {
  Key(key);
  body_ += '"';
  body_ += JsonEscape(value);
  body_ += '"';
  return *this;
}

JsonObjectWriter& JsonObjectWriter::Add(std::string_view key, std::int64_t value) {
  Key(key);
  body_ += std::to_string(value);
  return *this;
}

JsonObjectWriter& JsonObjectWriter::Add(std::string_view key, bool value) {
  Key(key);
  body_ += value ? "true" : "false";
  return *this;
}

JsonObjectWriter& JsonObjectWriter::Add(std::string_view key,
                                        const std::optional<std::int64_t>& value) {
  Key(key);
  body_ += value ? std::to_string(*value) : "null";
  return *this;
}

JsonObjectWriter& JsonObjectWriter::Add(std::string_view key, const std::optional<double>& value) {
  Key(key);
  if (value) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.6f", *value);
    body_ += buf;
  } else {
    body_ += "null";
  }
  return *this;
}

namespace {

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) {
    if (!out.empty()) out += "、";
    out += t;
  }
  return out;
}

}  // namespace

std::string Snapshot(const domain::Region& r) {
  return JsonObjectWriter()
      .Add("name", r.name)
      .Add("code", r.code)
      .Add("level", domain::RegionLevelCode(r.level))
      .Add("parent_id", r.parent_id)
      .Add("lat", r.lat)
      .Add("lng", r.lng)
      .Finish();
}

std::string Snapshot(const domain::Household& h) {
  return JsonObjectWriter()
      .Add("number", h.number)
      .Add("address", h.address)
      .Add("region_id", h.region_id)
      .Add("tags", JoinTags(h.tags))
      .Add("lat", h.lat)
      .Add("lng", h.lng)
      .Finish();
}

std::string Snapshot(const domain::Resident& r) {
  JsonObjectWriter w;
  w.Add("name", r.name)
      .Add("household_id", r.household_id)
      .Add("sex", domain::SexCode(r.sex))
      .Add("birth_date", r.birth_date)
      .Add("id_card", domain::MaskIdCard(r.id_card))
      .Add("phone", domain::MaskPhone(r.phone))
      .Add("relation", r.relation);
  // The voter roles only when held, so snapshots of other residents read as before.
  if (r.village_committee) w.Add("village_committee", true);
  if (r.villager_rep) w.Add("villager_rep", true);
  return w.Finish();
}

std::string Snapshot(const domain::PartyOrg& o) {
  return JsonObjectWriter()
      .Add("name", o.name)
      .Add("kind", domain::PartyOrgKindCode(o.kind))
      .Add("parent_id", o.parent_id)
      .Add("region_id", o.region_id)
      .Add("leader_member_id", o.leader_member_id)
      .Finish();
}

std::string Snapshot(const domain::PartyMember& m) {
  return JsonObjectWriter()
      .Add("resident_id", m.resident_id)
      .Add("org_id", m.org_id)
      .Add("status", domain::MemberStatusCode(m.status))
      .Add("away", m.away)
      .Add("away_to", m.away_to)
      .Add("can_take_households", m.can_take_households)
      .Add("capacity", m.capacity)
      .Add("joined_on", m.joined_on)
      .Finish();
}

std::string Snapshot(const domain::Unit& u) {
  return JsonObjectWriter()
      .Add("name", u.name)
      .Add("kind", domain::UnitKindCode(u.kind))
      .Add("region_id", u.region_id)
      .Add("phone", u.phone)
      .Add("office_hours", u.office_hours)
      .Finish();
}

std::string Snapshot(const domain::Staff& s) {
  return JsonObjectWriter()
      .Add("name", s.name)
      .Add("unit_id", s.unit_id)
      .Add("title", s.title)
      .Add("phone", domain::MaskPhone(s.phone))
      .Add("user_id", s.user_id)
      .Finish();
}

std::string Snapshot(const domain::User& u) {
  return JsonObjectWriter()
      .Add("username", u.username)
      .Add("display_name", u.display_name)
      .Add("role", domain::RoleCode(u.role))
      .Add("scope_region_id", u.scope_region_id)
      .Add("scope_unit_id", u.scope_unit_id)
      .Add("resident_id", u.resident_id)
      .Add("active", u.active)
      .Finish();
}

void RecordAudit(StoreTx& tx, const Actor& actor, std::string_view action, std::string_view entity,
                 domain::Id entity_id, std::string before_json, std::string after_json) {
  domain::AuditEntry entry;
  entry.id = domain::NewId();
  entry.at = actor.now;
  if (actor.user.id != 0) entry.user_id = actor.user.id;
  entry.username = actor.user.username;
  entry.action = std::string(action);
  entry.entity = std::string(entity);
  entry.entity_id = entity_id;
  entry.before_json = std::move(before_json);
  entry.after_json = std::move(after_json);
  entry.channel = std::string(domain::ChannelCode(actor.channel));
  entry.request_id = actor.request_id;
  tx.AppendAudit(entry);
}

ChainBoard ReadChainBoard(Store& store, int days) {
  auto tx = store.BeginRead();
  ChainBoard board;
  board.current = tx->AuditChainHead();
  board.published = tx->ListPublishedAuditChainHeads(days);
  return board;
}

std::optional<domain::PublishedHead> PublishTodaysChainHead(Store& store, domain::Epoch now) {
  auto tx = store.Begin();
  auto head = tx->PublishAuditChainHead(domain::FormatDate(domain::ChinaDay(now)), now);
  tx->Commit();
  return head;
}

}  // namespace minqing::app
