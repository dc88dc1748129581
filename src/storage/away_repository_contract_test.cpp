// Away members on every backend: contacts read back newest first with the recorder's name; the
// away list covers only away members in the subtree with their last contact, held households and
// study counts; activities filter by subtree and by the member's region; an attendance is unique
// per activity and member; the roster lists the audience, away members first.
#include <gtest/gtest.h>

#include <string>

#include "domain/errors.hpp"
#include "domain/network.hpp"
#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Id;
using domain::RegionLevel;

class AwayContractTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store_->Begin();
    testing::AddRegion(*tx, 1, std::nullopt, RegionLevel::kCounty, "县", "/1/");
    testing::AddRegion(*tx, 2, 1, RegionLevel::kTownship, "东镇", "/1/2/");
    testing::AddRegion(*tx, 3, 2, RegionLevel::kVillage, "东村", "/1/2/3/");
    testing::AddRegion(*tx, 4, 2, RegionLevel::kVillage, "西村", "/1/2/4/");
    domain::PartyOrg org;
    org.id = 60;
    org.name = "东村党支部";
    org.region_id = 3;
    org.region_path = "/1/2/3/";
    tx->Registry().InsertPartyOrg(org);
    org.id = 61;
    org.name = "东镇党委";
    org.region_id = 2;
    org.region_path = "/1/2/";
    tx->Registry().InsertPartyOrg(org);
    AddMember(*tx, 501, 3, "/1/2/3/", "李外出", true, "江苏苏州");
    AddMember(*tx, 502, 3, "/1/2/3/", "王在家", false, "");
    AddMember(*tx, 503, 4, "/1/2/4/", "赵远", true, "广东东莞");
    domain::User u;
    u.id = 900;
    u.username = "sec";
    u.display_name = "张书记";
    u.role = domain::Role::kVillageAssistant;
    u.created_at = 100;
    tx->Accounts().InsertUser(u);
    // Member 501 still holds one household (to hand over).
    domain::ContactLink link;
    link.id = 1;
    link.member_id = 501;
    link.household_id = 501;
    link.created_at = 100;
    tx->Network().InsertLink(link);
    tx->Commit();
  }

  // A member with a household of the same id.
  static void AddMember(app::StoreTx& tx, Id id, Id region, const std::string& path,
                        const std::string& name, bool away, const std::string& away_to) {
    domain::Household h;
    h.id = id;
    h.region_id = region;
    h.region_path = path;
    h.number = "H" + std::to_string(id);
    h.address = name + "家";
    h.created_at = 100;
    h.updated_at = 100;
    tx.Registry().InsertHousehold(h);
    domain::Resident r;
    r.id = id * 10;
    r.household_id = h.id;
    r.region_path = path;
    r.name = name;
    r.relation = "户主";
    r.created_at = 100;
    r.updated_at = 100;
    tx.Registry().InsertResident(r);
    domain::PartyMember m;
    m.id = id;
    m.resident_id = r.id;
    m.org_id = 60;
    m.region_path = path;
    m.away = away;
    m.away_to = away_to;
    tx.Registry().InsertPartyMember(m);
  }

  static domain::AwayContact Contact(Id id, Id member, const std::string& date) {
    domain::AwayContact c;
    c.id = id;
    c.member_id = member;
    c.region_path = "/1/2/3/";
    c.date = date;
    c.way = "wechat";
    c.contact_by = "张书记";
    c.note = "视频聊了家常";
    c.recorded_by = 900;
    c.recorded_at = 1000 + id;
    return c;
  }

  static domain::StudyActivity Activity(Id id, Id org, const std::string& path,
                                        const std::string& opens) {
    domain::StudyActivity a;
    a.id = id;
    a.org_id = org;
    a.region_path = path;
    a.title = "学习" + std::to_string(id);
    a.material = "内容";
    a.opens_on = opens;
    a.closes_on = "2027-12-31";
    a.created_by = 900;
    a.created_at = 1000;
    return a;
  }
};

TEST_P(AwayContractTest, ContactsAndAwayList) {
  {
    auto tx = store_->Begin();
    tx->Away().InsertContact(Contact(10, 501, "2026-09-01"));
    tx->Away().InsertContact(Contact(11, 501, "2026-11-20"));
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    tx->Away().InsertContact(Contact(12, 503, "2026-11-21"));
    // Rolled back.
  }
  auto tx = store_->BeginRead();
  auto contacts = tx->Away().ContactsOf(501);
  ASSERT_EQ(contacts.size(), 2u);
  EXPECT_EQ(contacts[0].id, 11);  // Newest first.
  EXPECT_EQ(contacts[0].way, "wechat");
  EXPECT_EQ(contacts[0].recorded_by_name, "张书记");
  EXPECT_TRUE(tx->Away().ContactsOf(503).empty());

  auto all = tx->Away().ListAwayMembers("/1/", "2026-12-03");
  ASSERT_EQ(all.size(), 2u);  // 502 is at home.
  EXPECT_EQ(all[0].member_id, 501);
  EXPECT_EQ(all[0].name, "李外出");
  EXPECT_EQ(all[0].away_to, "江苏苏州");
  EXPECT_EQ(all[0].org_name, "东村党支部");
  EXPECT_EQ(all[0].last_contact, std::optional<std::string>("2026-11-20"));
  EXPECT_EQ(all[0].contacts, 2);
  EXPECT_EQ(all[0].households, 1);
  EXPECT_EQ(all[1].member_id, 503);
  EXPECT_FALSE(all[1].last_contact);
  auto east = tx->Away().ListAwayMembers("/1/2/3/", "2026-12-03");
  ASSERT_EQ(east.size(), 1u);
  EXPECT_EQ(east[0].member_id, 501);
}

TEST_P(AwayContractTest, ActivitiesAttendanceAndRoster) {
  {
    auto tx = store_->Begin();
    tx->Away().InsertActivity(Activity(20, 60, "/1/2/3/", "2026-12-01"));
    tx->Away().InsertActivity(Activity(21, 61, "/1/2/", "2026-11-01"));
    tx->Away().InsertActivity(Activity(22, 61, "/1/2/", "2027-01-01"));  // Not yet open.
    domain::StudyAttendance a;
    a.activity_id = 20;
    a.member_id = 501;
    a.note = "学习心得";
    a.recorded_by = 900;
    a.recorded_at = 2000;
    tx->Away().InsertAttendance(a);
    a.member_id = 502;
    a.made_up = true;
    a.note = "线下补学";
    tx->Away().InsertAttendance(a);
    a.activity_id = 21;
    a.member_id = 503;
    a.made_up = false;
    tx->Away().InsertAttendance(a);
    tx->Commit();
  }
  {
    auto tx = store_->Begin();
    domain::StudyAttendance twice;
    twice.activity_id = 20;
    twice.member_id = 501;
    twice.note = "again";
    twice.recorded_by = 900;
    twice.recorded_at = 3000;
    try {
      tx->Away().InsertAttendance(twice);
      ADD_FAILURE() << "a second attendance was stored";
    } catch (const domain::Conflict& e) {
      EXPECT_EQ(std::string(e.code()), "study.already_attended");
    }
  }
  auto tx = store_->BeginRead();
  auto a = tx->Away().FindActivity(20);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->org_name, "东村党支部");
  EXPECT_EQ(a->attended, 2);
  EXPECT_EQ(tx->Away().ListActivities("/1/").size(), 3u);
  auto east = tx->Away().ListActivities("/1/2/3/");
  ASSERT_EQ(east.size(), 1u);
  EXPECT_EQ(east[0].id, 20);
  auto covering = tx->Away().ActivitiesCovering("/1/2/4/");
  ASSERT_EQ(covering.size(), 2u);  // The township's two, not the east village's.
  EXPECT_EQ(covering[0].id, 22);

  auto own = tx->Away().FindAttendance(20, 501);
  ASSERT_TRUE(own);
  EXPECT_FALSE(own->made_up);
  EXPECT_EQ(own->member_name, "李外出");
  EXPECT_TRUE(own->member_away);
  EXPECT_EQ(own->recorded_by_name, "张书记");
  EXPECT_FALSE(tx->Away().FindAttendance(21, 501));

  auto roster = tx->Away().Roster(*a);
  ASSERT_EQ(roster.size(), 2u);  // The east village's members, away first.
  EXPECT_EQ(roster[0].member_id, 501);
  EXPECT_TRUE(roster[0].member_away);
  EXPECT_TRUE(roster[0].attended);
  EXPECT_EQ(roster[1].member_id, 502);
  EXPECT_TRUE(roster[1].made_up);
  EXPECT_EQ(roster[1].note, "线下补学");
  auto township = tx->Away().Roster(*tx->Away().FindActivity(21));
  ASSERT_EQ(township.size(), 3u);
  for (const auto& row : township) EXPECT_EQ(row.attended, row.member_id == 503);

  auto list = tx->Away().ListAwayMembers("/1/", "2026-12-03");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].study_attended, 1);
  EXPECT_EQ(list[0].study_activities, 2);  // 20 and 21 opened by today; 22 not yet.
  EXPECT_EQ(list[1].study_attended, 1);
  EXPECT_EQ(list[1].study_activities, 1);
}

MINQING_INSTANTIATE_BACKENDS(AwayContractTest);

}  // namespace
}  // namespace minqing::storage
