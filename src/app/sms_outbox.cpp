#include "app/sms_outbox.hpp"

#include <algorithm>
#include <condition_variable>

#include "app/audit.hpp"
#include "app/authorize.hpp"
#include "app/sms_sender.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"
#include "domain/text.hpp"
#include "log/log.hpp"

namespace minqing::app {
namespace {

// An error or detail as stored: at most 500 characters.
std::string Clip(const std::string& text) { return domain::Utf8Prefix(text, 500); }

void AddEvent(StoreTx& tx, domain::Id message_id, domain::Epoch at, std::string outcome,
              const std::string& detail) {
  tx.Messaging().InsertOutboxEvent(
      {domain::NewId(), message_id, at, std::move(outcome), Clip(detail)});
}

// Reads one JSON string starting after its opening quote; `i` ends after the closing quote.
bool ReadJsonString(const std::string& s, std::size_t& i, std::string& out) {
  out.clear();
  while (i < s.size()) {
    char c = s[i++];
    if (c == '"') return true;
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (i >= s.size()) return false;
    char e = s[i++];
    switch (e) {
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'u': {
        if (i + 4 > s.size()) return false;
        unsigned value = std::stoul(s.substr(i, 4), nullptr, 16);
        i += 4;
        if (value >= 0x80) return false;  // JsonEscape writes \u only for control characters.
        out.push_back(static_cast<char>(value));
        break;
      }
      default:
        out.push_back(e);
    }
  }
  return false;
}

// What an administrator may see of a message: a verification code is blanked out of its text and
// parameters, so that nobody reading the outbox can sign off for a resident or confirm a visit.
OutboxMessage Redacted(OutboxMessage m) {
  const SmsKindInfo* kind = FindSmsKind(m.kind);
  if (!kind || !kind->is_code) return m;
  auto params = ParseSmsParams(m.params);
  JsonObjectWriter rewritten;
  for (auto& [name, value] : params) {
    if (name == "code" && !value.empty()) {
      for (std::size_t at = m.text.find(value); at != std::string::npos;
           at = m.text.find(value, at)) {
        m.text.replace(at, value.size(), "******");
      }
      value = "******";
    }
    rewritten.Add(name, value);
  }
  m.params = rewritten.Finish();
  return m;
}

}  // namespace

std::int64_t SmsBackoffSeconds(const SmsDispatchOptions& options, int attempts) {
  std::int64_t delay = options.first_backoff_seconds;
  for (int i = 1; i < attempts && delay < options.max_backoff_seconds; ++i) delay *= 2;
  return std::min(delay, options.max_backoff_seconds);
}

std::vector<std::pair<std::string, std::string>> ParseSmsParams(const std::string& json) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = 0;
  auto skip = [&] {
    while (i < json.size() && (json[i] == ' ' || json[i] == '\n')) ++i;
  };
  skip();
  if (i >= json.size() || json[i++] != '{') return {};
  for (;;) {
    skip();
    if (i < json.size() && json[i] == '}') return out;
    std::string key;
    std::string value;
    if (i >= json.size() || json[i++] != '"' || !ReadJsonString(json, i, key)) return {};
    skip();
    if (i >= json.size() || json[i++] != ':') return {};
    skip();
    if (i >= json.size() || json[i++] != '"' || !ReadJsonString(json, i, value)) return {};
    out.emplace_back(std::move(key), std::move(value));
    skip();
    if (i < json.size() && json[i] == ',') ++i;
  }
}

SmsDispatcher::SmsDispatcher(Store& store, std::shared_ptr<SmsGateway> gateway,
                             SmsDispatchOptions options)
    : store_(store), gateway_(std::move(gateway)), options_(options) {}

int SmsDispatcher::RunOnce(domain::Epoch now) {
  if (!gateway_) return 0;
  std::vector<OutboxMessage> claimed;
  {
    auto tx = store_.Begin();
    claimed = tx->Messaging().ClaimDueOutbox(now, options_.batch);
    if (claimed.empty()) return 0;
    const SmsQuietHours quiet = quiet_ ? quiet_->Get() : SmsQuietHours{};
    for (auto& m : claimed) {
      ++m.attempts;
      // The lease: should this server die while handing the message over, it is due again then.
      m.next_attempt_at =
          FirstSendTime(m.kind, now + SmsBackoffSeconds(options_, m.attempts), quiet);
      m.provider = gateway_->Name();
      tx->Messaging().UpdateOutbox(m);
    }
    tx->Commit();
  }
  std::vector<DeliveryResult> results;
  results.reserve(claimed.size());
  for (const auto& m : claimed) {
    OutgoingSms out;
    out.id = m.id;
    out.idempotency_key = std::to_string(m.id);
    out.phone = m.phone;
    out.kind = m.kind;
    out.params = ParseSmsParams(m.params);
    out.text = m.text;
    DeliveryResult result;
    try {
      result = gateway_->Deliver(out);
    } catch (const std::exception& e) {
      result = {DeliveryOutcome::kRetry, "", std::string("gateway error: ") + e.what()};
    }
    Record(result.outcome == DeliveryOutcome::kSent, result.error, now);
    results.push_back(std::move(result));
  }
  auto tx = store_.Begin();
  for (std::size_t i = 0; i < claimed.size(); ++i) {
    OutboxMessage& m = claimed[i];
    const DeliveryResult& r = results[i];
    switch (r.outcome) {
      case DeliveryOutcome::kSent:
        m.state = "sent";
        m.sent_at = now;
        m.provider_message_id = r.provider_message_id;
        m.last_error.clear();
        AddEvent(*tx, m.id, now, "sent", r.provider_message_id);
        break;
      case DeliveryOutcome::kRetry:
        m.last_error = Clip(r.error);
        if (m.attempts >= options_.max_attempts) {
          m.state = "failed";
          AddEvent(*tx, m.id, now, "failed", "重试次数已用完 / attempts used up: " + r.error);
        } else {
          AddEvent(*tx, m.id, now, "retry", r.error);
        }
        break;
      case DeliveryOutcome::kRejected:
        m.state = "failed";
        m.last_error = Clip(r.error);
        AddEvent(*tx, m.id, now, "rejected", r.error);
        break;
    }
    tx->Messaging().UpdateOutbox(m);
  }
  tx->Commit();
  return static_cast<int>(claimed.size());
}

bool SmsDispatcher::RecordReceipt(domain::Id id, bool delivered, const std::string& error,
                                  domain::Epoch now) {
  auto tx = store_.Begin();
  auto m = tx->Messaging().FindOutbox(id);
  if (!m) return false;
  if (delivered) {
    m->state = "delivered";
    m->delivered_at = now;
  } else {
    m->state = "failed";
    m->last_error = Clip(error);
  }
  tx->Messaging().UpdateOutbox(*m);
  AddEvent(*tx, id, now, delivered ? "delivered" : "failed", error);
  tx->Commit();
  return true;
}

bool SmsDispatcher::AcceptReceipt(const std::string& timestamp, const std::string& signature,
                                  const std::string& body, domain::Epoch now) {
  std::optional<SmsReceipt> receipt;
  if (receipt_check_) receipt = receipt_check_(timestamp, signature, body, now);
  if (!receipt) throw domain::Unauthenticated("sms.bad_signature", "回执签名无效");
  return RecordReceipt(receipt->message_id, receipt->delivered, receipt->error, now);
}

void SmsDispatcher::Record(bool sent, const std::string& error, domain::Epoch now) {
  std::lock_guard lock(mutex_);
  if (sent) {
    health_.consecutive_failures = 0;
    health_.failing_since = 0;
    health_.last_sent_at = now;
    return;
  }
  if (health_.consecutive_failures++ == 0) health_.failing_since = now;
  health_.last_error = Clip(error);
}

SmsHealth SmsDispatcher::Health() const {
  std::lock_guard lock(mutex_);
  return health_;
}

SmsSenderThread::SmsSenderThread(SmsDispatcher& dispatcher, std::chrono::milliseconds interval,
                                 std::function<domain::Epoch()> clock)
    : thread_([&dispatcher, interval, clock = std::move(clock)](const std::stop_token& stop) {
        std::mutex mutex;
        std::condition_variable_any wake;
        while (!stop.stop_requested()) {
          int sent = 0;
          try {
            sent = dispatcher.RunOnce(clock());
          } catch (const std::exception& e) {
            log::Error("minqing: 短信发送失败 SMS sending failed",
                       {{"error", std::string_view(e.what())}});
          }
          if (sent >= dispatcher.options().batch) continue;
          std::unique_lock lock(mutex);
          wake.wait_for(lock, stop, interval, [] { return false; });
        }
      }) {}

SmsSenderThread::~SmsSenderThread() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

domain::Page<OutboxMessage> SmsOutboxService::List(const Actor& actor, const OutboxFilter& filter,
                                                   const domain::PageRequest& page) {
  Require(actor, domain::Permission::kSmsOutbox);
  auto out = store_.BeginRead()->Messaging().ListOutbox(filter, page);
  for (auto& m : out.items) m = Redacted(std::move(m));
  return out;
}

SmsOutboxDetail SmsOutboxService::Get(const Actor& actor, domain::Id id) {
  Require(actor, domain::Permission::kSmsOutbox);
  auto tx = store_.BeginRead();
  auto m = tx->Messaging().FindOutbox(id);
  if (!m) throw domain::NotFound("sms.not_found", "短信不存在");
  return {Redacted(std::move(*m)), tx->Messaging().OutboxHistory(id)};
}

OutboxMessage SmsOutboxService::Retry(const Actor& actor, domain::Id id) {
  Require(actor, domain::Permission::kSmsOutbox);
  auto tx = store_.Begin();
  auto m = tx->Messaging().FindOutbox(id);
  if (!m) throw domain::NotFound("sms.not_found", "短信不存在");
  if (m->state != "failed") {
    throw domain::InvalidInput("sms.not_failed", "只有发送失败的短信可以重发");
  }
  m->state = "queued";
  m->attempts = 0;
  m->next_attempt_at = actor.now;
  tx->Messaging().UpdateOutbox(*m);
  AddEvent(*tx, id, actor.now, "requeued", actor.user.username);
  RecordAudit(*tx, actor, "sms.retry", "sms", id, "", "");
  tx->Commit();
  return Redacted(std::move(*m));
}

SmsStatus SmsOutboxService::Status(const Actor& actor) {
  Require(actor, domain::Permission::kSmsOutbox);
  return StatusForOperator(actor.now);
}

SmsStatus SmsOutboxService::StatusForOperator(domain::Epoch now) {
  SmsStatus status;
  const SmsGateway* gateway = dispatcher_.gateway();
  status.configured = gateway != nullptr;
  if (gateway) {
    status.provider = gateway->Name();
    for (const auto& kind : gateway->MissingTemplates()) {
      const SmsKindInfo* info = FindSmsKind(kind);
      status.missing_templates.push_back({kind, info ? info->label : kind});
    }
  }
  std::int64_t oldest_due_age = 0;
  {
    auto tx = store_.BeginRead();
    status.counts = tx->Messaging().CountOutboxByState();
    // The oldest waiting message that is due (quiet-hour messages are not late).
    if (auto oldest = tx->Messaging().OldestDueOutbox(now)) oldest_due_age = now - *oldest;
  }
  SmsHealth health = dispatcher_.Health();
  status.failures = health.consecutive_failures;
  status.last_error = health.last_error;
  const SmsDispatchOptions& options = dispatcher_.options();
  if (health.consecutive_failures >= options.alert_after_failures) {
    status.alert = true;
    status.alert_since = health.failing_since;
    status.alert_message =
        "短信通道连续发送失败" + std::to_string(health.consecutive_failures) +
        "次，验证码和提醒可能发不出去，请检查短信通道配置和服务商状态。最近错误：" +
        health.last_error;
  } else if (oldest_due_age >= options.alert_after_queued_seconds) {
    status.alert = true;
    status.alert_since = now - oldest_due_age;
    status.alert_message = status.configured
                               ? "有短信排队超过" + std::to_string(oldest_due_age / 60) +
                                     "分钟仍未发出，请检查短信通道。"
                               : "未配置短信通道，短信无法发出（已排队" +
                                     std::to_string(oldest_due_age / 60) +
                                     "分钟）。请配置短信服务商后重启服务。";
  }
  return status;
}

}  // namespace minqing::app
