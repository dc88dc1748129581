// The year-end vote repository (述职评议) on every backend: sessions round-trip, a code is used
// once and only in its own session, counters and refusals add up, the eligible voters are the
// village's committee members, party members and villager representatives (with the resident
// flags round-tripping), and the outbox's sent vote codes are blanked.
#include <gtest/gtest.h>

#include <algorithm>

#include "storage/test_backends.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

constexpr Id kCounty = 1, kTown = 2, kVillage = 3, kOtherVillage = 4;
constexpr char kVillagePath[] = "/1/2/3/";
constexpr char kOtherPath[] = "/1/2/4/";

class VoteContractTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    auto tx = store_->Begin();
    testing::AddRegion(*tx, kCounty, std::nullopt, domain::RegionLevel::kCounty, "县", "/1/");
    testing::AddRegion(*tx, kTown, kCounty, domain::RegionLevel::kTownship, "镇", "/1/2/");
    testing::AddRegion(*tx, kVillage, kTown, domain::RegionLevel::kVillage, "东村", kVillagePath);
    testing::AddRegion(*tx, kOtherVillage, kTown, domain::RegionLevel::kVillage, "西村",
                       kOtherPath);
    domain::User u;
    u.id = 900;
    u.username = "assistant";
    u.display_name = "王助理";
    u.role = domain::Role::kVillageAssistant;
    u.created_at = 100;
    tx->Accounts().InsertUser(u);
    tx->Commit();
  }

  static domain::VoteSession Session(Id id, Id region, const std::string& path) {
    domain::VoteSession s;
    s.id = id;
    s.region_id = region;
    s.region_path = path;
    s.assessed_user_id = 900;
    s.posting_id = 77;
    s.title = "2026年度述职评议";
    s.year = 2026;
    s.report = "一年来走访农户……";
    s.scorecard = R"({"visits":92})";
    s.opens_at = 1000;
    s.closes_at = 2000;
    s.created_at = 500;
    s.updated_at = 500;
    return s;
  }

  void AddResident(app::StoreTx& tx, Id id, Id household, const std::string& path,
                   const std::string& name, bool committee, bool rep) {
    domain::Resident r;
    r.id = id;
    r.household_id = household;
    r.region_path = path;
    r.name = name;
    r.phone = "1380000" + std::to_string(1000 + id);
    r.village_committee = committee;
    r.villager_rep = rep;
    r.created_at = 100;
    r.updated_at = 100;
    tx.Registry().InsertResident(r);
  }
};

TEST_P(VoteContractTest, SessionRoundTripsAndUpdates) {
  {
    auto tx = store_->Begin();
    tx->Votes().InsertSession(Session(10, kVillage, kVillagePath));
    tx->Commit();
  }
  auto tx = store_->Begin();
  auto s = tx->Votes().FindSession(10);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->title, "2026年度述职评议");
  EXPECT_EQ(s->region_name, "东村");
  EXPECT_EQ(s->assessed_name, "王助理");
  EXPECT_EQ(s->posting_id.value_or(0), 77);
  EXPECT_EQ(s->scorecard, R"({"visits":92})");
  EXPECT_EQ(s->state, domain::VoteState::kDraft);
  EXPECT_FALSE(s->issued_at);
  s->state = domain::VoteState::kPublished;
  s->issued_at = 1200;
  s->printed = 5;
  s->published_at = 2100;
  tx->Votes().UpdateSession(*s);
  auto again = tx->Votes().FindSession(10);
  EXPECT_EQ(again->state, domain::VoteState::kPublished);
  EXPECT_EQ(again->printed, 5);
  EXPECT_EQ(again->issued_at.value_or(0), 1200);
  EXPECT_EQ(tx->Votes().ListPublished(kVillage, 5).size(), 1u);
  EXPECT_TRUE(tx->Votes().ListPublished(kOtherVillage, 5).empty());
  EXPECT_EQ(tx->Votes().ListSessions("/1/2/", std::nullopt).size(), 1u);
  EXPECT_EQ(tx->Votes().ListSessions(kOtherPath, std::nullopt).size(), 0u);
  EXPECT_EQ(tx->Votes().ListSessions("", 2025).size(), 0u);
  EXPECT_FALSE(tx->Votes().FindSession(11));
  auto missing = Session(11, kVillage, kVillagePath);
  EXPECT_THROW(tx->Votes().UpdateSession(missing), domain::NotFound);
}

TEST_P(VoteContractTest, ACodeVotesOnceAndOnlyInItsSession) {
  auto tx = store_->Begin();
  tx->Votes().InsertSession(Session(10, kVillage, kVillagePath));
  tx->Votes().InsertSession(Session(20, kOtherVillage, kOtherPath));
  tx->Votes().InsertCodes(10, {"hash-a", "hash-b"});
  tx->Votes().InsertCodes(20, {"hash-c"});
  EXPECT_EQ(tx->Votes().CountCodes(10, false), 2);
  EXPECT_EQ(tx->Votes().CountCodes(10, true), 0);
  EXPECT_FALSE(tx->Votes().UseCode("hash-c", 10));  // Another session's code.
  EXPECT_TRUE(tx->Votes().UseCode("hash-a", 10));
  EXPECT_FALSE(tx->Votes().UseCode("hash-a", 10));  // Used.
  EXPECT_FALSE(tx->Votes().UseCode("nothing", 10));
  EXPECT_EQ(tx->Votes().CountCodes(10, true), 1);
  auto a = tx->Votes().FindCode("hash-a");
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->used);
  EXPECT_EQ(a->session_id, 10);
  auto c = tx->Votes().FindCode("hash-c");
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->used);
  EXPECT_EQ(c->session_id, 20);
  EXPECT_FALSE(tx->Votes().FindCode("nothing"));
  tx->Commit();
  // A hash is never stored twice (on PostgreSQL the failed insert ends the transaction).
  auto again = store_->Begin();
  EXPECT_THROW(again->Votes().InsertCodes(20, {"hash-a"}), domain::Conflict);
}

TEST_P(VoteContractTest, CountersAndRefusalsAddUp) {
  auto tx = store_->Begin();
  tx->Votes().InsertSession(Session(10, kVillage, kVillagePath));
  tx->Votes().InsertSession(Session(20, kOtherVillage, kOtherPath));
  EXPECT_EQ(tx->Votes().Tally(10).Total(), 0);
  tx->Votes().AddVote(10, domain::VoteChoice::kSatisfied);
  tx->Votes().AddVote(10, domain::VoteChoice::kSatisfied);
  tx->Votes().AddVote(10, domain::VoteChoice::kUnsatisfied);
  tx->Votes().AddVote(20, domain::VoteChoice::kBasic);
  auto tally = tx->Votes().Tally(10);
  EXPECT_EQ(tally.satisfied, 2);
  EXPECT_EQ(tally.basic, 0);
  EXPECT_EQ(tally.unsatisfied, 1);
  EXPECT_EQ(tx->Votes().Tally(20).basic, 1);
  EXPECT_THROW(tx->Votes().AddVote(99, domain::VoteChoice::kBasic), domain::NotFound);
  tx->Votes().CountRefusal(10, "vote.code_used");
  tx->Votes().CountRefusal(10, "vote.code_used");
  tx->Votes().CountRefusal(10, "vote.closed");
  auto refusals = tx->Votes().Refusals(10);
  EXPECT_EQ(refusals["vote.code_used"], 2);
  EXPECT_EQ(refusals["vote.closed"], 1);
  EXPECT_EQ(refusals.size(), 2u);
  EXPECT_TRUE(tx->Votes().Refusals(20).empty());
}

TEST_P(VoteContractTest, EligibleVotersHoldARoleAndLiveInTheVillage) {
  auto tx = store_->Begin();
  for (Id h : {100, 101, 102}) {
    domain::Household household;
    household.id = h;
    household.region_id = h == 102 ? kOtherVillage : kVillage;
    household.region_path = h == 102 ? kOtherPath : kVillagePath;
    household.number = "H" + std::to_string(h);
    household.created_at = 100;
    household.updated_at = 100;
    tx->Registry().InsertHousehold(household);
  }
  AddResident(*tx, 200, 100, kVillagePath, "甲委员", true, false);
  AddResident(*tx, 201, 100, kVillagePath, "乙代表", false, true);
  AddResident(*tx, 202, 101, kVillagePath, "丙党员", false, false);
  AddResident(*tx, 203, 101, kVillagePath, "丁群众", false, false);
  AddResident(*tx, 204, 102, kOtherPath, "戊外村", true, true);
  domain::PartyOrg org;
  org.id = 300;
  org.name = "东村党支部";
  org.region_id = kVillage;
  org.region_path = kVillagePath;
  tx->Registry().InsertPartyOrg(org);
  domain::PartyMember member;
  member.id = 301;
  member.resident_id = 202;
  member.org_id = 300;
  member.region_path = kVillagePath;
  tx->Registry().InsertPartyMember(member);
  tx->Commit();

  auto read = store_->BeginRead();
  auto committee = read->Registry().FindResident(200);
  ASSERT_TRUE(committee);
  EXPECT_TRUE(committee->village_committee);
  EXPECT_FALSE(committee->villager_rep);
  EXPECT_TRUE(read->Registry().FindResident(201)->villager_rep);
  auto voters = read->Votes().ListEligibleVoters(kVillagePath);
  std::vector<Id> ids;
  for (const auto& v : voters) ids.push_back(v.resident_id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<Id>{200, 201, 202}));
  for (const auto& v : voters) {
    if (v.resident_id == 202) {
      EXPECT_TRUE(v.party_member && !v.village_committee);
    } else if (v.resident_id == 200) {
      EXPECT_TRUE(v.village_committee && !v.party_member);
    } else {
      EXPECT_TRUE(v.villager_rep && !v.party_member);
    }
  }
}

TEST_P(VoteContractTest, SentVoteCodesAreBlankedInTheOutbox) {
  auto tx = store_->Begin();
  auto message = [&](Id id, const std::string& kind, const std::string& state) {
    app::OutboxMessage m;
    m.id = id;
    m.phone = "13800001111";
    m.kind = kind;
    m.params = R"({"title":"评议","code":"ABCDE-FGHJK","link":"x"})";
    m.text = "投票码 ABCDE-FGHJK";
    m.created_at = 100;
    m.state = state;
    tx->Messaging().InsertOutbox(m);
  };
  message(1, "vote_code", "sent");
  message(2, "vote_code", "queued");
  message(3, "login_code", "sent");
  EXPECT_EQ(tx->Votes().ScrubSentVoteCodes(), 1);
  EXPECT_EQ(tx->Votes().ScrubSentVoteCodes(), 0);
  auto sent = tx->Messaging().FindOutbox(1);
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->text.find("ABCDE"), std::string::npos);
  EXPECT_EQ(sent->params.find("ABCDE"), std::string::npos);
  EXPECT_NE(tx->Messaging().FindOutbox(2)->text.find("ABCDE"), std::string::npos);
  EXPECT_NE(tx->Messaging().FindOutbox(3)->text.find("ABCDE"), std::string::npos);
}

MINQING_INSTANTIATE_BACKENDS(VoteContractTest);

}  // namespace
}  // namespace minqing::storage
