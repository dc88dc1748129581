#include "app/auth_service.hpp"

#include <gtest/gtest.h>

#include "app/test_fixture.hpp"
#include "domain/errors.hpp"

namespace minqing::app {
namespace {

using testing::RegistryFixture;

TEST_F(RegistryFixture, LoginAuthenticatesAndLogoutRevokes) {
  auto login = services_->auth.Login("assistant_a", "password-assistant_a", "10.0.0.1", kNow);
  EXPECT_EQ(login.user.username, "assistant_a");
  EXPECT_TRUE(login.user.password_hash.empty());
  auto who = services_->auth.Authenticate(login.token, kNow + 60);
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(who->user.scope_region_path, village_a_.path);
  EXPECT_EQ(who->user.scope_region_name, "东关村");
  EXPECT_EQ(who->csrf_token, login.csrf_token);
  EXPECT_FALSE(services_->auth.Authenticate(login.token, login.expires_at).has_value());
  services_->auth.Logout(login.token);
  EXPECT_FALSE(services_->auth.Authenticate(login.token, kNow + 60).has_value());
  EXPECT_FALSE(services_->auth.Authenticate("not-a-token", kNow).has_value());
}

// The problem of `field` in an error's details, or "".
template <typename E>
std::string Detail(const E& error, const std::string& field) {
  for (const auto& problem : error.problems()) {
    if (problem.field == field) return problem.message;
  }
  return "";
}

TEST_F(RegistryFixture, WrongPasswordsSlowDownOnlyTheirUsernameAndAddress) {
  UserActor("assistant_b", "village_assistant", village_b_.id);
  for (int i = 0; i < 5; ++i) {
    try {
      services_->auth.Login("assistant_a", "wrong", "10.0.0.2", kNow);
      ADD_FAILURE() << "a wrong password was accepted";
    } catch (const domain::Unauthenticated& e) {
      EXPECT_EQ(Detail(e, "attempts_left"), std::to_string(4 - i));
    }
  }
  // The pair waits, even with the right password...
  try {
    services_->auth.Login("assistant_a", "password-assistant_a", "10.0.0.2", kNow + 1);
    ADD_FAILURE() << "the waiting pair logged in";
  } catch (const domain::RateLimited& e) {
    EXPECT_EQ(e.retry_after_seconds(), 59);
    EXPECT_EQ(Detail(e, "retry_after_seconds"), "59");
  }
  // ...but the same user from another address is never refused the right password, and nor is
  // another user behind the guesser's address (a service hall behind one NAT).
  EXPECT_NO_THROW(
      services_->auth.Login("assistant_a", "password-assistant_a", "10.0.0.3", kNow + 1));
  EXPECT_NO_THROW(
      services_->auth.Login("assistant_b", "password-assistant_b", "10.0.0.2", kNow + 1));
  // After the wait one more try; a further failure doubles the wait.
  EXPECT_THROW(services_->auth.Login("assistant_a", "wrong", "10.0.0.2", kNow + 60),
               domain::Unauthenticated);
  try {
    services_->auth.Login("assistant_a", "password-assistant_a", "10.0.0.2", kNow + 61);
    ADD_FAILURE() << "the waiting pair logged in";
  } catch (const domain::RateLimited& e) {
    EXPECT_EQ(e.retry_after_seconds(), 119);
  }
  // The right password after the wait clears the pair's count.
  EXPECT_NO_THROW(
      services_->auth.Login("assistant_a", "password-assistant_a", "10.0.0.2", kNow + 180));
  try {
    services_->auth.Login("assistant_a", "wrong", "10.0.0.2", kNow + 181);
  } catch (const domain::Unauthenticated& e) {
    EXPECT_EQ(Detail(e, "attempts_left"), "4");
  }
}

TEST_F(RegistryFixture, AnAddressFailingFarMoreThanAServiceHallIsCapped) {
  UserActor("assistant_b", "village_assistant", village_b_.id);
  AuthOptions options;
  options.address_failure_cap = 3;
  AuthService auth(*services_->store, options);
  EXPECT_THROW(auth.Login("assistant_a", "wrong", "10.0.0.9", kNow), domain::Unauthenticated);
  EXPECT_THROW(auth.Login("assistant_b", "wrong", "10.0.0.9", kNow), domain::Unauthenticated);
  EXPECT_THROW(auth.Login("nobody", "wrong", "10.0.0.9", kNow), domain::Unauthenticated);
  EXPECT_THROW(auth.Login("assistant_b", "password-assistant_b", "10.0.0.9", kNow + 1),
               domain::RateLimited);
  EXPECT_NO_THROW(auth.Login("assistant_b", "password-assistant_b", "10.0.0.8", kNow + 1));
  EXPECT_NO_THROW(auth.Login("assistant_b", "password-assistant_b", "10.0.0.9", kNow + 3601));
}

TEST_F(RegistryFixture, ChangingThePasswordEndsTheOtherSessions) {
  UserActor("assistant_b", "village_assistant", village_b_.id);
  auto here = services_->auth.Login("assistant_a", "password-assistant_a", "10.0.0.4", kNow);
  auto elsewhere = services_->auth.Login("assistant_a", "password-assistant_a", "10.0.0.5", kNow);
  auto other_user = services_->auth.Login("assistant_b", "password-assistant_b", "10.0.0.5", kNow);
  // Cached by these calls; the change must still be seen in the same second.
  ASSERT_TRUE(services_->auth.Authenticate(elsewhere.token, kNow + 1).has_value());
  ASSERT_TRUE(services_->auth.Authenticate(here.token, kNow + 1).has_value());
  services_->auth.ChangeOwnPassword(assistant_, "password-assistant_a", "new-pass-2026",
                                    here.token);
  EXPECT_FALSE(services_->auth.Authenticate(elsewhere.token, kNow + 1).has_value());
  EXPECT_TRUE(services_->auth.Authenticate(here.token, kNow + 1).has_value());
  EXPECT_TRUE(services_->auth.Authenticate(other_user.token, kNow + 1).has_value());
  EXPECT_NO_THROW(services_->auth.Login("assistant_a", "new-pass-2026", "10.0.0.5", kNow + 2));
}

TEST_F(RegistryFixture, WeakPasswordsAreRefusedEverywhere) {
  UserInput input;
  input.username = "newclerk";
  input.role = "leader";
  for (const char* weak : {"12345678", "abcdefgh", "Admin123", "newclerk"}) {
    input.password = weak;
    EXPECT_THROW(services_->auth.CreateUser(admin_, input), domain::InvalidInput) << weak;
  }
  try {
    services_->auth.ChangeOwnPassword(assistant_, "password-assistant_a", "88888888");
    ADD_FAILURE() << "a weak new password was accepted";
  } catch (const domain::InvalidInput& e) {
    ASSERT_FALSE(e.problems().empty());
    EXPECT_EQ(e.problems().front().field, "new_password");
    EXPECT_EQ(e.problems().front().code, "user.password_weak");
  }
  UserInput change;
  change.password = "password";
  EXPECT_THROW(services_->auth.UpdateUser(admin_, assistant_.user.id, change),
               domain::InvalidInput);
}

TEST_F(RegistryFixture, PasswordsAreArgon2id) {
  auto hash = AuthService::HashPassword("secret-password");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(AuthService::VerifyPassword(hash, "secret-password"));
  EXPECT_FALSE(AuthService::VerifyPassword(hash, "secret-passworD"));
}

TEST_F(RegistryFixture, OnlyAdminsManageUsersAndScopesAreRequired) {
  UserInput input;
  input.username = "newuser";
  input.role = "leader";
  input.password = "long-enough";
  EXPECT_THROW(services_->auth.CreateUser(assistant_, input), domain::Forbidden);
  input.role = "village_assistant";
  EXPECT_THROW(services_->auth.CreateUser(admin_, input), domain::InvalidInput);
  input.scope_region_id = village_b_.id;
  auto user = services_->auth.CreateUser(admin_, input);
  EXPECT_EQ(user.scope_region_path, village_b_.path);
  EXPECT_THROW(services_->auth.CreateUser(admin_, input), domain::Conflict);
  input.password = "short";
  input.username = "another";
  EXPECT_THROW(services_->auth.CreateUser(admin_, input), domain::InvalidInput);
}

TEST_F(RegistryFixture, DeactivatingAUserEndsTheirSessions) {
  auto login = services_->auth.Login("assistant_a", "password-assistant_a", "10.0.0.4", kNow);
  // Cached by this call; the change below must still be seen in the same second.
  ASSERT_TRUE(services_->auth.Authenticate(login.token, kNow + 1).has_value());
  UserInput change;
  change.active = false;
  services_->auth.UpdateUser(admin_, assistant_.user.id, change);
  EXPECT_FALSE(services_->auth.Authenticate(login.token, kNow + 1).has_value());
  EXPECT_THROW(services_->auth.Login("assistant_a", "password-assistant_a", "10.0.0.5", kNow),
               domain::Unauthenticated);
}

}  // namespace
}  // namespace minqing::app
