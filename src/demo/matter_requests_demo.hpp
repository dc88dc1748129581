// The demo county's extension requests (延期申请) and honest outcomes (办结类型): on matters in
// progress at the demo handler's unit, in the demo clerk's township where a dispatcher decides,
// one extension waiting for the clerk, one approved and one refused by the clerk, one 不属实
// waiting for the leader, one 挂账 and one 不属实 approved by the leader. Booked through the
// domain's request transitions (domain/matter_requests.hpp) with their timeline events and
// counters, so the matter page, the workbench tiles and the rates show them. Skipped when the
// accounts are missing or fewer matters are in progress. Called after LoadDemoMatters.
// Thread-safety: as the store.
#pragma once

#include "app/services.hpp"
#include "domain/model.hpp"

namespace minqing::demo {

// Returns the number of requests written.
int LoadDemoMatterRequests(app::Services& services, domain::Epoch now);

}  // namespace minqing::demo
