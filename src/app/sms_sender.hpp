// Sending short messages (the sign-off and visit codes). The interface lets a deployment plug in
// its SMS gateway; the development implementation writes each message into the repository's
// outbox (GET /api/v1/dev/sms, only with `serve --dev-sms`) in the caller's transaction, so a
// message exists exactly when the code it carries was committed. Every sender the services use
// is wrapped in a LimitedSmsSender, so that no endpoint, public or staff, can be made to send
// more than a few messages: the limits are checked before anything is sent, and a refusal throws
// RateLimited ("sms.rate_limited", with the seconds to wait), which aborts the caller's
// transaction. Thread-safety: implementations must be safe to share between threads; SmsLimiter
// and LimitedSmsSender are (a mutex guards the counts).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/store.hpp"

namespace minqing::app {

class SmsSender {
 public:
  virtual ~SmsSender() = default;
  // Sends `text` to `phone`; `tx` is the caller's transaction (for outbox-style senders).
  virtual void Send(StoreTx& tx, const std::string& phone, const std::string& text,
                    std::optional<domain::Id> matter_id, domain::Epoch now) = 0;
};

// Development sender: the repository's SMS outbox.
class OutboxSmsSender final : public SmsSender {
 public:
  void Send(StoreTx& tx, const std::string& phone, const std::string& text,
            std::optional<domain::Id> matter_id, domain::Epoch now) override;
};

struct SmsLimits {
  // One message per matter (诉求) per interval; a message about no matter (a visit's code) counts
  // against its phone number instead, so one visit code per phone per interval.
  std::int64_t object_interval_seconds = 60;
  int per_phone_per_hour = 6;
  int per_phone_per_day = 20;
};

// Counts the messages sent per matter and per phone in memory (a restart forgets them).
class SmsLimiter {
 public:
  explicit SmsLimiter(SmsLimits limits = {}) : limits_(limits) {}
  // Books one message, or throws RateLimited ("sms.rate_limited") without booking it.
  void Admit(const std::string& phone, std::optional<domain::Id> matter_id, domain::Epoch now);

 private:
  SmsLimits limits_;
  std::mutex mutex_;
  std::map<std::string, domain::Epoch> last_by_object_;
  std::map<std::string, std::deque<domain::Epoch>> sent_by_phone_;  // Within the last day.
};

// Checks `limiter` before handing the message to `inner`.
class LimitedSmsSender final : public SmsSender {
 public:
  LimitedSmsSender(std::unique_ptr<SmsSender> inner, std::shared_ptr<SmsLimiter> limiter)
      : inner_(std::move(inner)), limiter_(std::move(limiter)) {}
  void Send(StoreTx& tx, const std::string& phone, const std::string& text,
            std::optional<domain::Id> matter_id, domain::Epoch now) override;

 private:
  std::unique_ptr<SmsSender> inner_;
  std::shared_ptr<SmsLimiter> limiter_;
};

}  // namespace minqing::app
