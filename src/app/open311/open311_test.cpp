// Open311 API keys: only administrators create, list and revoke them; a key acts as its owner on
// the api channel and counts its uses; an unknown or revoked key does not act.
#include "app/open311/open311.hpp"

#include <gtest/gtest.h>

#include "app/test_fixture.hpp"

namespace minqing::app {
namespace {

class Open311KeysTest : public testing::RegistryFixture {};

TEST_F(Open311KeysTest, OnlyAdministratorsManageKeys) {
  Actor admin = UserActor("admin1", "admin", std::nullopt);
  auto created = services_->open311.CreateKey(admin, "随手拍");
  EXPECT_EQ(created.secret.rfind("o311_", 0), 0u);
  EXPECT_EQ(created.secret.rfind(created.key.prefix, 0), 0u);
  for (const char* role : {"leader", "centre_staff", "village_assistant"}) {
    Actor other = UserActor(std::string("u_") + role, role, village_a_.id);
    EXPECT_THROW(services_->open311.CreateKey(other, "x"), domain::Forbidden) << role;
    EXPECT_THROW(services_->open311.ListKeys(other), domain::Forbidden) << role;
    EXPECT_THROW(services_->open311.RevokeKey(other, created.key.id), domain::Forbidden) << role;
  }
  auto keys = services_->open311.ListKeys(admin);
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].name, "随手拍");
  EXPECT_FALSE(keys[0].revoked_at);
}

TEST_F(Open311KeysTest, RevokedKeysAndDeactivatedOwnersNoLongerAct) {
  Actor admin = UserActor("admin1", "admin", std::nullopt);
  auto created = services_->open311.CreateKey(admin, "随手拍");
  auto used = services_->open311.UseKey(created.secret, kNow + 10);
  ASSERT_TRUE(used);
  EXPECT_EQ(used->second.user.id, admin.user.id);
  EXPECT_EQ(used->second.channel, domain::Channel::kApi);
  EXPECT_FALSE(services_->open311.UseKey(created.secret + "0", kNow));
  EXPECT_FALSE(services_->open311.UseKey("o311_" + std::string(40, '0'), kNow));
  auto keys = services_->open311.ListKeys(admin);
  EXPECT_EQ(keys[0].request_count, 1);
  EXPECT_EQ(keys[0].last_used_at, kNow + 10);

  services_->open311.RevokeKey(admin, created.key.id);
  EXPECT_FALSE(services_->open311.UseKey(created.secret, kNow + 20));
  EXPECT_THROW(services_->open311.RevokeKey(admin, created.key.id), domain::Conflict);
  EXPECT_THROW(services_->open311.RevokeKey(admin, 12345), domain::NotFound);
}

}  // namespace
}  // namespace minqing::app
