#include "app/matters/queries.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/matters/test_fixture.hpp"

namespace minqing::app {
namespace {

TEST_F(MattersTest, ExportIsTheListAsASpreadsheetWithinScopeAndAudited) {
  auto late = AcceptParking(At("2026-09-01", 9)).matter;  // Due 2026-09-03, never replied.
  MatterInput elsewhere;
  elsewhere.type = "help";
  elsewhere.category_id = relief_.id;
  elsewhere.household_id = household_b_.id;
  elsewhere.content = "申请低保";
  auto second = intake().Accept(WithNow(clerk_, At("2026-09-02", 9)), elsewhere).matter;

  MatterQuery all;
  auto table = queries().ExportMatters(WithNow(leader_, At("2026-09-10", 9)), all);
  ASSERT_EQ(table.rows.size(), 2U);
  auto column = [&](const char* name) {
    auto it = std::find(table.header.begin(), table.header.end(), name);
    EXPECT_NE(it, table.header.end()) << name;
    return static_cast<std::size_t>(it - table.header.begin());
  };
  // The list's order: newest first.
  const auto& row = table.rows.at(1);
  EXPECT_EQ(row[column("工单号")], late.number);
  EXPECT_EQ(row[column("受理时间")], "2026-09-01 09:00");
  EXPECT_EQ(row[column("诉求类型")], "投诉");
  EXPECT_EQ(row[column("分类")], "停车管理");
  EXPECT_EQ(row[column("乡镇（街道）")], "饶阳镇");
  EXPECT_EQ(row[column("村（社区）")], "东关村");
  EXPECT_EQ(row[column("联系电话")], "138****5678");
  EXPECT_EQ(row[column("是否超期")], "是");
  EXPECT_EQ(table.rows.at(0)[column("工单号")], second.number);
  EXPECT_EQ(table.rows.at(0)[column("村（社区）")], "西关村");

  // The same filters as the list, and the actor's scope.
  MatterQuery by_village;
  by_village.region_id = village_b_.id;
  EXPECT_EQ(queries().ExportMatters(leader_, by_village).rows.size(), 1U);
  EXPECT_EQ(queries().ExportMatters(assistant_, all).rows.size(), 1U);
  Actor resident = assistant_;
  resident.user.role = domain::Role::kResident;
  EXPECT_THROW(queries().ExportMatters(resident, all), domain::Forbidden);

  auto audit = services_->store->BeginRead()->ListAudit({"matter", 0, std::nullopt}, {0, 10, ""});
  ASSERT_FALSE(audit.items.empty());
  EXPECT_EQ(audit.items.front().action, "matter.export");

  MattersOptions small;
  small.max_export_rows = 1;
  MattersContext context(*services_->store, small);
  MatterQueryService limited(context);
  try {
    limited.ExportMatters(leader_, all);
    FAIL() << "an export over the limit was made";
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "export.too_many");
  }
  EXPECT_EQ(limited.ExportMatters(leader_, by_village).rows.size(), 1U);
}

TEST_F(MattersTest, WorkloadCountsWhatEachRoleShouldDoNext) {
  const domain::Epoch t = At("2026-09-01", 9);
  auto waiting = AcceptParking(t).matter;
  auto to_sign = AcceptParking(t + 60).matter;
  handling().Dispatch(WithNow(clerk_, t + 120), to_sign.id, std::nullopt, std::nullopt, "");
  auto in_progress = AcceptParking(t + 180).matter;
  handling().Dispatch(WithNow(clerk_, t + 240), in_progress.id, std::nullopt, std::nullopt, "");
  handling().UnitAccept(WithNow(handler1_, t + 300), in_progress.id);
  handling().Supervise(WithNow(leader_, t + 360), in_progress.id, "限期办结", "2026-09-03");
  auto replied = Replied(t + 400);
  const domain::Epoch now = t + 7200;

  auto clerk = queries().GetWorkload(WithNow(clerk_, now));
  EXPECT_EQ(clerk.to_dispatch, 1);
  EXPECT_FALSE(clerk.to_sign);
  EXPECT_FALSE(clerk.handling);
  EXPECT_EQ(clerk.open, 3);
  EXPECT_EQ(clerk.waiting_signoff, 1);
  EXPECT_EQ(clerk.supervised, 1);
  EXPECT_EQ(queries()
                .SupervisionList(WithNow(clerk_, now), "supervised", std::nullopt, {0, 10, ""})
                .total,
            1);
  EXPECT_EQ(clerk.accepted_today, 4);
  EXPECT_EQ(clerk.overdue, 0);
  EXPECT_EQ(clerk.callbacks_open, 0);
  ASSERT_EQ(clerk.most_urgent.size(), 3u);
  EXPECT_LE(clerk.most_urgent[0].due_at, clerk.most_urgent[1].due_at);
  std::set<domain::Id> urgent;
  for (const auto& m : clerk.most_urgent) urgent.insert(m.id);
  EXPECT_EQ(urgent, (std::set<domain::Id>{waiting.id, to_sign.id, in_progress.id}));
  EXPECT_FALSE(urgent.contains(replied.id));

  auto handler = queries().GetWorkload(WithNow(handler1_, now));
  EXPECT_EQ(handler.to_sign, 1);
  EXPECT_EQ(handler.handling, 1);
  EXPECT_FALSE(handler.to_dispatch);
  EXPECT_FALSE(handler.callbacks_open);
  EXPECT_EQ(handler.open, 2);
  EXPECT_EQ(handler.waiting_signoff, 1);
  // The inbox's tabs list what the tiles count.
  MatterQuery inbox;
  inbox.inbox = true;
  EXPECT_EQ(queries().ListMatters(WithNow(handler1_, now), inbox, {0, 10, ""}).total, 2);
  inbox.statuses = {"dispatched"};
  auto signing = queries().ListMatters(WithNow(handler1_, now), inbox, {0, 10, ""});
  ASSERT_EQ(signing.total, 1);
  EXPECT_EQ(signing.items[0].id, to_sign.id);
  inbox.statuses = {"replied"};
  EXPECT_EQ(queries().ListMatters(WithNow(handler1_, now), inbox, {0, 10, ""}).total, 1);
  auto other_unit = queries().GetWorkload(WithNow(handler2_, now));
  EXPECT_EQ(other_unit.to_sign, 0);
  EXPECT_EQ(other_unit.open, 0);
  EXPECT_TRUE(other_unit.most_urgent.empty());

  // Hours before the first deadline the open matters are nearly due; after it, overdue. The
  // replied one is neither, and nothing was accepted that day.
  const domain::Epoch first_due = clerk.most_urgent[0].due_at;
  auto nearly = queries().GetWorkload(WithNow(clerk_, first_due - 3600));
  EXPECT_EQ(nearly.overdue, 0);
  EXPECT_EQ(nearly.nearly_due, 3);
  auto late = queries().GetWorkload(WithNow(clerk_, first_due + 30 * 86400));
  EXPECT_EQ(late.overdue, 3);
  EXPECT_EQ(late.nearly_due, 0);
  EXPECT_EQ(late.accepted_today, 0);
  EXPECT_EQ(late.open, 3);

  // A resident sees their household's matters, and reports through the card's QR code or online.
  auto head = services_->registry.GetHousehold(admin_, household_a_.id).members[0];
  auto resident = UserActor("resident_a", "resident", std::nullopt, head.id);
  auto own = queries().GetWorkload(WithNow(resident, now));
  EXPECT_EQ(own.open, 3);
  EXPECT_EQ(own.waiting_signoff, 1);
  EXPECT_EQ(own.done, 0);
  // Signed off, the replied matter moves from 待确认 to done; the three counts cover the list.
  sign_off().RecordCallback(WithNow(leader_, now), replied.id, {"", true, 5, ""});
  own = queries().GetWorkload(WithNow(resident, now));
  EXPECT_EQ(own.waiting_signoff, 0);
  EXPECT_EQ(own.done, 1);
  EXPECT_EQ(own.open + own.waiting_signoff + own.done,
            queries().ListMatters(WithNow(resident, now), {}, {0, 1, ""}).total);
  EXPECT_FALSE(own.to_dispatch);
  EXPECT_FALSE(own.callbacks_open);
  MatterInput input;
  input.type = "help";
  input.household_id = household_a_.id;
  input.content = "院里的路灯不亮了";
  input.channel = "qr_code";
  EXPECT_EQ(intake().Accept(WithNow(resident, now), input).matter.channel,
            domain::MatterChannel::kQrCode);
  input.channel = "window";
  EXPECT_EQ(intake().Accept(WithNow(resident, now), input).matter.channel,
            domain::MatterChannel::kOnline);
  EXPECT_EQ(queries().GetWorkload(WithNow(resident, now)).open, 5);

  // Once replied, a supervised matter is no longer under supervision, on the tile or the list.
  handling().Reply(WithNow(handler1_, now + 60), in_progress.id, "已补发高龄补贴");
  EXPECT_EQ(queries().GetWorkload(WithNow(clerk_, now + 120)).supervised, 0);
  EXPECT_EQ(
      queries()
          .SupervisionList(WithNow(clerk_, now + 120), "supervised", std::nullopt, {0, 10, ""})
          .total,
      0);
}

}  // namespace
}  // namespace minqing::app
