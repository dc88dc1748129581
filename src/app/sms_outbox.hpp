// The durable SMS outbox's sender and its administration.
//
// A message is written queued by OutboxSmsSender (sms_sender.hpp) in the transaction of the
// change that causes it. SmsDispatcher::RunOnce, called in a loop by the server's sender thread,
// then:
//   1. claims the due messages in one transaction: attempts + 1, next_attempt_at = now + the
//      back-off of that attempt, committed BEFORE anything is handed over;
//   2. hands each to the gateway, outside any transaction;
//   3. records each outcome in a second transaction: sent (with the provider's message id),
//      queued again for the back-off time (a retryable failure), or failed (refused for good, or
//      the attempts used up), each with an event in the message's history.
// A crash (kill -9) between 1 and 3 leaves the message queued with its next attempt a back-off
// later: it is handed over again, with the same idempotency key. So a message may be sent twice,
// never lost. A retry of a message that is not a code never falls in the quiet hours.
//
// SmsOutboxService is the administrators' view: the messages with their history, a retry of a
// failed message, and the gateway's status (provider, missing templates, an alert when sending
// keeps failing or nobody is configured to send).
//
// Thread-safety: RunOnce() must not run on two threads at once (the server has one sender
// thread; PostgreSQL's SKIP LOCKED keeps two servers apart); Health() and the service's methods
// may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "app/actor.hpp"
#include "app/sms_gateway.hpp"
#include "app/sms_sender.hpp"
#include "app/store.hpp"

namespace minqing::app {

struct SmsDispatchOptions {
  int batch = 20;
  int max_attempts = 8;
  std::int64_t first_backoff_seconds = 30;  // Doubles each attempt.
  std::int64_t max_backoff_seconds = 3600;
  // Consecutive failed hand-overs (retryable or refused) that raise the alert.
  int alert_after_failures = 5;
  // Queued messages older than this raise the alert too (nothing is being sent).
  std::int64_t alert_after_queued_seconds = 600;
};

// How sending has gone since the server started.
struct SmsHealth {
  std::int64_t consecutive_failures = 0;
  domain::Epoch failing_since = 0;  // First failure of the current run of failures; 0: none.
  std::string last_error;
  domain::Epoch last_sent_at = 0;
};

// The delay before attempt `attempts + 1` when attempt `attempts` (1-based) did not send.
std::int64_t SmsBackoffSeconds(const SmsDispatchOptions& options, int attempts);

// Parses the flat JSON object of strings written into OutboxMessage::params, in its order.
// Anything else gives an empty list.
std::vector<std::pair<std::string, std::string>> ParseSmsParams(const std::string& json);

// A delivery receipt the provider sent back, once its signature was checked.
struct SmsReceipt {
  domain::Id message_id = 0;
  bool delivered = false;
  std::string error;
};
// Checks a receipt's signature (timestamp and signature headers, the raw body) at `now`: the
// receipt, or nullopt when it is not authentic. Set by the composition root from the gateway's
// configuration.
using SmsReceiptCheck = std::function<std::optional<SmsReceipt>(
    const std::string& timestamp, const std::string& signature, const std::string& body,
    domain::Epoch now)>;

class SmsDispatcher {
 public:
  // `gateway` may be null: nothing is sent (the messages wait, and the status says so).
  SmsDispatcher(Store& store, std::shared_ptr<SmsGateway> gateway, SmsDispatchOptions options = {});

  // Sets the gateway and options; before RunOnce() is first called (not thread-safe with it).
  void SetGateway(std::shared_ptr<SmsGateway> gateway) { gateway_ = std::move(gateway); }
  void SetOptions(const SmsDispatchOptions& options) { options_ = options; }
  void SetReceiptCheck(SmsReceiptCheck check) { receipt_check_ = std::move(check); }
  // The quiet hours a retry waits out; null (the default) means 22:00-08:00.
  void SetQuietHours(std::shared_ptr<const SmsQuietHoursSetting> quiet) {
    quiet_ = std::move(quiet);
  }

  // Checks and records a receipt POSTed by the provider. Throws Unauthenticated
  // "sms.bad_signature" when it is not authentic or no provider sends receipts; false when the
  // message is unknown.
  bool AcceptReceipt(const std::string& timestamp, const std::string& signature,
                     const std::string& body, domain::Epoch now);

  // Sends the messages due at `now` (at most options.batch); how many were handed over.
  int RunOnce(domain::Epoch now);

  // A delivery receipt from the provider for message `id` (its idempotency key): delivered, or
  // failed with `error`. Unknown ids are ignored (false).
  bool RecordReceipt(domain::Id id, bool delivered, const std::string& error, domain::Epoch now);

  SmsHealth Health() const;
  const SmsGateway* gateway() const { return gateway_.get(); }
  const SmsDispatchOptions& options() const { return options_; }

 private:
  void Record(bool sent, const std::string& error, domain::Epoch now);

  Store& store_;
  std::shared_ptr<SmsGateway> gateway_;
  SmsDispatchOptions options_;
  SmsReceiptCheck receipt_check_;
  std::shared_ptr<const SmsQuietHoursSetting> quiet_;
  mutable std::mutex mutex_;
  SmsHealth health_;
};

// Runs `dispatcher.RunOnce(clock())` on its own thread: again at once while full batches come
// back, else after `interval`. Errors are written to stderr and the loop goes on. Stops and joins
// when destroyed.
class SmsSenderThread {
 public:
  SmsSenderThread(SmsDispatcher& dispatcher, std::chrono::milliseconds interval,
                  std::function<domain::Epoch()> clock);
  ~SmsSenderThread();
  SmsSenderThread(const SmsSenderThread&) = delete;
  SmsSenderThread& operator=(const SmsSenderThread&) = delete;

 private:
  std::jthread thread_;
};

struct SmsOutboxDetail {
  OutboxMessage message;
  std::vector<OutboxEvent> history;
};

struct SmsMissingTemplate {
  std::string kind;
  std::string label;
};

struct SmsStatus {
  std::string provider;  // Empty: no gateway configured.
  bool configured = false;
  std::vector<SmsMissingTemplate> missing_templates;
  std::map<std::string, std::int64_t> counts;  // By state.
  bool alert = false;
  domain::Epoch alert_since = 0;
  std::int64_t failures = 0;
  std::string last_error;
  std::string alert_message;  // Chinese.
};

class SmsOutboxService {
 public:
  SmsOutboxService(Store& store, SmsDispatcher& dispatcher)
      : store_(store), dispatcher_(dispatcher) {}

  // All need Permission::kSmsOutbox.
  domain::Page<OutboxMessage> List(const Actor& actor, const OutboxFilter& filter,
                                   const domain::PageRequest& page);
  SmsOutboxDetail Get(const Actor& actor, domain::Id id);
  // A failed message back to queued, due now, with its attempts counted afresh. Throws NotFound
  // "sms.not_found", InvalidInput "sms.not_failed" for a message that has not failed.
  OutboxMessage Retry(const Actor& actor, domain::Id id);
  SmsStatus Status(const Actor& actor);
  // The same without a permission check, for `minqing doctor` and the server's log.
  SmsStatus StatusForOperator(domain::Epoch now);

 private:
  Store& store_;
  SmsDispatcher& dispatcher_;
};

}  // namespace minqing::app
