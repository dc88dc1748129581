// The notifications the 1+10 network's changes cause (notifications.hpp's rules "network_event"
// and "network_change"), and the helpers the reminder job (reminders.hpp) shares with them.
// Called by NetworkService inside the transaction of the change; each Notify* does nothing when
// `notifier` is null. The account that made the change is never told of it.
//
// In-app texts name the household in full (its member and group leader read it in the app
// anyway); SMS texts mask the head's name (王某某), since a phone's lock screen shows them to
// anyone nearby. No ID-card number appears anywhere.
//
// Not part of the public API. Thread-safety: as the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/actor.hpp"
#include "app/notifications.hpp"
#include "app/store.hpp"
#include "domain/contact_network_builder.hpp"
#include "domain/network.hpp"

namespace minqing::app::network_internal {

// The first character of a name and 某 for each other one ("王景云" -> "王某某").
std::string MaskedName(std::string_view name);
// "5月28日" of "2026-05-28"; other text unchanged.
std::string ShortDate(std::string_view iso_date);
// At most `max_chars` characters of UTF-8 `text`, "…" appended when cut.
std::string Shorten(std::string_view text, int max_chars);

// Tells one party member under `rule`: in the app through their account (the user whose resident
// is the member's), and by SMS when the rule's SMS is on, to the account's phone or else the
// member's own. Nothing when the member's account is `except_user`. Returns the in-app
// notifications written (0 or 1).
int NotifyMember(Notifier& notifier, StoreTx& tx, const std::string& rule,
                 const domain::PartyMember& member, const NotificationDraft& draft,
                 domain::Epoch now, std::optional<Id> except_user = std::nullopt);

// network_event: the household's linked member (event.member_id) and their group leader.
void NotifyEventRecorded(Notifier* notifier, StoreTx& tx, const Actor& actor,
                         const domain::Household& household, const domain::HouseholdEvent& event);

enum class LinkChange {
  kPinned,    // The organisation designated the member (Pin).
  kApproved,  // The member's own request was approved (DecideLinkRequest).
  kRemoved,   // The link was deleted (DeleteLink).
};

// network_change: the member who gained the household (`to_member`) and the one who lost it
// (`from_member`); either may be absent, and nobody is told when both are the same.
void NotifyLinkChange(Notifier* notifier, StoreTx& tx, const Actor& actor,
                      const domain::Household& household, std::optional<Id> from_member,
                      std::optional<Id> to_member, LinkChange how);

// network_change: a member's group leader (一人联十人) changed from `from_leader` to `to_leader`
// (either may be absent): the member, the new leader and the former one.
void NotifyLeaderChange(Notifier* notifier, StoreTx& tx, const Actor& actor,
                        const domain::PartyMember& member, std::optional<Id> from_leader,
                        std::optional<Id> to_leader);

// network_change: an applied builder plan; one summary per member whose households changed
// (`plan`) and per group leader whose members changed (`leader_plan`, may be null).
void NotifyPlanApplied(Notifier* notifier, StoreTx& tx, const Actor& actor,
                       const domain::NetworkPlan& plan, const domain::NetworkPlan* leader_plan);

// network_change: the member's own status (away, able to take households, capacity) changed.
// Nothing when nothing changed or the member died.
void NotifyMemberStatus(Notifier* notifier, StoreTx& tx, const Actor& actor,
                        const domain::PartyMember& before, const domain::PartyMember& after,
                        bool deceased);

}  // namespace minqing::app::network_internal
