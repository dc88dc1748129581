#include "app/matters/notify.hpp"

#include <set>

#include "app/matters/test_fixture.hpp"
#include "domain/errors.hpp"

namespace minqing::app {
namespace {

class MatterNotificationsTest : public MattersTest {
 protected:
  std::vector<Notification> Of(const Actor& actor) {
    return services_->notifications.List(actor, false, {0, 100, ""}).items;
  }
  std::vector<OutboxMessage> Sms(const std::string& kind) {
    OutboxFilter filter;
    filter.kind = kind;
    return services_->store->BeginRead()->Messaging().ListOutbox(filter, {0, 100, ""}).items;
  }
  void Switch(const std::string& rule, bool enabled, bool sms) {
    services_->notifications.PutRules(admin_, {{rule, enabled, sms}});
  }
  // `actor`'s notifications made by `rule`.
  std::vector<Notification> Of(const Actor& actor, const std::string& rule) {
    std::vector<Notification> out;
    for (auto& n : Of(actor)) {
      if (n.kind == rule) out.push_back(n);
    }
    return out;
  }
  // The phones the outbox holds messages of `kind` for.
  std::set<std::string> SmsPhones(const std::string& kind) {
    std::set<std::string> phones;
    for (const auto& m : Sms(kind)) phones.insert(m.phone);
    return phones;
  }
  // An account with a phone, as an administrator creates it.
  Actor WithPhone(const std::string& username, const std::string& role,
                  std::optional<domain::Id> region, std::optional<domain::Id> unit,
                  const std::string& phone) {
    UserInput input;
    input.username = username;
    input.role = role;
    input.password = "password-" + username;
    input.scope_region_id = region;
    input.scope_unit_id = unit;
    input.phone = phone;
    Actor actor;
    actor.user = services_->auth.CreateUser(admin_, input);
    actor.now = kNow;
    actor.channel = domain::Channel::kWeb;
    return actor;
  }
  int Escalate(const char* date) {
    return handling().RunEscalation(WithNow(admin_, At(date, 9))).escalated;
  }
  // A matter of village A dispatched to unit 1 and accepted there, at `at`.
  domain::Matter InProgress(domain::Epoch at) {
    auto accepted = AcceptParking(at);
    handling().Dispatch(WithNow(clerk_, at + 60), accepted.matter.id, std::nullopt, std::nullopt,
                        "");
    return handling().UnitAccept(WithNow(handler1_, at + 120), accepted.matter.id);
  }
};

TEST_F(MatterNotificationsTest, ADispatchTellsTheReceivingUnitOnlyInTheApp) {
  const domain::Epoch at = At("2026-06-01", 9);
  auto accepted = AcceptParking(at);
  handling().Dispatch(WithNow(clerk_, at + 60), accepted.matter.id, std::nullopt, std::nullopt, "");
  auto mine = Of(handler1_);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].kind, "matter_dispatched");
  EXPECT_EQ(mine[0].object_type, "matter");
  EXPECT_EQ(mine[0].object_id, accepted.matter.id);
  EXPECT_EQ(mine[0].link, "/matters/" + std::to_string(accepted.matter.id));
  EXPECT_NE(mine[0].title.find(accepted.matter.number), std::string::npos);
  EXPECT_FALSE(mine[0].read_at);
  EXPECT_TRUE(Of(handler2_).empty());  // Another unit hears nothing.
  EXPECT_TRUE(Of(clerk_).empty());
  EXPECT_TRUE(Sms("matter_dispatched").empty());  // SMS is off for this rule by default.
  EXPECT_EQ(services_->notifications.UnreadCount(handler1_), 1);
}

TEST_F(MatterNotificationsTest, ATransferTellsTheNewUnit) {
  const domain::Epoch at = At("2026-06-01", 9);
  auto accepted = AcceptParking(at);
  handling().Dispatch(WithNow(clerk_, at + 60), accepted.matter.id, std::nullopt, std::nullopt, "");
  handling().Transfer(WithNow(handler1_, at + 120), accepted.matter.id, unit2_.id, "不属本单位",
                      "不属于本单位职责");
  auto theirs = Of(handler2_);
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_NE(theirs[0].title.find("转办"), std::string::npos);
}

TEST_F(MatterNotificationsTest, AReplySendsTheResidentTheLinkToConfirmBySms) {
  domain::Matter m = Replied(At("2026-06-01", 9));
  auto sms = Sms("matter_replied");
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_EQ(sms[0].phone, m.caller_phone);
  EXPECT_EQ(sms[0].matter_id, m.id);
  EXPECT_NE(sms[0].text.find(m.number), std::string::npos);
  EXPECT_NE(sms[0].text.find("/p/" + m.number), std::string::npos);
  EXPECT_NE(sms[0].params.find("\"link\""), std::string::npos);
}

TEST_F(MatterNotificationsTest, ASwitchedOffRuleWritesNothingAndItsSmsCanBeSwitchedAlone) {
  Switch("matter_dispatched", false, false);
  Switch("matter_replied", true, false);
  domain::Matter m = Replied(At("2026-06-01", 9));
  EXPECT_TRUE(Of(handler1_).empty());
  EXPECT_TRUE(Sms("matter_replied").empty());
  Switch("matter_dispatched", true, true);
  auto rules = services_->notifications.Rules(admin_);
  auto it = std::find_if(rules.begin(), rules.end(),
                         [](const auto& r) { return r.rule == "matter_dispatched"; });
  ASSERT_NE(it, rules.end());
  EXPECT_TRUE(it->enabled);
  EXPECT_TRUE(it->sms);
}

TEST_F(MatterNotificationsTest, AnOverdueMatterTellsTheLeadersOfTheLevelItReached) {
  Switch("matter_overdue", true, true);
  const auto township2 = Region(county_.id, "township", "131124200000", "大尹村镇");
  const Actor our_leader =
      WithPhone("township_leader", "leader", township_.id, std::nullopt, "13900000101");
  const Actor other_leader =
      WithPhone("other_township_leader", "leader", township2.id, std::nullopt, "13900000102");
  const Actor county_leader =
      WithPhone("county_leader", "leader", county_.id, std::nullopt, "13900000103");
  const Actor our_handler =
      WithPhone("unit1_phone", "unit_handler", std::nullopt, unit1_.id, "13900000104");
  auto m = AcceptParking(At("2026-09-30", 10)).matter;  // Due at the end of 10-09.
  handling().Dispatch(WithNow(clerk_, At("2026-09-30", 11)), m.id, std::nullopt, std::nullopt, "");
  // Overdue a day: the first level up, the township's leaders, and no one else.
  ASSERT_EQ(Escalate("2026-10-10"), 1);
  auto told = Of(our_leader, "matter_overdue");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].object_id, m.id);
  EXPECT_NE(told[0].title.find(m.number), std::string::npos);
  EXPECT_TRUE(Of(other_leader, "matter_overdue").empty());
  EXPECT_TRUE(Of(county_leader, "matter_overdue").empty());
  EXPECT_TRUE(Of(our_handler, "matter_overdue").empty());
  EXPECT_EQ(SmsPhones("matter_overdue"), std::set<std::string>{"13900000101"});
  const auto sms = Sms("matter_overdue");
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_NE(sms[0].text.find(unit1_.name), std::string::npos);
  // Overdue again: the county's leaders (leader_ has no phone: in the app only).
  ASSERT_EQ(Escalate("2026-10-11"), 1);
  EXPECT_EQ(Of(county_leader, "matter_overdue").size(), 1u);
  EXPECT_EQ(Of(leader_, "matter_overdue").size(), 1u);
  EXPECT_EQ(Of(our_leader, "matter_overdue").size(), 1u);
  EXPECT_TRUE(Of(other_leader, "matter_overdue").empty());
  EXPECT_EQ(SmsPhones("matter_overdue"), (std::set<std::string>{"13900000101", "13900000103"}));
}

TEST_F(MatterNotificationsTest, ASwitchedOffOverdueRuleTellsNoLeader) {
  const Actor our_leader =
      WithPhone("township_leader", "leader", township_.id, std::nullopt, "13900000101");
  Switch("matter_overdue", false, true);
  AcceptParking(At("2026-09-30", 10));
  ASSERT_EQ(Escalate("2026-10-10"), 1);
  EXPECT_TRUE(Of(our_leader, "matter_overdue").empty());
  EXPECT_TRUE(Sms("matter_overdue").empty());
  // On again, in the app only: the next level is told, and no SMS is written.
  Switch("matter_overdue", true, false);
  ASSERT_EQ(Escalate("2026-10-11"), 1);
  EXPECT_EQ(Of(leader_, "matter_overdue").size(), 1u);
  EXPECT_TRUE(Sms("matter_overdue").empty());
}

TEST_F(MatterNotificationsTest, ASupervisionOrderTellsTheHandlersOfTheMattersUnit) {
  Switch("matter_supervised", true, true);
  const Actor our_handler =
      WithPhone("unit1_phone", "unit_handler", std::nullopt, unit1_.id, "13900000201");
  const Actor other_handler =
      WithPhone("unit2_phone", "unit_handler", std::nullopt, unit2_.id, "13900000202");
  const Actor our_leader =
      WithPhone("township_leader", "leader", township_.id, std::nullopt, "13900000203");
  const domain::Epoch at = At("2026-09-01", 9);
  auto m = InProgress(at);
  handling().Supervise(WithNow(leader_, at + 600), m.id, "限期办结", "2026-09-03");
  for (const Actor* handler : std::vector<const Actor*>{&handler1_, &our_handler}) {
    auto told = Of(*handler, "matter_supervised");
    ASSERT_EQ(told.size(), 1u) << handler->user.username;
    EXPECT_EQ(told[0].object_id, m.id);
    EXPECT_EQ(told[0].link, "/matters/" + std::to_string(m.id));
  }
  EXPECT_TRUE(Of(handler2_, "matter_supervised").empty());
  EXPECT_TRUE(Of(other_handler, "matter_supervised").empty());
  EXPECT_TRUE(Of(our_leader, "matter_supervised").empty());
  EXPECT_TRUE(Of(leader_, "matter_supervised").empty());
  EXPECT_TRUE(Of(clerk_, "matter_supervised").empty());
  // handler1_ has no phone: the one SMS goes to the handler who has one, with the due date.
  const auto sms = Sms("matter_supervised");
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_EQ(sms[0].phone, "13900000201");
  EXPECT_EQ(sms[0].matter_id, m.id);
  EXPECT_NE(sms[0].text.find("2026-09-03"), std::string::npos);
}

TEST_F(MatterNotificationsTest, ASwitchedOffSupervisionRuleTellsNoHandler) {
  const Actor our_handler =
      WithPhone("unit1_phone", "unit_handler", std::nullopt, unit1_.id, "13900000201");
  Switch("matter_supervised", false, true);
  const domain::Epoch at = At("2026-09-01", 9);
  auto m = InProgress(at);
  handling().Supervise(WithNow(leader_, at + 600), m.id, "限期办结", "2026-09-03");
  EXPECT_TRUE(Of(handler1_, "matter_supervised").empty());
  EXPECT_TRUE(Of(our_handler, "matter_supervised").empty());
  EXPECT_TRUE(Sms("matter_supervised").empty());
  // The SMS alone switched off: the app still tells them.
  Switch("matter_supervised", true, false);
  auto second = InProgress(at + 3600);
  handling().Supervise(WithNow(leader_, at + 4200), second.id, "限期办结", "2026-09-03");
  EXPECT_EQ(Of(our_handler, "matter_supervised").size(), 1u);
  EXPECT_TRUE(Sms("matter_supervised").empty());
}

TEST_F(MatterNotificationsTest, OnlyAnAdministratorChangesTheRulesAndUnknownRulesAreRefused) {
  EXPECT_THROW(services_->notifications.PutRules(handler1_, {{"matter_dispatched", false, false}}),
               domain::Forbidden);
  EXPECT_THROW(services_->notifications.Rules(clerk_), domain::Forbidden);
  EXPECT_THROW(services_->notifications.PutRules(admin_, {{"no_such_rule", true, true}}),
               domain::InvalidInput);
  EXPECT_TRUE(services_->notifications.Rules(admin_).at(0).enabled);
}

TEST_F(MatterNotificationsTest, EachUserReadsAndMarksOnlyTheirOwnNotifications) {
  const domain::Epoch at = At("2026-06-01", 9);
  auto accepted = AcceptParking(at);
  handling().Dispatch(WithNow(clerk_, at + 60), accepted.matter.id, std::nullopt, std::nullopt, "");
  const domain::Id id = Of(handler1_).at(0).id;
  // Someone else cannot mark it read, nor learn it exists.
  EXPECT_THROW(services_->notifications.MarkRead(handler2_, id), domain::NotFound);
  EXPECT_EQ(services_->notifications.UnreadCount(handler1_), 1);
  services_->notifications.MarkRead(handler1_, id);
  EXPECT_EQ(services_->notifications.UnreadCount(handler1_), 0);
  EXPECT_TRUE(Of(handler1_).at(0).read_at);
  EXPECT_TRUE(services_->notifications.List(handler1_, true, {0, 10, ""}).items.empty());
}

TEST_F(MatterNotificationsTest, TheFeedReportsAListenersStateAtFirstAndThenOnlyOnChange) {
  std::vector<UnreadState> seen;
  auto handle = services_->feed.Subscribe(handler1_.user.id,
                                          [&](const UnreadState& s) { seen.push_back(s); });
  EXPECT_EQ(services_->feed.Poll(), 1);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].unread, 0);
  EXPECT_EQ(services_->feed.Poll(), 0);  // Nothing changed.
  const domain::Epoch at = At("2026-06-01", 9);
  auto accepted = AcceptParking(at);
  handling().Dispatch(WithNow(clerk_, at + 60), accepted.matter.id, std::nullopt, std::nullopt, "");
  EXPECT_EQ(services_->feed.Poll(), 1);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].unread, 1);
  EXPECT_NE(seen[1].newest_id, 0);
  services_->notifications.MarkAllRead(handler1_);
  EXPECT_EQ(services_->feed.Poll(), 1);
  EXPECT_EQ(seen.back().unread, 0);
  services_->feed.Unsubscribe(handle);
  EXPECT_EQ(services_->feed.Poll(), 0);
  EXPECT_EQ(services_->feed.listeners(), 0u);
}

}  // namespace
}  // namespace minqing::app
