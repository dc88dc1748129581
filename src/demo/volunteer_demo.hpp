// The demo county's volunteer team (志愿服务队): in the demo village assistant's village, the
// 爱心志愿服务队 led by the assistant, with two volunteers from outside the registry (and the demo
// resident when they live in that village) and an open activity in a week's time. Skipped when
// the assistant is missing or the village has a team already. Called at the end of
// LoadDemoCounty.
// Thread-safety: as VolunteerService.
#pragma once

#include "app/services.hpp"
#include "domain/model.hpp"

namespace minqing::demo {

void LoadDemoVolunteers(app::Services& services, domain::Epoch now);

}  // namespace minqing::demo
