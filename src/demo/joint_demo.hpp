// Joint handling (主办/协办) and one arbitrated dispute (争议) in the demo county, booked through
// the same domain rules as the use cases (domain/matter_state_machine.hpp,
// domain/matter_joint.hpp): three recent matters led by a township centre with the demo
// handler's unit assisting (one waiting for its report, one reported, one replied), and one
// matter returned and transferred up to the cap whose unit raised a dispute that the clerk
// decided. Writes the matters, assists, dispute, timelines, search rows and counters in the
// caller's transaction. Thread-safety: no shared state.
#pragma once

#include <optional>
#include <vector>

#include "app/store.hpp"
#include "domain/model.hpp"

namespace minqing::demo {

// Returns the number of matters written. `lead_units` are candidate lead units (at least two
// besides the assisting unit are needed for the dispute); `households` give the callers.
std::int64_t LoadJointDemo(app::StoreTx& tx, const std::vector<domain::Unit>& lead_units,
                           std::optional<domain::Id> assisting_unit, domain::Id clerk,
                           const std::vector<domain::Household>& households,
                           std::optional<domain::Id> category_id, domain::Epoch now);

}  // namespace minqing::demo
