// Routing and handling of matters (诉求, 一条龙服务): dispatch, the unit's sign-for, transfer,
// return, steps, reply, closing a consultation on the spot, merging duplicates, supervision
// (督办), attachments, and the escalation run (逾期逐级升级, callback tasks for replies left
// unconfirmed).
//
// Contract: every call checks Require(actor, permission, the matter's scope): dispatchers
// (matter.dispatch) within their region, handlers (matter.handle) only on their own unit's
// matters (matter.forbidden_unit), supervisors (matter.supervise) within their region; runs in one
// transaction; checks the state machine (matter.bad_state); books the three-rate counters; records
// every change in the audit log; takes "now" from the Actor. Each returns the matter after the
// change. Attachments are checked by content (attachment.too_large, attachment.bad_type).
//
// Caches: the routing rules and working-day calendar of MattersContext.
//
// Thread-safety: every method may be called concurrently from any number of threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/actor.hpp"
#include "app/matters/context.hpp"
#include "domain/matter.hpp"

namespace minqing::app {

struct AttachmentInput {
  std::string file_name;
  std::string content_type;
  std::string bytes;
};

struct EscalationReport {
  std::int64_t escalated = 0;
  std::int64_t nearly_due = 0;
  std::int64_t callbacks_created = 0;
};

class HandlingService {
 public:
  explicit HandlingService(MattersContext& context) : context_(context) {}

  domain::Matter Dispatch(const Actor& actor, Id matter_id, std::optional<Id> unit_id,
                          std::optional<Id> handler_id, const std::string& note);
  // Dispatch with assisting units (协办, joint.hpp) named in the same transaction.
  domain::Matter DispatchWithAssists(const Actor& actor, Id matter_id, std::optional<Id> unit_id,
                                     std::optional<Id> handler_id, const std::string& note,
                                     const std::vector<Id>& assist_unit_ids);
  domain::Matter UnitAccept(const Actor& actor, Id matter_id);
  // A transfer or return gives a reason from the route settings' list (`reason_code`) and a text;
  // a unit is held to the first-receiver rules (joint.hpp: matter.transfer_cap, matter.return_once,
  // matter.dispute_pending, matter.dispute_decided).
  domain::Matter Transfer(const Actor& actor, Id matter_id, Id unit_id, const std::string& reason,
                          const std::string& reason_code);
  domain::Matter Return(const Actor& actor, Id matter_id, const std::string& reason,
                        const std::string& reason_code);
  domain::Matter AddStep(const Actor& actor, Id matter_id, const std::string& text, bool internal,
                         const std::vector<Id>& attachment_ids);
  domain::Matter Reply(const Actor& actor, Id matter_id, const std::string& text);
  domain::Matter CloseOnSpot(const Actor& actor, Id matter_id, const std::string& reply);
  domain::Matter Merge(const Actor& actor, Id matter_id, Id into_id);
  domain::Matter Supervise(const Actor& actor, Id matter_id, const std::string& note,
                           const std::string& due_date);
  // Who may attach to this matter, checked before an upload is read or decoded (Forbidden,
  // NotFound); AddAttachment checks it again inside its transaction.
  void RequireAttachable(const Actor& actor, Id matter_id);
  domain::Attachment AddAttachment(const Actor& actor, Id matter_id, const AttachmentInput& input);
  // The attachment and its bytes, for anyone who may read its matter.
  std::pair<domain::Attachment, std::string> ReadAttachment(const Actor& actor, Id attachment_id);

  // Escalation (idempotent): overdue matters rise a level, replies unconfirmed for
  // options.callback_after_days get a callback task. Administrators (catalogue.manage) only.
  EscalationReport RunEscalation(const Actor& actor);

 private:
  MattersContext& context_;
};

}  // namespace minqing::app
