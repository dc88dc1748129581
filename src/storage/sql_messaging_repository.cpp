#include "storage/sql_messaging_repository.hpp"

#include <algorithm>
#include <map>

#include "storage/sql_helpers.hpp"

namespace minqing::storage {
namespace {

app::OutboxMessage ReadOutbox(const Row& row) {
  app::OutboxMessage m;
  m.id = row.GetInt64(0);
  m.phone = row.GetText(1);
  m.text = row.GetText(2);
  m.created_at = row.GetInt64(3);
  m.matter_id = row.GetOptionalInt64(4);
  m.kind = row.GetText(5);
  m.params = row.GetText(6);
  m.state = row.GetText(7);
  m.attempts = static_cast<int>(row.GetInt64(8));
  m.next_attempt_at = row.GetInt64(9);
  m.last_error = row.GetText(10);
  m.sent_at = row.GetOptionalInt64(11);
  m.delivered_at = row.GetOptionalInt64(12);
  m.provider = row.GetText(13);
  m.provider_message_id = row.GetText(14);
  return m;
}

app::Notification ReadNotification(const Row& row) {
  app::Notification n;
  n.id = row.GetInt64(0);
  n.user_id = row.GetInt64(1);
  n.kind = row.GetText(2);
  n.title = row.GetText(3);
  n.body = row.GetText(4);
  n.object_type = row.GetText(5);
  n.object_id = row.GetOptionalInt64(6);
  n.link = row.GetText(7);
  n.created_at = row.GetInt64(8);
  n.read_at = row.GetOptionalInt64(9);
  return n;
}

class SqlMessagingRepository final : public app::MessagingRepository {
 public:
  explicit SqlMessagingRepository(Connection& conn) : conn_(conn) {}

  void InsertOutbox(const app::OutboxMessage& m) override {
    RenameConflict(
        [&] {
          RunSql(conn_, sql::outbox_insert,
                 {m.id, m.phone, m.text, m.created_at, OptionalValue(m.matter_id), m.kind, m.params,
                  m.state, static_cast<std::int64_t>(m.attempts), m.next_attempt_at, m.last_error,
                  OptionalValue(m.sent_at), OptionalValue(m.delivered_at), m.provider,
                  m.provider_message_id});
        },
        "sms.exists", "短信已存在");
  }

  std::optional<app::OutboxMessage> FindOutbox(domain::Id id) override {
    QueryBuilder b;
    b.Where("o.id = " + b.Param(id));
    return First<app::OutboxMessage>(
        SelectRows(conn_, sql::outbox_select, b.WhereClause(), b.params()), ReadOutbox);
  }

  std::vector<app::OutboxMessage> ClaimDueOutbox(domain::Epoch now, int limit) override {
    return ReadAll<app::OutboxMessage>(
        QueryRows(conn_, sql::outbox_claim_due, {now, static_cast<std::int64_t>(limit)}),
        ReadOutbox);
  }

  void UpdateOutbox(const app::OutboxMessage& m) override {
    RequireOneRow(RunSql(conn_, sql::outbox_update,
                         {m.id, m.state, static_cast<std::int64_t>(m.attempts), m.next_attempt_at,
                          m.last_error, OptionalValue(m.sent_at), OptionalValue(m.delivered_at),
                          m.provider, m.provider_message_id}),
                  "sms.not_found", "短信不存在");
  }

  domain::Page<app::OutboxMessage> ListOutbox(const app::OutboxFilter& filter,
                                              const domain::PageRequest& page) override {
    QueryBuilder b;
    if (!filter.state.empty()) b.Where("o.state = " + b.Param(filter.state));
    if (!filter.phone.empty()) b.Where("o.phone = " + b.Param(filter.phone));
    if (!filter.kind.empty()) b.Where("o.kind = " + b.Param(filter.kind));
    return ListPage<app::OutboxMessage>(conn_, sql::outbox_select, sql::outbox_count, b,
                                        "o.created_at DESC, o.id DESC", page, ReadOutbox);
  }

  std::map<std::string, std::int64_t> CountOutboxByState() override {
    std::map<std::string, std::int64_t> out;
    for (const Row& row : QueryRows(conn_, sql::outbox_state_counts)) {
      out[row.GetText(0)] = row.GetInt64(1);
    }
    return out;
  }

  std::optional<domain::Epoch> OldestDueOutbox(domain::Epoch now) override {
    return QueryRows(conn_, sql::outbox_oldest_due, {now}).at(0).GetOptionalInt64(0);
  }

  void GuardCodePhone(const std::string& phone, domain::Epoch now) override {
    RunSql(conn_, sql::sms_code_phone_guard, {phone, now});
  }

  std::vector<domain::Epoch> CodeTimesTo(const std::string& phone, domain::Epoch after) override {
    return ReadAll<domain::Epoch>(QueryRows(conn_, sql::outbox_code_times_to, {phone, after}),
                                  [](const Row& row) { return row.GetInt64(0); });
  }

  std::optional<domain::Epoch> LastCodeAbout(domain::Id matter_id, domain::Epoch after) override {
    return QueryRows(conn_, sql::outbox_last_code_about, {matter_id, after})
        .at(0)
        .GetOptionalInt64(0);
  }

  void InsertOutboxEvent(const app::OutboxEvent& e) override {
    RunSql(conn_, sql::outbox_event_insert, {e.id, e.message_id, e.at, e.outcome, e.detail});
  }

  std::vector<app::OutboxEvent> OutboxHistory(domain::Id message_id) override {
    return ReadAll<app::OutboxEvent>(QueryRows(conn_, sql::outbox_event_select, {message_id}),
                                     [](const Row& row) {
                                       app::OutboxEvent e;
                                       e.id = row.GetInt64(0);
                                       e.message_id = row.GetInt64(1);
                                       e.at = row.GetInt64(2);
                                       e.outcome = row.GetText(3);
                                       e.detail = row.GetText(4);
                                       return e;
                                     });
  }

  void InsertNotification(const app::Notification& n) override {
    RunSql(conn_, sql::notification_insert,
           {n.id, n.user_id, n.kind, n.title, n.body, n.object_type, OptionalValue(n.object_id),
            n.link, n.created_at, OptionalValue(n.read_at)});
  }

  domain::Page<app::Notification> ListNotifications(domain::Id user_id, bool unread_only,
                                                    const domain::PageRequest& page) override {
    QueryBuilder b;
    b.Where("n.user_id = " + b.Param(user_id));
    if (unread_only) b.Where("n.read_at IS NULL");
    return ListPage<app::Notification>(conn_, sql::notification_select, sql::notification_count, b,
                                       "n.created_at DESC, n.id DESC", page, ReadNotification);
  }

  std::optional<app::Notification> FindNotification(domain::Id id) override {
    QueryBuilder b;
    b.Where("n.id = " + b.Param(id));
    return First<app::Notification>(
        SelectRows(conn_, sql::notification_select, b.WhereClause(), b.params()), ReadNotification);
  }

  std::int64_t CountUnread(domain::Id user_id) override {
    return QueryRows(conn_, sql::notification_unread_count, {user_id}).at(0).GetInt64(0);
  }

  bool MarkNotificationRead(domain::Id user_id, domain::Id id, domain::Epoch now) override {
    if (QueryRows(conn_, sql::notification_owned, {user_id, id}).at(0).GetInt64(0) == 0) {
      return false;
    }
    RunSql(conn_, sql::notification_read, {user_id, id, now});
    return true;
  }

  std::int64_t MarkAllNotificationsRead(domain::Id user_id, domain::Epoch now) override {
    return RunSql(conn_, sql::notification_read_all, {user_id, now});
  }

  std::vector<app::UnreadState> UnreadStates(const std::vector<domain::Id>& user_ids) override {
    std::map<domain::Id, app::UnreadState> found;
    for (std::size_t start = 0; start < user_ids.size(); start += 200) {
      QueryBuilder b;
      std::string list;
      for (std::size_t i = start; i < std::min(user_ids.size(), start + 200); ++i) {
        list += (list.empty() ? "" : ", ") + b.Param(user_ids[i]);
      }
      b.Where("n.user_id IN (" + list + ")");
      for (const Row& row : SelectRows(conn_, sql::notification_unread_states,
                                       b.WhereClause() + " GROUP BY n.user_id", b.params())) {
        app::UnreadState state;
        state.user_id = row.GetInt64(0);
        state.unread = row.GetOptionalInt64(1).value_or(0);
        state.newest_id = row.GetOptionalInt64(2).value_or(0);
        found[state.user_id] = state;
      }
    }
    std::vector<app::UnreadState> out;
    out.reserve(user_ids.size());
    for (domain::Id user : user_ids) {
      auto it = found.find(user);
      out.push_back(it != found.end() ? it->second : app::UnreadState{user, 0, 0});
    }
    return out;
  }

  bool ClaimReminder(const std::string& kind, domain::Id object_id, const std::string& recipient,
                     domain::Epoch now) override {
    return RunSql(conn_, sql::reminder_claim, {kind, object_id, recipient, now}) > 0;
  }

  std::vector<app::NoticeReminder> ListNoticeReminders(const std::string& kind, domain::Epoch from,
                                                       domain::Epoch to, int limit) override {
    return ReadAll<app::NoticeReminder>(
        QueryRows(conn_, sql::reminder_notices_due,
                  {from, to, kind, static_cast<std::int64_t>(limit)}),
        [](const Row& row) {
          app::NoticeReminder r;
          r.notice_id = row.GetInt64(0);
          r.title = row.GetText(1);
          r.due_at = row.GetInt64(2);
          r.member_id = row.GetInt64(3);
          r.households = row.GetInt64(4);
          return r;
        });
  }

  std::vector<app::AppointmentReminder> ListAppointmentReminders(const std::string& kind,
                                                                 const std::string& date,
                                                                 int limit) override {
    return ReadAll<app::AppointmentReminder>(
        QueryRows(conn_, sql::reminder_appointments,
                  {date, kind, static_cast<std::int64_t>(limit)}),
        [](const Row& row) {
          app::AppointmentReminder r;
          r.appointment_id = row.GetInt64(0);
          r.matter_id = row.GetOptionalInt64(1);
          r.household_id = row.GetOptionalInt64(2);
          r.person_name = row.GetText(3);
          r.phone = row.GetText(4);
          r.purpose = row.GetText(5);
          r.date = row.GetText(6);
          r.start = row.GetText(7);
          r.end = row.GetText(8);
          r.unit_id = row.GetInt64(9);
          r.unit_name = row.GetText(10);
          return r;
        });
  }

 private:
  Connection& conn_;
};

}  // namespace

std::unique_ptr<app::MessagingRepository> MakeSqlMessagingRepository(Connection& conn) {
  return std::make_unique<SqlMessagingRepository>(conn);
}

}  // namespace minqing::storage
