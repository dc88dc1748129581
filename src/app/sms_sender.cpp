#include "app/sms_sender.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/resident_self_service.hpp"
#include "app/sms_gateway.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"

namespace minqing::app {
namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 24 * kHour;
constexpr char kNotMobile[] = "不是手机号码，未发送 / not a mobile number: not sent";

[[noreturn]] void Refuse(const std::string& message, std::int64_t wait) {
  wait = std::max<std::int64_t>(wait, 1);
  throw domain::RateLimited("sms.rate_limited",
                            message + "，请" + std::to_string(wait) + "秒后再试", wait,
                            {{"retry_after_seconds", "sms.retry_after", std::to_string(wait)}});
}

// "08:00" for minute 480.
std::string ClockText(int minute) {
  const int hour = minute / 60 % 24;
  minute %= 60;
  return {static_cast<char>('0' + hour / 10), static_cast<char>('0' + hour % 10), ':',
          static_cast<char>('0' + minute / 10), static_cast<char>('0' + minute % 10)};
}

}  // namespace

std::string SmsQuietHours::ToString() const {
  if (Off()) return "off";
  return ClockText(start_minute) + "-" + ClockText(end_minute);
}

SmsQuietHours ParseSmsQuietHours(const std::string& text) {
  if (text == "off") return {0, 0};
  auto minute_of = [&](std::size_t at) {
    const auto digit = [&](std::size_t i) {
      const char c = text[at + i];
      if (c < '0' || c > '9') return -1;
      return c - '0';
    };
    const int h1 = digit(0), h2 = digit(1), m1 = digit(3), m2 = digit(4);
    if (text[at + 2] != ':' || h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0) return -1;
    const int hour = h1 * 10 + h2, minute = m1 * 10 + m2;
    if (hour > 23 || minute > 59) return -1;
    return hour * 60 + minute;
  };
  SmsQuietHours hours;
  if (text.size() == 11 && text[5] == '-') {
    hours.start_minute = minute_of(0);
    hours.end_minute = minute_of(6);
  } else {
    hours.start_minute = -1;
  }
  if (hours.start_minute < 0 || hours.end_minute < 0) {
    throw domain::InvalidInput("sms.bad_quiet_hours",
                               "静默时段应写作 22:00-08:00 或 off / quiet hours must look like "
                               "22:00-08:00 or off: " +
                                   text);
  }
  return hours;
}

SmsQuietHours SmsQuietHoursSetting::Get() const {
  std::lock_guard lock(mutex_);
  return hours_;
}

void SmsQuietHoursSetting::Set(const SmsQuietHours& hours) {
  std::lock_guard lock(mutex_);
  hours_ = hours;
}

domain::Epoch FirstSendTime(const std::string& kind, domain::Epoch now,
                            const SmsQuietHours& quiet) {
  const SmsKindInfo* info = FindSmsKind(kind);
  if ((info && info->is_code) || quiet.Off()) return now;
  constexpr std::int64_t kChinaOffset = 8 * kHour;
  constexpr std::int64_t kMinute = 60;
  const std::int64_t local = now + kChinaOffset;
  const std::int64_t day_start = local - ((local % kDay) + kDay) % kDay;
  const std::int64_t minute = (local - day_start) / kMinute;
  const bool wraps = quiet.start_minute > quiet.end_minute;
  const bool in_quiet = wraps ? (minute >= quiet.start_minute || minute < quiet.end_minute)
                              : (minute >= quiet.start_minute && minute < quiet.end_minute);
  if (!in_quiet) return now;
  const std::int64_t end =
      day_start + quiet.end_minute * kMinute + (minute >= quiet.end_minute ? kDay : 0);
  return end - kChinaOffset;
}

void OutboxSmsSender::Send(StoreTx& tx, const SmsDraft& draft, domain::Epoch now) {
  const SmsKindInfo* kind = FindSmsKind(draft.kind);
  if (!kind) throw domain::InvalidInput("sms.bad_kind", "未知的短信类型：" + draft.kind);
  const SmsQuietHours quiet = quiet_ ? quiet_->Get() : SmsQuietHours{};
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
  message.next_attempt_at = FirstSendTime(draft.kind, now, quiet);
  if (!NormalisedMobile(draft.phone)) {
    // A landline (a caller's office number) cannot take an SMS: kept, failed, with the reason.
    message.state = "failed";
    message.next_attempt_at = now;
    message.last_error = kNotMobile;
    tx.Messaging().InsertOutbox(message);
    tx.Messaging().InsertOutboxEvent({domain::NewId(), message.id, now, "rejected", kNotMobile});
    return;
  }
  tx.Messaging().InsertOutbox(message);
  const std::string until = ClockText(quiet.end_minute);
  tx.Messaging().InsertOutboxEvent(
      {domain::NewId(), message.id, now, "queued",
       message.next_attempt_at > now
           ? "静默时段，" + until + " 后发送 / quiet hours: held until " + until
           : ""});
}

void SmsLimiter::Admit(StoreTx& tx, const std::string& phone, std::optional<domain::Id> matter_id,
                       domain::Epoch now) const {
  auto& messaging = tx.Messaging();
  messaging.GuardCodePhone(phone, now);
  if (matter_id) {
    const auto last =
        messaging.LastCodeAbout(*matter_id, now - limits_.per_matter_interval_seconds);
    if (last) {
      Refuse("验证码已发送，请勿频繁获取", *last + limits_.per_matter_interval_seconds - now);
    }
  }
  const std::vector<domain::Epoch> sent = messaging.CodeTimesTo(phone, now - kDay);
  if (!sent.empty() && sent.back() + limits_.per_phone_interval_seconds > now) {
    Refuse("验证码已发送，请勿频繁获取", sent.back() + limits_.per_phone_interval_seconds - now);
  }
  if (static_cast<int>(sent.size()) >= limits_.per_phone_per_day) {
    Refuse("该号码今日接收短信已达上限",
           sent[sent.size() - limits_.per_phone_per_day] + kDay - now);
  }
  const auto hour_start =
      std::find_if(sent.begin(), sent.end(), [&](domain::Epoch t) { return t > now - kHour; });
  const auto in_hour = std::distance(hour_start, sent.end());
  if (in_hour >= limits_.per_phone_per_hour) {
    Refuse("该号码一小时内接收短信已达上限",
           *(sent.end() - limits_.per_phone_per_hour) + kHour - now);
  }
}

void LimitedSmsSender::Send(StoreTx& tx, const SmsDraft& draft, domain::Epoch now) {
  const SmsKindInfo* kind = FindSmsKind(draft.kind);
  if (kind && kind->is_code) limiter_->Admit(tx, draft.phone, draft.matter_id, now);
  inner_->Send(tx, draft, now);
}

}  // namespace minqing::app
