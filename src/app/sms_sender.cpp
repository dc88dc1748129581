#include "app/sms_sender.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/sms_gateway.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"

namespace minqing::app {
namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 24 * kHour;

[[noreturn]] void Refuse(const std::string& message, std::int64_t wait) {
  wait = std::max<std::int64_t>(wait, 1);
  throw domain::RateLimited("sms.rate_limited",
                            message + "，请" + std::to_string(wait) + "秒后再试", wait,
                            {{"retry_after_seconds", "sms.retry_after", std::to_string(wait)}});
}

}  // namespace

domain::Epoch FirstSendTime(const std::string& kind, domain::Epoch now) {
  const SmsKindInfo* info = FindSmsKind(kind);
  if (info && info->is_code) return now;
  constexpr std::int64_t kChinaOffset = 8 * kHour;
  const std::int64_t local = now + kChinaOffset;
  const std::int64_t day_start = local - ((local % kDay) + kDay) % kDay;
  const std::int64_t hour = (local - day_start) / kHour;
  if (hour >= 8 && hour < 22) return now;
  const std::int64_t morning = day_start + 8 * kHour + (hour >= 22 ? kDay : 0);
  return morning - kChinaOffset;
}

void OutboxSmsSender::Send(StoreTx& tx, const SmsDraft& draft, domain::Epoch now) {
  const SmsKindInfo* kind = FindSmsKind(draft.kind);
  if (!kind) throw domain::InvalidInput("sms.bad_kind", "未知的短信类型：" + draft.kind);
  OutboxMessage message;
  message.id = domain::NewId();
  message.phone = draft.phone;
  message.kind = draft.kind;
  JsonObjectWriter params;
  for (const auto& [name, value] : draft.params) params.Add(name, value);
  message.params = params.Finish();
  message.text = draft.text;
  message.matter_id = draft.matter_id;
  message.created_at = now;
  message.state = "queued";
  message.next_attempt_at = FirstSendTime(draft.kind, now);
  tx.Messaging().InsertOutbox(message);
  tx.Messaging().InsertOutboxEvent({domain::NewId(), message.id, now, "queued",
                                    message.next_attempt_at > now
                                        ? "静默时段，08:00 后发送 / quiet hours: held until 08:00"
                                        : ""});
}

void SmsLimiter::Admit(const std::string& phone, std::optional<domain::Id> matter_id,
                       domain::Epoch now) {
  const std::string object = matter_id ? "matter:" + std::to_string(*matter_id) : "phone:" + phone;
  std::lock_guard lock(mutex_);
  if (auto it = last_by_object_.find(object); it != last_by_object_.end()) {
    const domain::Epoch next = it->second + limits_.object_interval_seconds;
    if (next > now) Refuse("验证码已发送，请勿频繁获取", next - now);
  }
  auto& sent = sent_by_phone_[phone];
  while (!sent.empty() && sent.front() <= now - kDay) sent.pop_front();
  if (static_cast<int>(sent.size()) >= limits_.per_phone_per_day) {
    Refuse("该号码今日接收短信已达上限", sent.front() + kDay - now);
  }
  const auto hour_start =
      std::find_if(sent.begin(), sent.end(), [&](domain::Epoch t) { return t > now - kHour; });
  if (std::distance(hour_start, sent.end()) >= limits_.per_phone_per_hour) {
    Refuse("该号码一小时内接收短信已达上限", *hour_start + kHour - now);
  }
  sent.push_back(now);
  last_by_object_[object] = now;
  // Bounded memory: entries that no longer limit anything are dropped as the tables grow.
  if (last_by_object_.size() > 100000) {
    std::erase_if(last_by_object_, [&](const auto& entry) {
      return entry.second + limits_.object_interval_seconds <= now;
    });
  }
  if (sent_by_phone_.size() > 100000) {
    std::erase_if(sent_by_phone_, [&](const auto& entry) {
      return entry.second.empty() || entry.second.back() <= now - kDay;
    });
  }
}

void LimitedSmsSender::Send(StoreTx& tx, const SmsDraft& draft, domain::Epoch now) {
  const SmsKindInfo* kind = FindSmsKind(draft.kind);
  if (kind && kind->is_code) limiter_->Admit(draft.phone, draft.matter_id, now);
  inner_->Send(tx, draft, now);
}

}  // namespace minqing::app
