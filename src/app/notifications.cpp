#include "app/notifications.hpp"

#include <algorithm>
#include <set>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"

namespace minqing::app {
namespace {

constexpr const char* kRulesSetting = "notification_rules";

const NotificationRuleInfo* FindRule(const std::string& rule) {
  for (const auto& info : NotificationRuleInfos()) {
    if (info.rule == rule) return &info;
  }
  return nullptr;
}

// "rule:enabled:sms,rule:enabled:sms" (enabled and sms as 0/1).
std::string EncodeRules(const std::vector<NotificationRuleSetting>& rules) {
  std::string out;
  for (const auto& r : rules) {
    if (!out.empty()) out += ',';
    out += r.rule + ':' + (r.enabled ? '1' : '0') + ':' + (r.sms ? '1' : '0');
  }
  return out;
}

std::map<std::string, NotificationRuleSetting> DecodeRules(const std::string& text) {
  std::map<std::string, NotificationRuleSetting> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    std::size_t a = item.find(':');
    std::size_t b = a == std::string::npos ? a : item.find(':', a + 1);
    if (b != std::string::npos && b + 1 < item.size()) {
      NotificationRuleSetting s;
      s.rule = item.substr(0, a);
      s.enabled = item.substr(a + 1, b - a - 1) == "1";
      s.sms = item.substr(b + 1) == "1";
      out[s.rule] = s;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

const std::vector<NotificationRuleInfo>& NotificationRuleInfos() {
  static const std::vector<NotificationRuleInfo> rules = {
      {"matter_dispatched", "诉求交办、转办", "matter dispatched or transferred",
       "承办单位的办理人员", "matter_dispatched", false},
      {"matter_replied", "诉求已答复", "matter replied", "反映诉求的群众（附确认链接）",
       "matter_replied", true},
      {"matter_overdue", "诉求逾期、升级", "matter overdue or escalated", "上一级领导",
       "matter_overdue", false},
      {"matter_supervised", "督办", "supervision order", "承办单位的办理人员", "matter_supervised",
       false},
      {"network_event", "五必到事件", "five-must-visit event", "联系党员及其党小组长",
       "network_event", false},
      {"notice_due", "通知2天内到期未送达", "notice due in 2 days", "负责送达的党员", "notice_due",
       false},
      {"appointment_tomorrow", "明日预约", "appointment tomorrow", "预约的群众",
       "appointment_reminder", true},
      {"network_change", "联系户、党员状态变动", "contact link or member status change", "相关党员",
       "network_change", false},
      {"suggestion_received", "意见箱收到新意见", "suggestion box entry", "服务中心所在乡镇的领导",
       "", false},
      {"meeting_decision_assigned", "会议决定交办", "meeting decision assigned",
       "决定的责任人（或责任单位的办理人员）", "", false},
  };
  return rules;
}

std::vector<NotificationRuleSetting> Notifier::Settings(StoreTx& tx) {
  std::map<std::string, NotificationRuleSetting> stored;
  if (auto text = tx.Settings().FindSetting(kRulesSetting)) stored = DecodeRules(*text);
  std::vector<NotificationRuleSetting> out;
  for (const auto& info : NotificationRuleInfos()) {
    auto it = stored.find(info.rule);
    if (it != stored.end()) {
      NotificationRuleSetting s = it->second;
      s.sms = s.sms && !info.sms_kind.empty();
      out.push_back(s);
    } else {
      out.push_back({info.rule, true, info.default_sms});
    }
  }
  return out;
}

NotificationRuleSetting Notifier::Setting(StoreTx& tx, const std::string& rule) {
  for (auto& s : Settings(tx)) {
    if (s.rule == rule) return s;
  }
  return {rule, false, false};
}

int Notifier::Notify(StoreTx& tx, const std::string& rule,
                     const std::vector<domain::User>& recipients, const NotificationDraft& draft,
                     domain::Epoch now, bool with_sms) {
  const NotificationRuleInfo* info = FindRule(rule);
  if (!info || recipients.empty()) return 0;
  NotificationRuleSetting setting = Setting(tx, rule);
  if (!setting.enabled) return 0;
  std::set<domain::Id> seen;
  std::set<std::string> phones;
  int written = 0;
  for (const auto& user : recipients) {
    if (!user.active || !seen.insert(user.id).second) continue;
    Notification n;
    n.id = domain::NewId();
    n.user_id = user.id;
    n.kind = rule;
    n.title = draft.title;
    n.body = draft.body;
    n.object_type = draft.object_type;
    n.object_id = draft.object_id;
    n.link = draft.link;
    n.created_at = now;
    tx.Messaging().InsertNotification(n);
    ++written;
    if (with_sms && setting.sms && !user.phone.empty() && phones.insert(user.phone).second) {
      SendSms(tx, *info, user.phone, draft, now);
    }
  }
  return written;
}

bool Notifier::NotifyPhone(StoreTx& tx, const std::string& rule, const std::string& phone,
                           const NotificationDraft& draft, domain::Epoch now) {
  const NotificationRuleInfo* info = FindRule(rule);
  if (!info || phone.empty()) return false;
  NotificationRuleSetting setting = Setting(tx, rule);
  if (!setting.enabled || !setting.sms) return false;
  SendSms(tx, *info, phone, draft, now);
  return true;
}

void Notifier::SendSms(StoreTx& tx, const NotificationRuleInfo& info, const std::string& phone,
                       const NotificationDraft& draft, domain::Epoch now) {
  if (info.sms_kind.empty() || !sms_) return;
  sms_->Send(tx, {phone, info.sms_kind, draft.sms_params, draft.sms_text, draft.matter_id}, now);
}

domain::Page<Notification> NotificationService::List(const Actor& actor, bool unread_only,
                                                     const domain::PageRequest& page) {
  Require(actor, domain::Permission::kSession);
  return store_.BeginRead()->Messaging().ListNotifications(actor.user.id, unread_only, page);
}

std::int64_t NotificationService::UnreadCount(const Actor& actor) {
  Require(actor, domain::Permission::kSession);
  return store_.BeginRead()->Messaging().CountUnread(actor.user.id);
}

void NotificationService::MarkRead(const Actor& actor, domain::Id id) {
  Require(actor, domain::Permission::kSession);
  auto tx = store_.Begin();
  if (!tx->Messaging().MarkNotificationRead(actor.user.id, id, actor.now)) {
    throw domain::NotFound("notification.not_found", "消息不存在");
  }
  tx->Commit();
}

std::int64_t NotificationService::MarkAllRead(const Actor& actor) {
  Require(actor, domain::Permission::kSession);
  auto tx = store_.Begin();
  std::int64_t count = tx->Messaging().MarkAllNotificationsRead(actor.user.id, actor.now);
  tx->Commit();
  return count;
}

std::vector<NotificationRuleSetting> NotificationService::Rules(const Actor& actor) {
  Require(actor, domain::Permission::kSystemSettings);
  return Notifier::Settings(*store_.BeginRead());
}

std::vector<NotificationRuleSetting> NotificationService::PutRules(
    const Actor& actor, const std::vector<NotificationRuleSetting>& rules) {
  Require(actor, domain::Permission::kSystemSettings);
  for (const auto& r : rules) {
    if (!FindRule(r.rule)) {
      throw domain::InvalidInput("notification.bad_rule", "未知的提醒规则：" + r.rule);
    }
  }
  auto tx = store_.Begin();
  std::vector<NotificationRuleSetting> current = Notifier::Settings(*tx);
  const std::string before = EncodeRules(current);
  for (auto& c : current) {
    for (const auto& r : rules) {
      if (r.rule == c.rule) {
        c.enabled = r.enabled;
        c.sms = r.sms && !FindRule(r.rule)->sms_kind.empty();
      }
    }
  }
  const std::string after = EncodeRules(current);
  tx->Settings().PutSetting(kRulesSetting, after, actor.now, actor.user.id);
  RecordAudit(*tx, actor, "settings.notification_rules", "setting", 0,
              JsonObjectWriter().Add("rules", before).Finish(),
              JsonObjectWriter().Add("rules", after).Finish());
  tx->Commit();
  return current;
}

std::int64_t NotificationFeed::Subscribe(domain::Id user_id, Callback callback) {
  std::lock_guard lock(mutex_);
  std::int64_t handle = next_handle_++;
  listeners_[handle] = Listener{user_id, std::move(callback), false, {}};
  changed_.notify_all();
  return handle;
}

void NotificationFeed::Unsubscribe(std::int64_t handle) {
  std::lock_guard lock(mutex_);
  listeners_.erase(handle);
}

std::size_t NotificationFeed::listeners() const {
  std::lock_guard lock(mutex_);
  return listeners_.size();
}

void NotificationFeed::WaitForListeners(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [this] { return !listeners_.empty(); });
}

int NotificationFeed::Poll() {
  std::vector<domain::Id> users;
  {
    std::lock_guard lock(mutex_);
    if (listeners_.empty()) return 0;
    std::set<domain::Id> unique;
    for (const auto& [handle, l] : listeners_) unique.insert(l.user_id);
    users.assign(unique.begin(), unique.end());
  }
  std::map<domain::Id, UnreadState> states;
  for (const UnreadState& s : store_.BeginRead()->Messaging().UnreadStates(users)) {
    states[s.user_id] = s;
  }
  // The callbacks run under the lock, so that Unsubscribe() returning means no call is running
  // or will run; they only queue a write on a connection.
  std::lock_guard lock(mutex_);
  int called = 0;
  for (auto& [handle, l] : listeners_) {
    auto it = states.find(l.user_id);
    if (it == states.end()) continue;
    const UnreadState& s = it->second;
    if (l.reported && s.unread == l.last.unread && s.newest_id == l.last.newest_id) continue;
    l.reported = true;
    l.last = s;
    l.callback(s);
    ++called;
  }
  return called;
}

}  // namespace minqing::app
