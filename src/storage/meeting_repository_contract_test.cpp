// Meetings (议事会议) on every backend: a meeting is written with its attendees and read back with
// the names of its region, host and unit; an update replaces the attendees; lists filter by
// region prefix, kind, state and date; a decision needs an owner (the schema refuses one without,
// whatever the application does); a decision's state moves only from the state the caller saw;
// decisions are listed by owner (account or unit), state and deadline.
#include <gtest/gtest.h>

#include "app/store.hpp"
#include "domain/errors.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

constexpr domain::Epoch kT0 = 1767600000;  // 2026-01-05

class MeetingContractTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store_->Begin();
    testing::AddRegion(*tx, 1, std::nullopt, domain::RegionLevel::kCounty, "示范县", "/1/");
    testing::AddRegion(*tx, 2, 1, domain::RegionLevel::kTownship, "城关镇", "/1/2/");
    testing::AddRegion(*tx, 3, 1, domain::RegionLevel::kTownship, "河西乡", "/1/3/");
    domain::User u;
    u.id = 10;
    u.username = "leader";
    u.display_name = "王书记";
    u.role = domain::Role::kLeader;
    u.created_at = kT0;
    tx->Accounts().InsertUser(u);
    domain::Unit unit;
    unit.id = 20;
    unit.name = "城关镇服务中心";
    unit.kind = domain::UnitKind::kServiceCentre;
    unit.region_id = 2;
    tx->Registry().InsertUnit(unit);
    tx->Commit();
  }

  static app::Meeting MakeMeeting(Id id, const std::string& kind, Id region,
                                  const std::string& path, const std::string& date) {
    app::Meeting m;
    m.id = id;
    m.kind = kind;
    m.title = "会议" + std::to_string(id);
    m.date = date;
    m.start = "09:00";
    m.end = "10:00";
    m.place = "会议室";
    m.region_id = region;
    m.region_path = path;
    m.host_user_id = 10;
    m.state = "planned";
    m.created_by = 10;
    m.created_at = kT0;
    m.updated_at = kT0;
    return m;
  }

  static app::MeetingDecision MakeDecision(Id id, Id meeting, std::optional<Id> user,
                                           std::optional<Id> unit, const std::string& deadline) {
    app::MeetingDecision d;
    d.id = id;
    d.meeting_id = meeting;
    d.text = "决定" + std::to_string(id);
    d.owner_user_id = user;
    d.owner_unit_id = unit;
    d.deadline = deadline;
    d.state = "open";
    d.region_path = "/1/2/";
    d.created_at = kT0;
    return d;
  }
};

TEST_P(MeetingContractTest, MeetingWithAttendeesWrittenListedAndReplaced) {
  {
    auto tx = store_->Begin();
    app::Meeting m = MakeMeeting(100, "joint", 2, "/1/2/", "2026-07-11");
    m.host_unit_id = 20;
    m.project_id = 777;  // No foreign key: projects live elsewhere.
    m.attendees.push_back({1001, "unit", 20, std::nullopt, "城关镇服务中心", ""});
    m.attendees.push_back({1002, "outside", std::nullopt, std::nullopt, "李工", "施工单位"});
    tx->Meetings().InsertMeeting(m);
    tx->Meetings().InsertMeeting(MakeMeeting(101, "reception_day", 3, "/1/3/", "2026-07-20"));
    tx->Commit();
  }
  auto tx = store_->Begin();
  auto m = tx->Meetings().FindMeeting(100);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->region_name, "城关镇");
  EXPECT_EQ(m->host_name, "王书记");
  EXPECT_EQ(m->host_unit_name, "城关镇服务中心");
  EXPECT_EQ(m->project_id, 777);
  ASSERT_EQ(m->attendees.size(), 2u);
  EXPECT_EQ(m->attendees[1].organisation, "施工单位");
  EXPECT_FALSE(tx->Meetings().FindMeeting(999));

  app::MeetingFilter filter;
  EXPECT_EQ(tx->Meetings().ListMeetings(filter, {0, 10, ""}).total, 2);
  filter.region_path = "/1/2/";
  EXPECT_EQ(tx->Meetings().ListMeetings(filter, {0, 10, ""}).total, 1);
  filter = {};
  filter.kind = "reception_day";
  filter.from_date = "2026-07-12";
  auto page = tx->Meetings().ListMeetings(filter, {0, 10, ""});
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].id, 101);
  filter.from_date = "2026-07-21";
  EXPECT_EQ(tx->Meetings().ListMeetings(filter, {0, 10, ""}).total, 0);

  m->minutes = "议定挪井";
  m->state = "held";
  m->attendees = {{1003, "outside", std::nullopt, std::nullopt, "张大爷", "居民代表"}};
  tx->Meetings().UpdateMeeting(*m);
  auto again = tx->Meetings().FindMeeting(100);
  EXPECT_EQ(again->state, "held");
  EXPECT_EQ(again->minutes, "议定挪井");
  ASSERT_EQ(again->attendees.size(), 1u);
  EXPECT_EQ(again->attendees[0].name, "张大爷");
}

TEST_P(MeetingContractTest, DecisionsNeedAnOwnerMoveFromTheSeenStateAndListByOwner) {
  {
    auto tx = store_->Begin();
    tx->Meetings().InsertMeeting(MakeMeeting(100, "on_site", 2, "/1/2/", "2026-07-11"));
    tx->Meetings().InsertDecision(MakeDecision(200, 100, 10, std::nullopt, "2026-07-20"));
    tx->Meetings().InsertDecision(MakeDecision(201, 100, std::nullopt, 20, "2026-07-15"));
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    EXPECT_ANY_THROW(
        tx->Meetings().InsertDecision(MakeDecision(202, 100, std::nullopt, std::nullopt, "x")));
  }
  auto tx = store_->Begin();
  EXPECT_FALSE(tx->Meetings().FindDecision(202));
  auto d = tx->Meetings().FindDecision(200);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->meeting_title, "会议100");
  EXPECT_EQ(d->owner_user_name, "王书记");
  EXPECT_EQ(d->matter_status, "");

  app::DecisionFilter mine;
  mine.owner_user_id = 10;
  EXPECT_EQ(tx->Meetings().ListDecisions(mine, 10).size(), 1u);
  mine.owner_unit_id = 20;
  auto both = tx->Meetings().ListDecisions(mine, 10);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].id, 201);  // Earlier deadline first.
  EXPECT_EQ(both[0].owner_unit_name, "城关镇服务中心");

  d->state = "done";
  d->result_note = "已挪井";
  d->done_by = 10;
  d->done_at = kT0 + 10;
  EXPECT_TRUE(tx->Meetings().UpdateDecisionState(*d, "open"));
  EXPECT_FALSE(tx->Meetings().UpdateDecisionState(*d, "open"));  // Already moved.
  auto done = tx->Meetings().FindDecision(200);
  EXPECT_EQ(done->state, "done");
  EXPECT_EQ(done->result_note, "已挪井");
  EXPECT_EQ(done->done_at, kT0 + 10);

  app::DecisionFilter overdue;
  overdue.region_path = "/1/";
  overdue.state = "open";
  overdue.deadline_before = "2026-07-16";
  auto late = tx->Meetings().ListDecisions(overdue, 10);
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].id, 201);
  overdue.region_path = "/1/3/";
  EXPECT_TRUE(tx->Meetings().ListDecisions(overdue, 10).empty());
}

MINQING_INSTANTIATE_BACKENDS(MeetingContractTest);

}  // namespace
}  // namespace minqing::storage
