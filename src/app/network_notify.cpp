#include "app/network_notify.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "app/network_internal.hpp"
#include "domain/text.hpp"

namespace minqing::app::network_internal {
namespace {

constexpr const char* kEventRule = "network_event";
constexpr const char* kChangeRule = "network_change";
// Names listed in a plan's summary before "等N户".
constexpr std::size_t kNamesListed = 5;

// "王景云户" (the head's name), else the address.
std::string HeadLabel(const domain::Household& h) {
  return h.head_name.empty() ? h.address : h.head_name + "户";
}

// For the app: "王景云户（东关村1号）".
std::string FullLabel(const domain::Household& h) {
  if (h.head_name.empty()) return h.address;
  return h.head_name + "户（" + h.address + "）";
}

// For SMS: "王某某户（东关村）", no address.
std::string MaskedLabel(const domain::Household& h) {
  std::string name = h.head_name.empty() ? "一" : MaskedName(h.head_name);
  return h.region_name.empty() ? name + "户" : name + "户（" + h.region_name + "）";
}

NotificationDraft HouseholdDraft(const domain::Household& h) {
  NotificationDraft d;
  d.object_type = "household";
  d.object_id = h.id;
  d.link = "/households/" + std::to_string(h.id);
  return d;
}

// A member's own page (my households, my members) is the phone view.
NotificationDraft MemberDraft(const domain::PartyMember& m) {
  NotificationDraft d;
  d.object_type = "member";
  d.object_id = m.id;
  d.link = "/m";
  return d;
}

// network_change's SMS carries one parameter, the sentence itself.
void SetDetail(NotificationDraft& d, const std::string& detail) {
  d.sms_params = {{"detail", detail}};
  d.sms_text = "【民情】" + detail + "。";
}

std::string Join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

// "王景云户、刘某户等7户".
std::string ListNames(const std::vector<std::string>& names, const char* unit) {
  std::vector<std::string> shown(
      names.begin(),
      names.begin() + static_cast<std::ptrdiff_t>(std::min(names.size(), kNamesListed)));
  std::string out = Join(shown, "、");
  if (names.size() > shown.size()) out += "等" + std::to_string(names.size()) + unit;
  return out;
}

void Tell(Notifier& notifier, StoreTx& tx, const Actor& actor, std::optional<Id> member_id,
          const NotificationDraft& draft) {
  if (!member_id) return;
  if (auto member = tx.Registry().FindPartyMember(*member_id)) {
    NotifyMember(notifier, tx, kChangeRule, *member, draft, actor.now, actor.user.id);
  }
}

}  // namespace

std::string MaskedName(std::string_view name) {
  const std::size_t chars = Utf8Length(name);
  if (chars == 0) return "某";
  std::string out = domain::Utf8Prefix(name, 1);
  for (std::size_t i = 1; i < chars; ++i) out += "某";
  if (chars == 1) out += "某";
  return out;
}

std::string ShortDate(std::string_view iso_date) {
  if (!IsIsoDate(std::string(iso_date))) return std::string(iso_date);
  int month = std::stoi(std::string(iso_date.substr(5, 2)));
  int day = std::stoi(std::string(iso_date.substr(8, 2)));
  return std::to_string(month) + "月" + std::to_string(day) + "日";
}

std::string Shorten(std::string_view text, int max_chars) {
  const auto limit = static_cast<std::size_t>(max_chars);
  if (Utf8Length(text) <= limit) return std::string(text);
  return domain::Utf8Prefix(text, limit) + "…";
}

int NotifyMember(Notifier& notifier, StoreTx& tx, const std::string& rule,
                 const domain::PartyMember& member, const NotificationDraft& draft,
                 domain::Epoch now, std::optional<Id> except_user) {
  std::optional<domain::User> user = tx.Accounts().FindUserByResident(member.resident_id);
  if (user && except_user && user->id == *except_user) return 0;
  if (user && user->active) {
    if (user->phone.empty()) user->phone = member.phone;
    return notifier.Notify(tx, rule, {*user}, draft, now);
  }
  notifier.NotifyPhone(tx, rule, member.phone, draft, now);
  return 0;
}

void NotifyEventRecorded(Notifier* notifier, StoreTx& tx, const Actor& actor,
                         const domain::Household& household, const domain::HouseholdEvent& event) {
  if (!notifier || !event.member_id) return;
  auto member = tx.Registry().FindPartyMember(*event.member_id);
  if (!member) return;
  const std::string kind(domain::HouseholdEventKindLabel(event.kind));
  const std::string what = kind + "（" + ShortDate(event.date) + "）";
  const std::string note = event.note.empty() ? "" : "：" + Shorten(event.note, 60);
  const std::string masked = MaskedLabel(household);
  NotificationDraft d = HouseholdDraft(household);
  d.sms_params = {{"household", masked}, {"event", what}};
  d.title = "五必到：" + HeadLabel(household) + "，" + kind;
  d.body = "您联系的" + FullLabel(household) + "登记了" + what + note +
           "。请及时到场，并在手机上登记到场。";
  d.sms_text = "【民情】您联系的" + masked + "有五必到事件：" + what + "，请及时到场。";
  NotifyMember(*notifier, tx, kEventRule, *member, d, actor.now, actor.user.id);
  if (auto leader = LeaderOfMember(tx, *member)) {
    d.title = "五必到：党员" + member->name + "联系的" + HeadLabel(household) + "，" + kind;
    d.body = "党员" + member->name + "联系的" + FullLabel(household) + "登记了" + what + note +
             "。请督促其及时到场。";
    d.sms_text = "【民情】党员" + member->name + "联系的" + masked + "有五必到事件：" + what +
                 "，请督促到场。";
    NotifyMember(*notifier, tx, kEventRule, *leader, d, actor.now, actor.user.id);
  }
}

void NotifyLinkChange(Notifier* notifier, StoreTx& tx, const Actor& actor,
                      const domain::Household& household, std::optional<Id> from_member,
                      std::optional<Id> to_member, LinkChange how) {
  if (!notifier || from_member == to_member) return;
  const std::string masked = MaskedLabel(household);
  if (to_member) {
    NotificationDraft d = HouseholdDraft(household);
    if (how == LinkChange::kApproved) {
      d.title = "联系申请已批准：" + HeadLabel(household);
      d.body = "您申请联系" + FullLabel(household) + "已获批准，请尽快上门走访。";
      SetDetail(d, "您申请联系" + masked + "已获批准，请尽快走访");
    } else {
      d.title = "新的联系户：" + HeadLabel(household);
      d.body = "组织安排您联系" + FullLabel(household) + "，请尽快上门走访，并把联系卡交给该户。";
      SetDetail(d, "组织安排您联系" + masked + "，请尽快走访");
    }
    Tell(*notifier, tx, actor, to_member, d);
  }
  if (from_member) {
    NotificationDraft d = HouseholdDraft(household);
    if (to_member) {
      auto next = tx.Registry().FindPartyMember(*to_member);
      d.title = "联系户调整：" + HeadLabel(household);
      d.body = FullLabel(household) + "已改由党员" + (next ? next->name : std::string("其他党员")) +
               "联系，您不再联系该户。";
      SetDetail(d, masked + "已改由其他党员联系，您不再联系该户");
    } else {
      d.title = "联系户解除：" + HeadLabel(household);
      d.body = "组织已解除您与" + FullLabel(household) + "的联系。";
      SetDetail(d, "组织已解除您与" + masked + "的联系");
    }
    Tell(*notifier, tx, actor, from_member, d);
  }
}

void NotifyLeaderChange(Notifier* notifier, StoreTx& tx, const Actor& actor,
                        const domain::PartyMember& member, std::optional<Id> from_leader,
                        std::optional<Id> to_leader) {
  if (!notifier || from_leader == to_leader) return;
  std::optional<domain::PartyMember> leader;
  if (to_leader) leader = tx.Registry().FindPartyMember(*to_leader);
  std::optional<domain::PartyMember> former;
  if (from_leader) former = tx.Registry().FindPartyMember(*from_leader);
  if (leader) {
    NotificationDraft d = MemberDraft(*leader);
    d.title = "新的联系党员：" + member.name;
    d.body = "组织指定您联系党员" + member.name + "（一人联十人），请关心其联系户工作。";
    SetDetail(d, "组织指定您联系党员" + member.name);
    NotifyMember(*notifier, tx, kChangeRule, *leader, d, actor.now, actor.user.id);
  }
  if (former) {
    NotificationDraft d = MemberDraft(*former);
    d.title = "联系党员调整：" + member.name;
    d.body = "您不再联系党员" + member.name + "。";
    SetDetail(d, "您不再联系党员" + member.name);
    NotifyMember(*notifier, tx, kChangeRule, *former, d, actor.now, actor.user.id);
  }
  NotificationDraft d = MemberDraft(member);
  if (leader) {
    d.title = "联系组长：" + leader->name;
    d.body = "组织指定党小组长" + leader->name + "联系您（一人联十人）。";
    SetDetail(d, "组织指定党小组长" + leader->name + "联系您");
  } else if (former) {
    d.title = "联系组长已解除";
    d.body = "您与党小组长" + former->name + "的联系已解除。";
    SetDetail(d, "您与党小组长" + former->name + "的联系已解除");
  } else {
    return;
  }
  NotifyMember(*notifier, tx, kChangeRule, member, d, actor.now, actor.user.id);
}

void NotifyPlanApplied(Notifier* notifier, StoreTx& tx, const Actor& actor,
                       const domain::NetworkPlan& plan, const domain::NetworkPlan* leader_plan) {
  if (!notifier) return;
  // member id -> (added, removed) household names.
  std::map<Id, std::pair<std::vector<std::string>, std::vector<std::string>>> households;
  auto name_of_household = [&](Id id) {
    auto h = tx.Registry().FindHousehold(id);
    return h ? HeadLabel(*h) : std::string("一户");
  };
  for (const auto& l : plan.diff.added) {
    households[l.carer_id].first.push_back(name_of_household(l.ward_id));
  }
  for (const auto& l : plan.diff.removed) {
    households[l.carer_id].second.push_back(name_of_household(l.ward_id));
  }
  for (const auto& [member_id, change] : households) {
    auto member = tx.Registry().FindPartyMember(member_id);
    if (!member) continue;
    const auto& [added, removed] = change;
    std::vector<std::string> parts;
    std::vector<std::string> counts;
    if (!added.empty()) {
      parts.push_back("新增联系" + ListNames(added, "户"));
      counts.push_back("新增" + std::to_string(added.size()) + "户");
    }
    if (!removed.empty()) {
      parts.push_back("不再联系" + ListNames(removed, "户"));
      counts.push_back("减少" + std::to_string(removed.size()) + "户");
    }
    NotificationDraft d = MemberDraft(*member);
    d.title = "联系户调整：" + Join(counts, "，");
    d.body = "联系网络已调整：" + Join(parts, "；") + "。请在手机上查看您的联系户。";
    SetDetail(d, "您的联系户已调整：" + Join(counts, "，") + "，请登录查看");
    NotifyMember(*notifier, tx, kChangeRule, *member, d, actor.now, actor.user.id);
  }
  if (!leader_plan) return;
  std::map<Id, std::pair<std::vector<std::string>, std::vector<std::string>>> members;
  auto name_of_member = [&](Id id) {
    auto m = tx.Registry().FindPartyMember(id);
    return m ? m->name : std::string("一名党员");
  };
  for (const auto& l : leader_plan->diff.added) {
    members[l.carer_id].first.push_back(name_of_member(l.ward_id));
  }
  for (const auto& l : leader_plan->diff.removed) {
    members[l.carer_id].second.push_back(name_of_member(l.ward_id));
  }
  for (const auto& [leader_id, change] : members) {
    auto leader = tx.Registry().FindPartyMember(leader_id);
    if (!leader) continue;
    const auto& [added, removed] = change;
    std::vector<std::string> parts;
    std::vector<std::string> counts;
    if (!added.empty()) {
      parts.push_back("新增联系党员" + ListNames(added, "人"));
      counts.push_back("新增" + std::to_string(added.size()) + "人");
    }
    if (!removed.empty()) {
      parts.push_back("不再联系" + ListNames(removed, "人"));
      counts.push_back("减少" + std::to_string(removed.size()) + "人");
    }
    NotificationDraft d = MemberDraft(*leader);
    d.title = "联系党员调整：" + Join(counts, "，");
    d.body = "一人联十人联系已调整：" + Join(parts, "；") + "。";
    SetDetail(d, "您联系的党员已调整：" + Join(counts, "，") + "，请登录查看");
    NotifyMember(*notifier, tx, kChangeRule, *leader, d, actor.now, actor.user.id);
  }
}

void NotifyMemberStatus(Notifier* notifier, StoreTx& tx, const Actor& actor,
                        const domain::PartyMember& before, const domain::PartyMember& after,
                        bool deceased) {
  if (!notifier || deceased) return;
  std::vector<std::string> changes;
  if (before.away != after.away) {
    changes.push_back(after.away ? "登记为外出（流动）党员" : "已取消外出登记");
  }
  if (before.can_take_households != after.can_take_households) {
    changes.push_back(after.can_take_households ? "可以承担联系户" : "暂不安排联系户");
  }
  if (before.capacity != after.capacity) {
    changes.push_back("可联系户数调整为" + std::to_string(after.capacity) + "户");
  }
  if (changes.empty()) return;
  NotificationDraft d = MemberDraft(after);
  d.title = "党员状态已更新";
  d.body = "组织已更新您的状态：" + Join(changes, "；") + "。联系户如有调整，将另行通知。";
  SetDetail(d, "组织已更新您的党员状态：" + Join(changes, "，"));
  NotifyMember(*notifier, tx, kChangeRule, after, d, actor.now, actor.user.id);
}

}  // namespace minqing::app::network_internal
