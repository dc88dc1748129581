// Notifications: who is told what, in the app and by SMS.
//
// A rule names an event (a matter dispatched, replied, overdue...) and who hears of it. Each rule
// is switched on or off per county, and its SMS separately (stored in site_settings as
// "notification_rules"). Use cases call Notifier::Notify inside the transaction of the change, so a
// notification exists exactly when its change was committed; the in-app row is written for each
// recipient's account, and an SMS (through the durable outbox) to each recipient with a phone when
// the rule's SMS is on. A switched-off rule writes nothing.
//
// NotificationService is the message centre of one signed-in user: their own notifications only,
// read/unread, and the administrators' rule switches. NotificationFeed tells open browsers about
// changes (the server's event stream): it polls the unread state of the users who are listening.
//
// Thread-safety: Notifier and NotificationService are stateless over the Store and safe to share;
// NotificationFeed's methods may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/sms_sender.hpp"
#include "app/store.hpp"

namespace minqing::app {

struct NotificationRuleInfo {
  std::string rule;  // "matter_dispatched"
  std::string label;
  std::string label_en;
  std::string recipients;  // Who hears of it, in Chinese.
  std::string sms_kind;    // The SMS kind (sms_gateway.hpp); empty: in-app only.
  bool default_sms = false;
};

// Every rule, in display order.
const std::vector<NotificationRuleInfo>& NotificationRuleInfos();

struct NotificationRuleSetting {
  std::string rule;
  bool enabled = true;
  bool sms = false;
};

// One notification to write; `sms` is the message for recipients with a phone.
struct NotificationDraft {
  std::string title;
  std::string body;
  std::string object_type;
  std::optional<domain::Id> object_id;
  std::string link;
  std::vector<std::pair<std::string, std::string>> sms_params;
  std::string sms_text;
  std::optional<domain::Id> matter_id;
};

class Notifier {
 public:
  explicit Notifier(std::shared_ptr<SmsSender> sms) : sms_(std::move(sms)) {}

  // The current switches, every rule present (defaults for rules never set).
  static std::vector<NotificationRuleSetting> Settings(StoreTx& tx);
  static NotificationRuleSetting Setting(StoreTx& tx, const std::string& rule);

  // Tells `recipients` (accounts; duplicates and inactive accounts are skipped) of `draft` under
  // `rule`, in the app and, when `with_sms` and the rule's SMS are on, by SMS to each recipient's
  // phone. Returns how many in-app notifications were written.
  int Notify(StoreTx& tx, const std::string& rule, const std::vector<domain::User>& recipients,
             const NotificationDraft& draft, domain::Epoch now, bool with_sms = true);
  // An SMS alone, to a phone that may belong to no account (the resident's phone on a matter),
  // when the rule and its SMS are on. Returns whether one was queued.
  bool NotifyPhone(StoreTx& tx, const std::string& rule, const std::string& phone,
                   const NotificationDraft& draft, domain::Epoch now);

 private:
  void SendSms(StoreTx& tx, const NotificationRuleInfo& info, const std::string& phone,
               const NotificationDraft& draft, domain::Epoch now);
  std::shared_ptr<SmsSender> sms_;
};

class NotificationService {
 public:
  explicit NotificationService(Store& store) : store_(store) {}

  // The caller's own notifications (any signed-in user).
  domain::Page<Notification> List(const Actor& actor, bool unread_only,
                                  const domain::PageRequest& page);
  std::int64_t UnreadCount(const Actor& actor);
  // Throws NotFound "notification.not_found" for an id that is not the caller's.
  void MarkRead(const Actor& actor, domain::Id id);
  std::int64_t MarkAllRead(const Actor& actor);

  // Permission::kSystemSettings.
  std::vector<NotificationRuleSetting> Rules(const Actor& actor);
  // Replaces the listed rules' switches (others keep theirs); unknown rules are refused
  // (InvalidInput "notification.bad_rule"). Audited. Returns every rule.
  std::vector<NotificationRuleSetting> PutRules(const Actor& actor,
                                                const std::vector<NotificationRuleSetting>& rules);

 private:
  Store& store_;
};

// Watches the unread state of the users with an open event stream. A listener registers a
// callback; a poller thread (the server's) calls Poll() a few times a second, which reads the
// listening users' states in one read transaction and calls the callbacks of those whose state
// changed. The first Poll after a registration always reports.
class NotificationFeed {
 public:
  using Callback = std::function<void(const UnreadState& state)>;

  explicit NotificationFeed(Store& store) : store_(store) {}

  // Returns a handle for Unsubscribe. The callback runs on the polling thread and must be quick.
  std::int64_t Subscribe(domain::Id user_id, Callback callback);
  void Unsubscribe(std::int64_t handle);
  // One round; how many callbacks were called.
  int Poll();
  // Waits until a subscription exists or `timeout` passes (so that an idle server does not poll).
  void WaitForListeners(std::chrono::milliseconds timeout);
  std::size_t listeners() const;

 private:
  struct Listener {
    domain::Id user_id = 0;
    Callback callback;
    bool reported = false;
    UnreadState last;
  };
  Store& store_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::int64_t, Listener> listeners_;
  std::int64_t next_handle_ = 1;
};

}  // namespace minqing::app
