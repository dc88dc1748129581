#include "domain/matter_requests.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

Epoch China(const char* date, int hour) { return ChinaDayStart(*ParseDate(date)) + hour * 3600; }

const Epoch kAccepted = China("2026-11-30", 9);
const Epoch kNow = China("2026-12-01", 10);
const RequestActor kHandler{40, "承办人"};
const RequestActor kDispatcher{50, "派单员"};
const RequestActor kLeader{60, "领导"};

Matter InProgress() {
  Matter m;
  m.id = 1;
  m.number = "20261130-00001";
  m.region_id = 4;
  m.region_path = "/1/2/3/4/";
  m.category_id = 7;
  m.accepted_at = kAccepted;
  m.response_due_at = kAccepted + 4 * 3600;
  m.due_at = ChinaDayEnd(*ParseDate("2026-12-07"));
  m.status = MatterStatus::kInProgress;
  m.unit_id = m.first_unit_id = 30;
  m.handler_id = 40;
  m.responded_at = kAccepted + 3600;
  return m;
}

const RateCounters* Cell(const Transition& t, StatsDimension dimension) {
  for (const auto& d : t.counters) {
    if (d.dimension == dimension) return &d.counters;
  }
  return nullptr;
}

MatterRequest Asked(const Matter& m, Epoch new_due) {
  return RequestExtension(m, {}, kHandler, 9, "需要协调物业", new_due, 1, kNow).request;
}

TEST(MatterRequestsTest, ExtensionRequestWaitsAndBooksNothing) {
  const Matter m = InProgress();
  const Epoch new_due = ChinaDayEnd(*ParseDate("2026-12-14"));
  auto r = RequestExtension(m, {}, kHandler, 9, "需要协调物业", new_due, 1, kNow);
  ASSERT_FALSE(r.transition.refusal);
  EXPECT_EQ(r.request.state, MatterRequestState::kPending);
  EXPECT_EQ(r.request.old_due_at, m.due_at);
  EXPECT_EQ(r.request.new_due_at, new_due);
  EXPECT_EQ(r.transition.matter.due_at, m.due_at);  // Not until approved.
  EXPECT_TRUE(r.transition.counters.empty());
  ASSERT_EQ(r.transition.events.size(), 1U);
  EXPECT_EQ(r.transition.events[0].kind, MatterEventKind::kExtensionRequested);
  EXPECT_NE(r.transition.events[0].text.find("2026-12-14"), std::string::npos);
}

TEST(MatterRequestsTest, ExtensionRefusals) {
  Matter m = InProgress();
  const Epoch later = ChinaDayEnd(*ParseDate("2026-12-14"));
  EXPECT_EQ(RequestExtension(m, {}, kHandler, 9, "", later, 1, kNow).transition.refusal->code,
            "matter.reason_required");
  EXPECT_EQ(
      RequestExtension(m, {}, kHandler, 9, "理由", m.due_at, 1, kNow).transition.refusal->code,
      "matter.extension_date");
  std::vector<MatterRequest> pending{Asked(m, later)};
  EXPECT_EQ(
      RequestExtension(m, pending, kHandler, 10, "理由", later, 1, kNow).transition.refusal->code,
      "matter.extension_pending");
  std::vector<MatterRequest> approved{Asked(m, later)};
  approved[0].state = MatterRequestState::kApproved;
  EXPECT_EQ(
      RequestExtension(m, approved, kHandler, 10, "理由", later, 1, kNow).transition.refusal->code,
      "matter.extension_cap");
  EXPECT_FALSE(
      RequestExtension(m, approved, kHandler, 10, "理由", later, 2, kNow).transition.refusal);
  m.status = MatterStatus::kReplied;
  EXPECT_EQ(RequestExtension(m, {}, kHandler, 9, "理由", later, 1, kNow).transition.refusal->code,
            "matter.bad_state");
}

TEST(MatterRequestsTest, ApprovedExtensionMovesTheDeadlineAndBooksExtended) {
  const Matter m = InProgress();
  const Epoch asked = ChinaDayEnd(*ParseDate("2026-12-14"));
  const MatterRequest pending = Asked(m, asked);
  auto r = DecideExtension(m, pending, kDispatcher, true, std::nullopt, "", kNow, 0);
  ASSERT_FALSE(r.transition.refusal);
  EXPECT_EQ(r.transition.matter.due_at, asked);
  EXPECT_EQ(r.request.state, MatterRequestState::kApproved);
  EXPECT_EQ(r.request.decided_by, kDispatcher.id);
  EXPECT_EQ(r.request.old_due_at, m.due_at);
  ASSERT_NE(Cell(r.transition, StatsDimension::kUnit), nullptr);
  EXPECT_EQ(Cell(r.transition, StatsDimension::kUnit)->extended, 1);
  EXPECT_EQ(Cell(r.transition, StatsDimension::kPerson)->extended, 1);
  EXPECT_EQ(Cell(r.transition, StatsDimension::kRegion)->extended, 1);
  EXPECT_EQ(r.transition.events.at(0).kind, MatterEventKind::kExtensionApproved);

  // Another date than asked for.
  const Epoch other = ChinaDayEnd(*ParseDate("2026-12-10"));
  auto shorter = DecideExtension(m, pending, kDispatcher, true, other, "先延三天", kNow, 0);
  EXPECT_EQ(shorter.transition.matter.due_at, other);
  EXPECT_EQ(shorter.request.new_due_at, other);
}

TEST(MatterRequestsTest, RefusedExtensionKeepsTheDeadline) {
  const Matter m = InProgress();
  const MatterRequest pending = Asked(m, ChinaDayEnd(*ParseDate("2026-12-14")));
  EXPECT_EQ(DecideExtension(m, pending, kDispatcher, false, std::nullopt, "", kNow, 0)
                .transition.refusal->field,
            "note");
  auto r = DecideExtension(m, pending, kDispatcher, false, std::nullopt, "期限内可以办完", kNow, 0);
  ASSERT_FALSE(r.transition.refusal);
  EXPECT_EQ(r.transition.matter.due_at, m.due_at);
  EXPECT_EQ(r.request.state, MatterRequestState::kRefused);
  EXPECT_TRUE(r.transition.counters.empty());
  EXPECT_EQ(r.transition.events.at(0).kind, MatterEventKind::kExtensionRefused);
}

TEST(MatterRequestsTest, NobodyDecidesTheirOwnRequest) {
  const Matter m = InProgress();
  const MatterRequest pending = Asked(m, ChinaDayEnd(*ParseDate("2026-12-14")));
  EXPECT_EQ(DecideExtension(m, pending, kHandler, true, std::nullopt, "", kNow, 0)
                .transition.refusal->code,
            "matter.self_approval");
  MatterRequest decided = pending;
  decided.state = MatterRequestState::kApproved;
  EXPECT_EQ(DecideExtension(m, decided, kDispatcher, true, std::nullopt, "", kNow, 0)
                .transition.refusal->code,
            "matter.no_pending_request");
  auto outcome = ProposeOutcome(m, {}, kHandler, 11, MatterOutcome::kUnfounded, "经现场核实不属实",
                                "", "", kNow);
  EXPECT_EQ(
      DecideOutcome(m, outcome.request, kHandler, true, "", {}, kNow, 0).transition.refusal->code,
      "matter.self_approval");
}

TEST(MatterRequestsTest, ExtensionDueAtCountsWorkingDays) {
  WorkCalendar calendar;
  const Epoch due = ChinaDayEnd(*ParseDate("2026-12-07"));  // A Monday.
  auto days = ExtensionDueAt(calendar, due, 5, std::nullopt);
  ASSERT_TRUE(days.due_at);
  EXPECT_EQ(*days.due_at, ChinaDayEnd(*ParseDate("2026-12-14")));
  EXPECT_EQ(*ExtensionDueAt(calendar, due, std::nullopt, ParseDate("2026-12-09")).due_at,
            ChinaDayEnd(*ParseDate("2026-12-09")));
  EXPECT_EQ(ExtensionDueAt(calendar, due, std::nullopt, ParseDate("2026-12-12")).refusal->message,
            "所选日期不是工作日");
  EXPECT_TRUE(ExtensionDueAt(calendar, due, std::nullopt, ParseDate("2026-12-04")).refusal);
  EXPECT_TRUE(ExtensionDueAt(calendar, due, std::nullopt, std::nullopt).refusal);
  EXPECT_TRUE(ExtensionDueAt(calendar, due, 0, std::nullopt).refusal);
  EXPECT_TRUE(ExtensionDueAt(calendar, due, 3, ParseDate("2026-12-09")).refusal);
}

TEST(MatterRequestsTest, OutcomeProposalRefusals) {
  Matter m = InProgress();
  EXPECT_EQ(ProposeOutcome(m, {}, kHandler, 11, MatterOutcome::kParked, "资金未落实", "",
                           "2027-03-01", kNow)
                .transition.refusal->code,
            "outcome.plan_required");
  EXPECT_EQ(ProposeOutcome(m, {}, kHandler, 11, MatterOutcome::kParked, "资金未落实",
                           "明年列入计划", "2026-12-01", kNow)
                .transition.refusal->code,
            "outcome.planned_date");
  EXPECT_EQ(ProposeOutcome(m, {}, kHandler, 11, MatterOutcome::kUnfounded, "", "", "", kNow)
                .transition.refusal->code,
            "matter.reason_required");
  auto first =
      ProposeOutcome(m, {}, kHandler, 11, MatterOutcome::kUnfounded, "不属实", "", "", kNow);
  EXPECT_EQ(ProposeOutcome(m, {first.request}, kHandler, 12, MatterOutcome::kOutOfScope, "不受理",
                           "", "", kNow)
                .transition.refusal->code,
            "matter.outcome_pending");
  m.status = MatterStatus::kDispatched;
  EXPECT_EQ(ProposeOutcome(m, {}, kHandler, 11, MatterOutcome::kUnfounded, "不属实", "", "", kNow)
                .transition.refusal->code,
            "matter.bad_state");
}

TEST(MatterRequestsTest, ApprovedParkingLeavesEscalationAndTheUnitsAssessment) {
  Matter m = InProgress();
  m.escalation_level = 1;
  auto proposal = ProposeOutcome(m, {}, kHandler, 11, MatterOutcome::kParked, "资金未落实",
                                 "列入明年道路硬化计划", "2027-05-31", kNow);
  ASSERT_FALSE(proposal.transition.refusal);
  EXPECT_EQ(proposal.transition.matter.status, MatterStatus::kInProgress);
  EXPECT_TRUE(proposal.transition.counters.empty());
  auto r = DecideOutcome(m, proposal.request, kLeader, true, "同意", {true, true}, kNow, 0);
  ASSERT_FALSE(r.transition.refusal);
  EXPECT_EQ(r.transition.matter.status, MatterStatus::kParked);
  EXPECT_FALSE(CanPerform(MatterStatus::kParked, MatterAction::kEscalate));
  EXPECT_FALSE(IsOverdue(r.transition.matter, m.due_at + 86400));
  const RateCounters* unit = Cell(r.transition, StatsDimension::kUnit);
  ASSERT_NE(unit, nullptr);
  EXPECT_EQ(unit->excluded, 1);
  EXPECT_EQ(unit->received, -1);
  EXPECT_EQ(unit->responded, -1);
  EXPECT_EQ(unit->responded_on_time, -1);
  EXPECT_EQ(unit->overdue, -1);
  EXPECT_EQ(Cell(r.transition, StatsDimension::kPerson)->received, -1);
  const RateCounters* region = Cell(r.transition, StatsDimension::kRegion);
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region->excluded, 1);
  EXPECT_EQ(region->received, 0);  // The place cells stay as the resident raised it.
  EXPECT_EQ(region->overdue, 0);
}

TEST(MatterRequestsTest, ApprovedUnfoundedClosesAndRefusalChangesNothing) {
  const Matter m = InProgress();
  auto proposal =
      ProposeOutcome(m, {}, kHandler, 11, MatterOutcome::kUnfounded, "现场无占道", "", "", kNow);
  auto approved = DecideOutcome(m, proposal.request, kLeader, true, "", {false, false}, kNow, 0);
  EXPECT_EQ(approved.transition.matter.status, MatterStatus::kClosed);
  EXPECT_EQ(approved.transition.matter.closed_at, kNow);
  EXPECT_NE(approved.transition.matter.reply.find("不属实"), std::string::npos);
  const RateCounters* unit = Cell(approved.transition, StatsDimension::kUnit);
  EXPECT_EQ(unit->received, -1);
  EXPECT_EQ(unit->responded, 0);  // Its response was booked to another unit.
  EXPECT_EQ(unit->overdue, 0);

  auto refused = DecideOutcome(m, proposal.request, kLeader, false, "", {}, kNow, 0);
  EXPECT_EQ(refused.transition.refusal->code, "matter.reason_required");
  refused = DecideOutcome(m, proposal.request, kLeader, false, "需继续办理", {}, kNow, 0);
  ASSERT_FALSE(refused.transition.refusal);
  EXPECT_EQ(refused.transition.matter.status, MatterStatus::kInProgress);
  EXPECT_TRUE(refused.transition.counters.empty());
  EXPECT_EQ(refused.request.state, MatterRequestState::kRefused);
}

TEST(MatterRequestsTest, WhereBookedReadsTheTimeline) {
  Matter m = InProgress();
  m.escalation_level = 1;
  auto event = [](MatterEventKind kind) {
    MatterEvent e;
    e.kind = kind;
    return e;
  };
  std::vector<MatterEvent> timeline{event(MatterEventKind::kDispatched),
                                    event(MatterEventKind::kUnitAccepted),
                                    event(MatterEventKind::kEscalated)};
  BookedHere here = WhereBooked(m, timeline);
  EXPECT_TRUE(here.responded);
  EXPECT_TRUE(here.overdue);
  timeline.push_back(event(MatterEventKind::kTransferred));
  timeline.push_back(event(MatterEventKind::kUnitAccepted));
  here = WhereBooked(m, timeline);
  EXPECT_FALSE(here.responded);
  EXPECT_FALSE(here.overdue);
}

TEST(MatterRequestsTest, WhichStatusesAllowRequestsAndWhatAParkedMatterAllows) {
  using S = MatterStatus;
  const S statuses[] = {S::kAccepted, S::kDispatched, S::kInProgress, S::kReplied,
                        S::kClosed,   S::kMerged,     S::kParked};
  struct Row {
    MatterAction action;
    const char* allowed;  // One letter per status above: y allowed, - refused.
  };
  const Row rows[] = {
      {MatterAction::kRequestExtension, "-yy----"},
      {MatterAction::kProposeOutcome, "--y----"},
      {MatterAction::kEscalate, "yyy----"},
      {MatterAction::kStep, "-yy---y"},
      {MatterAction::kSupervise, "yyyy--y"},
      {MatterAction::kMerge, "yyyy---"},
      {MatterAction::kReply, "--y----"},
      {MatterAction::kTransfer, "-yy----"},
  };
  for (const auto& row : rows) {
    for (int i = 0; i < 7; ++i) {
      EXPECT_EQ(CanPerform(statuses[i], row.action), row.allowed[i] == 'y')
          << static_cast<int>(row.action) << " from " << MatterStatusCode(statuses[i]);
    }
  }
  EXPECT_TRUE(IsOpen(S::kParked));
  // The general state machine leaves requests to their own functions.
  MatterCommand request;
  request.action = MatterAction::kRequestExtension;
  EXPECT_EQ(Apply(InProgress(), request, kNow, 0).refusal->code, "matter.bad_state");
}

TEST(MatterRequestsTest, Codes) {
  EXPECT_EQ(ParseMatterOutcome("不属实"), MatterOutcome::kUnfounded);
  EXPECT_EQ(ParseMatterOutcome("parked"), MatterOutcome::kParked);
  EXPECT_EQ(MatterOutcomeLabel(MatterOutcome::kOutOfScope), "不属于受理范围");
  EXPECT_FALSE(ParseMatterOutcome("closed"));
  EXPECT_EQ(MatterStatusCode(MatterStatus::kParked), "parked");
}

}  // namespace
}  // namespace minqing::domain
