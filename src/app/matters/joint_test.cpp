#include "app/matters/joint.hpp"

#include <gtest/gtest.h>

#include "app/matters/test_fixture.hpp"

namespace minqing::app {
namespace {

template <typename Fn>
std::string ErrorCode(Fn&& fn) {
  try {
    fn();
  } catch (const domain::InvalidInput& e) {
    return e.problems().empty() ? e.code() : e.problems().front().code;
  } catch (const domain::Error& e) {
    return e.code();
  }
  return "";
}

class JointTest : public MattersTest {
 protected:
  void SetUp() override {
    MattersTest::SetUp();
    unit3_ = MakeUnit("综治信访服务中心");
    handler3_ = UserActor("handler3", "unit_handler", std::nullopt, std::nullopt, unit3_.id);
  }

  JointService& joint() { return services_->joint; }

  // Accepted and dispatched to unit1 (the rule) with unit2 assisting, signed by unit1.
  domain::Matter Joint(domain::Epoch at) {
    auto m = AcceptParking(at).matter;
    m = handling().DispatchWithAssists(WithNow(clerk_, at + 60), m.id, std::nullopt, std::nullopt,
                                       "", {unit2_.id});
    return handling().UnitAccept(WithNow(handler1_, at + 120), m.id);
  }

  domain::RateCounters AssistCounters(domain::Id unit, domain::Epoch now) {
    PeriodQuery period{"2026-01-01", "2026-12-31", std::nullopt};
    for (const auto& row : rates().Rates(WithNow(leader_, now), "assist_unit", period)) {
      if (row.key == unit) return row.counters;
    }
    return {};
  }

  domain::Unit unit3_;
  Actor handler3_;
};

TEST_F(JointTest, AssistingUnitSignsReportsAndTheLeadRepliesAfterwards) {
  const auto at = At("2026-09-01", 9);
  auto m = Joint(at);
  const auto lead_before = UnitCounters(unit1_.id, at + 200);
  // The assisting unit sees it in its own list, marked as assisting.
  MatterQuery assisting;
  assisting.assisting = true;
  auto list = queries().ListMatters(handler2_, assisting, {0, 20, ""});
  ASSERT_EQ(list.total, 1);
  EXPECT_EQ(list.items[0].id, m.id);
  EXPECT_EQ(queries().ListMatters(handler2_, {}, {0, 20, ""}).total, 0);
  EXPECT_EQ(queries().GetWorkload(handler2_).assisting, 1);
  auto detail = queries().GetMatter(handler2_, m.id);
  ASSERT_EQ(detail.assists.size(), 1u);
  EXPECT_EQ(detail.assists[0].status, domain::AssistStatus::kAssigned);

  // The lead cannot reply while the assisting report is missing.
  EXPECT_EQ(ErrorCode([&] { handling().Reply(handler1_, m.id, "已处理"); }),
            "matter.assist_reports_missing");
  EXPECT_EQ(ErrorCode([&] { joint().ReportAssist(handler2_, m.id, "x"); }),
            "matter.assist_bad_state");
  joint().AcceptAssist(WithNow(handler2_, at + 300), m.id);
  joint().AssistStep(WithNow(handler2_, at + 400), m.id, "已到现场查看");
  EXPECT_EQ(ErrorCode([&] { joint().ReportAssist(handler2_, m.id, " "); }), "matter.text_required");
  joint().ReportAssist(WithNow(handler2_, at + 500), m.id, "已配合清理占道车辆");
  m = handling().Reply(WithNow(handler1_, at + 600), m.id, "已协调增划车位");
  EXPECT_EQ(m.status, MatterStatus::kReplied);
  EXPECT_EQ(queries().GetWorkload(handler2_).assisting, 0);

  detail = queries().GetMatter(handler1_, m.id);
  EXPECT_EQ(detail.assists.at(0).status, domain::AssistStatus::kReported);
  EXPECT_EQ(detail.assists.at(0).report, "已配合清理占道车辆");
  // The assisting unit's work counts in its own dimension; the lead's rates are unchanged by it.
  const auto assist = AssistCounters(unit2_.id, at + 700);
  EXPECT_EQ(assist.received, 1);
  EXPECT_EQ(assist.responded, 1);
  EXPECT_EQ(assist.replied, 1);
  EXPECT_EQ(UnitCounters(unit2_.id, at + 700).received, 0);
  const auto lead_after = UnitCounters(unit1_.id, at + 700);
  EXPECT_EQ(lead_after.received, lead_before.received);
  EXPECT_EQ(lead_after.replied, lead_before.replied + 1);

  // The export names the assisting units and counts transfers and returns.
  auto table = queries().ExportMatters(leader_, {});
  ASSERT_EQ(table.header.size(), table.rows.at(0).size());
  EXPECT_EQ(table.header[table.header.size() - 2], "协办单位");
  bool found = false;
  for (const auto& row : table.rows) {
    if (row[0] != m.number) continue;
    found = true;
    EXPECT_EQ(row[row.size() - 2], unit2_.name);
    EXPECT_EQ(row.back(), "0");
  }
  EXPECT_TRUE(found);
}

TEST_F(JointTest, AssistingUnitMayNotReplyCloseTransferReturnOrSignOff) {
  auto m = Joint(At("2026-09-01", 9));
  joint().AcceptAssist(handler2_, m.id);
  EXPECT_EQ(ErrorCode([&] { handling().Reply(handler2_, m.id, "我来答复"); }),
            "matter.forbidden_unit");
  EXPECT_EQ(ErrorCode([&] {
              handling().Transfer(handler2_, m.id, unit3_.id, "转走", "需要其他单位主办");
            }),
            "matter.forbidden_unit");
  EXPECT_EQ(ErrorCode([&] { handling().Return(handler2_, m.id, "退回", "不属于本单位职责"); }),
            "matter.forbidden_unit");
  EXPECT_EQ(ErrorCode([&] { handling().AddStep(handler2_, m.id, "主办的办理", false, {}); }),
            "matter.forbidden_unit");
  EXPECT_EQ(ErrorCode([&] { handling().CloseOnSpot(handler2_, m.id, "办结"); }), "auth.forbidden");
  EXPECT_EQ(ErrorCode([&] { joint().RaiseDispute(handler2_, m.id, "重复诉求", "x"); }),
            "matter.forbidden_unit");
  // Sign-off: the lead replies, then the assisting unit tries to send or enter the code.
  joint().ReportAssist(handler2_, m.id, "已配合");
  handling().Reply(handler1_, m.id, "已处理");
  EXPECT_EQ(ErrorCode([&] { sign_off().SendSignOffCode(handler2_, m.id); }), "auth.forbidden");
  SignOffInput input;
  input.code = "000000";
  input.solved = true;
  input.rating = 5;
  EXPECT_EQ(ErrorCode([&] { sign_off().ConfirmWithCode(handler2_, m.id, input); }),
            "auth.forbidden");
  // Only dispatchers name or remove assisting units.
  EXPECT_EQ(ErrorCode([&] { joint().AddAssist(handler1_, m.id, unit3_.id); }), "auth.forbidden");
  EXPECT_EQ(ErrorCode([&] { joint().RemoveAssist(handler2_, m.id, unit2_.id); }), "auth.forbidden");
}

TEST_F(JointTest, AUnitNeitherLeadNorAssistingSeesAndDoesNothing) {
  auto m = Joint(At("2026-09-01", 9));
  EXPECT_EQ(ErrorCode([&] { queries().GetMatter(handler3_, m.id); }), "matter.forbidden_unit");
  MatterQuery assisting;
  assisting.assisting = true;
  EXPECT_EQ(queries().ListMatters(handler3_, assisting, {0, 20, ""}).total, 0);
  EXPECT_EQ(ErrorCode([&] { joint().AcceptAssist(handler3_, m.id); }), "matter.not_assisting");
  EXPECT_EQ(ErrorCode([&] { joint().AssistStep(handler3_, m.id, "x"); }), "matter.not_assisting");
  EXPECT_EQ(ErrorCode([&] { joint().ReportAssist(handler3_, m.id, "x"); }), "matter.not_assisting");
  // A removed assisting unit loses the matter at once.
  joint().RemoveAssist(clerk_, m.id, unit2_.id);
  EXPECT_EQ(ErrorCode([&] { queries().GetMatter(handler2_, m.id); }), "matter.forbidden_unit");
  EXPECT_EQ(ErrorCode([&] { joint().AcceptAssist(handler2_, m.id); }), "matter.not_assisting");
  // Without assisting units the lead replies as before.
  EXPECT_EQ(handling().Reply(handler1_, m.id, "已处理").status, MatterStatus::kReplied);
}

TEST_F(JointTest, AddingChecksTheUnitAndTransfersAvoidAssistingUnits) {
  auto m = Joint(At("2026-09-01", 9));
  EXPECT_EQ(ErrorCode([&] { joint().AddAssist(clerk_, m.id, unit1_.id); }),
            "matter.assist_is_lead");
  EXPECT_EQ(ErrorCode([&] { joint().AddAssist(clerk_, m.id, unit2_.id); }), "matter.assist_exists");
  EXPECT_EQ(ErrorCode([&] { joint().AddAssist(clerk_, m.id, 999); }), "unit.not_found");
  EXPECT_EQ(
      ErrorCode([&] { handling().Transfer(handler1_, m.id, unit2_.id, "转", "需要其他单位主办"); }),
      "matter.unit_is_assisting");
  joint().AddAssist(clerk_, m.id, unit3_.id);
  EXPECT_EQ(queries().GetMatter(handler3_, m.id).assists.size(), 2u);
}

TEST_F(JointTest, ReturnsNeedAListedReasonAndAreCapped) {
  const auto at = At("2026-09-01", 9);
  auto m = AcceptParking(at).matter;
  handling().Dispatch(WithNow(clerk_, at + 60), m.id, unit1_.id, std::nullopt, "");
  EXPECT_EQ(ErrorCode([&] { handling().Return(handler1_, m.id, "不归我们", ""); }),
            "matter.return_reason_required");
  EXPECT_EQ(ErrorCode([&] { handling().Return(handler1_, m.id, "不归我们", "编的理由"); }),
            "matter.return_reason_required");
  handling().Return(WithNow(handler1_, at + 120), m.id, "不归我们", "不属于本单位职责");
  handling().Dispatch(WithNow(clerk_, at + 180), m.id, unit1_.id, std::nullopt, "");
  // One return per unit.
  EXPECT_EQ(
      ErrorCode([&] { handling().Return(handler1_, m.id, "还是不归我们", "其他（须说明）"); }),
      "matter.return_once");
  handling().Transfer(WithNow(handler1_, at + 240), m.id, unit2_.id, "属经济发展",
                      "需要其他单位主办");
  // Two in total: unit2 may neither return nor transfer; it raises a dispute instead.
  EXPECT_EQ(ErrorCode([&] { handling().Return(handler2_, m.id, "不归我们", "不属于本单位职责"); }),
            "matter.transfer_cap");
  EXPECT_EQ(
      ErrorCode([&] { handling().Transfer(handler2_, m.id, unit3_.id, "转", "需要其他单位主办"); }),
      "matter.transfer_cap");
  EXPECT_EQ(ErrorCode([&] { joint().RaiseDispute(handler1_, m.id, "重复诉求", "x"); }),
            "matter.forbidden_unit");
  EXPECT_EQ(ErrorCode([&] { joint().RaiseDispute(handler2_, m.id, "乱写", "x"); }),
            "matter.return_reason_required");
  joint().RaiseDispute(WithNow(handler2_, at + 300), m.id, "不属于本单位职责", "占道属城管");
  EXPECT_EQ(ErrorCode([&] { joint().RaiseDispute(handler2_, m.id, "不属于本单位职责", "再提"); }),
            "matter.dispute_pending");
  EXPECT_EQ(
      ErrorCode([&] { handling().Transfer(clerk_, m.id, unit3_.id, "调度", "需要其他单位主办"); }),
      "matter.dispute_pending");
  EXPECT_EQ(queries().GetWorkload(clerk_).disputes_pending, 1);
  EXPECT_EQ(joint().ListPendingDisputes(clerk_, std::nullopt, {0, 20, ""}).total, 1);

  // Who must not arbitrate: the unit that raised it, the other unit, any handler, a leader.
  for (const Actor* who : {&handler2_, &handler1_, &handler3_, &leader_}) {
    EXPECT_EQ(ErrorCode([&] { joint().DecideDispute(*who, m.id, unit3_.id, "x"); }),
              "auth.forbidden");
  }
  EXPECT_EQ(ErrorCode([&] {
              joint().ListPendingDisputes(handler1_, std::nullopt, {0, 20, ""});
            }),
            "auth.forbidden");
  EXPECT_EQ(ErrorCode([&] { joint().DecideDispute(clerk_, m.id, unit3_.id, " "); }),
            "matter.reason_required");
  m = joint().DecideDispute(WithNow(clerk_, at + 400), m.id, unit3_.id, "占道停车属综治网格");
  EXPECT_EQ(m.unit_id, unit3_.id);
  EXPECT_EQ(m.status, MatterStatus::kDispatched);
  EXPECT_EQ(ErrorCode([&] { joint().DecideDispute(clerk_, m.id, unit3_.id, "再裁"); }),
            "matter.dispute_not_pending");
  // The decided unit may no longer send it away.
  handling().UnitAccept(handler3_, m.id);
  EXPECT_EQ(ErrorCode([&] { handling().Return(handler3_, m.id, "不归我们", "不属于本单位职责"); }),
            "matter.dispute_decided");
  EXPECT_EQ(ErrorCode([&] { joint().RaiseDispute(handler3_, m.id, "不属于本单位职责", "x"); }),
            "matter.dispute_decided");
  auto detail = queries().GetMatter(admin_, m.id);
  ASSERT_EQ(detail.disputes.size(), 1u);
  EXPECT_EQ(detail.disputes[0].decided_unit_id, unit3_.id);
  // The arbitration is on the timeline; the refused return and dispute left nothing.
  int decided = 0, raised = 0, returned = 0;
  for (const auto& e : detail.events) {
    decided += e.kind == domain::MatterEventKind::kDisputeDecided;
    raised += e.kind == domain::MatterEventKind::kDisputeRaised;
    returned += e.kind == domain::MatterEventKind::kReturned;
  }
  EXPECT_EQ(decided, 1);
  EXPECT_EQ(raised, 1);
  EXPECT_EQ(returned, 1);
}

TEST_F(JointTest, RouteSettingsAreEditedByAdministratorsOnly) {
  auto settings = joint().GetRouteSettings(handler1_);
  EXPECT_EQ(settings.cap, 2);
  EXPECT_EQ(settings.reasons, domain::DefaultRouteReasons());
  EXPECT_EQ(ErrorCode([&] { joint().PutRouteSettings(clerk_, {{"甲"}, 3}); }), "auth.forbidden");
  EXPECT_EQ(ErrorCode([&] {
              joint().PutRouteSettings(admin_, {{}, 3});
            }),
            "matter.route_reasons_empty");
  EXPECT_EQ(ErrorCode([&] {
              joint().PutRouteSettings(admin_, {{"甲"}, 0});
            }),
            "matter.route_cap_range");
  joint().PutRouteSettings(admin_, {{"不属于本单位职责", "区域错误"}, 1});
  settings = joint().GetRouteSettings(clerk_);
  EXPECT_EQ(settings.cap, 1);
  EXPECT_EQ(settings.reasons.size(), 2u);
  // The new list and cap apply at once.
  auto m = AcceptParking(At("2026-09-01", 9)).matter;
  handling().Dispatch(clerk_, m.id, unit1_.id, std::nullopt, "");
  EXPECT_EQ(ErrorCode([&] { handling().Return(handler1_, m.id, "x", "重复诉求"); }),
            "matter.return_reason_required");
  handling().Transfer(handler1_, m.id, unit2_.id, "属经济", "区域错误");
  EXPECT_EQ(ErrorCode([&] { handling().Return(handler2_, m.id, "x", "区域错误"); }),
            "matter.transfer_cap");
}

}  // namespace
}  // namespace minqing::app
