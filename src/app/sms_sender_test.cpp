#include "app/sms_sender.hpp"

#include <gtest/gtest.h>

#include <map>

#include "app/test_fixture.hpp"
#include "domain/errors.hpp"

namespace minqing::app {
namespace {

using testing::RegistryFixture;

// Counts what reaches the gateway.
class CountingSender final : public SmsSender {
 public:
  explicit CountingSender(int& sent) : sent_(sent) {}
  void Send(StoreTx&, const SmsDraft&, domain::Epoch) override { ++sent_; }

 private:
  int& sent_;
};

constexpr domain::Epoch kT = 1780000000;
// China time (UTC+8): 2026-05-29 12:00, 22:26, and 2026-05-30 05:26, 08:00.
constexpr domain::Epoch kNoon = 1780027200;
constexpr domain::Epoch kLate = 1780064760;
constexpr domain::Epoch kEarly = 1780090560;
constexpr domain::Epoch kEightNextDay = 1780099200;

SmsDraft Code(const std::string& phone, std::optional<domain::Id> matter) {
  return {phone, matter ? "signoff_code" : "visit_code", {{"code", "123456"}}, "code", matter};
}

TEST_F(RegistryFixture, SmsSendsAreLimitedPerMatterAndPerPhoneBeforeSending) {
  int sent = 0;
  LimitedSmsSender sender(std::make_unique<CountingSender>(sent), std::make_shared<SmsLimiter>());
  auto tx = services_->store->Begin();
  sender.Send(*tx, Code("13800000001", domain::Id{1}), kT);
  // The same matter again within a minute: refused, nothing sent.
  try {
    sender.Send(*tx, Code("13800000001", domain::Id{1}), kT + 30);
    ADD_FAILURE() << "a second code within the minute was sent";
  } catch (const domain::RateLimited& e) {
    EXPECT_EQ(e.code(), "sms.rate_limited");
    EXPECT_EQ(e.retry_after_seconds(), 30);
  }
  EXPECT_EQ(sent, 1);
  // A visit's code (no matter) counts per phone: one a minute.
  sender.Send(*tx, Code("13800000002", std::nullopt), kT);
  EXPECT_THROW(sender.Send(*tx, Code("13800000002", std::nullopt), kT + 59), domain::RateLimited);
  EXPECT_EQ(sent, 2);
  // Six messages an hour per phone, whatever they are about.
  for (int i = 0; i < 5; ++i) {
    sender.Send(*tx, Code("13800000001", domain::Id{100 + i}), kT + 60 + i);
  }
  EXPECT_EQ(sent, 7);
  EXPECT_THROW(sender.Send(*tx, Code("13800000001", domain::Id{200}), kT + 120),
               domain::RateLimited);
  EXPECT_EQ(sent, 7);
  EXPECT_NO_THROW(sender.Send(*tx, Code("13800000001", domain::Id{200}), kT + 3601));
  EXPECT_EQ(sent, 8);
}

TEST_F(RegistryFixture, OnlyVerificationCodesAreLimitedPerPhone) {
  int sent = 0;
  LimitedSmsSender sender(std::make_unique<CountingSender>(sent), std::make_shared<SmsLimiter>());
  auto tx = services_->store->Begin();
  for (int i = 0; i < 10; ++i) {
    sender.Send(*tx, {"13800000009", "matter_dispatched", {}, "notice", domain::Id{7}}, kT + i);
  }
  EXPECT_EQ(sent, 10);
}

TEST(SmsQuietHours, MessagesOtherThanCodesWaitFor8InTheMorningChinaTime) {
  const domain::Epoch noon = kNoon;
  const domain::Epoch late = kLate;
  const domain::Epoch early = kEarly;
  const domain::Epoch eight_next_day = kEightNextDay;
  EXPECT_EQ(FirstSendTime("matter_replied", noon), noon);
  EXPECT_EQ(FirstSendTime("matter_replied", late), eight_next_day);
  EXPECT_EQ(FirstSendTime("matter_replied", early), eight_next_day);
  EXPECT_EQ(FirstSendTime("matter_replied", eight_next_day), eight_next_day);
  EXPECT_EQ(FirstSendTime("matter_replied", eight_next_day - 1), eight_next_day);
  // A code is needed now, whatever the hour.
  EXPECT_EQ(FirstSendTime("signoff_code", late), late);
  EXPECT_EQ(FirstSendTime("login_code", early), early);
}

TEST(SmsQuietHours, ACountyChoosesItsQuietHoursOrNone) {
  // kLate is 22:26 and kEarly 05:36 China time; kEightNextDay is 08:00 the next morning.
  const SmsQuietHours from_half_past_nine = ParseSmsQuietHours("21:30-07:00");
  EXPECT_EQ(from_half_past_nine.ToString(), "21:30-07:00");
  const domain::Epoch seven_next_day = kEightNextDay - 3600;
  EXPECT_EQ(FirstSendTime("matter_replied", kLate, from_half_past_nine), seven_next_day);
  EXPECT_EQ(FirstSendTime("matter_replied", kEarly, from_half_past_nine), seven_next_day);
  EXPECT_EQ(FirstSendTime("matter_replied", kLate - 3600, from_half_past_nine), kLate - 3600);
  // A span that does not wrap midnight: the lunch break, 12:00-14:00.
  const SmsQuietHours lunch = ParseSmsQuietHours("12:00-14:00");
  const domain::Epoch noon = kEightNextDay + 4 * 3600;
  EXPECT_EQ(FirstSendTime("matter_replied", noon + 60, lunch), noon + 2 * 3600);
  EXPECT_EQ(FirstSendTime("matter_replied", kLate, lunch), kLate);
  EXPECT_EQ(FirstSendTime("matter_replied", noon + 2 * 3600, lunch), noon + 2 * 3600);
  // Off: every message is due when written.
  const SmsQuietHours off = ParseSmsQuietHours("off");
  EXPECT_TRUE(off.Off());
  EXPECT_EQ(off.ToString(), "off");
  EXPECT_EQ(FirstSendTime("matter_replied", kLate, off), kLate);
  for (const char* bad : {"", "22-8", "24:00-08:00", "22:00-08:60", "22:00 08:00", "2a:00-08:00"}) {
    EXPECT_THROW(ParseSmsQuietHours(bad), domain::InvalidInput) << bad;
  }
}

TEST_F(RegistryFixture, TheServicesOutboxFollowsTheConfiguredQuietHours) {
  services_->sms_quiet_hours->Set(ParseSmsQuietHours("23:00-06:00"));
  auto sender = services_->LimitedOutbox();
  auto tx = services_->store->Begin();
  // 22:26 is outside 23:00-06:00: due at once; 05:36 is inside: due at 06:00.
  sender->Send(*tx, {"13800000006", "matter_replied", {}, "text", domain::Id{1}}, kLate);
  sender->Send(*tx, {"13800000007", "matter_replied", {}, "text", domain::Id{2}}, kEarly);
  tx->Commit();
  auto page = services_->store->BeginRead()->Messaging().ListOutbox({}, {});
  ASSERT_EQ(page.total, 2);
  std::map<std::string, domain::Epoch> due;
  for (const auto& m : page.items) due[m.phone] = m.next_attempt_at;
  EXPECT_EQ(due["13800000006"], kLate);
  EXPECT_EQ(due["13800000007"], kEightNextDay - 2 * 3600);
}

TEST_F(RegistryFixture, TheOutboxWritesAQueuedMessageWithItsHistoryInTheCallersTransaction) {
  OutboxSmsSender sender;
  const SmsDraft replied{"13800000005",
                         "matter_replied",
                         {{"number", "M1"}, {"link", "https://x/r"}},
                         "text",
                         std::nullopt};
  {
    auto tx = services_->store->Begin();
    sender.Send(*tx, replied, kLate);
    // Not committed: nothing is left.
  }
  EXPECT_EQ(services_->store->BeginRead()->Messaging().ListOutbox({}, {}).total, 0);
  auto tx = services_->store->Begin();
  sender.Send(*tx, replied, kLate);
  EXPECT_THROW(sender.Send(*tx, {"13800000005", "no_such_kind", {}, "text", std::nullopt}, kT),
               domain::InvalidInput);
  tx->Commit();
  auto read = services_->store->BeginRead();
  auto page = read->Messaging().ListOutbox({}, {});
  ASSERT_EQ(page.total, 1);
  const OutboxMessage& m = page.items.at(0);
  EXPECT_EQ(m.state, "queued");
  EXPECT_EQ(m.kind, "matter_replied");
  EXPECT_EQ(m.params, R"({"number":"M1","link":"https://x/r"})");
  EXPECT_EQ(m.next_attempt_at, FirstSendTime("matter_replied", kLate));
  EXPECT_GT(m.next_attempt_at, kLate);
  auto history = read->Messaging().OutboxHistory(m.id);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].outcome, "queued");
}

TEST_F(RegistryFixture, ServicesShareOneSmsLimiter) {
  // The services' senders are limited: the matters and the network count the same phone.
  for (int i = 0; i < 6; ++i) services_->sms_limiter->Admit("13800000003", domain::Id{i}, kT);
  EXPECT_THROW(services_->sms_limiter->Admit("13800000003", domain::Id{99}, kT),
               domain::RateLimited);
}

}  // namespace
}  // namespace minqing::app
