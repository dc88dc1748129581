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

TEST_F(RegistryFixture, WrongPasswordsAreRateLimited) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_THROW(services_->auth.Login("assistant_a", "wrong", "10.0.0.2", kNow),
                 domain::Unauthenticated);
  }
  EXPECT_THROW(services_->auth.Login("assistant_a", "password-assistant_a", "10.0.0.3", kNow),
               domain::RateLimited);
  // The window passes.
  EXPECT_NO_THROW(
      services_->auth.Login("assistant_a", "password-assistant_a", "10.0.0.3", kNow + 301));
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
