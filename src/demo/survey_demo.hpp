// The demo county's surveys (问卷与评议): in the demo village assistant's village, an open
// 三问三解 survey (needs, a rating, suggestions) for the next 30 days, and a draft 三有两评
// evaluation of the assistant, both made by the demo leader. No answers: households answer by
// their slips or through their party member. Skipped when either account is missing or the
// village has surveys already. Called at the end of LoadDemoCounty.
// Thread-safety: as SurveyService.
#pragma once

#include "app/services.hpp"
#include "domain/model.hpp"

namespace minqing::demo {

void LoadDemoSurveys(app::Services& services, domain::Epoch now);

}  // namespace minqing::demo
