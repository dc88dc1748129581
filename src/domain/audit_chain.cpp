#include "domain/audit_chain.hpp"

namespace minqing::domain {

void AppendCanonicalField(std::string& out, std::string_view name,
                          std::optional<std::string_view> value) {
  out += name;
  out += '=';
  if (!value) {
    out += "null\n";
    return;
  }
  out += std::to_string(value->size());
  out += ':';
  out += *value;
  out += '\n';
}

void AppendCanonicalField(std::string& out, std::string_view name,
                          std::optional<std::int64_t> value) {
  if (!value) {
    AppendCanonicalField(out, name, std::optional<std::string_view>());
    return;
  }
  std::string text = std::to_string(*value);
  AppendCanonicalField(out, name, std::optional<std::string_view>(text));
}

std::string CanonicalAuditContent(const AuditEntry& e, std::int64_t seq,
                                  std::string_view prev_hash) {
  std::string out;
  out.reserve(160 + e.username.size() + e.action.size() + e.before_json.size() +
              e.after_json.size() + e.proof.size());
  out += "minqing.audit.v1\n";
  AppendCanonicalField(out, "seq", std::optional<std::int64_t>(seq));
  AppendCanonicalField(out, "prev_hash", std::optional<std::string_view>(prev_hash));
  AppendCanonicalField(out, "id", std::optional<std::int64_t>(e.id));
  AppendCanonicalField(out, "at", std::optional<std::int64_t>(e.at));
  AppendCanonicalField(out, "user_id", e.user_id);
  AppendCanonicalField(out, "username", std::optional<std::string_view>(e.username));
  AppendCanonicalField(out, "action", std::optional<std::string_view>(e.action));
  AppendCanonicalField(out, "entity", std::optional<std::string_view>(e.entity));
  AppendCanonicalField(out, "entity_id", std::optional<std::int64_t>(e.entity_id));
  AppendCanonicalField(out, "before_json", std::optional<std::string_view>(e.before_json));
  AppendCanonicalField(out, "after_json", std::optional<std::string_view>(e.after_json));
  AppendCanonicalField(out, "channel", std::optional<std::string_view>(e.channel));
  AppendCanonicalField(out, "proof", std::optional<std::string_view>(e.proof));
  if (!e.request_id.empty()) {
    AppendCanonicalField(out, "request_id", std::optional<std::string_view>(e.request_id));
  }
  return out;
}

std::string MatterProof(const Matter& m) {
  std::string out;
  AppendCanonicalField(out, "kind", std::optional<std::string_view>("matter"));
  AppendCanonicalField(out, "id", std::optional<std::int64_t>(m.id));
  AppendCanonicalField(out, "number", std::optional<std::string_view>(m.number));
  AppendCanonicalField(out, "status", std::optional<std::int64_t>(static_cast<int>(m.status)));
  AppendCanonicalField(out, "solved",
                       m.solved ? std::optional<std::int64_t>(*m.solved ? 1 : 0) : std::nullopt);
  AppendCanonicalField(out, "rating",
                       m.rating ? std::optional<std::int64_t>(*m.rating) : std::nullopt);
  AppendCanonicalField(out, "confirmed_via", std::optional<std::string_view>(m.confirmed_via));
  AppendCanonicalField(out, "closed_at", m.closed_at);
  return out;
}

std::string VisitProof(const Visit& v) {
  std::string out;
  AppendCanonicalField(out, "kind", std::optional<std::string_view>("visit"));
  AppendCanonicalField(out, "id", std::optional<std::int64_t>(v.id));
  AppendCanonicalField(out, "household_id", std::optional<std::int64_t>(v.household_id));
  AppendCanonicalField(out, "member_id", v.member_id);
  AppendCanonicalField(out, "confirmed_via", std::optional<std::string_view>(v.confirmed_via));
  AppendCanonicalField(out, "confirmed_at", v.confirmed_at);
  return out;
}

}  // namespace minqing::domain
