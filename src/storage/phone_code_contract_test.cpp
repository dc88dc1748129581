// The storage of residents' self-service on every backend (SQLite, and PostgreSQL when
// MINQING_TEST_PG_URL names a server): one phone code per phone and purpose, replaced with its
// tries reset, tries counted up to a limit, a code used once and only while it is the stored one;
// and the residents found by their phone (housed ones only, the head first).
#include <gtest/gtest.h>

#include "domain/model.hpp"
#include "storage/sql_store.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using testing::MakeRegion;

class PhoneCodeContractTest : public testing::BackendTest {
 protected:
  static app::PhoneCode Code(const std::string& purpose, const std::string& hash,
                             domain::Epoch created) {
    app::PhoneCode c;
    c.phone = "13900000001";
    c.purpose = purpose;
    c.code_hash = hash;
    c.card_code = purpose == "report" ? "CARD2345" : "";
    c.created_at = created;
    c.expires_at = created + 600;
    return c;
  }

  static domain::Resident Resident(domain::Id id, std::optional<domain::Id> household,
                                   const char* name, const char* relation, const char* phone) {
    domain::Resident r;
    r.id = id;
    r.household_id = household;
    r.region_path = household ? "/1/" : "";
    r.name = name;
    r.relation = relation;
    r.phone = phone;
    r.created_at = 100;
    r.updated_at = 100;
    return r;
  }
};

TEST_P(PhoneCodeContractTest, OneCodePerPhoneAndPurposeWithItsTriesUsedOnce) {
  {
    auto tx = store_->Begin();
    auto& accounts = tx->Accounts();
    EXPECT_FALSE(accounts.FindPhoneCode("13900000001", "signup"));
    accounts.StorePhoneCode(Code("signup", "first", 1000), 1000);
    accounts.StorePhoneCode(Code("report", "report-hash", 1000), 1000);
    EXPECT_TRUE(accounts.CountPhoneCodeAttempt("13900000001", "signup", 2));
    EXPECT_TRUE(accounts.CountPhoneCodeAttempt("13900000001", "signup", 2));
    EXPECT_FALSE(accounts.CountPhoneCodeAttempt("13900000001", "signup", 2));
    EXPECT_FALSE(accounts.CountPhoneCodeAttempt("13900000009", "signup", 2));
    auto stored = accounts.FindPhoneCode("13900000001", "signup");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->code_hash, "first");
    EXPECT_EQ(stored->attempts, 2);
    EXPECT_EQ(stored->expires_at, 1600);
    EXPECT_EQ(accounts.FindPhoneCode("13900000001", "report")->card_code, "CARD2345");
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    auto& accounts = tx->Accounts();
    // A new code replaces the old one and its tries.
    accounts.StorePhoneCode(Code("signup", "second", 1100), 1100);
    auto stored = accounts.FindPhoneCode("13900000001", "signup");
    EXPECT_EQ(stored->code_hash, "second");
    EXPECT_EQ(stored->attempts, 0);
    EXPECT_FALSE(accounts.UsePhoneCode("13900000001", "signup", "first"));
    EXPECT_FALSE(accounts.UsePhoneCode("13900000001", "login", "second"));
    EXPECT_TRUE(accounts.UsePhoneCode("13900000001", "signup", "second"));
    EXPECT_FALSE(accounts.UsePhoneCode("13900000001", "signup", "second"));
    EXPECT_FALSE(accounts.FindPhoneCode("13900000001", "signup"));
    // The report code, untouched so far, expired at 1600: the next stored code drops it.
    EXPECT_TRUE(accounts.FindPhoneCode("13900000001", "report"));
    accounts.StorePhoneCode(Code("login", "login-hash", 1700), 1700);
    EXPECT_FALSE(accounts.FindPhoneCode("13900000001", "report"));
    EXPECT_TRUE(accounts.FindPhoneCode("13900000001", "login"));
    tx->Commit();
  }
}

TEST_P(PhoneCodeContractTest, ResidentsByPhoneAreHousedOnesHeadFirst) {
  auto tx = store_->Begin();
  auto& registry = tx->Registry();
  registry.InsertRegion(MakeRegion(1, std::nullopt, domain::RegionLevel::kVillage, "东村", "/1/"));
  domain::Household household;
  household.id = 10;
  household.region_id = 1;
  household.region_path = "/1/";
  household.number = "H010";
  household.address = "东村1号";
  household.created_at = 100;
  household.updated_at = 100;
  registry.InsertHousehold(household);
  registry.InsertResident(Resident(101, 10, "王小明", "子", "13900000001"));
  registry.InsertResident(Resident(102, 10, "王景云", "户主", "13900000001"));
  registry.InsertResident(Resident(103, std::nullopt, "王老汉", "", "13900000001"));
  registry.InsertResident(Resident(104, 10, "李芳", "配偶", "13900000002"));
  auto found = registry.ListResidentsByPhone("13900000001");
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].id, 102);
  EXPECT_EQ(found[1].id, 101);
  EXPECT_TRUE(registry.ListResidentsByPhone("13900000003").empty());
  EXPECT_TRUE(registry.ListResidentsByPhone("").empty());
}

MINQING_INSTANTIATE_BACKENDS(PhoneCodeContractTest);

}  // namespace
}  // namespace minqing::storage
