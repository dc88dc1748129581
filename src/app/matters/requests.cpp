#include "app/matters/requests.hpp"

#include <charconv>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/matters/internal.hpp"
#include "app/matters/notify.hpp"
#include "domain/authz.hpp"
#include "domain/ids.hpp"
#include "domain/matter_intake_rules.hpp"
#include "domain/text.hpp"

namespace minqing::app {

using domain::Matter;
using domain::MatterRequest;
using domain::Permission;
using domain::Trim;
using namespace matters_internal;  // NOLINT(google-build-using-namespace)

namespace {

constexpr std::size_t kMaxReasonChars = 1000;

// Only the matter's own unit asks (administrators hold matter.handle on every unit, and are then
// the ones who asked: they cannot decide it).
void RequireOwnUnit(const Actor& actor, const Matter& m) {
  Require(actor, Permission::kMatterHandle, Refusal{"auth.forbidden", "只有承办单位可以提出申请"});
  Require(actor, Permission::kMatterHandle, UnitScope{m.unit_id},
          {"matter.forbidden_unit", "该诉求不属于本单位"});
}

domain::RequestActor RequestActorOf(const Actor& actor) {
  return {actor.user.id,
          actor.user.display_name.empty() ? actor.user.username : actor.user.display_name};
}

std::string CheckedText(const std::string& text, const char* field) {
  std::string body = Trim(text);
  if (domain::Utf8Length(body) > kMaxReasonChars) {
    Invalid(field, "matter.text_too_long", "内容过长");
  }
  return body;
}

int MaxExtensions(StoreTx& tx) {
  auto text = tx.Settings().FindSetting(kMaxExtensionsSetting);
  if (!text) return domain::kDefaultMaxExtensions;
  int value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < 0) {
    return domain::kDefaultMaxExtensions;
  }
  return value;
}

std::string RequestJson(const MatterRequest& r) {
  return JsonObjectWriter()
      .Add("id", r.id)
      .Add("matter_id", r.matter_id)
      .Add("kind", domain::MatterRequestKindCode(r.kind))
      .Add("state", domain::MatterRequestStateCode(r.state))
      .Add("requested_by", r.requested_by)
      .Add("reason", r.reason)
      .Add("old_due_at", r.old_due_at)
      .Add("new_due_at", r.new_due_at)
      .Add("outcome", r.outcome ? domain::MatterOutcomeCode(*r.outcome) : "")
      .Add("plan", r.plan)
      .Add("planned_date", r.planned_date)
      .Add("decided_by", r.decided_by)
      .Add("decision_note", r.decision_note)
      .Finish();
}

bool RequiredDecision(std::optional<bool> approve) {
  if (!approve) Invalid("approve", "field.required", "请选择同意或不同意");
  return *approve;
}

// The self-approval refusal is a matter of who acts (403), the others of the matter's state.
void ThrowIfRefused(const domain::RequestTransition& r) {
  if (!r.transition.refusal) return;
  if (r.transition.refusal->code == "matter.self_approval") {
    throw domain::Forbidden(r.transition.refusal->code, r.transition.refusal->message);
  }
  ThrowRefusal(*r.transition.refusal);
}

// Writes a request step: the matter through the state machine's record (events, counters,
// audited save), then the request and its own audit entry.
Matter Write(StoreTx& tx, const Actor& actor, const Matter& before, domain::RequestTransition r,
             bool fresh) {
  ThrowIfRefused(r);
  const std::string action = r.transition.audit_action;
  Record(tx, actor, before, std::move(r.transition));
  if (fresh) {
    tx.Matters().InsertMatterRequest(r.request);
    RecordAudit(tx, actor, action, "matter_request", r.request.id, "", RequestJson(r.request));
  } else {
    tx.Matters().UpdateMatterRequest(r.request);
    RecordAudit(tx, actor, action, "matter_request", r.request.id, "", RequestJson(r.request));
  }
  return LoadMatter(tx, before.id);
}

}  // namespace

Matter MatterRequestService::RequestExtension(const Actor& actor, Id matter_id,
                                              const ExtensionInput& input) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireOwnUnit(actor, m);
  RequireState(m, domain::MatterAction::kRequestExtension);
  const std::string reason = CheckedText(input.reason, "reason");
  std::optional<domain::DayNumber> date;
  if (!Trim(input.due_date).empty()) {
    date = domain::ParseDate(Trim(input.due_date));
    if (!date) Invalid("due_date", "date.invalid", "日期格式应为 YYYY-MM-DD");
  }
  const auto requests = tx->Matters().ListMatterRequests(m.id);
  // The state, reason, pending and cap refusals come before the date's, so a second request
  // reads "one is pending" whatever date it names.
  auto check = domain::RequestExtension(m, requests, RequestActorOf(actor), 0, reason, m.due_at + 1,
                                        MaxExtensions(*tx), actor.now);
  ThrowIfRefused(check);
  auto due = domain::ExtensionDueAt(*context_.Calendar(*tx), m.due_at, input.working_days, date);
  if (due.refusal) ThrowRefusal(*due.refusal);
  auto r = domain::RequestExtension(m, requests, RequestActorOf(actor), domain::NewId(), reason,
                                    *due.due_at, MaxExtensions(*tx), actor.now);
  m = Write(*tx, actor, m, std::move(r), true);
  tx->Commit();
  return m;
}

Matter MatterRequestService::DecideExtension(const Actor& actor, Id matter_id,
                                             std::optional<bool> approve_input,
                                             const std::string& due_date, const std::string& note) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  Require(actor, Permission::kMatterDispatch, m.region_path,
          {"auth.forbidden", "无权审批该区域诉求的延期申请"});
  const bool approve = RequiredDecision(approve_input);
  const auto requests = tx->Matters().ListMatterRequests(m.id);
  const MatterRequest* pending =
      domain::PendingRequest(requests, domain::MatterRequestKind::kExtension);
  if (!pending) throw domain::Conflict("matter.no_pending_request", "该诉求没有待审批的延期申请");
  std::optional<domain::Epoch> approved_due;
  if (approve && !Trim(due_date).empty()) {
    auto day = domain::ParseDate(Trim(due_date));
    if (!day) Invalid("due_date", "date.invalid", "日期格式应为 YYYY-MM-DD");
    if (!context_.Calendar(*tx)->IsWorkingDay(*day)) {
      Invalid("due_date", "matter.extension_date", "所选日期不是工作日");
    }
    approved_due = domain::ChinaDayEnd(*day);
  }
  auto r = domain::DecideExtension(m, *pending, RequestActorOf(actor), approve, approved_due,
                                   CheckedText(note, "note"), actor.now,
                                   CountyIndex(*tx, m.region_path));
  m = Write(*tx, actor, m, std::move(r), false);
  tx->Commit();
  return m;
}

Matter MatterRequestService::ProposeOutcome(const Actor& actor, Id matter_id,
                                            const OutcomeInput& input) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireOwnUnit(actor, m);
  RequireState(m, domain::MatterAction::kProposeOutcome);
  auto outcome = domain::ParseMatterOutcome(Trim(input.outcome));
  if (!outcome)
    Invalid("outcome", "outcome.invalid", "请选择办结类型（挂账、不属实、不属于受理范围）");
  auto r =
      domain::ProposeOutcome(m, tx->Matters().ListMatterRequests(m.id), RequestActorOf(actor),
                             domain::NewId(), *outcome, CheckedText(input.reason, "reason"),
                             CheckedText(input.plan, "plan"), Trim(input.planned_date), actor.now);
  m = Write(*tx, actor, m, std::move(r), true);
  tx->Commit();
  return m;
}

Matter MatterRequestService::DecideOutcome(const Actor& actor, Id matter_id,
                                           std::optional<bool> approve_input,
                                           const std::string& note) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  Require(actor, Permission::kMatterExcludeApprove, m.region_path,
          {"auth.forbidden", "无权审批该区域诉求的办结类型"});
  const bool approve = RequiredDecision(approve_input);
  const auto requests = tx->Matters().ListMatterRequests(m.id);
  const MatterRequest* pending =
      domain::PendingRequest(requests, domain::MatterRequestKind::kOutcome);
  if (!pending) {
    throw domain::Conflict("matter.no_pending_request", "该诉求没有待审批的办结类型申请");
  }
  const domain::BookedHere booked = domain::WhereBooked(m, tx->Matters().ListEvents(m.id));
  auto r =
      domain::DecideOutcome(m, *pending, RequestActorOf(actor), approve, CheckedText(note, "note"),
                            booked, actor.now, CountyIndex(*tx, m.region_path));
  const bool closes = approve && !r.transition.refusal &&
                      r.transition.matter.status == domain::MatterStatus::kClosed;
  m = Write(*tx, actor, m, std::move(r), false);
  if (closes) {
    Reindex(*tx, m);
    NotifyMatterChange(context_, *tx, m, "matter.outcome_approve", actor.now);
  }
  tx->Commit();
  return m;
}

std::vector<MatterRequest> MatterRequestService::ListRequests(const Actor& actor, Id matter_id) {
  Require(actor,
          {Permission::kMatterHandle, Permission::kMatterDispatch, Permission::kMatterSupervise,
           Permission::kMatterExport},
          {"auth.forbidden", "无权查看该诉求的申请"});
  auto tx = context_.store().BeginRead();
  LoadReadable(*tx, actor, matter_id);
  return tx->Matters().ListMatterRequests(matter_id);
}

}  // namespace minqing::app
