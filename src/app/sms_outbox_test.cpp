#include "app/sms_outbox.hpp"

#include <gtest/gtest.h>

#include <deque>

#include "app/test_fixture.hpp"
#include "domain/errors.hpp"

namespace minqing::app {
namespace {

using testing::RegistryFixture;

// 2026-05-29 12:00 China time: outside the quiet hours.
constexpr domain::Epoch kNoon = 1780027200;

// Answers from a script (then "sent"), and records what it was handed.
class ScriptedGateway final : public SmsGateway {
 public:
  std::string Name() const override { return "scripted"; }
  DeliveryResult Deliver(const OutgoingSms& message) override {
    handed.push_back(message);
    if (during_delivery) during_delivery(message);
    if (script.empty()) return {DeliveryOutcome::kSent, "p-" + message.idempotency_key, ""};
    DeliveryResult r = script.front();
    script.pop_front();
    return r;
  }
  std::vector<std::string> MissingTemplates() const override { return missing; }

  std::deque<DeliveryResult> script;
  std::vector<OutgoingSms> handed;
  std::vector<std::string> missing;
  std::function<void(const OutgoingSms&)> during_delivery;
};

class SmsOutboxTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    gateway_ = std::make_shared<ScriptedGateway>();
    SmsDispatchOptions options;
    options.max_attempts = 3;
    options.first_backoff_seconds = 30;
    dispatcher_ = std::make_unique<SmsDispatcher>(*services_->store, gateway_, options);
  }

  domain::Id Queue(const std::string& kind, domain::Epoch at,
                   const std::string& phone = "13800000001") {
    auto tx = services_->store->Begin();
    OutboxSmsSender().Send(
        *tx, {phone, kind, {{"number", "M-1"}, {"code", "123456"}}, "正文", std::nullopt}, at);
    tx->Commit();
    return services_->store->BeginRead()->Messaging().ListOutbox({}, {0, 1, ""}).items.at(0).id;
  }

  OutboxMessage Row(domain::Id id) {
    return *services_->store->BeginRead()->Messaging().FindOutbox(id);
  }
  std::vector<std::string> Outcomes(domain::Id id) {
    std::vector<std::string> out;
    for (const auto& e : services_->store->BeginRead()->Messaging().OutboxHistory(id)) {
      out.push_back(e.outcome);
    }
    return out;
  }

  std::shared_ptr<ScriptedGateway> gateway_;
  std::unique_ptr<SmsDispatcher> dispatcher_;
};

TEST_F(SmsOutboxTest, AQueuedMessageIsHandedOverWithItsParamsAndKeyAndRecordedSent) {
  domain::Id id = Queue("signoff_code", kNoon);
  EXPECT_EQ(dispatcher_->RunOnce(kNoon), 1);
  ASSERT_EQ(gateway_->handed.size(), 1u);
  const OutgoingSms& out = gateway_->handed[0];
  EXPECT_EQ(out.idempotency_key, std::to_string(id));
  EXPECT_EQ(out.kind, "signoff_code");
  ASSERT_EQ(out.params.size(), 2u);
  EXPECT_EQ(out.params[0], (std::pair<std::string, std::string>{"number", "M-1"}));
  EXPECT_EQ(out.params[1], (std::pair<std::string, std::string>{"code", "123456"}));
  OutboxMessage row = Row(id);
  EXPECT_EQ(row.state, "sent");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.provider, "scripted");
  EXPECT_EQ(row.provider_message_id, "p-" + std::to_string(id));
  EXPECT_EQ(row.sent_at, kNoon);
  EXPECT_EQ(Outcomes(id), (std::vector<std::string>{"queued", "sent"}));
  // Nothing is due any more.
  EXPECT_EQ(dispatcher_->RunOnce(kNoon + 3600), 0);
  EXPECT_EQ(gateway_->handed.size(), 1u);
}

TEST_F(SmsOutboxTest, TheClaimIsCommittedBeforeTheHandOverSoACrashLeavesTheMessageQueued) {
  domain::Id id = Queue("signoff_code", kNoon);
  OutboxMessage seen_during_delivery;
  gateway_->during_delivery = [&](const OutgoingSms&) { seen_during_delivery = Row(id); };
  dispatcher_->RunOnce(kNoon);
  // What another process (or this one after kill -9) finds while the provider is being called:
  // still queued, the attempt counted, due again after the back-off: sent again, never lost.
  EXPECT_EQ(seen_during_delivery.state, "queued");
  EXPECT_EQ(seen_during_delivery.attempts, 1);
  EXPECT_EQ(seen_during_delivery.next_attempt_at, kNoon + 30);
}

TEST_F(SmsOutboxTest, RetryableFailuresBackOffThenFailWhenTheAttemptsAreUsedUp) {
  domain::Id id = Queue("signoff_code", kNoon);
  gateway_->script = {{DeliveryOutcome::kRetry, "", "timeout"},
                      {DeliveryOutcome::kRetry, "", "HTTP 503"},
                      {DeliveryOutcome::kRetry, "", "HTTP 503"}};
  EXPECT_EQ(dispatcher_->RunOnce(kNoon), 1);
  OutboxMessage row = Row(id);
  EXPECT_EQ(row.state, "queued");
  EXPECT_EQ(row.last_error, "timeout");
  EXPECT_EQ(row.next_attempt_at, kNoon + 30);
  // Not yet due: nothing is handed over.
  EXPECT_EQ(dispatcher_->RunOnce(kNoon + 29), 0);
  EXPECT_EQ(dispatcher_->RunOnce(kNoon + 30), 1);
  EXPECT_EQ(Row(id).next_attempt_at, kNoon + 30 + 60);  // Doubled.
  EXPECT_EQ(dispatcher_->RunOnce(kNoon + 90), 1);
  row = Row(id);
  EXPECT_EQ(row.state, "failed");
  EXPECT_EQ(row.attempts, 3);
  EXPECT_EQ(Outcomes(id), (std::vector<std::string>{"queued", "retry", "retry", "failed"}));
  EXPECT_EQ(dispatcher_->RunOnce(kNoon + 100000), 0);
}

TEST_F(SmsOutboxTest, ARejectedMessageFailsAtOnceWithTheProvidersReason) {
  domain::Id id = Queue("signoff_code", kNoon);
  gateway_->script = {{DeliveryOutcome::kRejected, "", "模板未审核 TemplateIncorrectOrUnapproved"}};
  dispatcher_->RunOnce(kNoon);
  OutboxMessage row = Row(id);
  EXPECT_EQ(row.state, "failed");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.last_error, "模板未审核 TemplateIncorrectOrUnapproved");
}

TEST_F(SmsOutboxTest, ARetryOfANoticeNeverFallsInTheQuietHours) {
  const domain::Epoch late = kNoon + 9 * 3600 + 59 * 60 + 50;  // 21:59:50 China time.
  domain::Id id = Queue("matter_replied", late);
  gateway_->script = {{DeliveryOutcome::kRetry, "", "timeout"}};
  dispatcher_->RunOnce(late);
  EXPECT_EQ(Row(id).next_attempt_at, kNoon + 20 * 3600);  // 08:00 the next morning.
}

TEST_F(SmsOutboxTest, WithoutAGatewayNothingIsSentAndTheStatusSaysSoOnceMessagesWait) {
  SmsDispatcher idle(*services_->store, nullptr);
  SmsOutboxService service(*services_->store, idle);
  domain::Id id = Queue("signoff_code", kNoon);
  EXPECT_EQ(idle.RunOnce(kNoon), 0);
  EXPECT_EQ(Row(id).state, "queued");
  SmsStatus status = service.StatusForOperator(kNoon + 60);
  EXPECT_FALSE(status.configured);
  EXPECT_FALSE(status.alert);
  status = service.StatusForOperator(kNoon + 601);
  EXPECT_TRUE(status.alert);
  EXPECT_NE(status.alert_message.find("未配置短信通道"), std::string::npos);
  EXPECT_EQ(status.counts["queued"], 1);
}

TEST_F(SmsOutboxTest, AProviderThatKeepsFailingRaisesTheAlertAndASendClearsIt) {
  SmsOutboxService service(*services_->store, *dispatcher_);
  for (int i = 0; i < 5; ++i) {
    Queue("signoff_code", kNoon, "1380000001" + std::to_string(i));
    gateway_->script.push_back({DeliveryOutcome::kRetry, "", "connect: refused"});
  }
  gateway_->missing = {"visit_code"};
  dispatcher_->RunOnce(kNoon);
  SmsStatus status = service.StatusForOperator(kNoon);
  EXPECT_TRUE(status.alert);
  EXPECT_EQ(status.failures, 5);
  EXPECT_EQ(status.last_error, "connect: refused");
  EXPECT_NE(status.alert_message.find("连续发送失败5次"), std::string::npos);
  ASSERT_EQ(status.missing_templates.size(), 1u);
  EXPECT_EQ(status.missing_templates[0].kind, "visit_code");
  EXPECT_EQ(status.missing_templates[0].label, "走访确认码");
  dispatcher_->RunOnce(kNoon + 30);  // The script is used up: every retry is sent.
  EXPECT_FALSE(service.StatusForOperator(kNoon + 30).alert);
}

TEST_F(SmsOutboxTest, OnlyAnAdministratorSeesTheOutboxAndRequeuesAFailedMessage) {
  SmsOutboxService service(*services_->store, *dispatcher_);
  domain::Id id = Queue("signoff_code", kNoon);
  EXPECT_THROW(service.Retry(admin_, id), domain::InvalidInput);  // Not failed.
  gateway_->script = {{DeliveryOutcome::kRejected, "", "bad number"}};
  dispatcher_->RunOnce(kNoon);
  EXPECT_THROW(service.List(assistant_, {}, {}), domain::Forbidden);
  EXPECT_THROW(service.Get(assistant_, id), domain::Forbidden);
  EXPECT_THROW(service.Retry(assistant_, id), domain::Forbidden);
  EXPECT_EQ(Row(id).state, "failed");
  Actor admin = admin_;
  admin.now = kNoon + 100;
  OutboxMessage again = service.Retry(admin, id);
  EXPECT_EQ(again.state, "queued");
  EXPECT_EQ(again.attempts, 0);
  dispatcher_->RunOnce(kNoon + 100);
  EXPECT_EQ(Row(id).state, "sent");
  auto detail = service.Get(admin, id);
  std::vector<std::string> outcomes;
  for (const auto& e : detail.history) outcomes.push_back(e.outcome);
  EXPECT_EQ(outcomes, (std::vector<std::string>{"queued", "rejected", "requeued", "sent"}));
  EXPECT_THROW(service.Get(admin, 424242), domain::NotFound);
}

TEST_F(SmsOutboxTest, AnAdministratorNeverSeesAVerificationCodeInTheOutbox) {
  SmsOutboxService service(*services_->store, *dispatcher_);
  {
    auto tx = services_->store->Begin();
    OutboxSmsSender().Send(*tx,
                           {"13800000001",
                            "signoff_code",
                            {{"number", "M-1"}, {"code", "493817"}, {"link", "https://x/p/M-1"}},
                            "【民情】您的诉求M-1确认验证码为493817，30分钟内有效。",
                            7},
                           kNoon);
    OutboxSmsSender().Send(*tx,
                           {"13800000002",
                            "matter_replied",
                            {{"number", "M-2"}, {"link", "https://x/p/M-2"}},
                            "【民情】您反映的诉求M-2已办理答复",
                            std::nullopt},
                           kNoon);
    tx->Commit();
  }
  std::string everything;
  for (const auto& m : service.List(admin_, {}, {0, 10, ""}).items) {
    everything += m.text + m.params;
    everything += service.Get(admin_, m.id).message.text;
  }
  EXPECT_EQ(everything.find("493817"), std::string::npos) << everything;
  EXPECT_NE(everything.find("确认验证码为******"), std::string::npos) << everything;
  EXPECT_NE(everything.find("已办理答复"), std::string::npos);  // Other texts stay readable.
  // The provider still receives the real code.
  dispatcher_->RunOnce(kNoon);
  bool handed_code = false;
  for (const auto& out : gateway_->handed) {
    handed_code = handed_code || out.text.find("493817") != std::string::npos;
  }
  EXPECT_TRUE(handed_code);
}

TEST_F(SmsOutboxTest, ADeliveryReceiptMarksTheMessageDelivered) {
  domain::Id id = Queue("signoff_code", kNoon);
  dispatcher_->RunOnce(kNoon);
  EXPECT_TRUE(dispatcher_->RecordReceipt(id, true, "", kNoon + 5));
  EXPECT_EQ(Row(id).state, "delivered");
  EXPECT_EQ(Row(id).delivered_at, kNoon + 5);
  EXPECT_FALSE(dispatcher_->RecordReceipt(987654321, true, "", kNoon + 5));
}

TEST(SmsParams, TheFlatObjectTheOutboxWritesIsReadBackInOrder) {
  EXPECT_EQ(ParseSmsParams(R"({"b":"2","a":"x\"y\\z\n"})"),
            (std::vector<std::pair<std::string, std::string>>{{"b", "2"}, {"a", "x\"y\\z\n"}}));
  EXPECT_TRUE(ParseSmsParams("{}").empty());
  EXPECT_TRUE(ParseSmsParams("not json").empty());
  EXPECT_TRUE(ParseSmsParams(R"({"a":1})").empty());
}

TEST(SmsBackoff, DoublesUpToTheCap) {
  SmsDispatchOptions options;
  options.first_backoff_seconds = 30;
  options.max_backoff_seconds = 100;
  EXPECT_EQ(SmsBackoffSeconds(options, 1), 30);
  EXPECT_EQ(SmsBackoffSeconds(options, 2), 60);
  EXPECT_EQ(SmsBackoffSeconds(options, 3), 100);
  EXPECT_EQ(SmsBackoffSeconds(options, 50), 100);
}

}  // namespace
}  // namespace minqing::app
