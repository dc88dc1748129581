// The limits on verification codes over every backend (SQLite, and PostgreSQL when
// MINQING_TEST_PG_URL names a server): they are counted from the outbox, so a new limiter (a
// restarted server) or a second store over the same database (a second server process) refuses a
// code the first one would have refused, and two transactions sending a code to one phone at once
// admit only one of them.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "app/sms_gateway.hpp"
#include "app/sms_sender.hpp"
#include "domain/errors.hpp"
#include "storage/test_backends.hpp"

namespace minqing::app {
namespace {

constexpr domain::Epoch kT = 1780000000;
constexpr const char* kPhone = "13800000001";

SmsDraft SignOffCode(domain::Id matter) {
  return {kPhone, "signoff_code", {{"code", "123456"}}, "code", matter};
}

class SmsLimiterContractTest : public storage::testing::BackendTest {
 protected:
  // A sender as a freshly started server builds it: its own limiter over `store`.
  static void SendAsNewServer(Store& store, const SmsDraft& draft, domain::Epoch at) {
    LimitedSmsSender sender(std::make_unique<OutboxSmsSender>(), std::make_shared<SmsLimiter>());
    auto tx = store.Begin();
    sender.Send(*tx, draft, at);
    tx->Commit();
  }

  std::int64_t CodesInOutbox(Store& store) {
    return store.BeginRead()->Messaging().ListOutbox({}, {}).total;
  }
};

TEST_P(SmsLimiterContractTest, ARestartedOrSecondServerStillRefusesAnotherMattersCode) {
  SendAsNewServer(*store_, SignOffCode(1), kT);
  // Another matter's code to the same phone 20 seconds later, from a new limiter: refused.
  try {
    SendAsNewServer(*store_, SignOffCode(2), kT + 20);
    ADD_FAILURE() << "a restarted server sent a second code within the minute";
  } catch (const domain::RateLimited& e) {
    EXPECT_EQ(e.code(), "sms.rate_limited");
    EXPECT_EQ(e.retry_after_seconds(), 40);
  }
  // A second process: another store with its own connections over the same database.
  storage::SqlStore second(storage::OpenDatabase(url_));
  EXPECT_THROW(SendAsNewServer(second, SignOffCode(3), kT + 30), domain::RateLimited);
  EXPECT_EQ(CodesInOutbox(*store_), 1);
  SendAsNewServer(second, SignOffCode(3), kT + 60);
  EXPECT_EQ(CodesInOutbox(*store_), 2);
}

TEST_P(SmsLimiterContractTest, EveryCodeKindCountsAndNoOtherKindDoes) {
  int index = 0;
  for (const SmsKindInfo& kind : SmsKinds()) {
    // One phone per kind.
    const std::string phone = "139000000" + std::to_string(10 + index++);
    auto tx = store_->Begin();
    OutboxSmsSender().Send(*tx, {phone, kind.code, {}, "text", std::nullopt}, kT);
    tx->Commit();
    const auto times = store_->BeginRead()->Messaging().CodeTimesTo(phone, kT - 1);
    EXPECT_EQ(times.size(), kind.is_code ? 1U : 0U) << kind.code;
    EXPECT_TRUE(store_->BeginRead()->Messaging().CodeTimesTo(phone, kT).empty()) << kind.code;
  }
}

TEST_P(SmsLimiterContractTest, TwoTransactionsSendingCodesToOnePhoneAdmitOne) {
  LimitedSmsSender first(std::make_unique<OutboxSmsSender>(), std::make_shared<SmsLimiter>());
  auto tx = store_->Begin();
  first.Send(*tx, SignOffCode(1), kT);
  // Another transaction (another server's request) sends a code to the phone before the first
  // commits: it waits for the first, then counts its code.
  std::promise<void> started;
  auto second = std::async(std::launch::async, [&] {
    started.set_value();
    try {
      SendAsNewServer(*store_, SignOffCode(2), kT + 1);
      return std::string("sent");
    } catch (const domain::RateLimited& e) {
      return e.code();
    }
  });
  started.get_future().wait();
  std::this_thread::yield();
  tx->Commit();
  EXPECT_EQ(second.get(), "sms.rate_limited");
  EXPECT_EQ(CodesInOutbox(*store_), 1);
}

MINQING_INSTANTIATE_BACKENDS(SmsLimiterContractTest);

}  // namespace
}  // namespace minqing::app
