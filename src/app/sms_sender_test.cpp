#include "app/sms_sender.hpp"

#include <gtest/gtest.h>

#include "app/test_fixture.hpp"
#include "domain/errors.hpp"

namespace minqing::app {
namespace {

using testing::RegistryFixture;

// Counts what reaches the gateway.
class CountingSender final : public SmsSender {
 public:
  explicit CountingSender(int& sent) : sent_(sent) {}
  void Send(StoreTx&, const std::string&, const std::string&, std::optional<domain::Id>,
            domain::Epoch) override {
    ++sent_;
  }

 private:
  int& sent_;
};

constexpr domain::Epoch kT = 1780000000;

TEST_F(RegistryFixture, SmsSendsAreLimitedPerMatterAndPerPhoneBeforeSending) {
  int sent = 0;
  LimitedSmsSender sender(std::make_unique<CountingSender>(sent), std::make_shared<SmsLimiter>());
  auto tx = services_->store->Begin();
  sender.Send(*tx, "13800000001", "code", domain::Id{1}, kT);
  // The same matter again within a minute: refused, nothing sent.
  try {
    sender.Send(*tx, "13800000001", "code", domain::Id{1}, kT + 30);
    ADD_FAILURE() << "a second code within the minute was sent";
  } catch (const domain::RateLimited& e) {
    EXPECT_EQ(e.code(), "sms.rate_limited");
    EXPECT_EQ(e.retry_after_seconds(), 30);
  }
  EXPECT_EQ(sent, 1);
  // A visit's code (no matter) counts per phone: one a minute.
  sender.Send(*tx, "13800000002", "visit", std::nullopt, kT);
  EXPECT_THROW(sender.Send(*tx, "13800000002", "visit", std::nullopt, kT + 59),
               domain::RateLimited);
  EXPECT_EQ(sent, 2);
  // Six messages an hour per phone, whatever they are about.
  for (int i = 0; i < 5; ++i) {
    sender.Send(*tx, "13800000001", "code", domain::Id{100 + i}, kT + 60 + i);
  }
  EXPECT_EQ(sent, 7);
  EXPECT_THROW(sender.Send(*tx, "13800000001", "code", domain::Id{200}, kT + 120),
               domain::RateLimited);
  EXPECT_EQ(sent, 7);
  EXPECT_NO_THROW(sender.Send(*tx, "13800000001", "code", domain::Id{200}, kT + 3601));
  EXPECT_EQ(sent, 8);
}

TEST_F(RegistryFixture, ServicesShareOneSmsLimiter) {
  // The services' senders are limited: the matters and the network count the same phone.
  for (int i = 0; i < 6; ++i) services_->sms_limiter->Admit("13800000003", domain::Id{i}, kT);
  EXPECT_THROW(services_->sms_limiter->Admit("13800000003", domain::Id{99}, kT),
               domain::RateLimited);
}

}  // namespace
}  // namespace minqing::app
