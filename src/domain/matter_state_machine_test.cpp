#include "domain/matter_state_machine.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace minqing::domain {
namespace {

// The state machine of a county-rooted tree (the township is the second id of a path).
Transition Apply(const Matter& m, const MatterCommand& c, Epoch now) {
  return domain::Apply(m, c, now, 0);
}

Epoch China(const char* date, int hour, int minute = 0) {
  return ChinaDayStart(*ParseDate(date)) + hour * 3600 + minute * 60;
}

const Epoch kAccepted = China("2026-11-30", 9);
const Epoch kNow = China("2026-12-01", 10);

// A matter in `status` with the fields earlier steps would have set.
Matter MatterIn(MatterStatus status) {
  Matter m;
  m.id = 1;
  m.number = "20261130-00001";
  m.type = MatterType::kConsultation;
  m.category_id = 7;
  m.region_id = 4;
  m.region_path = "/1/2/3/4/";
  m.accepted_at = kAccepted;
  m.response_due_at = kAccepted + 4 * 3600;
  m.due_at = ChinaDayEnd(*ParseDate("2026-12-07"));
  m.status = status;
  if (status != MatterStatus::kAccepted) {
    m.unit_id = m.first_unit_id = 30;
  }
  if (status == MatterStatus::kInProgress || status == MatterStatus::kReplied) {
    m.handler_id = 40;
    m.responded_at = kAccepted + 3600;
  }
  if (status == MatterStatus::kReplied) {
    m.replied_at = kAccepted + 7200;
    m.reply = "已修好";
  }
  return m;
}

// "unit/30 received=1 ..." for each delta, on the transition's day (checked separately).
std::vector<std::string> Cells(const Transition& t) {
  std::vector<std::string> out;
  for (const auto& d : t.counters) {
    std::ostringstream s;
    s << StatsDimensionCode(d.dimension) << "/" << d.key;
    if (d.key2 != 0) s << "/" << d.key2;
    if (!d.path.empty()) s << " " << d.path;
    const RateCounters& c = d.counters;
    const std::pair<const char*, std::int64_t> fields[] = {
        {"received", c.received},
        {"responded", c.responded},
        {"responded_on_time", c.responded_on_time},
        {"replied", c.replied},
        {"replied_on_time", c.replied_on_time},
        {"rated", c.rated},
        {"solved", c.solved},
        {"satisfied", c.satisfied},
        {"reopened", c.reopened},
        {"overdue", c.overdue}};
    for (const auto& [name, value] : fields) {
      if (value != 0) s << " " << name << "=" << value;
    }
    EXPECT_EQ(d.day, ChinaDay(t.at));
    out.push_back(s.str());
  }
  return out;
}

// The cells of every dimension with the same counters, person 40, unit 30.
std::vector<std::string> AllCells(const std::string& counters) {
  return {"unit/30" + counters,
          "person/40" + counters,
          "region/4 /1/2/3/4/" + counters,
          "category/7" + counters,
          "category_township/7/2 /1/2/" + counters,
          "category_county/7/1 /1/" + counters};
}
std::vector<std::string> PlaceCells(const std::string& counters) {
  return {"region/4 /1/2/3/4/" + counters, "category/7" + counters,
          "category_township/7/2 /1/2/" + counters, "category_county/7/1 /1/" + counters};
}

std::vector<std::string> Events(const Transition& t) {
  std::vector<std::string> out;
  for (const auto& e : t.events) {
    std::string s = std::string(MatterEventKindCode(e.kind)) + ":" + e.text;
    if (e.internal) s += " [internal]";
    if (e.from_unit_id) s += " from=" + std::to_string(*e.from_unit_id);
    if (e.to_unit_id) s += " to=" + std::to_string(*e.to_unit_id);
    if (e.on_target) s += " [target]";
    out.push_back(s);
  }
  return out;
}

MatterCommand CommandFor(MatterAction action) {
  switch (action) {
    case MatterAction::kAccept:
      return AcceptCommand(9, false, "");
    case MatterAction::kDispatch:
      return DispatchCommand(9, 31, "民政局", std::nullopt, "");
    case MatterAction::kUnitAccept:
      return UnitAcceptCommand(9);
    case MatterAction::kTransfer:
      return TransferCommand(9, 31, "民政局", "不归我们管");
    case MatterAction::kReturn:
      return ReturnCommand(9, "派错了");
    case MatterAction::kStep:
      return StepCommand(9, "到现场看了", false, {});
    case MatterAction::kReply:
      return ReplyCommand(9, "已修好");
    case MatterAction::kConfirm:
      return ConfirmCommand(9, true, 5, "", "sms_code");
    case MatterAction::kCloseOnSpot:
      return CloseOnSpotCommand(9, "");
    case MatterAction::kMerge:
      return MergeCommand(9, 2, "20261130-00002", MatterStatus::kDispatched);
    case MatterAction::kSupervise:
      return SuperviseCommand(9, "抓紧办", "2026-12-05");
    case MatterAction::kEscalate:
      return EscalateCommand(1, "乡镇");
    case MatterAction::kRequestExtension:
    case MatterAction::kProposeOutcome:
      return {};  // Requests: matter_requests_test.cpp.
  }
  return {};
}

TEST(MatterStateMachineTest, EachActionIsAllowedOnlyFromItsStatuses) {
  using S = MatterStatus;
  const S statuses[] = {S::kAccepted, S::kDispatched, S::kInProgress,
                        S::kReplied,  S::kClosed,     S::kMerged};
  struct Row {
    MatterAction action;
    const char* allowed;  // One letter per status above: y allowed, - refused.
  };
  const Row rows[] = {
      {MatterAction::kAccept, "y-----"},      {MatterAction::kDispatch, "y-----"},
      {MatterAction::kUnitAccept, "-y----"},  {MatterAction::kTransfer, "-yy---"},
      {MatterAction::kReturn, "-yy---"},      {MatterAction::kStep, "-yy---"},
      {MatterAction::kReply, "--y---"},       {MatterAction::kConfirm, "---y--"},
      {MatterAction::kCloseOnSpot, "y-----"}, {MatterAction::kMerge, "yyyy--"},
      {MatterAction::kSupervise, "yyyy--"},   {MatterAction::kEscalate, "yyy---"},
  };
  for (const auto& row : rows) {
    for (int i = 0; i < 6; ++i) {
      const bool allowed = row.allowed[i] == 'y';
      EXPECT_EQ(CanPerform(statuses[i], row.action), allowed)
          << static_cast<int>(row.action) << " from " << MatterStatusCode(statuses[i]);
      auto t = Apply(MatterIn(statuses[i]), CommandFor(row.action), kNow);
      if (allowed) {
        EXPECT_FALSE(t.refusal) << static_cast<int>(row.action) << " from "
                                << MatterStatusCode(statuses[i]) << ": " << t.refusal->code;
      } else {
        ASSERT_TRUE(t.refusal) << static_cast<int>(row.action) << " from "
                               << MatterStatusCode(statuses[i]);
        EXPECT_EQ(t.refusal->code, "matter.bad_state");
        EXPECT_EQ(t.refusal->message, "当前状态不能执行此操作");
        EXPECT_EQ(t.refusal->field, "");
        EXPECT_TRUE(t.events.empty());
        EXPECT_TRUE(t.counters.empty());
      }
    }
  }
}

TEST(MatterStateMachineTest, AcceptBooksReceivedInThePlaceCellsOnTheAcceptanceDay) {
  Matter m = MatterIn(MatterStatus::kAccepted);
  m.channel = MatterChannel::kHotline;
  auto t = Apply(m, AcceptCommand(9, false, ""), kNow);
  ASSERT_FALSE(t.refusal);
  EXPECT_EQ(t.at, kAccepted);  // A backfilled acceptance counts on its own day.
  EXPECT_EQ(t.matter.status, MatterStatus::kAccepted);
  EXPECT_EQ(Events(t), std::vector<std::string>{"accepted:受理：热线电话"});
  EXPECT_EQ(Cells(t), PlaceCells(" received=1"));
  EXPECT_EQ(t.audit_action, "matter.accept");
}

TEST(MatterStateMachineTest, UnderACityRootTheTownshipCellsAreTheSubdistricts) {
  // 市 1 / 区 2 / 街道 3 / 社区 4 / 网格 5: the township cells count by 街道, not by 区.
  Matter m = MatterIn(MatterStatus::kAccepted);
  m.region_id = 5;
  m.region_path = "/1/2/3/4/5/";
  auto t = domain::Apply(m, AcceptCommand(9, false, ""), kNow, 1);
  ASSERT_FALSE(t.refusal);
  EXPECT_EQ(Cells(t),
            (std::vector<std::string>{"region/5 /1/2/3/4/5/ received=1", "category/7 received=1",
                                      "category_township/7/3 /1/2/3/ received=1",
                                      "category_county/7/2 /1/2/ received=1"}));
}

TEST(MatterStateMachineTest, AcceptAnsweredOnTheSpotClosesAndCountsTheReply) {
  auto t = Apply(MatterIn(MatterStatus::kAccepted), AcceptCommand(9, true, "按政策办理即可"), kNow);
  ASSERT_FALSE(t.refusal);
  EXPECT_EQ(t.matter.status, MatterStatus::kClosed);
  EXPECT_EQ(t.matter.reply, "按政策办理即可");
  EXPECT_EQ(t.matter.replied_at, kAccepted);
  EXPECT_EQ(t.matter.closed_at, kAccepted);
  EXPECT_EQ(t.matter.confirmed_via, "window");
  EXPECT_EQ(Events(t),
            (std::vector<std::string>{"accepted:受理：窗口受理", "closed_on_spot:按政策办理即可"}));
  EXPECT_EQ(Cells(t), PlaceCells(" received=1 replied=1 replied_on_time=1"));
  auto empty = Apply(MatterIn(MatterStatus::kAccepted), AcceptCommand(9, true, ""), kNow);
  EXPECT_EQ(Events(empty)[1], "closed_on_spot:当场答复，一次性办结");
}

TEST(MatterStateMachineTest, AcceptMergedAtOnceMarksBothMatters) {
  auto t = Apply(MatterIn(MatterStatus::kAccepted),
                 AcceptCommand(9, false, "", 2, "20261129-00007", MatterStatus::kInProgress), kNow);
  ASSERT_FALSE(t.refusal);
  EXPECT_EQ(t.matter.status, MatterStatus::kMerged);
  EXPECT_EQ(t.matter.merged_into_id, 2);
  EXPECT_EQ(Events(t),
            (std::vector<std::string>{"accepted:受理：窗口受理", "merged:合并至 20261129-00007",
                                      "merged:合并重复诉求 20261130-00001 [internal] [target]"}));
  EXPECT_EQ(Cells(t), PlaceCells(" received=1"));
  auto closed =
      Apply(MatterIn(MatterStatus::kAccepted),
            AcceptCommand(9, false, "", 2, "20261129-00007", MatterStatus::kClosed), kNow);
  ASSERT_TRUE(closed.refusal);
  EXPECT_EQ(closed.refusal->code, "matter.merge_target");
  EXPECT_EQ(closed.refusal->field, "merge_into_id");
  EXPECT_EQ(closed.refusal->message, "合并目标不存在或已办结");
}

TEST(MatterStateMachineTest, DispatchCountsReceivedForTheUnitAndTheNamedPerson) {
  auto t = Apply(MatterIn(MatterStatus::kAccepted), DispatchCommand(9, 30, "民政局", 40, "请尽快"),
                 kNow);
  ASSERT_FALSE(t.refusal);
  EXPECT_EQ(t.at, kNow);
  EXPECT_EQ(t.matter.status, MatterStatus::kDispatched);
  EXPECT_EQ(t.matter.unit_id, 30);
  EXPECT_EQ(t.matter.first_unit_id, 30);
  EXPECT_EQ(t.matter.handler_id, 40);
  EXPECT_EQ(Events(t), std::vector<std::string>{"dispatched:派单至民政局：请尽快 to=30"});
  EXPECT_EQ(Cells(t), (std::vector<std::string>{"unit/30 received=1", "person/40 received=1"}));
  EXPECT_EQ(t.audit_action, "matter.dispatch");

  // Without a person, after a return: the first unit stays.
  Matter returned = MatterIn(MatterStatus::kAccepted);
  returned.first_unit_id = 29;
  returned.handler_id = 41;
  auto again = Apply(returned, DispatchCommand(9, 30, "民政局", std::nullopt, ""), kNow);
  EXPECT_EQ(again.matter.first_unit_id, 29);
  EXPECT_EQ(again.matter.handler_id, std::nullopt);
  EXPECT_EQ(Events(again), std::vector<std::string>{"dispatched:派单至民政局 to=30"});
  EXPECT_EQ(Cells(again), std::vector<std::string>{"unit/30 received=1"});
}

TEST(MatterStateMachineTest, TheFirstUnitAcceptanceCountsTheResponseOnTimeOrLate) {
  struct Case {
    Epoch at;
    std::string counters;
  };
  const Matter dispatched = MatterIn(MatterStatus::kDispatched);
  const Case cases[] = {
      {dispatched.response_due_at, " responded=1 responded_on_time=1"},
      {dispatched.response_due_at + 1, " responded=1"},
  };
  for (const auto& c : cases) {
    auto t = Apply(dispatched, UnitAcceptCommand(40), c.at);
    ASSERT_FALSE(t.refusal);
    EXPECT_EQ(t.matter.status, MatterStatus::kInProgress);
    EXPECT_EQ(t.matter.handler_id, 40);  // The accepting user handles it.
    EXPECT_EQ(t.matter.responded_at, c.at);
    EXPECT_EQ(Events(t), std::vector<std::string>{"unit_accepted:承办单位已签收 to=30"});
    EXPECT_EQ(Cells(t), AllCells(c.counters));
    EXPECT_EQ(t.audit_action, "matter.unit_accept");
  }
  // After a transfer the matter was responded to already: nothing more to count, and a handler
  // already named stays; the system (0) becomes nobody's handler.
  Matter again = dispatched;
  again.responded_at = kAccepted + 60;
  again.handler_id = 41;
  auto t = Apply(again, UnitAcceptCommand(40), kNow);
  EXPECT_EQ(t.matter.responded_at, kAccepted + 60);
  EXPECT_EQ(t.matter.handler_id, 41);
  EXPECT_TRUE(t.counters.empty());
  EXPECT_EQ(Apply(dispatched, UnitAcceptCommand(0), kNow).matter.handler_id, std::nullopt);
  auto by_system = Apply(dispatched, UnitAcceptCommand(0), dispatched.response_due_at);
  EXPECT_EQ(Cells(by_system),
            (std::vector<std::string>{"unit/30 responded=1 responded_on_time=1",
                                      "region/4 /1/2/3/4/ responded=1 responded_on_time=1",
                                      "category/7 responded=1 responded_on_time=1",
                                      "category_township/7/2 /1/2/ responded=1 responded_on_time=1",
                                      "category_county/7/1 /1/ responded=1 responded_on_time=1"}));
}

TEST(MatterStateMachineTest, TransferCountsReceivedForTheNewUnitOnly) {
  auto t = Apply(MatterIn(MatterStatus::kInProgress),
                 TransferCommand(40, 31, "住建局", "不归我们管"), kNow);
  ASSERT_FALSE(t.refusal);
  EXPECT_EQ(t.matter.status, MatterStatus::kDispatched);
  EXPECT_EQ(t.matter.unit_id, 31);
  EXPECT_EQ(t.matter.first_unit_id, 30);
  EXPECT_EQ(t.matter.handler_id, std::nullopt);
  EXPECT_EQ(Events(t),
            std::vector<std::string>{"transferred:转办至住建局：不归我们管 from=30 to=31"});
  EXPECT_EQ(Cells(t), std::vector<std::string>{"unit/31 received=1"});
  EXPECT_EQ(t.audit_action, "matter.transfer");
  auto same =
      Apply(MatterIn(MatterStatus::kInProgress), TransferCommand(40, 30, "民政局", "x"), kNow);
  ASSERT_TRUE(same.refusal);
  EXPECT_EQ(same.refusal->code, "matter.same_unit");
  EXPECT_EQ(same.refusal->message, "不能转给当前承办单位");
  EXPECT_EQ(same.refusal->field, "unit_id");
}

TEST(MatterStateMachineTest, ReturnSendsItBackWithoutCounting) {
  auto t = Apply(MatterIn(MatterStatus::kInProgress), ReturnCommand(40, "派错了"), kNow);
  ASSERT_FALSE(t.refusal);
  EXPECT_EQ(t.matter.status, MatterStatus::kAccepted);
  EXPECT_EQ(t.matter.unit_id, std::nullopt);
  EXPECT_EQ(t.matter.handler_id, std::nullopt);
  EXPECT_EQ(t.matter.first_unit_id, 30);
  EXPECT_EQ(Events(t), std::vector<std::string>{"returned:退单：派错了 from=30"});
  EXPECT_TRUE(t.counters.empty());
  EXPECT_EQ(t.audit_action, "matter.return");
}

TEST(MatterStateMachineTest, StepsAndNotesChangeNoState) {
  const Matter m = MatterIn(MatterStatus::kDispatched);
  auto step = Apply(m, StepCommand(40, "到现场看了", false, {5, 6}), kNow);
  ASSERT_FALSE(step.refusal);
  EXPECT_EQ(step.matter.status, MatterStatus::kDispatched);
  EXPECT_EQ(Events(step), std::vector<std::string>{"step:到现场看了"});
  EXPECT_EQ(step.events[0].attachment_ids, (std::vector<Id>{5, 6}));
  auto note = Apply(m, StepCommand(40, "内部", true, {}), kNow);
  EXPECT_EQ(Events(note), std::vector<std::string>{"note:内部 [internal]"});
  EXPECT_TRUE(step.counters.empty());
  EXPECT_TRUE(note.counters.empty());
  EXPECT_EQ(note.audit_action, "matter.step");
}

TEST(MatterStateMachineTest, ReplyCountsOnTimeUntilTheLastSecondOfTheDeadline) {
  Matter m = MatterIn(MatterStatus::kInProgress);
  struct Case {
    Epoch at;
    std::string counters;
  };
  const Case cases[] = {{m.due_at, " replied=1 replied_on_time=1"}, {m.due_at + 1, " replied=1"}};
  for (const auto& c : cases) {
    auto t = Apply(m, ReplyCommand(40, "已修好"), c.at);
    ASSERT_FALSE(t.refusal);
    EXPECT_EQ(t.matter.status, MatterStatus::kReplied);
    EXPECT_EQ(t.matter.replied_at, c.at);
    EXPECT_EQ(t.matter.reply, "已修好");
    EXPECT_EQ(Events(t), std::vector<std::string>{"replied:已修好"});
    EXPECT_EQ(Cells(t), AllCells(c.counters));
    EXPECT_EQ(t.audit_action, "matter.reply");
  }
  m.handler_id.reset();
  auto t = Apply(m, ReplyCommand(40, "已修好"), kNow);
  EXPECT_EQ(t.matter.handler_id, 40);
  EXPECT_EQ(Cells(t)[1], "person/40 replied=1 replied_on_time=1");
}

TEST(MatterStateMachineTest, CloseOnSpotIsForConsultationsAndCountsInThePlaceCells) {
  auto t = Apply(MatterIn(MatterStatus::kAccepted), CloseOnSpotCommand(9, "已解答"), kNow);
  ASSERT_FALSE(t.refusal);
  EXPECT_EQ(t.matter.status, MatterStatus::kClosed);
  EXPECT_EQ(t.matter.replied_at, kNow);
  EXPECT_EQ(t.matter.closed_at, kNow);
  EXPECT_EQ(t.matter.confirmed_via, "window");
  EXPECT_EQ(Events(t), std::vector<std::string>{"closed_on_spot:已解答"});
  EXPECT_EQ(Cells(t), PlaceCells(" replied=1 replied_on_time=1"));
  EXPECT_EQ(t.audit_action, "matter.close_on_spot");
  Matter help = MatterIn(MatterStatus::kAccepted);
  help.type = MatterType::kHelp;
  auto refused = Apply(help, CloseOnSpotCommand(9, ""), kNow);
  ASSERT_TRUE(refused.refusal);
  EXPECT_EQ(refused.refusal->code, "matter.bad_state");
  EXPECT_EQ(refused.refusal->message, "只有咨询类诉求可以当场办结");
}

TEST(MatterStateMachineTest, MergeNeedsAnotherOpenMatter) {
  auto t = Apply(MatterIn(MatterStatus::kDispatched),
                 MergeCommand(9, 2, "20261129-00007", MatterStatus::kReplied), kNow);
  ASSERT_FALSE(t.refusal);
  EXPECT_EQ(t.matter.status, MatterStatus::kMerged);
  EXPECT_EQ(t.matter.merged_into_id, 2);
  EXPECT_EQ(Events(t),
            (std::vector<std::string>{"merged:合并至 20261129-00007",
                                      "merged:合并重复诉求 20261130-00001 [internal] [target]"}));
  EXPECT_TRUE(t.counters.empty());
  EXPECT_EQ(t.audit_action, "matter.merge");
  auto self = Apply(MatterIn(MatterStatus::kDispatched),
                    MergeCommand(9, 1, "20261130-00001", MatterStatus::kDispatched), kNow);
  ASSERT_TRUE(self.refusal);
  EXPECT_EQ(self.refusal->code, "matter.merge_self");
  EXPECT_EQ(self.refusal->field, "into_id");
  for (MatterStatus closed : {MatterStatus::kClosed, MatterStatus::kMerged}) {
    auto r = Apply(MatterIn(MatterStatus::kDispatched), MergeCommand(9, 2, "x", closed), kNow);
    ASSERT_TRUE(r.refusal);
    EXPECT_EQ(r.refusal->code, "matter.bad_state");
    EXPECT_EQ(r.refusal->message, "合并目标已办结或已合并");
  }
}

TEST(MatterStateMachineTest, SuperviseFlagsTheMatter) {
  auto t =
      Apply(MatterIn(MatterStatus::kReplied), SuperviseCommand(9, "抓紧办", "2026-12-05"), kNow);
  ASSERT_FALSE(t.refusal);
  EXPECT_TRUE(t.matter.supervised);
  EXPECT_EQ(t.matter.status, MatterStatus::kReplied);
  EXPECT_EQ(Events(t),
            std::vector<std::string>{"supervised:督办：抓紧办（期限 2026-12-05） [internal]"});
  EXPECT_TRUE(t.counters.empty());
  EXPECT_EQ(t.audit_action, "matter.supervise");
}

TEST(MatterStateMachineTest, SignOffCountsRatedSolvedSatisfiedOrReopened) {
  struct Case {
    bool solved;
    int rating;
    const char* comment;
    const char* proof;
    MatterStatus status;
    std::string event;
    std::string counters;
  };
  const Case cases[] = {
      {true, 5, "", "sms_code", MatterStatus::kClosed,
       "confirmed:群众确认（凭短信验证码）已解决，评价5星", " rated=1 solved=1 satisfied=1"},
      {true, 4, "谢谢", "resident_account", MatterStatus::kClosed,
       "confirmed:群众确认（凭本户居民账户）已解决，评价4星：谢谢",
       " rated=1 solved=1 satisfied=1"},
      {true, 3, "", "callback", MatterStatus::kClosed,
       "confirmed:群众确认（经回访）已解决，评价3星", " rated=1 solved=1"},
      {false, 4, "", "callback", MatterStatus::kInProgress,
       "reopened:群众反馈（经回访）未解决，评价4星，重新办理 to=30",
       " rated=1 satisfied=1 reopened=1"},
      {false, 1, "没修", "sms_code", MatterStatus::kInProgress,
       "reopened:群众反馈（凭短信验证码）未解决，评价1星：没修，重新办理 to=30",
       " rated=1 reopened=1"},
  };
  for (const auto& c : cases) {
    const Matter m = MatterIn(MatterStatus::kReplied);
    auto t = Apply(m, ConfirmCommand(0, c.solved, c.rating, c.comment, c.proof), kNow);
    ASSERT_FALSE(t.refusal);
    EXPECT_EQ(t.matter.status, c.status) << c.event;
    EXPECT_EQ(t.matter.solved, c.solved);
    EXPECT_EQ(t.matter.rating, c.rating);
    EXPECT_EQ(t.matter.rating_comment, c.comment);
    EXPECT_EQ(t.matter.confirmed_via, c.proof);
    EXPECT_EQ(t.matter.closed_at, c.solved ? std::optional<Epoch>(kNow) : std::nullopt);
    EXPECT_EQ(t.matter.reopen_count, c.solved ? 0 : 1);
    EXPECT_EQ(Events(t), std::vector<std::string>{c.event});
    EXPECT_EQ(Cells(t), AllCells(c.counters)) << c.event;
    EXPECT_EQ(t.audit_action, c.solved ? "matter.confirm" : "matter.reopen");
  }
  EXPECT_EQ(SignOffSummary(false, 2, "慢"), "未解决，评价2星：慢");
}

TEST(MatterStateMachineTest, OnlyTheFirstEscalationCountsOverdue) {
  Matter m = MatterIn(MatterStatus::kInProgress);
  auto first = Apply(m, EscalateCommand(1, "街道"), kNow);
  ASSERT_FALSE(first.refusal);
  EXPECT_EQ(first.matter.escalation_level, 1);
  EXPECT_EQ(Events(first), std::vector<std::string>{"escalated:逾期升级至街道 [internal]"});
  EXPECT_EQ(Cells(first), AllCells(" overdue=1"));
  EXPECT_EQ(first.audit_action, "matter.escalate");
  auto second = Apply(first.matter, EscalateCommand(2, "区"), kNow);
  ASSERT_FALSE(second.refusal);
  EXPECT_EQ(second.matter.escalation_level, 2);
  EXPECT_EQ(Events(second), std::vector<std::string>{"escalated:逾期升级至区 [internal]"});
  EXPECT_TRUE(second.counters.empty());
  auto same = Apply(second.matter, EscalateCommand(2, "区"), kNow);
  ASSERT_TRUE(same.refusal);
  EXPECT_EQ(same.refusal->code, "matter.escalation_level");
  // Straight to level 2 on a dispatched matter with no handler: unit and place cells.
  auto jump = Apply(MatterIn(MatterStatus::kDispatched), EscalateCommand(2, "县"), kNow);
  EXPECT_EQ(Cells(jump),
            (std::vector<std::string>{
                "unit/30 overdue=1", "region/4 /1/2/3/4/ overdue=1", "category/7 overdue=1",
                "category_township/7/2 /1/2/ overdue=1", "category_county/7/1 /1/ overdue=1"}));
}

TEST(MatterStateMachineTest, AMatterWithoutCategoryCountsUnderCategoryZero) {
  Matter m = MatterIn(MatterStatus::kAccepted);
  m.category_id.reset();
  auto t = Apply(m, AcceptCommand(9, false, ""), kNow);
  EXPECT_EQ(Cells(t),
            (std::vector<std::string>{"region/4 /1/2/3/4/ received=1", "category/0 received=1",
                                      "category_township/0/2 /1/2/ received=1",
                                      "category_county/0/1 /1/ received=1"}));
}

TEST(MatterStateMachineTest, MergedDuplicatesShareTheSolvedOutcome) {
  auto target =
      Apply(MatterIn(MatterStatus::kReplied), ConfirmCommand(0, true, 4, "", "callback"), kNow);
  Matter duplicate = MatterIn(MatterStatus::kMerged);
  duplicate.id = 3;
  duplicate.merged_into_id = 1;
  auto t = ShareOutcome(duplicate, target.matter, kNow);
  ASSERT_FALSE(t.refusal);
  EXPECT_EQ(t.matter.status, MatterStatus::kClosed);
  EXPECT_EQ(t.matter.closed_at, kNow);
  EXPECT_EQ(t.matter.solved, true);
  EXPECT_EQ(t.matter.rating, 4);
  EXPECT_EQ(t.matter.reply, "已修好");
  EXPECT_EQ(t.matter.confirmed_via, "callback");
  EXPECT_EQ(Events(t), std::vector<std::string>{"confirmed:随合并的诉求20261130-00001办结"});
  EXPECT_TRUE(t.counters.empty());
  EXPECT_EQ(t.audit_action, "matter.close_merged");
  EXPECT_TRUE(ShareOutcome(MatterIn(MatterStatus::kClosed), target.matter, kNow).refusal);
}

TEST(MatterStateMachineTest, TheTransitionDayIsTheChinaCivilDay) {
  // 23:30 China time is 15:30 UTC the same civil day; 00:30 is the next civil day.
  const Matter m = MatterIn(MatterStatus::kInProgress);
  auto late = Apply(m, ReplyCommand(40, "x"), China("2026-12-01", 23, 30));
  auto early = Apply(m, ReplyCommand(40, "x"), China("2026-12-02", 0, 30));
  EXPECT_EQ(FormatDate(late.counters[0].day), "2026-12-01");
  EXPECT_EQ(FormatDate(early.counters[0].day), "2026-12-02");
}

TEST(StatsDimensionTest, CodesAreTheStoredNames) {
  const std::pair<StatsDimension, const char*> names[] = {
      {StatsDimension::kUnit, "unit"},
      {StatsDimension::kPerson, "person"},
      {StatsDimension::kRegion, "region"},
      {StatsDimension::kCategory, "category"},
      {StatsDimension::kCategoryTownship, "category_township"},
      {StatsDimension::kCategoryCounty, "category_county"}};
  for (const auto& [dimension, name] : names) {
    EXPECT_EQ(StatsDimensionCode(dimension), name);
    EXPECT_EQ(ParseStatsDimension(name), dimension);
  }
  EXPECT_EQ(ParseStatsDimension("unit@m"), std::nullopt);
}

}  // namespace
}  // namespace minqing::domain
