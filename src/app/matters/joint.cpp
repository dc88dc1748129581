#include "app/matters/joint.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/matters/internal.hpp"
#include "domain/authz.hpp"
#include "domain/ids.hpp"
#include "domain/matter_intake_rules.hpp"
#include "domain/matter_rules.hpp"
#include "domain/text.hpp"

namespace minqing::app {

using domain::Matter;
using domain::MatterAssist;
using domain::Permission;
using domain::Trim;
using domain::Utf8Length;
using namespace matters_internal;  // NOLINT(google-build-using-namespace)

namespace matters_internal {

RouteSettings ReadRouteSettings(StoreTx& tx) {
  RouteSettings out;
  out.reasons = domain::ParseRouteReasons(
      tx.Settings().FindSetting(domain::kRouteReasonsSetting).value_or(""));
  if (auto cap = tx.Settings().FindSetting(domain::kRouteCapSetting)) {
    try {
      const int value = std::stoi(*cap);
      if (value >= 1 && value <= domain::kMaxRouteCap) out.cap = value;
    } catch (const std::exception&) {
      out.cap = domain::kDefaultRouteCap;
    }
  }
  return out;
}

bool AssistingUnitOf(const Actor& actor, const std::vector<MatterAssist>& assists) {
  if (actor.user.role != domain::Role::kUnitHandler || !actor.user.scope_unit_id) return false;
  return std::any_of(assists.begin(), assists.end(),
                     [&](const MatterAssist& a) { return a.unit_id == *actor.user.scope_unit_id; });
}

Matter AddAssistIn(StoreTx& tx, const Actor& actor, const Matter& m, Id unit_id) {
  auto unit = tx.Registry().FindUnit(unit_id);
  if (!unit) throw domain::NotFound("unit.not_found", "单位不存在");
  const auto assists = tx.Matters().ListAssists(m.id);
  auto t = domain::AddAssist(m, assists, unit->id, unit->name, actor.now);
  if (t.refusal) ThrowRefusal(*t.refusal);
  MatterAssist a;
  a.matter_id = m.id;
  a.unit_id = unit->id;
  if (actor.user.id != 0) a.added_by = actor.user.id;
  a.added_at = actor.now;
  tx.Matters().UpsertAssist(a);
  return Record(tx, actor, m, std::move(t));
}

std::string CheckRoute(StoreTx& tx, const Matter& m, bool as_unit, bool is_return,
                       std::optional<Id> to_unit, const std::string& reason_code,
                       const std::string& reason) {
  const RouteSettings settings = ReadRouteSettings(tx);
  if (auto refusal = domain::CheckRouteReason(settings.reasons, Trim(reason_code), reason)) {
    ThrowRefusal(*refusal);
  }
  const auto disputes = tx.Matters().ListDisputes(m.id);
  if (as_unit) {
    const auto history = domain::RouteHistoryOf(tx.Matters().ListEvents(m.id));
    if (auto refusal = domain::CheckUnitRoute(history, settings.cap, m.unit_id.value_or(0),
                                              is_return, disputes)) {
      ThrowRefusal(*refusal);
    }
  } else if (std::any_of(disputes.begin(), disputes.end(),
                         [](const auto& d) { return d.Pending(); })) {
    throw domain::Conflict("matter.dispute_pending", "该诉求有待裁定的争议，请先裁定");
  }
  if (to_unit) {
    for (const auto& a : tx.Matters().ListAssists(m.id)) {
      if (a.unit_id == *to_unit) {
        Invalid("unit_id", "matter.unit_is_assisting", "该单位是协办单位，请先撤销协办再转办");
      }
    }
  }
  return "〔" + Trim(reason_code) + "〕" + Trim(reason);
}

domain::Epoch ResponseDueAtFor(MattersContext& context, StoreTx& tx, const Matter& m, Id unit_id) {
  auto category = m.category_id ? tx.Matters().FindCategory(*m.category_id) : std::nullopt;
  const auto limits = domain::LimitsFor(
      category ? &*category : nullptr,
      domain::MatchRoutingRule(*context.RoutingRules(tx), m.category_id, m.region_path), m.urgency);
  return domain::DeadlinesFor(limits, m.accepted_at, *context.Calendar(tx),
                              UnitOfficeHours(tx, unit_id))
      .response_due_at;
}

}  // namespace matters_internal

namespace {

void RequireDispatcher(const Actor& actor, const Matter& m) {
  Require(actor, Permission::kMatterDispatch, m.region_path,
          {"auth.forbidden", "无权处理该区域的诉求"});
}

void RequireLeadUnit(const Actor& actor, const Matter& m) {
  Require(actor, Permission::kMatterHandle,
          Refusal{"auth.forbidden", "只有承办单位可以执行此操作"});
  Require(actor, Permission::kMatterHandle, UnitScope{m.unit_id},
          {"matter.forbidden_unit", "该诉求不属于本单位"});
}

// The actor's assist on the matter: a handler whose unit assists it.
MatterAssist RequireAssisting(const Actor& actor, const std::vector<MatterAssist>& assists) {
  Require(actor, Permission::kMatterHandle,
          Refusal{"auth.forbidden", "只有协办单位可以执行此操作"});
  if (actor.user.scope_unit_id) {
    for (const auto& a : assists) {
      if (a.unit_id == *actor.user.scope_unit_id) return a;
    }
  }
  throw domain::Forbidden("matter.not_assisting", "本单位不是该诉求的协办单位");
}

void CheckText(const std::string& body) {
  if (body.empty()) Invalid("text", "matter.text_required", "请填写内容");
  if (Utf8Length(body) > domain::kMaxMatterContentChars) {
    Invalid("text", "matter.text_too_long", "内容过长");
  }
}

}  // namespace

RouteSettings JointService::GetRouteSettings(const Actor& actor) {
  Require(actor,
          {Permission::kMatterHandle, Permission::kMatterDispatch, Permission::kManageCatalogue});
  auto tx = context_.store().BeginRead();
  return ReadRouteSettings(*tx);
}

RouteSettings JointService::PutRouteSettings(const Actor& actor, const RouteSettings& settings) {
  Require(actor, Permission::kManageCatalogue);
  RouteSettings value;
  for (const auto& r : settings.reasons) value.reasons.push_back(Trim(r));
  value.cap = settings.cap;
  ThrowIfProblems(domain::ValidateRouteSettings(value.reasons, value.cap));
  auto tx = context_.store().Begin();
  const RouteSettings before = ReadRouteSettings(*tx);
  tx->Settings().PutSetting(domain::kRouteReasonsSetting, domain::FormatRouteReasons(value.reasons),
                            actor.now, actor.user.id);
  tx->Settings().PutSetting(domain::kRouteCapSetting, std::to_string(value.cap), actor.now,
                            actor.user.id);
  auto text = [](const RouteSettings& s) {
    return JsonObjectWriter()
        .Add("reasons", domain::FormatRouteReasons(s.reasons))
        .Add("cap", static_cast<std::int64_t>(s.cap))
        .Finish();
  };
  RecordAudit(*tx, actor, "matter.route_settings", "setting", 0, text(before), text(value));
  tx->Commit();
  return value;
}

Matter JointService::AddAssist(const Actor& actor, Id matter_id, Id unit_id) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireDispatcher(actor, m);
  if (unit_id == 0) Invalid("unit_id", "unit.required", "请选择协办单位");
  m = AddAssistIn(*tx, actor, m, unit_id);
  tx->Commit();
  return m;
}

Matter JointService::RemoveAssist(const Actor& actor, Id matter_id, Id unit_id) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireDispatcher(actor, m);
  auto unit = tx->Registry().FindUnit(unit_id);
  const auto assists = tx->Matters().ListAssists(m.id);
  auto t = domain::RemoveAssist(m, assists, unit_id, unit ? unit->name : "", actor.now);
  if (t.refusal) ThrowRefusal(*t.refusal);
  tx->Matters().DeleteAssist(m.id, unit_id);
  m = Record(*tx, actor, m, std::move(t));
  tx->Commit();
  return m;
}

Matter JointService::AcceptAssist(const Actor& actor, Id matter_id) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  MatterAssist a = RequireAssisting(actor, tx->Matters().ListAssists(m.id));
  auto t = domain::AcceptAssist(m, a, a.unit_name, actor.now);
  if (t.refusal) ThrowRefusal(*t.refusal);
  a.status = domain::AssistStatus::kAccepted;
  a.accepted_at = actor.now;
  a.accepted_by = actor.user.id;
  tx->Matters().UpsertAssist(a);
  m = Record(*tx, actor, m, std::move(t));
  tx->Commit();
  return m;
}

Matter JointService::AssistStep(const Actor& actor, Id matter_id, const std::string& text) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  MatterAssist a = RequireAssisting(actor, tx->Matters().ListAssists(m.id));
  const std::string body = Trim(text);
  CheckText(body);
  m = Record(*tx, actor, m, domain::AssistStep(m, a, a.unit_name, body, actor.now));
  Reindex(*tx, m);
  tx->Commit();
  return m;
}

Matter JointService::ReportAssist(const Actor& actor, Id matter_id, const std::string& text) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  MatterAssist a = RequireAssisting(actor, tx->Matters().ListAssists(m.id));
  const std::string body = Trim(text);
  CheckText(body);
  auto t = domain::ReportAssist(m, a, a.unit_name, body, actor.now);
  if (t.refusal) ThrowRefusal(*t.refusal);
  a.status = domain::AssistStatus::kReported;
  a.reported_at = actor.now;
  a.reported_by = actor.user.id;
  a.report = body;
  tx->Matters().UpsertAssist(a);
  m = Record(*tx, actor, m, std::move(t));
  tx->Commit();
  return m;
}

Matter JointService::RaiseDispute(const Actor& actor, Id matter_id, const std::string& reason_code,
                                  const std::string& reason) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireLeadUnit(actor, m);
  const RouteSettings settings = ReadRouteSettings(*tx);
  if (auto refusal = domain::CheckRouteReason(settings.reasons, Trim(reason_code), reason)) {
    ThrowRefusal(*refusal);
  }
  const auto disputes = tx->Matters().ListDisputes(m.id);
  auto t = domain::RaiseDispute(m, domain::RouteHistoryOf(tx->Matters().ListEvents(m.id)),
                                settings.cap, disputes, Trim(reason_code), Trim(reason), actor.now);
  if (t.refusal) ThrowRefusal(*t.refusal);
  domain::MatterDispute d;
  d.id = domain::NewId();
  d.matter_id = m.id;
  d.unit_id = *m.unit_id;
  d.raised_by = actor.user.id;
  d.raised_at = actor.now;
  d.reason_code = Trim(reason_code);
  d.reason = Trim(reason);
  tx->Matters().InsertDispute(d);
  m = Record(*tx, actor, m, std::move(t));
  tx->Commit();
  return m;
}

Matter JointService::DecideDispute(const Actor& actor, Id matter_id, Id unit_id,
                                   const std::string& decision) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireDispatcher(actor, m);
  std::optional<domain::MatterDispute> pending;
  for (auto& d : tx->Matters().ListDisputes(m.id)) {
    if (d.Pending()) pending = std::move(d);
  }
  if (!pending) throw domain::Conflict("matter.dispute_not_pending", "该诉求没有待裁定的争议");
  if (unit_id == 0) Invalid("unit_id", "unit.required", "请选择承办单位");
  auto unit = tx->Registry().FindUnit(unit_id);
  if (!unit) throw domain::NotFound("unit.not_found", "单位不存在");
  for (const auto& a : tx->Matters().ListAssists(m.id)) {
    if (a.unit_id == unit_id) {
      Invalid("unit_id", "matter.unit_is_assisting", "该单位是协办单位，请先撤销协办");
    }
  }
  auto t = domain::DecideDispute(m, *pending, unit->id, unit->name, Trim(decision), actor.now);
  if (t.refusal) ThrowRefusal(*t.refusal);
  if (t.matter.unit_id != m.unit_id) {
    t.matter.response_due_at = ResponseDueAtFor(context_, *tx, m, unit->id);
  }
  pending->decided_by = actor.user.id;
  pending->decided_at = actor.now;
  pending->decided_unit_id = unit->id;
  pending->decision = Trim(decision);
  tx->Matters().UpdateDispute(*pending);
  m = Record(*tx, actor, m, std::move(t));
  tx->Commit();
  return m;
}

domain::Page<domain::MatterDispute> JointService::ListPendingDisputes(
    const Actor& actor, std::optional<Id> region_id, const domain::PageRequest& page) {
  Require(actor, Permission::kMatterDispatch);
  auto tx = context_.store().BeginRead();
  const std::string prefix = PrefixFor(*tx, actor, region_id);
  return tx->Matters().ListPendingDisputes(prefix, Clamp(page));
}

}  // namespace minqing::app
