// The account repository's activation contract on every backend (SQLite, and PostgreSQL when
// MINQING_TEST_PG_URL names a server): a new code replaces the old and clears its use, a code is
// used once and only while it is the stored one.
#include <gtest/gtest.h>

#include "domain/model.hpp"
#include "storage/sql_store.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

class AccountActivationTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store_->Begin();
    domain::User user;
    user.id = 700;
    user.username = "pending";
    user.role = domain::Role::kLeader;
    user.created_at = 1700000000;
    tx->Accounts().InsertUser(user);
    tx->Commit();
  }

  app::AccountActivation Row(const std::string& hash, domain::Epoch issued) {
    app::AccountActivation a;
    a.user_id = 700;
    a.code_hash = hash;
    a.issued_at = issued;
    a.expires_at = issued + 100;
    a.issued_by = 1;
    return a;
  }
};

TEST_P(AccountActivationTest, ANewCodeReplacesTheOldAndIsUsedOnce) {
  {
    auto tx = store_->Begin();
    EXPECT_FALSE(tx->Accounts().FindActivation(700));
    auto user = tx->Accounts().FindUser(700);
    ASSERT_TRUE(user);
    EXPECT_FALSE(user->password_set);
    tx->Accounts().StoreActivation(Row("first", 10));
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    EXPECT_TRUE(tx->Accounts().UseActivation(700, "first", 20));
    EXPECT_FALSE(tx->Accounts().UseActivation(700, "first", 21));
    auto used = tx->Accounts().FindActivation(700);
    ASSERT_TRUE(used);
    EXPECT_EQ(used->used_at, 20);
    // A new letter: its code replaces the used one, unused again.
    tx->Accounts().StoreActivation(Row("second", 30));
    auto fresh = tx->Accounts().FindActivation(700);
    EXPECT_EQ(fresh->code_hash, "second");
    EXPECT_EQ(fresh->expires_at, 130);
    EXPECT_EQ(fresh->issued_by, 1);
    EXPECT_FALSE(fresh->used_at);
    EXPECT_FALSE(tx->Accounts().UseActivation(700, "first", 31));
    EXPECT_TRUE(tx->Accounts().UseActivation(700, "second", 32));
    tx->Commit();
  }
}

MINQING_INSTANTIATE_BACKENDS(AccountActivationTest);

}  // namespace
}  // namespace minqing::storage
