// Sending short messages. A use case hands an SmsDraft to an SmsSender inside its transaction;
// the OutboxSmsSender writes it into the durable outbox (sms_outbox.hpp) in that same
// transaction, so a message exists exactly when the change that caused it (a sign-off code, a
// dispatch) was committed, and the outbox's sender thread delivers it afterwards. A message that
// is not a verification code is held back during the quiet hours (by default 22:00-08:00 China
// time, SmsQuietHours) and queued for their end. Every sender the services use is wrapped in a
// LimitedSmsSender, so that no endpoint, public or staff, can be made to send more than a few
// codes to one phone: the limits are counted from the outbox in the caller's transaction before
// anything is written (so a restart or a second server process on the same database changes
// nothing), and a refusal throws RateLimited ("sms.rate_limited", with the seconds to wait),
// which aborts the caller's transaction.
// Thread-safety: implementations must be safe to share between threads; SmsLimiter and
// LimitedSmsSender keep no state of their own.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/store.hpp"

namespace minqing::app {

// One message to send: its kind (an SmsKindInfo code, sms_gateway.hpp) with the kind's
// parameters by name for providers that fill a template, and the whole text for the others.
struct SmsDraft {
  std::string phone;
  std::string kind;
  std::vector<std::pair<std::string, std::string>> params;
  std::string text;
  std::optional<domain::Id> matter_id;  // The matter it is about, if any.
};

class SmsSender {
 public:
  virtual ~SmsSender() = default;
  // Queues `draft`; `tx` is the caller's transaction. Throws InvalidInput "sms.bad_kind" for a
  // kind that is not in SmsKinds().
  virtual void Send(StoreTx& tx, const SmsDraft& draft, domain::Epoch now) = 0;
};

// The hours of the night in which no message but a code is sent, in minutes after midnight China
// time; the span may wrap midnight. Equal ends mean no quiet hours.
struct SmsQuietHours {
  int start_minute = 22 * 60;
  int end_minute = 8 * 60;

  bool Off() const { return start_minute == end_minute; }
  // "22:00-08:00", or "off".
  std::string ToString() const;
};

// Parses "HH:MM-HH:MM" or "off"; throws InvalidInput "sms.bad_quiet_hours" for anything else.
SmsQuietHours ParseSmsQuietHours(const std::string& text);

// The county's quiet hours, set at start-up (from the SMS configuration) and read by every writer
// of the outbox and by its dispatcher. Thread-safety: Get and Set may race; a mutex guards them.
class SmsQuietHoursSetting {
 public:
  SmsQuietHours Get() const;
  void Set(const SmsQuietHours& hours);

 private:
  mutable std::mutex mutex_;
  SmsQuietHours hours_;
};

// The outbox: writes the message queued, due now (a code, or any message outside the quiet hours)
// or at the end of the quiet hours. `quiet` null means the default 22:00-08:00. A message to a
// number that is not a mainland mobile (NormalisedMobile) is written failed at once, its reason
// in last_error and a "rejected" event, and never handed to the gateway.
class OutboxSmsSender final : public SmsSender {
 public:
  explicit OutboxSmsSender(std::shared_ptr<const SmsQuietHoursSetting> quiet = nullptr)
      : quiet_(std::move(quiet)) {}
  void Send(StoreTx& tx, const SmsDraft& draft, domain::Epoch now) override;

 private:
  std::shared_ptr<const SmsQuietHoursSetting> quiet_;
};

// When a message of `kind` written at `now` may first be sent: `now` for a code and outside the
// quiet hours, else the end of the quiet hours.
domain::Epoch FirstSendTime(const std::string& kind, domain::Epoch now,
                            const SmsQuietHours& quiet = {});

struct SmsLimits {
  // Verification codes (SmsKindInfo::is_code) to one phone, whatever matter or purpose they are
  // for: one per interval, and a few an hour and a day.
  std::int64_t per_phone_interval_seconds = 60;
  int per_phone_per_hour = 6;
  int per_phone_per_day = 20;
  // And one code about one matter (诉求) per interval, whichever phone it goes to.
  std::int64_t per_matter_interval_seconds = 60;
};

// Admits a code when the codes already in the outbox allow it. The outbox is the count: the
// caller's sender must write the admitted code to it in the same transaction (LimitedOutbox).
class SmsLimiter {
 public:
  explicit SmsLimiter(SmsLimits limits = {}) : limits_(limits) {}
  // Guards `phone` in `tx` (MessagingRepository::GuardCodePhone) and reads its codes; throws
  // RateLimited ("sms.rate_limited") when one more code at `now` would break a limit.
  void Admit(StoreTx& tx, const std::string& phone, std::optional<domain::Id> matter_id,
             domain::Epoch now) const;

 private:
  SmsLimits limits_;
};

// Checks `limiter` before handing a verification code to `inner` (which must write it to the
// outbox in the same transaction); other messages pass.
class LimitedSmsSender final : public SmsSender {
 public:
  LimitedSmsSender(std::unique_ptr<SmsSender> inner, std::shared_ptr<const SmsLimiter> limiter)
      : inner_(std::move(inner)), limiter_(std::move(limiter)) {}
  void Send(StoreTx& tx, const SmsDraft& draft, domain::Epoch now) override;

 private:
  std::unique_ptr<SmsSender> inner_;
  std::shared_ptr<const SmsLimiter> limiter_;
};

}  // namespace minqing::app
