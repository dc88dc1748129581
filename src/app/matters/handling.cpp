#include "app/matters/handling.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/auth_service.hpp"
#include "app/authorize.hpp"
#include "app/matters/internal.hpp"
#include "app/matters/joint.hpp"
#include "app/matters/notify.hpp"
#include "app/provider_service.hpp"
#include "app/region_tree.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/ids.hpp"
#include "domain/matter_intake_rules.hpp"
#include "domain/matter_state_machine.hpp"
#include "domain/text.hpp"

namespace minqing::app {

using domain::FieldProblem;
using domain::Matter;
using domain::MatterAction;
using domain::Permission;
using domain::Role;
using domain::Trim;
using domain::Utf8Length;
using domain::Utf8Prefix;
using namespace matters_internal;  // NOLINT(google-build-using-namespace)

namespace {

// Window staff, village assistants and admins within their region scope route matters. Leaders
// supervise; they do not route (domain/authz).
void RequireDispatcher(const Actor& actor, const Matter& m) {
  Require(actor, Permission::kMatterDispatch, m.region_path,
          {"auth.forbidden", "无权处理该区域的诉求"});
}

// Handlers act only on matters of their own unit (administrators on any).
void RequireUnit(const Actor& actor, const Matter& m) {
  Require(actor, Permission::kMatterHandle,
          Refusal{"auth.forbidden", "只有承办单位可以执行此操作"});
  Require(actor, Permission::kMatterHandle, UnitScope{m.unit_id},
          {"matter.forbidden_unit", "该诉求不属于本单位"});
}

// Both routes may transfer and add steps: who routes acts as a dispatcher, the unit as its
// handler.
void RequireDispatcherOrUnit(const Actor& actor, const Matter& m) {
  if (domain::RoleHas(actor.user.role, Permission::kMatterDispatch)) {
    RequireDispatcher(actor, m);
  } else {
    RequireUnit(actor, m);
  }
}
}  // namespace

Matter HandlingService::Dispatch(const Actor& actor, Id matter_id, std::optional<Id> unit_id,
                                 std::optional<Id> handler_id, const std::string& note) {
  return DispatchWithAssists(actor, matter_id, unit_id, handler_id, note, {});
}

Matter HandlingService::DispatchWithAssists(const Actor& actor, Id matter_id,
                                            std::optional<Id> unit_id, std::optional<Id> handler_id,
                                            const std::string& note,
                                            const std::vector<Id>& assist_unit_ids) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireDispatcher(actor, m);
  RequireState(m, MatterAction::kDispatch);
  if (!unit_id) {
    auto category = m.category_id ? tx->Matters().FindCategory(*m.category_id) : std::nullopt;
    unit_id = domain::RouteUnit(*context_.RoutingRules(*tx), m, category ? &*category : nullptr);
  }
  if (!unit_id) {
    throw domain::InvalidInput("routing.no_unit", "未找到承办单位，请手动选择",
                               {{"unit_id", "routing.no_unit", "该分类和区域没有派单规则"}});
  }
  auto unit = tx->Registry().FindUnit(*unit_id);
  if (!unit) throw domain::NotFound("unit.not_found", "单位不存在");
  CheckProviderDispatch(*tx, m, unit->id);
  auto t = domain::Apply(
      m, domain::DispatchCommand(actor.user.id, unit->id, unit->name, handler_id, note), actor.now,
      CountyIndex(*tx, m.region_path));
  if (!t.refusal) t.matter.response_due_at = ResponseDueAtFor(context_, *tx, m, unit->id);
  m = Record(*tx, actor, m, std::move(t));
  for (Id assist : assist_unit_ids) m = AddAssistIn(*tx, actor, m, assist);
  NotifyMatterChange(context_, *tx, m, "matter.dispatch", actor.now);
  tx->Commit();
  return m;
}

Matter HandlingService::UnitAccept(const Actor& actor, Id matter_id) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireUnit(actor, m);
  RequireState(m, MatterAction::kUnitAccept);
  m = Record(*tx, actor, m, domain::UnitAcceptCommand(actor.user.id));
  tx->Commit();
  return m;
}

Matter HandlingService::Transfer(const Actor& actor, Id matter_id, Id unit_id,
                                 const std::string& reason, const std::string& reason_code) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireDispatcherOrUnit(actor, m);
  RequireState(m, MatterAction::kTransfer);
  if (unit_id == 0) Invalid("unit_id", "unit.required", "请选择转办单位");
  if (Trim(reason).empty()) Invalid("reason", "matter.reason_required", "请填写转办理由");
  auto unit = tx->Registry().FindUnit(unit_id);
  if (!unit) throw domain::NotFound("unit.not_found", "单位不存在");
  const std::string text =
      CheckRoute(*tx, m, !domain::RoleHas(actor.user.role, Permission::kMatterDispatch), false,
                 unit->id, reason_code, reason);
  CheckProviderDispatch(*tx, m, unit->id);
  // The state machine refuses the current unit (matter.same_unit on unit_id). The new unit's
  // response deadline is set as a dispatch sets it.
  auto t = domain::Apply(m, domain::TransferCommand(actor.user.id, unit_id, unit->name, text),
                         actor.now, CountyIndex(*tx, m.region_path));
  if (!t.refusal) t.matter.response_due_at = ResponseDueAtFor(context_, *tx, m, unit->id);
  m = Record(*tx, actor, m, std::move(t));
  NotifyMatterChange(context_, *tx, m, "matter.transfer", actor.now);
  tx->Commit();
  return m;
}

Matter HandlingService::Return(const Actor& actor, Id matter_id, const std::string& reason,
                               const std::string& reason_code) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireUnit(actor, m);
  RequireState(m, MatterAction::kReturn);
  if (Trim(reason).empty()) Invalid("reason", "matter.reason_required", "请填写退单理由");
  const std::string text = CheckRoute(*tx, m, true, true, std::nullopt, reason_code, reason);
  m = Record(*tx, actor, m, domain::ReturnCommand(actor.user.id, text));
  tx->Commit();
  return m;
}

Matter HandlingService::AddStep(const Actor& actor, Id matter_id, const std::string& text,
                                bool internal, const std::vector<Id>& attachment_ids) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  // Administrators hold both permissions and add steps as the unit would.
  if (domain::RoleHas(actor.user.role, Permission::kMatterHandle)) {
    RequireUnit(actor, m);
  } else {
    RequireDispatcher(actor, m);
  }
  RequireState(m, MatterAction::kStep);
  std::string body = Trim(text);
  if (body.empty()) Invalid("text", "matter.text_required", "请填写办理情况");
  if (Utf8Length(body) > domain::kMaxMatterContentChars) {
    Invalid("text", "matter.text_too_long", "内容过长");
  }
  for (Id id : attachment_ids) {
    auto a = tx->Matters().FindAttachment(id);
    if (!a || a->matter_id != matter_id) {
      Invalid("attachment_ids", "attachment.not_found", "附件不存在");
    }
  }
  m = Record(*tx, actor, m, domain::StepCommand(actor.user.id, body, internal, attachment_ids));
  Reindex(*tx, m);
  tx->Commit();
  return m;
}

Matter HandlingService::Reply(const Actor& actor, Id matter_id, const std::string& text) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireUnit(actor, m);
  RequireState(m, MatterAction::kReply);
  std::string body = Trim(text);
  if (body.empty()) Invalid("text", "matter.reply_required", "请填写答复内容");
  if (auto missing = domain::CheckAssistsReported(tx->Matters().ListAssists(m.id))) {
    ThrowRefusal(*missing);
  }
  if (Utf8Length(body) > domain::kMaxMatterContentChars) {
    Invalid("text", "matter.text_too_long", "内容过长");
  }
  m = Record(*tx, actor, m, domain::ReplyCommand(actor.user.id, body));
  NotifyMatterChange(context_, *tx, m, "matter.reply", actor.now);
  Reindex(*tx, m);
  tx->Commit();
  return m;
}

Matter HandlingService::CloseOnSpot(const Actor& actor, Id matter_id, const std::string& reply) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireDispatcher(actor, m);
  RequireState(m, MatterAction::kCloseOnSpot);
  // The state machine refuses what is not a consultation (matter.bad_state).
  m = Record(*tx, actor, m, domain::CloseOnSpotCommand(actor.user.id, Trim(reply)));
  Reindex(*tx, m);
  tx->Commit();
  return m;
}

Matter HandlingService::Merge(const Actor& actor, Id matter_id, Id into_id) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  RequireDispatcher(actor, m);
  RequireState(m, MatterAction::kMerge);
  if (into_id == matter_id) Invalid("into_id", "matter.merge_self", "不能合并到自身");
  Matter target = LoadReadable(*tx, actor, into_id);
  // The state machine refuses a closed or merged target (matter.bad_state) and writes the
  // internal event on the target.
  m = Record(*tx, actor, m,
             domain::MergeCommand(actor.user.id, target.id, target.number, target.status));
  tx->Commit();
  return m;
}

Matter HandlingService::Supervise(const Actor& actor, Id matter_id, const std::string& note,
                                  const std::string& due_date) {
  auto tx = context_.store().Begin();
  Matter m = LoadMatter(*tx, matter_id);
  Require(actor, Permission::kMatterSupervise, m.region_path,
          {"auth.forbidden", "无权督办该区域的诉求"});
  RequireState(m, MatterAction::kSupervise);
  auto day = domain::ParseDate(due_date);
  if (!day) Invalid("due_date", "date.invalid", "请填写督办期限（YYYY-MM-DD）");
  if (Trim(note).empty()) Invalid("note", "supervision.note_required", "请填写督办意见");
  domain::SupervisionOrder order;
  order.id = domain::NewId();
  order.matter_id = m.id;
  order.issued_by = actor.user.id;
  order.note = Trim(note);
  order.issued_at = actor.now;
  order.due_at = domain::ChinaDayEnd(*day);
  tx->Matters().InsertSupervision(order);
  m = Record(*tx, actor, m, domain::SuperviseCommand(actor.user.id, order.note, due_date));
  NotifyMatterChange(context_, *tx, m, "matter.supervise", actor.now, due_date);
  tx->Commit();
  return m;
}

namespace {
// Those who handle or route matters, and those who report them (a resident's photo of their own
// matter, taken with the report).
void RequireAttachRole(const Actor& actor) {
  Require(actor,
          {Permission::kMatterHandle, Permission::kMatterDispatch, Permission::kMatterIntake},
          {"auth.forbidden", "无权上传附件"});
}
}  // namespace

void HandlingService::RequireAttachable(const Actor& actor, Id matter_id) {
  RequireAttachRole(actor);
  auto tx = context_.store().BeginRead();
  LoadReadable(*tx, actor, matter_id);
}

domain::Attachment HandlingService::AddAttachment(const Actor& actor, Id matter_id,
                                                  const AttachmentInput& input) {
  RequireAttachRole(actor);
  auto tx = context_.store().Begin();
  Matter m = LoadReadable(*tx, actor, matter_id);
  if (input.bytes.size() > context_.options().max_attachment_bytes) {
    throw domain::InvalidInput("attachment.too_large", "附件不能超过5MB");
  }
  auto starts = [&](std::string_view magic, std::size_t at = 0) {
    return input.bytes.size() >= at + magic.size() &&
           input.bytes.compare(at, magic.size(), magic) == 0;
  };
  std::string detected;
  if (starts("\xFF\xD8\xFF"))
    detected = "image/jpeg";
  else if (starts("\x89PNG\r\n\x1A\n"))
    detected = "image/png";
  else if (starts("RIFF") && starts("WEBP", 8))
    detected = "image/webp";
  else if (starts("%PDF-"))
    detected = "application/pdf";
  std::string declared = input.content_type == "image/jpg" ? "image/jpeg" : input.content_type;
  if (detected.empty() || (!declared.empty() && declared != detected)) {
    throw domain::InvalidInput("attachment.bad_type", "只能上传 JPEG、PNG、WebP 图片或 PDF 文件");
  }
  domain::Attachment a;
  a.id = domain::NewId();
  a.matter_id = m.id;
  a.file_name = Trim(input.file_name).empty() ? "附件" : Utf8Prefix(Trim(input.file_name), 100);
  a.content_type = detected;
  a.size = static_cast<std::int64_t>(input.bytes.size());
  a.sha256 = Sha256Hex(input.bytes);
  a.uploaded_at = actor.now;
  if (actor.user.id != 0) a.uploaded_by = actor.user.id;
  tx->Matters().InsertAttachment(a, input.bytes);
  RecordAudit(*tx, actor, "attachment.upload", "matter", m.id, "",
              JsonObjectWriter()
                  .Add("attachment_id", a.id)
                  .Add("file_name", a.file_name)
                  .Add("size", a.size)
                  .Finish());
  tx->Commit();
  return a;
}

std::pair<domain::Attachment, std::string> HandlingService::ReadAttachment(const Actor& actor,
                                                                           Id attachment_id) {
  auto tx = context_.store().BeginRead();
  auto a = tx->Matters().FindAttachment(attachment_id);
  if (!a) throw domain::NotFound("attachment.not_found", "附件不存在");
  // Assisting units (协办) read the matter's attachments as its unit does.
  const Matter m = LoadMatter(*tx, a->matter_id);
  if (!MayRead(*tx, actor, m) && !AssistingUnitOf(actor, tx->Matters().ListAssists(m.id))) {
    RefuseRead(actor);
  }
  return {*a, tx->Matters().ReadAttachmentBytes(attachment_id)};
}

EscalationReport HandlingService::RunEscalation(const Actor& actor) {
  Require(actor, Permission::kManageCatalogue);
  EscalationReport report;
  auto tx = context_.store().Begin();
  const auto calendar_ptr = context_.Calendar(*tx);
  const domain::WorkCalendar& calendar = *calendar_ptr;
  const auto& policy = context_.options().escalation;
  const domain::RegionLevels levels = ConfiguredRegionLevels(*tx);
  auto candidates = tx->Matters().ListDueBefore(actor.now + policy.nearly_due_seconds, 100000);
  for (Matter& m : candidates) {
    if (!domain::IsOverdue(m, actor.now)) {
      report.nearly_due += domain::IsNearlyDue(m, actor.now, policy);
      continue;
    }
    int target = domain::TargetEscalationLevel(m, actor.now, calendar, policy);
    if (target <= m.escalation_level) continue;
    Matter escalated =
        Record(*tx, actor, m,
               domain::EscalateCommand(target, domain::EscalationLevelLabel(target, levels)));
    NotifyMatterChange(context_, *tx, escalated, "matter.escalate", actor.now);
    ++report.escalated;
  }
  auto awaiting = tx->Matters().ListAwaitingCallback(
      actor.now - static_cast<domain::Epoch>(context_.options().callback_after_days) * 86400,
      100000);
  for (const Matter& m : awaiting) {
    domain::CallbackTask task;
    task.id = domain::NewId();
    task.matter_id = m.id;
    task.created_at = actor.now;
    tx->Matters().InsertCallbackTask(task);
    ++report.callbacks_created;
  }
  if (report.escalated > 0 || report.callbacks_created > 0) {
    RecordAudit(*tx, actor, "escalation.run", "matter", 0, "",
                JsonObjectWriter()
                    .Add("escalated", report.escalated)
                    .Add("callbacks_created", report.callbacks_created)
                    .Finish());
  }
  tx->Commit();
  return report;
}

}  // namespace minqing::app
