// The repository of messages that reach people: the SMS outbox with each message's history, and
// the in-app notifications of the message centre. storage/ implements it over SQLite and
// PostgreSQL. Thread-safety: as the transaction it belongs to.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"

namespace minqing::app {

// One SMS in the durable outbox (see sms_outbox.hpp for its life).
struct OutboxMessage {
  domain::Id id = 0;
  std::string phone;
  std::string kind;           // SmsKindInfo code (sms_gateway.hpp); empty on rows older than kinds.
  std::string params = "{}";  // The kind's parameters, a JSON object.
  std::string text;
  std::optional<domain::Id> matter_id;
  domain::Epoch created_at = 0;
  std::string state = "queued";  // queued, sent, failed, delivered
  int attempts = 0;
  domain::Epoch next_attempt_at = 0;
  std::string last_error;
  std::optional<domain::Epoch> sent_at;
  std::optional<domain::Epoch> delivered_at;
  std::string provider;  // The gateway that took it ("tencent", "webhook", "dev").
  std::string provider_message_id;
};

struct OutboxEvent {
  domain::Id id = 0;
  domain::Id message_id = 0;
  domain::Epoch at = 0;
  std::string outcome;  // queued, sent, retry, rejected, failed, delivered, requeued
  std::string detail;
};

struct OutboxFilter {
  std::string state;  // Empty: any.
  std::string phone;  // Exact; empty: any.
  std::string kind;   // Empty: any.
};

struct Notification {
  domain::Id id = 0;
  domain::Id user_id = 0;
  std::string kind;  // The rule that made it (notifications.hpp).
  std::string title;
  std::string body;
  std::string object_type;  // matter, household, notice, appointment, member; empty: none.
  std::optional<domain::Id> object_id;
  std::string link;  // The web path that opens the object.
  domain::Epoch created_at = 0;
  std::optional<domain::Epoch> read_at;
};

// A user's unread notifications at one moment: what a live feed compares to notice a change.
struct UnreadState {
  domain::Id user_id = 0;
  std::int64_t unread = 0;
  domain::Id newest_id = 0;  // The newest notification's id, read or not (0: none).
};

// A notice due soon that a member has still to deliver to some of their households, not yet
// reminded (reminders.hpp).
struct NoticeReminder {
  domain::Id notice_id = 0;
  std::string title;
  domain::Epoch due_at = 0;
  domain::Id member_id = 0;
  std::int64_t households = 0;  // Undelivered households the member is responsible for.
};

// A booked appointment not yet reminded, with its slot and unit.
struct AppointmentReminder {
  domain::Id appointment_id = 0;
  std::optional<domain::Id> matter_id;
  std::optional<domain::Id> household_id;
  std::string person_name;
  std::string phone;
  std::string purpose;
  std::string date;  // YYYY-MM-DD
  std::string start;
  std::string end;
  domain::Id unit_id = 0;
  std::string unit_name;
};

class MessagingRepository {
 public:
  virtual ~MessagingRepository() = default;

  virtual void InsertOutbox(const OutboxMessage& message) = 0;
  virtual std::optional<OutboxMessage> FindOutbox(domain::Id id) = 0;
  // Queued messages whose next attempt is due at `now`, oldest due first; on PostgreSQL the rows
  // are locked for this transaction and rows another sender holds are skipped.
  virtual std::vector<OutboxMessage> ClaimDueOutbox(domain::Epoch now, int limit) = 0;
  // Writes state, attempts, next_attempt_at, last_error, sent_at, delivered_at, provider and
  // provider_message_id of the row `message.id`.
  virtual void UpdateOutbox(const OutboxMessage& message) = 0;
  // Newest first.
  virtual domain::Page<OutboxMessage> ListOutbox(const OutboxFilter& filter,
                                                 const domain::PageRequest& page) = 0;
  virtual std::map<std::string, std::int64_t> CountOutboxByState() = 0;
  // When the oldest queued message that is due at `now` was written; nullopt: none is due.
  virtual std::optional<domain::Epoch> OldestDueOutbox(domain::Epoch now) = 0;
  // The limits on codes (SmsLimiter, sms_sender.hpp). GuardCodePhone writes `phone`'s row of
  // the code guard in this transaction: on PostgreSQL a second transaction that guards the same
  // phone waits there until this one ends, so the counts it reads next include this one's code.
  // CodeTimesTo: when the code messages (SmsKindInfo::is_code) to `phone` written after `after`
  // were written, oldest first. LastCodeAbout: the newest such message about `matter_id`.
  virtual void GuardCodePhone(const std::string& phone, domain::Epoch now) = 0;
  virtual std::vector<domain::Epoch> CodeTimesTo(const std::string& phone, domain::Epoch after) = 0;
  virtual std::optional<domain::Epoch> LastCodeAbout(domain::Id matter_id, domain::Epoch after) = 0;
  virtual void InsertOutboxEvent(const OutboxEvent& event) = 0;
  // Oldest first.
  virtual std::vector<OutboxEvent> OutboxHistory(domain::Id message_id) = 0;

  virtual void InsertNotification(const Notification& notification) = 0;
  // Newest first.
  virtual domain::Page<Notification> ListNotifications(domain::Id user_id, bool unread_only,
                                                       const domain::PageRequest& page) = 0;
  virtual std::optional<Notification> FindNotification(domain::Id id) = 0;
  virtual std::int64_t CountUnread(domain::Id user_id) = 0;
  // Marks one of `user_id`'s notifications read; false when it is not theirs or does not exist.
  virtual bool MarkNotificationRead(domain::Id user_id, domain::Id id, domain::Epoch now) = 0;
  // Marks all of `user_id`'s unread notifications read; how many were.
  virtual std::int64_t MarkAllNotificationsRead(domain::Id user_id, domain::Epoch now) = 0;
  // One entry per user in `user_ids` (unread 0 and newest_id 0 for a user with none).
  virtual std::vector<UnreadState> UnreadStates(const std::vector<domain::Id>& user_ids) = 0;

  // Reminders (reminders.hpp). ClaimReminder records that `kind` was reminded for `object_id` and
  // `recipient` at `now`, and returns false (writing nothing) when it already was. The lists leave
  // out what was claimed: notices due in (from, to] per responsible member (the household's linked
  // member now, else the one named at publication; recipient "member:<id>"), ordered by due time;
  // appointments still booked on `date` (recipient ""), by start time. At most `limit` each.
  virtual bool ClaimReminder(const std::string& kind, domain::Id object_id,
                             const std::string& recipient, domain::Epoch now) = 0;
  virtual std::vector<NoticeReminder> ListNoticeReminders(const std::string& kind,
                                                          domain::Epoch from, domain::Epoch to,
                                                          int limit) = 0;
  virtual std::vector<AppointmentReminder> ListAppointmentReminders(const std::string& kind,
                                                                    const std::string& date,
                                                                    int limit) = 0;
};

}  // namespace minqing::app
