#include "app/resident_self_service.hpp"

#include <gtest/gtest.h>

#include "app/sms_outbox.hpp"
#include "app/test_fixture.hpp"
#include "domain/errors.hpp"

namespace minqing::app {
namespace {

using testing::RegistryFixture;

constexpr const char* kAddress = "203.0.113.7";
constexpr const char* kCard = "SELF2345";

class ResidentSelfServiceTest : public RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    // A household of its own in village A: 张建国 (head, 13900000001) and 刘芳 (13900000002).
    HouseholdInput input;
    input.region_id = village_a_.id;
    input.address = "东关村9号";
    ResidentInput head;
    head.name = "张建国";
    head.id_card = domain::MakeIdCard("131124", "19750505", 31);
    head.phone = "13900000001";
    head.relation = "户主";
    ResidentInput wife;
    wife.name = "刘芳";
    wife.id_card = domain::MakeIdCard("131124", "19780808", 42);
    wife.phone = "13900000002";
    wife.relation = "配偶";
    household_ = services_->registry.CreateHousehold(admin_, input, {head, wife});
    auto members = services_->registry.GetHousehold(admin_, household_.id).members;
    for (const auto& m : members) {
      if (m.name == "张建国") head_id_ = m.id;
      if (m.name == "刘芳") wife_id_ = m.id;
    }
    auto tx = services_->store->Begin();
    tx->Network().UpsertCardCode(household_.id, kCard);
    tx->Commit();
  }

  ResidentSelfService& self() { return services_->self_service; }

  // The messages of `kind` written to `phone`, newest first.
  std::vector<OutboxMessage> Outbox(const std::string& phone, const std::string& kind) {
    auto tx = services_->store->BeginRead();
    OutboxFilter filter;
    filter.phone = phone;
    filter.kind = kind;
    return tx->Messaging().ListOutbox(filter, {0, 50, ""}).items;
  }

  // The code of the newest message of `kind` to `phone` (empty when none).
  std::string CodeSentTo(const std::string& phone, const std::string& kind) {
    auto messages = Outbox(phone, kind);
    if (messages.empty()) return {};
    for (const auto& [name, value] : ParseSmsParams(messages.front().params)) {
      if (name == "code") return value;
    }
    return {};
  }

  std::string RequestCode(const std::string& phone, const std::string& purpose,
                          domain::Epoch now = kNow, const std::string& card = "",
                          const std::string& address = kAddress) {
    self().RequestCode({phone, purpose, card}, address, now);
    return CodeSentTo(phone, purpose + "_code");
  }

  // A code other than `code`.
  static std::string Wrong(const std::string& code) {
    return code == "000000" ? "000001" : "000000";
  }

  std::int64_t MattersOfHousehold() {
    auto tx = services_->store->BeginRead();
    MatterFilter filter;
    filter.household_id = household_.id;
    return tx->Matters().ListMatters(filter, {0, 50, ""}).total;
  }

  template <typename Error>
  static std::string CodeOf(const std::function<void()>& call) {
    try {
      call();
    } catch (const Error& e) {
      return e.code();
    }
    return "(no error)";
  }

  domain::Household household_;
  domain::Id head_id_ = 0;
  domain::Id wife_id_ = 0;
};

TEST_F(ResidentSelfServiceTest, SignUpWithACodeCreatesAResidentAccountLinkedToTheResident) {
  PhoneCodeSent sent = self().RequestCode({"139 0000 0002", "signup", ""}, kAddress, kNow);
  EXPECT_EQ(sent.masked_phone, "139****0002");
  EXPECT_EQ(sent.expires_in, 600);
  auto messages = Outbox("13900000002", "signup_code");
  ASSERT_EQ(messages.size(), 1U);
  EXPECT_EQ(messages.front().state, "queued");
  const std::string code = CodeSentTo("13900000002", "signup_code");
  ASSERT_EQ(code.size(), 6U);
  EXPECT_NE(messages.front().text.find(code), std::string::npos);
  {
    // Only the hash is kept.
    auto tx = services_->store->BeginRead();
    auto stored = tx->Accounts().FindPhoneCode("13900000002", "signup");
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->code_hash.find(code), std::string::npos);
  }

  LoginResult signed_in = self().SignUp({"13900000002", code, ""}, kAddress, kNow + 30);
  EXPECT_EQ(signed_in.user.role, domain::Role::kResident);
  EXPECT_EQ(signed_in.user.username, "13900000002");
  EXPECT_EQ(signed_in.user.display_name, "刘芳");
  ASSERT_TRUE(signed_in.user.resident_id.has_value());
  EXPECT_EQ(*signed_in.user.resident_id, wife_id_);
  EXPECT_FALSE(signed_in.token.empty());
  EXPECT_FALSE(signed_in.csrf_token.empty());
  auto session = services_->auth.Authenticate(signed_in.token, kNow + 60);
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->user.id, signed_in.user.id);
  {
    auto tx = services_->store->BeginRead();
    auto user = tx->Accounts().FindUserByResident(wife_id_);
    ASSERT_TRUE(user.has_value());
    EXPECT_EQ(user->id, signed_in.user.id);
    EXPECT_FALSE(user->password_set);
    // The code is used up.
    EXPECT_FALSE(tx->Accounts().FindPhoneCode("13900000002", "signup").has_value());
  }
  // The same code again, and a new sign-up of the same phone: refused.
  EXPECT_EQ(CodeOf<domain::InvalidInput>([&] {
              self().SignUp({"13900000002", code, ""}, kAddress, kNow + 90);
            }),
            "code.bad");
  EXPECT_EQ(CodeOf<domain::Conflict>([&] {
              self().RequestCode({"13900000002", "signup", ""}, kAddress, kNow + 120);
            }),
            "account.exists");
  EXPECT_EQ(Outbox("13900000002", "signup_code").size(), 1U);

  // Then the resident logs in with a login code.
  const std::string login = RequestCode("13900000002", "login", kNow + 200);
  ASSERT_EQ(login.size(), 6U);
  LoginResult again = self().PhoneLogin("13900000002", login, kAddress, kNow + 210);
  EXPECT_EQ(again.user.id, signed_in.user.id);
  EXPECT_TRUE(services_->auth.Authenticate(again.token, kNow + 220).has_value());
}

TEST_F(ResidentSelfServiceTest, DisplayNamePicksTheResidentWhenSeveralShareThePhone) {
  // Households A and B of the fixture share their heads' phone 13812345678.
  const std::string code = RequestCode("13812345678", "signup");
  LoginResult signed_in = self().SignUp({"13812345678", code, "李秀英"}, kAddress, kNow + 10);
  EXPECT_EQ(signed_in.user.display_name, "李秀英");
}

TEST_F(ResidentSelfServiceTest, APhoneNotInTheRegistryIsRefusedCountedAndSentNothing) {
  for (const char* purpose : {"signup", "login"}) {
    EXPECT_EQ(CodeOf<domain::Forbidden>([&] {
                self().RequestCode({"13700000000", purpose, ""}, kAddress, kNow);
              }),
              "phone.not_resident")
        << purpose;
  }
  EXPECT_TRUE(Outbox("13700000000", "").empty());
  auto tx = services_->store->BeginRead();
  AuditFilter filter;
  filter.entity = "phone_code";
  auto entries = tx->ListAudit(filter, {0, 20, ""}).items;
  ASSERT_EQ(entries.size(), 2U);
  int signup = 0;
  int login = 0;
  for (const auto& e : entries) {
    if (e.action == "resident.signup_refused") ++signup;
    if (e.action == "resident.login_refused") ++login;
    EXPECT_NE(e.after_json.find("137****0000"), std::string::npos) << e.after_json;
    EXPECT_EQ(e.after_json.find("13700000000"), std::string::npos) << e.after_json;
    EXPECT_NE(e.after_json.find(kAddress), std::string::npos) << e.after_json;
  }
  EXPECT_EQ(signup, 1);
  EXPECT_EQ(login, 1);
  EXPECT_FALSE(tx->Accounts().FindPhoneCode("13700000000", "signup").has_value());
}

TEST_F(ResidentSelfServiceTest, InvalidPhonesAndPurposesAreRefusedBeforeAnything) {
  for (const char* phone : {"1390000000", "23900000001", "12900000001", "1390000000a", ""}) {
    EXPECT_EQ(CodeOf<domain::InvalidInput>([&] {
                self().RequestCode({phone, "signup", ""}, kAddress, kNow);
              }),
              "phone.invalid")
        << phone;
  }
  EXPECT_EQ(CodeOf<domain::InvalidInput>([&] {
              self().RequestCode({"13900000001", "reset", ""}, kAddress, kNow);
            }),
            "code.bad_purpose");
  auto tx = services_->store->BeginRead();
  EXPECT_TRUE(tx->Messaging().ListOutbox({}, {0, 10, ""}).items.empty());
}

TEST_F(ResidentSelfServiceTest, FiveWrongCodesLockTheCode) {
  const std::string code = RequestCode("13900000001", "signup");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(CodeOf<domain::InvalidInput>([&] {
                self().SignUp({"13900000001", Wrong(code), ""}, kAddress, kNow + i);
              }),
              "code.bad");
  }
  {
    auto tx = services_->store->BeginRead();
    EXPECT_EQ(tx->Accounts().FindPhoneCode("13900000001", "signup")->attempts, 5);
  }
  // The right code no longer works, and nothing was created.
  EXPECT_EQ(CodeOf<domain::InvalidInput>([&] {
              self().SignUp({"13900000001", code, ""}, kAddress, kNow + 10);
            }),
            "code.bad");
  auto tx = services_->store->BeginRead();
  EXPECT_FALSE(tx->Accounts().FindUserByResident(head_id_).has_value());
  EXPECT_FALSE(tx->Accounts().FindUserByUsername("13900000001").has_value());
}

TEST_F(ResidentSelfServiceTest, AnExpiredCodeFails) {
  const std::string code = RequestCode("13900000001", "signup");
  EXPECT_EQ(CodeOf<domain::InvalidInput>([&] {
              self().SignUp({"13900000001", code, ""}, kAddress, kNow + 601);
            }),
            "code.bad");
  auto tx = services_->store->BeginRead();
  EXPECT_FALSE(tx->Accounts().FindUserByResident(head_id_).has_value());
}

TEST_F(ResidentSelfServiceTest, ASignUpCodeCannotLogIn) {
  // A sign-up code is no login code (and the resident has no account yet anyway).
  const std::string code = RequestCode("13900000001", "signup");
  EXPECT_EQ(CodeOf<domain::InvalidInput>(
                [&] { self().PhoneLogin("13900000001", code, kAddress, kNow + 5); }),
            "code.bad");
  // Still good for what it was sent for.
  LoginResult signed_in = self().SignUp({"13900000001", code, ""}, kAddress, kNow + 10);
  EXPECT_EQ(*signed_in.user.resident_id, head_id_);
  // A login code does not sign up either.
  const std::string login = RequestCode("13900000001", "login", kNow + 100);
  EXPECT_EQ(CodeOf<domain::InvalidInput>([&] {
              self().SignUp({"13900000001", login, ""}, kAddress, kNow + 110);
            }),
            "code.bad");
}

TEST_F(ResidentSelfServiceTest, AStaffAccountCannotLogInByPhoneCode) {
  // A village assistant who lives in the household, with the head's phone on the account.
  UserInput input;
  input.username = "zhang_assistant";
  input.role = "village_assistant";
  input.password = "password-zhang-assistant";
  input.scope_region_id = village_a_.id;
  input.resident_id = head_id_;
  input.phone = "13900000001";
  services_->auth.CreateUser(admin_, input);

  EXPECT_EQ(CodeOf<domain::NotFound>([&] {
              self().RequestCode({"13900000001", "login", ""}, kAddress, kNow);
            }),
            "account.not_found");
  EXPECT_TRUE(Outbox("13900000001", "").empty());
  // Nor can the phone make a resident account beside the staff one.
  EXPECT_EQ(CodeOf<domain::Conflict>([&] {
              self().RequestCode({"13900000001", "signup", ""}, kAddress, kNow + 1);
            }),
            "account.exists");
  // Even with a login code in the store, the staff account is never signed in.
  {
    auto tx = services_->store->Begin();
    PhoneCode code;
    code.phone = "13900000001";
    code.purpose = "login";
    code.code_hash = Sha256Hex("login:13900000001:123456");
    code.created_at = kNow;
    code.expires_at = kNow + 600;
    tx->Accounts().StorePhoneCode(code, kNow);
    tx->Commit();
  }
  EXPECT_EQ(CodeOf<domain::NotFound>(
                [&] { self().PhoneLogin("13900000001", "123456", kAddress, kNow + 5); }),
            "account.not_found");
  auto tx = services_->store->BeginRead();
  // Refused without using the code up (nothing was written).
  EXPECT_TRUE(tx->Accounts().FindPhoneCode("13900000001", "login").has_value());
}

TEST_F(ResidentSelfServiceTest, AReportFromACardBecomesAMatterOfItsHouseholdWithTheVerifiedPhone) {
  CardReportForm form = self().ReportForm("self2345");
  EXPECT_EQ(form.household_label, "张**户");
  EXPECT_EQ(form.region_name, "东关村");
  EXPECT_FALSE(form.categories.empty());

  // Anyone's phone may report.
  const std::string code = RequestCode("13600000000", "report", kNow, "self2345");
  ASSERT_EQ(code.size(), 6U);
  EXPECT_EQ(Outbox("13600000000", "report_code").size(), 1U);

  // A wrong code writes nothing.
  CardReportInput input{"13600000000", Wrong(code), "村口路灯坏了，晚上很黑", std::nullopt};
  EXPECT_EQ(CodeOf<domain::InvalidInput>([&] { self().Report(kCard, input, kNow + 10); }),
            "code.bad");
  EXPECT_EQ(MattersOfHousehold(), 0);
  // Nor does a right code with the wrong card, or an empty content.
  input.code = code;
  EXPECT_EQ(CodeOf<domain::NotFound>([&] { self().Report("NOPE2345", input, kNow + 10); }),
            "card.not_found");
  CardReportInput empty = input;
  empty.content = "  ";
  EXPECT_EQ(CodeOf<domain::InvalidInput>([&] { self().Report(kCard, empty, kNow + 10); }),
            "validation.failed");
  EXPECT_EQ(MattersOfHousehold(), 0);

  CardReportResult result = self().Report(kCard, input, kNow + 20);
  EXPECT_FALSE(result.number.empty());
  EXPECT_EQ(result.link.rfind("/p/" + result.number + "?t=", 0), 0U) << result.link;
  {
    auto tx = services_->store->BeginRead();
    auto matter = tx->Matters().FindMatterByNumber(result.number);
    ASSERT_TRUE(matter.has_value());
    EXPECT_EQ(matter->household_id, household_.id);
    EXPECT_EQ(matter->caller_phone, "13600000000");
    EXPECT_EQ(matter->channel, domain::MatterChannel::kQrCode);
    EXPECT_EQ(matter->content, "村口路灯坏了，晚上很黑");
    EXPECT_FALSE(matter->resident_id.has_value());
    EXPECT_FALSE(tx->Accounts().FindPhoneCode("13600000000", "report").has_value());
  }
  EXPECT_EQ(MattersOfHousehold(), 1);
  // The code is used up.
  EXPECT_EQ(CodeOf<domain::InvalidInput>([&] { self().Report(kCard, input, kNow + 30); }),
            "code.bad");
  EXPECT_EQ(MattersOfHousehold(), 1);

  // A member's own phone makes the matter theirs.
  const std::string own = RequestCode("13900000002", "report", kNow + 100, kCard);
  CardReportResult mine =
      self().Report(kCard, {"13900000002", own, "申请低保", std::nullopt}, kNow + 110);
  auto tx = services_->store->BeginRead();
  auto matter = tx->Matters().FindMatterByNumber(mine.number);
  ASSERT_TRUE(matter.has_value());
  EXPECT_EQ(matter->resident_id, wife_id_);
  EXPECT_EQ(matter->caller_name, "刘芳");
}

TEST_F(ResidentSelfServiceTest, AReportCodeNeedsAValidCardAndWorksOnlyForThatCard) {
  EXPECT_EQ(CodeOf<domain::NotFound>([&] {
              self().RequestCode({"13600000000", "report", "NOPE2345"}, kAddress, kNow);
            }),
            "card.not_found");
  EXPECT_EQ(CodeOf<domain::NotFound>([&] {
              self().RequestCode({"13600000000", "report", ""}, kAddress, kNow);
            }),
            "card.not_found");
  EXPECT_TRUE(Outbox("13600000000", "").empty());
  EXPECT_EQ(CodeOf<domain::NotFound>([&] { self().ReportForm("NOPE2345"); }), "card.not_found");
}

TEST_F(ResidentSelfServiceTest, CodeRequestsAreLimitedPerClientAddress) {
  for (int i = 0; i < 10; ++i) {
    const std::string phone = "1360000000" + std::to_string(i);
    EXPECT_NO_THROW(self().RequestCode({phone, "report", kCard}, kAddress, kNow + i)) << i;
  }
  try {
    self().RequestCode({"13500000000", "report", kCard}, kAddress, kNow + 20);
    ADD_FAILURE() << "an eleventh code within the hour was sent";
  } catch (const domain::RateLimited& e) {
    EXPECT_EQ(e.code(), "sms.rate_limited");
    EXPECT_EQ(e.retry_after_seconds(), 3600 - 20);
  }
  EXPECT_TRUE(Outbox("13500000000", "").empty());
  // Another address is not held up, and the first one is free again an hour later.
  EXPECT_NO_THROW(self().RequestCode({"13500000000", "report", kCard}, "198.51.100.1", kNow + 21));
  EXPECT_NO_THROW(self().RequestCode({"13500000001", "report", kCard}, kAddress, kNow + 3601));
}

TEST_F(ResidentSelfServiceTest, ThePerPhoneSmsLimitRefusesBeforeTheCodeIsStored) {
  RequestCode("13900000001", "signup");
  // The shared limiter allows one code a minute per phone: the second request writes nothing.
  EXPECT_EQ(CodeOf<domain::RateLimited>([&] {
              self().RequestCode({"13900000001", "report", kCard}, kAddress, kNow + 10);
            }),
            "sms.rate_limited");
  EXPECT_TRUE(Outbox("13900000001", "report_code").empty());
  auto tx = services_->store->BeginRead();
  EXPECT_FALSE(tx->Accounts().FindPhoneCode("13900000001", "report").has_value());
}

}  // namespace
}  // namespace minqing::app
