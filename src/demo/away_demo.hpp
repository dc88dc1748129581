// The demo county's away members (离乡不离党): in the demo village assistant's village, an online
// study activity (网上学习) of the village's party branch, open for the next 30 days, made by the
// assistant; and, when the village has away members, one WeChat contact with the first of them
// 20 days ago (the others show as overdue). No attendance: members mark their own. Skipped when
// the account or the branch is missing or the branch has activities already. Called at the end of
// LoadDemoCounty. Thread-safety: as AwayService.
#pragma once

#include "app/services.hpp"
#include "domain/model.hpp"

namespace minqing::demo {

void LoadDemoAwayMembers(app::Services& services, domain::Epoch now);

}  // namespace minqing::demo
