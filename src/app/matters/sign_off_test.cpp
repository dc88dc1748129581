#include "app/matters/sign_off.hpp"

#include <gtest/gtest.h>

#include "app/matters/test_fixture.hpp"

namespace minqing::app {
namespace {

TEST_F(MattersTest, SignOffCodeWrongExpiredAttemptsAndSuccess) {
  domain::Epoch t = At("2026-09-01", 9);
  auto m = Replied(t);
  EXPECT_EQ(m.status, MatterStatus::kReplied);
  EXPECT_EQ(sign_off().SendSignOffCode(WithNow(clerk_, t + 7200), m.id), "138****5678");
  std::string code = LastCode();
  SignOffInput input{"000000", true, 5, ""};
  if (code == "000000") input.code = "111111";
  try {
    sign_off().ConfirmWithCode(WithNow(clerk_, t + 7300), m.id, input);
    FAIL();
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "sign_off.bad_code");
  }
  // Expired after 30 minutes.
  input.code = code;
  try {
    sign_off().ConfirmWithCode(WithNow(clerk_, t + 7200 + 31 * 60), m.id, input);
    FAIL();
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "sign_off.expired");
  }
  // Five wrong attempts lock the code, even the right one.
  sign_off().SendSignOffCode(WithNow(clerk_, t + 8000), m.id);
  code = LastCode();
  SignOffInput wrong{code == "123456" ? "654321" : "123456", true, 5, ""};
  for (int i = 0; i < 4; ++i) {
    EXPECT_THROW(sign_off().ConfirmWithCode(WithNow(clerk_, t + 8001), m.id, wrong),
                 domain::InvalidInput);
  }
  EXPECT_THROW(sign_off().ConfirmWithCode(WithNow(clerk_, t + 8001), m.id, wrong),
               domain::RateLimited);
  input.code = code;
  EXPECT_THROW(sign_off().ConfirmWithCode(WithNow(clerk_, t + 8002), m.id, input),
               domain::RateLimited);
  // A new code works.
  sign_off().SendSignOffCode(WithNow(clerk_, t + 9000), m.id);
  input.code = LastCode();
  input.rating = 0;
  EXPECT_THROW(sign_off().ConfirmWithCode(WithNow(clerk_, t + 9001), m.id, input),
               domain::InvalidInput);
  input.rating = 4;
  m = sign_off().ConfirmWithCode(WithNow(clerk_, t + 9001), m.id, input);
  EXPECT_EQ(m.status, MatterStatus::kClosed);
  EXPECT_EQ(m.confirmed_via, "sms_code");
  auto c = UnitCounters(unit1_.id, t + 9002);
  EXPECT_EQ(c.received, 1);
  EXPECT_EQ(c.responded, 1);
  EXPECT_EQ(c.replied, 1);
  EXPECT_EQ(c.rated, 1);
  EXPECT_EQ(c.solved, 1);
  EXPECT_EQ(c.satisfied, 1);
}

TEST_F(MattersTest, PublicPageHidesInternalNotesAndCallbackRules) {
  domain::Epoch t = At("2026-09-01", 9);
  auto accepted = AcceptParking(t);
  Id id = accepted.matter.id;
  handling().Dispatch(WithNow(clerk_, t + 60), id, std::nullopt, std::nullopt, "");
  handling().UnitAccept(WithNow(handler1_, t + 120), id);
  handling().AddStep(WithNow(handler1_, t + 180), id, "内部：当事人情绪激动", true, {});
  handling().AddStep(WithNow(handler1_, t + 240), id, "已到现场查看", false, {});
  handling().Reply(WithNow(handler1_, t + 300), id, "已划定临时停车区");
  auto view = sign_off().GetPublic(accepted.receipt.number, accepted.receipt.token, t + 400);
  EXPECT_TRUE(view.can_confirm);
  for (const auto& e : view.timeline) EXPECT_EQ(e.text.find("内部"), std::string::npos);
  EXPECT_THROW(sign_off().GetPublic(accepted.receipt.number, "wrong", t), domain::NotFound);
  // Full-text search finds the 2-character query.
  MatterQuery q;
  q.text = "停车";
  EXPECT_EQ(queries().ListMatters(admin_, q, {0, 20, ""}).total, 1);

  // The handler may not make the callback; another staff member may. Not solved reopens.
  SignOffInput not_solved{"", false, 2, "车位还是不够"};
  try {
    sign_off().RecordCallback(WithNow(handler1_, t + 500), id, not_solved);
    FAIL();
  } catch (const domain::Forbidden& e) {
    EXPECT_EQ(e.code(), "matter.callback_by_handler");
  }
  auto m = sign_off().RecordCallback(WithNow(leader_, t + 500), id, not_solved);
  EXPECT_EQ(m.status, MatterStatus::kInProgress);
  EXPECT_EQ(m.unit_id, unit1_.id);
  EXPECT_EQ(m.reopen_count, 1);
  auto c = UnitCounters(unit1_.id, t + 600);
  EXPECT_EQ(c.reopened, 1);
  EXPECT_EQ(c.rated, 1);
  EXPECT_EQ(c.solved, 0);
}

// The forgery of issue 11: the handler holds the receipt token (it was on the staff page) and
// confirms 已解决 + 5 stars on the public page. Without the resident's code it is refused, says
// which proof is needed, and counts nothing in the rates.
TEST_F(MattersTest, SignOffOnThePublicPageNeedsTheResidentsCode) {
  domain::Epoch t = At("2026-09-01", 9);
  auto m = Replied(t);
  const Receipt receipt = ReceiptOf(m);  // What the intake slip carries.
  ASSERT_FALSE(receipt.token.empty());
  // Staff pages carry no token.
  EXPECT_FALSE(queries().GetMatter(WithNow(handler1_, t + 3700), m.id).receipt);
  auto view = sign_off().GetPublic(receipt.number, receipt.token, t + 3700);
  EXPECT_EQ(view.sign_off_options, (std::vector<std::string>{"sms_code", "callback"}));
  EXPECT_EQ(view.phone_masked, "138****5678");
  SignOffInput forged{"", true, 5, "很满意"};
  try {
    sign_off().ConfirmOnPublicPage(receipt.number, receipt.token, forged, t + 3700);
    FAIL() << "the token alone signed the matter off";
  } catch (const domain::Forbidden& e) {
    EXPECT_EQ(e.code(), "sign_off.proof_required");
    EXPECT_NE(std::string(e.what()).find("138****5678"), std::string::npos) << e.what();
  }
  EXPECT_EQ(queries().GetMatter(admin_, m.id).matter.status, MatterStatus::kReplied);
  auto c = UnitCounters(unit1_.id, t + 3800);
  EXPECT_EQ(c.rated, 0);
  EXPECT_EQ(c.solved, 0);
  EXPECT_EQ(c.satisfied, 0);

  // The resident, with the code sent to the caller's phone.
  EXPECT_EQ(sign_off().SendPublicCode(receipt.number, receipt.token, t + 3800), "138****5678");
  SignOffInput signed_off{LastCode(), true, 5, ""};
  view = sign_off().ConfirmOnPublicPage(receipt.number, receipt.token, signed_off, t + 3900);
  EXPECT_EQ(view.matter.status, MatterStatus::kClosed);
  EXPECT_EQ(view.matter.confirmed_via, "sms_code");
  EXPECT_TRUE(view.sign_off_options.empty());
  EXPECT_NE(view.timeline.back().text.find("凭短信验证码"), std::string::npos);
  c = UnitCounters(unit1_.id, t + 4000);
  EXPECT_EQ(c.rated, 1);
  EXPECT_EQ(c.satisfied, 1);
}

TEST_F(MattersTest, StaffOfTheHandlingUnitMayNotTypeInTheCode) {
  domain::Epoch t = At("2026-09-01", 9);
  auto m = Replied(t);
  // A window account that is also listed as the unit's staff.
  auto listed = UserActor("unit1_clerk", "centre_staff", township_.id);
  services_->registry.AddStaff(admin_, unit1_.id, {"赵一", "科员", "", listed.user.id});
  sign_off().SendSignOffCode(WithNow(handler1_, t + 7200), m.id);
  SignOffInput input{LastCode(), true, 5, ""};
  for (const Actor& staff : {handler1_, listed}) {
    try {
      sign_off().ConfirmWithCode(WithNow(staff, t + 7300), m.id, input);
      FAIL() << staff.user.username;
    } catch (const domain::Forbidden& e) {
      EXPECT_EQ(e.code(), "sign_off.code_by_handler");
    }
  }
  m = sign_off().ConfirmWithCode(WithNow(clerk_, t + 7400), m.id, input);
  EXPECT_EQ(m.confirmed_via, "sms_code");
}

TEST_F(MattersTest, TheHouseholdsOwnAccountSignsOffOthersDoNot) {
  domain::Epoch t = At("2026-09-01", 9);
  auto m = Replied(t);
  EXPECT_EQ(queries().GetMatter(admin_, m.id).sign_off_options,
            (std::vector<std::string>{"sms_code", "callback"}));
  auto head_a = services_->registry.GetHousehold(admin_, household_a_.id).members[0];
  auto head_b = services_->registry.GetHousehold(admin_, household_b_.id).members[0];
  auto resident_a = UserActor("resident_a", "resident", std::nullopt, head_a.id);
  auto resident_b = UserActor("resident_b", "resident", std::nullopt, head_b.id);
  auto detail = queries().GetMatter(WithNow(resident_a, t + 7200), m.id);
  EXPECT_EQ(detail.sign_off_options,
            (std::vector<std::string>{"sms_code", "resident_account", "callback"}));
  ASSERT_TRUE(detail.receipt);
  EXPECT_FALSE(detail.receipt->token.empty());
  SignOffInput input{"", true, 4, ""};
  for (const Actor& other : {resident_b, handler1_, clerk_}) {
    try {
      sign_off().ConfirmWithAccount(WithNow(other, t + 7200), m.id, input);
      FAIL() << other.user.username;
    } catch (const domain::Forbidden& e) {
      EXPECT_EQ(e.code(), "sign_off.not_your_household");
    }
  }
  m = sign_off().ConfirmWithAccount(WithNow(resident_a, t + 7300), m.id, input);
  EXPECT_EQ(m.status, MatterStatus::kClosed);
  EXPECT_EQ(m.confirmed_via, "resident_account");
  EXPECT_EQ(UnitCounters(unit1_.id, t + 7400).rated, 1);
}

TEST_F(MattersTest, CallbackIsRefusedToFormerHandlersAndPartyMembers) {
  domain::Epoch t = At("2026-09-01", 9);
  auto accepted = AcceptParking(t);
  Id id = accepted.matter.id;
  handling().Dispatch(WithNow(clerk_, t + 60), id, std::nullopt, std::nullopt, "");
  handling().UnitAccept(WithNow(handler1_, t + 120), id);
  handling().Transfer(WithNow(handler1_, t + 180), id, unit2_.id, "属于经济发展服务中心职责",
                      "需要其他单位主办");
  handling().UnitAccept(WithNow(handler2_, t + 240), id);
  handling().Reply(WithNow(handler2_, t + 300), id, "已处理");
  auto head = services_->registry.GetHousehold(admin_, household_a_.id).members[0];
  auto member = UserActor("member_a", "party_member", village_a_.id, head.id);
  SignOffInput solved{"", true, 5, ""};
  for (const Actor& handler : {handler2_, handler1_}) {
    try {
      sign_off().RecordCallback(WithNow(handler, t + 400), id, solved);
      FAIL() << handler.user.username;
    } catch (const domain::Forbidden& e) {
      EXPECT_EQ(e.code(), "matter.callback_by_handler");
    }
  }
  try {
    sign_off().RecordCallback(WithNow(member, t + 400), id, solved);
    FAIL() << "a party member recorded a callback";
  } catch (const domain::Forbidden& e) {
    EXPECT_EQ(e.code(), "matter.callback_forbidden_role");
  }
  EXPECT_EQ(UnitCounters(unit2_.id, t + 500).rated, 0);
  // The preview tells each of them what they may do.
  auto preview = sign_off().GetPublicPreview(WithNow(handler1_, t + 400), id);
  EXPECT_TRUE(preview.matter.public_token.empty());
  ASSERT_TRUE(preview.rights);
  EXPECT_FALSE(preview.rights->callback);
  EXPECT_FALSE(preview.rights->enter_code);
  preview = sign_off().GetPublicPreview(WithNow(member, t + 400), id);
  EXPECT_FALSE(preview.rights->callback);
  EXPECT_TRUE(preview.rights->enter_code);
  preview = sign_off().GetPublicPreview(WithNow(leader_, t + 400), id);
  EXPECT_TRUE(preview.rights->callback);
  auto m = sign_off().RecordCallback(WithNow(leader_, t + 500), id, solved);
  EXPECT_EQ(m.confirmed_via, "callback");
  EXPECT_EQ(UnitCounters(unit2_.id, t + 600).rated, 1);
}

TEST_F(MattersTest, WithoutPhoneOrAccountOnlyACallbackSignsOff) {
  domain::Epoch t = At("2026-09-01", 9);
  MatterInput input;
  input.type = "complaint";
  input.category_id = category_.id;
  input.region_id = village_a_.id;
  input.content = "村口路灯坏了";
  auto accepted = intake().Accept(WithNow(clerk_, t), input);
  Id id = accepted.matter.id;
  ASSERT_TRUE(accepted.matter.caller_phone.empty());
  handling().Dispatch(WithNow(clerk_, t + 60), id, std::nullopt, std::nullopt, "");
  handling().UnitAccept(WithNow(handler1_, t + 120), id);
  handling().Reply(WithNow(handler1_, t + 300), id, "已修好");
  const auto& receipt = accepted.receipt;
  EXPECT_EQ(sign_off().GetPublic(receipt.number, receipt.token, t + 400).sign_off_options,
            (std::vector<std::string>{"callback"}));
  try {
    sign_off().ConfirmOnPublicPage(receipt.number, receipt.token, {"", true, 5, ""}, t + 400);
    FAIL();
  } catch (const domain::Forbidden& e) {
    EXPECT_EQ(e.code(), "sign_off.proof_required");
    EXPECT_NE(std::string(e.what()).find("回访"), std::string::npos) << e.what();
  }
  EXPECT_THROW(sign_off().SendPublicCode(receipt.number, receipt.token, t + 400),
               domain::InvalidInput);
  EXPECT_EQ(
      sign_off().RecordCallback(WithNow(clerk_, t + 500), id, {"", true, 5, ""}).confirmed_via,
      "callback");
}

}  // namespace
}  // namespace minqing::app
