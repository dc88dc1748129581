// Requests on a matter (诉求) that the handling unit makes and someone else decides
// (domain/matter_requests.hpp): extension requests (延期申请), decided by a dispatcher, and honest
// outcomes (办结类型: 疑难/挂账, 不属实, 不属于受理范围), decided by a leader.
//
// Contract: only the matter's own unit asks (matter.handle on its unit: matter.forbidden_unit
// otherwise); an extension is decided by matter.dispatch in the matter's region scope, an outcome
// by matter.exclude_approve in the matter's region scope (auth.forbidden otherwise); nobody
// decides their own request (matter.self_approval), administrators included, who may otherwise
// decide and are audited as anyone. One pending request of each kind per matter
// (matter.extension_pending, matter.outcome_pending); at most `matters.max_extensions` (site
// setting, default 1) approved extensions (matter.extension_cap). Each call runs in one
// transaction, checks who may act before reading anything else, writes the request, the timeline
// events, the counters and the matter through the state machine, and audits the change (on the
// matter and on the request). "Now" is the Actor's. Each returns the matter after the change.
//
// Thread-safety: every method may be called concurrently from any number of threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/matters/context.hpp"
#include "domain/matter.hpp"
#include "domain/matter_requests.hpp"

namespace minqing::app {

struct ExtensionInput {
  std::string reason;
  std::optional<int> working_days;  // More working days after the current deadline, or
  std::string due_date;             // the new deadline's date (YYYY-MM-DD): exactly one.
};

struct OutcomeInput {
  std::string outcome;  // "parked" (挂账), "unfounded" (不属实), "out_of_scope" (不受理)
  std::string reason;
  std::string plan;          // 挂账 only.
  std::string planned_date;  // 挂账 only: YYYY-MM-DD, after today.
};

// The site setting that caps approved extensions per matter.
inline constexpr std::string_view kMaxExtensionsSetting = "matters.max_extensions";

class MatterRequestService {
 public:
  explicit MatterRequestService(MattersContext& context) : context_(context) {}

  domain::Matter RequestExtension(const Actor& actor, Id matter_id, const ExtensionInput& input);
  // `approve` missing: field.required (checked after who may decide). `due_date`: another date
  // than the one asked for (YYYY-MM-DD), or "" for the one asked for.
  domain::Matter DecideExtension(const Actor& actor, Id matter_id, std::optional<bool> approve,
                                 const std::string& due_date, const std::string& note);
  domain::Matter ProposeOutcome(const Actor& actor, Id matter_id, const OutcomeInput& input);
  domain::Matter DecideOutcome(const Actor& actor, Id matter_id, std::optional<bool> approve,
                               const std::string& note);
  // Every request of a matter, oldest first, for anyone staff who may read the matter (residents
  // see the outcome on their public page, not the requests).
  std::vector<domain::MatterRequest> ListRequests(const Actor& actor, Id matter_id);

 private:
  MattersContext& context_;
};

}  // namespace minqing::app
