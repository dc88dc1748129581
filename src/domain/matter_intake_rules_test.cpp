#include "domain/matter_intake_rules.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace minqing::domain {
namespace {

Epoch China(const char* date, int hour, int minute = 0) {
  return ChinaDayStart(*ParseDate(date)) + hour * 3600 + minute * 60;
}

WorkCalendar NationalDay2026() {
  std::vector<CalendarDay> days;
  for (int d = 1; d <= 7; ++d)
    days.push_back({"2026-10-0" + std::to_string(d), DayKind::kOff, "国庆节"});
  days.push_back({"2026-10-10", DayKind::kMakeUpWorkday, "国庆节"});
  return WorkCalendar(days);
}

IntakeForm ValidForm() {
  IntakeForm form;
  form.type = "help";
  form.content = "村口路灯坏了";
  return form;
}

std::vector<std::string> Codes(const CheckedIntake& checked) {
  std::vector<std::string> out;
  for (const auto& p : checked.problems) out.push_back(p.field + ":" + p.code);
  return out;
}

TEST(IntakeFormTest, AValidFormHasNoProblemsAndDefaults) {
  auto checked = CheckIntakeForm(ValidForm(), {});
  EXPECT_TRUE(checked.problems.empty());
  EXPECT_EQ(checked.type, MatterType::kHelp);
  EXPECT_EQ(checked.channel, MatterChannel::kWindow);
  EXPECT_EQ(checked.urgency, Urgency::kNormal);
  EXPECT_EQ(checked.title, "村口路灯坏了");
}

TEST(IntakeFormTest, EachProblemHasItsFieldCodeAndMessage) {
  struct Case {
    const char* name;
    std::function<void(IntakeForm&)> change;
    IntakeFiler filer;
    std::string expected;  // field:code
    std::string message;
  };
  std::string too_long_content;
  for (int i = 0; i < 2001; ++i) too_long_content += "字";
  const Case cases[] = {
      {"type",
       [](IntakeForm& f) { f.type = "nonsense"; },
       {},
       "type:matter.bad_type",
       "请选择诉求类型"},
      {"channel",
       [](IntakeForm& f) { f.channel = "fax"; },
       {},
       "channel:matter.bad_channel",
       "受理渠道无效"},
      {"urgency",
       [](IntakeForm& f) { f.urgency = "asap"; },
       {},
       "urgency:matter.bad_urgency",
       "紧急程度无效"},
      {"content required",
       [](IntakeForm& f) { f.content = " \n\t"; },
       {},
       "content:matter.content_required",
       "请填写诉求内容"},
      {"content too long",
       [&](IntakeForm& f) { f.content = too_long_content; },
       {},
       "content:matter.content_too_long",
       "诉求内容不能超过2000字"},
      {"title too long",
       [](IntakeForm& f) { f.title = std::string(101, 'a'); },
       {},
       "title:matter.title_too_long",
       "标题不能超过100字"},
      {"phone",
       [](IntakeForm& f) { f.caller_phone = "12"; },
       {},
       "caller_phone:phone.invalid",
       "电话号码格式不正确"},
      {"backfill",
       [](IntakeForm& f) { f.backfill = true; },
       {},
       "accepted_at:matter.backfill_admin_only",
       "只有管理员可以补录受理时间"},
      {"on the spot",
       [](IntakeForm& f) { f.answer_on_spot = true; },
       {},
       "answer_on_spot:matter.on_spot_consultation",
       "只有咨询类诉求可以当场办结"},
      {"lat", [](IntakeForm& f) { f.lat = 90.5; }, {}, "lat:coordinates.invalid", "纬度无效"},
      {"lng", [](IntakeForm& f) { f.lng = -180.5; }, {}, "lng:coordinates.invalid", "经度无效"},
  };
  for (const auto& c : cases) {
    IntakeForm form = ValidForm();
    c.change(form);
    auto checked = CheckIntakeForm(form, c.filer);
    ASSERT_EQ(Codes(checked), std::vector<std::string>{c.expected}) << c.name;
    EXPECT_EQ(checked.problems[0].message, c.message) << c.name;
  }
}

TEST(IntakeFormTest, LimitsAreInCharactersAndBoundsInclusive) {
  IntakeForm form = ValidForm();
  form.content.clear();
  for (int i = 0; i < 2000; ++i) form.content += "字";
  form.title = std::string(100, 'a');
  form.lat = -90;
  form.lng = 180;
  form.caller_phone = " 13800001234 ";
  auto checked = CheckIntakeForm(form, {});
  EXPECT_TRUE(checked.problems.empty());
  EXPECT_EQ(checked.caller_phone, "13800001234");
}

TEST(IntakeFormTest, ProblemsComeInFormOrder) {
  IntakeForm form;
  form.type = "x";
  form.channel = "x";
  form.urgency = "x";
  form.backfill = true;
  form.lat = 100;
  auto checked = CheckIntakeForm(form, {});
  EXPECT_EQ(Codes(checked),
            (std::vector<std::string>{
                "type:matter.bad_type", "channel:matter.bad_channel", "urgency:matter.bad_urgency",
                "content:matter.content_required", "accepted_at:matter.backfill_admin_only",
                "lat:coordinates.invalid"}));
}

TEST(IntakeFormTest, AdminsBackfillAndConsultationsCloseOnTheSpot) {
  IntakeForm form = ValidForm();
  form.backfill = true;
  form.type = "consultation";
  form.answer_on_spot = true;
  EXPECT_TRUE(CheckIntakeForm(form, {.resident = false, .admin = true}).problems.empty());
  // An invalid type says so once; the on-the-spot rule needs a type to judge.
  form.type = "x";
  EXPECT_EQ(Codes(CheckIntakeForm(form, {.admin = true})),
            std::vector<std::string>{"type:matter.bad_type"});
}

TEST(IntakeFormTest, ResidentsReportOnlineOrByQrCode) {
  IntakeForm form = ValidForm();
  form.channel = "hotline";
  EXPECT_EQ(CheckIntakeForm(form, {.resident = true}).channel, MatterChannel::kOnline);
  form.channel = "qr_code";
  EXPECT_EQ(CheckIntakeForm(form, {.resident = true}).channel, MatterChannel::kQrCode);
  form.channel = "hotline";
  EXPECT_EQ(CheckIntakeForm(form, {}).channel, MatterChannel::kHotline);
  // Even an unknown channel becomes online for a resident, though the problem stays.
  form.channel = "fax";
  auto checked = CheckIntakeForm(form, {.resident = true});
  EXPECT_EQ(checked.channel, MatterChannel::kOnline);
  EXPECT_EQ(Codes(checked), std::vector<std::string>{"channel:matter.bad_channel"});
}

TEST(IntakeFormTest, TitleIsTrimmedOrTheFirstLineOfTheContentCutAt30Characters) {
  IntakeForm form = ValidForm();
  form.title = "  路灯  ";
  EXPECT_EQ(CheckIntakeForm(form, {}).title, "路灯");
  form.title = "";
  form.content = "  第一行\n第二行 ";
  auto checked = CheckIntakeForm(form, {});
  EXPECT_EQ(checked.content, "第一行\n第二行");
  EXPECT_EQ(checked.title, "第一行");
  form.content.clear();
  for (int i = 0; i < 40; ++i) form.content += "长";
  std::string thirty;
  for (int i = 0; i < 30; ++i) thirty += "长";
  EXPECT_EQ(CheckIntakeForm(form, {}).title, thirty);
}

RoutingRule Rule(Id id, Id category, std::string path, Id unit,
                 std::optional<int> days = std::nullopt) {
  RoutingRule r;
  r.id = id;
  r.category_id = category;
  r.region_path = std::move(path);
  r.unit_id = unit;
  r.completion_days = days;
  return r;
}

TEST(RoutingTest, TheMostSpecificRegionPrefixOfTheCategoryWins) {
  const std::vector<RoutingRule> rules = {
      Rule(1, 7, "", 100),        Rule(2, 7, "/1/2/", 200), Rule(3, 7, "/1/2/3/", 300),
      Rule(4, 8, "/1/2/3/", 400), Rule(5, 7, "/1/2/", 500),  // A tie: the first stays.
      Rule(6, 7, "/1/9/", 600),
  };
  struct Case {
    std::optional<Id> category;
    const char* path;
    std::optional<Id> rule;
  };
  const Case cases[] = {
      {7, "/1/2/3/4/", 3},
      {7, "/1/2/5/", 2},
      {7, "/1/7/", 1},
      {8, "/1/2/3/", 4},
      {8, "/1/2/", std::nullopt},
      {9, "/1/2/3/", std::nullopt},
      {std::nullopt, "/1/2/3/", std::nullopt},
      {7, "/1/9/", 6},
  };
  for (const auto& c : cases) {
    auto rule = MatchRoutingRule(rules, c.category, c.path);
    EXPECT_EQ(rule ? std::optional<Id>(rule->id) : std::nullopt, c.rule) << c.path;
  }
}

TEST(RoutingTest, RouteUnitFallsBackToTheCategorysDefaultUnit) {
  const std::vector<RoutingRule> rules = {Rule(1, 7, "/1/2/", 200)};
  MatterCategory category;
  category.id = 7;
  category.default_unit_id = 900;
  Matter m;
  m.category_id = 7;
  m.region_path = "/1/2/3/";
  EXPECT_EQ(RouteUnit(rules, m, &category), 200);
  m.region_path = "/1/5/";
  EXPECT_EQ(RouteUnit(rules, m, &category), 900);
  EXPECT_EQ(RouteUnit(rules, m, nullptr), std::nullopt);
  category.default_unit_id.reset();
  EXPECT_EQ(RouteUnit(rules, m, &category), std::nullopt);
  m.category_id.reset();
  category.default_unit_id = 900;
  EXPECT_EQ(RouteUnit(rules, m, &category), std::nullopt);
}

TEST(DeadlineTest, LimitsFromCategoryRuleAndUrgency) {
  MatterCategory category;
  category.response_hours = 8;
  category.completion_days = 3;
  MatterCategory quick;
  quick.response_hours = 1;
  quick.completion_days = 0;
  const RoutingRule with_days = Rule(1, 7, "", 100, 10);
  const RoutingRule without_days = Rule(2, 7, "", 100);
  struct Case {
    const MatterCategory* category;
    std::optional<RoutingRule> rule;
    Urgency urgency;
    int hours;
    int days;
  };
  const Case cases[] = {
      {nullptr, std::nullopt, Urgency::kNormal, 4, 5},
      {nullptr, std::nullopt, Urgency::kUrgent, 2, 1},
      {nullptr, std::nullopt, Urgency::kSpecial, 1, 0},
      {&category, std::nullopt, Urgency::kNormal, 8, 3},
      {&category, without_days, Urgency::kNormal, 8, 3},
      {&category, with_days, Urgency::kNormal, 8, 10},
      {nullptr, with_days, Urgency::kNormal, 4, 10},
      {&category, with_days, Urgency::kUrgent, 4, 1},
      {&category, with_days, Urgency::kSpecial, 1, 0},
      {&quick, std::nullopt, Urgency::kNormal, 1, 0},
      {&quick, std::nullopt, Urgency::kUrgent, 1, 0},  // Halving 1 hour stays 1; 0 days stay 0.
      {&quick, with_days, Urgency::kUrgent, 1, 1},
  };
  int i = 0;
  for (const auto& c : cases) {
    auto limits = LimitsFor(c.category, c.rule, c.urgency);
    EXPECT_EQ(limits.response_hours, c.hours) << "case " << i;
    EXPECT_EQ(limits.completion_days, c.days) << "case " << i;
    ++i;
  }
}

TEST(DeadlineTest, DeadlinesCountWorkingHoursAndDaysOverTheHoliday) {
  const auto calendar = NationalDay2026();
  const Epoch accepted = China("2026-09-30", 9);  // Wednesday, the day before the holiday.
  struct Case {
    MatterLimits limits;
    Epoch response_due;
    Epoch due;
  };
  const Case cases[] = {
      // 4 h: 09:00–12:00 and 13:30–14:30. Day 5: 10-08, 10-09, 10-10 (make-up), 10-12, 10-13.
      {{4, 5}, China("2026-09-30", 14, 30), ChinaDayEnd(*ParseDate("2026-10-13"))},
      // 8 h: 7 h on 09-30, the last one after the holiday from 08:30.
      {{8, 3}, China("2026-10-08", 9, 30), ChinaDayEnd(*ParseDate("2026-10-10"))},
      {{2, 1}, China("2026-09-30", 11), ChinaDayEnd(*ParseDate("2026-10-08"))},
      {{1, 0}, China("2026-09-30", 10), ChinaDayEnd(*ParseDate("2026-09-30"))},
  };
  for (const auto& c : cases) {
    auto due = DeadlinesFor(c.limits, accepted, calendar);
    EXPECT_EQ(FormatDate(ChinaDay(due.response_due_at)), FormatDate(ChinaDay(c.response_due)));
    EXPECT_EQ(due.response_due_at, c.response_due);
    EXPECT_EQ(due.due_at, c.due);
  }
}

}  // namespace
}  // namespace minqing::domain
