#include "app/sms_sender.hpp"

#include <algorithm>

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

void OutboxSmsSender::Send(StoreTx& tx, const std::string& phone, const std::string& text,
                           std::optional<domain::Id> matter_id, domain::Epoch now) {
  SmsMessage message;
  message.id = domain::NewId();
  message.phone = phone;
  message.text = text;
  message.created_at = now;
  message.matter_id = matter_id;
  tx.Matters().InsertSms(message);
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

void LimitedSmsSender::Send(StoreTx& tx, const std::string& phone, const std::string& text,
                            std::optional<domain::Id> matter_id, domain::Epoch now) {
  limiter_->Admit(phone, matter_id, now);
  inner_->Send(tx, phone, text, matter_id, now);
}

}  // namespace minqing::app
