#include "app/matters/handling.hpp"

#include <gtest/gtest.h>

#include "app/matters/test_fixture.hpp"

namespace minqing::app {
namespace {

TEST_F(MattersTest, DispatchByRuleUnitScopeTransferAndReturn) {
  auto m = AcceptParking(At("2026-09-01", 9)).matter;
  m = handling().Dispatch(WithNow(clerk_, At("2026-09-01", 10)), m.id, std::nullopt, std::nullopt,
                          "请尽快处理");
  EXPECT_EQ(m.status, MatterStatus::kDispatched);
  EXPECT_EQ(m.unit_id, unit1_.id);
  EXPECT_EQ(m.first_unit_id, unit1_.id);
  try {
    handling().UnitAccept(handler2_, m.id);
    FAIL();
  } catch (const domain::Forbidden& e) {
    EXPECT_EQ(e.code(), "matter.forbidden_unit");
  }
  m = handling().UnitAccept(WithNow(handler1_, At("2026-09-01", 11)), m.id);
  EXPECT_EQ(m.status, MatterStatus::kInProgress);
  EXPECT_THROW(handling().Transfer(handler1_, m.id, unit2_.id, " ", "不属于本单位职责"),
               domain::InvalidInput);
  m = handling().Transfer(WithNow(handler1_, At("2026-09-01", 12)), m.id, unit2_.id, "属经济发展",
                          "需要其他单位主办");
  EXPECT_EQ(m.unit_id, unit2_.id);
  EXPECT_EQ(m.first_unit_id, unit1_.id);
  m = handling().Return(WithNow(handler2_, At("2026-09-01", 13)), m.id, "不属本单位职责",
                        "不属于本单位职责");
  EXPECT_EQ(m.status, MatterStatus::kAccepted);
  EXPECT_FALSE(m.unit_id);
  try {
    handling().Reply(handler1_, m.id, "x");
    FAIL();
  } catch (const domain::Error& e) {
    EXPECT_TRUE(e.code() == "matter.forbidden_unit" || e.code() == "matter.bad_state");
  }
  auto detail = queries().GetMatter(admin_, m.id);
  std::vector<domain::MatterEventKind> kinds;
  for (const auto& e : detail.events) kinds.push_back(e.kind);
  using K = domain::MatterEventKind;
  EXPECT_EQ(kinds, (std::vector<K>{K::kAccepted, K::kDispatched, K::kUnitAccepted, K::kTransferred,
                                   K::kReturned}));
  // No rule and no default unit: 400 routing.no_unit.
  MatterInput plain;
  plain.type = "help";
  plain.household_id = household_b_.id;
  plain.content = "路灯坏了";
  auto lamp = intake().Accept(clerk_, plain).matter;
  try {
    handling().Dispatch(clerk_, lamp.id, std::nullopt, std::nullopt, "");
    FAIL();
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "routing.no_unit");
  }
  // A category default unit applies when no rule matches.
  plain.category_id = relief_.id;
  auto relief = intake().Accept(clerk_, plain).matter;
  EXPECT_EQ(handling().Dispatch(clerk_, relief.id, std::nullopt, std::nullopt, "").unit_id,
            unit2_.id);
}

TEST_F(MattersTest, EscalationOverNationalDayIsIdempotent) {
  auto m = AcceptParking(At("2026-09-30", 10)).matter;  // Due end of 10-09.
  auto run = [&](const char* date) {
    return handling().RunEscalation(WithNow(admin_, At(date, 9)));
  };
  EXPECT_EQ(run("2026-10-09").escalated, 0);
  EXPECT_EQ(run("2026-10-09").nearly_due, 1);
  EXPECT_EQ(run("2026-10-10").escalated, 1);
  EXPECT_EQ(queries().GetMatter(admin_, m.id).matter.escalation_level, 1);
  EXPECT_EQ(run("2026-10-10").escalated, 0);  // Idempotent.
  EXPECT_EQ(run("2026-10-11").escalated, 1);
  EXPECT_EQ(queries().GetMatter(admin_, m.id).matter.escalation_level, 2);
  EXPECT_EQ(run("2026-10-12").escalated, 0);
  // Overdue is counted once, against the matter's region (not dispatched, so no unit).
  PeriodQuery period{"2026-10-01", "2026-10-31", std::nullopt};
  std::int64_t overdue = 0;
  for (const auto& row : rates().Rates(WithNow(leader_, At("2026-10-12", 9)), "region", period)) {
    overdue += row.counters.overdue;
  }
  EXPECT_EQ(overdue, 1);
  auto list = queries().SupervisionList(WithNow(leader_, At("2026-10-12", 9)), "escalated",
                                        std::nullopt, {0, 20, ""});
  EXPECT_EQ(list.total, 1);
  auto supervised =
      handling().Supervise(WithNow(leader_, At("2026-10-12", 9)), m.id, "限期办结", "2026-10-14");
  EXPECT_TRUE(supervised.supervised);
}

TEST_F(MattersTest, EscalationNamesTheLevelsAsTheDeploymentDoes) {
  // A city district: its county level is 区, its townships 街道.
  services_->regions.SetLevels(admin_, "区,街道,社区,网格", "");
  auto m = AcceptParking(At("2026-09-30", 10)).matter;  // Due end of 10-09.
  EXPECT_EQ(handling().RunEscalation(WithNow(admin_, At("2026-10-10", 9))).escalated, 1);
  EXPECT_EQ(handling().RunEscalation(WithNow(admin_, At("2026-10-11", 9))).escalated, 1);
  std::vector<std::string> timeline;
  for (const auto& e : queries().GetMatter(admin_, m.id).events) {
    if (e.kind == domain::MatterEventKind::kEscalated) timeline.push_back(e.text);
  }
  std::sort(timeline.begin(), timeline.end());
  EXPECT_EQ(timeline, (std::vector<std::string>{"逾期升级至区", "逾期升级至街道"}));
}

TEST_F(MattersTest, CallbackTasksForUnconfirmedReplies) {
  domain::Epoch t = At("2026-09-01", 9);
  auto m = Replied(t);
  EXPECT_EQ(handling().RunEscalation(WithNow(admin_, t + 2 * 86400)).callbacks_created, 0);
  EXPECT_EQ(handling().RunEscalation(WithNow(admin_, t + 4 * 86400)).callbacks_created, 1);
  EXPECT_EQ(handling().RunEscalation(WithNow(admin_, t + 5 * 86400)).callbacks_created, 0);
  auto tasks = sign_off().ListCallbackTasks(WithNow(clerk_, t + 5 * 86400), {0, 20, ""});
  ASSERT_EQ(tasks.total, 1);
  EXPECT_EQ(tasks.items.front().matter_number, m.number);
  EXPECT_EQ(tasks.items.front().matter_title, m.title);
  ASSERT_EQ(queries().GetMatter(admin_, m.id).callbacks.size(), 1u);
  auto closed = sign_off().CompleteCallbackTask(WithNow(clerk_, t + 5 * 86400),
                                                tasks.items.front().id, {"", true, 5, ""});
  EXPECT_EQ(closed.status, MatterStatus::kClosed);
  EXPECT_EQ(sign_off().ListCallbackTasks(WithNow(clerk_, t + 5 * 86400), {0, 20, ""}).total, 0);
  EXPECT_EQ(closed.id, m.id);
  // The detail keeps the done task with its outcome.
  auto done = queries().GetMatter(admin_, m.id).callbacks;
  ASSERT_EQ(done.size(), 1u);
  EXPECT_TRUE(done.front().done_at);
  EXPECT_NE(done.front().outcome.find("已解决"), std::string::npos);
}

}  // namespace
}  // namespace minqing::app

namespace minqing::app {
namespace {

// A unit's office hours (办公时间) decide how its response limit (4 working hours) counts: a
// 24-hour unit's runs around the clock, an office unit's only inside 08:30–12:00, 13:30–17:30.
TEST_F(MattersTest, ResponseDeadlineFollowsTheHandlingUnitsOfficeHours) {
  const auto saturday_evening = At("2026-09-05", 20);
  // Both units keep the standard hours: due Monday 14:00 (3.5 h in the morning, 0.5 h after).
  auto office = AcceptParking(saturday_evening).matter;
  EXPECT_EQ(office.response_due_at, At("2026-09-07", 14));

  // Only an administrator sets hours, and bad text is refused with nothing written.
  EXPECT_THROW(services_->registry.SetUnitOfficeHours(handler1_, unit1_.id, "24h"),
               domain::Forbidden);
  try {
    services_->registry.SetUnitOfficeHours(admin_, unit1_.id, "25:00-26:00");
    FAIL();
  } catch (const domain::InvalidInput& e) {
    ASSERT_FALSE(e.problems().empty());
    EXPECT_EQ(e.problems().front().field, "office_hours");
  }
  EXPECT_EQ(services_->registry.GetUnit(admin_, unit1_.id).unit.office_hours,
            "08:30-12:00,13:30-17:30");

  auto water = services_->registry.SetUnitOfficeHours(admin_, unit1_.id, " 24h ");
  EXPECT_EQ(water.office_hours, "24h");
  auto audit = services_->registry.ListAudit(admin_, {"unit", unit1_.id, std::nullopt}, {0, 5, ""});
  ASSERT_FALSE(audit.items.empty());
  EXPECT_EQ(audit.items.front().action, "unit.office_hours");
  EXPECT_NE(audit.items.front().before_json.find("08:30-12:00,13:30-17:30"), std::string::npos);
  EXPECT_NE(audit.items.front().after_json.find("\"24h\""), std::string::npos);

  // Routed by rule to the 24-hour unit: due four hours later, at midnight.
  auto around = AcceptParking(saturday_evening).matter;
  EXPECT_EQ(around.response_due_at, At("2026-09-06", 0));
  // Dispatched to it: the same; dispatched instead to the office unit: Monday 14:00 again.
  auto dispatched = handling().Dispatch(WithNow(clerk_, saturday_evening + 60), around.id,
                                        std::nullopt, std::nullopt, "");
  EXPECT_EQ(dispatched.response_due_at, At("2026-09-06", 0));
  auto other = AcceptParking(saturday_evening).matter;
  other = handling().Dispatch(WithNow(clerk_, saturday_evening + 60), other.id, unit2_.id,
                              std::nullopt, "");
  EXPECT_EQ(other.response_due_at, At("2026-09-07", 14));

  // A transfer (转办) sets the deadline for the unit it reaches, as a dispatch does: to the
  // 24-hour unit, midnight; back to the office unit, Monday 14:00.
  other = handling().Transfer(WithNow(clerk_, saturday_evening + 120), other.id, unit1_.id,
                              "属供水单位", "需要其他单位主办");
  EXPECT_EQ(other.response_due_at, At("2026-09-06", 0));
  EXPECT_EQ(queries().GetMatter(admin_, other.id).matter.response_due_at, At("2026-09-06", 0));
  other = handling().Transfer(WithNow(clerk_, saturday_evening + 180), other.id, unit2_.id,
                              "属经济发展", "需要其他单位主办");
  EXPECT_EQ(other.response_due_at, At("2026-09-07", 14));
}

}  // namespace
}  // namespace minqing::app
