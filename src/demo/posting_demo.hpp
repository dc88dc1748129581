// The demo county's postings (驻村): the demo village assistant ("assistant") is posted to their
// village as its 村级事务助理 from 200 days before `now`, in a township work team, with this
// year's target-responsibility agreement signed by the demo leader, so that the contact cards and
// the public board show them. Skipped when that village already has a current assistant posting
// or either account is missing. Called at the end of LoadDemoCounty.
// Thread-safety: as PostingService.
#pragma once

#include "app/services.hpp"
#include "domain/model.hpp"

namespace minqing::demo {

void LoadDemoPostings(app::Services& services, domain::Epoch now);

}  // namespace minqing::demo
