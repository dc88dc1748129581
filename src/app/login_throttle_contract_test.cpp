// The login throttle over every backend (SQLite, and PostgreSQL when MINQING_TEST_PG_URL names a
// server): its counts are rows, so a second AuthService over a second store on the same database
// (a second server process behind the balancer) counts the wrong passwords the first one saw,
// refuses the pair the first one made wait, and caps the same address; a right password on either
// clears the pair for both; the counts themselves (per pair, starting afresh once forgotten; per
// address and second) and their pruning are the storage's promises on both engines.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "app/auth_service.hpp"
#include "domain/errors.hpp"
#include "storage/test_backends.hpp"

namespace minqing::app {
namespace {

constexpr domain::Epoch kT = 1780000000;

class LoginThrottleContractTest : public storage::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    domain::User user;
    user.id = 7;
    user.username = "clerk";
    user.display_name = "窗口";
    user.role = domain::Role::kAdmin;
    user.password_hash = AuthService::HashPassword("clerk-password-1");
    user.password_set = true;
    user.active = true;
    user.created_at = kT;
    auto tx = store_->Begin();
    tx->Accounts().InsertUser(user);
    tx->Commit();
  }

  // The problem of `field` in an error's details, or "".
  template <typename E>
  static std::string Detail(const E& error, const std::string& field) {
    for (const auto& problem : error.problems()) {
      if (problem.field == field) return problem.message;
    }
    return "";
  }
};

TEST_P(LoginThrottleContractTest, PairCountsStartAfreshOnceForgottenAndAreDeletedOnSuccess) {
  auto tx = store_->Begin();
  auto& accounts = tx->Accounts();
  EXPECT_FALSE(accounts.FindLoginFailures("pair-a"));
  EXPECT_EQ(accounts.RecordLoginFailure("pair-a", "address-1", kT, kT - 100), 1);
  EXPECT_EQ(accounts.RecordLoginFailure("pair-a", "address-1", kT + 10, kT - 90), 2);
  EXPECT_EQ(accounts.RecordLoginFailure("pair-b", "address-1", kT + 10, kT - 90), 1);
  auto a = accounts.FindLoginFailures("pair-a");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->failures, 2);
  EXPECT_EQ(a->last_failed_at, kT + 10);
  // Its last failure at kT + 10 is at the forgetting bound: the pair starts afresh.
  EXPECT_EQ(accounts.RecordLoginFailure("pair-a", "address-1", kT + 200, kT + 10), 1);
  EXPECT_EQ(accounts.FindLoginFailures("pair-a")->last_failed_at, kT + 200);
  accounts.ForgetLoginFailures("pair-a");
  EXPECT_FALSE(accounts.FindLoginFailures("pair-a"));
  EXPECT_EQ(accounts.FindLoginFailures("pair-b")->failures, 1);
  tx->Commit();
}

TEST_P(LoginThrottleContractTest, AddressFailuresAreCountedPerSecondNewestFirst) {
  auto tx = store_->Begin();
  auto& accounts = tx->Accounts();
  accounts.RecordLoginFailure("p1", "address-1", kT, kT - 100);
  accounts.RecordLoginFailure("p2", "address-1", kT, kT - 100);
  accounts.RecordLoginFailure("p1", "address-1", kT + 1, kT - 100);
  accounts.RecordLoginFailure("p3", "address-1", kT + 5, kT - 100);
  accounts.RecordLoginFailure("p9", "address-2", kT + 6, kT - 100);
  EXPECT_EQ(accounts.NthNewestAddressFailure("address-1", kT - 1, 1), kT + 5);
  EXPECT_EQ(accounts.NthNewestAddressFailure("address-1", kT - 1, 2), kT + 1);
  EXPECT_EQ(accounts.NthNewestAddressFailure("address-1", kT - 1, 3), kT);
  EXPECT_EQ(accounts.NthNewestAddressFailure("address-1", kT - 1, 4), kT);
  EXPECT_FALSE(accounts.NthNewestAddressFailure("address-1", kT - 1, 5));
  // Only failures after `since` count.
  EXPECT_FALSE(accounts.NthNewestAddressFailure("address-1", kT, 3));
  EXPECT_EQ(accounts.NthNewestAddressFailure("address-1", kT, 2), kT + 1);
  EXPECT_EQ(accounts.NthNewestAddressFailure("address-2", kT - 1, 1), kT + 6);
  EXPECT_FALSE(accounts.NthNewestAddressFailure("address-3", kT - 1, 1));
  // Pruning: pairs last failing at or before kT + 1 (p1, p2), address seconds at or before kT.
  EXPECT_EQ(accounts.PruneLoginFailures(kT + 1, kT), 2 + 1);
  EXPECT_FALSE(accounts.FindLoginFailures("p1"));
  EXPECT_TRUE(accounts.FindLoginFailures("p3"));
  EXPECT_EQ(accounts.NthNewestAddressFailure("address-1", kT - 1, 2), kT + 1);
  EXPECT_FALSE(accounts.NthNewestAddressFailure("address-1", kT - 1, 3));
  tx->Commit();
}

TEST_P(LoginThrottleContractTest, FailuresBookedAtOnceAreAllCounted) {
  constexpr int kThreads = 6;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([this] {
      auto tx = store_->Begin();
      tx->Accounts().RecordLoginFailure("pair-a", "address-1", kT, kT - 100);
      tx->Commit();
    });
  }
  for (auto& thread : threads) thread.join();
  auto tx = store_->BeginRead();
  EXPECT_EQ(tx->Accounts().FindLoginFailures("pair-a")->failures, kThreads);
  EXPECT_EQ(tx->Accounts().NthNewestAddressFailure("address-1", kT - 1, kThreads), kT);
  EXPECT_FALSE(tx->Accounts().NthNewestAddressFailure("address-1", kT - 1, kThreads + 1));
}

TEST_P(LoginThrottleContractTest, ASecondServerProcessCountsAndRefusesTheSameGuesses) {
  AuthService first(*store_);
  storage::SqlStore second_store(storage::OpenDatabase(url_));
  AuthService second(second_store);
  // Wrong passwords sent alternately to the two processes: one count.
  for (int i = 0; i < 5; ++i) {
    AuthService& process = i % 2 == 0 ? first : second;
    try {
      process.Login("clerk", "wrong-password", "10.1.0.1", kT);
      ADD_FAILURE() << "a wrong password was accepted";
    } catch (const domain::Unauthenticated& e) {
      EXPECT_EQ(e.code(), "auth.invalid_credentials");
      EXPECT_EQ(Detail(e, "attempts_left"), std::to_string(4 - i));
    }
  }
  // The right password now waits on both.
  for (AuthService* process : {&first, &second}) {
    try {
      process->Login("clerk", "clerk-password-1", "10.1.0.1", kT + 1);
      ADD_FAILURE() << "the waiting pair logged in";
    } catch (const domain::RateLimited& e) {
      EXPECT_EQ(e.code(), "auth.rate_limited");
      EXPECT_EQ(e.retry_after_seconds(), 59);
    }
  }
  // Another address is not refused; after the wait the right password on one process clears the
  // pair for the other too.
  EXPECT_NO_THROW(second.Login("clerk", "clerk-password-1", "10.1.0.2", kT + 1));
  EXPECT_NO_THROW(second.Login("clerk", "clerk-password-1", "10.1.0.1", kT + 60));
  try {
    first.Login("clerk", "wrong-password", "10.1.0.1", kT + 61);
    ADD_FAILURE() << "a wrong password was accepted";
  } catch (const domain::Unauthenticated& e) {
    EXPECT_EQ(Detail(e, "attempts_left"), "4");
  }
}

TEST_P(LoginThrottleContractTest, TheAddressCapHoldsAcrossProcessesAndIsPruned) {
  AuthOptions options;
  options.address_failure_cap = 3;
  AuthService first(*store_, options);
  storage::SqlStore second_store(storage::OpenDatabase(url_));
  AuthService second(second_store, options);
  EXPECT_THROW(first.Login("clerk", "wrong-password", "10.2.0.9", kT), domain::Unauthenticated);
  EXPECT_THROW(second.Login("nobody", "wrong-password", "10.2.0.9", kT + 1),
               domain::Unauthenticated);
  EXPECT_THROW(first.Login("someone", "wrong-password", "10.2.0.9", kT + 2),
               domain::Unauthenticated);
  try {
    second.Login("clerk", "clerk-password-1", "10.2.0.9", kT + 3);
    ADD_FAILURE() << "the capped address logged in";
  } catch (const domain::RateLimited& e) {
    EXPECT_EQ(e.code(), "auth.rate_limited");
    EXPECT_EQ(e.retry_after_seconds(), 3597);
  }
  // An activation code is guessed from the same address: its count is the same.
  EXPECT_THROW(first.Activate("clerk", "WRONGCODE", "a-new-password-9", "10.2.0.9", kT + 3),
               domain::RateLimited);
  EXPECT_NO_THROW(second.Login("clerk", "clerk-password-1", "10.2.0.8", kT + 3));
  // Within the window nothing is pruned; once out of it, every row goes and the address may try.
  EXPECT_EQ(first.PruneThrottle(kT + 3), 0);
  EXPECT_NO_THROW(second.Login("clerk", "clerk-password-1", "10.2.0.9", kT + 3601));
  EXPECT_EQ(first.PruneThrottle(kT + 3600 + 24 * 3600), 2 + 3);
  EXPECT_EQ(second.PruneThrottle(kT + 3600 + 24 * 3600), 0);
}

MINQING_INSTANTIATE_BACKENDS(LoginThrottleContractTest);

}  // namespace
}  // namespace minqing::app
