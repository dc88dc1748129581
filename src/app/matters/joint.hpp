// Joint handling of matters (主办/协办) and the first-receiver rules for transfers and returns
// (首接负责: reasons from a list, a cap, disputes 争议 arbitrated by a dispatcher); the rules are
// in domain/matter_joint.hpp.
//
// Contract: dispatchers (matter.dispatch, within the matter's region) name and remove assisting
// units and arbitrate disputes; an assisting unit's handlers (matter.handle, their unit among the
// matter's assisting units, else matter.not_assisting) sign for it, add their steps and submit the
// assisting report; the lead unit's handlers (the matter's unit, else matter.forbidden_unit) raise
// a dispute. Nobody else acts: an assisting unit cannot reply, close, transfer, return or sign off
// (those use cases require the lead unit), and the unit that raised a dispute, the other unit and
// any handler cannot arbitrate (no matter.dispatch). Each call runs in one transaction, records
// the timeline and the audit log, books the assisting unit's counters, and returns the matter.
// The route settings (reasons list, cap) are read by any staff reader and changed by
// administrators (catalogue.manage).
//
// Thread-safety: every method may be called concurrently from any number of threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/matters/context.hpp"
#include "domain/matter.hpp"
#include "domain/matter_joint.hpp"

namespace minqing::app {

struct RouteSettings {
  std::vector<std::string> reasons;  // 转办/退单理由, in display order.
  int cap = domain::kDefaultRouteCap;
};

class JointService {
 public:
  explicit JointService(MattersContext& context) : context_(context) {}

  RouteSettings GetRouteSettings(const Actor& actor);
  RouteSettings PutRouteSettings(const Actor& actor, const RouteSettings& settings);

  domain::Matter AddAssist(const Actor& actor, Id matter_id, Id unit_id);
  domain::Matter RemoveAssist(const Actor& actor, Id matter_id, Id unit_id);
  domain::Matter AcceptAssist(const Actor& actor, Id matter_id);
  domain::Matter AssistStep(const Actor& actor, Id matter_id, const std::string& text);
  domain::Matter ReportAssist(const Actor& actor, Id matter_id, const std::string& text);

  domain::Matter RaiseDispute(const Actor& actor, Id matter_id, const std::string& reason_code,
                              const std::string& reason);
  // Decides the matter's pending dispute (matter.dispute_not_pending when none).
  domain::Matter DecideDispute(const Actor& actor, Id matter_id, Id unit_id,
                               const std::string& decision);
  // Pending disputes in the dispatcher's scope (or the region asked for), oldest first.
  domain::Page<domain::MatterDispute> ListPendingDisputes(const Actor& actor,
                                                          std::optional<Id> region_id,
                                                          const domain::PageRequest& page);

 private:
  MattersContext& context_;
};

namespace matters_internal {

// The route settings as stored (defaults when unset or unreadable).
RouteSettings ReadRouteSettings(StoreTx& tx);
// Adds `unit_id` as an assisting unit of `m` in the caller's transaction (the dispatch and the
// add use cases); returns the matter as saved.
domain::Matter AddAssistIn(StoreTx& tx, const Actor& actor, const domain::Matter& m, Id unit_id);
// Whether the actor's unit assists the matter (handlers only).
bool AssistingUnitOf(const Actor& actor, const std::vector<domain::MatterAssist>& assists);
// The checks a transfer (is_return false) or return by the actor makes before the state machine:
// the reason from the list and, for a unit, the first-receiver rules (domain::CheckUnitRoute); a
// dispatcher's transfer is only refused while a dispute is pending. Also refuses a transfer to
// one of the matter's assisting units (matter.unit_is_assisting). Returns the timeline text.
std::string CheckRoute(StoreTx& tx, const domain::Matter& m, bool as_unit, bool is_return,
                       std::optional<Id> to_unit, const std::string& reason_code,
                       const std::string& reason);
// The response deadline of `unit_id` for `m` as a dispatch, a transfer or an arbitration that
// moves the matter sets it: counted from the matter's acceptance in that unit's office hours (a
// 24-hour unit's runs around the clock), with the category's limits and the routing rule.
domain::Epoch ResponseDueAtFor(MattersContext& context, StoreTx& tx, const domain::Matter& m,
                               Id unit_id);

}  // namespace matters_internal

}  // namespace minqing::app
