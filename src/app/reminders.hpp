// Reminders that come from the calendar rather than from a change (notifications.hpp's rules):
//   - notice_due: a 四到户 notice due within 2 days (due_at in (now, now + 2 days]) that some
//     households have not been given yet → each member responsible for such households (the
//     household's linked member now, else the one named when it was published): one reminder
//     per notice and member, in the app through the member's account and by SMS when the rule's
//     SMS is on (to the account's phone, else the member's own);
//   - appointment_tomorrow: an appointment still booked on tomorrow's China (UTC+8) date → the
//     resident who booked it: in the app when an active resident account of the booking's
//     household has the booking's phone or the booked person's name, and by SMS to the booking's
//     phone (else that account's) when the rule's SMS is on.
//
// Run is idempotent: each reminder is recorded (reminders_sent) in the same transaction as its
// notifications, so a job that calls Run every minute, or two servers calling it at once, remind
// each notice/member and each appointment once. A person without account or phone is recorded
// as reminded too (nothing to send, nothing to retry). A rule switched off is skipped and nothing
// of it is recorded, so switching it on reminds what is still due then. SMS other than codes that
// are written in the quiet hours wait in the outbox until 08:00 (sms_sender.hpp). Each run takes
// at most 500 reminders of each kind; the next run takes the rest. A run with nothing to remind
// only reads.
//
// Thread-safety: stateless over the Store and the Notifier; Run may be called from any thread.
#pragma once

#include "app/notifications.hpp"
#include "app/store.hpp"

namespace minqing::app {

struct ReminderReport {
  int notices = 0;        // Notice reminders made (one per notice and member).
  int appointments = 0;   // Appointment reminders made.
  int notifications = 0;  // In-app notifications written by them.
};

class ReminderService {
 public:
  // Both must outlive the service.
  explicit ReminderService(Store& store, Notifier& notifier) : store_(store), notifier_(notifier) {}

  ReminderReport Run(domain::Epoch now);

 private:
  Store& store_;
  Notifier& notifier_;
};

}  // namespace minqing::app
