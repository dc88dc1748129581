#include "http/matter_json.hpp"

#include "domain/code_tables.hpp"
#include "domain/codes.hpp"
#include "domain/privacy.hpp"

namespace minqing::http {
namespace {

Json Rate(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

}  // namespace

namespace {
std::string OutcomeLabel(const std::string& code) {
  auto outcome = domain::ParseMatterOutcome(code);
  return outcome ? std::string(domain::MatterOutcomeLabel(*outcome)) : "";
}
}  // namespace

Json MatterJson(const domain::Matter& m, domain::Epoch now, const domain::RegionLevels& levels) {
  domain::EscalationPolicy policy;
  return {{"id", m.id},
          {"number", m.number},
          {"type", domain::MatterTypeCode(m.type)},
          {"type_label", domain::MatterTypeLabel(m.type)},
          {"category_id", Opt(m.category_id)},
          {"category_name", m.category_name},
          {"channel", domain::MatterChannelCode(m.channel)},
          {"channel_label", domain::MatterChannelLabel(m.channel)},
          {"urgency", domain::UrgencyCode(m.urgency)},
          {"urgency_label", domain::UrgencyLabel(m.urgency)},
          {"status", domain::MatterStatusCode(m.status)},
          {"status_label", domain::MatterStatusLabel(m.status)},
          {"household_id", Opt(m.household_id)},
          {"resident_id", Opt(m.resident_id)},
          {"caller_name", m.caller_name},
          {"caller_phone_masked", domain::MaskPhone(m.caller_phone)},
          {"region_id", m.region_id},
          {"region_name", m.region_name},
          {"region_label", m.region_label.empty() ? m.region_name : m.region_label},
          {"title", m.title},
          {"content", m.content},
          {"address", m.address},
          {"lat", Opt(m.lat)},
          {"lng", Opt(m.lng)},
          {"accepted_by", m.accepted_by},
          {"accepted_at", m.accepted_at},
          {"unit_id", Opt(m.unit_id)},
          {"unit_name", m.unit_name},
          {"handler_id", Opt(m.handler_id)},
          {"first_unit_id", Opt(m.first_unit_id)},
          {"response_due_at", m.response_due_at},
          {"due_at", m.due_at},
          {"responded_at", Opt(m.responded_at)},
          {"replied_at", Opt(m.replied_at)},
          {"closed_at", Opt(m.closed_at)},
          {"reply", m.reply},
          {"escalation_level", m.escalation_level},
          {"escalation_label", domain::EscalationLevelLabel(m.escalation_level, levels)},
          {"supervised", m.supervised},
          {"merged_into_id", Opt(m.merged_into_id)},
          {"solved", Opt(m.solved)},
          {"rating", Opt(m.rating)},
          {"rating_comment", m.rating_comment},
          {"confirmed_via", m.confirmed_via},
          {"confirmed_via_label", domain::CodeLabel("sign_off_proof", m.confirmed_via)},
          {"reopen_count", m.reopen_count},
          {"overdue", domain::IsOverdue(m, now)},
          {"nearly_due", domain::IsNearlyDue(m, now, policy)},
          {"updated_at", m.updated_at},
          {"extension_count", m.extension_count},
          {"outcome", m.outcome},
          {"outcome_label", OutcomeLabel(m.outcome)},
          {"extension_pending", m.extension_pending},
          {"outcome_pending", m.outcome_pending}};
}

Json MatterRequestJson(const domain::MatterRequest& r) {
  const std::string outcome = r.outcome ? std::string(domain::MatterOutcomeCode(*r.outcome)) : "";
  return {{"id", r.id},
          {"matter_id", r.matter_id},
          {"kind", domain::MatterRequestKindCode(r.kind)},
          {"state", domain::MatterRequestStateCode(r.state)},
          {"state_label", domain::MatterRequestStateLabel(r.state)},
          {"unit_id", Opt(r.unit_id)},
          {"requested_by", r.requested_by},
          {"requested_by_name", r.requested_by_name},
          {"requested_at", r.requested_at},
          {"reason", r.reason},
          {"old_due_at", r.old_due_at},
          {"new_due_at", r.new_due_at},
          {"outcome", outcome},
          {"outcome_label", OutcomeLabel(outcome)},
          {"plan", r.plan},
          {"planned_date", r.planned_date},
          {"decided_by", Opt(r.decided_by)},
          {"decided_by_name", r.decided_by_name},
          {"decided_at", Opt(r.decided_at)},
          {"decision_note", r.decision_note}};
}

Json MatterEventJson(const domain::MatterEvent& e) {
  return {{"id", e.id},
          {"kind", domain::MatterEventKindCode(e.kind)},
          {"kind_label", domain::MatterEventKindLabel(e.kind)},
          {"at", e.at},
          {"user_id", Opt(e.user_id)},
          {"user_name", e.user_name},
          {"from_unit_id", Opt(e.from_unit_id)},
          {"to_unit_id", Opt(e.to_unit_id)},
          {"text", e.text},
          {"internal", e.internal},
          {"attachment_ids", e.attachment_ids}};
}

Json AttachmentJson(const domain::Attachment& a) {
  return {{"id", a.id},
          {"file_name", a.file_name},
          {"content_type", a.content_type},
          {"size", a.size},
          {"uploaded_at", a.uploaded_at}};
}

Json SupervisionJson(const domain::SupervisionOrder& o) {
  return {{"id", o.id},
          {"matter_id", o.matter_id},
          {"issued_by", o.issued_by},
          {"note", o.note},
          {"issued_at", o.issued_at},
          {"due_at", o.due_at},
          {"done_at", Opt(o.done_at)}};
}

Json CallbackTaskJson(const domain::CallbackTask& t) {
  return {{"id", t.id},
          {"matter_id", t.matter_id},
          {"matter_number", t.matter_number},
          {"matter_title", t.matter_title},
          {"unit_name", t.unit_name},
          {"created_at", t.created_at},
          {"assigned_to", Opt(t.assigned_to)},
          {"done_at", Opt(t.done_at)},
          {"outcome", t.outcome}};
}

namespace {

Json ErrandDocumentsJson(const domain::ProxyErrand& e) {
  Json docs = Json::array();
  for (const auto& d : e.documents) {
    docs.push_back({{"name", d.name},
                    {"copies", d.copies},
                    {"received_at", Opt(d.received_at)},
                    {"returned_at", Opt(d.returned_at)}});
  }
  return docs;
}

// What the resident's public page shows of an errand: where the papers are, nothing internal.
Json PublicErrandJson(const domain::ProxyErrand& e) {
  return {{"id", e.id},
          {"purpose", e.purpose},
          {"status", domain::ErrandStatusCode(e.status)},
          {"status_label", domain::ErrandStatusLabel(e.status)},
          {"documents", ErrandDocumentsJson(e)},
          {"updated_at", e.updated_at}};
}

}  // namespace

Json ErrandJson(const domain::ProxyErrand& e) {
  Json docs = ErrandDocumentsJson(e);
  return {{"id", e.id},
          {"household_id", e.household_id},
          {"matter_id", Opt(e.matter_id)},
          {"assistant_id", e.assistant_id},
          {"purpose", e.purpose},
          {"status", domain::ErrandStatusCode(e.status)},
          {"status_label", domain::ErrandStatusLabel(e.status)},
          {"documents", std::move(docs)},
          {"created_at", e.created_at},
          {"updated_at", e.updated_at},
          {"household_number", e.household_number},
          {"household_address", e.household_address},
          {"household_head", e.household_head},
          {"matter_number", e.matter_number},
          {"assistant_name", e.assistant_name}};
}

Json CategoryJson(const domain::MatterCategory& c) {
  return {{"id", c.id},
          {"parent_id", Opt(c.parent_id)},
          {"name", c.name},
          {"keywords", c.keywords},
          {"default_unit_id", Opt(c.default_unit_id)},
          {"response_hours", c.response_hours},
          {"completion_days", c.completion_days},
          {"active", c.active}};
}

Json RoutingRuleJson(const domain::RoutingRule& r) {
  return {{"id", r.id},
          {"category_id", r.category_id},
          {"region_path", r.region_path},
          {"region_name", r.region_name},
          {"unit_id", r.unit_id},
          {"completion_days", Opt(r.completion_days)}};
}

Json TimeSlotJson(const domain::TimeSlot& s) {
  return {{"id", s.id},         {"unit_id", s.unit_id},
          {"date", s.date},     {"start", s.start},
          {"end", s.end},       {"capacity", s.capacity},
          {"booked", s.booked}, {"staff_user_id", Opt(s.staff_user_id)}};
}

Json AppointmentJson(const domain::Appointment& a) {
  return {{"id", a.id},
          {"slot_id", a.slot_id},
          {"matter_id", Opt(a.matter_id)},
          {"household_id", Opt(a.household_id)},
          {"person_name", a.person_name},
          {"phone_masked", domain::MaskPhone(a.phone)},
          {"purpose", a.purpose},
          {"status", a.status},
          {"created_at", a.created_at}};
}

Json ReceiptJson(const app::Receipt& r) {
  return {{"number", r.number}, {"token", r.token}, {"public_path", r.public_path}};
}

template <typename T, typename F>
Json ArrayOf(const std::vector<T>& values, F f) {
  Json out = Json::array();
  for (const auto& v : values) out.push_back(f(v));
  return out;
}

Json MatterAssistJson(const domain::MatterAssist& a) {
  return {{"unit_id", a.unit_id},
          {"unit_name", a.unit_name},
          {"status", domain::AssistStatusCode(a.status)},
          {"status_label", domain::AssistStatusLabel(a.status)},
          {"added_at", a.added_at},
          {"accepted_at", Opt(a.accepted_at)},
          {"reported_at", Opt(a.reported_at)},
          {"report", a.report}};
}

Json MatterDisputeJson(const domain::MatterDispute& d) {
  return {{"id", d.id},
          {"matter_id", d.matter_id},
          {"matter_number", d.matter_number},
          {"matter_title", d.matter_title},
          {"unit_id", d.unit_id},
          {"unit_name", d.unit_name},
          {"raised_by", d.raised_by},
          {"raised_at", d.raised_at},
          {"reason_code", d.reason_code},
          {"reason", d.reason},
          {"pending", d.Pending()},
          {"decided_at", Opt(d.decided_at)},
          {"decided_unit_id", Opt(d.decided_unit_id)},
          {"decided_unit_name", d.decided_unit_name},
          {"decision", d.decision}};
}

Json MatterDetailJson(const app::MatterDetail& d, domain::Epoch now,
                      const domain::RegionLevels& levels) {
  return {{"matter", MatterJson(d.matter, now, levels)},
          {"events", ArrayOf(d.events, MatterEventJson)},
          {"attachments", ArrayOf(d.attachments, AttachmentJson)},
          {"supervisions", ArrayOf(d.supervisions, SupervisionJson)},
          {"callbacks", ArrayOf(d.callbacks, CallbackTaskJson)},
          {"merged",
           ArrayOf(d.merged, [&](const domain::Matter& m) { return MatterJson(m, now, levels); })},
          {"errands", ArrayOf(d.errands, ErrandJson)},
          {"sign_off_options", d.sign_off_options},
          {"receipt", d.receipt ? ReceiptJson(*d.receipt) : Json()},
          {"assists", ArrayOf(d.assists, MatterAssistJson)},
          {"disputes", ArrayOf(d.disputes, MatterDisputeJson)}};
}

Json PublicMatterJson(const app::PublicMatterView& v) {
  Json timeline = Json::array();
  for (const auto& e : v.timeline) {
    timeline.push_back({{"kind", domain::MatterEventKindCode(e.kind)},
                        {"kind_label", domain::MatterEventKindLabel(e.kind)},
                        {"at", e.at},
                        {"text", e.text}});
  }
  const auto& m = v.matter;
  return {{"number", m.number},
          {"status", domain::MatterStatusCode(m.status)},
          {"status_label", domain::MatterStatusLabel(m.status)},
          {"type_label", domain::MatterTypeLabel(m.type)},
          {"category_name", m.category_name},
          {"title", m.title},
          {"accepted_at", m.accepted_at},
          {"due_at", m.due_at},
          {"reply", m.reply},
          {"solved", Opt(m.solved)},
          {"rating", Opt(m.rating)},
          {"can_confirm", v.can_confirm},
          {"confirmed_via", m.confirmed_via},
          {"confirmed_via_label", domain::CodeLabel("sign_off_proof", m.confirmed_via)},
          {"sign_off_options", v.sign_off_options},
          {"phone_masked", v.phone_masked},
          {"timeline", std::move(timeline)},
          {"errands", ArrayOf(v.errands, PublicErrandJson)}};
}

Json PublicPreviewJson(const app::PublicMatterView& v) {
  Json out = PublicMatterJson(v);
  const app::SignOffRights rights = v.rights.value_or(app::SignOffRights{});
  out["preview"] = true;
  out["rights"] = {{"callback", rights.callback}, {"enter_code", rights.enter_code}};
  return out;
}

Json CountersJson(const domain::RateCounters& c) {
  return {{"received", c.received},
          {"responded", c.responded},
          {"responded_on_time", c.responded_on_time},
          {"replied", c.replied},
          {"replied_on_time", c.replied_on_time},
          {"rated", c.rated},
          {"solved", c.solved},
          {"satisfied", c.satisfied},
          {"reopened", c.reopened},
          {"overdue", c.overdue},
          {"extended", c.extended},
          {"excluded", c.excluded}};
}

Json RatesRowJson(const app::RatesRow& r) {
  return {{"key", r.key},
          {"name", r.name},
          {"counters", CountersJson(r.counters)},
          {"response_rate", Rate(r.rates.response_rate)},
          {"resolution_rate", Rate(r.rates.resolution_rate)},
          {"satisfaction_rate", Rate(r.rates.satisfaction_rate)}};
}

Json DashboardJson(const app::Dashboard& d, domain::Epoch now, const domain::RegionLevels& levels) {
  Json totals = CountersJson(d.totals);
  totals["response_rate"] = Rate(d.rates.response_rate);
  totals["resolution_rate"] = Rate(d.rates.resolution_rate);
  totals["satisfaction_rate"] = Rate(d.rates.satisfaction_rate);
  Json volumes = Json::array();
  for (const auto& v : d.volumes) {
    Json by = Json::array();
    for (const auto& c : v.by_category) {
      by.push_back({{"category_id", c.category_id}, {"name", c.name}, {"count", c.count}});
    }
    volumes.push_back({{"day", v.day}, {"total", v.total}, {"by_category", std::move(by)}});
  }
  Json top = Json::array();
  for (const auto& t : d.top_categories_by_township) {
    Json cats = Json::array();
    for (const auto& [name, count] : t.categories)
      cats.push_back({{"name", name}, {"count", count}});
    top.push_back({{"region_id", t.region_id}, {"name", t.name}, {"categories", std::move(cats)}});
  }
  Json overdue = Json::array();
  for (const auto& m : d.overdue) overdue.push_back(MatterJson(m, now, levels));
  return {{"totals", std::move(totals)},
          {"volumes", std::move(volumes)},
          {"units", ArrayOf(d.units, RatesRowJson)},
          {"breakdown_level", domain::RegionLevelCode(d.breakdown_level)},
          {"townships", ArrayOf(d.townships, RatesRowJson)},
          {"overdue", std::move(overdue)},
          {"top_categories_by_township", std::move(top)}};
}

Json SmsJson(const app::SmsMessage& s) {
  return {{"id", s.id},
          {"phone", s.phone},
          {"text", s.text},
          {"created_at", s.created_at},
          {"matter_id", Opt(s.matter_id)}};
}

app::MatterInput MatterInputFromJson(const Json& body) {
  FieldReader f(body);
  app::MatterInput in;
  in.type = f.String("type");
  in.category_id = f.OptionalId("category_id");
  in.channel = f.String("channel");
  in.urgency = f.String("urgency");
  in.household_id = f.OptionalId("household_id");
  in.resident_id = f.OptionalId("resident_id");
  in.caller_name = f.String("caller_name");
  in.caller_phone = f.String("caller_phone");
  in.region_id = f.OptionalId("region_id");
  in.title = f.String("title");
  in.content = f.String("content");
  in.address = f.String("address");
  in.lat = f.OptionalDouble("lat");
  in.lng = f.OptionalDouble("lng");
  in.answer_on_spot = f.OptionalBool("answer_on_spot").value_or(false);
  in.reply = f.String("reply");
  in.merge_into_id = f.OptionalId("merge_into_id");
  if (f.Has("accepted_at")) in.accepted_at = f.Int("accepted_at", 0);
  f.Check();
  return in;
}

app::SignOffInput SignOffInputFromJson(const Json& body) {
  FieldReader f(body);
  app::SignOffInput in;
  in.code = f.String("code");
  in.solved = f.OptionalBool("solved");
  if (f.Has("rating")) in.rating = static_cast<int>(f.Int("rating", 0));
  in.comment = f.String("comment");
  f.Check();
  return in;
}

app::CategoryInput CategoryInputFromJson(const Json& body) {
  FieldReader f(body);
  app::CategoryInput in;
  in.parent_id = f.OptionalId("parent_id");
  in.name = f.String("name");
  in.keywords = f.String("keywords");
  in.default_unit_id = f.OptionalId("default_unit_id");
  if (f.Has("response_hours")) in.response_hours = static_cast<int>(f.Int("response_hours", 4));
  if (f.Has("completion_days")) in.completion_days = static_cast<int>(f.Int("completion_days", 5));
  in.active = f.OptionalBool("active");
  f.Check();
  return in;
}

app::ErrandInput ErrandInputFromJson(const Json& body) {
  FieldReader f(body);
  app::ErrandInput in;
  in.household_id = f.Id("household_id");
  in.matter_id = f.OptionalId("matter_id");
  in.purpose = f.String("purpose");
  in.status = f.String("status");
  f.Check();
  if (body.contains("documents") && body["documents"].is_array()) {
    std::vector<domain::FieldProblem> problems;
    for (std::size_t i = 0; i < body["documents"].size(); ++i) {
      const Json& d = body["documents"][i];
      if (!d.is_object()) {
        problems.push_back({"documents", "type.object", "应为对象"});
        continue;
      }
      FieldReader df(d, "documents[" + std::to_string(i) + "].");
      domain::ErrandDocument doc;
      doc.name = df.String("name");
      doc.copies = static_cast<int>(df.Int("copies", 1));
      if (df.Has("received_at")) doc.received_at = df.Int("received_at", 0);
      if (df.Has("returned_at")) doc.returned_at = df.Int("returned_at", 0);
      for (auto& p : df.problems()) problems.push_back(p);
      in.documents.push_back(std::move(doc));
    }
    if (!problems.empty()) {
      throw domain::InvalidInput("validation.failed", "输入有误", std::move(problems));
    }
  }
  return in;
}

std::optional<std::string> DecodeBase64(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  // Accept data URLs ("data:image/png;base64,....").
  if (text.rfind("data:", 0) == 0) {
    auto comma = text.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    text.remove_prefix(comma + 1);
  }
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  bool padding = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    int v = value(c);
    if (v < 0 || padding) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

std::string EncodeBase64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    std::uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                      (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                      static_cast<unsigned char>(bytes[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(n >> s) & 63]);
  }
  if (i < bytes.size()) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

}  // namespace minqing::http
