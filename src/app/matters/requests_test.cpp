#include "app/matters/requests.hpp"

#include <gtest/gtest.h>

#include "app/matters/test_fixture.hpp"

namespace minqing::app {
namespace {

class MatterRequestsTest : public MattersTest {
 protected:
  MatterRequestService& requests() { return services_->requests; }

  // Accepted 2026-09-01 09:00 (a Tuesday; due two working days later, 09-03), dispatched by rule
  // to unit 1 and signed for by handler 1 at once.
  domain::Matter InProgress() {
    auto m = AcceptParking(At("2026-09-01", 9)).matter;
    handling().Dispatch(WithNow(clerk_, At("2026-09-01", 9, 5)), m.id, std::nullopt, std::nullopt,
                        "");
    return handling().UnitAccept(WithNow(handler1_, At("2026-09-01", 9, 30)), m.id);
  }

  domain::Matter AskExtension(Id matter_id, const char* date = "2026-09-10") {
    ExtensionInput input;
    input.reason = "需要协调物业和城管共同处理";
    input.due_date = date;
    return requests().RequestExtension(WithNow(handler1_, At("2026-09-02", 10)), matter_id, input);
  }

  domain::Matter ProposeUnfounded(Id matter_id) {
    OutcomeInput input;
    input.outcome = "unfounded";
    input.reason = "经现场核实，门口没有占道停车";
    return requests().ProposeOutcome(WithNow(handler1_, At("2026-09-02", 11)), matter_id, input);
  }

  template <typename Fn>
  static std::string CodeOf(Fn&& fn) {
    try {
      fn();
    } catch (const domain::InvalidInput& e) {
      // A field problem carries the precise code (validation.failed around it).
      return e.problems().empty() ? e.code() : e.problems().front().code;
    } catch (const domain::Error& e) {
      return e.code();
    }
    return "";
  }
};

TEST_F(MatterRequestsTest, ApprovedExtensionMovesTheDeadlineAndTheOnTimeReply) {
  auto m = InProgress();
  const domain::Epoch old_due = m.due_at;
  m = AskExtension(m.id);
  EXPECT_TRUE(m.extension_pending);
  EXPECT_EQ(m.due_at, old_due);
  // A second request while one waits.
  EXPECT_EQ(CodeOf([&] { AskExtension(m.id, "2026-09-11"); }), "matter.extension_pending");

  m = requests().DecideExtension(WithNow(clerk_, At("2026-09-02", 14)), m.id, true, "", "同意");
  EXPECT_EQ(m.due_at, ChinaDayEnd(*domain::ParseDate("2026-09-10")));
  EXPECT_EQ(m.extension_count, 1);
  EXPECT_FALSE(m.extension_pending);
  // The cap (one approved extension by default).
  EXPECT_EQ(CodeOf([&] { AskExtension(m.id, "2026-09-15"); }), "matter.extension_cap");

  // Replied after the old deadline but before the new one: on time.
  handling().Reply(WithNow(handler1_, At("2026-09-08", 10)), m.id, "已协调增划车位");
  auto unit = UnitCounters(unit1_.id, At("2026-09-08", 11));
  EXPECT_EQ(unit.replied_on_time, 1);
  EXPECT_EQ(unit.extended, 1);

  auto list = requests().ListRequests(clerk_, m.id);
  ASSERT_EQ(list.size(), 1U);
  EXPECT_EQ(list[0].state, domain::MatterRequestState::kApproved);
  EXPECT_EQ(list[0].old_due_at, old_due);
  EXPECT_EQ(list[0].decided_by, clerk_.user.id);
  auto detail = queries().GetMatter(admin_, m.id);
  int request_events = 0;
  for (const auto& e : detail.events) {
    request_events += e.kind == domain::MatterEventKind::kExtensionRequested ||
                      e.kind == domain::MatterEventKind::kExtensionApproved;
  }
  EXPECT_EQ(request_events, 2);
}

TEST_F(MatterRequestsTest, RefusedExtensionKeepsTheDeadlineAndCountsLate) {
  auto m = InProgress();
  const domain::Epoch old_due = m.due_at;
  AskExtension(m.id);
  EXPECT_EQ(CodeOf([&] { requests().DecideExtension(clerk_, m.id, false, "", " "); }),
            "matter.reason_required");
  m = requests().DecideExtension(WithNow(clerk_, At("2026-09-02", 14)), m.id, false, "",
                                 "两天内可以办完");
  EXPECT_EQ(m.due_at, old_due);
  EXPECT_EQ(m.extension_count, 0);
  handling().Reply(WithNow(handler1_, At("2026-09-08", 10)), m.id, "已协调增划车位");
  auto unit = UnitCounters(unit1_.id, At("2026-09-08", 11));
  EXPECT_EQ(unit.replied_on_time, 0);
  EXPECT_EQ(unit.extended, 0);
  // Nothing pending any more.
  EXPECT_EQ(CodeOf([&] { requests().DecideExtension(clerk_, m.id, true, "", ""); }),
            "matter.no_pending_request");
}

TEST_F(MatterRequestsTest, WhoMustNotDecideAnExtension) {
  auto m = InProgress();
  // Only the matter's own unit asks.
  ExtensionInput input;
  input.reason = "理由";
  input.due_date = "2026-09-10";
  EXPECT_EQ(CodeOf([&] { requests().RequestExtension(handler2_, m.id, input); }),
            "matter.forbidden_unit");
  EXPECT_EQ(CodeOf([&] { requests().RequestExtension(clerk_, m.id, input); }), "auth.forbidden");
  AskExtension(m.id);
  // The handler who asked, another unit, a leader (no matter.dispatch), a dispatcher of another
  // township.
  EXPECT_EQ(CodeOf([&] { requests().DecideExtension(handler1_, m.id, true, "", ""); }),
            "auth.forbidden");
  EXPECT_EQ(CodeOf([&] { requests().DecideExtension(handler2_, m.id, true, "", ""); }),
            "auth.forbidden");
  EXPECT_EQ(CodeOf([&] { requests().DecideExtension(leader_, m.id, true, "", ""); }),
            "auth.forbidden");
  auto other_township = Region(county_.id, "township", "131124200000", "大尹村镇");
  auto far_clerk = UserActor("far_clerk", "centre_staff", other_township.id);
  EXPECT_EQ(CodeOf([&] { requests().DecideExtension(far_clerk, m.id, true, "", ""); }),
            "auth.forbidden");
  // An administrator who asked as the unit cannot decide their own request.
  auto boss = UserActor("boss", "admin", county_.id);
  auto m2 = InProgress();
  requests().RequestExtension(WithNow(boss, At("2026-09-02", 10)), m2.id, input);
  EXPECT_EQ(CodeOf([&] { requests().DecideExtension(boss, m2.id, true, "", ""); }),
            "matter.self_approval");
  EXPECT_EQ(requests().ListRequests(boss, m.id).at(0).state, domain::MatterRequestState::kPending);
}

TEST_F(MatterRequestsTest, BadExtensionInput) {
  auto m = InProgress();
  ExtensionInput input;
  input.reason = "理由";
  EXPECT_EQ(CodeOf([&] { requests().RequestExtension(handler1_, m.id, input); }),
            "matter.extension_date");
  input.due_date = "2026-09-02";  // Before the current deadline.
  EXPECT_EQ(CodeOf([&] { requests().RequestExtension(handler1_, m.id, input); }),
            "matter.extension_date");
  input.due_date = "2026-09-05";  // A Saturday.
  EXPECT_EQ(CodeOf([&] { requests().RequestExtension(handler1_, m.id, input); }),
            "matter.extension_date");
  input.due_date = "09/10";
  EXPECT_EQ(CodeOf([&] { requests().RequestExtension(handler1_, m.id, input); }), "date.invalid");
  input.due_date = "";
  input.working_days = 3;
  input.reason = " ";
  EXPECT_EQ(CodeOf([&] { requests().RequestExtension(handler1_, m.id, input); }),
            "matter.reason_required");
  input.reason = "理由";
  m = requests().RequestExtension(WithNow(handler1_, At("2026-09-02", 10)), m.id, input);
  EXPECT_TRUE(m.extension_pending);
  EXPECT_EQ(requests().ListRequests(handler1_, m.id).at(0).new_due_at,
            ChinaDayEnd(*domain::ParseDate("2026-09-08")));
}

TEST_F(MatterRequestsTest, ApprovedUnfoundedClosesAndLeavesTheUnitsAssessment) {
  auto m = InProgress();
  auto before = UnitCounters(unit1_.id, At("2026-09-02", 12));
  EXPECT_EQ(before.received, 1);
  EXPECT_EQ(before.responded_on_time, 1);
  m = ProposeUnfounded(m.id);
  EXPECT_TRUE(m.outcome_pending);
  EXPECT_EQ(m.status, MatterStatus::kInProgress);
  // Without approval it counts as any other matter, and the unit cannot reply around the
  // proposal into an "unfounded" closing: the only way is the leader's approval.
  EXPECT_EQ(UnitCounters(unit1_.id, At("2026-09-02", 12)).received, 1);
  EXPECT_EQ(CodeOf([&] { ProposeUnfounded(m.id); }), "matter.outcome_pending");

  m = requests().DecideOutcome(WithNow(leader_, At("2026-09-02", 15)), m.id, true, "同意核减");
  EXPECT_EQ(m.status, MatterStatus::kClosed);
  EXPECT_EQ(m.outcome, "unfounded");
  EXPECT_FALSE(m.outcome_pending);
  auto after = UnitCounters(unit1_.id, At("2026-09-02", 16));
  EXPECT_EQ(after.received, 0);
  EXPECT_EQ(after.responded, 0);
  EXPECT_EQ(after.responded_on_time, 0);
  EXPECT_EQ(after.excluded, 1);
  // The place cells keep it.
  PeriodQuery period{"2026-01-01", "2026-12-31", std::nullopt};
  domain::RateCounters region;
  for (const auto& row : rates().Rates(WithNow(leader_, At("2026-09-03", 9)), "region", period)) {
    region += row.counters;
  }
  EXPECT_EQ(region.received, 1);
  EXPECT_EQ(region.excluded, 1);
  // The list filters by outcome.
  MatterQuery unfounded;
  unfounded.outcome = "unfounded";
  EXPECT_EQ(queries().ListMatters(leader_, unfounded, {0, 20, ""}).items.size(), 1U);
  unfounded.outcome = "parked";
  EXPECT_TRUE(queries().ListMatters(leader_, unfounded, {0, 20, ""}).items.empty());
}

TEST_F(MatterRequestsTest, ApprovedParkingLeavesTheEscalation) {
  auto m = InProgress();
  OutcomeInput input;
  input.outcome = "parked";
  input.reason = "道路硬化需列入明年计划";
  EXPECT_EQ(CodeOf([&] { requests().ProposeOutcome(handler1_, m.id, input); }),
            "outcome.plan_required");
  input.plan = "列入2027年村道硬化项目";
  input.planned_date = "2027-05-31";
  requests().ProposeOutcome(WithNow(handler1_, At("2026-09-02", 11)), m.id, input);
  m = requests().DecideOutcome(WithNow(leader_, At("2026-09-02", 15)), m.id, true, "");
  EXPECT_EQ(m.status, MatterStatus::kParked);
  EXPECT_EQ(m.outcome, "parked");
  // Long past its deadline, the escalation run leaves it alone.
  auto report = handling().RunEscalation(WithNow(admin_, At("2026-10-10", 9)));
  EXPECT_EQ(report.escalated, 0);
  EXPECT_EQ(queries().GetMatter(admin_, m.id).matter.escalation_level, 0);
  MatterQuery parked;
  parked.outcome = "parked";
  EXPECT_EQ(queries().ListMatters(leader_, parked, {0, 20, ""}).items.size(), 1U);
}

TEST_F(MatterRequestsTest, WhoMustNotApproveAnOutcome) {
  auto m = InProgress();
  OutcomeInput input;
  input.outcome = "unfounded";
  input.reason = "不属实";
  EXPECT_EQ(CodeOf([&] { requests().ProposeOutcome(handler2_, m.id, input); }),
            "matter.forbidden_unit");
  EXPECT_EQ(CodeOf([&] { requests().ProposeOutcome(leader_, m.id, input); }), "auth.forbidden");
  ProposeUnfounded(m.id);
  auto other_township = Region(county_.id, "township", "131124200000", "大尹村镇");
  auto far_leader = UserActor("far_leader", "leader", other_township.id);
  // The handler who proposed, a clerk (dispatcher) without the permission, a leader whose scope
  // does not hold the matter, another unit.
  EXPECT_EQ(CodeOf([&] { requests().DecideOutcome(handler1_, m.id, true, ""); }), "auth.forbidden");
  EXPECT_EQ(CodeOf([&] { requests().DecideOutcome(clerk_, m.id, true, ""); }), "auth.forbidden");
  EXPECT_EQ(CodeOf([&] { requests().DecideOutcome(far_leader, m.id, true, ""); }),
            "auth.forbidden");
  EXPECT_EQ(CodeOf([&] { requests().DecideOutcome(handler2_, m.id, true, ""); }), "auth.forbidden");
  EXPECT_EQ(queries().GetMatter(admin_, m.id).matter.status, MatterStatus::kInProgress);
  // An administrator who proposed as the unit cannot approve it; another may, and is audited.
  auto boss = UserActor("boss", "admin", county_.id);
  auto m2 = InProgress();
  requests().ProposeOutcome(WithNow(boss, At("2026-09-02", 11)), m2.id, input);
  EXPECT_EQ(CodeOf([&] { requests().DecideOutcome(boss, m2.id, true, ""); }),
            "matter.self_approval");
  auto closed = requests().DecideOutcome(WithNow(leader_, At("2026-09-02", 15)), m2.id, true, "");
  EXPECT_EQ(closed.outcome, "unfounded");
  // Refused: stays counted and in progress.
  auto refused =
      requests().DecideOutcome(WithNow(leader_, At("2026-09-02", 15)), m.id, false, "请继续核实");
  EXPECT_EQ(refused.status, MatterStatus::kInProgress);
  EXPECT_EQ(refused.outcome, "");
}

}  // namespace
}  // namespace minqing::app
