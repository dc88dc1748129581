#include "app/matters/notify.hpp"

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
