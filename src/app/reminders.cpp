#include "app/reminders.hpp"

#include <string>
#include <vector>

#include "app/network_internal.hpp"
#include "app/network_notify.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {

using network_internal::DateOf;
using network_internal::NotifyMember;
using network_internal::ShortDate;
using network_internal::Shorten;

namespace {

constexpr const char* kNoticeRule = "notice_due";
constexpr const char* kAppointmentRule = "appointment_tomorrow";
constexpr domain::Epoch kNoticeWindow = 2 * 24 * 3600;
constexpr int kBatch = 500;

struct Work {
  std::vector<NoticeReminder> notices;
  std::vector<AppointmentReminder> appointments;
  bool empty() const { return notices.empty() && appointments.empty(); }
};

Work ListWork(StoreTx& tx, domain::Epoch now) {
  Work work;
  if (Notifier::Setting(tx, kNoticeRule).enabled) {
    work.notices =
        tx.Messaging().ListNoticeReminders(kNoticeRule, now, now + kNoticeWindow, kBatch);
  }
  if (Notifier::Setting(tx, kAppointmentRule).enabled) {
    const std::string tomorrow = domain::FormatDate(domain::ChinaDay(now) + 1);
    work.appointments = tx.Messaging().ListAppointmentReminders(kAppointmentRule, tomorrow, kBatch);
  }
  return work;
}

// The account of the person who booked: an active account of the booking's household (or, for
// a booking without a household, a resident account with its phone) whose phone is the booking's,
// else whose resident has the booked person's name.
std::optional<domain::User> BookerAccount(StoreTx& tx, const AppointmentReminder& a) {
  std::vector<domain::User> accounts;
  if (a.household_id) {
    accounts = tx.Accounts().ListUsersOfHousehold(*a.household_id);
  } else if (!a.phone.empty()) {
    UserQuery query;
    query.role = domain::Role::kResident;
    query.phone = a.phone;
    accounts = tx.Accounts().FindUsers(query);
  }
  std::erase_if(accounts, [](const domain::User& u) { return !u.active; });
  for (const auto& u : accounts) {
    if (!a.phone.empty() && u.phone == a.phone) return u;
  }
  for (const auto& u : accounts) {
    if (!u.resident_id) continue;
    auto resident = tx.Registry().FindResident(*u.resident_id);
    if (resident && resident->name == a.person_name) return u;
  }
  return std::nullopt;
}

int RemindNotice(Notifier& notifier, StoreTx& tx, const NoticeReminder& n, domain::Epoch now) {
  auto member = tx.Registry().FindPartyMember(n.member_id);
  if (!member) return 0;
  // due_at is the end of the due day (00:00 of the next day, China time).
  const std::string due = ShortDate(DateOf(n.due_at - 1));
  const std::string title = Shorten(n.title, 20);
  const std::string left = std::to_string(n.households) + "户";
  NotificationDraft d;
  d.object_type = "notice";
  d.object_id = n.notice_id;
  d.link = std::string("/m");  // Assigning the short literal trips GCC 12's maybe-uninitialized.
  d.title = "通知将到期：" + title;
  d.body = "通知《" + Shorten(n.title, 40) + "》将于" + due + "到期，您联系的户中还有" + left +
           "未送达，请尽快送达并在手机上登记。";
  d.sms_params = {{"title", title}, {"due", due}};
  d.sms_text = "【民情】通知《" + title + "》将于" + due + "到期，您联系的户中还有" + left +
               "未送达，请尽快送达。";
  return NotifyMember(notifier, tx, kNoticeRule, *member, d, now);
}

int RemindAppointment(Notifier& notifier, StoreTx& tx, const AppointmentReminder& a,
                      domain::Epoch now) {
  std::optional<domain::User> account = BookerAccount(tx, a);
  const std::string date = ShortDate(a.date);
  const std::string time = a.start + "–" + a.end;
  const std::string unit = a.unit_name.empty() ? std::string("服务窗口") : a.unit_name;
  // A resident follows the matter the booking belongs to on their own matters page.
  const bool own_matter = a.matter_id && account && account->role == domain::Role::kResident;
  NotificationDraft d;
  d.object_type = "appointment";
  d.object_id = a.appointment_id;
  if (own_matter) d.link = std::string("/my/matters");
  d.title = "明日预约：" + date + " " + time;
  d.body = "您预约了明天（" + date + "）" + time + "在" + unit + "办事" +
           (a.purpose.empty() ? std::string() : "（" + Shorten(a.purpose, 30) + "）") +
           "，请按时前往。如不能前往，请联系窗口取消。";
  d.sms_params = {{"date", date}, {"time", time}, {"unit", unit}};
  d.sms_text = "【民情】您预约了" + date + time + "在" + unit + "办事，请按时前往。";
  int written = 0;
  if (account) written = notifier.Notify(tx, kAppointmentRule, {*account}, d, now, false);
  const std::string phone = !a.phone.empty() ? a.phone : account ? account->phone : "";
  notifier.NotifyPhone(tx, kAppointmentRule, phone, d, now);
  return written;
}

}  // namespace

ReminderReport ReminderService::Run(domain::Epoch now) {
  ReminderReport report;
  // A read first, so that a minute with nothing to remind takes no write lock.
  if (ListWork(*store_.BeginRead(), now).empty()) return report;
  auto tx = store_.Begin();
  const Work work = ListWork(*tx, now);
  auto& messaging = tx->Messaging();
  for (const auto& n : work.notices) {
    if (!messaging.ClaimReminder(kNoticeRule, n.notice_id, "member:" + std::to_string(n.member_id),
                                 now)) {
      continue;
    }
    ++report.notices;
    report.notifications += RemindNotice(notifier_, *tx, n, now);
  }
  for (const auto& a : work.appointments) {
    if (!messaging.ClaimReminder(kAppointmentRule, a.appointment_id, "", now)) continue;
    ++report.appointments;
    report.notifications += RemindAppointment(notifier_, *tx, a, now);
  }
  tx->Commit();
  return report;
}

}  // namespace minqing::app
