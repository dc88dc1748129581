#include "app/network_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>

#include "app/contact_card_pdf.hpp"
#include "app/network_internal.hpp"
#include "app/test_fixture.hpp"
#include "domain/errors.hpp"
#include "domain/ids.hpp"

namespace minqing::app {
namespace {

class NetworkServiceTest : public testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    PartyOrgInput branch;
    branch.kind = "branch";
    branch.name = "东关村党支部";
    branch.region_id = village_a_.id;
    org_ = services_->registry.CreatePartyOrg(admin_, branch);
    for (int i = 0; i < 6; ++i) {
      HouseholdInput input;
      input.region_id = village_a_.id;
      input.address = "东关村" + std::to_string(10 + i) + "号";
      input.lat = 38.2 + i * 0.0005;
      input.lng = 115.7;
      ResidentInput head;
      head.name = std::string(i % 2 ? "张" : "刘") + "户" + std::to_string(i);
      head.id_card = domain::MakeIdCard("131124", "19650303", 100 + i);
      head.relation = "户主";
      head.phone = "1390000000" + std::to_string(i);
      houses_.push_back(services_->registry.CreateHousehold(admin_, input, {head}));
    }
    m1_ = Member(houses_[0], 4);
    m2_ = Member(houses_[3], 6);
    member_actor_ = UserActor("member1", "party_member", village_a_.id, m1_.resident_id);
    leader_ = UserActor("leader1", "leader", county_.id);
  }

  domain::PartyMember Member(const domain::Household& household, std::int64_t capacity,
                             std::optional<Id> org_id = std::nullopt) {
    auto head = services_->registry.GetHousehold(admin_, household.id).members.front();
    PartyMemberInput input;
    input.resident_id = head.id;
    input.org_id = org_id.value_or(org_.id);
    input.status = "full";
    input.capacity = capacity;
    input.joined_on = "2000-07-01";
    return services_->registry.CreatePartyMember(admin_, input);
  }

  NetworkService& network() { return services_->network; }

  std::vector<domain::ContactLink> Links() {
    auto tx = services_->store->BeginRead();
    return tx->Network().ListLinks(village_a_.path);
  }

  domain::PartyOrg org_;
  std::vector<domain::Household> houses_;
  domain::PartyMember m1_, m2_;
  Actor member_actor_, leader_;
};

TEST_F(NetworkServiceTest, PreviewApplyAndStableRerun) {
  NetworkPreview preview = network().Preview(admin_, village_a_.id);
  EXPECT_EQ(preview.added.size(), 7u);  // 6 new households + household_a_; capacity 10.
  EXPECT_TRUE(preview.removed.empty());
  EXPECT_TRUE(preview.uncovered.empty());
  EXPECT_FALSE(preview.plan_id.empty());
  ApplyResult applied = network().Apply(admin_, preview.plan_id);
  EXPECT_EQ(applied.added, 7);
  EXPECT_EQ(Links().size(), 7u);
  // A re-run on unchanged input keeps every link.
  NetworkPreview again = network().Preview(admin_, village_a_.id);
  EXPECT_TRUE(again.added.empty());
  EXPECT_TRUE(again.removed.empty());
  EXPECT_EQ(again.kept.size(), 7u);
  // The plan is gone once applied.
  EXPECT_THROW(network().Apply(admin_, preview.plan_id), domain::NotFound);
  // Only organisers may preview.
  EXPECT_THROW(network().Preview(assistant_, village_a_.id), domain::Forbidden);
}

// A deployment's server processes share only the database: a plan previewed by one is applied by
// another (the leader layer with it), once, and an expired plan is not applied by either.
TEST_F(NetworkServiceTest, APlanPreviewedByOneServerProcessIsAppliedByAnotherOnce) {
  NetworkService other_process(*services_->store);
  NetworkPreview preview = network().Preview(admin_, village_a_.id);
  ASSERT_EQ(preview.added.size(), 7u);
  ApplyResult applied = other_process.Apply(admin_, preview.plan_id);
  EXPECT_EQ(applied.added, 7);
  EXPECT_EQ(applied.region_id, village_a_.id);
  EXPECT_EQ(Links().size(), 7u);
  try {
    network().Apply(admin_, preview.plan_id);
    FAIL() << "applied twice";
  } catch (const domain::NotFound& e) {
    EXPECT_EQ(e.code(), "network.plan_not_found");
  }

  // A repair plan (no leader layer) after m1 dies moves m1's households to m2, across processes.
  MemberStatusInput status;
  status.deceased = true;
  NetworkPreview repair = network().ChangeMemberStatus(admin_, m1_.id, status);
  ASSERT_FALSE(repair.removed.empty());
  ApplyResult repaired = other_process.Apply(admin_, repair.plan_id);
  EXPECT_EQ(repaired.removed, static_cast<std::int64_t>(repair.removed.size()));
  for (const auto& l : Links()) EXPECT_NE(l.member_id, m1_.id);

  NetworkPreview late = network().Preview(admin_, village_a_.id);
  Actor later = admin_;
  later.now += 31 * 60;
  EXPECT_THROW(other_process.Apply(later, late.plan_id), domain::NotFound);
  // Only an organiser of the village applies it, whichever process it reaches.
  EXPECT_THROW(other_process.Apply(assistant_, late.plan_id), domain::Forbidden);
  EXPECT_EQ(other_process.Apply(admin_, late.plan_id).region_id, village_a_.id);
}

TEST_F(NetworkServiceTest, StalePlanIsRefused) {
  NetworkPreview preview = network().Preview(admin_, village_a_.id);
  Household(village_a_.id, "东关村99号", "赵新", domain::MakeIdCard("131124", "19900101", 7));
  try {
    network().Apply(admin_, preview.plan_id);
    FAIL() << "expected plan_stale";
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "network.plan_stale");
  }
}

TEST_F(NetworkServiceTest, PinsAreKeptAndUncoveredHasReasons) {
  LinkInput pin;
  pin.member_id = m2_.id;
  pin.household_id = houses_[0].id;  // Far from m2 on purpose: m1 lives there.
  network().Pin(admin_, pin);
  MemberStatusInput status;
  status.capacity = 1;
  services_->network.ChangeMemberStatus(admin_, m2_.id, status);
  NetworkPreview preview = network().Preview(admin_, village_a_.id);
  bool pin_kept = false;
  for (const auto& l : preview.kept) {
    if (l.household_id == houses_[0].id && l.member_id == m2_.id) pin_kept = true;
  }
  EXPECT_TRUE(pin_kept);
  // m1 takes 4, m2 has its pin (capacity 1): 2 households remain uncovered.
  EXPECT_EQ(preview.uncovered.size(), 2u);
  for (const auto& u : preview.uncovered) EXPECT_EQ(u.reason, "no_capacity_left");
}

TEST_F(NetworkServiceTest, DeceasedMemberGetsARepairPlanForTheirHouseholdsOnly) {
  network().Apply(admin_, network().Preview(admin_, village_a_.id).plan_id);
  std::size_t m1_links = 0;
  for (const auto& l : Links()) m1_links += l.member_id == m1_.id;
  ASSERT_GT(m1_links, 0u);
  MemberStatusInput status;
  status.deceased = true;
  NetworkPreview repair = network().ChangeMemberStatus(admin_, m1_.id, status);
  EXPECT_EQ(repair.removed.size(), m1_links);
  for (const auto& l : repair.removed) EXPECT_EQ(l.member_id, m1_.id);
  for (const auto& l : repair.added) EXPECT_EQ(l.member_id, m2_.id);
  ApplyResult applied = network().Apply(admin_, repair.plan_id);
  EXPECT_EQ(applied.removed, static_cast<std::int64_t>(m1_links));
  for (const auto& l : Links()) EXPECT_NE(l.member_id, m1_.id);
}

TEST_F(NetworkServiceTest, OrganiserPinsAMembersLeaderAndTheBuildKeepsIt) {
  PartyOrgInput group;
  group.parent_id = org_.id;
  group.kind = "group";
  group.name = "第一党小组";
  group.region_id = village_a_.id;
  group.leader_member_id = m1_.id;
  services_->registry.CreatePartyOrg(admin_, group);
  // In the branch itself, not in m1's group: only the pinned link makes m1 the ward's leader.
  domain::PartyMember ward = Member(houses_[5], 10);
  auto leader_of = [&](Id member_id) -> std::optional<domain::LeaderLink> {
    for (const auto& g : network().GetVillage(admin_, village_a_.id).groups) {
      for (const auto& m : g.members) {
        if (m.member.id == member_id && m.leader_link) return m.leader_link;
      }
    }
    return std::nullopt;
  };

  domain::LeaderLink pinned = network().PinLeader(admin_, m1_.id, ward.id);
  EXPECT_EQ(pinned.kind, domain::LinkKind::kPinned);
  ASSERT_TRUE(leader_of(ward.id));
  EXPECT_EQ(leader_of(ward.id)->leader_member_id, m1_.id);
  // Pinning again replaces the link rather than adding one.
  network().PinLeader(admin_, m1_.id, ward.id);
  std::size_t links = 0;
  for (const auto& g : network().GetVillage(admin_, village_a_.id).groups) {
    for (const auto& l : g.led_members) links += l.member_id == ward.id;
  }
  EXPECT_EQ(links, 1u);
  // A build keeps the pin.
  network().Apply(admin_, network().Preview(admin_, village_a_.id).plan_id);
  ASSERT_TRUE(leader_of(ward.id));
  EXPECT_EQ(leader_of(ward.id)->kind, domain::LinkKind::kPinned);
  // The contact card of a household the ward looks after names the ward's leader.
  network().Pin(admin_, {ward.id, houses_[4].id, "pinned"});
  bool card_seen = false;
  for (const auto& card : network().VillageCards(admin_, village_a_.id)) {
    if (card.household_id != houses_[4].id) continue;
    card_seen = true;
    EXPECT_EQ(card.member_name, ward.name);
    EXPECT_EQ(card.leader_name, m1_.name);
  }
  EXPECT_TRUE(card_seen);

  // Refused: a member who leads nothing, a leader for themself, a village assistant of another
  // village; then the link is removed and a second removal finds nothing.
  auto code_of = [](auto call) {
    try {
      call();
    } catch (const domain::InvalidInput& e) {
      return e.code() + (e.problems().empty() ? "" : ":" + e.problems().front().code);
    } catch (const domain::Error& e) {
      return e.code();
    }
    return std::string("none");
  };
  EXPECT_EQ(code_of([&] { network().PinLeader(admin_, m2_.id, ward.id); }),
            "validation.failed:network.not_a_leader");
  EXPECT_EQ(code_of([&] { network().PinLeader(admin_, m1_.id, m1_.id); }),
            "validation.failed:network.leader_self");
  Actor other = UserActor("assistant_b", "village_assistant", village_b_.id);
  EXPECT_EQ(code_of([&] { network().PinLeader(other, m1_.id, ward.id); }), "auth.forbidden");
  network().UnlinkLeader(admin_, ward.id);
  EXPECT_FALSE(leader_of(ward.id));
  EXPECT_EQ(code_of([&] { network().UnlinkLeader(admin_, ward.id); }), "network.link_not_found");
}

TEST_F(NetworkServiceTest, LeaderLayerRespectsCapacityPinsAndListsLeaderlessGroups) {
  PartyOrgInput group;
  group.parent_id = org_.id;
  group.kind = "group";
  group.name = "第一党小组";
  group.region_id = village_a_.id;
  group.leader_member_id = m1_.id;
  domain::PartyOrg led = services_->registry.CreatePartyOrg(admin_, group);
  group.name = "第二党小组";
  group.leader_member_id.reset();
  domain::PartyOrg leaderless = services_->registry.CreatePartyOrg(admin_, group);
  std::vector<domain::PartyMember> others = {
      Member(houses_[1], 10, led.id), Member(houses_[2], 10, led.id),
      Member(houses_[4], 10, leaderless.id), Member(houses_[5], 10, leaderless.id)};
  domain::NetworkSettings settings = network().GetSettings(admin_, village_a_.id);
  settings.members_per_leader = 3;
  network().PutSettings(admin_, village_a_.id, settings);
  // The organisation designates the farthest member (houses_[5]) for the leader.
  {
    auto tx = services_->store->Begin();
    domain::LeaderLink pin;
    pin.id = domain::NewId();
    pin.leader_member_id = m1_.id;
    pin.member_id = others[3].id;
    pin.kind = domain::LinkKind::kPinned;
    pin.created_at = admin_.now;
    tx->Network().InsertLeaderLink(pin);
    tx->Commit();
  }

  NetworkPreview preview = network().Preview(admin_, village_a_.id);
  ASSERT_TRUE(preview.leaders.has_value());
  const LeaderPreview& leaders = *preview.leaders;
  // Wards: m2 and the four others (the leader is not their own ward); capacity 3, one pinned.
  ASSERT_EQ(leaders.kept.size(), 1u);
  EXPECT_EQ(leaders.kept[0].member_id, others[3].id);
  EXPECT_EQ(leaders.kept[0].kind, domain::LinkKind::kPinned);
  EXPECT_EQ(leaders.added.size(), 2u);
  EXPECT_EQ(leaders.uncovered.size(), 2u);
  for (const auto& u : leaders.uncovered) EXPECT_EQ(u.reason, "no_capacity_left");
  // Nearest first: houses_[1] and houses_[2] are next to the leader's houses_[0].
  for (const auto& l : leaders.added) {
    EXPECT_EQ(l.leader_member_id, m1_.id);
    EXPECT_TRUE(l.member_id == others[0].id || l.member_id == others[1].id) << l.member_name;
  }
  ASSERT_EQ(leaders.loads.size(), 1u);
  EXPECT_EQ(leaders.loads[0].households, 3);
  ASSERT_EQ(leaders.groups_without_leader.size(), 1u);
  EXPECT_EQ(leaders.groups_without_leader[0].id, leaderless.id);

  ApplyResult applied = network().Apply(admin_, preview.plan_id);
  EXPECT_EQ(applied.leader_added, 2);
  EXPECT_EQ(applied.leader_kept, 1);
  VillageNetwork village = network().GetVillage(admin_, village_a_.id);
  std::size_t led_members = 0, members_with_leader = 0;
  for (const auto& g : village.groups) {
    if (g.org.id == led.id) led_members = g.led_members.size();
    for (const auto& m : g.members) members_with_leader += m.leader_link.has_value();
  }
  EXPECT_EQ(led_members, 3u);
  EXPECT_EQ(members_with_leader, 3u);

  // With room for everyone every member is covered, the pin still kept; a re-run is stable.
  settings.members_per_leader = 10;
  network().PutSettings(admin_, village_a_.id, settings);
  NetworkPreview roomy = network().Preview(admin_, village_a_.id);
  EXPECT_TRUE(roomy.leaders->uncovered.empty());
  EXPECT_EQ(roomy.leaders->kept.size(), 3u);
  EXPECT_EQ(roomy.leaders->added.size(), 2u);
  EXPECT_TRUE(roomy.leaders->removed.empty());
  network().Apply(admin_, roomy.plan_id);
  NetworkPreview again = network().Preview(admin_, village_a_.id);
  EXPECT_TRUE(again.leaders->added.empty());
  EXPECT_TRUE(again.leaders->removed.empty());
  EXPECT_EQ(again.leaders->kept.size(), 5u);
  EXPECT_FALSE(network().My(member_actor_).leader.has_value());  // m1 leads; nobody leads m1.
}

TEST_F(NetworkServiceTest, CoverageCountsLinkedHouseholdsAndMembers) {
  network().Apply(admin_, network().Preview(admin_, village_a_.id).plan_id);
  CoverageReport report = network().Coverage(leader_, township_.id, {0, 20, ""});
  EXPECT_EQ(report.region.households, 8);  // 7 in A, 1 in B.
  EXPECT_EQ(report.region.households_covered, 7);
  EXPECT_EQ(report.region.members, 2);
  EXPECT_EQ(report.region.members_involved, 2);
  EXPECT_EQ(report.uncovered.total, 1);
  ASSERT_EQ(report.children.size(), 2u);
  EXPECT_THROW(network().Coverage(member_actor_, township_.id, {0, 20, ""}), domain::Forbidden);
}

TEST_F(NetworkServiceTest, VisitRulesCorrectionConfirmationAndReview) {
  network().Apply(admin_, network().Preview(admin_, village_a_.id).plan_id);
  Id mine = 0, other = 0;
  for (const auto& l : Links()) (l.member_id == m1_.id ? mine : other) = l.household_id;
  ASSERT_NE(mine, 0);
  ASSERT_NE(other, 0);
  VisitInput input;
  input.household_id = mine;
  input.learned = "老人身体尚好，麦子已收";
  domain::Visit visit = network().LogVisit(member_actor_, input);
  EXPECT_EQ(visit.visitor_kind, domain::VisitorKind::kPartyMember);
  EXPECT_EQ(visit.member_id, m1_.id);
  input.household_id = other;
  try {
    network().LogVisit(member_actor_, input);
    FAIL() << "expected not_linked";
  } catch (const domain::Forbidden& e) {
    EXPECT_EQ(e.code(), "network.not_linked");
  }
  // The assistant visits any household of the village; corrections are new entries.
  VisitInput correction;
  correction.household_id = mine;
  correction.learned = "更正：麦子尚未收完";
  correction.corrects_id = visit.id;
  domain::Visit corrected = network().LogVisit(assistant_, correction);
  EXPECT_EQ(corrected.corrects_id, visit.id);
  EXPECT_NE(corrected.id, visit.id);
  EXPECT_EQ(corrected.visitor_kind, domain::VisitorKind::kVillageAssistant);
  // The card code is no proof: the member holds the card (and can download it).
  auto cards = network().VillageCards(admin_, village_a_.id);
  std::string code;
  for (const auto& c : cards) {
    if (c.household_id == mine) code = c.card_code;
  }
  ASSERT_EQ(code.size(), 6u);
  try {
    network().ConfirmVisit(member_actor_, visit.id, code);
    FAIL() << "expected proof_required";
  } catch (const domain::Forbidden& e) {
    EXPECT_EQ(e.code(), "visit.proof_required");
  }
  EXPECT_FALSE(network().GetVisit(admin_, visit.id).confirmed_at.has_value());
  VisitQuery query;
  query.household_id = mine;
  auto confirmed = network().ListVisits(member_actor_, query, {0, 20, ""});
  ASSERT_EQ(confirmed.total, 2);
  // Review by a supervisor only, grade 1..5.
  EXPECT_THROW(network().ReviewVisit(leader_, visit.id, 6, ""), domain::InvalidInput);
  EXPECT_THROW(network().ReviewVisit(assistant_, visit.id, 4, ""), domain::Forbidden);
  EXPECT_EQ(network().ReviewVisit(leader_, visit.id, 4, "记录详实").grade, 4);
}

TEST_F(NetworkServiceTest, VisitConfirmedByTheHouseholdPhone) {
  network().Apply(admin_, network().Preview(admin_, village_a_.id).plan_id);
  Id mine = 0;
  for (const auto& l : Links()) {
    if (l.member_id == m1_.id && l.household_id != houses_[0].id) mine = l.household_id;
  }
  ASSERT_NE(mine, 0);
  VisitInput input;
  input.household_id = mine;
  input.learned = "孩子上学的事已落实";
  domain::Visit visit = network().LogVisit(member_actor_, input);
  std::string masked = network().SendVisitPhoneCode(member_actor_, visit.id);
  EXPECT_NE(masked.find('*'), std::string::npos);
  std::string text;
  {
    auto tx = services_->store->BeginRead();
    auto sms = tx->Matters().ListSms({0, 10, ""});
    ASSERT_FALSE(sms.items.empty());
    text = sms.items.front().text;
    EXPECT_EQ(sms.items.front().phone.substr(0, 9), "139000000");  // The head's phone.
  }
  std::string code;
  for (char c : text) {
    if (c >= '0' && c <= '9')
      code += c;
    else if (code.size() == 6)
      break;
    else
      code.clear();
  }
  ASSERT_EQ(code.size(), 6u) << text;
  std::string wrong = code == "000000" ? "111111" : "000000";
  try {
    network().ConfirmVisitByPhone(member_actor_, visit.id, wrong);
    FAIL() << "expected bad_phone_code";
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "visit.bad_phone_code");
  }
  domain::Visit confirmed = network().ConfirmVisitByPhone(member_actor_, visit.id, code);
  ASSERT_TRUE(confirmed.confirmed_at.has_value());
  EXPECT_EQ(confirmed.confirmed_via, "phone_code");
  EXPECT_EQ(network().GetVisit(admin_, visit.id).confirmed_via, "phone_code");
  // Once confirmed, no further code is sent.
  EXPECT_THROW(network().SendVisitPhoneCode(member_actor_, visit.id), domain::Conflict);
}

// The household's side of a visit: a household of m1's (not m1's own) with a logged visit, its
// card code, the one-time codes from the SMS outbox.
class VisitTrustTest : public NetworkServiceTest {
 protected:
  void SetUp() override {
    NetworkServiceTest::SetUp();
    network().Apply(admin_, network().Preview(admin_, village_a_.id).plan_id);
    for (const auto& l : Links()) {
      if (l.member_id == m1_.id && l.household_id != houses_[0].id && household_ == 0) {
        household_ = l.household_id;
      }
    }
    ASSERT_NE(household_, 0);
    for (const auto& c : network().VillageCards(admin_, village_a_.id)) {
      if (c.household_id == household_) card_code_ = c.card_code;
    }
    ASSERT_EQ(card_code_.size(), 6u);
    visit_ = LogOne();
  }

  domain::Visit LogOne() {
    VisitInput input;
    input.household_id = household_;
    input.learned = "询问了春耕用种情况";
    return network().LogVisit(member_actor_, input);
  }

  // The household's own resident account.
  Actor HouseholdAccount(const std::string& username, Id household_id) {
    auto head = services_->registry.GetHousehold(admin_, household_id).members.front();
    return UserActor(username, "resident", std::nullopt, head.id);
  }

  // The 6-digit code of the newest SMS.
  std::string LastSmsCode() {
    auto tx = services_->store->BeginRead();
    auto sms = tx->Matters().ListSms({0, 10, ""});
    if (sms.items.empty()) return "";
    std::string code;
    for (char c : sms.items.front().text) {
      if (c >= '0' && c <= '9') {
        code += c;
      } else if (code.size() == 6) {
        break;
      } else {
        code.clear();
      }
    }
    return code.size() == 6 ? code : "";
  }

  template <typename E>
  std::string CodeOf(const std::function<void()>& f) {
    try {
      f();
    } catch (const E& e) {
      return e.code();
    }
    return "(no error)";
  }

  Id household_ = 0;
  std::string card_code_;
  domain::Visit visit_;
};

TEST_F(VisitTrustTest, TheMembersCardCodeConfirmsNothing) {
  // The member, in their own view, with the code printed on the card they carry.
  EXPECT_EQ(CodeOf<domain::Forbidden>(
                [&] { network().ConfirmVisit(member_actor_, visit_.id, card_code_); }),
            "visit.proof_required");
  // The member on the household's public page with the same card code.
  EXPECT_EQ(CodeOf<domain::Forbidden>(
                [&] { network().ConfirmVisitPublic(card_code_, visit_.id, "", kNow); }),
            "visit.proof_required");
  // Without a code the member is told which proof is needed, not confirmed.
  EXPECT_EQ(CodeOf<domain::Forbidden>(
                [&] { network().ConfirmVisitByHousehold(member_actor_, visit_.id); }),
            "visit.proof_required");
  domain::Visit after = network().GetVisit(admin_, visit_.id);
  EXPECT_FALSE(after.confirmed_at.has_value());
  // The household's public page lists the visit as waiting.
  auto pending = network().PendingVisitsPublic(card_code_);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].id, visit_.id);
}

TEST_F(VisitTrustTest, AnotherHouseholdsAccountCannotConfirm) {
  // A neighbour of the same village, not the member's own household.
  Id neighbour = houses_[1].id == household_ ? houses_[2].id : houses_[1].id;
  Actor other = HouseholdAccount("other_household", neighbour);
  EXPECT_EQ(CodeOf<domain::Forbidden>([&] { network().ConfirmVisitByHousehold(other, visit_.id); }),
            "visit.not_own_household");
  EXPECT_FALSE(network().GetVisit(admin_, visit_.id).confirmed_at.has_value());
}

TEST_F(VisitTrustTest, TheHouseholdsAccountConfirms) {
  Actor own = HouseholdAccount("own_household", household_);
  // The account reads its household's visits (and only those).
  VisitQuery query;
  auto listed = network().ListVisits(own, query, {0, 20, ""});
  ASSERT_EQ(listed.total, 1);
  EXPECT_EQ(listed.items[0].id, visit_.id);
  domain::Visit confirmed = network().ConfirmVisitByHousehold(own, visit_.id);
  ASSERT_TRUE(confirmed.confirmed_at.has_value());
  EXPECT_EQ(confirmed.confirmed_via, "household_account");
  EXPECT_EQ(CodeOf<domain::Conflict>([&] { network().ConfirmVisitByHousehold(own, visit_.id); }),
            "visit.confirmed");
  // The confirmation is in the audit log with its channel.
  auto tx = services_->store->BeginRead();
  bool audited = false;
  AuditFilter filter;
  filter.entity = "visit";
  filter.entity_id = visit_.id;
  for (const auto& e : tx->ListAudit(filter, {0, 50, ""}).items) {
    if (e.action == "visit.confirm") {
      audited = e.after_json.find("household_account") != std::string::npos;
    }
  }
  EXPECT_TRUE(audited);
}

TEST_F(VisitTrustTest, TheSmsCodeConfirmsOnceAndWrongOrExpiredCodesDoNot) {
  // From the public page: the code goes to the head's phone, never to the page.
  std::string masked = network().SendVisitPhoneCodePublic(card_code_, visit_.id, kNow);
  EXPECT_NE(masked.find('*'), std::string::npos);
  std::string code = LastSmsCode();
  ASSERT_EQ(code.size(), 6u);
  std::string wrong = code == "000000" ? "111111" : "000000";
  EXPECT_EQ(CodeOf<domain::InvalidInput>(
                [&] { network().ConfirmVisitPublic(card_code_, visit_.id, wrong, kNow); }),
            "visit.bad_phone_code");
  // Expired: the same right code eleven minutes later.
  EXPECT_EQ(CodeOf<domain::InvalidInput>(
                [&] { network().ConfirmVisitPublic(card_code_, visit_.id, code, kNow + 660); }),
            "visit.phone_code_expired");
  domain::Visit confirmed = network().ConfirmVisitPublic(card_code_, visit_.id, code, kNow + 60);
  EXPECT_EQ(confirmed.confirmed_via, "phone_code");
  EXPECT_TRUE(network().PendingVisitsPublic(card_code_).empty());
  // Used once: not for this visit again, nor for another visit of the household.
  EXPECT_EQ(CodeOf<domain::Conflict>(
                [&] { network().ConfirmVisitByPhone(member_actor_, visit_.id, code); }),
            "visit.confirmed");
  domain::Visit second = LogOne();
  EXPECT_EQ(CodeOf<domain::InvalidInput>(
                [&] { network().ConfirmVisitByPhone(member_actor_, second.id, code); }),
            "visit.bad_phone_code");
  EXPECT_EQ(CodeOf<domain::InvalidInput>(
                [&] { network().ConfirmVisitPublic(card_code_, second.id, code, kNow + 60); }),
            "visit.bad_phone_code");
  EXPECT_FALSE(network().GetVisit(admin_, second.id).confirmed_at.has_value());
}

TEST_F(VisitTrustTest, WrongCodesAreLockedOut) {
  network().SendVisitPhoneCode(member_actor_, visit_.id);
  std::string code = LastSmsCode();
  std::string wrong = code == "000000" ? "111111" : "000000";
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(CodeOf<domain::InvalidInput>(
                  [&] { network().ConfirmVisitByPhone(member_actor_, visit_.id, wrong); }),
              "visit.bad_phone_code");
  }
  EXPECT_EQ(CodeOf<domain::RateLimited>(
                [&] { network().ConfirmVisitByPhone(member_actor_, visit_.id, code); }),
            "visit.too_many_attempts");
}

TEST_F(VisitTrustTest, QuotasCountConfirmedAndUnconfirmedApart) {
  // One household visited (unconfirmed), a second visited and confirmed by its account.
  Id second_household = houses_[1].id == household_ ? houses_[2].id : houses_[1].id;
  network().Pin(admin_, {m1_.id, second_household, "pinned"});
  VisitInput input;
  input.household_id = second_household;
  input.learned = "家中老人住院";
  domain::Visit other = network().LogVisit(member_actor_, input);
  network().ConfirmVisitByHousehold(HouseholdAccount("second_household", second_household),
                                    other.id);
  QuotaReport quota = network().Quota(admin_, village_a_.id, network_internal::YearOf(kNow));
  ASSERT_EQ(quota.villages.size(), 1u);
  EXPECT_EQ(quota.villages[0].row.visited, 2);
  EXPECT_EQ(quota.villages[0].row.confirmed, 1);
  ASSERT_EQ(quota.visitors.size(), 1u);
  EXPECT_EQ(quota.visitors[0].visited, 2);
  EXPECT_EQ(quota.visitors[0].confirmed, 1);
  VisitQuery unconfirmed;
  unconfirmed.confirmed = false;
  EXPECT_EQ(network().ListVisits(member_actor_, unconfirmed, {0, 20, ""}).total, 1);
  MyNetwork my = network().My(member_actor_);
  for (const auto& h : my.households) {
    if (h.household.id == household_) {
      EXPECT_TRUE(h.last_visit_at.has_value());
      EXPECT_FALSE(h.last_confirmed_visit_at.has_value());
    }
    if (h.household.id == second_household) {
      EXPECT_TRUE(h.last_confirmed_visit_at.has_value());
    }
  }
}

TEST_F(NetworkServiceTest, PinToAnotherVillagesMemberIsRefused) {
  PartyOrgInput branch;
  branch.kind = "branch";
  branch.name = "西关村党支部";
  branch.region_id = village_b_.id;
  domain::PartyMember west =
      Member(household_b_, 5, services_->registry.CreatePartyOrg(admin_, branch).id);
  try {
    network().Pin(admin_, {west.id, houses_[1].id, "pinned"});
    FAIL() << "expected pin_other_village";
  } catch (const domain::InvalidInput& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].code, "network.pin_other_village");
  }
  for (const auto& l : Links()) EXPECT_NE(l.member_id, west.id);
}

TEST_F(NetworkServiceTest, RepairPlanKeepsTheMembersPinnedLinks) {
  network().Apply(admin_, network().Preview(admin_, village_a_.id).plan_id);
  network().Pin(admin_, {m1_.id, houses_[5].id, "pinned"});
  MemberStatusInput status;
  status.away = true;
  NetworkPreview repair = network().ChangeMemberStatus(admin_, m1_.id, status);
  for (const auto& l : repair.removed) EXPECT_NE(l.household_id, houses_[5].id);
  bool kept = false;
  for (const auto& l : repair.kept) kept = kept || (l.household_id == houses_[5].id);
  EXPECT_TRUE(kept);
  network().Apply(admin_, repair.plan_id);
  bool still = false;
  for (const auto& l : Links()) {
    still = still || (l.household_id == houses_[5].id && l.member_id == m1_.id);
  }
  EXPECT_TRUE(still);
}

TEST_F(NetworkServiceTest, WindowStaffStayInTheirTownship) {
  domain::Region other_town = Region(county_.id, "township", "131124200000", "大尹村镇");
  domain::Region other_village = Region(other_town.id, "village", "131124200001", "南村");
  domain::Household far = Household(other_village.id, "南村1号", "赵国强",
                                    domain::MakeIdCard("131124", "19600101", 33));
  domain::PartyOrg far_org = [&] {
    PartyOrgInput branch;
    branch.kind = "branch";
    branch.name = "南村党支部";
    branch.region_id = other_village.id;
    return services_->registry.CreatePartyOrg(admin_, branch);
  }();
  domain::PartyMember far_member = Member(far, 5, far_org.id);
  Actor clerk = UserActor("clerk_a", "centre_staff", township_.id);
  // A household of the clerk's township pinned to another township's member.
  EXPECT_THROW(network().Pin(clerk, {far_member.id, houses_[1].id, "pinned"}), domain::Forbidden);
  // Settings of another township's village.
  domain::NetworkSettings settings = network().GetSettings(admin_, other_village.id);
  settings.households_per_member = 3;
  EXPECT_THROW(network().PutSettings(clerk, other_village.id, settings), domain::Forbidden);
  EXPECT_THROW(network().PutSettings(clerk, county_.id, settings), domain::Forbidden);
  EXPECT_NE(network().GetSettings(admin_, other_village.id).households_per_member, 3);
}

TEST_F(NetworkServiceTest, NoticeDetailIsScopedLikeTheList) {
  NoticeInput input;
  input.region_id = village_b_.id;
  input.kind = "policy";
  input.title = "西关村低保复核";
  domain::Notice notice =
      network().PublishNotice(UserActor("assistant_b", "village_assistant", village_b_.id), input);
  // m1 is a member of 东关村: the list does not show the notice, nor may the detail.
  EXPECT_EQ(network().ListNotices(member_actor_, std::nullopt, {0, 20, ""}).total, 0);
  EXPECT_THROW(network().GetNotice(member_actor_, notice.id), domain::Forbidden);
  input.region_id = village_a_.id;
  input.title = "东关村通知";
  domain::Notice own = network().PublishNotice(assistant_, input);
  EXPECT_EQ(network().GetNotice(member_actor_, own.id).notice.title, "东关村通知");
}

TEST_F(NetworkServiceTest, VisitRaisesAMatterInOneStep) {
  network().Apply(admin_, network().Preview(admin_, village_a_.id).plan_id);
  Id mine = 0;
  for (const auto& l : Links()) {
    if (l.member_id == m1_.id) mine = l.household_id;
  }
  ASSERT_NE(mine, 0);
  VisitInput input;
  input.household_id = mine;
  input.problems = "房后排水沟堵塞，雨天积水进院";
  input.raise_matter = VisitMatterInput{};
  // A bad reference is refused before any matter is created.
  input.notice_id = 12345;
  EXPECT_THROW(network().LogVisit(member_actor_, input), domain::InvalidInput);
  input.notice_id.reset();
  domain::Visit visit = network().LogVisit(member_actor_, input);
  ASSERT_EQ(visit.matter_ids.size(), 1u);
  MatterDetail matter = services_->queries.GetMatter(admin_, visit.matter_ids[0]);
  EXPECT_EQ(matter.matter.household_id, mine);
  EXPECT_EQ(matter.matter.content, "房后排水沟堵塞，雨天积水进院");
  EXPECT_EQ(matter.matter.title, "房后排水沟堵塞，雨天积水进院");
  EXPECT_EQ(network().GetVisit(admin_, visit.id).matter_ids, visit.matter_ids);
  std::size_t open = 0, matters_of_mine = 0;
  for (const auto& h : network().My(member_actor_).households) {
    open += h.open_matters.size();
    if (h.household.id != mine) continue;
    for (const auto& m : h.open_matters) matters_of_mine += m.id == visit.matter_ids[0];
  }
  EXPECT_EQ(matters_of_mine, 1u);
  EXPECT_EQ(open, 1u);
}

TEST_F(NetworkServiceTest, NoticesFlowToLinkedHouseholds) {
  network().Apply(admin_, network().Preview(admin_, village_a_.id).plan_id);
  NoticeInput input;
  input.region_id = village_a_.id;
  input.kind = "opinion";
  input.title = "村道硬化征求意见";
  input.body = "请各户提出意见";
  domain::Notice notice = network().PublishNotice(assistant_, input);
  NoticeDetail detail = network().GetNotice(assistant_, notice.id);
  EXPECT_EQ(detail.deliveries.size(), 7u);
  Id mine = 0, other = 0;
  for (const auto& l : Links()) (l.member_id == m1_.id ? mine : other) = l.household_id;
  network().RecordDelivery(member_actor_, notice.id, mine, "同意，希望秋收后施工");
  EXPECT_THROW(network().RecordDelivery(member_actor_, notice.id, other, ""), domain::Forbidden);
  detail = network().GetNotice(assistant_, notice.id);
  int delivered = 0;
  for (const auto& d : detail.deliveries) {
    if (d.delivered_at) {
      ++delivered;
      EXPECT_EQ(d.opinion, "同意，希望秋收后施工");
    }
  }
  EXPECT_EQ(delivered, 1);
  MyNetwork my = network().My(member_actor_);
  std::size_t pending = 0;
  for (const auto& h : my.households) {
    pending += h.pending_notices.size();
    for (const auto& n : h.pending_notices) {
      EXPECT_EQ(n.title, "村道硬化征求意见");
      EXPECT_EQ(n.kind, domain::NoticeKind::kOpinion);
    }
  }
  EXPECT_EQ(pending, my.households.size() - 1);
}

TEST_F(NetworkServiceTest, EventsPromptTheLinkedMember) {
  network().Apply(admin_, network().Preview(admin_, village_a_.id).plan_id);
  Id mine = 0;
  for (const auto& l : Links()) {
    if (l.member_id == m1_.id) mine = l.household_id;
  }
  HouseholdEventInput input;
  input.household_id = mine;
  input.kind = "hospital";
  input.date = "2026-05-20";
  input.note = "老人住院";
  domain::HouseholdEvent event = network().RecordEvent(assistant_, input);
  EXPECT_EQ(event.member_id, m1_.id);
  MyNetwork my = network().My(member_actor_);
  std::size_t events = 0;
  for (const auto& h : my.households) events += h.events.size();
  EXPECT_EQ(events, 1u);
  EXPECT_EQ(network().ListEvents(assistant_, village_a_.id, true).size(), 1u);
  network().Attend(member_actor_, event.id, "已到医院看望");
  EXPECT_TRUE(network().ListEvents(assistant_, village_a_.id, true).empty());
}

TEST_F(NetworkServiceTest, QuotaSmallVillageNeedsAllLargeEightyPercent) {
  domain::NetworkSettings settings;
  settings.small_village_households = 5;
  network().PutSettings(admin_, township_.id, settings);
  VisitInput visit;
  visit.household_id = household_a_.id;
  visit.learned = "走访";
  network().LogVisit(assistant_, visit);
  QuotaReport report = network().Quota(leader_, township_.id, 2026);
  ASSERT_EQ(report.villages.size(), 2u);
  for (const auto& v : report.villages) {
    if (v.row.region_id == village_a_.id) {
      EXPECT_EQ(v.row.households, 7);
      EXPECT_FALSE(v.row.small);
      EXPECT_EQ(v.row.quota_percent, 80);
      EXPECT_EQ(v.row.visited, 1);
    } else {
      EXPECT_TRUE(v.row.small);
      EXPECT_EQ(v.row.quota_percent, 100);
      EXPECT_EQ(v.row.visited, 0);
    }
  }
  ASSERT_EQ(report.visitors.size(), 1u);
  EXPECT_EQ(report.visitors[0].visited, 1);
  EXPECT_EQ(network().Unvisited(leader_, village_a_.id, 2026, {0, 50, ""}).total, 6);
}

TEST_F(NetworkServiceTest, VisitorCandidatesAreDiaryWritersInTheReadersScopeByName) {
  UserActor("assistant_b", "village_assistant", village_b_.id);
  auto names = [](const std::vector<VisitorCandidate>& found) {
    std::vector<std::string> out;
    for (const auto& c : found) out.push_back(c.name);
    std::sort(out.begin(), out.end());
    return out;
  };
  using Names = std::vector<std::string>;
  // The village assistant: members and assistants of their village only.
  EXPECT_EQ(names(network().VisitorCandidates(assistant_, std::nullopt, "")),
            (Names{"assistant_a", "member1"}));
  EXPECT_EQ(names(network().VisitorCandidates(assistant_, std::nullopt, "mem")),
            (Names{"member1"}));
  // A county leader: everyone who writes the diary, not the leader (who does not).
  auto all = names(network().VisitorCandidates(leader_, std::nullopt, ""));
  EXPECT_NE(std::find(all.begin(), all.end(), "assistant_b"), all.end());
  EXPECT_NE(std::find(all.begin(), all.end(), "member1"), all.end());
  EXPECT_EQ(std::find(all.begin(), all.end(), "leader1"), all.end());
  EXPECT_EQ(names(network().VisitorCandidates(leader_, village_b_.id, "")), (Names{"assistant_b"}));
  // A party member is offered only themself; another village is out of the assistant's scope.
  EXPECT_EQ(names(network().VisitorCandidates(member_actor_, std::nullopt, "")),
            (Names{"member1"}));
  EXPECT_THROW(network().VisitorCandidates(assistant_, village_b_.id, ""), domain::Forbidden);
}

TEST_F(NetworkServiceTest, VillageCardsRenderChinese) {
  network().Apply(admin_, network().Preview(admin_, village_a_.id).plan_id);
  std::string pdf = network().VillageCardsPdf(admin_, village_a_.id);
  ASSERT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.find("WenQuanYi"), std::string::npos);  // The embedded font subset.
  auto path = dir_ / "cards.pdf";
  std::ofstream(path, std::ios::binary) << pdf;
  std::string base = (dir_ / "page").string();
  std::string cmd = "pdftoppm -png -r 60 -f 1 -l 1 -singlefile '" + path.string() + "' '" + base +
                    "' && pdftoppm -gray -r 60 -f 1 -l 1 -singlefile '" + path.string() + "' '" +
                    base + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  ASSERT_TRUE(std::filesystem::exists(base + ".png"));
  EXPECT_GT(std::filesystem::file_size(base + ".png"), 1000u);
  // Dark pixels in the text area (below the red header, above the QR code).
  std::ifstream pgm(base + ".pgm", std::ios::binary);
  std::string magic;
  int width = 0, height = 0, maxval = 0;
  pgm >> magic >> width >> height >> maxval;
  pgm.get();
  std::string pixels((std::istreambuf_iterator<char>(pgm)), {});
  ASSERT_EQ(magic, "P5");
  ASSERT_EQ(pixels.size(), static_cast<std::size_t>(width * height));
  int dark = 0;
  for (int y = height * 15 / 100; y < height * 55 / 100; ++y) {
    for (int x = 0; x < width; ++x) dark += static_cast<unsigned char>(pixels[y * width + x]) < 100;
  }
  EXPECT_GT(dark, 200);
  if (const char* keep = std::getenv("MINQING_KEEP_CARD_PNG")) {
    std::filesystem::copy_file(base + ".png", keep,
                               std::filesystem::copy_options::overwrite_existing);
  }
}

TEST_F(NetworkServiceTest, CardOfAGroupLeaderSaysTheMemberLeadsTheGroup) {
  PartyOrgInput group;
  group.parent_id = org_.id;
  group.kind = "group";
  group.name = "第一党小组";
  group.region_id = village_a_.id;
  group.leader_member_id = m1_.id;
  services_->registry.CreatePartyOrg(admin_, group);
  network().Apply(admin_, network().Preview(admin_, village_a_.id).plan_id);
  std::optional<ContactCardData> card;
  for (const auto& c : network().VillageCards(admin_, village_a_.id)) {
    if (c.member_name == m1_.name) card = c;
  }
  ASSERT_TRUE(card.has_value());
  EXPECT_TRUE(card->member_leads_group);
  EXPECT_TRUE(card->leader_name.empty());
  auto lines = ContactCardLines(*card);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].label, "党小组长");
  EXPECT_EQ(lines[1].value, "由联系党员本人担任");
  // The printed card says so too: its text, as a PDF reader extracts it.
  auto path = dir_ / "leader_card.pdf";
  std::ofstream(path, std::ios::binary) << RenderContactCardsPdf({*card});
  auto text_path = dir_ / "leader_card.txt";
  std::string cmd = "pdftotext -enc UTF-8 '" + path.string() + "' '" + text_path.string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(text_path);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(text.find("党小组长"), std::string::npos);
  EXPECT_NE(text.find("由联系党员本人担任"), std::string::npos);
}

TEST(ContactCardLinesTest, NamesTheLeaderOrADashWhenThereIsNone) {
  ContactCardData card;
  card.member_name = "王党员";
  card.member_phone = "13900000001";
  card.leader_name = "李组长";
  card.leader_phone = "13900000002";
  auto lines = ContactCardLines(card);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].value, "王党员  电话 13900000001");
  EXPECT_EQ(lines[1].value, "李组长  电话 13900000002");
  EXPECT_EQ(lines[2].value, "—");
  card.leader_name.clear();
  card.leader_phone.clear();
  EXPECT_EQ(ContactCardLines(card)[1].value, "—");  // A member of a group without a leader.
}

}  // namespace
}  // namespace minqing::app
