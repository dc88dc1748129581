// The demo county's working-together records (issue 17): in the demo village assistant's
// village, a livelihood project (民生项目) with a joint team (the demo unit handler's account and
// a contractor from outside the registry) and the village's first eight households, one problem
// outside the project in its issue log, a held joint meeting about the project whose decision the
// unit handler owns, a reception day hosted by the handler's unit a week ahead (bookable), and a
// pairing (结对共建) of that unit with the village with one need and one resource. Made by the
// demo leader. Skipped when an account is missing or the village already has a project.
// Called at the end of LoadDemoCounty. Thread-safety: as the services it calls.
#pragma once

#include "app/services.hpp"
#include "domain/model.hpp"

namespace minqing::demo {

void LoadDemoCooperation(app::Services& services, domain::Epoch now);

}  // namespace minqing::demo
