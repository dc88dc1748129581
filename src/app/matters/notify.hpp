// The notifications a matter's changes cause (notifications.hpp's rules): a dispatch or transfer
// tells the receiving unit's accounts, a reply tells the resident (in the app when they have an
// account, by SMS to the matter's phone with the link to confirm), an approved outcome that closes
// the matter (不属实, 不属于受理范围) tells the resident as a reply does, an escalation tells the
// leaders of the level it reached, a supervision order tells the unit. Called by the handling use
// cases in the transaction of the change. Does nothing when no Notifier is set on the context.
// Thread-safety: as the transaction.
#pragma once

#include <string_view>

#include "app/matters/context.hpp"

namespace minqing::app {

// `action` is the change's audit action ("matter.dispatch", ...); `due_date` the supervision
// order's deadline ("2026-12-10") for "matter.supervise".
void NotifyMatterChange(MattersContext& context, StoreTx& tx, const domain::Matter& matter,
                        std::string_view action, domain::Epoch now, std::string_view due_date = "");

}  // namespace minqing::app
