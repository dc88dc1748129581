#include "app/sms_sender.hpp"

#include <gtest/gtest.h>

#include <map>

#include "app/test_fixture.hpp"
#include "domain/errors.hpp"

namespace minqing::app {
namespace {

using testing::RegistryFixture;

constexpr domain::Epoch kT = 1780000000;
// China time (UTC+8): 2026-05-29 12:00, 22:26, and 2026-05-30 05:26, 08:00.
constexpr domain::Epoch kNoon = 1780027200;
constexpr domain::Epoch kLate = 1780064760;
constexpr domain::Epoch kEarly = 1780090560;
constexpr domain::Epoch kEightNextDay = 1780099200;

SmsDraft Code(const std::string& phone, std::optional<domain::Id> matter) {
  return {phone, matter ? "signoff_code" : "visit_code", {{"code", "123456"}}, "code", matter};
}

// How many messages to `phone` the outbox holds.
std::int64_t OutboxTo(Store& store, const std::string& phone) {
  OutboxFilter filter;
  filter.phone = phone;
  return store.BeginRead()->Messaging().ListOutbox(filter, {}).total;
}

// Sends `draft` at `at` in a transaction of its own, committed when the limits admit it.
void SendCommitted(Store& store, SmsSender& sender, const SmsDraft& draft, domain::Epoch at) {
  auto tx = store.Begin();
  sender.Send(*tx, draft, at);
  tx->Commit();
}

TEST_F(RegistryFixture, CodesToOnePhoneAreLimitedWhateverMatterTheyAreAbout) {
  auto sender = services_->LimitedOutbox();
  Store& store = *services_->store;
  SendCommitted(store, *sender, Code("13800000001", domain::Id{1}), kT);
  // Another matter's code to the same phone within the minute: refused, nothing written.
  try {
    SendCommitted(store, *sender, Code("13800000001", domain::Id{2}), kT + 30);
    ADD_FAILURE() << "a second code to the phone within the minute was sent";
  } catch (const domain::RateLimited& e) {
    EXPECT_EQ(e.code(), "sms.rate_limited");
    EXPECT_EQ(e.retry_after_seconds(), 30);
  }
  // A visit's code (no matter) to that phone counts too.
  EXPECT_THROW(SendCommitted(store, *sender, Code("13800000001", std::nullopt), kT + 59),
               domain::RateLimited);
  EXPECT_EQ(OutboxTo(store, "13800000001"), 1);
  // The same matter's code to another phone within the minute: refused as well.
  EXPECT_THROW(SendCommitted(store, *sender, Code("13800000002", domain::Id{1}), kT + 30),
               domain::RateLimited);
  EXPECT_EQ(OutboxTo(store, "13800000002"), 0);
  // A minute later, another matter's code goes.
  SendCommitted(store, *sender, Code("13800000001", domain::Id{2}), kT + 60);
  EXPECT_EQ(OutboxTo(store, "13800000001"), 2);
}

TEST_F(RegistryFixture, CodesToOnePhoneAreLimitedPerHourAndPerDay) {
  auto sender = services_->LimitedOutbox();
  Store& store = *services_->store;
  const std::string phone = "13800000001";
  // Six codes an hour, a minute apart, each about another matter.
  for (int i = 0; i < 6; ++i) {
    SendCommitted(store, *sender, Code(phone, domain::Id{100 + i}), kT + 60 * i);
  }
  try {
    SendCommitted(store, *sender, Code(phone, domain::Id{200}), kT + 600);
    ADD_FAILURE() << "a seventh code within the hour was sent";
  } catch (const domain::RateLimited& e) {
    EXPECT_EQ(e.retry_after_seconds(), 3600 - 600);
  }
  EXPECT_EQ(OutboxTo(store, phone), 6);
  // An hour after the first, one more goes; twenty a day in all.
  for (int hour = 1; hour <= 3; ++hour) {
    for (int i = 0; i < 6 && OutboxTo(store, phone) < 20; ++i) {
      SendCommitted(store, *sender, Code(phone, std::nullopt), kT + hour * 3600 + 60 * i);
    }
  }
  EXPECT_EQ(OutboxTo(store, phone), 20);
  try {
    SendCommitted(store, *sender, Code(phone, std::nullopt), kT + 5 * 3600);
    ADD_FAILURE() << "a twenty-first code within the day was sent";
  } catch (const domain::RateLimited& e) {
    EXPECT_EQ(e.retry_after_seconds(), 24 * 3600 - 5 * 3600);
  }
  EXPECT_NO_THROW(SendCommitted(store, *sender, Code(phone, std::nullopt), kT + 24 * 3600 + 1));
}

TEST_F(RegistryFixture, OnlyVerificationCodesAreLimitedPerPhone) {
  auto sender = services_->LimitedOutbox();
  for (int i = 0; i < 10; ++i) {
    SendCommitted(*services_->store, *sender,
                  {"13800000009", "matter_dispatched", {}, "notice", domain::Id{7}}, kT + i);
  }
  EXPECT_EQ(OutboxTo(*services_->store, "13800000009"), 10);
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

TEST_F(RegistryFixture, AMessageToALandlineIsKeptFailedWithItsReasonAndNeverSent) {
  auto sender = services_->LimitedOutbox();
  SendCommitted(*services_->store, *sender,
                {"0318-5123456", "matter_replied", {}, "text", domain::Id{1}}, kNoon);
  SendCommitted(*services_->store, *sender,
                {"138 0000 0008", "matter_replied", {}, "text", domain::Id{2}}, kNoon);
  auto read = services_->store->BeginRead();
  OutboxFilter filter;
  filter.phone = "0318-5123456";
  auto landline = read->Messaging().ListOutbox(filter, {});
  ASSERT_EQ(landline.total, 1);
  EXPECT_EQ(landline.items[0].state, "failed");
  EXPECT_NE(landline.items[0].last_error.find("不是手机号码"), std::string::npos);
  auto history = read->Messaging().OutboxHistory(landline.items[0].id);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].outcome, "rejected");
  // Nothing is due for the sender but the mobile number's message.
  auto due = services_->store->Begin()->Messaging().ClaimDueOutbox(kNoon + 1, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].phone, "138 0000 0008");
}

TEST_F(RegistryFixture, ServicesShareTheLimitsOfOnePhone) {
  // The matters' sender and the self-service's count the same phone's codes.
  auto first = services_->LimitedOutbox();
  auto second = services_->LimitedOutbox();
  SendCommitted(*services_->store, *first, Code("13800000003", domain::Id{1}), kT);
  EXPECT_THROW(
      SendCommitted(*services_->store, *second,
                    {"13800000003", "login_code", {{"code", "1"}}, "c", std::nullopt}, kT + 1),
      domain::RateLimited);
}

}  // namespace
}  // namespace minqing::app
