#include "app/matters/notify.hpp"

#include "app/matters/intake.hpp"
#include "app/matters/internal.hpp"
#include "app/notifications.hpp"
#include "domain/ids.hpp"
#include "domain/text.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {
namespace {

// The matter's title, or its content, cut to 30 characters.
std::string Subject(const domain::Matter& m) {
  const std::string& text = m.title.empty() ? m.content : m.title;
  std::string subject = domain::Utf8Prefix(text, 30);
  return subject.size() < text.size() ? subject + "…" : subject;
}

std::vector<domain::User> UnitAccounts(StoreTx& tx, const domain::Matter& m) {
  if (!m.unit_id) return {};
  UserQuery query;
  query.unit_id = m.unit_id;
  return tx.Accounts().FindUsers(query);
}

// The leaders of the level an escalation reached: the township's at level 1, the county's above.
std::vector<domain::User> LevelLeaders(StoreTx& tx, const domain::Matter& m) {
  const std::vector<Id> ids = domain::RegionPathIds(m.region_path);
  if (ids.empty()) return {};
  const std::size_t county =
      std::min(matters_internal::CountyIndex(tx, m.region_path), ids.size() - 1);
  std::size_t at = m.escalation_level <= 1 ? county + 1 : county;
  if (at >= ids.size()) at = county;
  UserQuery query;
  query.role = domain::Role::kLeader;
  query.scope_region_ids = {ids[at]};
  auto leaders = tx.Accounts().FindUsers(query);
  if (leaders.empty() && at != county) {
    query.scope_region_ids = {ids[county]};
    leaders = tx.Accounts().FindUsers(query);
  }
  return leaders;
}

}  // namespace

void NotifyMatterChange(MattersContext& context, StoreTx& tx, const domain::Matter& m,
                        std::string_view action, domain::Epoch now, std::string_view due_date) {
  Notifier* notifier = context.notifier();
  if (!notifier) return;
  NotificationDraft d;
  d.object_type = "matter";
  d.object_id = m.id;
  d.link = "/matters/" + std::to_string(m.id);
  d.matter_id = m.id;
  const std::string subject = Subject(m);
  if (action == "matter.dispatch" || action == "matter.transfer") {
    d.title = (action == "matter.dispatch" ? "新交办诉求 " : "转办来的诉求 ") + m.number;
    d.body = subject;
    d.sms_params = {{"number", m.number}, {"title", subject}};
    d.sms_text = "【民情】您单位有新的诉求" + m.number + "待办理：" + subject + "，请及时签收。";
    notifier->Notify(tx, "matter_dispatched", UnitAccounts(tx, m), d, now);
  } else if (action == "matter.reply") {
    const std::string link = context.PublicUrl(ReceiptOf(m).public_path);
    d.title = "您的诉求 " + m.number + " 已答复";
    d.body = "请查看办理结果并确认是否解决：" + subject;
    d.sms_params = {{"number", m.number}, {"link", link}};
    d.sms_text = "【民情】您反映的诉求" + m.number +
                 "已办理答复，请打开链接查看结果并确认（确认时会收到验证码）：" + link;
    std::vector<domain::User> residents;
    if (m.resident_id) {
      if (auto user = tx.Accounts().FindUserByResident(*m.resident_id)) residents.push_back(*user);
    }
    notifier->Notify(tx, "matter_replied", residents, d, now, false);
    notifier->NotifyPhone(tx, "matter_replied", m.caller_phone, d, now);
  } else if (action == "matter.outcome_approve") {
    // Closed as 不属实 or 不属于受理范围 with a leader's approval: the resident reads the answer
    // the way a reply reaches them.
    const std::string link = context.PublicUrl(ReceiptOf(m).public_path);
    d.title = "您的诉求 " + m.number + " 已办结";
    d.body = m.reply;
    d.sms_params = {{"number", m.number}, {"link", link}};
    d.sms_text = "【民情】您反映的诉求" + m.number + "已办结：" + m.reply + "。详情：" + link;
    std::vector<domain::User> residents;
    if (m.resident_id) {
      if (auto user = tx.Accounts().FindUserByResident(*m.resident_id)) residents.push_back(*user);
    }
    notifier->Notify(tx, "matter_replied", residents, d, now, false);
    notifier->NotifyPhone(tx, "matter_replied", m.caller_phone, d, now);
  } else if (action == "matter.escalate") {
    d.title = "诉求逾期升级 " + m.number;
    d.body = subject;
    std::string unit;
    if (m.unit_id) {
      if (auto u = tx.Registry().FindUnit(*m.unit_id)) unit = u->name;
    }
    d.sms_params = {{"number", m.number}, {"unit", unit}};
    d.sms_text = "【民情】诉求" + m.number + "（" + unit + "承办）已逾期，请督促办理。";
    notifier->Notify(tx, "matter_overdue", LevelLeaders(tx, m), d, now);
  } else if (action == "matter.supervise") {
    d.title = "督办 " + m.number;
    d.body = subject;
    const std::string due(due_date);
    d.sms_params = {{"number", m.number}, {"due", due}};
    d.sms_text = "【民情】诉求" + m.number + "已被督办，请于" + due + "前办结。";
    notifier->Notify(tx, "matter_supervised", UnitAccounts(tx, m), d, now);
  }
}

}  // namespace minqing::app
