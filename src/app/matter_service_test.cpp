#include "app/matter_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "app/test_fixture.hpp"

namespace minqing::app {
namespace {

using domain::ChinaDayEnd;
using domain::ChinaDayStart;
using domain::MatterStatus;

domain::Epoch At(const char* date, int hour, int minute = 0) {
  return ChinaDayStart(*domain::ParseDate(date)) + hour * 3600 + minute * 60;
}

class MatterServiceTest : public testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    unit1_ = MakeUnit("社会事务服务中心");
    unit2_ = MakeUnit("经济发展服务中心");
    CategoryInput parking;
    parking.name = "停车管理";
    parking.keywords = "停车 车位 占道";
    parking.response_hours = 4;
    parking.completion_days = 2;
    category_ = matters().CreateCategory(admin_, parking);
    CategoryInput relief;
    relief.name = "低保救助";
    relief.keywords = "低保 救助 困难";
    relief.default_unit_id = unit2_.id;
    relief_ = matters().CreateCategory(admin_, relief);
    matters().CreateRoutingRule(admin_, category_.id, village_a_.id, unit1_.id, std::nullopt);
    clerk_ = UserActor("clerk", "centre_staff", township_.id);
    handler1_ = UserActor("handler1", "unit_handler", std::nullopt, std::nullopt, unit1_.id);
    handler2_ = UserActor("handler2", "unit_handler", std::nullopt, std::nullopt, unit2_.id);
    leader_ = UserActor("leader", "leader", county_.id);
  }

  MatterService& matters() { return services_->matters; }

  domain::Unit MakeUnit(const char* name) {
    UnitInput input;
    input.name = name;
    input.kind = "service_centre";
    input.region_id = township_.id;
    return services_->registry.CreateUnit(admin_, input);
  }

  static Actor WithNow(Actor actor, domain::Epoch now) {
    actor.now = now;
    return actor;
  }

  AcceptResult AcceptParking(domain::Epoch at,
                             const char* text = "小区门口有人长期占道停车，车位不够") {
    MatterInput input;
    input.type = "complaint";
    input.category_id = category_.id;
    input.household_id = household_a_.id;
    input.content = text;
    return matters().Accept(WithNow(clerk_, at), input);
  }

  // Accepted → dispatched (routing rule) → unit accepted → replied.
  domain::Matter Replied(domain::Epoch at) {
    auto accepted = AcceptParking(at);
    matters().Dispatch(WithNow(clerk_, at + 60), accepted.matter.id, std::nullopt, std::nullopt,
                       "");
    matters().UnitAccept(WithNow(handler1_, at + 600), accepted.matter.id);
    return matters().Reply(WithNow(handler1_, at + 3600), accepted.matter.id, "已协调物业增划车位");
  }

  std::string LastCode() {
    auto sms = matters().ListSms(admin_, {0, 1, ""});
    EXPECT_FALSE(sms.items.empty());
    const std::string& text = sms.items.front().text;
    auto pos = text.find("验证码为");
    return text.substr(pos + std::string("验证码为").size(), 6);
  }

  domain::RateCounters UnitCounters(domain::Id unit, domain::Epoch now) {
    PeriodQuery period{"2026-01-01", "2026-12-31", std::nullopt};
    for (const auto& row : matters().Rates(WithNow(leader_, now), "unit", period)) {
      if (row.key == unit) return row.counters;
    }
    return {};
  }

  domain::Unit unit1_, unit2_;
  domain::MatterCategory category_, relief_;
  Actor clerk_, handler1_, handler2_, leader_;
};

TEST_F(MatterServiceTest, IntakeGivesNumberDeadlinesOverNationalDayAndReceipt) {
  auto result = AcceptParking(At("2026-09-30", 10));
  const auto& m = result.matter;
  EXPECT_EQ(m.number.substr(0, 9), "20260930-");
  EXPECT_EQ(m.number, "20260930-00001");
  EXPECT_EQ(m.status, MatterStatus::kAccepted);
  EXPECT_EQ(m.region_id, village_a_.id);
  EXPECT_EQ(m.caller_name, "王景云");
  // 2 working days: 10-01..10-07 off, 10-08 day 1, 10-09 day 2.
  EXPECT_EQ(m.due_at, ChinaDayEnd(*domain::ParseDate("2026-10-09")));
  EXPECT_EQ(result.receipt.token.size(), 32u);
  EXPECT_NE(result.receipt.public_path.find(m.number), std::string::npos);
  auto second = AcceptParking(At("2026-09-30", 11), "另一件事");
  EXPECT_EQ(second.matter.number, "20260930-00002");
}

TEST_F(MatterServiceTest, IntakeValidatesInput) {
  MatterInput input;
  input.type = "nonsense";
  input.household_id = household_a_.id;
  input.caller_phone = "12";
  try {
    matters().Accept(clerk_, input);
    FAIL();
  } catch (const domain::InvalidInput& e) {
    std::set<std::string> fields;
    for (const auto& p : e.problems()) fields.insert(p.field);
    EXPECT_TRUE(fields.count("type"));
    EXPECT_TRUE(fields.count("content"));
    EXPECT_TRUE(fields.count("caller_phone"));
  }
  // The assistant of village A may not take matters for village B.
  MatterInput other;
  other.type = "help";
  other.household_id = household_b_.id;
  other.content = "求助";
  EXPECT_THROW(matters().Accept(assistant_, other), domain::Forbidden);
}

// An intake reads the household, its residents, the region and the category from caches kept
// across intakes (intakes write matters only); a write to any of them is seen by the next one.
TEST_F(MatterServiceTest, IntakeSeesRegistryAndCatalogueChangesAtOnce) {
  auto first = AcceptParking(At("2026-09-01", 9)).matter;
  EXPECT_EQ(first.region_id, village_a_.id);
  EXPECT_EQ(first.address, "东关村1号");
  EXPECT_EQ(first.caller_phone, "13812345678");
  EXPECT_EQ(first.caller_name, "王景云");

  HouseholdInput moved;
  moved.region_id = village_b_.id;
  moved.address = "西关村8号";
  moved.number = household_a_.number;
  services_->registry.UpdateHousehold(admin_, household_a_.id, moved);
  auto head = services_->registry.GetHousehold(admin_, household_a_.id).members.at(0);
  ResidentInput renamed;
  renamed.name = "王景云";
  renamed.id_card = domain::MakeIdCard("131124", "19700101", 11);
  renamed.phone = "13900009999";
  renamed.relation = "户主";
  services_->registry.UpdateResident(admin_, head.id, renamed);
  // The same second: the caches' time limit cannot be what makes the change seen.
  auto second = AcceptParking(At("2026-09-01", 9)).matter;
  EXPECT_EQ(second.region_id, village_b_.id);
  EXPECT_EQ(second.region_path, village_b_.path);
  EXPECT_EQ(second.address, "西关村8号");
  EXPECT_EQ(second.caller_phone, "13900009999");

  CategoryInput closed;
  closed.name = category_.name;
  closed.active = false;
  matters().UpdateCategory(admin_, category_.id, closed);
  try {
    AcceptParking(At("2026-09-01", 9));
    FAIL() << "an inactive category was accepted";
  } catch (const domain::InvalidInput& e) {
    ASSERT_FALSE(e.problems().empty());
    EXPECT_EQ(e.problems().front().code, "category.not_found");
  }
}

TEST_F(MatterServiceTest, ExportIsTheListAsASpreadsheetWithinScopeAndAudited) {
  auto late = AcceptParking(At("2026-09-01", 9)).matter;  // Due 2026-09-03, never replied.
  MatterInput elsewhere;
  elsewhere.type = "help";
  elsewhere.category_id = relief_.id;
  elsewhere.household_id = household_b_.id;
  elsewhere.content = "申请低保";
  auto second = matters().Accept(WithNow(clerk_, At("2026-09-02", 9)), elsewhere).matter;

  MatterQuery all;
  auto table = matters().ExportMatters(WithNow(leader_, At("2026-09-10", 9)), all);
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
  EXPECT_EQ(matters().ExportMatters(leader_, by_village).rows.size(), 1U);
  EXPECT_EQ(matters().ExportMatters(assistant_, all).rows.size(), 1U);
  Actor resident = assistant_;
  resident.user.role = domain::Role::kResident;
  EXPECT_THROW(matters().ExportMatters(resident, all), domain::Forbidden);

  auto audit = services_->store->BeginRead()->ListAudit({"matter", 0, std::nullopt}, {0, 10, ""});
  ASSERT_FALSE(audit.items.empty());
  EXPECT_EQ(audit.items.front().action, "matter.export");

  MatterServiceOptions small;
  small.max_export_rows = 1;
  MatterService limited(*services_->store, small);
  try {
    limited.ExportMatters(leader_, all);
    FAIL() << "an export over the limit was made";
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "export.too_many");
  }
  EXPECT_EQ(limited.ExportMatters(leader_, by_village).rows.size(), 1U);
}

TEST_F(MatterServiceTest, PreviewFindsDuplicatesAndSuggestsCategories) {
  auto first = AcceptParking(At("2026-09-01", 9));
  auto preview = matters().PreviewIntake(WithNow(clerk_, At("2026-09-02", 9)), household_a_.id,
                                         std::nullopt, "小区门口有人占道停车，车位不够用");
  ASSERT_FALSE(preview.duplicates.empty());
  EXPECT_EQ(preview.duplicates.front().matter.id, first.matter.id);
  EXPECT_GE(preview.duplicates.front().similarity, 0.35);
  ASSERT_FALSE(preview.suggested_categories.empty());
  EXPECT_EQ(preview.suggested_categories.front().id, category_.id);
  EXPECT_EQ(preview.household_open_matters.size(), 1u);
  // Merging at intake: the new matter shares the first one's outcome.
  MatterInput dup;
  dup.type = "complaint";
  dup.household_id = household_a_.id;
  dup.content = "门口占道停车";
  dup.merge_into_id = first.matter.id;
  auto merged = matters().Accept(WithNow(clerk_, At("2026-09-02", 9)), dup);
  EXPECT_EQ(merged.matter.status, MatterStatus::kMerged);
  matters().Dispatch(WithNow(clerk_, At("2026-09-02", 10)), first.matter.id, std::nullopt,
                     std::nullopt, "");
  matters().UnitAccept(WithNow(handler1_, At("2026-09-02", 11)), first.matter.id);
  matters().Reply(WithNow(handler1_, At("2026-09-02", 12)), first.matter.id, "已处理");
  auto view = matters().GetPublic(first.matter.number, first.receipt.token, At("2026-09-02", 13));
  matters().SendPublicCode(first.matter.number, first.receipt.token, At("2026-09-02", 13));
  SignOffInput ok{LastCode(), true, 5, "很好"};
  matters().ConfirmOnPublicPage(first.matter.number, first.receipt.token, ok, At("2026-09-02", 13));
  auto after = matters().GetMatter(admin_, merged.matter.id).matter;
  EXPECT_EQ(after.status, MatterStatus::kClosed);
  EXPECT_EQ(after.rating, std::optional<int>(5));
  // The target's detail lists its duplicates.
  auto target = matters().GetMatter(admin_, first.matter.id);
  ASSERT_EQ(target.merged.size(), 1u);
  EXPECT_EQ(target.merged.front().id, merged.matter.id);
  EXPECT_TRUE(matters().GetMatter(admin_, merged.matter.id).merged.empty());
}

TEST_F(MatterServiceTest, HandlersSeeEveryUnitToTransferTo) {
  auto units = matters().ListHandlingUnits(handler1_);
  EXPECT_TRUE(
      std::any_of(units.begin(), units.end(), [&](const auto& u) { return u.id == unit2_.id; }));
  EXPECT_TRUE(
      std::any_of(units.begin(), units.end(), [&](const auto& u) { return u.id == unit1_.id; }));
}

TEST_F(MatterServiceTest, WorkloadCountsWhatEachRoleShouldDoNext) {
  const domain::Epoch t = At("2026-09-01", 9);
  auto waiting = AcceptParking(t).matter;
  auto to_sign = AcceptParking(t + 60).matter;
  matters().Dispatch(WithNow(clerk_, t + 120), to_sign.id, std::nullopt, std::nullopt, "");
  auto handling = AcceptParking(t + 180).matter;
  matters().Dispatch(WithNow(clerk_, t + 240), handling.id, std::nullopt, std::nullopt, "");
  matters().UnitAccept(WithNow(handler1_, t + 300), handling.id);
  matters().Supervise(WithNow(leader_, t + 360), handling.id, "限期办结", "2026-09-03");
  auto replied = Replied(t + 400);
  const domain::Epoch now = t + 7200;

  auto clerk = matters().GetWorkload(WithNow(clerk_, now));
  EXPECT_EQ(clerk.to_dispatch, 1);
  EXPECT_FALSE(clerk.to_sign);
  EXPECT_FALSE(clerk.handling);
  EXPECT_EQ(clerk.open, 3);
  EXPECT_EQ(clerk.waiting_signoff, 1);
  EXPECT_EQ(clerk.supervised, 1);
  EXPECT_EQ(matters()
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
  EXPECT_EQ(urgent, (std::set<domain::Id>{waiting.id, to_sign.id, handling.id}));
  EXPECT_FALSE(urgent.contains(replied.id));

  auto handler = matters().GetWorkload(WithNow(handler1_, now));
  EXPECT_EQ(handler.to_sign, 1);
  EXPECT_EQ(handler.handling, 1);
  EXPECT_FALSE(handler.to_dispatch);
  EXPECT_FALSE(handler.callbacks_open);
  EXPECT_EQ(handler.open, 2);
  EXPECT_EQ(handler.waiting_signoff, 1);
  // The inbox's tabs list what the tiles count.
  MatterQuery inbox;
  inbox.inbox = true;
  EXPECT_EQ(matters().ListMatters(WithNow(handler1_, now), inbox, {0, 10, ""}).total, 2);
  inbox.statuses = {"dispatched"};
  auto signing = matters().ListMatters(WithNow(handler1_, now), inbox, {0, 10, ""});
  ASSERT_EQ(signing.total, 1);
  EXPECT_EQ(signing.items[0].id, to_sign.id);
  inbox.statuses = {"replied"};
  EXPECT_EQ(matters().ListMatters(WithNow(handler1_, now), inbox, {0, 10, ""}).total, 1);
  auto other_unit = matters().GetWorkload(WithNow(handler2_, now));
  EXPECT_EQ(other_unit.to_sign, 0);
  EXPECT_EQ(other_unit.open, 0);
  EXPECT_TRUE(other_unit.most_urgent.empty());

  // Hours before the first deadline the open matters are nearly due; after it, overdue. The
  // replied one is neither, and nothing was accepted that day.
  const domain::Epoch first_due = clerk.most_urgent[0].due_at;
  auto nearly = matters().GetWorkload(WithNow(clerk_, first_due - 3600));
  EXPECT_EQ(nearly.overdue, 0);
  EXPECT_EQ(nearly.nearly_due, 3);
  auto late = matters().GetWorkload(WithNow(clerk_, first_due + 30 * 86400));
  EXPECT_EQ(late.overdue, 3);
  EXPECT_EQ(late.nearly_due, 0);
  EXPECT_EQ(late.accepted_today, 0);
  EXPECT_EQ(late.open, 3);

  // A resident sees their household's matters, and reports through the card's QR code or online.
  auto head = services_->registry.GetHousehold(admin_, household_a_.id).members[0];
  auto resident = UserActor("resident_a", "resident", std::nullopt, head.id);
  auto own = matters().GetWorkload(WithNow(resident, now));
  EXPECT_EQ(own.open, 3);
  EXPECT_EQ(own.waiting_signoff, 1);
  EXPECT_FALSE(own.to_dispatch);
  EXPECT_FALSE(own.callbacks_open);
  MatterInput input;
  input.type = "help";
  input.household_id = household_a_.id;
  input.content = "院里的路灯不亮了";
  input.channel = "qr_code";
  EXPECT_EQ(matters().Accept(WithNow(resident, now), input).matter.channel,
            domain::MatterChannel::kQrCode);
  input.channel = "window";
  EXPECT_EQ(matters().Accept(WithNow(resident, now), input).matter.channel,
            domain::MatterChannel::kOnline);
  EXPECT_EQ(matters().GetWorkload(WithNow(resident, now)).open, 5);

  // Once replied, a supervised matter is no longer under supervision, on the tile or the list.
  matters().Reply(WithNow(handler1_, now + 60), handling.id, "已补发高龄补贴");
  EXPECT_EQ(matters().GetWorkload(WithNow(clerk_, now + 120)).supervised, 0);
  EXPECT_EQ(
      matters()
          .SupervisionList(WithNow(clerk_, now + 120), "supervised", std::nullopt, {0, 10, ""})
          .total,
      0);
}

TEST_F(MatterServiceTest, ConsultationAnsweredOnTheSpotIsClosed) {
  MatterInput input;
  input.type = "consultation";
  input.household_id = household_a_.id;
  input.content = "低保怎么申请";
  input.answer_on_spot = true;
  input.reply = "带户口本到社会事务服务中心窗口申请";
  auto m = matters().Accept(clerk_, input).matter;
  EXPECT_EQ(m.status, MatterStatus::kClosed);
  EXPECT_EQ(m.confirmed_via, "window");
  input.type = "complaint";
  EXPECT_THROW(matters().Accept(clerk_, input), domain::InvalidInput);
}

TEST_F(MatterServiceTest, DispatchByRuleUnitScopeTransferAndReturn) {
  auto m = AcceptParking(At("2026-09-01", 9)).matter;
  m = matters().Dispatch(WithNow(clerk_, At("2026-09-01", 10)), m.id, std::nullopt, std::nullopt,
                         "请尽快处理");
  EXPECT_EQ(m.status, MatterStatus::kDispatched);
  EXPECT_EQ(m.unit_id, unit1_.id);
  EXPECT_EQ(m.first_unit_id, unit1_.id);
  try {
    matters().UnitAccept(handler2_, m.id);
    FAIL();
  } catch (const domain::Forbidden& e) {
    EXPECT_EQ(e.code(), "matter.forbidden_unit");
  }
  m = matters().UnitAccept(WithNow(handler1_, At("2026-09-01", 11)), m.id);
  EXPECT_EQ(m.status, MatterStatus::kInProgress);
  EXPECT_THROW(matters().Transfer(handler1_, m.id, unit2_.id, " "), domain::InvalidInput);
  m = matters().Transfer(WithNow(handler1_, At("2026-09-01", 12)), m.id, unit2_.id, "属经济发展");
  EXPECT_EQ(m.unit_id, unit2_.id);
  EXPECT_EQ(m.first_unit_id, unit1_.id);
  m = matters().Return(WithNow(handler2_, At("2026-09-01", 13)), m.id, "不属本单位职责");
  EXPECT_EQ(m.status, MatterStatus::kAccepted);
  EXPECT_FALSE(m.unit_id);
  try {
    matters().Reply(handler1_, m.id, "x");
    FAIL();
  } catch (const domain::Error& e) {
    EXPECT_TRUE(e.code() == "matter.forbidden_unit" || e.code() == "matter.bad_state");
  }
  auto detail = matters().GetMatter(admin_, m.id);
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
  auto lamp = matters().Accept(clerk_, plain).matter;
  try {
    matters().Dispatch(clerk_, lamp.id, std::nullopt, std::nullopt, "");
    FAIL();
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "routing.no_unit");
  }
  // A category default unit applies when no rule matches.
  plain.category_id = relief_.id;
  auto relief = matters().Accept(clerk_, plain).matter;
  EXPECT_EQ(matters().Dispatch(clerk_, relief.id, std::nullopt, std::nullopt, "").unit_id,
            unit2_.id);
}

TEST_F(MatterServiceTest, SignOffCodeWrongExpiredAttemptsAndSuccess) {
  domain::Epoch t = At("2026-09-01", 9);
  auto m = Replied(t);
  EXPECT_EQ(m.status, MatterStatus::kReplied);
  EXPECT_EQ(matters().SendSignOffCode(WithNow(clerk_, t + 7200), m.id), "138****5678");
  std::string code = LastCode();
  SignOffInput input{"000000", true, 5, ""};
  if (code == "000000") input.code = "111111";
  try {
    matters().ConfirmWithCode(WithNow(clerk_, t + 7300), m.id, input);
    FAIL();
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "sign_off.bad_code");
  }
  // Expired after 30 minutes.
  input.code = code;
  try {
    matters().ConfirmWithCode(WithNow(clerk_, t + 7200 + 31 * 60), m.id, input);
    FAIL();
  } catch (const domain::InvalidInput& e) {
    EXPECT_EQ(e.code(), "sign_off.expired");
  }
  // Five wrong attempts lock the code, even the right one.
  matters().SendSignOffCode(WithNow(clerk_, t + 8000), m.id);
  code = LastCode();
  SignOffInput wrong{code == "123456" ? "654321" : "123456", true, 5, ""};
  for (int i = 0; i < 4; ++i) {
    EXPECT_THROW(matters().ConfirmWithCode(WithNow(clerk_, t + 8001), m.id, wrong),
                 domain::InvalidInput);
  }
  EXPECT_THROW(matters().ConfirmWithCode(WithNow(clerk_, t + 8001), m.id, wrong),
               domain::RateLimited);
  input.code = code;
  EXPECT_THROW(matters().ConfirmWithCode(WithNow(clerk_, t + 8002), m.id, input),
               domain::RateLimited);
  // A new code works.
  matters().SendSignOffCode(WithNow(clerk_, t + 9000), m.id);
  input.code = LastCode();
  input.rating = 0;
  EXPECT_THROW(matters().ConfirmWithCode(WithNow(clerk_, t + 9001), m.id, input),
               domain::InvalidInput);
  input.rating = 4;
  m = matters().ConfirmWithCode(WithNow(clerk_, t + 9001), m.id, input);
  EXPECT_EQ(m.status, MatterStatus::kClosed);
  EXPECT_EQ(m.confirmed_via, "sms_code");
  auto c = UnitCounters(unit1_.id, t + 9002);
  EXPECT_EQ(c.received, 1);
  EXPECT_EQ(c.responded, 1);
  EXPECT_EQ(c.replied, 1);
  EXPECT_EQ(c.rated, 1);
  EXPECT_EQ(c.solved, 1);
  EXPECT_EQ(c.satisfied, 1);
}

TEST_F(MatterServiceTest, PublicPageHidesInternalNotesAndCallbackRules) {
  domain::Epoch t = At("2026-09-01", 9);
  auto accepted = AcceptParking(t);
  Id id = accepted.matter.id;
  matters().Dispatch(WithNow(clerk_, t + 60), id, std::nullopt, std::nullopt, "");
  matters().UnitAccept(WithNow(handler1_, t + 120), id);
  matters().AddStep(WithNow(handler1_, t + 180), id, "内部：当事人情绪激动", true, {});
  matters().AddStep(WithNow(handler1_, t + 240), id, "已到现场查看", false, {});
  matters().Reply(WithNow(handler1_, t + 300), id, "已划定临时停车区");
  auto view = matters().GetPublic(accepted.receipt.number, accepted.receipt.token, t + 400);
  EXPECT_TRUE(view.can_confirm);
  for (const auto& e : view.timeline) EXPECT_EQ(e.text.find("内部"), std::string::npos);
  EXPECT_THROW(matters().GetPublic(accepted.receipt.number, "wrong", t), domain::NotFound);
  // Full-text search finds the 2-character query.
  MatterQuery q;
  q.text = "停车";
  EXPECT_EQ(matters().ListMatters(admin_, q, {0, 20, ""}).total, 1);

  // The handler may not make the callback; another staff member may. Not solved reopens.
  SignOffInput not_solved{"", false, 2, "车位还是不够"};
  try {
    matters().RecordCallback(WithNow(handler1_, t + 500), id, not_solved);
    FAIL();
  } catch (const domain::Forbidden& e) {
    EXPECT_EQ(e.code(), "matter.callback_by_handler");
  }
  auto m = matters().RecordCallback(WithNow(leader_, t + 500), id, not_solved);
  EXPECT_EQ(m.status, MatterStatus::kInProgress);
  EXPECT_EQ(m.unit_id, unit1_.id);
  EXPECT_EQ(m.reopen_count, 1);
  auto c = UnitCounters(unit1_.id, t + 600);
  EXPECT_EQ(c.reopened, 1);
  EXPECT_EQ(c.rated, 1);
  EXPECT_EQ(c.solved, 0);
}

// The forgery of issue 11: the handler holds the receipt token (it was on the staff page) and
// confirms 已解决 + 5 stars on the public page. Without the resident's code it is refused, says
// which proof is needed, and counts nothing in the rates.
TEST_F(MatterServiceTest, SignOffOnThePublicPageNeedsTheResidentsCode) {
  domain::Epoch t = At("2026-09-01", 9);
  auto m = Replied(t);
  const Receipt receipt = ReceiptOf(m);  // What the intake slip carries.
  ASSERT_FALSE(receipt.token.empty());
  // Staff pages carry no token.
  EXPECT_FALSE(matters().GetMatter(WithNow(handler1_, t + 3700), m.id).receipt);
  auto view = matters().GetPublic(receipt.number, receipt.token, t + 3700);
  EXPECT_EQ(view.sign_off_options, (std::vector<std::string>{"sms_code", "callback"}));
  EXPECT_EQ(view.phone_masked, "138****5678");
  SignOffInput forged{"", true, 5, "很满意"};
  try {
    matters().ConfirmOnPublicPage(receipt.number, receipt.token, forged, t + 3700);
    FAIL() << "the token alone signed the matter off";
  } catch (const domain::Forbidden& e) {
    EXPECT_EQ(e.code(), "sign_off.proof_required");
    EXPECT_NE(std::string(e.what()).find("138****5678"), std::string::npos) << e.what();
  }
  EXPECT_EQ(matters().GetMatter(admin_, m.id).matter.status, MatterStatus::kReplied);
  auto c = UnitCounters(unit1_.id, t + 3800);
  EXPECT_EQ(c.rated, 0);
  EXPECT_EQ(c.solved, 0);
  EXPECT_EQ(c.satisfied, 0);

  // The resident, with the code sent to the caller's phone.
  EXPECT_EQ(matters().SendPublicCode(receipt.number, receipt.token, t + 3800), "138****5678");
  SignOffInput signed_off{LastCode(), true, 5, ""};
  view = matters().ConfirmOnPublicPage(receipt.number, receipt.token, signed_off, t + 3900);
  EXPECT_EQ(view.matter.status, MatterStatus::kClosed);
  EXPECT_EQ(view.matter.confirmed_via, "sms_code");
  EXPECT_TRUE(view.sign_off_options.empty());
  EXPECT_NE(view.timeline.back().text.find("凭短信验证码"), std::string::npos);
  c = UnitCounters(unit1_.id, t + 4000);
  EXPECT_EQ(c.rated, 1);
  EXPECT_EQ(c.satisfied, 1);
}

TEST_F(MatterServiceTest, StaffOfTheHandlingUnitMayNotTypeInTheCode) {
  domain::Epoch t = At("2026-09-01", 9);
  auto m = Replied(t);
  // A window account that is also listed as the unit's staff.
  auto listed = UserActor("unit1_clerk", "centre_staff", township_.id);
  services_->registry.AddStaff(admin_, unit1_.id, {"赵一", "科员", "", listed.user.id});
  matters().SendSignOffCode(WithNow(handler1_, t + 7200), m.id);
  SignOffInput input{LastCode(), true, 5, ""};
  for (const Actor& staff : {handler1_, listed}) {
    try {
      matters().ConfirmWithCode(WithNow(staff, t + 7300), m.id, input);
      FAIL() << staff.user.username;
    } catch (const domain::Forbidden& e) {
      EXPECT_EQ(e.code(), "sign_off.code_by_handler");
    }
  }
  m = matters().ConfirmWithCode(WithNow(clerk_, t + 7400), m.id, input);
  EXPECT_EQ(m.confirmed_via, "sms_code");
}

TEST_F(MatterServiceTest, TheHouseholdsOwnAccountSignsOffOthersDoNot) {
  domain::Epoch t = At("2026-09-01", 9);
  auto m = Replied(t);
  EXPECT_EQ(matters().GetMatter(admin_, m.id).sign_off_options,
            (std::vector<std::string>{"sms_code", "callback"}));
  auto head_a = services_->registry.GetHousehold(admin_, household_a_.id).members[0];
  auto head_b = services_->registry.GetHousehold(admin_, household_b_.id).members[0];
  auto resident_a = UserActor("resident_a", "resident", std::nullopt, head_a.id);
  auto resident_b = UserActor("resident_b", "resident", std::nullopt, head_b.id);
  auto detail = matters().GetMatter(WithNow(resident_a, t + 7200), m.id);
  EXPECT_EQ(detail.sign_off_options,
            (std::vector<std::string>{"sms_code", "resident_account", "callback"}));
  ASSERT_TRUE(detail.receipt);
  EXPECT_FALSE(detail.receipt->token.empty());
  SignOffInput input{"", true, 4, ""};
  for (const Actor& other : {resident_b, handler1_, clerk_}) {
    try {
      matters().ConfirmWithAccount(WithNow(other, t + 7200), m.id, input);
      FAIL() << other.user.username;
    } catch (const domain::Forbidden& e) {
      EXPECT_EQ(e.code(), "sign_off.not_your_household");
    }
  }
  m = matters().ConfirmWithAccount(WithNow(resident_a, t + 7300), m.id, input);
  EXPECT_EQ(m.status, MatterStatus::kClosed);
  EXPECT_EQ(m.confirmed_via, "resident_account");
  EXPECT_EQ(UnitCounters(unit1_.id, t + 7400).rated, 1);
}

TEST_F(MatterServiceTest, CallbackIsRefusedToFormerHandlersAndPartyMembers) {
  domain::Epoch t = At("2026-09-01", 9);
  auto accepted = AcceptParking(t);
  Id id = accepted.matter.id;
  matters().Dispatch(WithNow(clerk_, t + 60), id, std::nullopt, std::nullopt, "");
  matters().UnitAccept(WithNow(handler1_, t + 120), id);
  matters().Transfer(WithNow(handler1_, t + 180), id, unit2_.id, "属于经济发展服务中心职责");
  matters().UnitAccept(WithNow(handler2_, t + 240), id);
  matters().Reply(WithNow(handler2_, t + 300), id, "已处理");
  auto head = services_->registry.GetHousehold(admin_, household_a_.id).members[0];
  auto member = UserActor("member_a", "party_member", village_a_.id, head.id);
  SignOffInput solved{"", true, 5, ""};
  for (const Actor& handler : {handler2_, handler1_}) {
    try {
      matters().RecordCallback(WithNow(handler, t + 400), id, solved);
      FAIL() << handler.user.username;
    } catch (const domain::Forbidden& e) {
      EXPECT_EQ(e.code(), "matter.callback_by_handler");
    }
  }
  try {
    matters().RecordCallback(WithNow(member, t + 400), id, solved);
    FAIL() << "a party member recorded a callback";
  } catch (const domain::Forbidden& e) {
    EXPECT_EQ(e.code(), "matter.callback_forbidden_role");
  }
  EXPECT_EQ(UnitCounters(unit2_.id, t + 500).rated, 0);
  // The preview tells each of them what they may do.
  auto preview = matters().GetPublicPreview(WithNow(handler1_, t + 400), id);
  EXPECT_TRUE(preview.matter.public_token.empty());
  ASSERT_TRUE(preview.rights);
  EXPECT_FALSE(preview.rights->callback);
  EXPECT_FALSE(preview.rights->enter_code);
  preview = matters().GetPublicPreview(WithNow(member, t + 400), id);
  EXPECT_FALSE(preview.rights->callback);
  EXPECT_TRUE(preview.rights->enter_code);
  preview = matters().GetPublicPreview(WithNow(leader_, t + 400), id);
  EXPECT_TRUE(preview.rights->callback);
  auto m = matters().RecordCallback(WithNow(leader_, t + 500), id, solved);
  EXPECT_EQ(m.confirmed_via, "callback");
  EXPECT_EQ(UnitCounters(unit2_.id, t + 600).rated, 1);
}

TEST_F(MatterServiceTest, WithoutPhoneOrAccountOnlyACallbackSignsOff) {
  domain::Epoch t = At("2026-09-01", 9);
  MatterInput input;
  input.type = "complaint";
  input.category_id = category_.id;
  input.region_id = village_a_.id;
  input.content = "村口路灯坏了";
  auto accepted = matters().Accept(WithNow(clerk_, t), input);
  Id id = accepted.matter.id;
  ASSERT_TRUE(accepted.matter.caller_phone.empty());
  matters().Dispatch(WithNow(clerk_, t + 60), id, std::nullopt, std::nullopt, "");
  matters().UnitAccept(WithNow(handler1_, t + 120), id);
  matters().Reply(WithNow(handler1_, t + 300), id, "已修好");
  const auto& receipt = accepted.receipt;
  EXPECT_EQ(matters().GetPublic(receipt.number, receipt.token, t + 400).sign_off_options,
            (std::vector<std::string>{"callback"}));
  try {
    matters().ConfirmOnPublicPage(receipt.number, receipt.token, {"", true, 5, ""}, t + 400);
    FAIL();
  } catch (const domain::Forbidden& e) {
    EXPECT_EQ(e.code(), "sign_off.proof_required");
    EXPECT_NE(std::string(e.what()).find("回访"), std::string::npos) << e.what();
  }
  EXPECT_THROW(matters().SendPublicCode(receipt.number, receipt.token, t + 400),
               domain::InvalidInput);
  EXPECT_EQ(matters().RecordCallback(WithNow(clerk_, t + 500), id, {"", true, 5, ""}).confirmed_via,
            "callback");
}

TEST_F(MatterServiceTest, EscalationOverNationalDayIsIdempotent) {
  auto m = AcceptParking(At("2026-09-30", 10)).matter;  // Due end of 10-09.
  auto run = [&](const char* date) {
    return matters().RunEscalation(WithNow(admin_, At(date, 9)));
  };
  EXPECT_EQ(run("2026-10-09").escalated, 0);
  EXPECT_EQ(run("2026-10-09").nearly_due, 1);
  EXPECT_EQ(run("2026-10-10").escalated, 1);
  EXPECT_EQ(matters().GetMatter(admin_, m.id).matter.escalation_level, 1);
  EXPECT_EQ(run("2026-10-10").escalated, 0);  // Idempotent.
  EXPECT_EQ(run("2026-10-11").escalated, 1);
  EXPECT_EQ(matters().GetMatter(admin_, m.id).matter.escalation_level, 2);
  EXPECT_EQ(run("2026-10-12").escalated, 0);
  // Overdue is counted once, against the matter's region (not dispatched, so no unit).
  PeriodQuery period{"2026-10-01", "2026-10-31", std::nullopt};
  std::int64_t overdue = 0;
  for (const auto& row : matters().Rates(WithNow(leader_, At("2026-10-12", 9)), "region", period)) {
    overdue += row.counters.overdue;
  }
  EXPECT_EQ(overdue, 1);
  auto list = matters().SupervisionList(WithNow(leader_, At("2026-10-12", 9)), "escalated",
                                        std::nullopt, {0, 20, ""});
  EXPECT_EQ(list.total, 1);
  auto supervised =
      matters().Supervise(WithNow(leader_, At("2026-10-12", 9)), m.id, "限期办结", "2026-10-14");
  EXPECT_TRUE(supervised.supervised);
}

TEST_F(MatterServiceTest, CallbackTasksForUnconfirmedReplies) {
  domain::Epoch t = At("2026-09-01", 9);
  auto m = Replied(t);
  EXPECT_EQ(matters().RunEscalation(WithNow(admin_, t + 2 * 86400)).callbacks_created, 0);
  EXPECT_EQ(matters().RunEscalation(WithNow(admin_, t + 4 * 86400)).callbacks_created, 1);
  EXPECT_EQ(matters().RunEscalation(WithNow(admin_, t + 5 * 86400)).callbacks_created, 0);
  auto tasks = matters().ListCallbackTasks(WithNow(clerk_, t + 5 * 86400), {0, 20, ""});
  ASSERT_EQ(tasks.total, 1);
  EXPECT_EQ(tasks.items.front().matter_number, m.number);
  EXPECT_EQ(tasks.items.front().matter_title, m.title);
  ASSERT_EQ(matters().GetMatter(admin_, m.id).callbacks.size(), 1u);
  auto closed = matters().CompleteCallbackTask(WithNow(clerk_, t + 5 * 86400),
                                               tasks.items.front().id, {"", true, 5, ""});
  EXPECT_EQ(closed.status, MatterStatus::kClosed);
  EXPECT_EQ(matters().ListCallbackTasks(WithNow(clerk_, t + 5 * 86400), {0, 20, ""}).total, 0);
  EXPECT_EQ(closed.id, m.id);
  // The detail keeps the done task with its outcome.
  auto done = matters().GetMatter(admin_, m.id).callbacks;
  ASSERT_EQ(done.size(), 1u);
  EXPECT_TRUE(done.front().done_at);
  EXPECT_NE(done.front().outcome.find("已解决"), std::string::npos);
}

TEST_F(MatterServiceTest, RatesAndDashboardFromStats) {
  domain::Epoch t = At("2026-09-01", 9);
  auto a = Replied(t);
  auto b = Replied(t + 100);
  matters().RecordCallback(WithNow(leader_, t + 7200), a.id, {"", true, 5, ""});
  matters().RecordCallback(WithNow(leader_, t + 7200), b.id, {"", true, 3, ""});
  auto rows = matters().Rates(WithNow(leader_, t + 7300), "unit",
                              {"2026-09-01", "2026-09-30", std::nullopt});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].name, "社会事务服务中心");
  EXPECT_DOUBLE_EQ(*rows[0].rates.response_rate, 1.0);
  EXPECT_DOUBLE_EQ(*rows[0].rates.resolution_rate, 1.0);
  EXPECT_DOUBLE_EQ(*rows[0].rates.satisfaction_rate, 0.5);
  auto dashboard = matters().GetDashboard(WithNow(leader_, t + 7300),
                                          {"2026-09-01", "2026-09-30", std::nullopt});
  EXPECT_EQ(dashboard.totals.received, 2);
  EXPECT_EQ(dashboard.volumes.size(), 30u);
  EXPECT_EQ(dashboard.volumes.front().total, 2);
  ASSERT_EQ(dashboard.townships.size(), 1u);
  EXPECT_EQ(dashboard.townships[0].name, "饶阳镇");
  ASSERT_EQ(dashboard.top_categories_by_township.size(), 1u);
  EXPECT_EQ(dashboard.top_categories_by_township[0].categories[0].first, "停车管理");
  // A year across month and year ends (month cells plus end days), a township and a village
  // scope (category_township cells vs region cells) all count the same two matters.
  for (auto scope :
       {std::optional<Id>(), std::optional<Id>(township_.id), std::optional<Id>(village_a_.id)}) {
    auto year =
        matters().GetDashboard(WithNow(leader_, t + 7300), {"2025-10-15", "2026-10-14", scope});
    EXPECT_EQ(year.totals.received, 2);
    EXPECT_EQ(year.totals.rated, 2);
    EXPECT_EQ(year.totals.satisfied, 1);
    EXPECT_EQ(year.volumes.size(), 365u);
    std::int64_t volume = 0;
    for (const auto& v : year.volumes) volume += v.total;
    EXPECT_EQ(volume, 2);
  }
}

TEST_F(MatterServiceTest, RatesExportAsASpreadsheetWithATotalRow) {
  domain::Epoch t = At("2026-09-01", 9);
  auto a = Replied(t);
  auto b = Replied(t + 100);
  matters().RecordCallback(WithNow(leader_, t + 7200), a.id, {"", true, 5, ""});
  matters().RecordCallback(WithNow(leader_, t + 7200), b.id, {"", false, 2, ""});
  const PeriodQuery september{"2026-09-01", "2026-09-30", std::nullopt};
  auto table = matters().ExportRates(WithNow(leader_, t + 7300), "unit", september);
  ASSERT_EQ(table.header.front(), "承办单位");
  ASSERT_EQ(table.rows.size(), 2U);  // The unit and 合计.
  auto cell = [&](const std::vector<std::string>& row, const char* name) {
    auto it = std::find(table.header.begin(), table.header.end(), name);
    EXPECT_NE(it, table.header.end()) << name;
    return row.at(static_cast<std::size_t>(it - table.header.begin()));
  };
  const auto& unit = table.rows[0];
  EXPECT_EQ(unit[0], "社会事务服务中心");
  EXPECT_EQ(cell(unit, "受理量"), "2");
  EXPECT_EQ(cell(unit, "响应率"), "100.0%");
  EXPECT_EQ(cell(unit, "解决率"), "50.0%");
  EXPECT_EQ(cell(unit, "满意率"), "50.0%");
  EXPECT_EQ(cell(unit, "重新打开"), "1");
  EXPECT_EQ(table.rows[1][0], "合计");
  EXPECT_EQ(cell(table.rows[1], "参评数"), "2");

  auto regions = matters().ExportRates(WithNow(leader_, t + 7300), "region", september);
  EXPECT_EQ(regions.header.front(), "区域");
  EXPECT_EQ(regions.rows.back()[0], "合计");
  EXPECT_EQ(cell(regions.rows.back(), "受理量"), "2");
  EXPECT_THROW(matters().ExportRates(leader_, "weather", september), domain::InvalidInput);
  EXPECT_THROW(matters().ExportRates(assistant_, "unit", september), domain::Forbidden);
}

TEST_F(MatterServiceTest, RoutingRulesNameTheirRegion) {
  auto everywhere = matters().CreateRoutingRule(admin_, relief_.id, std::nullopt, unit1_.id, 3);
  EXPECT_EQ(everywhere.region_path, "");
  EXPECT_EQ(everywhere.region_name, "");
  auto rules = matters().ListRoutingRules(admin_);
  ASSERT_EQ(rules.size(), 2u);
  for (const auto& rule : rules) {
    if (rule.category_id == category_.id) {
      EXPECT_EQ(rule.region_name, "东关村");
    } else {
      EXPECT_EQ(rule.region_name, "");
      EXPECT_EQ(rule.completion_days, 3);
    }
  }
}

TEST_F(MatterServiceTest, GroupCommitUnderConcurrency) {
  constexpr int kThreads = 8, kPerThread = 50;
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::set<std::string> numbers;
  std::vector<Id> ids;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int j = 0; j < kPerThread; ++j) {
        MatterInput input;
        input.type = "help";
        input.household_id = i % 2 ? household_a_.id : household_b_.id;
        input.content = "并发受理 " + std::to_string(i) + "-" + std::to_string(j);
        auto r = matters().Accept(WithNow(admin_, At("2026-09-01", 9)), input);
        std::lock_guard lock(mutex);
        numbers.insert(r.matter.number);
        ids.push_back(r.matter.id);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(numbers.size(), static_cast<std::size_t>(kThreads * kPerThread));
  MatterQuery all;
  EXPECT_EQ(matters().ListMatters(admin_, all, {0, 1, ""}).total, kThreads * kPerThread);
  // One bad item in a batch fails alone.
  MatterInput bad;
  bad.type = "help";
  bad.household_id = 999;
  bad.content = "x";
  EXPECT_THROW(matters().Accept(admin_, bad), domain::NotFound);
}

TEST_F(MatterServiceTest, CalendarSlotsAndErrands) {
  auto cal = matters().GetCalendar(admin_, 2026);
  EXPECT_FALSE(cal.items.empty());
  // A slot on a holiday can be booked (节假日预约) until it is full.
  SlotInput slot_input{"2026-10-03", "09:00", "10:00", 1, std::nullopt};
  auto slot = matters().CreateSlot(clerk_, unit1_.id, slot_input);
  AppointmentInput booking;
  booking.person_name = "王景云";
  booking.phone = "13812345678";
  auto first = matters().Book(clerk_, slot.id, booking);
  try {
    matters().Book(clerk_, slot.id, booking);
    FAIL();
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "slot.full");
  }
  // The window sees who booked; a village assistant does not see other people's bookings.
  auto booked = matters().ListAppointments(clerk_, slot.id);
  ASSERT_EQ(booked.size(), 1u);
  EXPECT_EQ(booked[0].person_name, "王景云");
  EXPECT_EQ(booked[0].phone, "13812345678");
  EXPECT_EQ(matters().ListAppointments(leader_, slot.id).size(), 1u);
  EXPECT_THROW(matters().ListAppointments(assistant_, slot.id), domain::Forbidden);
  EXPECT_THROW(matters().ListAppointments(clerk_, 424242), domain::NotFound);
  // A cancellation frees the place; the cancelled booking cannot come back once it is taken.
  matters().SetAppointmentStatus(clerk_, first.id, "cancelled");
  booking.person_name = "李四";
  auto second = matters().Book(clerk_, slot.id, booking);
  try {
    matters().SetAppointmentStatus(clerk_, first.id, "booked");
    FAIL();
  } catch (const domain::Conflict& e) {
    EXPECT_EQ(e.code(), "slot.full");
  }
  EXPECT_EQ(matters().SetAppointmentStatus(clerk_, second.id, "done").status, "done");
  booked = matters().ListAppointments(clerk_, slot.id);
  ASSERT_EQ(booked.size(), 2u);
  EXPECT_EQ(booked[0].status, "cancelled");
  EXPECT_EQ(booked[1].status, "done");
  auto m = AcceptParking(At("2026-09-01", 9));
  ErrandInput errand;
  errand.household_id = household_a_.id;
  errand.matter_id = m.matter.id;
  errand.purpose = "代办低保年审";
  errand.documents = {{"户口本", 1, std::nullopt, std::nullopt}};
  auto e = matters().CreateErrand(assistant_, errand);
  EXPECT_TRUE(e.documents[0].received_at);
  ErrandInput update;
  update.status = "returned";
  e = matters().UpdateErrand(assistant_, e.id, update);
  EXPECT_TRUE(e.documents[0].returned_at);
  auto view = matters().GetPublic(m.receipt.number, m.receipt.token, kNow);
  ASSERT_EQ(view.errands.size(), 1u);
  errand.household_id = household_b_.id;
  errand.matter_id.reset();
  EXPECT_THROW(matters().CreateErrand(assistant_, errand), domain::Forbidden);
  // Import a later year.
  EXPECT_EQ(matters().ImportCalendar(admin_, "date,kind,name\n2027-01-01,off,元旦\n"), 1);
  EXPECT_THROW(matters().ImportCalendar(admin_, "2027-13-01,off,x\n"), domain::InvalidInput);
}

}  // namespace
}  // namespace minqing::app
