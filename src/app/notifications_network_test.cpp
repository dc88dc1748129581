// The network's notifications (network_event, network_change) and the reminder job (notice_due,
// appointment_tomorrow): who is told, once, and when an SMS is queued.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/network_notify.hpp"
#include "app/reminders.hpp"
#include "app/test_fixture.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {
namespace {

class NetworkNotificationsTest : public testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    PartyOrgInput branch;
    branch.kind = "branch";
    branch.name = "东关村党支部";
    branch.region_id = village_a_.id;
    branch_ = services_->registry.CreatePartyOrg(admin_, branch);
    for (int i = 0; i < 5; ++i) {
      HouseholdInput input;
      input.region_id = village_a_.id;
      input.address = "东关村" + std::to_string(10 + i) + "号";
      ResidentInput head;
      head.name = std::string(i % 2 ? "张" : "刘") + "家" + std::to_string(i);
      head.id_card = domain::MakeIdCard("131124", "19650303", 100 + i);
      head.relation = "户主";
      head.phone = "1390000000" + std::to_string(i);
      houses_.push_back(services_->registry.CreateHousehold(admin_, input, {head}));
    }
    // The group leader (党小组长) lives in house 3; member m1 (house 0) and m2 (house 4) are in
    // the group, so the leader looks after them.
    leader_ = Member(houses_[3], branch_.id);
    PartyOrgInput group;
    group.kind = "group";
    group.name = "东关村第一党小组";
    group.parent_id = branch_.id;
    group.region_id = village_a_.id;
    group.leader_member_id = leader_.id;
    group_ = services_->registry.CreatePartyOrg(admin_, group);
    m1_ = Member(houses_[0], group_.id);
    m2_ = Member(houses_[4], group_.id);
    m1_user_ = UserActor("member1", "party_member", village_a_.id, m1_.resident_id);
    m2_user_ = UserActor("member2", "party_member", village_a_.id, m2_.resident_id);
    leader_user_ = UserActor("groupleader", "party_member", village_a_.id, leader_.resident_id);
  }

  domain::PartyMember Member(const domain::Household& household, Id org_id) {
    PartyMemberInput input;
    input.resident_id = services_->registry.GetHousehold(admin_, household.id).members[0].id;
    input.org_id = org_id;
    input.status = "full";
    input.capacity = 10;
    input.joined_on = "2000-07-01";
    return services_->registry.CreatePartyMember(admin_, input);
  }

  void PinTo(const domain::PartyMember& member, const domain::Household& household) {
    LinkInput pin;
    pin.member_id = member.id;
    pin.household_id = household.id;
    services_->network.Pin(admin_, pin);
  }

  void SetRule(const std::string& rule, bool enabled, bool sms) {
    services_->notifications.PutRules(admin_, {{rule, enabled, sms}});
  }

  // The user's notifications of one rule, newest first.
  std::vector<Notification> Of(const Actor& user, const std::string& kind) {
    auto page = services_->store->BeginRead()->Messaging().ListNotifications(user.user.id, false,
                                                                             {0, 200, ""});
    std::vector<Notification> out;
    for (auto& n : page.items) {
      if (n.kind == kind) out.push_back(std::move(n));
    }
    return out;
  }

  std::vector<OutboxMessage> Sms(const std::string& kind) {
    OutboxFilter filter;
    filter.kind = kind;
    return services_->store->BeginRead()->Messaging().ListOutbox(filter, {0, 200, ""}).items;
  }

  domain::HouseholdEvent Event(const domain::Household& household) {
    HouseholdEventInput input;
    input.household_id = household.id;
    input.kind = "hospital";
    input.date = "2026-05-29";
    input.note = "老人住院";
    return services_->network.RecordEvent(assistant_, input);
  }

  std::string Day(int days_from_today) {
    return domain::FormatDate(domain::ChinaDay(kNow) + days_from_today);
  }

  domain::Notice Notice(const std::string& title, const std::string& due_date) {
    NoticeInput input;
    input.region_id = village_a_.id;
    input.kind = "policy";
    input.title = title;
    input.due_date = due_date;
    return services_->network.PublishNotice(assistant_, input);
  }

  domain::PartyOrg branch_, group_;
  std::vector<domain::Household> houses_;
  domain::PartyMember leader_, m1_, m2_;
  Actor m1_user_, m2_user_, leader_user_;
};

TEST_F(NetworkNotificationsTest, MaskedNamesAndShortDates) {
  EXPECT_EQ(network_internal::MaskedName("王景云"), "王某某");
  EXPECT_EQ(network_internal::MaskedName("李四"), "李某");
  EXPECT_EQ(network_internal::MaskedName("王"), "王某");
  EXPECT_EQ(network_internal::ShortDate("2026-05-09"), "5月9日");
  EXPECT_EQ(network_internal::Shorten("一二三四五", 3), "一二三…");
}

TEST_F(NetworkNotificationsTest, EventTellsTheLinkedMemberAndTheGroupLeader) {
  PinTo(m1_, houses_[1]);
  domain::HouseholdEvent event = Event(houses_[1]);
  ASSERT_EQ(event.member_id, m1_.id);

  auto mine = Of(m1_user_, "network_event");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_NE(mine[0].title.find("生病住院"), std::string::npos) << mine[0].title;
  EXPECT_NE(mine[0].body.find("张家1户（东关村11号）"), std::string::npos) << mine[0].body;
  EXPECT_EQ(mine[0].object_type, "household");
  EXPECT_EQ(mine[0].link, "/households/" + std::to_string(houses_[1].id));
  auto leaders = Of(leader_user_, "network_event");
  ASSERT_EQ(leaders.size(), 1u);
  EXPECT_NE(leaders[0].body.find("党员刘家0联系的"), std::string::npos) << leaders[0].body;
  EXPECT_TRUE(Of(m2_user_, "network_event").empty());
  EXPECT_TRUE(Of(assistant_, "network_event").empty());
  // The rule's SMS is off by default.
  EXPECT_TRUE(Sms("network_event").empty());

  // SMS on: one to each of them, to the member's own phone (their accounts have none), with the
  // household's name masked.
  SetRule("network_event", true, true);
  Event(houses_[1]);
  EXPECT_EQ(Of(m1_user_, "network_event").size(), 2u);
  EXPECT_EQ(Of(leader_user_, "network_event").size(), 2u);
  auto sms = Sms("network_event");
  ASSERT_EQ(sms.size(), 2u);
  std::vector<std::string> phones = {sms[0].phone, sms[1].phone};
  std::sort(phones.begin(), phones.end());
  EXPECT_EQ(phones, (std::vector<std::string>{"13900000000", "13900000003"}));
  for (const auto& m : sms) {
    EXPECT_NE(m.text.find("张某某户（东关村）"), std::string::npos) << m.text;
    EXPECT_EQ(m.text.find("张家1"), std::string::npos) << m.text;
    EXPECT_NE(m.params.find("生病住院"), std::string::npos) << m.params;
  }

  // Switched off: nothing at all.
  SetRule("network_event", false, true);
  Event(houses_[1]);
  EXPECT_EQ(Of(m1_user_, "network_event").size(), 2u);
  EXPECT_EQ(Of(leader_user_, "network_event").size(), 2u);
  EXPECT_EQ(Sms("network_event").size(), 2u);
}

TEST_F(NetworkNotificationsTest, AnEventOfAnUnlinkedHouseholdTellsNobody) {
  Event(houses_[2]);
  EXPECT_TRUE(Of(m1_user_, "network_event").empty());
  EXPECT_TRUE(Of(leader_user_, "network_event").empty());
}

TEST_F(NetworkNotificationsTest, LinkChangesTellTheMembersConcerned) {
  PinTo(m1_, houses_[1]);
  auto m1 = Of(m1_user_, "network_change");
  ASSERT_EQ(m1.size(), 1u);
  EXPECT_EQ(m1[0].title, "新的联系户：张家1户");
  EXPECT_TRUE(Of(m2_user_, "network_change").empty());

  // Moved to m2: both hear of it.
  PinTo(m2_, houses_[1]);
  m1 = Of(m1_user_, "network_change");
  ASSERT_EQ(m1.size(), 2u);
  EXPECT_NE(m1[0].body.find("已改由党员刘家4联系"), std::string::npos) << m1[0].body;
  auto m2 = Of(m2_user_, "network_change");
  ASSERT_EQ(m2.size(), 1u);
  EXPECT_EQ(m2[0].title, "新的联系户：张家1户");

  // Pinned again to the same member: no change, no notification.
  PinTo(m2_, houses_[1]);
  EXPECT_EQ(Of(m2_user_, "network_change").size(), 1u);

  // Removed: the member who had it.
  services_->network.DeleteLink(admin_, houses_[1].id);
  m2 = Of(m2_user_, "network_change");
  ASSERT_EQ(m2.size(), 2u);
  EXPECT_EQ(m2[0].title, "联系户解除：张家1户");
  EXPECT_EQ(Of(m1_user_, "network_change").size(), 2u);
  // network_change's SMS is off by default.
  EXPECT_TRUE(Sms("network_change").empty());

  // A status change tells the member; with SMS on, to their phone.
  SetRule("network_change", true, true);
  MemberStatusInput status;
  status.away = true;
  services_->network.ChangeMemberStatus(admin_, m1_.id, status);
  m1 = Of(m1_user_, "network_change");
  ASSERT_EQ(m1.size(), 3u);
  EXPECT_EQ(m1[0].title, "党员状态已更新");
  EXPECT_NE(m1[0].body.find("外出"), std::string::npos) << m1[0].body;
  auto sms = Sms("network_change");
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_EQ(sms[0].phone, "13900000000");
  // The same status again changes nothing.
  services_->network.ChangeMemberStatus(admin_, m1_.id, status);
  EXPECT_EQ(Of(m1_user_, "network_change").size(), 3u);
}

TEST_F(NetworkNotificationsTest, ApprovedRequestsAndLeaderLinksTellThoseConcerned) {
  auto request = services_->network.RequestLink(m1_user_, houses_[2].id, "邻居，方便照顾");
  EXPECT_TRUE(Of(m1_user_, "network_change").empty());  // Asking changes nothing yet.
  services_->network.DecideLinkRequest(admin_, request.id, true);
  auto m1 = Of(m1_user_, "network_change");
  ASSERT_EQ(m1.size(), 1u);
  EXPECT_EQ(m1[0].title, "联系申请已批准：刘家2户");

  services_->network.PinLeader(admin_, leader_.id, m1_.id);
  auto leader = Of(leader_user_, "network_change");
  ASSERT_EQ(leader.size(), 1u);
  EXPECT_EQ(leader[0].title, "新的联系党员：刘家0");
  m1 = Of(m1_user_, "network_change");
  ASSERT_EQ(m1.size(), 2u);
  EXPECT_EQ(m1[0].title, "联系组长：张家3");
  EXPECT_TRUE(Of(m2_user_, "network_change").empty());

  services_->network.UnlinkLeader(admin_, m1_.id);
  EXPECT_EQ(Of(leader_user_, "network_change").size(), 2u);
  EXPECT_EQ(Of(m1_user_, "network_change").size(), 3u);
}

TEST_F(NetworkNotificationsTest, AnAppliedPlanTellsEachMemberOnce) {
  NetworkPreview preview = services_->network.Preview(admin_, village_a_.id);
  ASSERT_FALSE(preview.added.empty());
  ASSERT_TRUE(preview.leaders);
  ASSERT_FALSE(preview.leaders->added.empty());
  services_->network.Apply(admin_, preview.plan_id);
  // One summary per member whose households changed, one per leader whose members changed.
  for (const auto& [member, user] :
       {std::pair{m1_, m1_user_}, std::pair{m2_, m2_user_}, std::pair{leader_, leader_user_}}) {
    std::size_t households = 0, members = 0;
    for (const auto& l : preview.added) households += l.member_id == member.id;
    for (const auto& l : preview.leaders->added) members += l.leader_member_id == member.id;
    std::vector<std::string> expected;
    if (members > 0) expected.push_back("联系党员调整：新增" + std::to_string(members) + "人");
    if (households > 0) expected.push_back("联系户调整：新增" + std::to_string(households) + "户");
    std::vector<std::string> titles;
    for (const auto& n : Of(user, "network_change")) titles.push_back(n.title);
    std::sort(titles.begin(), titles.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(titles, expected) << member.name;
  }
}

TEST_F(NetworkNotificationsTest, AppointmentTomorrowIsRemindedOnce) {
  UnitInput unit_input;
  unit_input.name = "饶阳镇便民服务中心";
  unit_input.kind = "service_centre";
  unit_input.region_id = township_.id;
  domain::Unit unit = services_->registry.CreateUnit(admin_, unit_input);
  auto slot = [&](int day, const char* start, const char* end) {
    return services_->appointments.CreateSlot(admin_, unit.id, {Day(day), start, end, 5, {}});
  };
  auto tomorrow = slot(1, "09:00", "09:30");
  auto later = slot(3, "09:00", "09:30");
  // Household A's head has an account and books with her phone.
  Id head_a = services_->registry.GetHousehold(admin_, household_a_.id).members[0].id;
  Actor resident = UserActor("resident_a", "resident", village_a_.id, head_a);
  AppointmentInput booking;
  booking.household_id = household_a_.id;
  booking.person_name = "王景云";
  booking.phone = "13812345678";
  booking.purpose = "办理低保年审";
  services_->appointments.Book(admin_, tomorrow.id, booking);
  services_->appointments.Book(admin_, later.id, booking);
  auto cancelled = services_->appointments.Book(admin_, tomorrow.id, booking);
  services_->appointments.SetAppointmentStatus(admin_, cancelled.id, "cancelled");
  // Household B's booking has no phone and the household no account: reminded to nobody.
  AppointmentInput no_phone;
  no_phone.household_id = household_b_.id;
  no_phone.person_name = "李秀英";
  services_->appointments.Book(admin_, tomorrow.id, no_phone);

  // Switched off: nothing is reminded nor recorded.
  SetRule("appointment_tomorrow", false, true);
  ReminderReport off = services_->reminders.Run(kNow);
  EXPECT_EQ(off.appointments, 0);
  EXPECT_TRUE(Of(resident, "appointment_tomorrow").empty());

  SetRule("appointment_tomorrow", true, true);
  ReminderReport first = services_->reminders.Run(kNow);
  EXPECT_EQ(first.appointments, 2);
  EXPECT_EQ(first.notifications, 1);
  auto mine = Of(resident, "appointment_tomorrow");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].object_type, "appointment");
  EXPECT_NE(mine[0].body.find("09:00–09:30"), std::string::npos) << mine[0].body;
  EXPECT_NE(mine[0].body.find("饶阳镇便民服务中心"), std::string::npos) << mine[0].body;
  auto sms = Sms("appointment_reminder");
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_EQ(sms[0].phone, "13812345678");
  EXPECT_NE(sms[0].text.find("饶阳镇便民服务中心"), std::string::npos) << sms[0].text;

  // Every minute after: nothing new.
  ReminderReport again = services_->reminders.Run(kNow + 60);
  EXPECT_EQ(again.appointments, 0);
  EXPECT_EQ(again.notifications, 0);
  EXPECT_EQ(Of(resident, "appointment_tomorrow").size(), 1u);
  EXPECT_EQ(Sms("appointment_reminder").size(), 1u);

  // Two days on, the later booking is tomorrow's: its SMS is off now, the app still tells.
  SetRule("appointment_tomorrow", true, false);
  ReminderReport later_run = services_->reminders.Run(kNow + 2 * 86400);
  EXPECT_EQ(later_run.appointments, 1);
  EXPECT_EQ(Of(resident, "appointment_tomorrow").size(), 2u);
  EXPECT_EQ(Sms("appointment_reminder").size(), 1u);
}

TEST_F(NetworkNotificationsTest, NoticeDueIsRemindedOnceToTheResponsibleMember) {
  PinTo(m1_, houses_[1]);
  PinTo(m1_, houses_[2]);
  PinTo(m2_, houses_[3]);
  domain::Notice soon = Notice("秸秆禁烧政策宣讲", Day(1));
  Notice("村规民约修订", Day(5));  // Not due within 2 days.
  Notice("防汛知识宣传", "");      // No due date.
  // m2 delivered theirs; m1 delivered one of two.
  services_->network.RecordDelivery(m2_user_, soon.id, houses_[3].id, "");
  services_->network.RecordDelivery(m1_user_, soon.id, houses_[2].id, "");

  ReminderReport first = services_->reminders.Run(kNow);
  EXPECT_EQ(first.notices, 1);
  EXPECT_EQ(first.notifications, 1);
  auto mine = Of(m1_user_, "notice_due");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_NE(mine[0].body.find("秸秆禁烧政策宣讲"), std::string::npos) << mine[0].body;
  EXPECT_NE(mine[0].body.find("还有1户未送达"), std::string::npos) << mine[0].body;
  EXPECT_EQ(mine[0].object_type, "notice");
  EXPECT_EQ(mine[0].object_id, soon.id);
  EXPECT_TRUE(Of(m2_user_, "notice_due").empty());
  EXPECT_TRUE(Sms("notice_due").empty());  // SMS off by default.

  EXPECT_EQ(services_->reminders.Run(kNow + 60).notices, 0);
  EXPECT_EQ(Of(m1_user_, "notice_due").size(), 1u);

  // With SMS on, a new notice due tomorrow: one SMS, to the member's phone; the old one is not
  // reminded again.
  SetRule("notice_due", true, true);
  Notice("医保缴费通知", Day(1));
  ReminderReport second = services_->reminders.Run(kNow + 120);
  EXPECT_EQ(second.notices, 2);  // m1 (2 households) and m2 (1).
  EXPECT_EQ(Of(m1_user_, "notice_due").size(), 2u);
  auto theirs = Of(m2_user_, "notice_due");
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_NE(theirs[0].body.find("还有1户未送达"), std::string::npos) << theirs[0].body;
  auto sms = Sms("notice_due");
  ASSERT_EQ(sms.size(), 2u);
  std::vector<std::string> phones = {sms[0].phone, sms[1].phone};
  std::sort(phones.begin(), phones.end());
  EXPECT_EQ(phones, (std::vector<std::string>{"13900000000", "13900000004"}));
  for (const auto& m : sms) {
    EXPECT_NE(m.text.find("《医保缴费通知》"), std::string::npos) << m.text;
  }
}

}  // namespace
}  // namespace minqing::app
