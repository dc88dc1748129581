#include "domain/matter_joint.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

Epoch China(const char* date, int hour) { return ChinaDayStart(*ParseDate(date)) + hour * 3600; }

const Epoch kAccepted = China("2026-11-30", 9);
const Epoch kNow = China("2026-12-01", 10);
constexpr Id kLead = 30;
constexpr Id kHelper = 31;
constexpr Id kOther = 32;

Matter InProgress() {
  Matter m;
  m.id = 1;
  m.number = "20261130-00001";
  m.region_path = "/1/2/3/4/";
  m.accepted_at = kAccepted;
  m.response_due_at = kAccepted + 4 * 3600;
  m.due_at = ChinaDayEnd(*ParseDate("2026-12-07"));
  m.status = MatterStatus::kInProgress;
  m.unit_id = m.first_unit_id = kLead;
  m.handler_id = 40;
  return m;
}

MatterAssist Assist(AssistStatus status) {
  MatterAssist a;
  a.matter_id = 1;
  a.unit_id = kHelper;
  a.unit_name = "协办单位";
  a.status = status;
  return a;
}

MatterEvent Event(MatterEventKind kind, std::optional<Id> from) {
  MatterEvent e;
  e.kind = kind;
  e.from_unit_id = from;
  return e;
}

std::string CodeOf(const Transition& t) { return t.refusal ? t.refusal->code : ""; }

TEST(MatterJointTest, AddingAnAssistingUnitBooksReceivedInItsOwnDimensionOnly) {
  auto t = AddAssist(InProgress(), {}, kHelper, "协办单位", kNow);
  ASSERT_FALSE(t.refusal);
  ASSERT_EQ(t.events.size(), 1u);
  EXPECT_EQ(t.events[0].kind, MatterEventKind::kAssistAdded);
  EXPECT_EQ(t.events[0].to_unit_id, kHelper);
  ASSERT_EQ(t.counters.size(), 1u);
  EXPECT_EQ(t.counters[0].dimension, StatsDimension::kAssistUnit);
  EXPECT_EQ(t.counters[0].key, kHelper);
  EXPECT_EQ(t.counters[0].counters.received, 1);
  EXPECT_EQ(t.matter.unit_id, kLead);
  EXPECT_EQ(t.audit_action, "matter.assist_add");
}

TEST(MatterJointTest, AddingRefusesTheLeadAnExistingAssistAndAMatterNotBeingHandled) {
  EXPECT_EQ(CodeOf(AddAssist(InProgress(), {}, kLead, "主办", kNow)), "matter.assist_is_lead");
  EXPECT_EQ(
      CodeOf(AddAssist(InProgress(), {Assist(AssistStatus::kAssigned)}, kHelper, "协办", kNow)),
      "matter.assist_exists");
  Matter replied = InProgress();
  replied.status = MatterStatus::kReplied;
  EXPECT_EQ(CodeOf(AddAssist(replied, {}, kHelper, "协办", kNow)), "matter.bad_state");
  Matter accepted = InProgress();
  accepted.status = MatterStatus::kAccepted;
  accepted.unit_id.reset();
  EXPECT_EQ(CodeOf(AddAssist(accepted, {}, kHelper, "协办", kNow)), "matter.bad_state");
}

TEST(MatterJointTest, RemovingNeedsAnAssistingUnit) {
  EXPECT_EQ(CodeOf(RemoveAssist(InProgress(), {}, kHelper, "协办", kNow)),
            "matter.assist_not_found");
  auto t = RemoveAssist(InProgress(), {Assist(AssistStatus::kAccepted)}, kHelper, "协办", kNow);
  ASSERT_FALSE(t.refusal);
  EXPECT_EQ(t.events.at(0).kind, MatterEventKind::kAssistRemoved);
  EXPECT_TRUE(t.counters.empty());
}

TEST(MatterJointTest, SigningForIsRespondedOnTimeByTheResponseDeadline) {
  auto on_time =
      AcceptAssist(InProgress(), Assist(AssistStatus::kAssigned), "协办", kAccepted + 3600);
  ASSERT_FALSE(on_time.refusal);
  EXPECT_EQ(on_time.counters.at(0).counters.responded, 1);
  EXPECT_EQ(on_time.counters.at(0).counters.responded_on_time, 1);
  auto late = AcceptAssist(InProgress(), Assist(AssistStatus::kAssigned), "协办", kNow);
  EXPECT_EQ(late.counters.at(0).counters.responded_on_time, 0);
  EXPECT_EQ(CodeOf(AcceptAssist(InProgress(), Assist(AssistStatus::kAccepted), "协办", kNow)),
            "matter.assist_bad_state");
}

TEST(MatterJointTest, ReportNeedsASignatureATextAndOnlyOnce) {
  EXPECT_EQ(CodeOf(ReportAssist(InProgress(), Assist(AssistStatus::kAssigned), "协办", "x", kNow)),
            "matter.assist_bad_state");
  EXPECT_EQ(CodeOf(ReportAssist(InProgress(), Assist(AssistStatus::kReported), "协办", "x", kNow)),
            "matter.assist_bad_state");
  auto blank = ReportAssist(InProgress(), Assist(AssistStatus::kAccepted), "协办", " ", kNow);
  ASSERT_TRUE(blank.refusal);
  EXPECT_EQ(blank.refusal->field, "text");
  auto t = ReportAssist(InProgress(), Assist(AssistStatus::kAccepted), "协办", "已清理", kNow);
  ASSERT_FALSE(t.refusal);
  EXPECT_EQ(t.events.at(0).kind, MatterEventKind::kAssistReported);
  EXPECT_EQ(t.events.at(0).from_unit_id, kHelper);
  EXPECT_EQ(t.counters.at(0).counters.replied, 1);
  EXPECT_EQ(t.counters.at(0).counters.replied_on_time, 1);
}

TEST(MatterJointTest, AStepOfTheAssistingUnitIsMarkedWithItsUnit) {
  EXPECT_EQ(CodeOf(AssistStep(InProgress(), Assist(AssistStatus::kAssigned), "协办", "x", kNow)),
            "matter.assist_bad_state");
  auto t = AssistStep(InProgress(), Assist(AssistStatus::kAccepted), "城管队", "现场查看", kNow);
  ASSERT_FALSE(t.refusal);
  EXPECT_EQ(t.events.at(0).kind, MatterEventKind::kStep);
  EXPECT_EQ(t.events.at(0).from_unit_id, kHelper);
  EXPECT_NE(t.events.at(0).text.find("城管队"), std::string::npos);
}

TEST(MatterJointTest, TheLeadRepliesOnlyWhenEveryAssistingUnitHasReported) {
  EXPECT_FALSE(CheckAssistsReported({}));
  EXPECT_FALSE(CheckAssistsReported({Assist(AssistStatus::kReported)}));
  auto missing = CheckAssistsReported({Assist(AssistStatus::kAccepted)});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->code, "matter.assist_reports_missing");
  EXPECT_NE(missing->message.find("协办单位"), std::string::npos);
}

TEST(MatterJointTest, RouteHistoryCountsTransfersAndReturns) {
  auto h = RouteHistoryOf({Event(MatterEventKind::kTransferred, kLead),
                           Event(MatterEventKind::kReturned, kOther),
                           Event(MatterEventKind::kStep, kLead)});
  EXPECT_EQ(h.routed, 2);
  EXPECT_EQ(h.returned_by, std::vector<Id>{kOther});
}

TEST(MatterJointTest, UnitRouteRulesInOrder) {
  RouteHistory none;
  EXPECT_FALSE(CheckUnitRoute(none, 2, kLead, true, {}));
  RouteHistory once{1, {kLead}};
  EXPECT_EQ(CheckUnitRoute(once, 2, kLead, true, {})->code, "matter.return_once");
  EXPECT_FALSE(CheckUnitRoute(once, 2, kLead, false, {}));  // A transfer is still allowed.
  RouteHistory capped{2, {kOther}};
  EXPECT_EQ(CheckUnitRoute(capped, 2, kLead, false, {})->code, "matter.transfer_cap");
  EXPECT_FALSE(CheckUnitRoute(capped, 3, kLead, true, {}));
  MatterDispute pending;
  pending.unit_id = kOther;
  EXPECT_EQ(CheckUnitRoute(none, 2, kLead, true, {pending})->code, "matter.dispute_pending");
  MatterDispute decided = pending;
  decided.decided_at = kNow;
  decided.decided_unit_id = kLead;
  EXPECT_EQ(CheckUnitRoute(none, 2, kLead, false, {decided})->code, "matter.dispute_decided");
  EXPECT_FALSE(CheckUnitRoute(none, 2, kOther, true, {decided}));
}

TEST(MatterJointTest, RouteReasonsComeFromTheList) {
  const auto reasons = DefaultRouteReasons();
  EXPECT_EQ(CheckRouteReason(reasons, "", "x")->code, "matter.return_reason_required");
  EXPECT_EQ(CheckRouteReason(reasons, "随便写", "x")->field, "reason_code");
  EXPECT_EQ(CheckRouteReason(reasons, "重复诉求", " ")->field, "reason");
  EXPECT_FALSE(CheckRouteReason(reasons, "重复诉求", "与20261130-00002相同"));
}

TEST(MatterJointTest, RouteSettingsRoundTripAndValidate) {
  EXPECT_EQ(ParseRouteReasons(""), DefaultRouteReasons());
  EXPECT_EQ(ParseRouteReasons(FormatRouteReasons({"甲", "乙"})),
            (std::vector<std::string>{"甲", "乙"}));
  EXPECT_EQ(ParseRouteReasons(" 甲 \n\n乙\n"), (std::vector<std::string>{"甲", "乙"}));
  EXPECT_TRUE(ValidateRouteSettings({"甲"}, 2).empty());
  EXPECT_EQ(ValidateRouteSettings({}, 2).at(0).field, "reasons");
  EXPECT_EQ(ValidateRouteSettings({"甲", "甲"}, 2).at(0).code, "matter.route_reason_duplicate");
  EXPECT_EQ(ValidateRouteSettings({"甲"}, 0).at(0).field, "cap");
  EXPECT_EQ(ValidateRouteSettings({"甲"}, 21).at(0).field, "cap");
}

TEST(MatterJointTest, ADisputeIsForAUnitThatMayNoLongerReturn) {
  EXPECT_EQ(CodeOf(RaiseDispute(InProgress(), {}, 2, {}, "重复诉求", "x", kNow)),
            "matter.dispute_not_needed");
  RouteHistory capped{2, {kOther}};
  auto t = RaiseDispute(InProgress(), capped, 2, {}, "不属于本单位职责", "应由水务办理", kNow);
  ASSERT_FALSE(t.refusal);
  EXPECT_EQ(t.events.at(0).kind, MatterEventKind::kDisputeRaised);
  EXPECT_TRUE(t.events.at(0).internal);
  MatterDispute pending;
  EXPECT_EQ(CodeOf(RaiseDispute(InProgress(), capped, 2, {pending}, "重复诉求", "x", kNow)),
            "matter.dispute_pending");
  MatterDispute decided;
  decided.decided_at = kNow;
  decided.decided_unit_id = kLead;
  EXPECT_EQ(CodeOf(RaiseDispute(InProgress(), capped, 2, {decided}, "重复诉求", "x", kNow)),
            "matter.dispute_decided");
}

TEST(MatterJointTest, ArbitrationMovesTheMatterOrKeepsIt) {
  MatterDispute d;
  d.unit_id = kLead;
  auto moved = DecideDispute(InProgress(), d, kOther, "水务站", "管网属水务", kNow);
  ASSERT_FALSE(moved.refusal);
  EXPECT_EQ(moved.matter.unit_id, kOther);
  EXPECT_EQ(moved.matter.status, MatterStatus::kDispatched);
  EXPECT_FALSE(moved.matter.handler_id);
  ASSERT_EQ(moved.counters.size(), 1u);
  EXPECT_EQ(moved.counters[0].dimension, StatsDimension::kUnit);
  EXPECT_EQ(moved.counters[0].key, kOther);
  EXPECT_EQ(moved.events.at(0).kind, MatterEventKind::kDisputeDecided);
  auto kept = DecideDispute(InProgress(), d, kLead, "主办", "属本单位职责", kNow);
  ASSERT_FALSE(kept.refusal);
  EXPECT_EQ(kept.matter.status, MatterStatus::kInProgress);
  EXPECT_TRUE(kept.counters.empty());
  EXPECT_EQ(CodeOf(DecideDispute(InProgress(), d, kLead, "主办", " ", kNow)),
            "matter.reason_required");
  d.decided_at = kNow;
  EXPECT_EQ(CodeOf(DecideDispute(InProgress(), d, kLead, "主办", "x", kNow)),
            "matter.dispute_not_pending");
}

}  // namespace
}  // namespace minqing::domain
