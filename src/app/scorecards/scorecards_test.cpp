// Scorecards against a real SQLite store: each computed line counts exactly the records it
// should (and not those of another village, another year, an unconfirmed or card-code visit, a
// late errand), the signed agreement replaces the county's targets, manual actuals are entered
// only by a leader in scope and never by the posted person, and readers see only what they may.
#include "app/scorecards/scorecards.hpp"

#include <gtest/gtest.h>

#include "app/test_fixture.hpp"
#include "domain/ids.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::app {
namespace {

using domain::AgreementItemKind;

class ScorecardTest : public testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    // Village A: four households (household_a_ and three more).
    extra_.push_back(Household(village_a_.id, "东关村2号", "张一",
                               domain::MakeIdCard("131124", "19700303", 31)));
    extra_.push_back(Household(village_a_.id, "东关村3号", "张二",
                               domain::MakeIdCard("131124", "19700404", 41)));
    extra_.push_back(Household(village_a_.id, "东关村4号", "张三",
                               domain::MakeIdCard("131124", "19700505", 51)));
    assistant_b_ = UserActor("assistant_b", "village_assistant", village_b_.id);
    leader_ = UserActor("leader", "leader", township_.id);
    clerk_ = UserActor("clerk", "centre_staff", township_.id);
    posting_a_ = Post(assistant_, village_a_.id);
    posting_b_ = Post(assistant_b_, village_b_.id);
  }

  domain::Id Post(const Actor& who, domain::Id village) {
    PostingInput in;
    in.user_id = who.user.id;
    in.region_id = village;
    in.role = "village_affairs_assistant";
    in.from = "2026-01-01";
    return services_->postings.Create(admin_, in).id;
  }

  void Visit(const domain::Household& h, domain::Epoch at, const char* via) {
    auto tx = services_->store->Begin();
    domain::Visit v;
    v.id = domain::NewId();
    v.household_id = h.id;
    v.region_path = h.region_path;
    v.visitor_user_id = assistant_.user.id;
    v.visitor_kind = domain::VisitorKind::kVillageAssistant;
    v.visited_at = at;
    v.created_at = at;
    v.learned = "一切安好";
    if (via[0] != '\0') {
      v.confirmed_at = at + 60;
      v.confirmed_via = via;
    }
    tx->Network().InsertVisit(v);
    tx->Commit();
  }

  void Matter(const Actor& actor, const domain::Household& h) {
    MatterInput input;
    input.type = "help";
    input.household_id = h.id;
    input.content = "想申请低保";
    services_->intake.Accept(actor, input);
  }

  domain::Id Errand(const domain::Household& h) {
    ErrandInput in;
    in.household_id = h.id;
    in.purpose = "代办医保报销";
    return services_->errands.CreateErrand(assistant_, in).id;
  }

  void ErrandDone(domain::Id id, domain::Epoch at) {
    Actor later = assistant_;
    later.now = at;
    ErrandInput in;
    in.status = "done";
    services_->errands.UpdateErrand(later, id, in);
  }

  static const ScorecardLine& LineOf(const Scorecard& card, AgreementItemKind kind) {
    for (const auto& line : card.lines) {
      if (line.kind == kind) return line;
    }
    ADD_FAILURE() << "no line of kind " << domain::InfoOf(kind).code;
    return card.lines.front();
  }

  std::vector<domain::Household> extra_;
  Actor assistant_b_, leader_, clerk_;
  domain::Id posting_a_ = 0, posting_b_ = 0;
  static constexpr domain::Epoch kDay = 86400;
};

TEST_F(ScorecardTest, EachLineCountsExactlyItsRecords) {
  // Visits: household_a_ confirmed twice (one household), extra_[0] confirmed by its account,
  // extra_[1] visited without confirmation, extra_[2] "confirmed" by the old card code, a
  // confirmed visit in 2025 and one in village B. Counted: 2 of 4 households.
  Visit(household_a_, kNow - 10 * kDay, "phone_code");
  Visit(household_a_, kNow - 5 * kDay, "phone_code");
  Visit(extra_[0], kNow - 3 * kDay, "household_account");
  Visit(extra_[1], kNow - 3 * kDay, "");
  Visit(extra_[2], kNow - 3 * kDay, "card_code");
  Visit(extra_[0], kNow - 400 * kDay, "phone_code");
  Visit(household_b_, kNow - 3 * kDay, "phone_code");
  // Matters: three accepted in village A, one in village B.
  Matter(assistant_, household_a_);
  Matter(assistant_, extra_[0]);
  Matter(admin_, extra_[1]);
  Matter(admin_, household_b_);
  // Errands: one done in 2 days (on time), one done in 20 days (late), one still open.
  const auto on_time = Errand(household_a_);
  const auto late = Errand(extra_[0]);
  Errand(extra_[1]);
  ErrandDone(on_time, kNow + 2 * kDay);
  ErrandDone(late, kNow + 20 * kDay);

  const Scorecard card = services_->scorecards.Card(leader_, posting_a_, {2026, "", ""});
  EXPECT_EQ(card.from, "2026-01-01");
  EXPECT_EQ(card.to, "2026-12-31");
  EXPECT_FALSE(card.agreement_id.has_value());

  const auto& visits = LineOf(card, AgreementItemKind::kVisitCoverage);
  EXPECT_EQ(visits.count, 2);
  EXPECT_EQ(visits.of, 4);
  ASSERT_TRUE(visits.actual.has_value());
  EXPECT_DOUBLE_EQ(*visits.actual, 50);
  EXPECT_DOUBLE_EQ(visits.target, 90);  // The built-in county default.
  EXPECT_NEAR(visits.points, 20 * 50.0 / 90, 1e-9);
  EXPECT_EQ(visits.link, "/diary?region_id=" + std::to_string(village_a_.id) +
                             "&from=2026-01-01&to=2026-12-31&confirmed=true");

  const auto& consultations = LineOf(card, AgreementItemKind::kConsultations);
  EXPECT_EQ(consultations.count, 3);
  EXPECT_DOUBLE_EQ(consultations.points, 15 * 3.0 / 20);
  EXPECT_EQ(consultations.link, "/matters?region_id=" + std::to_string(village_a_.id) +
                                    "&from=2026-01-01&to=2026-12-31");

  const auto& errands = LineOf(card, AgreementItemKind::kErrandsOnTime);
  EXPECT_EQ(errands.count, 1);
  EXPECT_EQ(errands.of, 2);
  EXPECT_DOUBLE_EQ(errands.points, 15 * 1.0 / 10);

  // The village's rates come from its own matters: three received, none responded yet.
  const auto& response = LineOf(card, AgreementItemKind::kResponseRate);
  EXPECT_EQ(response.source, "computed");
  EXPECT_EQ(response.link, consultations.link);

  const auto& rating = LineOf(card, AgreementItemKind::kWindowRating);
  EXPECT_EQ(rating.count, 0);
  EXPECT_FALSE(rating.actual.has_value());
  EXPECT_EQ(rating.link, "/window-ratings?clerk_id=" + std::to_string(assistant_.user.id) +
                             "&from=2026-01-01&to=2026-12-31");

  const auto& projects = LineOf(card, AgreementItemKind::kProsperProjects);
  EXPECT_EQ(projects.source, "none");
  EXPECT_FALSE(projects.actual.has_value());
  EXPECT_DOUBLE_EQ(projects.points, 0);

  // A range that ends before the visits: none counted.
  const Scorecard spring =
      services_->scorecards.Card(leader_, posting_a_, {2026, "", "2026-03-31"});
  EXPECT_EQ(LineOf(spring, AgreementItemKind::kVisitCoverage).count, 0);
  EXPECT_EQ(LineOf(spring, AgreementItemKind::kConsultations).count, 0);
}

TEST_F(ScorecardTest, ACardCountsOnlyTheDaysOfThePosting) {
  // A May visit in village B counts for B's assistant while posted...
  Visit(household_b_, kNow - 3 * kDay, "phone_code");
  auto visits = [&] {
    return LineOf(services_->scorecards.Card(leader_, posting_b_, {2026, "", ""}),
                  AgreementItemKind::kVisitCoverage)
        .count;
  };
  EXPECT_EQ(visits(), 1);
  // ... but not once the posting is known to have ended at the end of March.
  services_->postings.End(admin_, posting_b_, "2026-03-31");
  EXPECT_EQ(services_->scorecards.Card(leader_, posting_b_, {2026, "", ""}).to, "2026-03-31");
  EXPECT_EQ(visits(), 0);
  Visit(household_b_, domain::ChinaDayStart(*domain::ParseDate("2026-02-10")), "phone_code");
  EXPECT_EQ(visits(), 1);
  // A range after the posting: nothing at all.
  const Scorecard april = services_->scorecards.Card(leader_, posting_b_, {2026, "2026-04-01", ""});
  EXPECT_EQ(LineOf(april, AgreementItemKind::kVisitCoverage).count, 0);
  EXPECT_EQ(LineOf(april, AgreementItemKind::kConsultations).count, 0);
}

TEST_F(ScorecardTest, ASignedAgreementReplacesTheCountyTargetsAndShowsBoth) {
  Visit(household_a_, kNow - 10 * kDay, "phone_code");
  Visit(extra_[0], kNow - 10 * kDay, "phone_code");
  AgreementInput in;
  in.year = 2026;
  in.title = "2026年度目标责任书";
  in.items = {{AgreementItemKind::kVisitCoverage, "", 50, "", 60},
              {AgreementItemKind::kCustom, "修通村道", 1, "条", 40}};
  auto agreement = services_->postings.CreateAgreement(leader_, posting_a_, in);
  // A draft is not used.
  EXPECT_EQ(services_->scorecards.Card(leader_, posting_a_, {2026, "", ""}).lines.size(), 9u);
  services_->postings.SignAgreement(leader_, agreement.agreement.id, "2026-02-01");

  const Scorecard card = services_->scorecards.Card(assistant_, posting_a_, {2026, "", ""});
  ASSERT_EQ(card.lines.size(), 2u);
  EXPECT_EQ(card.agreement_id, agreement.agreement.id);
  const auto& visits = card.lines[0];
  EXPECT_DOUBLE_EQ(visits.target, 50);
  EXPECT_EQ(visits.agreement_target, 50);
  EXPECT_EQ(visits.county_target, 90);
  EXPECT_DOUBLE_EQ(*visits.actual, 50);
  EXPECT_DOUBLE_EQ(visits.points, 60);
  EXPECT_EQ(card.lines[1].label, "修通村道");
  EXPECT_EQ(card.lines[1].source, "none");
  EXPECT_DOUBLE_EQ(card.points, 60);
  EXPECT_DOUBLE_EQ(card.percent, 60);
  // Another year has no signed agreement: the county defaults.
  EXPECT_EQ(services_->scorecards.Card(leader_, posting_a_, {2027, "", ""}).lines.size(), 9u);
}

TEST_F(ScorecardTest, ReadersSeeOnlyWhatTheyMay) {
  // The posted person reads their own card; another village's assistant may not.
  EXPECT_EQ(services_->scorecards.Card(assistant_, posting_a_, {2026, "", ""}).posting.id,
            posting_a_);
  EXPECT_THROW(services_->scorecards.Card(assistant_b_, posting_a_, {2026, "", ""}),
               domain::Forbidden);
  EXPECT_THROW(services_->scorecards.Card(clerk_, posting_a_, {2026, "", ""}), domain::Forbidden);
  EXPECT_THROW(services_->scorecards.Card(leader_, 424242, {2026, "", ""}), domain::NotFound);
  // The ranking: the leader sees both assistants; an assistant only their own row.
  Visit(household_b_, kNow - 3 * kDay, "phone_code");
  const Ranking all = services_->scorecards.Rank(leader_, township_.id, "", {2026, "", ""});
  ASSERT_EQ(all.rows.size(), 2u);
  EXPECT_EQ(all.rows[0].card.posting.id, posting_b_);  // B's one household is visited.
  EXPECT_EQ(all.rows[0].rank, 1);
  EXPECT_EQ(all.rows[1].rank, 2);
  const Ranking own = services_->scorecards.Rank(assistant_, std::nullopt, "", {2026, "", ""});
  ASSERT_EQ(own.rows.size(), 1u);
  EXPECT_EQ(own.rows[0].card.posting.id, posting_a_);
  // No first secretary posted: an empty ranking, no error; no posting in 2025 either.
  EXPECT_TRUE(services_->scorecards.Rank(leader_, township_.id, "first_secretary", {2026, "", ""})
                  .rows.empty());
  EXPECT_TRUE(services_->scorecards.Rank(leader_, township_.id, "", {2025, "", ""}).rows.empty());
  // The sheet: a header and one row per posting.
  const auto sheet = services_->scorecards.ExportRanking(leader_, township_.id, "", {2026, "", ""});
  EXPECT_EQ(sheet.rows.size(), 2u);
  EXPECT_EQ(sheet.header[0], "名次");
}

TEST_F(ScorecardTest, OnlyALeaderInScopeEntersAManualActualNeverThePostedPerson) {
  ManualActualInput in{"prosper_projects", 3.0, "县农业局验收的两个大棚项目和一个合作社"};
  // The assessed assistant cannot set their own figure (nor holds the permission).
  EXPECT_THROW(services_->scorecards.SetManualActual(assistant_, posting_a_, 2026, in),
               domain::Forbidden);
  EXPECT_THROW(services_->scorecards.SetManualActual(clerk_, posting_a_, 2026, in),
               domain::Forbidden);
  // A computed kind and a figure without a note are refused.
  EXPECT_THROW(services_->scorecards.SetManualActual(leader_, posting_a_, 2026,
                                                     {"visit_coverage", 100.0, "全部走访"}),
               domain::InvalidInput);
  EXPECT_THROW(services_->scorecards.SetManualActual(leader_, posting_a_, 2026,
                                                     {"prosper_projects", 3.0, " "}),
               domain::InvalidInput);
  const Scorecard card = services_->scorecards.SetManualActual(leader_, posting_a_, 2026, in);
  const auto& projects = LineOf(card, AgreementItemKind::kProsperProjects);
  EXPECT_EQ(projects.source, "manual");
  EXPECT_DOUBLE_EQ(*projects.actual, 3);
  EXPECT_EQ(projects.note, in.note);
  EXPECT_EQ(projects.entered_by, "leader");
  EXPECT_DOUBLE_EQ(projects.points, 10);  // 3 of a target of 2: the whole weight.
  // Another year's card does not have it; withdrawing it restores "no data source".
  EXPECT_EQ(LineOf(services_->scorecards.Card(leader_, posting_a_, {2027, "", ""}),
                   AgreementItemKind::kProsperProjects)
                .source,
            "none");
  const Scorecard withdrawn = services_->scorecards.SetManualActual(
      leader_, posting_a_, 2026, {"prosper_projects", std::nullopt, ""});
  EXPECT_EQ(LineOf(withdrawn, AgreementItemKind::kProsperProjects).source, "none");
}

TEST_F(ScorecardTest, TheCountyDefaultsAreSetByAnAdministratorAndAddUpTo100) {
  std::vector<ScorecardDefault> items = {{AgreementItemKind::kVisitCoverage, 70, 80},
                                         {AgreementItemKind::kConsultations, 30, 10}};
  EXPECT_THROW(services_->scorecards.SetDefaults(leader_, items), domain::Forbidden);
  auto short_of_100 = items;
  short_of_100[1].weight = 20;
  EXPECT_THROW(services_->scorecards.SetDefaults(admin_, short_of_100), domain::InvalidInput);
  services_->scorecards.SetDefaults(admin_, items);
  const auto stored = services_->scorecards.Defaults(leader_);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_DOUBLE_EQ(stored[0].target, 80);
  const Scorecard card = services_->scorecards.Card(leader_, posting_a_, {2026, "", ""});
  ASSERT_EQ(card.lines.size(), 2u);
  EXPECT_DOUBLE_EQ(card.max_points, 100);
  EXPECT_DOUBLE_EQ(card.lines[0].weight, 70);
}

TEST_F(ScorecardTest, TheFrozenJsonListsEveryLineAndTheTotal) {
  const Scorecard card = services_->scorecards.Card(leader_, posting_a_, {2026, "", ""});
  const std::string json = ScorecardService::FrozenJson(card);
  EXPECT_NE(json.find("\"item\":\"走访农户覆盖率\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"item\":\"合计\""), std::string::npos) << json;
  EXPECT_NE(json.find("尚无数据来源"), std::string::npos) << json;
}

}  // namespace
}  // namespace minqing::app
